from django.apps import AppConfig


class UiConfig(AppConfig):
    """The UI pieces several apps share: formats, charts, page parts, paging, translation tags.

    It sits just above ogp_portal's foundation and imports no app: what it shows of a model
    (a status label, a translated field) it takes from the objects it is given.
    """

    default_auto_field = "django.db.models.BigAutoField"
    name = "ui"
