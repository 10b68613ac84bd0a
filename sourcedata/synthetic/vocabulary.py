"""The synthetic data set's shape (the real Fifth plan's), its weights and its vocabulary."""

import datetime

from commitments.models import MeasureStatus, ReviewState

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
