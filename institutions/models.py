import datetime

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from ui.collation import LatvianOrderManager, LatvianSortKey
from ui.urls import object_url


class InstitutionKind(models.TextChoices):
    MINISTRY = "ministry", _("Ministry")
    AGENCY = "agency", _("State agency")
    STATE_COMPANY = "state_company", _("State company")
    NGO = "ngo", _("Non-governmental organisation")
    MUNICIPALITY = "municipality", _("Municipality")
    OTHER = "other", _("Other")


class Institution(models.Model):
    """A ministry, agency, NGO or municipality that leads or implements measures.

    `name` is the current name; earlier names live in InstitutionName so that
    documents dated before a rename keep showing the name of the time.
    """

    slug = models.SlugField(_("slug"), max_length=80, unique=True)
    name = models.CharField(_("name"), max_length=255)
    abbreviation = models.CharField(_("abbreviation"), max_length=40, blank=True)
    kind = models.CharField(_("kind"), max_length=20, choices=InstitutionKind.choices)
    website = models.URLField(_("website"), blank=True)
    parent = models.ForeignKey(
        "self",
        verbose_name=_("parent institution"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="subordinates",
    )

    objects = LatvianOrderManager()
    # On Latvian pages (ui.collation.LatvianOrderManager): "Ārlietu ministrija" after every "A…".
    latvian_ordering = [LatvianSortKey("name_lv"), "pk"]

    class Meta:
        ordering = ["name"]
        verbose_name = _("institution")
        verbose_name_plural = _("institutions")
        permissions = [
            ("import_institution", "Can import institutions"),
            ("export_institution", "Can export institutions"),
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return object_url("portal:institution", slug=self.slug)

    def record_on(self, date: datetime.date | None):
        """The record whose name applied on `date`: an earlier InstitutionName, or the institution itself.

        Uses prefetched `former_names` when present, so list pages stay at a
        fixed number of queries.
        """
        if date is None:
            return self
        for former in sorted(self.former_names.all(), key=lambda f: f.valid_until):
            if date < former.valid_until and (former.valid_from is None or date >= former.valid_from):
                return former
        return self

    def name_on(self, date: datetime.date | None) -> str:
        """The name the institution had on `date` (its current name when None)."""
        return self.record_on(date).name

    def abbreviation_on(self, date: datetime.date | None) -> str:
        return self.record_on(date).abbreviation


class InstitutionName(models.Model):
    """An earlier name, used for dates before `valid_until` (exclusive)."""

    institution = models.ForeignKey(
        Institution, on_delete=models.CASCADE, related_name="former_names", verbose_name=_("institution")
    )
    name = models.CharField(_("name"), max_length=255)
    abbreviation = models.CharField(_("abbreviation"), max_length=40, blank=True)
    valid_from = models.DateField(_("used from"), null=True, blank=True)
    valid_until = models.DateField(_("used until (exclusive)"))

    class Meta:
        ordering = ["institution", "valid_until"]
        verbose_name = _("earlier name")
        verbose_name_plural = _("earlier names")
        constraints = [
            models.CheckConstraint(
                condition=Q(valid_from__isnull=True) | Q(valid_from__lt=models.F("valid_until")),
                name="institutionname_from_before_until",
            ),
            models.UniqueConstraint(fields=["institution", "valid_until"], name="institutionname_unique_until"),
        ]

    def __str__(self) -> str:
        return f"{self.name} (→ {self.valid_until:%Y-%m-%d})"
