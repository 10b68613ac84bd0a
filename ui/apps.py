from django.apps import AppConfig


class UiConfig(AppConfig):
    """The UI pieces several apps share: formats, charts, page parts, paging, translation tags.

    It sits just above ogp_portal's foundation and imports no app: what it shows of a model
    (a status label, a translated field) it takes from the objects it is given.
    """

    default_auto_field = "django.db.models.BigAutoField"
    name = "ui"

    def ready(self):
        from django.db.backends.signals import connection_created

        from ui.collation import register_sqlite_functions

        # Search and Latvian ordering call these on SQLite, which lacks TRANSLATE() (ui/collation.py).
        connection_created.connect(register_sqlite_functions, dispatch_uid="ui.collation")
