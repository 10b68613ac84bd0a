from django import template

from accounts.dashboard import dashboard_for

register = template.Library()


@register.inclusion_tag("accounts/admin/dashboard.html", takes_context=True)
def admin_dashboard(context):
    """The admin home's role-specific panel: `{% load accounts_dashboard %}{% admin_dashboard %}`."""
    request = context["request"]
    return {**dashboard_for(request.user), "request": request}
