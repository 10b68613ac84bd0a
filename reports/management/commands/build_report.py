"""Build one report PDF in the foreground: `manage.py build_report PLAN --kind final --lang lv --output f.pdf`."""

import datetime
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from plans.models import ActionPlan
from reports.models import ReportKind, ReportLanguage
from reports.rendering import render_report


def find_plan(ref: str) -> ActionPlan:
    plan = ActionPlan.objects.filter(slug=ref).first()
    if plan is None and ref.isdigit():
        plan = ActionPlan.objects.filter(pk=int(ref)).first()
    if plan is None:
        raise CommandError(f"No action plan with slug or id {ref!r}.")
    return plan


class Command(BaseCommand):
    help = "Build a mid-term, final or plan-refresh report as PDF (foreground; nothing is stored or published)."

    def add_arguments(self, parser):
        parser.add_argument("plan", help="plan slug or id")
        parser.add_argument("--kind", required=True, choices=ReportKind.values)
        parser.add_argument("--lang", required=True, choices=ReportLanguage.values)
        parser.add_argument("--output", required=True, help="PDF file to write")
        parser.add_argument("--as-of", dest="as_of", help="YYYY-MM-DD (default: today)")

    def handle(self, *args, plan, kind, lang, output, as_of, **options):
        found = find_plan(plan)
        try:
            day = datetime.date.fromisoformat(as_of) if as_of else timezone.localdate()
        except ValueError as exc:
            raise CommandError(f"--as-of must be a date as YYYY-MM-DD, not {as_of!r}.") from exc
        target = Path(output)
        if not target.parent.is_dir():
            raise CommandError(f"The folder {target.parent} does not exist.")
        rendered = render_report(plan=found, kind=kind, language=lang, as_of=day)
        # Write beside the target first so a failed write never leaves half a PDF under the real name.
        partial = target.with_name(target.name + ".part")
        partial.write_bytes(rendered.pdf)
        partial.replace(target)
        self.stdout.write(f"Wrote {target} ({rendered.pages} pages, {len(rendered.pdf)} bytes).")
