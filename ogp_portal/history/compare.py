"""The admin's view of the history diff: the changes column of the history list and the comparison page.

`HistoryCompareMixin` goes into an admin for a tracked model, before SimpleHistoryAdmin in the bases
(ogp_portal.admin_history.HistoryAdminMixin includes it). Which fields changed and how their values
read comes from ogp_portal.history.diff.
"""

from django.contrib.admin.utils import unquote
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.template.response import TemplateResponse
from django.urls import path
from django.utils import timezone
from django.utils.text import capfirst
from django.utils.translation import gettext

from .actors import actor_name
from .diff import diff_rows, m2m_snapshots


def version_label(record) -> str:
    when = timezone.localtime(record.history_date).strftime("%Y-%m-%d %H:%M:%S")
    user = actor_name(record.history_user, record.history_change_reason or "")
    return f"{when} — {user} ({record.get_history_type_display()})"


def _pick_version(records, value):
    if value in (None, ""):
        return None
    try:
        history_id = int(value)
    except (TypeError, ValueError):
        raise Http404 from None
    record = records.filter(history_id=history_id).first()
    if record is None:
        raise Http404
    return record


def _old_and_new(records, versions, query) -> tuple:
    """The two versions `?old=&new=` name, older first; `new` defaults to the latest, `old` to the one before."""
    new = _pick_version(records, query.get("new")) or versions[0]
    old = _pick_version(records, query.get("old"))
    if old is None:
        position = next(i for i, v in enumerate(versions) if v.history_id == new.history_id)
        old = versions[position + 1] if position + 1 < len(versions) else None
    if old is not None and (old.history_date, old.history_id) > (new.history_date, new.history_id):
        old, new = new, old
    return old, new


class HistoryCompareMixin:
    history_compare_template = "admin/history/compare.html"

    def get_urls(self):
        info = self.model._meta.app_label, self.model._meta.model_name
        # Before SimpleHistoryAdmin's "<pk>/history/<version>/", which would swallow "compare".
        urls = [
            path(
                "<path:object_id>/history/compare/",
                self.admin_site.admin_view(self.history_compare_view),
                name="{}_{}_history_compare".format(*info),
            )
        ]
        return urls + super().get_urls()

    def _object_id_in_sight(self, request, object_id):
        """The URL's object id, or 404 when it is malformed or names an object the user's rows leave out:
        out of sight and missing look the same, as on the change page (a deleted object's history stays)."""
        # SimpleHistoryAdmin queries with the raw URL part: "1/change" would be a ValueError (500), not a 404.
        object_id = unquote(object_id)
        try:
            self.model._meta.pk.to_python(object_id)
        except ValidationError:
            raise Http404 from None
        if (
            self.model._default_manager.filter(pk=object_id).exists()
            and not self.get_queryset(request).filter(pk=object_id).exists()
        ):
            raise Http404
        return object_id

    def set_history_delta_changes(self, request, historical_records, foreign_keys_are_objs=True):
        records = list(historical_records)
        snapshots = m2m_snapshots(self.model, records)
        for current, previous in zip(records[1:], records, strict=False):
            previous.history_delta_changes = diff_rows(self.model, current, previous, short=True, snapshots=snapshots)

    def _history_records(self, request, object_id):
        history_manager = getattr(self.model, self.model._meta.simple_history_manager_attribute)
        return self.get_history_queryset(request, history_manager, self.model._meta.pk.attname, object_id)

    def _object_or_latest_version(self, request, object_id, records):
        obj = self.get_queryset(request).filter(pk=object_id).first()
        if obj is None:
            latest = records.order_by("-history_date", "-history_id").first()
            if latest is None:
                raise Http404
            obj = latest.instance
        if not self.has_view_history_or_change_history_permission(request, obj):
            raise PermissionDenied
        return obj

    def history_compare_view(self, request, object_id):
        """Field-by-field comparison of two versions (`?old=<history id>&new=<history id>`).

        Without `new` the latest version is used; without `old`, the version
        before `new`. The older of the two is always shown on the left.
        """
        request.current_app = self.admin_site.name
        object_id = self._object_id_in_sight(request, object_id)
        records = self._history_records(request, object_id)
        obj = self._object_or_latest_version(request, object_id, records)
        versions = list(records.order_by("-history_date", "-history_id"))
        if not versions:
            raise Http404
        old, new = _old_and_new(records, versions, request.GET)
        opts = self.model._meta
        context = {
            **self.admin_site.each_context(request),
            "title": gettext("Compare versions: %s") % obj,
            "opts": opts,
            "app_label": opts.app_label,
            "object": obj,
            "module_name": capfirst(opts.verbose_name_plural),
            "versions": [(v, version_label(v)) for v in versions],
            "old": old,
            "new": new,
            "old_label": version_label(old) if old is not None else "",
            "new_label": version_label(new),
            "rows": diff_rows(self.model, old, new) if old is not None else [],
            "revert_disabled": self.revert_disabled(request, obj),
        }
        return TemplateResponse(request, self.history_compare_template, context)
