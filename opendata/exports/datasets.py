"""The public datasets, one small export class each.

Columns never include staff-only fields (internal notes, versions, review
comments) nor any account: the public rows come from `opendata.selectors`.
"""

from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from commitments.filters import MeasureFilter
from commitments.models import Ambition, MeasureStatus, PotentialForResults, YesNo
from commitments.selectors import institutions_taking_part
from consultations.models import ProposalOutcome
from consultations.selectors import public_consultations
from council.selectors import upcoming_and_past
from institutions.models import InstitutionKind
from opendata import selectors
from plans.models import PlanStatus

from .base import Column, Export, choice, names, page_url, public_url, translated


class PlanExport(Export):
    identifier = "plans"
    verbose_name = _("Action plans")
    description = _("Published national open government action plans: period, approving act, status.")
    filename_stem = pgettext_lazy("file name", "plans")

    def get_queryset(self):
        return selectors.public_plans_with_counts()

    def get_columns(self):
        return [
            Column("slug", _("identifier"), lambda p: p.slug),
            Column("number", _("number in the national series"), lambda p: p.number),
            Column("title", _("title"), lambda p: p.title),
            Column("short_name", _("short name"), lambda p: p.short_name),
            Column("period_start", _("period start"), lambda p: p.period_start),
            Column("period_end", _("period end"), lambda p: p.period_end),
            Column("status", _("status"), lambda p: choice(p.status, PlanStatus)),
            Column("approving_act", _("approving act"), lambda p: p.approving_act),
            Column("approved_on", _("approved on"), lambda p: p.approved_on),
            Column("ogp_label", _("OGP label"), lambda p: p.ogp_label),
            Column("coordinator", _("coordinating institution"), lambda p: p.coordinator and str(p.coordinator)),
            Column("commitments", _("number of commitments"), lambda p: p.n_commitments),
            Column("measures", _("number of measures"), lambda p: p.n_measures),
            Column("url", _("address"), public_url),
        ]


class CommitmentExport(Export):
    identifier = "commitments"
    verbose_name = _("Commitments")
    description = _("Commitments of the published plans, with OGP values, lead institutions and IRM ratings.")
    filename_stem = pgettext_lazy("file name", "commitments")
    plan_lookup = "plan__slug"

    def get_queryset(self):
        return selectors.public_commitments()

    def get_columns(self):
        return [
            Column("plan", _("action plan"), lambda c: str(c.plan)),
            Column("plan_slug", _("action plan identifier"), lambda c: c.plan.slug),
            Column("number", _("number"), lambda c: c.number),
            Column("title", _("title"), lambda c: c.title),
            Column("description", _("description"), lambda c: c.description),
            Column("ogp_id", _("OGP ID"), lambda c: c.ogp_id),
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
            Column("special_attention", _("special attention"), lambda c: c.special_attention),
            Column("measures", _("number of measures"), lambda c: c.n_measures),
            Column("url", _("address"), public_url),
        ]


class MeasureExport(Export):
    identifier = "measures"
    verbose_name = _("Measures")
    description = _(
        "Every measure of the published plans: responsible institutions, dates, status and progress. "
        "Filtered by the same address parameters as the measure list."
    )
    filename_stem = pgettext_lazy("file name", "measures")

    def get_queryset(self):
        return selectors.public_measures()

    def filter_queryset(self, queryset):
        return MeasureFilter(data=self.params, queryset=queryset).qs

    def get_columns(self):
        today = self.today
        return [
            Column("id", _("identifier"), lambda m: m.pk),
            Column("plan", _("action plan"), lambda m: str(m.plan)),
            Column("plan_slug", _("action plan identifier"), lambda m: m.plan.slug),
            Column("commitment", _("commitment number"), lambda m: m.commitment.number),
            Column("commitment_title", _("commitment"), lambda m: m.commitment.title),
            Column("number", _("number"), lambda m: m.number),
            Column("title", _("title"), lambda m: m.title),
            Column("description", _("description"), lambda m: m.description),
            Column("expected_result", _("expected result"), lambda m: m.expected_result),
            Column("indicator", _("performance indicator"), lambda m: m.indicator),
            Column(
                "responsible_institution",
                _("responsible institution"),
                lambda m: m.responsible_institution and str(m.responsible_institution),
            ),
            Column(
                "co_responsible_institutions",
                _("co-responsible institutions"),
                lambda m: names(m.co_responsible_list),
            ),
            Column("other_implementers", _("other implementers"), lambda m: names(m.other_implementers_list)),
            Column("start_date", _("start date"), lambda m: m.start_date),
            Column("due_date", _("due date"), lambda m: m.due_date),
            Column("status", _("status"), lambda m: choice(m.status, MeasureStatus)),
            Column("progress_percent", _("progress, %"), lambda m: m.progress_percent),
            Column("special_attention", _("special attention"), lambda m: m.is_special_attention),
            Column("overdue", _("overdue"), lambda m: m.is_overdue(today)),
            Column("funding_sources", _("funding sources"), lambda m: names(m.funding_sources_list)),
            Column(
                "added_by_revision",
                _("added by revision"),
                lambda m: m.added_by_revision and str(m.added_by_revision),
            ),
            Column("url", _("address"), public_url),
        ]


class ProgressEntryExport(Export):
    identifier = "progress"
    verbose_name = _("Progress reports")
    description = _("Approved progress reports of the responsible institutions, one per measure and reporting round.")
    filename_stem = pgettext_lazy("file name", "progress reports")
    plan_lookup = "measure__plan__slug"

    def get_queryset(self):
        return selectors.public_progress_entries()

    def get_columns(self):
        return [
            Column("id", _("identifier"), lambda e: e.pk),
            Column("plan", _("action plan"), lambda e: str(e.measure.plan)),
            Column("measure_id", _("measure identifier"), lambda e: e.measure_id),
            Column("measure_number", _("measure number"), lambda e: e.measure.number),
            Column("measure", _("measure"), lambda e: e.measure.title),
            Column(
                "responsible_institution",
                _("responsible institution"),
                lambda e: e.measure.responsible_institution and str(e.measure.responsible_institution),
            ),
            Column("reporting_round", _("reporting round"), lambda e: e.reporting_round.title),
            Column("period_start", _("period start"), lambda e: e.reporting_round.period_start),
            Column("period_end", _("period end"), lambda e: e.reporting_round.period_end),
            Column("reported_on", _("reported on"), lambda e: e.reported_on),
            Column("status", _("status"), lambda e: choice(e.status, MeasureStatus)),
            Column("progress_percent", _("progress, %"), lambda e: e.progress_percent),
            Column("narrative", _("what was done"), lambda e: e.narrative),
            Column("evidence_links", _("evidence links"), lambda e: e.evidence_list()),
            Column("challenges", _("challenges"), lambda e: e.challenges),
            Column(
                "approved_on",
                _("approved on"),
                lambda e: e.reviewed_at and timezone.localdate(e.reviewed_at),
            ),
            Column("url", _("address"), lambda e: public_url(e.measure)),
        ]


class InstitutionExport(Export):
    identifier = "institutions"
    verbose_name = _("Institutions")
    description = _("Ministries, agencies, NGOs and municipalities that lead or implement measures.")
    filename_stem = pgettext_lazy("file name", "institutions")

    def get_queryset(self):
        return selectors.public_institutions()

    def filter_queryset(self, queryset):
        # `?taking_part=1`: the institutions page's rows, in its order.
        return institutions_taking_part(queryset) if self.params.get("taking_part") else queryset

    def get_columns(self):
        return [
            Column("slug", _("identifier"), lambda i: i.slug),
            Column("name", _("name"), lambda i: i.name),
            Column("abbreviation", _("abbreviation"), lambda i: i.abbreviation),
            Column("kind", _("kind"), lambda i: choice(i.kind, InstitutionKind)),
            Column("website", _("website"), lambda i: i.website),
            Column("parent", _("parent institution"), lambda i: i.parent and str(i.parent)),
            Column(
                "earlier_names",
                _("earlier names"),
                lambda i: [f"{n.name} (→ {n.valid_until:%Y-%m-%d})" for n in i.former_names.all()],
            ),
            Column("url", _("address"), public_url),
        ]


class FundingSourceExport(Export):
    identifier = "funding"
    verbose_name = _("Funding sources")
    description = _("Programmes and budget lines that fund the measures, with yearly amounts.")
    filename_stem = pgettext_lazy("file name", "funding")
    plan_lookup = "plan__slug"

    def get_queryset(self):
        return selectors.public_funding_sources()

    def get_columns(self):
        return [
            Column("plan", _("action plan"), lambda f: f.plan and str(f.plan)),
            Column("code", _("code"), lambda f: f.code),
            Column("programme", _("programme"), lambda f: f.programme),
            Column("title", _("title"), lambda f: f.title),
            Column("total_amount", _("total amount"), lambda f: f.total_amount),
            Column("currency", _("currency"), lambda f: f.currency),
            Column("available_from", _("available from"), lambda f: f.available_from),
            Column(
                "yearly_amounts",
                _("yearly amounts"),
                lambda f: [f"{a.year}: {a.amount}" for a in f.yearly_amounts.all()],
            ),
            Column("description", _("description"), lambda f: f.description),
        ]


class StatusChangeExport(Export):
    identifier = "status-changes"
    verbose_name = _("Measure status changes")
    description = _("Every change of a measure's implementation status, with the date and the reason given.")
    filename_stem = pgettext_lazy("file name", "status changes")

    def get_queryset(self):
        return selectors.status_changes(limit=None)

    def filter_queryset(self, queryset):
        return queryset  # narrowed, if ever, through status_changes(plan=..., institution=...)

    def get_columns(self):
        return [
            Column("measure_id", _("measure identifier"), lambda h: h.id),
            Column("plan", _("action plan"), lambda h: str(h.plan)),
            Column("plan_slug", _("action plan identifier"), lambda h: h.plan.slug),
            Column("measure_number", _("measure number"), lambda h: h.number),
            Column("measure", _("measure"), lambda h: translated(h, "title")),
            Column("changed_at", _("changed at"), lambda h: h.history_date),
            Column("previous_status", _("previous status"), lambda h: choice(h.previous_status, MeasureStatus)),
            Column("status", _("new status"), lambda h: choice(h.status, MeasureStatus)),
            Column("reason", _("reason"), lambda h: h.history_change_reason or ""),
        ]


class ConsultationExport(Export):
    identifier = "consultations"
    verbose_name = _("Public consultations")
    description = _("Public consultations of the plans and their revisions: period, channel, number of proposals.")
    filename_stem = pgettext_lazy("file name", "consultations")
    plan_lookup = "plan__slug"

    def get_queryset(self):
        return public_consultations()

    def get_columns(self):
        return [
            Column("id", _("identifier"), lambda c: c.pk),
            Column("plan", _("action plan"), lambda c: str(c.plan)),
            Column("revision", _("revision consulted on"), lambda c: c.revision and str(c.revision)),
            Column("title", _("title"), lambda c: c.title),
            Column("period_start", _("period start"), lambda c: c.period_start),
            Column("period_end", _("period end"), lambda c: c.period_end),
            Column("channel", _("channel"), lambda c: c.channel),
            Column("document_url", _("document address"), lambda c: c.url),
            Column("description", _("description"), lambda c: c.description),
            Column("proposals", _("number of proposals"), lambda c: c.n_proposals),
            # Consultation has no get_absolute_url: its page is the portal's.
            Column("url", _("address"), lambda c: page_url("portal:consultation", pk=c.pk)),
        ]


class ProposalExport(Export):
    identifier = "proposals"
    verbose_name = _("Consultation proposals")
    description = _("Proposals received in public consultations and how each was taken into account.")
    filename_stem = pgettext_lazy("file name", "proposals")
    plan_lookup = "consultation__plan__slug"

    def get_queryset(self):
        return selectors.public_proposals()

    def get_columns(self):
        return [
            Column("plan", _("action plan"), lambda p: str(p.consultation.plan)),
            Column("consultation", _("consultation"), lambda p: p.consultation.title),
            Column("consultation_start", _("consultation start"), lambda p: p.consultation.period_start),
            Column("consultation_end", _("consultation end"), lambda p: p.consultation.period_end),
            Column("order", _("number"), lambda p: p.order),
            Column("author", _("author"), lambda p: str(p.author_institution or p.author_name)),
            Column("essence", _("essence of the proposal"), lambda p: p.essence),
            Column("response", _("how it was taken into account"), lambda p: p.response),
            Column("outcome", _("outcome"), lambda p: choice(p.outcome, ProposalOutcome)),
            Column("measures", _("measures concerned"), lambda p: [m.number or m.title for m in p.measures.all()]),
        ]


class MeetingExport(Export):
    identifier = "meetings"
    verbose_name = _("Council meetings")
    description = _("Published meetings of the supervisory council.")
    filename_stem = pgettext_lazy("file name", "meetings")

    def get_queryset(self):
        return selectors.public_meetings()

    def filter_queryset(self, queryset):
        # `?listed=1`: in the order of the public meeting list.
        if not self.params.get("listed"):
            return queryset
        upcoming, past = upcoming_and_past(queryset, self.today)
        return upcoming + past

    def get_columns(self):
        return [
            Column("id", _("identifier"), lambda m: m.pk),
            Column("council", _("council"), lambda m: m.council.name),
            Column("number", _("number"), lambda m: m.number),
            Column("date", _("date"), lambda m: m.date),
            Column("start_time", _("start time"), lambda m: m.start_time),
            Column("end_time", _("end time"), lambda m: m.end_time),
            Column("city", _("city"), lambda m: m.city),
            Column("place", _("place"), lambda m: m.place),
            Column("chair", _("chair"), lambda m: m.chair and m.chair.person_name),
            Column("summary", _("summary"), lambda m: m.summary),
            Column("agenda", _("agenda"), lambda m: [f"{a.order}. {a.title}" for a in m.agenda_items.all()]),
            Column("next_meeting", _("next meeting"), lambda m: m.next_meeting_note),
            Column("documents", _("public documents"), lambda m: [d.title for d in m.public_documents]),
            Column("document_links", _("document addresses"), lambda m: [public_url(d) for d in m.public_documents]),
            Column("url", _("address"), public_url),
        ]


class AgendaItemExport(Export):
    identifier = "decisions"
    verbose_name = _("Council agenda items and decisions")
    description = _("Each agenda item of the published meetings with the discussion and the council's decision.")
    filename_stem = pgettext_lazy("file name", "council decisions")

    def get_queryset(self):
        return selectors.public_agenda_items()

    def get_columns(self):
        return [
            Column("meeting_id", _("meeting identifier"), lambda a: a.meeting_id),
            Column("meeting_number", _("meeting number"), lambda a: a.meeting.number),
            Column("meeting_date", _("meeting date"), lambda a: a.meeting.date),
            Column("order", _("item"), lambda a: a.order),
            Column("title", _("title"), lambda a: a.title),
            Column("presenters", _("presenters"), lambda a: a.presenters),
            Column("discussion", _("presentations and discussion"), lambda a: a.discussion),
            Column("decision", _("council decision"), lambda a: a.decision),
            Column("measures", _("measures discussed"), lambda a: [m.number or m.title for m in a.measures.all()]),
            Column("url", _("address"), lambda a: public_url(a.meeting)),
        ]
