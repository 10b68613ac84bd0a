from urllib.parse import urlencode

from django.conf import settings
from django.http import HttpResponseRedirect
from django.urls import Resolver404, resolve, reverse

# What a staff member who has given only their password may still reach: the 2FA pages and logging out.
EXEMPT_VIEW_NAMES = frozenset(
    {
        "accounts:otp_verify",
        "accounts:otp_setup",
        "admin:logout",
        "set_language",
    }
)


def needs_second_factor(user) -> bool:
    if not settings.OTP_REQUIRED_FOR_STAFF:
        return False
    if not (user.is_authenticated and user.is_active and user.is_staff):
        return False
    is_verified = getattr(user, "is_verified", None)
    return not (is_verified and is_verified())


def second_factor_url(user, next_url: str) -> str:
    from django_otp import user_has_device

    name = "accounts:otp_verify" if user_has_device(user) else "accounts:otp_setup"
    return f"{reverse(name)}?{urlencode({'next': next_url})}"


class StaffTwoFactorMiddleware:
    """Sends staff who have not passed a second factor in this session to verify (or set one up).

    A middleware rather than OTPAdminSite so that every staff-only page (admin, council drafts, previews,
    staff downloads) is covered, not only the admin, and the admin site stays the default one.
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
