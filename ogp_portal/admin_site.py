"""Titles of the Django admin (the staff back office).

Imported by ogp_portal/urls.py (the admin reads its titles when it renders, after the URLs load).
"""

from django.contrib import admin
from django.utils.translation import gettext_lazy as _

admin.site.site_header = _("Open Government Portal")
admin.site.site_title = _("Open Government Portal")
admin.site.index_title = _("Administration")
