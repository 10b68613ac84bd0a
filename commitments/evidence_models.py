"""Evidence files of a progress entry (imported into models.py so Django finds the model).

Stored in private storage under a random name with the extension of the real type; the uploader's name
is kept (sanitized) for showing only. Public only with an approved entry of a published measure.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from ogp_portal.private_storage import PrivateFileField, private_storage
from ogp_portal.uploads import stored_name, type_for_content_type

from .querysets import MeasureQuerySet
from .scales import ReviewState


def evidence_upload_to(instance, filename: str) -> str:
    return stored_name("evidence", instance.content_type)


class EvidenceFileQuerySet(models.QuerySet):
    def published(self):
        """Files of approved entries of published measures (ProgressEntryQuerySet.published(), chained)."""
        return self.filter(entry__review_state=ReviewState.APPROVED).filter(
            MeasureQuerySet.published_filter("entry__measure__")
        )


class EvidenceFile(models.Model):
    entry = models.ForeignKey(
        "commitments.ProgressEntry",
        verbose_name=_("progress entry"),
        on_delete=models.CASCADE,
        related_name="evidence_files",
    )
    # Written only by commitments.evidence.evidence_attach, which checked the content first.
    file = PrivateFileField(_("file"), upload_to=evidence_upload_to, storage=private_storage, max_length=255)
    original_name = models.CharField(_("file name"), max_length=255)
    content_type = models.CharField(_("content type"), max_length=120)
    size = models.PositiveBigIntegerField(_("size in bytes"))
    sha256 = models.CharField(_("SHA-256"), max_length=64)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("uploaded by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    uploaded_at = models.DateTimeField(_("uploaded at"), auto_now_add=True)

    objects = EvidenceFileQuerySet.as_manager()

    class Meta:
        ordering = ["entry", "uploaded_at", "pk"]
        verbose_name = _("evidence file")
        verbose_name_plural = _("evidence files")
        constraints = [
            models.CheckConstraint(condition=Q(size__gt=0), name="evidencefile_size_positive"),
            models.CheckConstraint(condition=~Q(content_type=""), name="evidencefile_content_type_set"),
        ]

    def __str__(self) -> str:
        return self.original_name

    def get_absolute_url(self) -> str:
        """The staff's permission-checked download (the public one is `public_url`)."""
        return reverse("admin:progressentry_evidence_file", kwargs={"entry_pk": self.entry_id, "pk": self.pk})

    @property
    def public_url(self) -> str:
        return reverse("portal:evidence_file", kwargs={"pk": self.pk})

    @property
    def format_label(self) -> str:
        found = type_for_content_type(self.content_type)
        return found.label if found else ""

    @property
    def is_published(self) -> bool:
        """EvidenceFileQuerySet.published() for one file."""
        return self.entry.is_published
