from django import template

from commitments.dashboard import dashboard_for

register = template.Library()


@register.inclusion_tag("commitments/admin/dashboard.html", takes_context=True)
def admin_dashboard(context):
    """The admin home's role-specific panel: `{% load accounts_dashboard %}{% admin_dashboard %}`."""
    request = context["request"]
    return {**dashboard_for(request.user), "request": request}
