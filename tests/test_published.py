"""What the public sees is decided once per model: QuerySet.published() and the instance's is_published agree."""

from django.test import TestCase
from django.utils import timezone

from commitments.models import Commitment, Measure, ProgressEntry
from consultations.models import Consultation, Proposal
from council.models import MeetingDocument, MeetingStatus
from opendata.testing import SECRET, make_world
from reports.models import BuildState, Report


def make_report(plan, *, version, published_by=None):
    return Report.objects.create(
        plan=plan,
        kind="final",
        language="lv",
        version=version,
        as_of=plan.period_end,
        state=BuildState.DONE,
        file=f"reports/{plan.slug}-{version}.pdf",
        sha256=f"{version}" * 64,
        published_at=published_by and timezone.now(),
        published_by=published_by,
    )


class PublishedTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.world = make_world()
        world = cls.world
        unpublished = world["meeting"].council.meetings.exclude(status=MeetingStatus.PUBLISHED).first()
        MeetingDocument.objects.create(
            meeting=unpublished, kind="agenda", title=f"{SECRET}-draft-agenda", file="council/a.pdf", is_public=True
        )
        make_report(world["plan"], version=1, published_by=world["user"])
        make_report(world["plan"], version=2)
        make_report(world["hidden_plan"], version=3, published_by=world["user"])

    def test_published_selects_exactly_the_objects_that_say_they_are_published(self):
        for model in (Commitment, Measure, ProgressEntry, Consultation, Proposal, MeetingDocument, Report):
            with self.subTest(model.__name__):
                every = list(model.objects.all())
                published = set(model.objects.published())
                attribute = "is_public" if model is Report else "is_published"
                self.assertEqual(published, {obj for obj in every if getattr(obj, attribute)})
                self.assertTrue(published, "nothing public to compare")
                self.assertLess(len(published), len(every), "nothing hidden to compare")

    def test_nothing_published_carries_the_secret_marker(self):
        self.assertFalse(Measure.objects.published().filter(title__contains=SECRET).exists())
        self.assertFalse(ProgressEntry.objects.published().filter(narrative__contains=SECRET).exists())
        self.assertFalse(Proposal.objects.published().filter(essence__contains=SECRET).exists())
        self.assertFalse(MeetingDocument.objects.published().filter(title__contains=SECRET).exists())
        self.assertFalse(Report.objects.published().filter(sha256__contains=SECRET).exists())
        # This test's own final reports: the one published of a public plan.
        self.assertEqual([r.version for r in Report.objects.published().filter(kind="final")], [1])
