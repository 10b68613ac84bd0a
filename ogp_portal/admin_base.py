"""Admin pieces any app may use."""

from django.contrib.admin.options import IncorrectLookupParameters


class ReadOnlyInlineMixin:
    """Rows are listed with a link to their own page, where their own rules apply."""

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class NulSafeChangelistMixin:
    """A list query with a NUL byte is refused as Django refuses any filter it cannot use.

    PostgreSQL refuses NUL in any text, and the admin only asks the database when it counts the rows, past
    the point where it turns a bad filter into IncorrectLookupParameters: checked here, before the filters
    and the search reach the queryset, the admin answers with the list again, flagged `?e=1`.
    """

    def get_changelist_instance(self, request):
        if any("\x00" in key or "\x00" in value for key, values in request.GET.lists() for value in values):
            raise IncorrectLookupParameters("NUL characters in the query string")
        return super().get_changelist_instance(request)
