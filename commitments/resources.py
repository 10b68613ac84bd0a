"""Spreadsheet import/export of measures and progress entries (staff only).

Keys people can type: the plan by slug, the commitment by its number in the
plan, the measure by its number in the plan (or `#<id>` for the few measures
without a number), the reporting round by its Latvian title in the plan, and
institutions by slug (or abbreviation) with several separated by commas.

The measure export includes `internal_note` on purpose: it is a staff tool
behind the `export_measure` permission, and the note is often what staff
reconcile in a spreadsheet. It is an explicit choice in the export form (the
box is unticked by default); public open data never uses these resources.
"""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext
from import_export.widgets import CharWidget, DateTimeWidget, IntegerWidget

from institutions.resources import InstitutionsWidget, InstitutionWidget
from ogp_portal.import_export_base import (
    ChoiceWidget,
    EmptyAwareField,
    HistoryModelResource,
    PercentWidget,
    SlugForeignKeyWidget,
)
from plans.models import ActionPlan, ReportingRound

from . import services
from .models import Commitment, Measure, MeasureStatus, ProgressEntry, ReviewState


def _key_text(value) -> str:
    """A cell as text; spreadsheets turn "3" into 3 or 3.0."""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return "" if value is None else str(value).strip()


def _plan_slug(row) -> str:
    slug = _key_text((row or {}).get("plan"))
    if not slug:
        raise ValueError(gettext("Fill in the plan column (the plan's slug) to find this by number."))
    return slug


class PlanWidget(SlugForeignKeyWidget):
    def __init__(self, **kwargs):
        super().__init__(ActionPlan, "slug", **kwargs)


class CommitmentWidget(SlugForeignKeyWidget):
    """A commitment by its number within the row's plan."""

    def __init__(self, **kwargs):
        super().__init__(Commitment, "number", **kwargs)

    def clean(self, value, row=None, **kwargs):
        return super().clean(_key_text(value), row=row, **kwargs)

    def get_queryset(self, value, row, *args, **kwargs):
        return Commitment.objects.filter(plan__slug=_plan_slug(row))


class MeasureWidget(SlugForeignKeyWidget):
    """A measure by its number within the row's plan, or `#<id>` when it has no number."""

    def __init__(self, **kwargs):
        super().__init__(Measure, "number", **kwargs)

    def clean(self, value, row=None, **kwargs):
        return super().clean(_key_text(value), row=row, **kwargs)

    def get_instance_by_lookup_fields(self, value, row, **kwargs):
        if value.startswith("#") and value[1:].isdigit():
            return Measure.objects.get(pk=int(value[1:]))
        return Measure.objects.get(plan__slug=_plan_slug(row), number=value)

    def render(self, value, obj=None, **kwargs):
        if value is None:
            return ""
        return value.number or f"#{value.pk}"


class ReportingRoundWidget(SlugForeignKeyWidget):
    """A reporting round by its Latvian title within the row's plan."""

    def __init__(self, **kwargs):
        super().__init__(ReportingRound, "title_lv", **kwargs)

    def get_queryset(self, value, row, *args, **kwargs):
        return ReportingRound.objects.filter(plan__slug=_plan_slug(row))


def _row_error(field: str, error: ValueError) -> ValidationError:
    return ValidationError({field: ValidationError(str(error), code="invalid")})


class MeasureResource(HistoryModelResource):
    save_service = staticmethod(services.measure_save)
    save_service_takes = "measure"
    id = EmptyAwareField(attribute="id", column_name="id", widget=IntegerWidget(), readonly=True)
    plan = EmptyAwareField(attribute="plan", column_name="plan", widget=PlanWidget())
    commitment = EmptyAwareField(attribute="commitment", column_name="commitment", widget=CommitmentWidget())
    number = EmptyAwareField(attribute="number", column_name="number", widget=CharWidget())
    status = EmptyAwareField(attribute="status", column_name="status", widget=ChoiceWidget(MeasureStatus.choices))
    progress_percent = EmptyAwareField(
        attribute="progress_percent", column_name="progress_percent", widget=PercentWidget()
    )
    responsible_institution = EmptyAwareField(
        attribute="responsible_institution", column_name="responsible_institution", widget=InstitutionWidget()
    )
    co_responsible_institutions = EmptyAwareField(
        attribute="co_responsible_institutions",
        column_name="co_responsible_institutions",
        widget=InstitutionsWidget(),
    )
    other_implementers = EmptyAwareField(
        attribute="other_implementers", column_name="other_implementers", widget=InstitutionsWidget()
    )

    class Meta:
        model = Measure
        fields = [
            "id",
            "plan",
            "commitment",
            "number",
            "order",
            "title_lv",
            "title_en",
            "description_lv",
            "description_en",
            "expected_result_lv",
            "expected_result_en",
            "indicator_lv",
            "indicator_en",
            "responsible_institution",
            "co_responsible_institutions",
            "other_implementers",
            "start_date",
            "due_date",
            "status",
            "progress_percent",
            "special_attention",
            "internal_note",
        ]
        export_order = fields
        unchecked_by_default = ["internal_note"]

    @classmethod
    def get_display_name(cls):
        return gettext("Measures (by plan and number)")

    def get_queryset(self):
        return (
            Measure.objects.select_related("plan", "commitment", "responsible_institution")
            .prefetch_related("co_responsible_institutions", "other_implementers")
            .order_by("plan__period_start", "commitment__number", "order", "number", "pk")
        )

    def get_instance(self, instance_loader, row):
        """By `id` when given, else by plan slug and number; None means a new measure."""
        measure_id = _key_text(row.get("id"))
        if measure_id:
            measure = Measure.objects.filter(pk=measure_id).first() if measure_id.isdigit() else None
            if measure is None:
                raise _row_error("id", ValueError(gettext("Unknown measure id “%(id)s”.") % {"id": measure_id}))
            return measure
        number = _key_text(row.get("number"))
        slug = _key_text(row.get("plan"))
        if number and slug:
            return Measure.objects.filter(plan__slug=slug, number=number).first()
        return None


class ProgressEntryResource(HistoryModelResource):
    save_service = staticmethod(services.progress_entry_import)
    save_service_takes = "entry"
    id = EmptyAwareField(attribute="id", column_name="id", widget=IntegerWidget(), readonly=True)
    plan = EmptyAwareField(attribute="measure__plan__slug", column_name="plan", readonly=True)
    measure = EmptyAwareField(attribute="measure", column_name="measure", widget=MeasureWidget())
    reporting_round = EmptyAwareField(
        attribute="reporting_round", column_name="reporting_round", widget=ReportingRoundWidget()
    )
    status = EmptyAwareField(attribute="status", column_name="status", widget=ChoiceWidget(MeasureStatus.choices))
    progress_percent = EmptyAwareField(
        attribute="progress_percent", column_name="progress_percent", widget=PercentWidget()
    )
    review_state = EmptyAwareField(
        attribute="review_state", column_name="review_state", widget=ChoiceWidget(ReviewState.choices)
    )
    # Who/when of the review workflow: exported for reference, never imported.
    submitted_by = EmptyAwareField(attribute="submitted_by__username", column_name="submitted_by", readonly=True)
    submitted_at = EmptyAwareField(
        attribute="submitted_at", column_name="submitted_at", widget=DateTimeWidget(), readonly=True
    )
    reviewed_by = EmptyAwareField(attribute="reviewed_by__username", column_name="reviewed_by", readonly=True)
    reviewed_at = EmptyAwareField(
        attribute="reviewed_at", column_name="reviewed_at", widget=DateTimeWidget(), readonly=True
    )

    class Meta:
        model = ProgressEntry
        fields = [
            "id",
            "plan",
            "measure",
            "reporting_round",
            "reported_on",
            "status",
            "progress_percent",
            "narrative_lv",
            "narrative_en",
            "evidence_links",
            "challenges_lv",
            "challenges_en",
            "review_state",
            "review_comment",
            "submitted_by",
            "submitted_at",
            "reviewed_by",
            "reviewed_at",
        ]
        export_order = fields

    @classmethod
    def get_display_name(cls):
        return gettext("Progress entries (by plan, measure number and round)")

    def get_queryset(self):
        return ProgressEntry.objects.select_related(
            "measure__plan", "reporting_round", "submitted_by", "reviewed_by"
        ).order_by("measure__plan__period_start", "measure__number", "reporting_round__period_start", "pk")

    def get_instance(self, instance_loader, row):
        """By `id` when given, else by measure and reporting round; None means a new entry."""
        entry_id = _key_text(row.get("id"))
        if entry_id:
            entry = ProgressEntry.objects.filter(pk=entry_id).first() if entry_id.isdigit() else None
            if entry is None:
                raise _row_error("id", ValueError(gettext("Unknown progress entry id “%(id)s”.") % {"id": entry_id}))
            return entry
        try:
            measure = self.fields["measure"].clean(row)
            reporting_round = self.fields["reporting_round"].clean(row)
        except ValueError:
            # import_instance reports the bad key as a validation error of its column.
            return None
        if measure is None or reporting_round is None:
            return None
        return ProgressEntry.objects.filter(measure=measure, reporting_round=reporting_round).first()
