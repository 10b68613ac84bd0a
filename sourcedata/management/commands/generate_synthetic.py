"""Generate a synthetic data set N times the size of the real plan, for load tests and benchmarks.

    python manage.py generate_synthetic --scale 100 --seed 1

Each of the N synthetic plans has the shape of the real Fifth plan as `load_real_data` loads it (six
commitments, 22 measures of which 3 were added by a revision, two reporting rounds, a council of 25
with meetings, a consultation, funding), plus what a plan in its last year has and the real data
cannot say: progress entries for every measure and round (mostly approved) and several edits per
measure in the history, each with a change reason.

- Synthetic, visibly: slugs start with "synthetic-", Latvian titles with "Sintētisks"/"Sintētiska",
  English ones with "Synthetic", links point to example.invalid. Nothing here describes a real
  person or institution. `load_real_data` never creates any of it.
- Deterministic: the same seed gives the same data (all values come from one seeded random
  generator and fixed dates, never from the clock).
- Fast: bulk_create for rows, bulk history rows; one transaction; the public page cache is
  invalidated once at the end.
- Synthetic plans start before the real plans, so `ActionPlan.objects.current()` still finds the
  real one. `--replace` deletes an earlier run with the same seed first.
"""

import datetime
import random
from dataclasses import dataclass, field
from decimal import Decimal

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.test.utils import override_settings
from django.utils import timezone, translation

from commitments.models import Commitment, Measure, MeasureStatus, ProgressEntry, ReviewState
from consultations.models import Consultation, Proposal, ProposalOutcome
from council.models import AgendaItem, Attendance, AttendanceKind, Council, CouncilMember, Meeting, MeetingStatus
from institutions.models import Institution, InstitutionKind
from ogp_portal.cache import bulk_changes
from plans.models import (
    ActionPlan,
    FundingAmount,
    FundingSource,
    PhaseKind,
    PlanLink,
    PlanPhase,
    PlanRevision,
    PlanStatus,
    ReportingRound,
    RoundStatus,
)

# The real Fifth plan's shape (fixtures/plans/lv-nap5-2022-2025.toml).
MEASURES_PER_COMMITMENT = (4, 3, 3, 3, 5, 4)
ADDED_BY_REVISION = 3  # the last measures of the plan, unnumbered, added by the 2024 refresh
INSTITUTIONS = 22
COUNCIL_MEMBERS = 25
MEETINGS_PER_PLAN = 4
AGENDA_ITEMS = 4
OTHER_PARTICIPANTS = 3
PHASES = 6
LINKS = 3
FUNDING_SOURCES = 3
PROPOSALS = 4
EDITORS = 3

PLAN_START = datetime.date(2022, 1, 1)
PLAN_YEARS = 4
CHANGE_REASON = "Sintētiski dati (generate_synthetic)"

# Where a plan in its last year stands; weights roughly follow OGP's completion data.
FINAL_STATUS_WEIGHTS = {
    MeasureStatus.COMPLETE: 40,
    MeasureStatus.SUBSTANTIAL: 25,
    MeasureStatus.LIMITED: 15,
    MeasureStatus.NOT_STARTED: 8,
    MeasureStatus.NO_INFORMATION: 8,
    MeasureStatus.WITHDRAWN: 4,
}
REVIEW_WEIGHTS = {
    ReviewState.APPROVED: 85,
    ReviewState.SUBMITTED: 6,
    ReviewState.DRAFT: 5,
    ReviewState.RETURNED: 4,
}
PERCENT = {
    MeasureStatus.COMPLETE: 100,
    MeasureStatus.SUBSTANTIAL: 70,
    MeasureStatus.LIMITED: 30,
    MeasureStatus.NOT_STARTED: 0,
}

TOPICS = [
    ("sabiedrības līdzdalības", "public participation"),
    ("atvērto datu", "open data"),
    ("jauniešu iesaistes", "youth involvement"),
    ("pašvaldību atklātības", "local government openness"),
    ("saprotamas valodas", "plain language"),
    ("pārstāvniecības", "representation"),
    ("lēmumu skaidrošanas", "explaining decisions"),
    ("līdzdalības budžeta", "participatory budgeting"),
    ("pilsoniskās sabiedrības", "civil society"),
    ("digitālās līdzdalības", "digital participation"),
]
ACTIONS = [
    ("Izstrādāt vadlīnijas", "Draft guidelines on"),
    ("Organizēt apmācības", "Organise training on"),
    ("Izveidot platformu", "Build a platform for"),
    ("Īstenot kampaņu", "Run a campaign on"),
    ("Pilnveidot regulējumu", "Improve the regulation of"),
    ("Apkopot labo praksi", "Collect good practice in"),
    ("Veikt pētījumu", "Carry out a study of"),
]
SENTENCES = [
    (
        "Darba grupa sanāca {n} reizes un apsprieda {topic} jautājumus ar nozaru pārstāvjiem.",
        "The working group met {n} times and discussed {topic} with sector representatives.",
    ),
    (
        "Sagatavots un publicēts pārskats par {topic} situāciju, iekļaujot {n} ieteikumus.",
        "A review of {topic} was prepared and published, with {n} recommendations.",
    ),
    (
        "Apmācībās piedalījās {n} valsts pārvaldes darbinieki no dažādām iestādēm.",
        "{n} civil servants from various institutions took part in the training.",
    ),
    (
        "Rīkotas {n} publiskas diskusijas reģionos, iesaistot vietējās nevalstiskās organizācijas.",
        "{n} public discussions were held in the regions, involving local NGOs.",
    ),
    (
        "Izstrādāts metodiskais materiāls, kas pieejams iestāžu tīmekļvietnēs.",
        "A methodological material was produced and is available on the institutions' websites.",
    ),
    (
        "Aktivitāte tika pārplānota resursu trūkuma dēļ; darbs turpināsies nākamajā periodā.",
        "The activity was rescheduled for lack of resources; work continues in the next period.",
    ),
]
CHALLENGES = [
    ("Nepietiekams finansējums.", "Insufficient funding."),
    ("Ierobežota cilvēkresursu pieejamība.", "Limited staff availability."),
    ("Ilgstoša saskaņošana starp iestādēm.", "Lengthy coordination between institutions."),
]
EDIT_REASONS = [
    "Precizēts rezultatīvais rādītājs pēc padomes sēdes",
    "Labots termiņš pēc atbildīgās iestādes lūguma",
    "Papildināts apraksts",
]


def add_years(day: datetime.date, years: int) -> datetime.date:
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February
        return day.replace(year=day.year + years, day=28)


def synthetic_prefix(seed: int) -> str:
    return f"synthetic-s{seed}-"


@dataclass
class Rows:
    """Everything one run creates, by model, in creation order."""

    by_model: dict[type, list] = field(default_factory=dict)

    def add(self, obj):
        self.by_model.setdefault(type(obj), []).append(obj)
        return obj


class Generator:
    def __init__(self, *, scale: int, seed: int):
        self.scale = scale
        self.seed = seed
        self.rng = random.Random(seed)
        self.prefix = synthetic_prefix(seed)
        self.tz = timezone.get_default_timezone()
        self.plans: list[ActionPlan] = []
        self.rows = Rows()

    # --- small helpers --------------------------------------------------------------------------

    def at(self, day: datetime.date, hour: int = 10) -> datetime.datetime:
        return datetime.datetime.combine(day, datetime.time(hour, self.rng.randrange(60)), tzinfo=self.tz)

    def pick(self, weights: dict):
        return self.rng.choices(list(weights), weights=list(weights.values()))[0]

    def paragraph(self, topic: tuple[str, str], sentences: int) -> tuple[str, str]:
        chosen = [self.rng.choice(SENTENCES) for _ in range(sentences)]
        numbers = [self.rng.randint(2, 40) for _ in chosen]
        lv = " ".join(s[0].format(n=n, topic=topic[0]) for s, n in zip(chosen, numbers, strict=True))
        en = " ".join(s[1].format(n=n, topic=topic[1]) for s, n in zip(chosen, numbers, strict=True))
        return lv, en

    # --- the data set -----------------------------------------------------------------------------

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
        """One plan and everything that hangs off it, kept in memory until _save()."""
        rng = self.rng
        start = PLAN_START - datetime.timedelta(days=k)
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
        plan._synthetic = {"commitments": [], "measures": [], "rounds": [], "funding": [], "meetings": []}
        self.plans.append(plan)
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

        council = self.rows.add(
            Council(
                plan=plan,
                name_lv=f"Sintētiska uzraudzības padome {k}",
                name_en=f"Synthetic supervisory council {k}",
            )
        )
        members = []
        for i in range(1, COUNCIL_MEMBERS + 1):
            members.append(
                self.rows.add(
                    CouncilMember(
                        council=council,
                        person_name=f"Sintētisks dalībnieks {k}.{i}",
                        role_lv="Sintētisks amats",
                        role_en="Synthetic position",
                        institution=self.institutions[i % INSTITUTIONS],
                        membership="chair" if i == 1 else "member",
                    )
                )
            )
        meetings = []
        for number in range(1, MEETINGS_PER_PLAN + 1):
            day = start + datetime.timedelta(days=120 + 330 * (number - 1))
            meeting = self.rows.add(
                Meeting(
                    council=council,
                    number=number,
                    date=day,
                    start_time=datetime.time(13, 0),
                    end_time=datetime.time(14, 30),
                    city_lv="Rīga",
                    city_en="Riga",
                    place_lv="Sintētiska sēžu zāle",
                    place_en="Synthetic meeting room",
                    chair=members[0],
                    status=MeetingStatus.PUBLISHED if number < MEETINGS_PER_PLAN else MeetingStatus.APPROVED,
                    summary_lv="Sintētisks sēdes kopsavilkums.",
                    summary_en="Synthetic meeting summary.",
                )
            )
            meetings.append(meeting)
            for order, member in enumerate(members[1:], start=1):
                self.rows.add(
                    Attendance(
                        meeting=meeting,
                        order=order,
                        kind=AttendanceKind.MEMBER,
                        member=member,
                        person_name=member.person_name,
                        role_lv=member.role_lv,
                        role_en=member.role_en,
                        institution=member.institution,
                    )
                )
            for order in range(1, OTHER_PARTICIPANTS + 1):
                self.rows.add(
                    Attendance(
                        meeting=meeting,
                        order=order,
                        kind=AttendanceKind.OTHER,
                        person_name=f"Sintētisks viesis {k}.{number}.{order}",
                        institution=self.institutions[(k + order) % INSTITUTIONS],
                    )
                )
        revision = self.rows.add(
            PlanRevision(
                plan=plan,
                title_lv="Sintētiska plāna aktualizācija",
                title_en="Synthetic plan refresh",
                decided_on=meetings[1].date,
                decided_at_meeting=meetings[1],
            )
        )

        measures = []
        for c_number, n_measures in enumerate(MEASURES_PER_COMMITMENT, start=1):
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
            for m_order in range(1, n_measures + 1):
                action = rng.choice(ACTIONS)
                due = start + datetime.timedelta(days=rng.randrange(365, PLAN_YEARS * 365))
                description, expected = self.paragraph(topic, 4), self.paragraph(topic, 2)
                measures.append(
                    self.rows.add(
                        Measure(
                            plan=plan,
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
                )
        for measure in measures[-ADDED_BY_REVISION:]:
            measure.number = ""
            measure.order = 100 + measure.order
            measure.added_by_revision = revision
            measure.start_date = max(measure.start_date, revision.decided_on)
            measure.due_date = max(measure.due_date, measure.start_date + datetime.timedelta(days=180))

        for measure in measures:
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
                        reviewed_at=self.at(reported + datetime.timedelta(days=7))
                        if review == ReviewState.APPROVED
                        else None,
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
            for _ in range(rng.randint(1, 2)):
                day = start + datetime.timedelta(days=rng.randrange(30, 700))
                measure.edits.append((day, rng.choice(EDIT_REASONS), None, None))
            measure.edits.sort(key=lambda edit: edit[0])
            # The measure ends where its history ends.
            status, percent = MeasureStatus.NO_INFORMATION, None
            for _day, _reason, edit_status, edit_percent in measure.edits:
                if edit_status is not None:
                    status, percent = edit_status, edit_percent
            measure.status, measure.progress_percent = status, percent
            measure.version = 1 + len(measure.edits)

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

        for meeting in meetings:
            for order in range(1, AGENDA_ITEMS + 1):
                discussion = self.paragraph(rng.choice(TOPICS), 4)
                item = self.rows.add(
                    AgendaItem(
                        meeting=meeting,
                        order=order,
                        title_lv=f"Sintētisks darba kārtības jautājums {order}",
                        title_en=f"Synthetic agenda item {order}",
                        presenters=f"Sintētisks dalībnieks {k}.{order + 1}",
                        discussion_lv=discussion[0],
                        discussion_en=discussion[1],
                        decision_lv="Pieņemt zināšanai sintētisko informāciju.",
                        decision_en="To take note of the synthetic information.",
                    )
                )
                item._measures = rng.sample(measures, 2)

    # --- writing ----------------------------------------------------------------------------------

    def _save(self) -> dict[str, int]:
        """Insert parents before children; bulk_create sets the primary keys the children need."""
        created: dict[str, int] = {"Institution": len(self.institutions), "User": len(self.editors)}

        def insert(model, objs):
            # bulk_create picks up the primary keys the parents received in earlier inserts.
            model.objects.bulk_create(objs, batch_size=1000)
            created[model.__name__] = created.get(model.__name__, 0) + len(objs)

        insert(ActionPlan, self.plans)
        for model in CONTENT_MODELS[2:]:
            insert(model, self.rows.by_model.get(model, []))

        self._m2m()
        self._history(created)
        return created

    def _m2m(self) -> None:
        def link(through, pairs, left, right):
            through.objects.bulk_create([through(**{left: a, right: b}) for a, b in pairs], batch_size=2000)

        commitments = self.rows.by_model[Commitment]
        measures = self.rows.by_model[Measure]
        link(
            Commitment.lead_institutions.through,
            [(c.pk, i.pk) for c in commitments for i in c._leads],
            "commitment_id",
            "institution_id",
        )
        link(
            Measure.co_responsible_institutions.through,
            [(m.pk, i.pk) for m in measures for i in m.co_responsible],
            "measure_id",
            "institution_id",
        )
        link(
            Measure.other_implementers.through,
            [(m.pk, i.pk) for m in measures for i in m.implementers],
            "measure_id",
            "institution_id",
        )
        link(
            Measure.funding_sources.through,
            [(m.pk, s.pk) for m in measures for s in m.funding],
            "measure_id",
            "fundingsource_id",
        )
        link(
            Proposal.measures.through,
            [(p.pk, m.pk) for p in self.rows.by_model[Proposal] for m in p._measures],
            "proposal_id",
            "measure_id",
        )
        link(
            AgendaItem.measures.through,
            [(a.pk, m.pk) for a in self.rows.by_model[AgendaItem] for m in a._measures],
            "agendaitem_id",
            "measure_id",
        )

    def _history(self, created: dict[str, int]) -> None:
        """A creation row for every record; for measures, one row per edit with its reason."""
        rng = self.rng
        editor = self.editors[0]
        everything = {ActionPlan: self.plans, Institution: self.institutions, **self.rows.by_model}
        for model, objs in everything.items():
            manager = getattr(model, "history", None)
            if manager is None or not objs:
                continue
            if model is Measure:
                continue
            day = getattr(objs[0], "period_start", None) or PLAN_START
            manager.bulk_history_create(
                objs,
                batch_size=1000,
                default_user=editor,
                default_change_reason=CHANGE_REASON,
                default_date=self.at(day - datetime.timedelta(days=60)),
            )
            created[f"history of {model.__name__}"] = len(objs)

        HistoricalMeasure = Measure.history.model
        tracked = [f.attname for f in HistoricalMeasure.tracked_fields]
        rows = []
        for measure in self.rows.by_model[Measure]:
            values = {name: getattr(measure, name) for name in tracked}
            version = 1
            values.update(status=MeasureStatus.NO_INFORMATION, progress_percent=None, version=version)
            rows.append(
                HistoricalMeasure(
                    **values,
                    history_date=self.at(measure.plan.period_start - datetime.timedelta(days=30)),
                    history_type="+",
                    history_user=editor,
                    history_change_reason=CHANGE_REASON,
                )
            )
            for day, reason, status, percent in measure.edits:
                version += 1
                if status is not None:
                    values.update(status=status, progress_percent=percent)
                values.update(version=version)
                rows.append(
                    HistoricalMeasure(
                        **values,
                        history_date=self.at(day, hour=rng.randrange(9, 17)),
                        history_type="~",
                        history_user=rng.choice(self.editors),
                        history_change_reason=reason,
                    )
                )
        HistoricalMeasure.objects.bulk_create(rows, batch_size=2000)
        created["history of Measure"] = len(rows)


# Every model the generator writes, children after parents (for deletion, reversed).
CONTENT_MODELS = [
    Institution,
    ActionPlan,
    PlanPhase,
    PlanLink,
    ReportingRound,
    FundingSource,
    FundingAmount,
    Council,
    CouncilMember,
    Meeting,
    Attendance,
    PlanRevision,
    Commitment,
    Measure,
    ProgressEntry,
    Consultation,
    Proposal,
    AgendaItem,
]


def delete_synthetic(seed: int) -> int:
    """Remove an earlier run with this seed, with its history rows."""
    prefix = synthetic_prefix(seed)
    plan_ids = list(ActionPlan.objects.filter(slug__startswith=prefix).values_list("pk", flat=True))
    measure_ids = list(Measure.objects.filter(plan__in=plan_ids).values_list("pk", flat=True))
    # No "deleted" history row per synthetic record: that would only be noise.
    with override_settings(SIMPLE_HISTORY_ENABLED=False):
        Council.objects.filter(plan__in=plan_ids).delete()
        Measure.objects.filter(pk__in=measure_ids).delete()
        Commitment.objects.filter(plan__in=plan_ids).delete()
        ActionPlan.objects.filter(pk__in=plan_ids).delete()
        Institution.objects.filter(slug__startswith=prefix).delete()
        get_user_model().objects.filter(username__startswith=prefix).delete()
    Measure.history.filter(id__in=measure_ids).delete()
    for model in CONTENT_MODELS:
        # Only the generator writes this change reason; rows whose record is gone were ours.
        model.history.filter(history_change_reason=CHANGE_REASON).exclude(id__in=model.objects.values("pk")).delete()
    return len(plan_ids)


class Command(BaseCommand):
    help = "Create a synthetic data set N times the real plan (for benchmarks). Never mixed into load_real_data."

    def add_arguments(self, parser):
        parser.add_argument("--scale", type=int, required=True, help="how many plans the size of the real one")
        parser.add_argument("--seed", type=int, default=1, help="same seed, same data (default 1)")
        parser.add_argument("--replace", action="store_true", help="delete an earlier run with this seed first")

    def handle(self, *args, scale: int, seed: int, replace: bool, **options):
        if scale < 1:
            raise CommandError("--scale must be at least 1.")
        if seed < 0:
            raise CommandError("--seed must not be negative.")
        prefix = synthetic_prefix(seed)
        started = timezone.now()
        with bulk_changes(), transaction.atomic():
            if ActionPlan.objects.filter(slug__startswith=prefix).exists():
                if not replace:
                    raise CommandError(
                        f"Synthetic data with seed {seed} already exists; use --replace or another --seed."
                    )
                removed = delete_synthetic(seed)
                self.stdout.write(f"Removed the earlier synthetic data set of seed {seed} ({removed} plans).")
            created = Generator(scale=scale, seed=seed).run()
        seconds = (timezone.now() - started).total_seconds()
        for name, n in sorted(created.items()):
            self.stdout.write(f"  {name}: {n}")
        total = sum(created.values())
        self.stdout.write(
            self.style.SUCCESS(f"Synthetic data (scale {scale}, seed {seed}): {total} rows in {seconds:.1f} s.")
        )
