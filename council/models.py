import datetime

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ui.collation import LatvianOrderManager, LatvianSortKey

from .storage import PrivateFileField, document_upload_to, private_storage
from .uploads import validate_document_upload


class Council(models.Model):
    """The plan's supervisory council (uzraudzības padome)."""

    plan = models.ForeignKey(
        "plans.ActionPlan",
        verbose_name=_("action plan"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="councils",
    )
    name = models.CharField(_("name"), max_length=300)
    description = models.TextField(_("description"), blank=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("council")
        verbose_name_plural = _("councils")

    def __str__(self) -> str:
        return self.name


class MembershipKind(models.TextChoices):
    CHAIR = "chair", _("Chair")
    MEMBER = "member", _("Member")
    REPRESENTATIVE = "representative", _("Representative of a member")


class CouncilMemberQuerySet(models.QuerySet):
    def in_term(self, today: datetime.date | None = None):
        """Members whose term (open at either end when blank) includes `today`."""
        today = today or timezone.localdate()
        return self.filter(Q(term_end__isnull=True) | Q(term_end__gte=today)).filter(
            Q(term_start__isnull=True) | Q(term_start__lte=today)
        )


class CouncilMember(models.Model):
    council = models.ForeignKey(Council, verbose_name=_("council"), on_delete=models.CASCADE, related_name="members")
    person_name = models.CharField(_("person"), max_length=200)
    role = models.CharField(_("position"), max_length=500, blank=True)
    institution = models.ForeignKey(
        "institutions.Institution",
        verbose_name=_("institution"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="council_seats",
    )
    # Blank where the source lists "members and their representatives" together.
    membership = models.CharField(_("membership"), max_length=20, choices=MembershipKind.choices, blank=True)
    term_start = models.DateField(_("term start"), null=True, blank=True)
    term_end = models.DateField(_("term end"), null=True, blank=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("portal account"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="council_memberships",
    )

    objects = LatvianOrderManager.from_queryset(CouncilMemberQuerySet)()
    # On Latvian pages (ui.collation.LatvianOrderManager): members in the Latvian alphabetical order.
    latvian_ordering = ["council", LatvianSortKey("person_name"), "pk"]

    class Meta:
        ordering = ["council", "person_name"]
        verbose_name = _("council member")
        verbose_name_plural = _("council members")
        constraints = [
            models.CheckConstraint(
                condition=Q(term_start__isnull=True) | Q(term_end__isnull=True) | Q(term_start__lte=F("term_end")),
                name="councilmember_term_start_before_end",
            ),
        ]

    def __str__(self) -> str:
        return self.person_name


class MeetingStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    APPROVED = "approved", _("Minutes approved")
    PUBLISHED = "published", _("Published")


class MeetingQuerySet(models.QuerySet):
    @staticmethod
    def published_filter(prefix: str = "") -> Q:
        return Q(**{f"{prefix}status": MeetingStatus.PUBLISHED})

    def published(self):
        """Meetings the public sees; a meeting is published on its own, whatever its plan."""
        return self.filter(self.published_filter())


class Meeting(models.Model):
    council = models.ForeignKey(Council, verbose_name=_("council"), on_delete=models.CASCADE, related_name="meetings")
    number = models.PositiveSmallIntegerField(_("number"), null=True, blank=True)
    date = models.DateField(_("date"))
    start_time = models.TimeField(_("start time"), null=True, blank=True)
    end_time = models.TimeField(_("end time"), null=True, blank=True)
    city = models.CharField(_("city"), max_length=100, blank=True)
    place = models.CharField(_("place"), max_length=300, blank=True)
    chair = models.ForeignKey(
        CouncilMember,
        verbose_name=_("chair"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="chaired_meetings",
    )
    status = models.CharField(_("status"), max_length=10, choices=MeetingStatus.choices, default=MeetingStatus.DRAFT)
    summary = models.TextField(_("summary"), blank=True)
    minutes_approved_at = models.DateTimeField(_("minutes approved at"), null=True, blank=True, editable=False)
    minutes_approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("minutes approved by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        editable=False,
        related_name="+",
    )
    published_at = models.DateTimeField(_("published at"), null=True, blank=True, editable=False)
    next_meeting_note = models.TextField(_("next meeting"), blank=True)
    signature_note = models.CharField(
        _("signature note"),
        max_length=300,
        blank=True,
        help_text=_(
            "What the signed minutes say of their signature (e.g. that they are signed with a secure electronic "
            "signature). Shown only beside the signed minutes once uploaded: minutes the portal generates never "
            "carry it."
        ),
    )

    objects = MeetingQuerySet.as_manager()

    class Meta:
        ordering = ["-date"]
        verbose_name = _("meeting")
        verbose_name_plural = _("meetings")
        constraints = [
            models.UniqueConstraint(
                fields=["council", "number"], condition=Q(number__isnull=False), name="meeting_unique_number"
            ),
            models.CheckConstraint(
                condition=Q(start_time__isnull=True) | Q(end_time__isnull=True) | Q(start_time__lte=F("end_time")),
                name="meeting_start_before_end",
            ),
        ]
        indexes = [
            # Public meeting list: published meetings, newest first.
            models.Index(fields=["status", "-date"], name="meeting_status_date"),
        ]

    def __str__(self) -> str:
        if self.number:
            return f"Nr. {self.number} ({self.date:%Y-%m-%d})"
        return f"{self.date:%Y-%m-%d}"

    def get_absolute_url(self) -> str:
        return reverse("council:meeting", kwargs={"pk": self.pk})

    @property
    def is_published(self) -> bool:
        return self.status == MeetingStatus.PUBLISHED

    @property
    def minutes_are_approved(self) -> bool:
        return self.status in (MeetingStatus.APPROVED, MeetingStatus.PUBLISHED)


class AgendaItemQuerySet(models.QuerySet):
    def published(self):
        return self.filter(MeetingQuerySet.published_filter("meeting__"))


class AgendaItem(models.Model):
    meeting = models.ForeignKey(
        Meeting, verbose_name=_("meeting"), on_delete=models.CASCADE, related_name="agenda_items"
    )
    order = models.PositiveSmallIntegerField(_("order"))
    title = models.CharField(_("title"), max_length=500)
    presenters = models.CharField(_("presenters"), max_length=500, blank=True)
    discussion = models.TextField(_("presentations and discussion"), blank=True)
    decision = models.TextField(_("council decision"), blank=True)
    measures = models.ManyToManyField(
        "commitments.Measure", verbose_name=_("measures discussed"), blank=True, related_name="agenda_items"
    )

    objects = AgendaItemQuerySet.as_manager()

    class Meta:
        ordering = ["meeting", "order"]
        verbose_name = _("agenda item")
        verbose_name_plural = _("agenda items")
        constraints = [
            models.UniqueConstraint(fields=["meeting", "order"], name="agendaitem_unique_order"),
        ]

    def __str__(self) -> str:
        return f"{self.order}. {self.title}"


class AttendanceKind(models.TextChoices):
    MEMBER = "member", _("Council member or representative")
    OTHER = "other", _("Other participant")


class Attendance(models.Model):
    meeting = models.ForeignKey(Meeting, verbose_name=_("meeting"), on_delete=models.CASCADE, related_name="attendance")
    order = models.PositiveSmallIntegerField(_("order"))
    kind = models.CharField(_("kind"), max_length=10, choices=AttendanceKind.choices)
    member = models.ForeignKey(
        CouncilMember,
        verbose_name=_("council member"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="attendance",
    )
    person_name = models.CharField(_("person"), max_length=200)
    role = models.CharField(_("position"), max_length=500, blank=True)
    institution = models.ForeignKey(
        "institutions.Institution",
        verbose_name=_("institution"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )

    class Meta:
        ordering = ["meeting", "kind", "order"]
        verbose_name = _("attendance")
        verbose_name_plural = _("attendance")
        constraints = [
            models.UniqueConstraint(fields=["meeting", "kind", "order"], name="attendance_unique_order"),
        ]

    def __str__(self) -> str:
        return self.person_name


class DocumentKind(models.TextChoices):
    AGENDA = "agenda", _("Agenda")
    PRESENTATION = "presentation", _("Presentation")
    MINUTES_SIGNED = "minutes_signed", _("Signed minutes")
    # The minutes as generated from the structured meeting when they were approved (one per language).
    MINUTES_GENERATED = "minutes_generated", _("Generated minutes")
    MATERIAL = "material", _("Material")
    OTHER = "other", _("Other")


class MeetingDocumentQuerySet(models.QuerySet):
    def published(self):
        """Documents marked public, of a published meeting (the others are for the council only)."""
        return self.filter(Q(is_public=True) & MeetingQuerySet.published_filter("meeting__"))


class MeetingDocument(models.Model):
    meeting = models.ForeignKey(Meeting, verbose_name=_("meeting"), on_delete=models.CASCADE, related_name="documents")
    kind = models.CharField(_("kind"), max_length=20, choices=DocumentKind.choices)
    title = models.CharField(_("title"), max_length=300)
    # Stored under a random name in private storage; served only by the council:document view.
    file = PrivateFileField(
        _("file"),
        upload_to=document_upload_to,
        storage=private_storage,
        max_length=255,
        blank=True,
        validators=[validate_document_upload],
        help_text=_("PDF or an office document (DOCX, XLSX, PPTX, ODT, ODS, ODP)."),
    )
    original_name = models.CharField(_("original file name"), max_length=255, blank=True, editable=False)
    content_type = models.CharField(_("content type"), max_length=120, blank=True, editable=False)
    size = models.PositiveBigIntegerField(_("size in bytes"), null=True, blank=True, editable=False)
    language = models.CharField(_("language"), max_length=5, choices=settings.LANGUAGES, blank=True)
    is_public = models.BooleanField(_("public"), default=False)
    uploaded_at = models.DateTimeField(_("uploaded at"), auto_now_add=True)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("uploaded by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )

    objects = MeetingDocumentQuerySet.as_manager()

    class Meta:
        ordering = ["meeting", "kind", "title"]
        verbose_name = _("meeting document")
        verbose_name_plural = _("meeting documents")
        constraints = [
            # Signed minutes replace the generated ones on the public page: there is one signed copy.
            models.UniqueConstraint(
                fields=["meeting"], condition=Q(kind="minutes_signed"), name="meetingdocument_one_signed_minutes"
            ),
            models.UniqueConstraint(
                fields=["meeting", "language"],
                condition=Q(kind="minutes_generated"),
                name="meetingdocument_one_generated_minutes_per_language",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("council:document", kwargs={"pk": self.meeting_id, "doc_pk": self.pk})

    def clean(self):
        from django.core.exceptions import ValidationError

        from .uploads import detect_document_type

        # Derived from the upload itself, so every path (admin, service, shell) records the same facts.
        if self.file and not getattr(self.file, "_committed", True):
            try:
                detected = detect_document_type(self.file.file)
            except ValidationError:
                return  # the field's validator has already reported it
            self.content_type = detected.mimetype
            self.size = self.file.size
            self.original_name = (self.file.name or "").rsplit("/", 1)[-1][:255]
        if self.kind == DocumentKind.MINUTES_SIGNED and self.content_type and not self.is_pdf:
            raise ValidationError({"file": _("Signed minutes must be a PDF file.")})

    @property
    def is_published(self) -> bool:
        """MeetingDocumentQuerySet.published() for one document."""
        return self.is_public and self.meeting.is_published

    @property
    def is_minutes(self) -> bool:
        return self.kind in (DocumentKind.MINUTES_SIGNED, DocumentKind.MINUTES_GENERATED)

    @property
    def is_pdf(self) -> bool:
        return self.content_type == "application/pdf"

    @property
    def format_label(self) -> str:
        from .uploads import label_for_content_type

        return label_for_content_type(self.content_type)
