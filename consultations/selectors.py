"""Read-side queries over consultations shared by the public pages and the open data."""

from django.db.models import Count, QuerySet

from .models import Consultation


def public_consultations() -> QuerySet[Consultation]:
    """Consultations of published plans, newest first, each with its number of proposals (`n_proposals`)."""
    return (
        Consultation.objects.published()
        .select_related("plan", "revision")
        .annotate(n_proposals=Count("proposals"))
        .order_by("-period_start", "pk")
    )
