"""The public datasets of the plans, one small export class each.

Columns never include staff-only fields (internal notes, versions, review
comments) nor any account: the public rows come from `opendata.selectors`.
Each column is declared once with its type (base.Column); every format and the
data package follow that declaration.
"""

from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from commitments.filters import MeasureFilter
from commitments.models import Ambition, MeasureStatus, PotentialForResults, YesNo
from commitments.selectors import institutions_taking_part
from institutions.models import InstitutionKind
from opendata import selectors
from plans.models import PlanStatus

from .base import Column, Export, choice, names, public_url, texts, translated

ID = _("identifier")
URL = _("address")
PLAN = _("action plan")
PLAN_SLUG = _("action plan identifier")


def _str(value):
    return value and str(value)


class PlanExport(Export):
    identifier = "plans"
    verbose_name = _("Action plans")
    sheet_name = _("Action plans")
    description = _("Published national open government action plans: period, approving act, status.")
    filename_stem = pgettext_lazy("file name", "plans")

    primary_key = ("slug",)

    def get_queryset(self):
        return selectors.public_plans_with_counts()

    def get_columns(self):
        return [
            Column("slug", ID, lambda p: p.slug),
            Column("number", _("number in the national series"), lambda p: p.number, "integer"),
            *texts("title", _("title")),
            Column("short_name", _("short name"), lambda p: p.short_name),
            Column("period_start", _("period start"), lambda p: p.period_start, "date"),
            Column("period_end", _("period end"), lambda p: p.period_end, "date"),
            Column("status", _("status"), lambda p: choice(p.status, PlanStatus)),
            Column("approving_act", _("approving act"), lambda p: p.approving_act),
            Column("approved_on", _("approved on"), lambda p: p.approved_on, "date"),
            Column("ogp_label", _("OGP label"), lambda p: p.ogp_label),
            Column("coordinator", _("coordinating institution"), lambda p: _str(p.coordinator)),
            Column("commitments", _("number of commitments"), lambda p: p.n_commitments, "integer"),
            Column("measures", _("number of measures"), lambda p: p.n_measures, "integer"),
            Column("url", URL, public_url),
        ]


class CommitmentExport(Export):
    identifier = "commitments"
    verbose_name = _("Commitments")
    sheet_name = _("Commitments")
    description = _("Commitments of the published plans, with OGP values, lead institutions and IRM ratings.")
    filename_stem = pgettext_lazy("file name", "commitments")
    plan_lookup = "plan__slug"

    primary_key = ("id",)

    def get_queryset(self):
        return selectors.public_commitments()

    def get_columns(self):
        return [
            Column("id", ID, lambda c: c.pk, "integer", _("The portal's identifier of the commitment.")),
            Column("ogp_id", _("OGP ID"), lambda c: c.ogp_id, description=_("The commitment's code at OGP.")),
            Column("plan", PLAN, lambda c: str(c.plan)),
            Column("plan_slug", PLAN_SLUG, lambda c: c.plan.slug),
            Column("number", _("number"), lambda c: c.number, "integer"),
            *texts("title", _("title")),
            *texts("description", _("description")),
            Column("ogp_values", _("OGP values"), lambda c: c.ogp_values),
            Column("lead_institutions", _("lead institutions"), lambda c: names(c.lead_institutions)),
            Column("irm_verifiable", _("IRM: verifiable"), lambda c: choice(c.irm_verifiable, YesNo)),
            Column("irm_relevant", _("IRM: relevant to open government"), lambda c: choice(c.irm_relevant, YesNo)),
            Column(
                "irm_potential_for_results",
                _("IRM: potential for results"),
                lambda c: choice(c.irm_potential_for_results, PotentialForResults),
            ),
            Column("irm_ambition", _("IRM: ambition"), lambda c: choice(c.irm_ambition, Ambition)),
            Column("special_attention", _("special attention"), lambda c: c.special_attention, "boolean"),
            Column("measures", _("number of measures"), lambda c: c.n_measures, "integer"),
            Column("url", URL, public_url),
        ]


class MeasureExport(Export):
    identifier = "measures"
    verbose_name = _("Measures")
    sheet_name = _("Measures")
    description = _(
        "Every measure of the published plans: responsible institutions, dates, status and progress. "
        "Filtered by the same address parameters as the measure list."
    )
    filename_stem = pgettext_lazy("file name", "measures")

    primary_key = ("id",)
    foreign_keys = {"commitment_id": ("commitments", "id")}

    def get_queryset(self):
        return selectors.public_measures()

    def filter_queryset(self, queryset):
        return MeasureFilter(data=self.params, queryset=queryset).qs

    def get_columns(self):
        today = self.today
        return [
            Column("id", ID, lambda m: m.pk, "integer", _("The portal's identifier of the measure.")),
            Column("plan", PLAN, lambda m: str(m.plan)),
            Column("plan_slug", PLAN_SLUG, lambda m: m.plan.slug),
            Column("commitment_id", _("commitment identifier"), lambda m: m.commitment_id, "integer"),
            Column("commitment_ogp_id", _("commitment OGP ID"), lambda m: m.commitment.ogp_id),
            Column("commitment", _("commitment number"), lambda m: m.commitment.number, "integer"),
            Column("commitment_title", _("commitment"), lambda m: m.commitment.title),
            Column("number", _("number"), lambda m: m.number),
            *texts("title", _("title")),
            *texts("description", _("description")),
            Column("expected_result", _("expected result"), lambda m: m.expected_result),
            Column("indicator", _("performance indicator"), lambda m: m.indicator),
            Column("responsible_institution", _("responsible institution"), lambda m: _str(m.responsible_institution)),
            Column(
                "co_responsible_institutions",
                _("co-responsible institutions"),
                lambda m: names(m.co_responsible_list),
            ),
            Column("other_implementers", _("other implementers"), lambda m: names(m.other_implementers_list)),
            Column("start_date", _("start date"), lambda m: m.start_date, "date"),
            Column("due_date", _("due date"), lambda m: m.due_date, "date"),
            Column("status", _("status"), lambda m: choice(m.status, MeasureStatus)),
            Column("progress_percent", _("progress, %"), lambda m: m.progress_percent, "integer"),
            Column("special_attention", _("special attention"), lambda m: m.is_special_attention, "boolean"),
            Column("overdue", _("overdue"), lambda m: m.is_overdue(today), "boolean"),
            Column("funding_sources", _("funding sources"), lambda m: names(m.funding_sources_list)),
            Column("added_by_revision", _("added by revision"), lambda m: _str(m.added_by_revision)),
            Column("url", URL, public_url),
        ]


class ProgressEntryExport(Export):
    identifier = "progress"
    verbose_name = _("Progress reports")
    sheet_name = _("Progress reports")
    description = _("Approved progress reports of the responsible institutions, one per measure and reporting round.")
    filename_stem = pgettext_lazy("file name", "progress reports")
    plan_lookup = "measure__plan__slug"

    primary_key = ("id",)
    foreign_keys = {"measure_id": ("measures", "id")}

    def get_queryset(self):
        return selectors.public_progress_entries()

    def get_columns(self):
        return [
            Column("id", ID, lambda e: e.pk, "integer"),
            Column("plan", PLAN, lambda e: str(e.measure.plan)),
            Column("measure_id", _("measure identifier"), lambda e: e.measure_id, "integer"),
            Column("measure_number", _("measure number"), lambda e: e.measure.number),
            Column("measure", _("measure"), lambda e: e.measure.title),
            Column(
                "responsible_institution",
                _("responsible institution"),
                lambda e: _str(e.measure.responsible_institution),
            ),
            Column("reporting_round", _("reporting round"), lambda e: e.reporting_round.title),
            Column("period_start", _("period start"), lambda e: e.reporting_round.period_start, "date"),
            Column("period_end", _("period end"), lambda e: e.reporting_round.period_end, "date"),
            Column("reported_on", _("reported on"), lambda e: e.reported_on, "date"),
            Column("status", _("status"), lambda e: choice(e.status, MeasureStatus)),
            Column("progress_percent", _("progress, %"), lambda e: e.progress_percent, "integer"),
            *texts("narrative", _("what was done")),
            Column("evidence_links", _("evidence links"), lambda e: e.evidence_list()),
            Column("challenges", _("challenges"), lambda e: e.challenges),
            Column(
                "approved_on", _("approved on"), lambda e: e.reviewed_at and timezone.localdate(e.reviewed_at), "date"
            ),
            Column("url", URL, lambda e: public_url(e.measure)),
        ]


class InstitutionExport(Export):
    identifier = "institutions"
    verbose_name = _("Institutions")
    sheet_name = _("Institutions")
    description = _("Ministries, agencies, NGOs and municipalities that lead or implement measures.")
    filename_stem = pgettext_lazy("file name", "institutions")

    primary_key = ("slug",)

    def get_queryset(self):
        return selectors.public_institutions()

    def filter_queryset(self, queryset):
        # `?taking_part=1`: the institutions page's rows, in its order.
        return institutions_taking_part(queryset) if self.params.get("taking_part") else queryset

    def get_columns(self):
        return [
            Column("slug", ID, lambda i: i.slug),
            *texts("name", _("name")),
            Column("abbreviation", _("abbreviation"), lambda i: i.abbreviation),
            Column("kind", _("kind"), lambda i: choice(i.kind, InstitutionKind)),
            Column("website", _("website"), lambda i: i.website),
            Column("parent", _("parent institution"), lambda i: _str(i.parent)),
            Column(
                "earlier_names",
                _("earlier names"),
                lambda i: [f"{n.name} (→ {n.valid_until:%Y-%m-%d})" for n in i.former_names.all()],
            ),
            Column("url", URL, public_url),
        ]


class FundingSourceExport(Export):
    identifier = "funding"
    verbose_name = _("Funding sources")
    sheet_name = _("Funding sources")
    description = _("Programmes and budget lines that fund the measures; their yearly amounts are a dataset apart.")
    filename_stem = pgettext_lazy("file name", "funding")
    plan_lookup = "plan__slug"

    primary_key = ("id",)

    def get_queryset(self):
        return selectors.public_funding_sources()

    def get_columns(self):
        return [
            Column("id", ID, lambda f: f.pk, "integer"),
            Column("plan", PLAN, lambda f: _str(f.plan)),
            Column("code", _("code"), lambda f: f.code),
            Column("programme", _("programme"), lambda f: f.programme),
            Column("title", _("title"), lambda f: f.title),
            Column("total_amount", _("total amount"), lambda f: f.total_amount, "number"),
            Column("currency", _("currency"), lambda f: f.currency),
            Column("available_from", _("available from"), lambda f: f.available_from),
            Column("description", _("description"), lambda f: f.description),
        ]


class FundingAmountExport(Export):
    identifier = "funding-amounts"
    verbose_name = _("Yearly funding amounts")
    sheet_name = _("Yearly amounts")
    description = _("The amount of each funding source by year, one row per source and year.")
    filename_stem = pgettext_lazy("file name", "yearly funding")
    plan_lookup = "source__plan__slug"

    primary_key = ("funding_source_id", "year")
    foreign_keys = {"funding_source_id": ("funding", "id")}

    def get_queryset(self):
        return selectors.public_funding_amounts()

    def get_columns(self):
        return [
            Column("funding_source_id", _("funding source identifier"), lambda a: a.source_id, "integer"),
            Column("plan", PLAN, lambda a: _str(a.source.plan)),
            Column("code", _("code"), lambda a: a.source.code),
            Column("funding_source", _("funding source"), lambda a: a.source.title),
            Column("year", _("year"), lambda a: a.year, "integer"),
            Column("amount", _("amount"), lambda a: a.amount, "number"),
            Column("currency", _("currency"), lambda a: a.source.currency),
        ]


class StatusChangeExport(Export):
    identifier = "status-changes"
    verbose_name = _("Measure status changes")
    sheet_name = _("Status changes")
    description = _("Every change of a measure's implementation status, with the date and the reason given.")
    filename_stem = pgettext_lazy("file name", "status changes")

    def get_queryset(self):
        return selectors.status_changes(limit=None)

    def filter_queryset(self, queryset):
        return queryset  # narrowed, if ever, through status_changes(plan=..., institution=...)

    def get_columns(self):
        return [
            Column("measure_id", _("measure identifier"), lambda h: h.id, "integer"),
            Column("plan", PLAN, lambda h: str(h.plan)),
            Column("plan_slug", PLAN_SLUG, lambda h: h.plan.slug),
            Column("measure_number", _("measure number"), lambda h: h.number),
            Column("measure", _("measure"), lambda h: translated(h, "title")),
            Column("changed_at", _("changed at"), lambda h: h.history_date, "datetime"),
            Column("previous_status", _("previous status"), lambda h: choice(h.previous_status, MeasureStatus)),
            Column("status", _("new status"), lambda h: choice(h.status, MeasureStatus)),
            Column("reason", _("reason"), lambda h: h.history_change_reason or ""),
        ]
