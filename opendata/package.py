"""The Frictionless Data Package (/dati/datapackage.json) and what the catalogue says of each dataset.

Every CSV download is a resource; its Table Schema comes from the export's column
declarations (exports.base.Column), so the package cannot drift from the files.
The schema's field names are the CSV headings, which follow the language of the
address, as the files do.
"""

from django.db.models import Max
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from . import conf
from .exports import EXPORTS, FORMATS
from .exports.base import Export

CSV = FORMATS["csv"]
TITLE = _("Open government action plans: open data")
DESCRIPTION = _(
    "The national open government action plans of Latvia as the monitoring portal publishes them: plans, "
    "commitments, measures, progress reports, funding, consultations and the supervisory council."
)


def dataset_modified(export_class: type[Export]):
    """When a public row of the dataset last changed, from its history; None when there is none."""
    queryset = export_class().get_queryset()
    model = queryset.model
    if export_class.modified_field:  # rows with no history that say when they changed (a report's publication)
        return queryset.aggregate(last=Max(export_class.modified_field))["last"]
    if hasattr(model, "history_date"):  # already history rows (status changes)
        return model.objects.aggregate(last=Max("history_date"))["last"]
    history = getattr(model, "history", None)
    if history is None:
        return None
    return history.filter(id__in=queryset.values("pk")).aggregate(last=Max("history_date"))["last"]


def table_schema(export: Export) -> dict:
    columns = export.get_columns()
    name = {column.key: str(column.label) for column in columns}
    schema = {
        "fields": [_field(column) for column in columns],
        # What the CSV writes for a missing value (exports.formats._as_text).
        "missingValues": [""],
    }
    if export.primary_key:
        schema["primaryKey"] = [name[key] for key in export.primary_key]
    if export.foreign_keys:
        references = {}
        for key, (resource, other_key) in export.foreign_keys.items():
            other = {c.key: str(c.label) for c in EXPORTS[resource]("csv").get_columns()}
            references[key] = {"fields": name[key], "reference": {"resource": resource, "fields": other[other_key]}}
        schema["foreignKeys"] = list(references.values())
    return schema


def _field(column) -> dict:
    field = {
        "name": str(column.label),
        "title": str(column.label),
        "type": column.type,
        "description": str(column.description or column.label),
    }
    if column.type == "boolean":
        field.update(trueValues=["true"], falseValues=["false"])
    return field


def data_package() -> dict:
    licence = conf.licence()
    resources = []
    for identifier, export_class in EXPORTS.items():
        export = export_class("csv")
        resources.append(
            {
                "name": identifier,
                # Relative to this file: /dati/measures.csv beside /dati/datapackage.json, /en/dati/ in English.
                "path": reverse("opendata:download", kwargs={"dataset": identifier, "fmt": "csv"}).rsplit("/", 1)[1],
                "title": str(export.verbose_name),
                "description": str(export.description),
                "format": CSV.extension,
                "mediatype": "text/csv",
                # The byte-order mark lets spreadsheet programs see UTF-8.
                "encoding": "utf-8-sig",
                "profile": "tabular-data-resource",
                "schema": table_schema(export),
            }
        )
    return {
        "profile": "tabular-data-package",
        "name": "ogp-action-plans",
        "title": str(TITLE),
        "description": str(DESCRIPTION),
        "homepage": conf.site_url() + reverse("opendata:index"),
        "licenses": [{"name": licence.id, "path": licence.url, "title": licence.title}],
        "publisher": conf.publisher(),
        "created": timezone.now().isoformat(timespec="seconds"),
        "resources": resources,
    }
