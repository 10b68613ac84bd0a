"""Spreadsheet import/export of institutions (staff, needs import/export permission)."""

from django.db.models import Q
from django.utils.translation import gettext
from import_export.widgets import CharWidget

from ogp_portal.import_export_base import (
    ChoiceWidget,
    EmptyAwareField,
    HistoryModelResource,
    SlugForeignKeyWidget,
    SlugManyToManyWidget,
)

from . import services
from .models import Institution, InstitutionKind


class InstitutionWidget(SlugForeignKeyWidget):
    """An institution by slug (exported) or, when typed by hand, its abbreviation."""

    def __init__(self, **kwargs):
        super().__init__(Institution, "slug", **kwargs)

    def get_instance_by_lookup_fields(self, value, row, **kwargs):
        value = str(value).strip()
        by_slug = Institution.objects.filter(slug=value).first()
        if by_slug is not None:
            return by_slug
        return Institution.objects.get(Q(abbreviation__iexact=value) & ~Q(abbreviation=""))


class InstitutionsWidget(SlugManyToManyWidget):
    """Comma-separated institution slugs (abbreviations accepted on import)."""

    def __init__(self, **kwargs):
        super().__init__(Institution, separator=",", field="slug", **kwargs)

    def clean(self, value, row=None, **kwargs):
        if value in (None, ""):
            return Institution.objects.none()
        widget = InstitutionWidget()
        keys = [key.strip() for key in str(value).split(self.separator) if key.strip()]
        pks, unknown = [], []
        for key in keys:
            try:
                pks.append(widget.clean(key).pk)
            except ValueError:
                unknown.append(key)
        if unknown:
            raise ValueError(gettext("Unknown institutions: %(values)s.") % {"values": ", ".join(unknown)})
        return Institution.objects.filter(pk__in=pks)


class InstitutionResource(HistoryModelResource):
    save_service = staticmethod(services.institution_save)
    slug = EmptyAwareField(attribute="slug", column_name="slug", widget=CharWidget())
    kind = EmptyAwareField(attribute="kind", column_name="kind", widget=ChoiceWidget(InstitutionKind.choices))
    parent = EmptyAwareField(attribute="parent", column_name="parent", widget=InstitutionWidget())

    class Meta:
        model = Institution
        import_id_fields = ["slug"]
        fields = ["slug", "name_lv", "name_en", "abbreviation", "kind", "website", "parent"]
        export_order = fields

    @classmethod
    def get_display_name(cls):
        return gettext("Institutions (by slug)")
