from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from council.minutes import LANGUAGES, NoMinutesRecorded, render_minutes_pdf

from ._meeting_arg import resolve_meeting


class Command(BaseCommand):
    help = "Generate a meeting's minutes as a PDF from the structured meeting (Latvian or English edition)."

    def add_arguments(self, parser):
        parser.add_argument("meeting", help="Meeting number (5), COUNCIL_ID-NUMBER (1-5) or id:PK.")
        parser.add_argument("--lang", choices=LANGUAGES, default="lv", help="Edition (default lv).")
        parser.add_argument("--output", "-o", required=True, type=Path, help="PDF file to write.")

    def handle(self, *args, **options):
        meeting = resolve_meeting(options["meeting"])
        try:
            content = render_minutes_pdf(meeting, options["lang"])
        except NoMinutesRecorded as error:
            raise CommandError(str(error)) from error
        options["output"].write_bytes(content)
        self.stdout.write(f"Wrote {options['output']} ({len(content)} bytes) for meeting {meeting}.")
