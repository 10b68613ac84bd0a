from pathlib import Path

from django.core.management.base import BaseCommand

from council.pack import LANGUAGES, build_meeting_pack

from ._meeting_arg import resolve_meeting


class Command(BaseCommand):
    help = (
        "Build a meeting's pack (cover, agenda, attendance, minutes, plan progress, the measures on the agenda "
        "and the meeting's PDF documents, with bookmarks) as one PDF."
    )

    def add_arguments(self, parser):
        parser.add_argument("meeting", help="Meeting number (5), COUNCIL_ID-NUMBER (1-5) or id:PK.")
        parser.add_argument("--output", "-o", required=True, type=Path, help="PDF file to write.")
        parser.add_argument("--lang", choices=LANGUAGES, default="lv", help="Language of the pack (default lv).")

    def handle(self, *args, **options):
        meeting = resolve_meeting(options["meeting"])
        content = build_meeting_pack(meeting, language=options["lang"])
        options["output"].write_bytes(content)
        self.stdout.write(f"Wrote {options['output']} ({len(content)} bytes) for meeting {meeting}.")
