from django.urls import path

from . import password_reset, views

app_name = "accounts"
urlpatterns = [
    path("2fa/", views.otp_verify, name="otp_verify"),
    path("2fa/iestatit/", views.otp_setup, name="otp_setup"),
    path("2fa/rezerves-kodi/", views.otp_backup_codes, name="otp_backup_codes"),
    # Staff ask at admin/password_reset/ (ogp_portal/urls.py: the name the admin's login page links to).
    path("parole/nosutita/", password_reset.StaffResetDoneView.as_view(), name="password_reset_done"),
    path("parole/<uidb64>/<token>/", password_reset.StaffResetConfirmView.as_view(), name="password_reset_confirm"),
    path("parole/nomainita/", password_reset.StaffResetCompleteView.as_view(), name="password_reset_complete"),
]
