from django.apps import AppConfig


class SourcedataConfig(AppConfig):
    """The data that ships with the portal, from the source documents: the loader commands.

    `load_real_data` (fixtures/), `generate_synthetic` (benchmark data) and `ensure_demo_admin`
    write into every content app, so they sit at the top of the layering where nothing imports them.
    """

    default_auto_field = "django.db.models.BigAutoField"
    name = "sourcedata"
