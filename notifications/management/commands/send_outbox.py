from django.core.management.base import BaseCommand

from notifications.services import messages_send_due


class Command(BaseCommand):
    help = "Send the due e-mails of the outbox (the worker does it after each write; run from cron as a safety net)."

    def handle(self, *args, **options):
        self.stdout.write(f"Sent {messages_send_due()} message(s).")
