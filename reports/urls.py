from django.urls import path

from . import feeds, views

app_name = "reports"
urlpatterns = [
    path("", views.report_list, name="list"),
    path("<int:pk>/lejupieladet/", views.report_download, name="download"),
    path("plusmas/", feeds.ReportFeed(), name="feed"),
]
