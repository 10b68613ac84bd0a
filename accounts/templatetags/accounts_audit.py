"""`{% audit_link %}`: the admin home's link to all changes, for those who may see them."""

from django import template
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext as _

from accounts import policy

register = template.Library()


@register.simple_tag(takes_context=True)
def audit_link(context) -> str:
    request = context.get("request")
    if request is None or not policy.is_coordinator(request.user):
        return ""
    return format_html(
        '<p class="audit-link"><a href="{}">{}</a> — {}</p>',
        reverse("admin_audit"),
        _("All changes"),
        _("who changed what, when and why, across the whole portal"),
    )
