"""Search and filters over measures, shared by the public measure list and the open-data downloads.

Every filter reads plain GET parameters, so a filtered list is a shareable URL and works
without JavaScript:

    ?q=dati&plan=<slug>&commitment=5&institution=<slug>&status=limited&status=not_started
    &special_attention=1&overdue=1&sort=due

Words are found whatever their case and Latvian diacritics (`lidzdaliba` finds "līdzdalība"), in the
measure's own text and in the names and abbreviations of the institutions that carry it out.

The FilterSet narrows whatever queryset it is given; callers pass the public one
(`Measure.objects.published()`), so drafts never leak through a filter.
"""

import django_filters
from django import forms
from django.db.models import Case, F, Q, Value, When
from django.db.models.functions import Coalesce, NullIf
from django.db.models.lookups import Contains
from django.utils.translation import get_language, pgettext_lazy
from django.utils.translation import gettext_lazy as _

from institutions.models import Institution
from plans.models import ActionPlan
from ui.collation import Fold, LatvianSortKey, fold
from ui.widgets import Select

from .models import Measure, MeasureStatus

# Text fields searched by `q`, in both languages, so an English reader finds Latvian-only measures too.
SEARCH_FIELDS = ("number", "title_lv", "title_en", "description_lv", "description_en")
INSTITUTION_SEARCH_FIELDS = ("name_lv", "name_en", "abbreviation")

# The list's own order (newest plan first, then as the plan numbers them): the default, and every other
# order's tie-breaker; the id last, so that two measures numbered alike come in one order on the page
# and in its downloads.
PLAN_ORDER = ("-plan__period_start", "commitment__number", "order", "number", "pk")

# The completion scale from nothing to done, then withdrawn; "no information" is not a step of it, and
# goes last, as an unknown due date does.
STATUS_ORDER = (
    MeasureStatus.NOT_STARTED,
    MeasureStatus.LIMITED,
    MeasureStatus.SUBSTANTIAL,
    MeasureStatus.COMPLETE,
    MeasureStatus.WITHDRAWN,
    MeasureStatus.NO_INFORMATION,
)

# After "Sort by" ("Kārtot pēc", which takes the genitive in Latvian): hence a context of their own.
SORT_CHOICES = (
    ("number", pgettext_lazy("sort by", "Number")),
    ("due", pgettext_lazy("sort by", "Due date")),
    ("status", pgettext_lazy("sort by", "Status")),
    ("institution", pgettext_lazy("sort by", "Responsible institution")),
)


def _word_found(word: str) -> Q:
    """The word in one of the measure's texts, or in the name of an institution that carries it out.

    The word is folded here and the texts by the database, with the same table (`ui.collation`), so the
    comparison is the same on SQLite and PostgreSQL. Institutions are an uncorrelated subquery, run once,
    and the count query needs no DISTINCT.
    """
    pattern = Value(fold(word))
    condition = Q()
    for field in SEARCH_FIELDS:
        condition |= Q(Contains(Fold(F(field)), pattern))
    institution_found = Q()
    for field in INSTITUTION_SEARCH_FIELDS:
        institution_found |= Q(Contains(Fold(F(field)), pattern))
    institutions = Institution.objects.filter(institution_found).values("pk")
    return condition | Q(pk__in=Measure.objects.of_institutions(institutions).values("pk"))


def _sort_orders(sort: str) -> tuple:
    if sort == "due":
        return (F("due_date").asc(nulls_last=True), *PLAN_ORDER)
    if sort == "status":
        rank = Case(*(When(status=status, then=Value(i)) for i, status in enumerate(STATUS_ORDER)), default=Value(99))
        return (rank, *PLAN_ORDER)
    if sort == "institution":
        return (institution_name_key("responsible_institution__").asc(nulls_last=True), *PLAN_ORDER)
    return PLAN_ORDER


def institution_name_key(prefix: str = "") -> LatvianSortKey:
    """Institutions in the Latvian alphabet by the name the page shows (English where there is one)."""
    name = F(f"{prefix}name_lv")
    if get_language() == "en":
        name = Coalesce(NullIf(F(f"{prefix}name_en"), Value("")), name)
    return LatvianSortKey(name)


def _institutions_by_name(request):
    return Institution.objects.order_by(institution_name_key(), "pk")


class _ListedChoices(django_filters.fields.ModelChoiceIterator):
    """The choices read with one plain query: Django reads them with `iterator()`, on PostgreSQL a
    server-side cursor costing three more round trips, which pays only for lists far longer than these."""

    def __iter__(self):
        if self.field.empty_label is not None:
            yield ("", self.field.empty_label)
        if self.field.null_label is not None:
            yield (self.field.null_value, self.field.null_label)
        for obj in self.queryset:
            yield self.choice(obj)


class _ListedChoiceField(django_filters.fields.ModelChoiceField):
    iterator = _ListedChoices


class _ListedChoiceFilter(django_filters.ModelChoiceFilter):
    field_class = _ListedChoiceField


class MeasureFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(label=_("Search"), method="filter_text")
    plan = _ListedChoiceFilter(
        label=_("Action plan"),
        queryset=ActionPlan.objects.published().order_by("-period_start"),
        to_field_name="slug",
        empty_label=_("All plans"),
        widget=Select,
    )
    commitment = django_filters.NumberFilter(label=_("Commitment number"), field_name="commitment__number", min_value=1)
    institution = _ListedChoiceFilter(
        label=_("Institution"),
        queryset=_institutions_by_name,
        to_field_name="slug",
        method="filter_institution",
        empty_label=_("All institutions"),
        widget=Select,
    )
    status = django_filters.MultipleChoiceFilter(
        label=_("Status"), choices=MeasureStatus.choices, widget=forms.CheckboxSelectMultiple
    )
    # Checkboxes: ticked narrows the list, unticked (absent) does not filter at all.
    special_attention = django_filters.BooleanFilter(
        label=_("Only measures needing special attention"),
        method="filter_special_attention",
        widget=forms.CheckboxInput,
    )
    overdue = django_filters.BooleanFilter(
        label=_("Only overdue measures"), method="filter_overdue", widget=forms.CheckboxInput
    )
    sort = django_filters.ChoiceFilter(
        label=_("Sort by"),
        choices=SORT_CHOICES,
        empty_label=None,
        method="filter_sort",
        widget=Select(attrs={"aria-describedby": "sort-hint"}),
    )

    class Meta:
        model = Measure
        fields = ["q", "plan", "commitment", "institution", "status", "special_attention", "overdue", "sort"]

    def filter_text(self, queryset, name, value):
        # Every word must appear in one of the fields (in any language): "atvērto datu" finds "atvērto datu stratēģija".
        for word in value.split():
            queryset = queryset.filter(_word_found(word))
        return queryset

    def filter_institution(self, queryset, name, value):
        # Exists-style subquery instead of a join, so no duplicate rows and no DISTINCT in the count query.
        return queryset.filter(pk__in=Measure.objects.for_institution(value).values("pk"))

    def filter_special_attention(self, queryset, name, value):
        return queryset.special_attention() if value else queryset

    def filter_overdue(self, queryset, name, value):
        return queryset.overdue() if value else queryset

    def filter_sort(self, queryset, name, value):
        return queryset.order_by(*_sort_orders(value))
