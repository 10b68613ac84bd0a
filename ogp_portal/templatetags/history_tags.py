"""`{{ record|history_actor }}`: who wrote a history row (ogp_portal.history.actors.actor_name)."""

from django import template

from ogp_portal.history.actors import actor_name

register = template.Library()


@register.filter
def history_actor(record) -> str:
    return actor_name(record.history_user, record.history_change_reason or "")
