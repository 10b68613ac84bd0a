from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

DEMO_USERNAME = "admin"
DEMO_PASSWORD = "ogp-demo-2026"


class Command(BaseCommand):
    help = "Create (or reset) the demo superuser for a development run and print its login."

    def handle(self, *args, **options):
        if not settings.DEBUG:
            # A known password must never exist on a production database.
            raise CommandError("Refusing to create the demo admin with DEBUG off.")
        user, created = get_user_model().objects.get_or_create(
            username=DEMO_USERNAME, defaults={"email": "admin@example.invalid"}
        )
        user.is_staff = True
        user.is_superuser = True
        user.set_password(DEMO_PASSWORD)
        user.save()
        verb = "Created" if created else "Reset"
        self.stdout.write(
            self.style.SUCCESS(
                f"{verb} the demo admin. Log in at http://127.0.0.1:8000/admin/ as {DEMO_USERNAME} / {DEMO_PASSWORD}"
            )
        )
