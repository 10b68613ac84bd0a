"""Read-side queries over plans shared by the public pages and the open data."""

from django.db.models import QuerySet

from .models import ActionPlan


def public_plans() -> QuerySet[ActionPlan]:
    """Published plans with their coordinator, as every public list and page of a plan shows them."""
    return ActionPlan.objects.published().select_related("coordinator")


def public_plans_newest_first() -> QuerySet[ActionPlan]:
    """The plan list's order, which its downloads keep: newest first, the id breaking a tie."""
    return public_plans().order_by("-period_start", "pk")
