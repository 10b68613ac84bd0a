"""The sitemap (/sitemap.xml): every public page in both languages, each with its hreflang alternates.

Only published content: every section starts from a `published()` QuerySet, so a draft plan and all
of its commitments, measures and consultations stay out, as do draft council meetings. lastmod is
given only where the data knows when the page last changed: a measure's newest history record or
approved progress report, a council meeting's publication.
"""

from django.contrib.sitemaps import Sitemap
from django.db.models import DateTimeField, OuterRef, Q, Subquery
from django.db.models.functions import Coalesce, Greatest
from django.urls import reverse

from commitments.models import Commitment, Measure, ProgressEntry
from consultations.models import Consultation
from council.models import Meeting
from institutions.models import Institution
from plans.models import ActionPlan


class _Bilingual(Sitemap):
    i18n = True
    alternates = True
    x_default = True


class PagesSitemap(_Bilingual):
    """The lists and the pages without an object of their own."""

    def items(self):
        return [
            "portal:home",
            "portal:plans",
            "portal:measures",
            "portal:institutions",
            "portal:consultations",
            "council:meetings",
            "reports:list",
            "opendata:index",
            "portal:accessibility",
        ]

    def location(self, item):
        return reverse(item)


class PlanSitemap(_Bilingual):
    def items(self):
        return ActionPlan.objects.published().order_by("period_start", "pk")


class CommitmentSitemap(_Bilingual):
    def items(self):
        return Commitment.objects.published().select_related("plan").order_by("plan__period_start", "number", "pk")


def _newest_history(model):
    rows = model.history.model.objects.filter(id=OuterRef("pk")).order_by("-history_date")
    return Subquery(rows.values("history_date")[:1], output_field=DateTimeField())


def _newest_report():
    rows = ProgressEntry.objects.approved().filter(measure=OuterRef("pk")).exclude(reviewed_at=None)
    return Subquery(rows.order_by("-reviewed_at").values("reviewed_at")[:1], output_field=DateTimeField())


class MeasureSitemap(_Bilingual):
    def items(self):
        changed, reported = _newest_history(Measure), _newest_report()
        return (
            Measure.objects.published()
            .select_related("plan")
            # Greatest() is NULL on PostgreSQL when either is; Coalesce keeps the one that is known.
            .annotate(changed=Greatest(Coalesce(changed, reported), Coalesce(reported, changed)))
            .order_by("plan__period_start", "commitment__number", "order", "pk")
        )

    def lastmod(self, measure):
        return measure.changed


class InstitutionSitemap(_Bilingual):
    """Institutions that take part in a published plan: the ones the list of institutions shows."""

    def items(self):
        measures = Measure.objects.published()
        involved = (
            Q(pk__in=measures.values("responsible_institution"))
            | Q(pk__in=measures.values("co_responsible_institutions"))
            | Q(pk__in=measures.values("other_implementers"))
            | Q(pk__in=Commitment.objects.published().values("lead_institutions"))
        )
        return Institution.objects.filter(involved).order_by("slug")


class ConsultationSitemap(_Bilingual):
    def items(self):
        return Consultation.objects.published().order_by("period_start", "pk")

    def location(self, consultation):
        return reverse("portal:consultation", kwargs={"pk": consultation.pk})


class MeetingSitemap(_Bilingual):
    def items(self):
        return Meeting.objects.published().order_by("date", "pk")

    def lastmod(self, meeting):
        return meeting.published_at


SITEMAPS = {
    "pages": PagesSitemap,
    "plans": PlanSitemap,
    "commitments": CommitmentSitemap,
    "measures": MeasureSitemap,
    "institutions": InstitutionSitemap,
    "consultations": ConsultationSitemap,
    "meetings": MeetingSitemap,
}
