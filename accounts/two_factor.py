"""Second-factor devices: a TOTP app (primary) and single-use backup codes (when the phone is lost)."""

from base64 import b32encode

import segno
from django.conf import settings
from django.db import transaction
from django.utils.safestring import SafeString, mark_safe
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

TOTP_NAME = "TOTP"
BACKUP_NAME = "backup"


def totp_device_for_setup(*, user) -> TOTPDevice:
    """The user's pending (unconfirmed) authenticator; created on first use, reused on reload."""
    device = TOTPDevice.objects.filter(user=user, confirmed=False).order_by("-pk").first()
    if device is None:
        device = TOTPDevice.objects.create(user=user, name=TOTP_NAME, confirmed=False)
    return device


def totp_secret(device: TOTPDevice) -> str:
    """The base32 secret, in groups of four, for typing into an app that cannot scan."""
    secret = b32encode(device.bin_key).decode("ascii")
    return " ".join(secret[i : i + 4] for i in range(0, len(secret), 4))


def qr_svg(device: TOTPDevice, *, title: str) -> SafeString:
    # Rendered on the server as inline SVG: no image service, nothing fetched, CSP-safe.
    return mark_safe(segno.make(device.config_url, error="m").svg_inline(scale=5, title=title, svgclass="otp-qr"))


@transaction.atomic
def totp_confirm(*, device: TOTPDevice, token: str) -> bool:
    """Confirm a pending authenticator with its first code; it then replaces any older one."""
    if not device.verify_token(token.strip().replace(" ", "")):
        return False
    device.confirmed = True
    device.save()
    TOTPDevice.objects.filter(user=device.user).exclude(pk=device.pk).delete()
    return True


@transaction.atomic
def backup_codes_regenerate(*, user) -> list[str]:
    """A fresh set of single-use backup codes; the old ones stop working."""
    device, _created = StaticDevice.objects.get_or_create(user=user, name=BACKUP_NAME, defaults={"confirmed": True})
    device.token_set.all().delete()
    codes = [StaticToken.random_token() for _ in range(settings.OTP_STATIC_BACKUP_CODES)]
    StaticToken.objects.bulk_create([StaticToken(device=device, token=code) for code in codes])
    return codes


def verify_second_factor(*, user, token: str):
    """The device that accepts `token`, or None.

    A six-digit number is tried against the authenticator, anything else against the backup codes,
    so a typo never counts as a failed attempt on the other device (django-otp throttles per device).
    """
    token = (token or "").strip().replace(" ", "").lower()
    if not token:
        return None
    if token.isdigit() and len(token) == 6:
        devices = TOTPDevice.objects.filter(user=user, confirmed=True)
    else:
        devices = StaticDevice.objects.filter(user=user, confirmed=True)
    for device in devices:
        with transaction.atomic():
            locked = type(device).objects.select_for_update().get(pk=device.pk)
            if locked.verify_token(token):
                return locked
    return None


def is_throttled(*, user) -> bool:
    """True while wrong codes have temporarily disabled verification on one of the user's devices."""
    for model in (TOTPDevice, StaticDevice):
        for device in model.objects.filter(user=user, confirmed=True):
            if not device.verify_is_allowed()[0]:
                return True
    return False
