from urllib.parse import urlencode

from django.conf import settings
from django.http import HttpResponseRedirect
from django.urls import Resolver404, resolve, reverse

from . import policy

# What an account that has given only its password may still reach: the 2FA pages and logging out.
EXEMPT_VIEW_NAMES = frozenset(
    {
        "accounts:otp_verify",
        "accounts:otp_setup",
        "admin:logout",
        "council:logout",
        "set_language",
    }
)


def second_factor_applies(user) -> bool:
    """Staff, and council members: a council member's password opens draft council documents."""
    return bool(user.is_active and (user.is_staff or policy.is_council_member(user)))


def needs_second_factor(user) -> bool:
    if not settings.OTP_REQUIRED_FOR_STAFF:
        return False
    if not user.is_authenticated:
        return False
    is_verified = getattr(user, "is_verified", None)
    if is_verified and is_verified():
        return False
    return second_factor_applies(user)


def second_factor_url(user, next_url: str) -> str:
    from django_otp import user_has_device

    name = "accounts:otp_verify" if user_has_device(user) else "accounts:otp_setup"
    return f"{reverse(name)}?{urlencode({'next': next_url})}"


class StaffTwoFactorMiddleware:
    """Sends staff and council members who have not passed a second factor in this session to verify (or
    set one up).

    A middleware rather than OTPAdminSite so that every page of such an account (admin, council drafts,
    previews, staff downloads) is covered, not only the admin, and the admin site stays the default one.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if user is not None and needs_second_factor(user) and not self._is_exempt(request):
            return HttpResponseRedirect(second_factor_url(user, request.get_full_path()))
        return self.get_response(request)

    @staticmethod
    def _is_exempt(request) -> bool:
        path = request.path_info
        if path.startswith(settings.STATIC_URL):
            return True
        try:
            match = resolve(path)
        except Resolver404:
            return False
        return match.view_name in EXEMPT_VIEW_NAMES
