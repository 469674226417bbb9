"""Compile the portal's translation catalogues (locale/<lang>/LC_MESSAGES/*.po → .mo).

Like `compilemessages`, without needing GNU gettext's msgfmt on the machine (polib, pure Python):
`make run`, `make test` and the Dockerfile call it; a catalogue whose .mo is newer than its .po is
left alone. The .mo files are build products (.gitignore)."""

from __future__ import annotations

from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand


def compile_catalogues(*, force: bool = False) -> list[Path]:
    import polib

    written = []
    for folder in settings.LOCALE_PATHS:
        for po_path in sorted(Path(folder).glob("*/LC_MESSAGES/*.po")):
            mo_path = po_path.with_suffix(".mo")
            if not force and mo_path.exists() and mo_path.stat().st_mtime >= po_path.stat().st_mtime:
                continue
            catalogue = polib.pofile(str(po_path))
            tmp = mo_path.with_suffix(".mo.tmp")
            catalogue.save_as_mofile(str(tmp))
            tmp.replace(mo_path)  # atomic: a process reading the catalogue never sees half a file
            written.append(mo_path)
    return written


class Command(BaseCommand):
    help = "Compile locale/*/LC_MESSAGES/*.po into .mo files (only those that changed)."

    def add_arguments(self, parser):
        parser.add_argument("--force", action="store_true", help="Compile every catalogue again.")

    def handle(self, *args, force=False, **options):
        written = compile_catalogues(force=force)
        self.stdout.write(f"{len(written)} catalogue(s) compiled.")
