"""Fixtures for the browser tests: one headless Chromium per session, a small published data set.

The checkers come from npm (see package.json at the repository root; `npm ci` installs them into
node_modules/): axe-core is injected into each page, the Nu HTML Checker (vnu.jar) runs under Java.
Tests skip with a clear reason when Chromium, node_modules or Java are missing.
"""

import datetime
import os
import shutil
from pathlib import Path

import pytest
from django.conf import settings

# Playwright's sync API runs an event loop in this thread; the ORM calls the tests make around it
# (building data) are still plain synchronous calls.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM = Path("/usr/bin/chromium")
NODE_MODULES = Path(settings.BASE_DIR) / "node_modules"
AXE = NODE_MODULES / "axe-core" / "axe.min.js"
VNU = NODE_MODULES / "vnu-jar" / "build" / "dist" / "vnu.jar"


def _missing(reason: str):
    # CI sets REQUIRE_BROWSER_TESTS so a missing tool fails the run instead of passing it untested.
    if os.environ.get("REQUIRE_BROWSER_TESTS"):
        pytest.fail(reason)
    pytest.skip(reason)


@pytest.fixture(scope="session")
def browser():
    if not CHROMIUM.exists():
        _missing("browser tests need Chromium at /usr/bin/chromium (apt-get install chromium)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=str(CHROMIUM),
            args=["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"],
        )
        yield browser
        browser.close()


@pytest.fixture
def page(browser):
    # bypass_csp: axe-core is injected as an inline script, which the site's policy rightly refuses.
    context = browser.new_context(viewport={"width": 1280, "height": 900}, bypass_csp=True)
    page = context.new_page()
    yield page
    context.close()


@pytest.fixture
def axe_source():
    if not AXE.exists():
        _missing("axe-core is missing: run `npm ci` at the repository root")
    return AXE.read_text(encoding="utf-8")


@pytest.fixture
def vnu_command():
    java = shutil.which("java")
    if not java:
        _missing("the Nu HTML Checker needs Java (apt-get install default-jre-headless)")
    if not VNU.exists():
        _missing("vnu-jar is missing: run `npm ci` at the repository root")
    return [java, "-jar", str(VNU)]


@pytest.fixture
def site(transactional_db, live_server, settings):
    """A published plan with every kind of content the public pages show, and the URLs of each page type."""
    settings.PAGE_CACHE_ENABLED = False
    return build_site(live_server.url)


def account_pages() -> dict:
    """The council's sign-in and both password resets (the council's in the public frame, the staff's in the
    admin's look); the confirmation page with a link that does not work, as a stale e-mail gives."""
    from django.urls import reverse

    stale = {"uidb64": "MQ", "token": "stale-link"}
    return {
        "council_login": reverse("council:login"),
        "council_password_reset": reverse("council:password_reset"),
        "council_password_reset_done": reverse("council:password_reset_done"),
        "council_password_reset_confirm": reverse("council:password_reset_confirm", kwargs=stale),
        "council_password_reset_complete": reverse("council:password_reset_complete"),
        "staff_password_reset": reverse("admin_password_reset"),
        "staff_password_reset_done": reverse("accounts:password_reset_done"),
        "staff_password_reset_confirm": reverse("accounts:password_reset_confirm", kwargs=stale),
        "staff_password_reset_complete": reverse("accounts:password_reset_complete"),
    }


def build_site(base_url: str) -> dict:
    from django.urls import reverse
    from django.utils import translation

    from commitments.models import MeasureStatus, ReviewState
    from consultations.models import Consultation, Proposal, ProposalOutcome
    from council.models import Council, Meeting, MeetingStatus
    from institutions.models import InstitutionName
    from plans.models import FundingAmount, FundingSource, PlanPhase, PlanRevision, PlanStatus
    from tests.factories import make_commitment, make_entry, make_institution, make_measure, make_plan, make_round

    ministry = make_institution(
        slug="varam",
        name="Viedās administrācijas un reģionālās attīstības ministrija",
        name_en="Ministry of Smart Administration",
    )
    InstitutionName.objects.create(
        institution=ministry,
        name="Vides aizsardzības un reģionālās attīstības ministrija",
        valid_until=datetime.date(2024, 7, 1),
    )
    chancellery = make_institution(slug="vk", name="Valsts kanceleja", name_en="State Chancellery")
    ngo = make_institution(slug="providus", name="Sabiedriskās politikas centrs PROVIDUS", name_en="")
    plan = make_plan(
        slug="piektais",
        title="Latvijas Piektais nacionālais atvērtās pārvaldības rīcības plāns 2022. – 2025. gadam",
        title_en="Latvia's Fifth National Open Government Action Plan 2022–2025",
        short_name="Piektais plāns",
        short_name_en="Fifth plan",
        approved_on=datetime.date(2022, 2, 10),
        approving_act="Ministru kabineta 2022. gada 10. februāra rīkojums Nr. 78",
        coordinator=chancellery,
        description="Plāna apraksts.",
        status=PlanStatus.IMPLEMENTATION,
    )
    PlanPhase.objects.create(plan=plan, order=1, title="Ideju vākšana", start_date=datetime.date(2021, 5, 24))
    council = Council.objects.create(plan=plan, name="Uzraudzības padome")
    meeting = Meeting.objects.create(
        council=council, number=5, date=datetime.date(2024, 11, 7), status=MeetingStatus.PUBLISHED
    )
    revision = PlanRevision.objects.create(
        plan=plan, title="Plāna aktualizācija", decided_on=datetime.date(2024, 4, 30), decided_at_meeting=meeting
    )
    rnd = make_round(
        plan,
        title="Ziņošana par 2022.–2023. gadu",
        period_start=datetime.date(2022, 1, 1),
        period_end=datetime.date(2023, 12, 31),
        deadline=datetime.date(2024, 3, 1),
    )
    funding = FundingSource.objects.create(
        plan=plan,
        programme="ESF+",
        code="4.3.4.5",
        title="Atbalsts pilsoniskās sabiedrības organizācijām",
        total_amount=1740000,
    )
    FundingAmount.objects.create(source=funding, year=2024, amount=117000)
    statuses = list(MeasureStatus)
    measure = None
    for n in range(1, 4):
        commitment = make_commitment(
            plan, number=n, title=f"Apņemšanās {n}", title_en=f"Commitment {n}", special_attention=n == 3
        )
        commitment.lead_institutions.add(chancellery)
        for k in range(1, 4):
            m = make_measure(
                commitment,
                title=f"Pasākums {n}.{k}",
                title_en="" if k == 2 else f"Measure {n}.{k}",
                description="Pasākuma apraksts.",
                status=statuses[(n + k) % len(statuses)],
                responsible_institution=ministry,
                start_date=datetime.date(2022, 3, 1),
                due_date=datetime.date(2023 + k, 12, 31),
                progress_percent=20 * k,
            )
            m.co_responsible_institutions.add(chancellery)
            m.other_implementers.add(ngo)
            m.funding_sources.add(funding)
            measure = measure or m
    measure.status = MeasureStatus.SUBSTANTIAL
    measure.added_by_revision = revision
    measure._change_reason = "Statuss pēc vidusposma ziņojuma"
    measure.save()
    make_entry(
        measure, rnd, narrative="Izstrādāts ietvara dokumenta projekts.", evidence_links="https://example.invalid/doc"
    )
    consultation = Consultation.objects.create(
        plan=plan,
        revision=revision,
        title="Plāna aktualizācijas apspriešana",
        period_start=datetime.date(2024, 7, 2),
        period_end=datetime.date(2024, 7, 16),
    )
    proposal = Proposal.objects.create(
        consultation=consultation,
        order=1,
        author_institution=ngo,
        essence="Priekšlikums.",
        response="Ņemts vērā.",
        outcome=ProposalOutcome.ACCEPTED,
    )
    proposal.measures.add(measure)
    make_entry(make_measure(commitment), narrative="draft", review_state=ReviewState.DRAFT)

    pages = {}
    for lang in ("lv", "en"):
        with translation.override(lang):
            pages[lang] = {
                "home": reverse("portal:home"),
                "plans": reverse("portal:plans"),
                "plan": reverse("portal:plan", args=[plan.slug]),
                "commitment": reverse("portal:commitment", args=[plan.slug, 1]),
                # The embeddable cards: standalone pages with their own frame and stylesheet.
                "plan_card": reverse("portal:plan_card", args=[plan.slug]),
                "commitment_card": reverse("portal:commitment_card", args=[plan.slug, 1]),
                "measure": reverse("portal:measure", args=[plan.slug, measure.pk]),
                "measures": reverse("portal:measures") + "?q=Pas&status=limited&status=complete",
                "institutions": reverse("portal:institutions"),
                "institution": reverse("portal:institution", args=["varam"]),
                "consultations": reverse("portal:consultations"),
                "consultation": reverse("portal:consultation", args=[consultation.pk]),
                "accessibility": reverse("portal:accessibility"),
                **account_pages(),
            }
    return {"base": base_url, "pages": pages}
