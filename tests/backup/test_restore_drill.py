"""The restore drill: votes, receipts, history and uploaded files survive a backup and a restore
into an empty database and an empty media root, byte for byte.

Run as an operator would (README "Backups"): `manage.py dbbackup --compress --encrypt` and
`mediabackup --compress --encrypt` in a separate process, with a GPG key made for the drill; then
`dbrestore` and `mediarestore` (--decrypt --uncompress) into a new PostgreSQL database and an empty
media directory. Every table of the original is compared row for row with the restored one.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import subprocess
import sys
from pathlib import Path

import psycopg2
import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.utils import timezone

from governance import services as governance
from governance.models import Ballot, Decision
from meetings import services as meetings
from thematic_groups import services as thematic_groups

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]

ROOT = Path(__file__).resolve().parents[2]
PASSPHRASE = "restore-drill-passphrase"


def pdf(text: str) -> bytes:
    return (
        b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\n"
        + f"% {text}\n".encode()
        + b"trailer<</Root 1 0 R>>\n%%EOF\n"
    )


@pytest.fixture
def gnupg_home(tmp_path):
    """A GPG keyring with a key pair made for the drill (the production server holds only the
    public key; the private key and its passphrase are kept offline, README)."""
    home = tmp_path / "gnupg"
    home.mkdir(mode=0o700)
    env = {**os.environ, "GNUPGHOME": str(home)}
    gpg = ["gpg", "--batch", "--pinentry-mode", "loopback", "--passphrase", PASSPHRASE]
    subprocess.run(
        [
            *gpg,
            "--quick-gen-key",
            "U4SSC backup drill <drill@u4ssc.test>",
            "future-default",
            "default",
            "never",
        ],
        env=env,
        check=True,
        capture_output=True,
    )
    listing = subprocess.run(
        ["gpg", "--batch", "--with-colons", "--list-keys"],
        env=env,
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    fingerprint = next(line.split(":")[9] for line in listing.splitlines() if line.startswith("fpr:"))
    yield home, fingerprint
    subprocess.run(["gpgconf", "--kill", "gpg-agent"], env=env, capture_output=True)


@pytest.fixture
def restore_database():
    """An empty PostgreSQL database next to the test database, dropped afterwards."""
    source = connection.settings_dict
    name = f"{source['NAME']}_restore"
    admin = psycopg2.connect(
        dbname="postgres",
        user=source["USER"],
        password=source["PASSWORD"],
        host=source["HOST"],
        port=source["PORT"] or 5432,
    )
    admin.autocommit = True
    with admin.cursor() as cursor:
        cursor.execute(f'DROP DATABASE IF EXISTS "{name}"')
        cursor.execute(f'CREATE DATABASE "{name}"')
    yield name
    with admin.cursor() as cursor:
        cursor.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    admin.close()


def database_url(name: str) -> str:
    source = connection.settings_dict
    password = f":{source['PASSWORD']}" if source["PASSWORD"] else ""
    return f"postgres://{source['USER']}{password}@{source['HOST']}:{source['PORT'] or 5432}/{name}"


def manage(*args: str, database: str, media: Path, backups: Path, gnupg: Path, recipient: str, **extra):
    env = {
        **os.environ,
        **extra,
        "DJANGO_SETTINGS_MODULE": "u4ssc.settings_test",
        "DATABASE_URL": database_url(database),
        "U4SSC_MEDIA_ROOT": str(media),
        "U4SSC_BACKUP_DIR": str(backups),
        "U4SSC_BACKUP_GPG_RECIPIENT": recipient,
        "GNUPGHOME": str(gnupg),
    }
    result = subprocess.run(
        [sys.executable, "manage.py", *args], cwd=ROOT, env=env, capture_output=True, text=True, timeout=300
    )
    assert result.returncode == 0, f"{args}: {result.stdout}\n{result.stderr}"
    return result


def every_table(name: str) -> dict[str, list[tuple]]:
    """Every row of every table of the public schema, in a stable order."""
    source = connection.settings_dict
    db = psycopg2.connect(
        dbname=name,
        user=source["USER"],
        password=source["PASSWORD"],
        host=source["HOST"],
        port=source["PORT"] or 5432,
    )
    try:
        with db.cursor() as cursor:
            cursor.execute("SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY tablename")
            tables = [row[0] for row in cursor.fetchall()]
            content = {}
            for table in tables:
                cursor.execute(f'SELECT * FROM "{table}"')
                content[table] = sorted(cursor.fetchall(), key=repr)
            cursor.execute(
                "SELECT sequencename, last_value FROM pg_sequences WHERE schemaname = 'public' ORDER BY 1"
            )
            content["(sequences)"] = cursor.fetchall()
        return content
    finally:
        db.close()


def files_under(root: Path) -> dict[str, bytes]:
    return {str(p.relative_to(root)): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


def test_votes_receipts_history_and_files_survive_backup_and_restore(
    cast, tmp_path, gnupg_home, restore_database
):
    gnupg, recipient = gnupg_home
    now = timezone.now()
    decision = governance.decision_open(
        by=cast.secretariat,
        kind=Decision.Kind.OTHER,
        question="Shall the next annual meeting be held in Geneva?",
        deadline=now + dt.timedelta(days=10),
    )
    governance.ballot_cast(decision=decision, partner=cast.partner_a, by=cast.focal_a, choice="yes")
    governance.ballot_cast(decision=decision, partner=cast.partner_b, by=cast.focal_b, choice="no")
    governance.ballot_cast(
        decision=decision, partner=cast.partner_a, by=cast.focal_a, choice="abstain"
    )  # changed
    emeeting = meetings.emeeting_schedule(
        by=cast.leader_x,
        title="City Platforms e-meeting",
        starts_at=now - dt.timedelta(days=1),
        thematic_group=cast.group_x,
        held=True,  # it took place yesterday: recorded as held, its minutes follow
    )
    meetings.minutes_upload(
        by=cast.leader_x, meeting=emeeting, file=SimpleUploadedFile("m.pdf", pdf("Minutes"))
    )
    thematic_groups.draft_upload(
        by=cast.leader_x, deliverable=cast.draft_x, file=SimpleUploadedFile("d.pdf", pdf("Draft")), note=""
    )
    receipts = set(Ballot.objects.values_list("receipt_code", flat=True))
    assert len(receipts) == 2

    original_db = connection.settings_dict["NAME"]
    original_media = Path(settings.MEDIA_ROOT)
    before = every_table(original_db)
    files = files_under(original_media)
    assert len(files) == 2 and all(content.startswith(b"%PDF") for content in files.values())
    assert before["governance_ballot"] and before["governance_historicalballot"]

    backups = tmp_path / "backups"
    common = {"backups": backups, "gnupg": gnupg, "recipient": recipient}
    manage(
        "dbbackup",
        "--compress",
        "--encrypt",
        "--noinput",
        database=original_db,
        media=original_media,
        **common,
    )
    manage(
        "mediabackup",
        "--compress",
        "--encrypt",
        "--noinput",
        database=original_db,
        media=original_media,
        **common,
    )
    made = sorted(p.name for p in backups.iterdir() if not p.name.endswith(".metadata"))
    assert len(made) == 2 and all(name.endswith(".gz.gpg") for name in made), made
    for backup in backups.iterdir():  # encrypted: no receipt code and no PDF in clear
        raw = backup.read_bytes()
        assert not any(code.encode() in raw for code in receipts) and b"%PDF" not in raw

    restored_media = tmp_path / "restored-media"
    restored_media.mkdir()
    restore = ("--decrypt", "--uncompress", "--passphrase", PASSPHRASE, "--noinput")
    manage("dbrestore", *restore, database=restore_database, media=restored_media, **common)
    manage("mediarestore", *restore, database=restore_database, media=restored_media, **common)

    after = every_table(restore_database)
    assert after.keys() == before.keys()
    differing = [table for table in before if before[table] != after[table]]
    assert not differing, f"tables that differ after the restore: {differing}"
    restored_ballots = after["governance_ballot"]
    assert len(restored_ballots) == 2
    assert files_under(restored_media) == files


# The scheduled run, three times: each `--clean` run of both commands in one process (Django
# starts once instead of six times), a minute apart on the clock (file names carry the second).
THREE_SCHEDULED_RUNS = """
import datetime as dt, json, os, time_machine
from django.core.management import call_command
from django.utils import timezone
made = []
for run in range(3):
    with time_machine.travel(timezone.now() + dt.timedelta(minutes=run)):
        for command in ("dbbackup", "mediabackup"):
            call_command(command, "--compress", "--encrypt", "--clean", "--noinput")
    made.append(sorted(n for n in os.listdir(os.environ["U4SSC_BACKUP_DIR"]) if n.endswith(".gpg")))
print(json.dumps(made))
"""


def test_clean_keeps_only_the_newest_backups(cast, tmp_path, gnupg_home):
    """The scheduled run passes --clean: older backups beyond U4SSC_BACKUP_KEEP are deleted."""
    gnupg, recipient = gnupg_home
    backups = tmp_path / "backups"
    backups.mkdir()
    Path(settings.MEDIA_ROOT).mkdir(parents=True, exist_ok=True)
    result = manage(
        "shell",
        "-c",
        THREE_SCHEDULED_RUNS,
        database=connection.settings_dict["NAME"],
        media=Path(settings.MEDIA_ROOT),
        backups=backups,
        gnupg=gnupg,
        recipient=recipient,
        U4SSC_BACKUP_KEEP="2",
    )
    made = json.loads(result.stdout.strip().splitlines()[-1])
    assert [len(names) for names in made] == [2, 4, 4]
    kept = set(made[-1])
    assert not set(made[0]) & kept  # the first run's two files were the oldest: gone
    assert len([n for n in kept if ".psql.bin" in n]) == 2 and len([n for n in kept if ".tar" in n]) == 2
