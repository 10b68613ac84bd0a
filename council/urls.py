"""Council pages, under /padome/ (Latvian path segments in both languages)."""

from django.contrib.auth import views as auth_views
from django.urls import path, reverse_lazy

from accounts import password_reset

from . import views

app_name = "council"
urlpatterns = [
    path("", views.meetings, name="meetings"),
    path("sedes/<int:pk>/", views.meeting, name="meeting"),
    path("sedes/<int:pk>/sedes-materiali.pdf", views.meeting_pack, name="meeting_pack"),
    path("sedes/<int:pk>/protokols.pdf", views.minutes_pdf, name="minutes_pdf"),
    path("sedes/<int:pk>/dokumenti/<int:doc_pk>/", views.document, name="document"),
    # Council members are not staff, so the admin's login refuses them: they sign in here, and land on the
    # council pages (or on a `next` of this site; LoginView checks it).
    path(
        "pieteikties/",
        auth_views.LoginView.as_view(
            template_name="council/login.html", redirect_authenticated_user=True, next_page="council:meetings"
        ),
        name="login",
    ),
    path("iziet/", auth_views.LogoutView.as_view(next_page="council:meetings"), name="logout"),
    # Password reset in the public frame (accounts/password_reset.py; staff have theirs in the admin's look).
    path(
        "parole/",
        password_reset.ResetRequestView.as_view(
            template_name="council/password_reset_form.html", success_url=reverse_lazy("council:password_reset_done")
        ),
        name="password_reset",
    ),
    path(
        "parole/nosutita/",
        auth_views.PasswordResetDoneView.as_view(template_name="council/password_reset_done.html"),
        name="password_reset_done",
    ),
    path(
        "parole/<uidb64>/<token>/",
        auth_views.PasswordResetConfirmView.as_view(
            template_name="council/password_reset_confirm.html",
            success_url=reverse_lazy("council:password_reset_complete"),
        ),
        name="password_reset_confirm",
    ),
    path(
        "parole/nomainita/",
        auth_views.PasswordResetCompleteView.as_view(template_name="council/password_reset_complete.html"),
        name="password_reset_complete",
    ),
]
