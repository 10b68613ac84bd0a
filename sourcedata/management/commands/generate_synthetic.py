"""Generate a synthetic data set N times the size of the real plan, for load tests and benchmarks.

    python manage.py generate_synthetic --scale 100 --seed 1

Each of the N synthetic plans has the shape of the real Fifth plan as `load_real_data` loads it (six
commitments, 22 measures of which 3 were added by a revision, two reporting rounds, a council of 25
with meetings, a consultation, funding), plus what a plan in its last year has and the real data
cannot say: progress entries for every measure and round (mostly approved) and several edits per
measure in the history, each with a change reason.

- Synthetic, visibly: slugs start with "synthetic-", Latvian titles with "Sintētisks"/"Sintētiska",
  English ones with "Synthetic", links point to example.invalid. Nothing here describes a real
  person or institution. `load_real_data` never creates any of it.
- Deterministic: the same seed gives the same data (all values come from one seeded random
  generator and fixed dates, never from the clock).
- Fast: bulk_create for rows, bulk history rows, not the services (benchmark data, written in
  bulk for speed); one transaction; since bulk writes send no signals, the public page cache is
  invalidated once at the end (`bulk_changes()` calls `invalidate_public_pages()`).
- Synthetic plans start before the real plans, so `ActionPlan.objects.current()` still finds the
  real one. `--replace` deletes an earlier run with the same seed first.

The builders, one per part of a plan, are in sourcedata/synthetic/.
"""

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils import timezone

from ogp_portal.cache import bulk_changes
from plans.models import ActionPlan
from sourcedata.synthetic.generator import Generator
from sourcedata.synthetic.vocabulary import MEASURES_PER_COMMITMENT, synthetic_prefix
from sourcedata.synthetic.writing import CONTENT_MODELS, delete_synthetic

__all__ = ["CONTENT_MODELS", "MEASURES_PER_COMMITMENT", "Command", "Generator", "delete_synthetic"]


class Command(BaseCommand):
    help = "Create a synthetic data set N times the real plan (for benchmarks). Never mixed into load_real_data."

    def add_arguments(self, parser):
        parser.add_argument("--scale", type=int, required=True, help="how many plans the size of the real one")
        parser.add_argument("--seed", type=int, default=1, help="same seed, same data (default 1)")
        parser.add_argument("--replace", action="store_true", help="delete an earlier run with this seed first")

    def handle(self, *args, scale: int, seed: int, replace: bool, **options):
        if scale < 1:
            raise CommandError("--scale must be at least 1.")
        if seed < 0:
            raise CommandError("--seed must not be negative.")
        prefix = synthetic_prefix(seed)
        started = timezone.now()
        # Bulk writes send no signals: bulk_changes() calls invalidate_public_pages() once, after the commit.
        with bulk_changes(), transaction.atomic():
            if ActionPlan.objects.filter(slug__startswith=prefix).exists():
                if not replace:
                    raise CommandError(
                        f"Synthetic data with seed {seed} already exists; use --replace or another --seed."
                    )
                removed = delete_synthetic(seed)
                self.stdout.write(f"Removed the earlier synthetic data set of seed {seed} ({removed} plans).")
            created = Generator(scale=scale, seed=seed).run()
        seconds = (timezone.now() - started).total_seconds()
        for name, n in sorted(created.items()):
            self.stdout.write(f"  {name}: {n}")
        total = sum(created.values())
        self.stdout.write(
            self.style.SUCCESS(f"Synthetic data (scale {scale}, seed {seed}): {total} rows in {seconds:.1f} s.")
        )
