"""Login-time session policy. Kept here (not in a model's save) because it concerns the session only."""

from django.conf import settings
from django.contrib.auth.signals import user_logged_in
from django.dispatch import receiver


@receiver(user_logged_in, dispatch_uid="accounts_staff_session_expiry")
def staff_sessions_end_with_the_browser(sender, request, user, **kwargs):
    # A staff session on a shared computer should not outlive the browser; SESSION_COOKIE_AGE still caps
    # the session server-side (set_expiry(0) keeps the server-side age limit).
    if user.is_staff and getattr(settings, "STAFF_SESSION_EXPIRE_AT_BROWSER_CLOSE", True) and request is not None:
        request.session.set_expiry(0)
