"""One synthetic data set: the editors and institutions, then each plan built part by part, then written."""

import datetime

from django.conf import settings
from django.contrib.auth import get_user_model
from django.utils import translation

from institutions.models import Institution, InstitutionKind
from plans.models import ActionPlan, PlanRevision, PlanStatus

from .consultations import ConsultationsBuilder
from .council import CouncilBuilder
from .measures import MeasuresBuilder
from .plan_parts import PlanPartsBuilder
from .vocabulary import EDITORS, INSTITUTIONS, PLAN_START, PLAN_YEARS, add_years
from .writing import Writer


class Generator(PlanPartsBuilder, CouncilBuilder, MeasuresBuilder, ConsultationsBuilder, Writer):
    def run(self) -> dict[str, int]:
        with translation.override(settings.LANGUAGE_CODE):
            self.editors = self._editors()
            self.institutions = self._institutions()
            for k in range(1, self.scale + 1):
                self._plan(k)
            return self._save()

    def _editors(self):
        User = get_user_model()
        editors = []
        for i in range(1, EDITORS + 1):
            user = User(username=f"{self.prefix}editor-{i}", first_name="Sintētisks", last_name=f"Redaktors {i}")
            user.set_unusable_password()
            editors.append(user)
        return User.objects.bulk_create(editors)

    def _institutions(self):
        kinds = [InstitutionKind.MINISTRY] * 10 + [InstitutionKind.AGENCY] * 7 + [InstitutionKind.NGO] * 5
        institutions = [
            Institution(
                slug=f"{self.prefix}institution-{i}",
                name_lv=f"Sintētiska iestāde {i}",
                name_en=f"Synthetic institution {i}",
                abbreviation=f"SI{i}",
                kind=kinds[i - 1],
            )
            for i in range(1, INSTITUTIONS + 1)
        ]
        return Institution.objects.bulk_create(institutions)

    def _plan(self, k: int) -> None:
        """One plan and everything that hangs off it, kept in memory until _save().

        The parts are built in a fixed order: they all draw from the one seeded generator.
        """
        start = PLAN_START - datetime.timedelta(days=k)
        plan = self._plan_itself(k, start)
        self._phases_and_links(plan, k, start)
        rounds = self._rounds(plan, start)
        funding = self._funding(plan, k, start)
        meetings = self._council(plan, k, start)
        revision = self.rows.add(
            PlanRevision(
                plan=plan,
                title_lv="Sintētiska plāna aktualizācija",
                title_en="Synthetic plan refresh",
                decided_on=meetings[1].date,
                decided_at_meeting=meetings[1],
            )
        )
        measures = self._measures(plan, start, revision)
        for measure in measures:
            self._reports(measure, rounds, funding, k, start)
        self._consultation(plan, k, revision, measures)
        self._agenda(meetings, k, measures)

    def _plan_itself(self, k: int, start: datetime.date) -> ActionPlan:
        end = add_years(start, PLAN_YEARS) - datetime.timedelta(days=1)
        plan = ActionPlan(
            slug=f"{self.prefix}plan-{k}",
            title_lv=f"Sintētisks atvērtās pārvaldības rīcības plāns Nr. {k}",
            title_en=f"Synthetic open government action plan No. {k}",
            short_name_lv=f"Sintētisks plāns {k}",
            short_name_en=f"Synthetic plan {k}",
            period_start=start,
            period_end=end,
            approved_on=start - datetime.timedelta(days=30),
            status=PlanStatus.COMPLETED if k % 5 == 0 else PlanStatus.IMPLEMENTATION,
            description_lv="Sintētiski dati slodzes testiem. " * 8,
            description_en="Synthetic data for load tests. " * 8,
            coordinator=self.institutions[0],
        )
        self.plans.append(plan)
        return plan
