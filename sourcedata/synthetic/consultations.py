"""A synthetic plan's public consultation of its refresh, with proposals."""

import datetime

from consultations.models import Consultation, Proposal, ProposalOutcome
from plans.models import ActionPlan, PlanRevision

from .base import GeneratorBase
from .vocabulary import PROPOSALS, TOPICS


class ConsultationsBuilder(GeneratorBase):
    def _consultation(self, plan: ActionPlan, k: int, revision: PlanRevision, measures: list) -> None:
        rng = self.rng
        consultation = self.rows.add(
            Consultation(
                plan=plan,
                revision=revision,
                title_lv="Sintētiska sabiedriskā apspriešana",
                title_en="Synthetic public consultation",
                period_start=revision.decided_on + datetime.timedelta(days=60),
                period_end=revision.decided_on + datetime.timedelta(days=74),
                channel_lv="E-pasts",
                channel_en="E-mail",
                url=f"https://example.invalid/synthetic/{k}/consultation",
            )
        )
        for order in range(1, PROPOSALS + 1):
            essence = self.paragraph(rng.choice(TOPICS), 2)
            proposal = self.rows.add(
                Proposal(
                    consultation=consultation,
                    order=order,
                    author_institution=rng.choice(self.institutions),
                    essence_lv=essence[0],
                    essence_en=essence[1],
                    response_lv="Sintētiska atbilde.",
                    response_en="Synthetic response.",
                    outcome=rng.choice(list(ProposalOutcome)),
                )
            )
            proposal._measures = rng.sample(measures, 1)
