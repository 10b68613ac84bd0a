"""Two-factor pages for staff and council members: verify a code after the password, set up an
authenticator, backup codes."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST
from django_otp import login as otp_login
from django_otp import user_has_device

from . import two_factor
from .admin_frame import admin_frame
from .forms import SetupForm, TokenForm


def _home_url(user) -> str:
    # Staff work in the admin; council members (not staff: the admin refuses them) on the council pages.
    return reverse("admin:index") if user.is_staff else reverse("council:meetings")


def _next_url(request) -> str:
    candidate = request.POST.get("next") or request.GET.get("next") or ""
    if url_has_allowed_host_and_scheme(
        candidate, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return candidate
    return _home_url(request.user)


def _context(request, **extra) -> dict:
    logout_url = reverse("admin:logout") if request.user.is_staff else reverse("council:logout")
    return {**admin_frame(request), "next": _next_url(request), "logout_url": logout_url, **extra}


def _is_verified(user) -> bool:
    return bool(getattr(user, "is_verified", None) and user.is_verified())


def _start_verified_session(request, device) -> None:
    # A new session key when the account gains its full rights, as at login.
    request.session.cycle_key()
    otp_login(request, device)


@never_cache
@login_required
@require_http_methods(["GET", "POST"])
def otp_verify(request):
    user = request.user
    if not user_has_device(user):
        return redirect(f"{reverse('accounts:otp_setup')}?next={_next_url(request)}")
    form = TokenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        # django-otp doubles the wait after each wrong code; say so rather than "wrong code" while it lasts.
        if two_factor.is_throttled(user=user):
            form.add_error(
                "token",
                ValidationError(_("Too many wrong codes. Wait a moment before trying again."), code="throttled"),
            )
        else:
            device = two_factor.verify_second_factor(user=user, token=form.cleaned_data["token"])
            if device is not None:
                _start_verified_session(request, device)
                return redirect(_next_url(request))
            form.add_error(
                "token",
                ValidationError(
                    _("This code is not valid. Check the time on your phone, or use a backup code."), code="invalid"
                ),
            )
    return render(
        request, "accounts/otp_verify.html", _context(request, form=form, title=_("Two-factor authentication"))
    )


@never_cache
@login_required
@require_http_methods(["GET", "POST"])
def otp_setup(request):
    user = request.user
    # Someone who knows only the password must not be able to enrol their own phone.
    if user_has_device(user) and not _is_verified(user):
        return redirect(f"{reverse('accounts:otp_verify')}?next={_next_url(request)}")
    device = two_factor.totp_device_for_setup(user=user)
    form = SetupForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if two_factor.totp_confirm(device=device, token=form.cleaned_data["token"]):
            codes = two_factor.backup_codes_regenerate(user=user)
            _start_verified_session(request, device)
            return render(
                request,
                "accounts/otp_backup_codes.html",
                _context(request, codes=codes, title=_("Your backup codes")),
            )
        form.add_error(
            "token",
            ValidationError(
                _("This code is not valid. Check the time on your phone and try the next code."), code="invalid"
            ),
        )
    return render(
        request,
        "accounts/otp_setup.html",
        _context(
            request,
            form=form,
            qr=two_factor.qr_svg(device, title=_("QR code for your authenticator app")),
            secret=two_factor.totp_secret(device),
            title=_("Set up two-factor authentication"),
        ),
    )


@never_cache
@login_required
@require_POST
def otp_backup_codes(request):
    """New backup codes for an account that has already passed its second factor."""
    if not _is_verified(request.user):
        messages.error(request, _("Confirm a code first."))
        return redirect(f"{reverse('accounts:otp_verify')}?next={_home_url(request.user)}")
    codes = two_factor.backup_codes_regenerate(user=request.user)
    return render(
        request, "accounts/otp_backup_codes.html", _context(request, codes=codes, title=_("Your backup codes"))
    )
