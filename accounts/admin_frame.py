"""The admin's look (header, title, colours) for account pages shown before the admin lets anyone in."""

from django.contrib import admin


def admin_frame(request) -> dict:
    # Without the admin's navigation: this user is not through the door (yet).
    context = admin.site.each_context(request)
    context.update({"available_apps": [], "is_nav_sidebar_enabled": False, "has_permission": False})
    return context
