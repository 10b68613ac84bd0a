"""A synthetic plan's phases, links, reporting rounds and funding."""

import datetime
from decimal import Decimal

from plans.models import (
    ActionPlan,
    FundingAmount,
    FundingSource,
    PhaseKind,
    PlanLink,
    PlanPhase,
    ReportingRound,
    RoundStatus,
)

from .base import GeneratorBase
from .vocabulary import FUNDING_SOURCES, LINKS, PHASES, add_years


class PlanPartsBuilder(GeneratorBase):
    def _phases_and_links(self, plan: ActionPlan, k: int, start: datetime.date) -> None:
        for order in range(1, PHASES + 1):
            self.rows.add(
                PlanPhase(
                    plan=plan,
                    order=order,
                    kind=list(PhaseKind)[order - 1],
                    title_lv=f"Sintētisks posms {order}",
                    title_en=f"Synthetic phase {order}",
                    start_date=start - datetime.timedelta(days=400 - 60 * order),
                    end_date=start - datetime.timedelta(days=370 - 60 * order),
                )
            )
        for order in range(1, LINKS + 1):
            self.rows.add(
                PlanLink(
                    plan=plan,
                    order=order,
                    title_lv=f"Sintētiska saite {order}",
                    title_en=f"Synthetic link {order}",
                    url=f"https://example.invalid/synthetic/{k}/{order}",
                )
            )

    def _rounds(self, plan: ActionPlan, start: datetime.date) -> list[ReportingRound]:
        rounds = []
        for half in (0, 1):
            r_start = add_years(start, 2 * half)
            r_end = add_years(r_start, 2) - datetime.timedelta(days=1)
            rounds.append(
                self.rows.add(
                    ReportingRound(
                        plan=plan,
                        title_lv=f"Sintētiska ziņošanas kārta {half + 1}",
                        title_en=f"Synthetic reporting round {half + 1}",
                        period_start=r_start,
                        period_end=r_end,
                        deadline=r_end + datetime.timedelta(days=60),
                        status=RoundStatus.CLOSED,
                    )
                )
            )
        return rounds

    def _funding(self, plan: ActionPlan, k: int, start: datetime.date) -> list[FundingSource]:
        rng = self.rng
        funding = []
        for i in range(1, FUNDING_SOURCES + 1):
            source = self.rows.add(
                FundingSource(
                    plan=plan,
                    programme_lv=f"Sintētiska programma {i}",
                    programme_en=f"Synthetic programme {i}",
                    code=f"S.{k}.{i}",
                    title_lv=f"Sintētisks finansējuma avots {i}",
                    title_en=f"Synthetic funding source {i}",
                    total_amount=Decimal(rng.randrange(50, 3000) * 1000),
                )
            )
            funding.append(source)
            for year in range(start.year + 1, start.year + 4):
                self.rows.add(FundingAmount(source=source, year=year, amount=Decimal(rng.randrange(10, 200) * 1000)))
        return funding
