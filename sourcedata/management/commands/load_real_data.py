"""Load the real data that ships with the portal: the TOML files under `fixtures/`.

The files hold what the State Chancellery's source documents say about the plans, the
institutions and the supervisory council (see the comments in each file). The command is run by
`make run` on every start, so it has to be safe to repeat:

- It only creates what is missing, matched on natural keys (plan slug, institution slug,
  commitment number, measure number, meeting date, ...). It never updates a record that exists, so
  whatever staff changed in the admin stays as they left it.
- A record whose key staff changed (a renamed unnumbered measure, a renumbered one) is still
  recognised through its history rows, and one that staff deleted is not brought back.
- Everything runs in one transaction: a bad fixture raises a clear error and leaves the database
  as it was.
- Each created record is written through its app's service (sourcedata/loading/writes.py) as the
  source loader (ogp_portal/history/actors.py), so it gets exactly one history row, many-to-many
  values included, with no user and the reason "Sākotnējā ielāde no avota dokumentiem" ("initial
  load from source documents").

The readers, one per part of the fixture files, are in sourcedata/loading/.
"""

from pathlib import Path

from django.core.management.base import BaseCommand

from sourcedata.loading.files import default_source_dir
from sourcedata.loading.loader import Loader
from sourcedata.loading.writes import CHANGE_REASON

__all__ = ["CHANGE_REASON", "Command", "Loader"]


class Command(BaseCommand):
    help = (
        "Load the real plans, institutions, council and consultation data from fixtures/. "
        "Creates only what is missing; never changes existing records."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--source-dir", type=Path, default=None, help="Directory with the fixture files (default: fixtures/)."
        )

    def handle(self, *args, source_dir=None, **options):
        loader = Loader(source_dir or default_source_dir())
        loader.run()
        created = sum(c["created"] for c in loader.counts.values())
        for model, counts in sorted(loader.counts.items()):
            parts = ", ".join(f"{n} {what}" for what, n in sorted(counts.items()))
            self.stdout.write(f"  {model}: {parts}")
        self.stdout.write(self.style.SUCCESS(f"Real data loaded: {created} records created."))
