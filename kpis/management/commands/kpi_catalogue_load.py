"""`manage.py kpi_catalogue_load [path]`: load the U4SSC KPI catalogue (kpis/data/u4ssc-kpis.csv by
default) through `kpis.services.catalogue_load`; idempotent."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from kernel.lifecycle import DomainError
from kpis import services


class Command(BaseCommand):
    help = "Load the U4SSC KPI catalogue from a CSV file (code, dimension, sub_dimension, category, name, unit, core_or_advanced, type)."

    def add_arguments(self, parser):
        parser.add_argument("path", nargs="?", default=str(services.CATALOGUE_CSV))

    def handle(self, *args, path, **options):
        try:
            created, updated = services.catalogue_load(rows=services.catalogue_rows(Path(path)))
        except (DomainError, KeyError, OSError) as exc:
            raise CommandError(str(getattr(exc, "message", exc))) from exc
        self.stdout.write(self.style.SUCCESS(f"KPI catalogue: {created} created, {updated} updated."))
