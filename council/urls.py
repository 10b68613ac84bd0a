"""Council pages, under /padome/ (Latvian path segments in both languages)."""

from django.urls import path

from . import views

app_name = "council"
urlpatterns = [
    path("", views.meetings, name="meetings"),
    path("sedes/<int:pk>/", views.meeting, name="meeting"),
    path("sedes/<int:pk>/sedes-materiali.pdf", views.meeting_pack, name="meeting_pack"),
    path("sedes/<int:pk>/protokols.pdf", views.minutes_pdf, name="minutes_pdf"),
    path("sedes/<int:pk>/dokumenti/<int:doc_pk>/", views.document, name="document"),
]
