"""The real data that ships with the portal (`load_real_data` reading fixtures/)."""

import datetime
import shutil
import tempfile
from decimal import Decimal
from io import StringIO
from pathlib import Path

from django.apps import apps
from django.conf import settings
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import models
from django.test import TestCase

from commitments.models import Measure, MeasureStatus
from consultations.models import Consultation, Proposal, ProposalOutcome
from council.models import AgendaItem, AttendanceKind, Council, Meeting, MeetingStatus
from institutions.models import Institution
from plans.models import ActionPlan, FundingSource, PlanRevision, PlanStatus, RoundStatus

CONTENT_APPS = ("institutions", "plans", "commitments", "consultations", "council")
REASON = "Sākotnējā ielāde no avota dokumentiem"


def load(**kwargs) -> str:
    out = StringIO()
    call_command("load_real_data", stdout=out, **kwargs)
    return out.getvalue()


def content_models():
    """The content models (not their historical shadows)."""
    for label in CONTENT_APPS:
        for model in apps.get_app_config(label).get_models():
            if not model.__name__.startswith("Historical"):
                yield model


def row_counts() -> dict[str, int]:
    return {model.__name__: model.objects.count() for model in content_models()}


# The checks are grouped in mixins but run in one TestCase, so the data is loaded once.


class RealDataTestCase(TestCase):
    @classmethod
    def setUpTestData(cls):
        load()
        cls.plan = ActionPlan.objects.get(slug="lv-nap5-2022-2025")
        cls.meeting = Meeting.objects.get(number=5)


class PlanChecks:
    def test_it_loads_the_fifth_plan(self):
        plan = self.plan
        self.assertEqual(plan.number, 5)
        self.assertEqual(
            plan.title_lv, "Latvijas Piektais nacionālais atvērtās pārvaldības rīcības plāns 2022. – 2025. gadam"
        )
        self.assertEqual((plan.period_start, plan.period_end), (datetime.date(2022, 1, 1), datetime.date(2025, 12, 31)))
        self.assertIn("2022. gada 10. februāra rīkojums Nr. 78", plan.approving_act_lv)
        self.assertEqual(plan.approved_on, datetime.date(2022, 2, 10))
        self.assertEqual(plan.status, PlanStatus.IMPLEMENTATION)
        self.assertEqual(plan.ogp_label, "Latvia Action Plan 2021-2025 (December)")
        self.assertEqual(plan.coordinator.abbreviation, "VK")
        self.assertEqual(ActionPlan.objects.current(), plan)

    def test_it_loads_the_development_timeline_and_links(self):
        phases = list(self.plan.phases.order_by("order"))
        self.assertEqual(phases[0].start_date, datetime.date(2021, 4, 28))
        self.assertEqual(phases[1].start_date, datetime.date(2021, 5, 24))
        self.assertIn("ManaBalss.lv", phases[1].description_lv)
        self.assertEqual(phases[-1].start_date, datetime.date(2022, 2, 10))
        self.assertIn("https://www.mk.gov.lv/lv/atverta-parvaldiba", self.plan.links.values_list("url", flat=True))

    def test_it_loads_the_sixth_plan_in_consultation(self):
        plan = ActionPlan.objects.get(number=6)
        self.assertEqual(
            plan.title_lv, "Latvijas Sestais nacionālais atvērtās pārvaldības rīcības plāns 2026.–2027. gadam"
        )
        self.assertEqual(plan.status, PlanStatus.CONSULTATION)
        self.assertFalse(plan.commitments.exists())

    def test_it_loads_two_closed_reporting_rounds(self):
        rounds = list(self.plan.reporting_rounds.order_by("period_start"))
        self.assertEqual([r.deadline for r in rounds], [datetime.date(2024, 3, 1), datetime.date(2026, 3, 1)])
        self.assertEqual({r.status for r in rounds}, {RoundStatus.CLOSED})
        self.assertTrue(all(r.title_lv and r.title_en for r in rounds))


class CommitmentChecks:
    def test_it_loads_six_commitments_with_titles_and_ogp_ids(self):
        commitments = {c.number: c for c in self.plan.commitments.all()}
        self.assertEqual(sorted(commitments), [1, 2, 3, 4, 5, 6])
        self.assertEqual(
            commitments[1].title_lv,
            "Stiprināt sabiedrības līdzdalības ietvaru un vairot izpratni par efektīvu līdzdalības procesu",
        )
        self.assertEqual(
            commitments[6].title_en,
            "Promotion of openness and public involvement and participation in local governments",
        )
        self.assertEqual(
            {n: c.ogp_id for n, c in commitments.items()},
            {1: "LV0046", 2: "", 3: "LV0048", 4: "LV0049", 5: "LV0050", 6: "LV0051"},
        )
        self.assertEqual({n: c.irm_ambition for n, c in commitments.items()}[2], "")
        self.assertEqual(commitments[1].irm_ambition, "high")
        self.assertEqual(commitments[4].irm_ambition, "low")
        self.assertTrue(all(c.irm_verifiable == "yes" and c.irm_relevant == "yes" for c in commitments.values()))

    def test_lead_institutions_follow_the_ogp_table(self):
        leads = {c.number: {i.slug for i in c.lead_institutions.all()} for c in self.plan.commitments.all()}
        self.assertEqual(leads[1], {"valsts-kanceleja", "valsts-administracijas-skola"})
        self.assertEqual(leads[2], set())
        self.assertEqual(leads[3], {"valsts-kanceleja", "tieslietu-ministrija", "valsts-ienemumu-dienests"})
        self.assertEqual(leads[6], {"varam", "valsts-kanceleja"})

    def test_only_commitment_6_needs_special_attention_as_a_whole(self):
        flagged = list(self.plan.commitments.filter(special_attention=True).values_list("number", flat=True))
        self.assertEqual(flagged, [6])


class MeasureChecks:
    def test_it_loads_every_numbered_measure(self):
        numbers = set(self.plan.measures.exclude(number="").values_list("number", flat=True))
        expected = [
            "1.1",
            "1.2",
            "1.3",
            "2.1",
            "2.4",
            "2.5",
            "3.1",
            "3.2",
            "3.5",
            "4.1",
            "4.2",
            "5.1",
            "5.2",
            "5.3",
            "6.1",
            "6.2",
            "6.3",
        ]
        self.assertEqual(numbers, set(expected))

    def test_measure_3_5_has_providus_as_other_implementer(self):
        measure = self.plan.measures.get(number="3.5")
        self.assertEqual([i.slug for i in measure.other_implementers.all()], ["providus"])
        self.assertIsNone(measure.responsible_institution)

    def test_the_refresh_adds_three_unnumbered_varam_measures(self):
        revision = PlanRevision.objects.get(plan=self.plan)
        added = list(revision.added_measures.order_by("commitment__number", "order"))
        self.assertEqual(len(added), 3)
        self.assertEqual([m.number for m in added], ["", "", ""])
        self.assertEqual([m.commitment.number for m in added], [5, 5, 6])
        self.assertEqual({m.responsible_institution.abbreviation for m in added}, {"VARAM"})
        self.assertEqual(added[2].title_lv, "Pašvaldību salīdzinošo sociālekonomisko datu pieejamība")
        self.assertEqual([i.slug for i in added[2].other_implementers.all()], ["providus"])

    def test_the_revision_was_decided_at_the_april_2024_meeting(self):
        revision = PlanRevision.objects.get(plan=self.plan)
        self.assertEqual(revision.decided_on, datetime.date(2024, 4, 30))
        self.assertEqual(revision.decided_at_meeting.date, datetime.date(2024, 4, 30))
        self.assertIsNone(revision.decided_at_meeting.number)
        self.assertIsNone(revision.submitted_to_ogp_on)

    def test_special_attention_flags(self):
        flagged = set(
            self.plan.measures.filter(special_attention=True).exclude(number="").values_list("number", flat=True)
        )
        self.assertEqual(flagged, {"1.1", "1.3", "3.2", "3.5", "4.1", "6.2"})
        unnumbered = set(
            self.plan.measures.filter(special_attention=True, number="").values_list("commitment__number", flat=True)
        )
        self.assertEqual(unnumbered, {1, 4})
        # Commitment 6 as a whole: all its measures count as special attention.
        self.assertTrue(
            set(self.plan.measures.filter(commitment__number=6)).issubset(set(Measure.objects.special_attention()))
        )

    def test_no_status_is_claimed_without_a_source(self):
        self.assertEqual(set(Measure.objects.values_list("status", flat=True)), {MeasureStatus.NO_INFORMATION})


class InstitutionChecks:
    def test_varam_keeps_its_name_before_the_rename(self):
        varam = Institution.objects.get(slug="varam")
        self.assertEqual(
            varam.name_on(datetime.date(2024, 6, 30)), "Vides aizsardzības un reģionālās attīstības ministrija"
        )
        self.assertEqual(
            varam.name_on(datetime.date(2024, 7, 1)), "Viedās administrācijas un reģionālās attīstības ministrija"
        )
        self.assertEqual(varam.abbreviation_on(datetime.date(2024, 6, 30)), "VARAM")

    def test_valsts_kase_belongs_to_the_ministry_of_finance(self):
        self.assertEqual(Institution.objects.get(slug="valsts-kase").parent.slug, "finansu-ministrija")

    def test_the_ngos_are_ngos(self):
        ngos = set(Institution.objects.filter(kind="ngo").values_list("slug", flat=True))
        self.assertEqual(ngos, {"delna", "latvijas-pilsoniska-alianse", "providus", "latvijas-jaunatnes-padome"})


class FundingChecks:
    def test_funding_amounts(self):
        esf = FundingSource.objects.get(code="4.3.4.5")
        self.assertEqual(esf.total_amount, Decimal("1740000"))
        self.assertEqual(FundingSource.objects.get(code="6.3.1.4.i").total_amount, Decimal("2318960"))
        budget = FundingSource.objects.get(programme_lv="Valsts budžets")
        self.assertIsNone(budget.total_amount)
        yearly = dict(budget.yearly_amounts.values_list("year", "amount"))
        self.assertEqual(yearly, {2023: Decimal("90000"), 2024: Decimal("117000"), 2025: Decimal("95000")})
        self.assertFalse(Measure.funding_sources.through.objects.exists())


class ConsultationChecks:
    def test_the_refresh_consultation_has_four_proposals(self):
        consultation = Consultation.objects.get(plan=self.plan)
        self.assertEqual(
            (consultation.period_start, consultation.period_end),
            (datetime.date(2024, 7, 2), datetime.date(2024, 7, 16)),
        )
        self.assertEqual(consultation.revision, PlanRevision.objects.get(plan=self.plan))
        self.assertIn("inese.kuske@mk.gov.lv", consultation.channel_lv)
        proposals = list(consultation.proposals.order_by("order"))
        self.assertEqual(
            [p.author_institution.slug for p in proposals], ["valsts-kase"] + ["latvijas-jaunatnes-padome"] * 3
        )
        self.assertEqual([p.author_name for p in proposals[1:]], ["Katrīna Leitāne"] * 3)
        self.assertEqual(
            [list(p.measures.values_list("number", flat=True)) for p in proposals], [[], ["2.1"], ["2.4"], ["2.5"]]
        )
        self.assertEqual(
            [p.outcome for p in proposals],
            [ProposalOutcome.ACCEPTED, ProposalOutcome.ACCEPTED, ProposalOutcome.NOTED, ProposalOutcome.NOTED],
        )
        self.assertTrue(all(p.essence_lv and p.response_lv for p in proposals))

    def test_pdf_line_breaks_are_gone_from_the_proposals(self):
        for proposal in Proposal.objects.all():
            for text in (proposal.essence_lv, proposal.response_lv):
                for paragraph in text.split("\n\n"):
                    self.assertNotIn("\n", paragraph.replace("\n- ", " "), paragraph)
                self.assertNotIn("  ", text)


class CouncilChecks:
    def test_meeting_5_is_complete(self):
        meeting = self.meeting
        self.assertEqual(meeting.date, datetime.date(2024, 11, 7))
        self.assertEqual((meeting.start_time, meeting.end_time), (datetime.time(13, 0), datetime.time(14, 30)))
        self.assertEqual(meeting.place_lv, "Valsts kancelejas Bibliotēka")
        self.assertEqual(meeting.status, MeetingStatus.PUBLISHED)
        self.assertEqual(meeting.chair.person_name, "I. Lībķena")
        self.assertEqual(meeting.chair.membership, "chair")
        self.assertEqual(meeting.attendance.filter(kind=AttendanceKind.MEMBER).count(), 24)
        others = list(meeting.attendance.filter(kind=AttendanceKind.OTHER).order_by("order"))
        self.assertEqual([a.person_name for a in others], ["V. Sidorenkovs", "I.A. Eklona", "D. Jansone"])
        self.assertTrue(all(a.role_lv and a.institution for a in meeting.attendance.all()))
        self.assertEqual(meeting.next_meeting_note_lv, "Nākamā uzraudzības padomes sēde plānota 2025. gada pavasarī.")
        self.assertEqual(meeting.signature_note_lv, "Dokuments ir parakstīts ar drošu elektronisko parakstu")

    def test_member_attendance_copies_the_member(self):
        row = self.meeting.attendance.get(kind=AttendanceKind.MEMBER, order=24)
        self.assertEqual(row.person_name, "L. Stafecka")
        self.assertEqual(row.member.person_name, "L. Stafecka")
        self.assertEqual(row.institution.slug, "providus")

    def test_the_council_has_the_chair_and_24_members(self):
        council = Council.objects.get()
        self.assertEqual(council.plan, self.plan)
        self.assertEqual(council.members.count(), 25)
        self.assertEqual(set(council.members.exclude(membership="chair").values_list("membership", flat=True)), {""})

    def test_meeting_5_agenda(self):
        items = list(self.meeting.agenda_items.order_by("order"))
        self.assertEqual(len(items), 4)
        self.assertTrue(all(i.title_lv and i.presenters and i.discussion_lv and i.decision_lv for i in items))
        self.assertIn("3.5", items[1].measures.values_list("number", flat=True))
        self.assertIn("1.1", items[2].measures.values_list("number", flat=True))
        self.assertIn("https://www.izm.gov.lv/", items[3].discussion_lv)

    def test_the_presentation_is_listed_without_a_file(self):
        document = self.meeting.documents.get()
        self.assertEqual(document.title_lv, "Valsts kancelejas prezentācija")
        self.assertTrue(document.is_public)
        self.assertFalse(document.file)

    def test_the_april_meeting_has_no_number(self):
        meeting = Meeting.objects.get(date=datetime.date(2024, 4, 30))
        self.assertIsNone(meeting.number)
        self.assertEqual(meeting.status, MeetingStatus.PUBLISHED)
        self.assertTrue(meeting.summary_lv)


class CleanTextChecks:
    def test_no_conversion_artefacts_anywhere(self):
        checked = 0
        for model in content_models():
            text_fields = [
                f.attname for f in model._meta.concrete_fields if isinstance(f, models.CharField | models.TextField)
            ]
            if not text_fields:
                continue
            for row in model.objects.values_list(*text_fields):
                for value in row:
                    if value:
                        checked += 1
                        self.assertNotIn("[bookmark", value)
                        self.assertNotIn("[footnote", value)
                        self.assertNotIn("\u00a0", value)
        self.assertGreater(checked, 500)


class RerunChecks:
    def test_a_second_run_creates_nothing(self):
        before = row_counts()
        output = load()
        self.assertEqual(row_counts(), before)
        self.assertIn("0 records created", output)

    def test_a_staff_edit_survives_a_second_run(self):
        measure = self.plan.measures.get(number="4.1")
        measure.title_lv = "Vienkāršas valodas mācību cikls"
        measure.save()
        load()
        measure.refresh_from_db()
        self.assertEqual(measure.title_lv, "Vienkāršas valodas mācību cikls")
        self.assertEqual(self.plan.measures.filter(commitment__number=4).count(), 3)

    def test_a_renamed_unnumbered_measure_is_not_loaded_again(self):
        measure = self.plan.measures.get(title_lv="Jaunas atvērto datu stratēģijas izstrāde")
        measure.title_lv = "Atvērto datu stratēģija 2025–2027"
        measure.number = "5.4"
        measure.save()
        before = Measure.objects.count()
        load()
        self.assertEqual(Measure.objects.count(), before)

    def test_a_record_staff_deleted_is_not_brought_back(self):
        self.meeting.documents.get().delete()
        load()
        self.assertFalse(self.meeting.documents.exists())

    def test_a_missing_record_is_added_on_the_next_run(self):
        # e.g. a fixture gained an entry after the first load (here: simulated by removing the row
        # and its history, as if it had never been loaded).
        item = AgendaItem.objects.get(meeting=self.meeting, order=4)
        item_pk = item.pk
        item.delete()
        AgendaItem.history.filter(id=item_pk).delete()
        load()
        self.assertTrue(AgendaItem.objects.filter(meeting=self.meeting, order=4).exists())


class HistoryChecks:
    def test_every_loaded_record_has_a_history_row_with_the_reason(self):
        for model in content_models():
            ids = set(model.objects.values_list("pk", flat=True))
            with_reason = set(model.history.filter(history_change_reason=REASON).values_list("id", flat=True))
            self.assertEqual(ids - with_reason, set(), model.__name__)
        self.assertTrue(Measure.history.filter(history_type="+", history_change_reason=REASON).exists())


class RealDataTests(
    PlanChecks,
    CommitmentChecks,
    MeasureChecks,
    InstitutionChecks,
    FundingChecks,
    ConsultationChecks,
    CouncilChecks,
    CleanTextChecks,
    HistoryChecks,
    RerunChecks,
    RealDataTestCase,
):
    pass


class BadInputTests(TestCase):
    def setUp(self):
        self.tmp = Path(tempfile.mkdtemp())
        self.addCleanup(shutil.rmtree, self.tmp)
        shutil.copytree(Path(settings.BASE_DIR) / "fixtures", self.tmp / "fixtures")
        self.source = self.tmp / "fixtures"

    def _replace(self, relative: str, old: str, new: str) -> None:
        path = self.source / relative
        text = path.read_text(encoding="utf-8")
        self.assertIn(old, text)
        path.write_text(text.replace(old, new, 1), encoding="utf-8")

    def test_it_rejects_an_unknown_reference_and_loads_nothing(self):
        # The last step (consultations) fails, after everything else was created.
        self._replace("plans/lv-nap5-2022-2025.toml", 'measures = ["2.5"]', 'measures = ["9.9"]')
        with self.assertRaisesMessage(CommandError, "unknown measure '9.9'"):
            load(source_dir=self.source)
        self.assertEqual(sum(row_counts().values()), 0)

    def test_it_rejects_conversion_artefacts(self):
        self._replace("councils/uzraudzibas-padome-2022-2025.toml", '"I. Kušķe"', '"I.\u00a0Kušķe"')
        with self.assertRaisesMessage(CommandError, "conversion artefact"):
            load(source_dir=self.source)
        self.assertFalse(Institution.objects.exists())

    def test_it_rejects_an_invalid_value(self):
        self._replace("plans/lv-nap5-2022-2025.toml", 'status = "implementation"', 'status = "finished"')
        with self.assertRaisesMessage(CommandError, "lv-nap5-2022-2025.toml"):
            load(source_dir=self.source)
        self.assertFalse(Institution.objects.exists())

    def test_it_rejects_an_unknown_field(self):
        self._replace("plans/lv-nap6-2026-2027.toml", "number = 6", "numbr = 6")
        with self.assertRaisesMessage(CommandError, "numbr"):
            load(source_dir=self.source)
