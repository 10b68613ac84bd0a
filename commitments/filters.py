"""Search and filters over measures, shared by the public measure list and the open-data downloads.

Every filter reads plain GET parameters, so a filtered list is a shareable URL and works
without JavaScript:

    ?q=dati&plan=<slug>&commitment=5&institution=<slug>&status=limited&status=not_started
    &special_attention=1&overdue=1

The FilterSet narrows whatever queryset it is given; callers pass the public one
(`Measure.objects.published()`), so drafts never leak through a filter.
"""

import django_filters
from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from institutions.models import Institution
from plans.models import ActionPlan
from ui.widgets import Select

from .models import Measure, MeasureStatus

# Text fields searched by `q`, in both languages, so an English reader finds Latvian-only measures too.
SEARCH_FIELDS = ("number", "title_lv", "title_en", "description_lv", "description_en")


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
        queryset=Institution.objects.order_by("name"),
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

    class Meta:
        model = Measure
        fields = ["q", "plan", "commitment", "institution", "status", "special_attention", "overdue"]

    def filter_text(self, queryset, name, value):
        # Every word must appear in one of the fields (in any language): "atvērto datu" finds "atvērto datu stratēģija".
        for word in value.split():
            condition = Q()
            for field in SEARCH_FIELDS:
                condition |= Q(**{f"{field}__icontains": word})
            queryset = queryset.filter(condition)
        return queryset

    def filter_institution(self, queryset, name, value):
        # Exists-style subquery instead of a join, so no duplicate rows and no DISTINCT in the count query.
        return queryset.filter(pk__in=Measure.objects.for_institution(value).values("pk"))

    def filter_special_attention(self, queryset, name, value):
        return queryset.special_attention() if value else queryset

    def filter_overdue(self, queryset, name, value):
        return queryset.overdue() if value else queryset
