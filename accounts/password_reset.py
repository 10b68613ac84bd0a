"""Password reset by e-mail, with Django's own views: for staff in the admin's look, for council members
in the public frame (council/urls.py uses the same classes with its own templates and addresses).

The e-mail goes out in the language of the page it was asked from (the user model has no language of
its own). Its link follows the account, not the page it was asked from: staff finish in the admin, every
other account (council members) on the council pages, whose sign-in is theirs. A reset never signs
anyone in (Django's `post_reset_login` stays False): the new password is followed by the usual login and
its second factor.
"""

from django.contrib.auth import forms as auth_forms
from django.contrib.auth import views as auth_views
from django.urls import reverse, reverse_lazy
from django.utils.decorators import method_decorator
from django.views.decorators.cache import never_cache

from .admin_frame import admin_frame

STAFF_CONFIRM_URL = "accounts:password_reset_confirm"
COUNCIL_CONFIRM_URL = "council:password_reset_confirm"

EMAIL_SUBJECT_TEMPLATE = "accounts/email/password_reset_subject.txt"
EMAIL_TEMPLATE = "accounts/email/password_reset.txt"


def confirm_url_name(user) -> str:
    return STAFF_CONFIRM_URL if user.is_staff else COUNCIL_CONFIRM_URL


class PasswordResetForm(auth_forms.PasswordResetForm):
    def send_mail(self, subject_template_name, email_template_name, context, *args, **kwargs):
        path = reverse(confirm_url_name(context["user"]), kwargs={"uidb64": context["uid"], "token": context["token"]})
        context["reset_url"] = f"{context['protocol']}://{context['domain']}{path}"
        super().send_mail(subject_template_name, email_template_name, context, *args, **kwargs)


@method_decorator(never_cache, name="dispatch")
class ResetRequestView(auth_views.PasswordResetView):
    """An unknown address gets the same answer as a known one: no way to learn who has an account."""

    form_class = PasswordResetForm
    subject_template_name = EMAIL_SUBJECT_TEMPLATE
    email_template_name = EMAIL_TEMPLATE


class AdminFrameMixin:
    def get_context_data(self, **kwargs):
        return {**super().get_context_data(**kwargs), **admin_frame(self.request)}


class StaffResetRequestView(AdminFrameMixin, ResetRequestView):
    template_name = "accounts/password_reset/form.html"
    success_url = reverse_lazy("accounts:password_reset_done")


class StaffResetDoneView(AdminFrameMixin, auth_views.PasswordResetDoneView):
    template_name = "accounts/password_reset/done.html"


class StaffResetConfirmView(AdminFrameMixin, auth_views.PasswordResetConfirmView):
    template_name = "accounts/password_reset/confirm.html"
    success_url = reverse_lazy("accounts:password_reset_complete")


class StaffResetCompleteView(AdminFrameMixin, auth_views.PasswordResetCompleteView):
    template_name = "accounts/password_reset/complete.html"
