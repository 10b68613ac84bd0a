"""Council pages, under /padome/ (Latvian path segments in both languages)."""

from django.contrib.auth import views as auth_views
from django.urls import path

from . import views

app_name = "council"
urlpatterns = [
    path("", views.meetings, name="meetings"),
    path("sedes/<int:pk>/", views.meeting, name="meeting"),
    path("sedes/<int:pk>/sedes-materiali.pdf", views.meeting_pack, name="meeting_pack"),
    path("sedes/<int:pk>/protokols.pdf", views.minutes_pdf, name="minutes_pdf"),
    path("sedes/<int:pk>/dokumenti/<int:doc_pk>/", views.document, name="document"),
    # Council members are not staff, so the admin's login refuses them: they sign in here.
    path(
        "pieteikties/",
        auth_views.LoginView.as_view(template_name="council/login.html", redirect_authenticated_user=True),
        name="login",
    ),
    path("iziet/", auth_views.LogoutView.as_view(next_page="council:meetings"), name="logout"),
]
