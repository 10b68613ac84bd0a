"""The published reports as a dataset: the reports page's list, downloadable like every other list.

`reports` and `opendata` are independent apps (neither imports the other): the model is named by its label,
and its QuerySet's `published()` and `listed()` say which reports and in what order, as on the page.
"""

from django.apps import apps
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from .base import Column, Export, page_url
from .datasets import ID, PLAN, URL


class ReportExport(Export):
    identifier = "reports"
    verbose_name = _("Published reports")
    sheet_name = _("Reports")
    description = _("The published mid-term, end-of-term and refresh reports: data date, version, size and address.")
    filename_stem = pgettext_lazy("file name", "reports")
    plan_lookup = "plan__slug"

    primary_key = ("id",)
    # A published report never changes: the dataset changed when the newest one was published.
    modified_field = "published_at"

    def get_queryset(self):
        return apps.get_model("reports", "Report").objects.published().select_related("plan").listed()

    def get_columns(self):
        return [
            Column("id", ID, lambda r: r.pk, "integer"),
            Column("plan", PLAN, lambda r: str(r.plan)),
            Column("kind", _("kind"), lambda r: r.get_kind_display()),
            Column("language", _("language"), lambda r: r.language),
            Column("report_version", _("version"), lambda r: r.version, "integer"),
            Column("as_of", _("data as of"), lambda r: r.as_of, "date"),
            Column("published_at", _("published at"), lambda r: r.published_at, "datetime"),
            Column("pages", _("pages"), lambda r: r.page_count, "integer"),
            Column("size", _("size in bytes"), lambda r: r.size, "integer"),
            Column("sha256", _("SHA-256"), lambda r: r.sha256),
            Column("url", URL, lambda r: page_url("reports:download", pk=r.pk)),
        ]
