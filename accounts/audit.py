"""The coordinator's view of every change across the content (who, when, what, why), with a CSV export."""

from __future__ import annotations

import csv
import io

from django import forms
from django.contrib import admin
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from ogp_portal.history.actors import actor_name
from ogp_portal.history.audit import AuditFilters, action_label, audit_index, audit_rows, model_key, tracked_models
from ui.paging import page_of

from . import policy

PER_PAGE = 50
# The export is the whole filtered trail; past this many rows, narrow the filters.
EXPORT_LIMIT = 20_000


class AuditFilterForm(forms.Form):
    model = forms.ChoiceField(label=gettext_lazy("What"), required=False)
    user = forms.ModelChoiceField(label=gettext_lazy("Who"), required=False, queryset=get_user_model().objects.none())
    since = forms.DateField(label=gettext_lazy("From"), required=False, widget=forms.DateInput(attrs={"type": "date"}))
    until = forms.DateField(label=gettext_lazy("To"), required=False, widget=forms.DateInput(attrs={"type": "date"}))
    reason = forms.CharField(label=gettext_lazy("Reason contains"), required=False, max_length=200)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        everything = [("", _("Everything"))]
        self.fields["model"].choices = everything + [
            (model_key(m), str(m._meta.verbose_name_plural).capitalize()) for m in tracked_models()
        ]
        self.fields["user"].queryset = get_user_model().objects.filter(is_staff=True).order_by("username")

    def clean_reason(self):
        return self.cleaned_data["reason"].replace("\x00", "")

    def filters(self) -> AuditFilters:
        if not self.is_valid():
            return AuditFilters()
        data = self.cleaned_data
        user = data["user"].pk if data["user"] else None
        return AuditFilters(
            model=data["model"], user=user, since=data["since"], until=data["until"], reason=data["reason"]
        )


def _who(row) -> str:
    return actor_name(row.user, row.reason)


def _cell(value) -> str:
    text = str(value)
    # A spreadsheet runs a cell that starts like a formula: keep it text.
    return "'" + text if text[:1] in ("=", "+", "-", "@") else text


def _csv(rows) -> HttpResponse:
    buffer = io.StringIO()
    buffer.write("\ufeff")  # Excel reads UTF-8 (Latvian letters) only with a BOM
    writer = csv.writer(buffer)
    writer.writerow(
        [_("When"), _("What"), _("Object"), _("Object id"), _("Action"), _("Who"), _("Changed fields"), _("Reason")]
    )
    for row in rows:
        writer.writerow(
            _cell(value)
            for value in (
                timezone.localtime(row.when).isoformat(timespec="seconds"),
                row.model_name,
                row.object_name,
                row.object_id,
                action_label(row.action),
                _who(row),
                "; ".join(row.changes),
                row.reason,
            )
        )
    response = HttpResponse(buffer.getvalue(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="changes.csv"'
    return response


def audit_view(request):
    if not policy.is_coordinator(request.user):
        raise PermissionDenied
    form = AuditFilterForm(request.GET or None)
    index = audit_index(form.filters())
    if request.GET.get("format") == "csv":
        return _csv(audit_rows(list(index[:EXPORT_LIMIT])))
    page, pager = page_of(index, request.GET.get("page"), per_page=PER_PAGE)
    rows = audit_rows(list(page.object_list))
    query = request.GET.copy()
    query.pop("page", None)
    context = {
        **admin.site.each_context(request),
        "title": _("All changes"),
        "form": form,
        "rows": [(row, action_label(row.action), _who(row)) for row in rows],
        "page": page,
        "pager": pager,
        "query": query.urlencode(),
        "csv_query": (query.urlencode() + "&" if query else "") + "format=csv",
    }
    return TemplateResponse(request, "admin/audit.html", context)
