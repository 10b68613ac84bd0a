import io

import segno
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice

from accounts import two_factor

DEMO_USERNAME = "admin"
DEMO_PASSWORD = "ogp-demo-2026"
DEMO_DEVICE_NAME = "demo"


def current_code(device: TOTPDevice) -> str:
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    return f"{totp.token():0{device.digits}d}"


class Command(BaseCommand):
    help = (
        "Create (or reset) the demo superuser for a development run and print its login, including the "
        "second factor every staff account needs. With --code, print only the current six-digit code."
    )

    def add_arguments(self, parser):
        parser.add_argument("--code", action="store_true", help="Print the demo admin's current 2FA code and stop.")
        parser.add_argument("--no-qr", action="store_true", help="Do not draw the QR code in the terminal.")

    def handle(self, *args, code=False, no_qr=False, **options):
        if not settings.DEBUG:
            # A known password must never exist on a production database.
            raise CommandError("Refusing to create the demo admin with DEBUG off.")
        User = get_user_model()
        if code:
            device = TOTPDevice.objects.filter(
                user__username=DEMO_USERNAME, name=DEMO_DEVICE_NAME, confirmed=True
            ).first()
            if device is None:
                raise CommandError("No demo admin yet: run `manage.py ensure_demo_admin` first.")
            self.stdout.write(current_code(device))
            return

        user, created = User.objects.get_or_create(username=DEMO_USERNAME, defaults={"email": "admin@example.invalid"})
        user.is_staff = True
        user.is_superuser = True
        user.set_password(DEMO_PASSWORD)
        user.save()
        # The same authenticator key across runs, so a phone set up once keeps working.
        device, _ = TOTPDevice.objects.get_or_create(user=user, name=DEMO_DEVICE_NAME, defaults={"confirmed": True})
        if not device.confirmed:
            device.confirmed = True
            device.save(update_fields=["confirmed"])
        backup_codes = two_factor.backup_codes_regenerate(user=user)

        verb = "Created" if created else "Reset"
        site = settings.SITE_URL.rstrip("/")
        lines = [
            f"{verb} the demo admin. Log in at {site}/admin/ as {DEMO_USERNAME} / {DEMO_PASSWORD}",
            "Staff accounts need a second factor. After the password, enter any one of:",
            f"  - the current code: `python manage.py ensure_demo_admin --code` (right now: {current_code(device)})",
            f"  - a backup code (each works once): {' '.join(backup_codes)}",
            f"  - a code from an authenticator app set up with the key {two_factor.totp_secret(device)}"
            + ("" if no_qr else " or the QR code below"),
        ]
        self.stdout.write(self.style.SUCCESS("\n".join(lines)))
        if not no_qr:
            buffer = io.StringIO()
            segno.make(device.config_url, error="l").terminal(out=buffer, compact=True)
            self.stdout.write(buffer.getvalue())
