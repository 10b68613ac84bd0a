from django.urls import path

from . import views

app_name = "accounts"
urlpatterns = [
    path("2fa/", views.otp_verify, name="otp_verify"),
    path("2fa/iestatit/", views.otp_setup, name="otp_setup"),
    path("2fa/rezerves-kodi/", views.otp_backup_codes, name="otp_backup_codes"),
]
