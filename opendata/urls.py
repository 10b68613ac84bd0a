from django.urls import include, path

from . import feeds, views
from .api import api
from .cors import cross_origin_patterns

app_name = "opendata"

urlpatterns = [
    path("", views.index, name="index"),
    # The namespace is given here (not by ninja) so that the API reverses as opendata:api:<name>.
    path("api/", include((cross_origin_patterns(api.urls[0]), "api"), namespace="api")),
    path("plusmas/progress/", feeds.ProgressFeed(), name="feed-progress"),
    path("plusmas/progress/plani/<slug:slug>/", feeds.PlanProgressFeed(), name="feed-progress-plan"),
    path("plusmas/progress/iestades/<slug:slug>/", feeds.InstitutionProgressFeed(), name="feed-progress-institution"),
    path("plusmas/statusi/", feeds.StatusFeed(), name="feed-status"),
    path("plusmas/statusi/plani/<slug:slug>/", feeds.PlanStatusFeed(), name="feed-status-plan"),
    path("plusmas/statusi/iestades/<slug:slug>/", feeds.InstitutionStatusFeed(), name="feed-status-institution"),
    path("plusmas/sedes/", feeds.MeetingFeed(), name="feed-meetings"),
    path("plusmas/apspriesanas/", feeds.ConsultationFeed(), name="feed-consultations"),
    # Before the downloads, whose pattern would take "datapackage.json" for a dataset.
    path("datapackage.json", views.datapackage, name="datapackage"),
    path("catalog.ttl", views.catalogue_turtle, name="catalogue-turtle"),
    path("catalog.jsonld", views.catalogue_jsonld, name="catalogue-jsonld"),
    path("<slug:dataset>.<slug:fmt>", views.download, name="download"),
]
