"""The invariants the database itself enforces, whatever code path writes."""

import datetime

from django.db import IntegrityError, transaction
from django.test import TestCase

from commitments.models import Measure, MeasureStatus
from council.models import AgendaItem, Council, Meeting
from institutions.models import InstitutionName
from plans.models import ActionPlan, FundingAmount, FundingSource, ReportingRound
from tests.factories import make_commitment, make_entry, make_institution, make_measure, make_plan


class ConstraintTests(TestCase):
    def assertRejected(self, fn):
        with self.assertRaises(IntegrityError), transaction.atomic():
            fn()

    def test_it_rejects_a_plan_ending_before_it_starts(self):
        self.assertRejected(
            lambda: make_plan(period_start=datetime.date(2025, 1, 1), period_end=datetime.date(2024, 1, 1))
        )

    def test_it_rejects_duplicate_plan_numbers_in_the_series(self):
        make_plan(number=5)
        self.assertRejected(lambda: make_plan(number=5))

    def test_it_rejects_duplicate_commitment_numbers_in_a_plan(self):
        commitment = make_commitment()
        self.assertRejected(lambda: make_commitment(plan=commitment.plan, number=commitment.number))

    def test_it_allows_the_same_commitment_number_in_another_plan(self):
        make_commitment(number=1)
        make_commitment(number=1)  # another plan: no error

    def test_it_rejects_duplicate_measure_numbers_within_a_plan(self):
        measure = make_measure(number="3.5")
        self.assertRejected(lambda: make_measure(commitment=measure.commitment, number="3.5"))

    def test_it_allows_several_unnumbered_measures(self):
        commitment = make_commitment()
        make_measure(commitment=commitment, number="")
        make_measure(commitment=commitment, number="")
        self.assertEqual(Measure.objects.filter(number="").count(), 2)

    def test_it_rejects_progress_over_100(self):
        self.assertRejected(lambda: make_measure(progress_percent=101))

    def test_it_accepts_progress_0_and_100(self):
        make_measure(progress_percent=0)
        make_measure(progress_percent=100)

    def test_it_rejects_a_measure_due_before_it_starts(self):
        self.assertRejected(
            lambda: make_measure(start_date=datetime.date(2024, 6, 1), due_date=datetime.date(2024, 1, 1))
        )

    def test_it_rejects_two_progress_entries_for_one_measure_in_one_round(self):
        entry = make_entry()
        self.assertRejected(lambda: make_entry(measure=entry.measure, reporting_round=entry.reporting_round))

    def test_it_rejects_entry_progress_over_100(self):
        self.assertRejected(lambda: make_entry(progress_percent=150))

    def test_it_rejects_a_round_ending_before_it_starts(self):
        plan = make_plan()
        self.assertRejected(
            lambda: ReportingRound.objects.create(
                plan=plan,
                title="x",
                period_start=datetime.date(2024, 1, 1),
                period_end=datetime.date(2023, 1, 1),
                deadline=datetime.date(2024, 3, 1),
            )
        )

    def test_it_rejects_two_amounts_for_one_year(self):
        source = FundingSource.objects.create(programme="P", title="T")
        FundingAmount.objects.create(source=source, year=2024, amount=1)
        self.assertRejected(lambda: FundingAmount.objects.create(source=source, year=2024, amount=2))

    def test_it_rejects_negative_amounts(self):
        source = FundingSource.objects.create(programme="P", title="T")
        self.assertRejected(lambda: FundingAmount.objects.create(source=source, year=2024, amount=-1))

    def test_it_rejects_duplicate_meeting_numbers_in_a_council(self):
        council = Council.objects.create(name="Padome")
        Meeting.objects.create(council=council, number=5, date=datetime.date(2024, 11, 7))
        self.assertRejected(lambda: Meeting.objects.create(council=council, number=5, date=datetime.date(2025, 1, 1)))

    def test_it_rejects_a_meeting_ending_before_it_starts(self):
        council = Council.objects.create(name="Padome")
        self.assertRejected(
            lambda: Meeting.objects.create(
                council=council, date=datetime.date(2024, 11, 7), start_time="14:30", end_time="13:00"
            )
        )

    def test_it_rejects_duplicate_agenda_positions(self):
        council = Council.objects.create(name="Padome")
        meeting = Meeting.objects.create(council=council, date=datetime.date(2024, 11, 7))
        AgendaItem.objects.create(meeting=meeting, order=1, title="A")
        self.assertRejected(lambda: AgendaItem.objects.create(meeting=meeting, order=1, title="B"))

    def test_it_rejects_an_earlier_name_valid_from_after_until(self):
        institution = make_institution()
        self.assertRejected(
            lambda: InstitutionName.objects.create(
                institution=institution,
                name="Old",
                valid_from=datetime.date(2025, 1, 1),
                valid_until=datetime.date(2024, 7, 1),
            )
        )


class MeasureQuerySetTests(TestCase):
    def test_overdue_excludes_complete_withdrawn_and_future(self):
        today = datetime.date(2025, 6, 1)
        past, future = datetime.date(2025, 1, 1), datetime.date(2025, 12, 31)
        late = make_measure(due_date=past, status=MeasureStatus.LIMITED)
        make_measure(due_date=past, status=MeasureStatus.COMPLETE)
        make_measure(due_date=past, status=MeasureStatus.WITHDRAWN)
        make_measure(due_date=future, status=MeasureStatus.NOT_STARTED)
        make_measure(due_date=None)
        self.assertEqual(list(Measure.objects.overdue(today)), [late])
        self.assertTrue(late.is_overdue(today))

    def test_for_institution_covers_all_three_roles_once(self):
        institution = make_institution()
        lead = make_measure(responsible_institution=institution)
        co = make_measure()
        co.co_responsible_institutions.add(institution)
        other = make_measure()
        other.other_implementers.add(institution)
        both = make_measure(responsible_institution=institution)
        both.other_implementers.add(institution)
        make_measure()
        self.assertCountEqual(Measure.objects.for_institution(institution), [lead, co, other, both])

    def test_special_attention_includes_measures_of_flagged_commitments(self):
        flagged = make_commitment(special_attention=True)
        in_flagged = make_measure(commitment=flagged)
        flagged_measure = make_measure(special_attention=True)
        make_measure()
        self.assertCountEqual(Measure.objects.special_attention(), [in_flagged, flagged_measure])

    def test_published_hides_measures_of_unpublished_plans(self):
        hidden = make_commitment(plan=make_plan(is_published=False))
        make_measure(commitment=hidden)
        shown = make_measure()
        self.assertEqual(list(Measure.objects.published()), [shown])

    def test_current_plan_is_the_newest_in_implementation(self):
        make_plan(period_start=datetime.date(2020, 1, 1), period_end=datetime.date(2021, 12, 31))
        newest = make_plan(period_start=datetime.date(2022, 1, 1), period_end=datetime.date(2025, 12, 31))
        make_plan(status="drafting", period_start=datetime.date(2026, 1, 1), period_end=datetime.date(2027, 12, 31))
        self.assertEqual(ActionPlan.objects.current(), newest)


class InstitutionNameTests(TestCase):
    def test_it_shows_the_name_of_the_time(self):
        varam = make_institution(
            name="Viedās administrācijas un reģionālās attīstības ministrija", abbreviation="VARAM"
        )
        InstitutionName.objects.create(
            institution=varam,
            name="Vides aizsardzības un reģionālās attīstības ministrija",
            abbreviation="VARAM",
            valid_until=datetime.date(2024, 7, 1),
        )
        self.assertEqual(
            varam.name_on(datetime.date(2024, 6, 30)), "Vides aizsardzības un reģionālās attīstības ministrija"
        )
        self.assertEqual(
            varam.name_on(datetime.date(2024, 7, 1)), "Viedās administrācijas un reģionālās attīstības ministrija"
        )
        self.assertEqual(varam.name_on(None), varam.name)


class MeasureCleanTests(TestCase):
    def test_it_rejects_a_commitment_of_another_plan(self):
        from django.core.exceptions import ValidationError

        measure = make_measure()
        measure.commitment = make_commitment()
        with self.assertRaises(ValidationError):
            measure.full_clean()
