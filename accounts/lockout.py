"""django-axes' lockout page (settings.AXES_LOCKOUT_CALLABLE), in the frame of the sign-in page it answers."""

from django.conf import settings
from django.shortcuts import render

from .admin_frame import admin_frame

# The council's sign-in page is in the public frame; every other sign-in is the admin's.
PUBLIC_FRAME_NAMESPACES = frozenset({"council"})


def locked_out(request, original_response=None, credentials=None):
    match = getattr(request, "resolver_match", None)
    minutes = int(settings.AXES_COOLOFF_TIME.total_seconds() // 60)
    context = {"cooloff_minutes": minutes}
    if match is not None and PUBLIC_FRAME_NAMESPACES & set(match.namespaces):
        template = "accounts/locked_out_public.html"
    else:
        template = "accounts/locked_out.html"
        context.update(admin_frame(request))
    return render(request, template, context, status=settings.AXES_HTTP_RESPONSE_CODE)
