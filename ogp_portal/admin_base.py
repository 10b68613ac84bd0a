"""Admin pieces any app may use."""


class ReadOnlyInlineMixin:
    """Rows are listed with a link to their own page, where their own rules apply."""

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
