import datetime

from django.core.management.base import BaseCommand

from commitments.reminders import send_reminders
from notifications.services import messages_send_due


class Command(BaseCommand):
    help = "E-mail institution editors whose progress reports are due soon or late (run daily from cron)."

    def add_arguments(self, parser):
        parser.add_argument("--date", type=datetime.date.fromisoformat, help="Pretend today is this date (YYYY-MM-DD).")
        parser.add_argument("--dry-run", action="store_true", help="List the reminders without sending them.")

    def handle(self, *args, date=None, dry_run=False, **options):
        sent = send_reminders(today=date, dry_run=dry_run)
        verb = "Would send" if dry_run else "Queued"
        for item in sent:
            self.stdout.write(
                f"{verb} {item.kind} reminder to {item.user.email} for “{item.reporting_round}” "
                f"({len(item.measures)} measures)"
            )
        self.stdout.write(f"{verb} {len(sent)} reminder(s).")
        if not dry_run:
            # Without a running worker, cron's run sends them itself (a message is never sent twice).
            self.stdout.write(f"Sent {messages_send_due()} message(s) from the outbox.")
