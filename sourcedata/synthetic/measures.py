"""A synthetic plan's commitments and measures, with progress entries and edits for each measure."""

import datetime

from commitments.models import Commitment, Measure, MeasureStatus, ProgressEntry, ReviewState
from plans.models import ActionPlan, PlanRevision, ReportingRound

from .base import GeneratorBase
from .vocabulary import (
    ACTIONS,
    ADDED_BY_REVISION,
    CHALLENGES,
    EDIT_REASONS,
    FINAL_STATUS_WEIGHTS,
    MEASURES_PER_COMMITMENT,
    PERCENT,
    PLAN_YEARS,
    REVIEW_WEIGHTS,
    TOPICS,
)


class MeasuresBuilder(GeneratorBase):
    def _measures(self, plan: ActionPlan, start: datetime.date, revision: PlanRevision) -> list[Measure]:
        measures = []
        for c_number, n_measures in enumerate(MEASURES_PER_COMMITMENT, start=1):
            measures += self._commitment(plan, start, c_number, n_measures)
        for measure in measures[-ADDED_BY_REVISION:]:
            measure.number = ""
            measure.order = 100 + measure.order
            measure.added_by_revision = revision
            measure.start_date = max(measure.start_date, revision.decided_on)
            measure.due_date = max(measure.due_date, measure.start_date + datetime.timedelta(days=180))
        return measures

    def _commitment(self, plan: ActionPlan, start: datetime.date, c_number: int, n_measures: int) -> list[Measure]:
        rng = self.rng
        topic = rng.choice(TOPICS)
        description = self.paragraph(topic, 3)
        commitment = self.rows.add(
            Commitment(
                plan=plan,
                number=c_number,
                title_lv=f"Sintētiska apņemšanās {c_number}: stiprināt {topic[0]} ietvaru",
                title_en=f"Synthetic commitment {c_number}: strengthen {topic[1]}",
                description_lv=description[0],
                description_en=description[1],
                value_civic_participation=rng.random() < 0.7,
                value_access_to_information=rng.random() < 0.5,
                value_public_accountability=rng.random() < 0.4,
                value_technology_innovation=rng.random() < 0.3,
                special_attention=rng.random() < 0.1,
            )
        )
        commitment._leads = rng.sample(self.institutions, 2)
        return [self._measure(commitment, start, topic, m_order) for m_order in range(1, n_measures + 1)]

    def _measure(self, commitment: Commitment, start: datetime.date, topic, m_order: int) -> Measure:
        rng = self.rng
        c_number = commitment.number
        action = rng.choice(ACTIONS)
        due = start + datetime.timedelta(days=rng.randrange(365, PLAN_YEARS * 365))
        description, expected = self.paragraph(topic, 4), self.paragraph(topic, 2)
        return self.rows.add(
            Measure(
                plan=commitment.plan,
                commitment=commitment,
                number=f"{c_number}.{m_order}",
                order=m_order,
                title_lv=f"Sintētisks pasākums: {action[0]} {topic[0]} jomā",
                title_en=f"Synthetic measure: {action[1]} {topic[1]}",
                description_lv=description[0],
                description_en=description[1],
                expected_result_lv=expected[0],
                expected_result_en=expected[1],
                indicator_lv=f"Vismaz {rng.randint(2, 30)} pasākumi; {rng.randint(50, 900)} dalībnieki.",
                indicator_en="At least a number of events and participants.",
                responsible_institution=rng.choice(self.institutions),
                start_date=start + datetime.timedelta(days=rng.randrange(0, 300)),
                due_date=due,
                special_attention=rng.random() < 0.08,
                internal_note="Sintētiska iekšēja piezīme (nav publiska).",
            )
        )

    def _reports(self, measure: Measure, rounds: list[ReportingRound], funding: list, k: int, start) -> None:
        """The measure's progress entries, one per round, and its edits; it ends where its history ends."""
        rng = self.rng
        final = self.pick(FINAL_STATUS_WEIGHTS)
        measure.co_responsible = rng.sample(self.institutions, rng.randrange(0, 3))
        measure.implementers = rng.sample(self.institutions, rng.randrange(0, 2))
        measure.funding = rng.sample(funding, rng.randrange(0, 2))
        measure.entries = []
        measure.edits = []  # (date, reason, status, percent)
        for index, reporting_round in enumerate(rounds):
            last = index == len(rounds) - 1
            status = final if last else self.pick(FINAL_STATUS_WEIGHTS)
            if status == MeasureStatus.WITHDRAWN and not last:
                status = MeasureStatus.LIMITED
            self._entry(measure, reporting_round, status, k)
        for _ in range(rng.randint(1, 2)):
            day = start + datetime.timedelta(days=rng.randrange(30, 700))
            measure.edits.append((day, rng.choice(EDIT_REASONS), None, None))
        measure.edits.sort(key=lambda edit: edit[0])
        status, percent = MeasureStatus.NO_INFORMATION, None
        for _day, _reason, edit_status, edit_percent in measure.edits:
            if edit_status is not None:
                status, percent = edit_status, edit_percent
        measure.status, measure.progress_percent = status, percent
        measure.version = 1 + len(measure.edits)

    def _entry(self, measure: Measure, reporting_round: ReportingRound, status: str, k: int) -> None:
        rng = self.rng
        review = self.pick(REVIEW_WEIGHTS)
        reported = reporting_round.deadline - datetime.timedelta(days=rng.randrange(1, 40))
        topic = rng.choice(TOPICS)
        narrative = self.paragraph(topic, rng.randint(2, 6))
        challenge = rng.choice(CHALLENGES) if rng.random() < 0.4 else ("", "")
        entry = self.rows.add(
            ProgressEntry(
                measure=measure,
                reporting_round=reporting_round,
                reported_on=reported,
                status=status,
                progress_percent=PERCENT.get(status),
                narrative_lv=narrative[0],
                narrative_en=narrative[1],
                evidence_links=f"https://example.invalid/synthetic/{k}/evidence/{rng.randrange(10**6)}",
                challenges_lv=challenge[0],
                challenges_en=challenge[1],
                review_state=review,
                submitted_by=rng.choice(self.editors) if review != ReviewState.DRAFT else None,
                submitted_at=self.at(reported) if review != ReviewState.DRAFT else None,
                reviewed_by=rng.choice(self.editors) if review in (ReviewState.APPROVED,) else None,
                reviewed_at=self.at(reported + datetime.timedelta(days=7)) if review == ReviewState.APPROVED else None,
                review_comment="Lūdzu papildināt." if review == ReviewState.RETURNED else "",
            )
        )
        measure.entries.append(entry)
        if review == ReviewState.APPROVED:
            measure.edits.append(
                (
                    reported + datetime.timedelta(days=8),
                    f"Statuss atjaunināts pēc apstiprināta progresa ziņojuma ({reporting_round.title_lv})",
                    status,
                    PERCENT.get(status),
                )
            )
