"""Builders for council test data (used by tests/test_council_*.py).

`make_meeting_no5` copies a part of minutes No. 5 of 7 November 2024 (seed 000) so that
tests exercise real Latvian text; it is not a loader of the real data.
"""

import datetime
import itertools

from django.core.files.base import ContentFile

from .models import (
    AgendaItem,
    Attendance,
    AttendanceKind,
    Council,
    CouncilMember,
    DocumentKind,
    Meeting,
    MeetingDocument,
    MeetingStatus,
)

_seq = itertools.count(1)

COUNCIL_NAME = "Atvērtās pārvaldības rīcības plāna 2022. – 2025. gadam uzraudzības padome"


def make_council(plan=None, **kw) -> Council:
    defaults = {"name": COUNCIL_NAME, "name_en": "Supervisory council of the Open Government Action Plan 2022–2025"}
    defaults.update(kw)
    return Council.objects.create(plan=plan, **defaults)


def make_member(council, **kw) -> CouncilMember:
    n = next(_seq)
    defaults = {"person_name": f"Loceklis {n}", "role": "padomes loceklis"}
    defaults.update(kw)
    return CouncilMember.objects.create(council=council, **defaults)


def make_meeting(council=None, **kw) -> Meeting:
    council = council or make_council()
    defaults = {
        "number": next(_seq) + 100,
        "date": datetime.date(2024, 4, 30),
        "city": "Rīga",
        "city_en": "Riga",
        "status": MeetingStatus.PUBLISHED,
    }
    defaults.update(kw)
    return Meeting.objects.create(council=council, **defaults)


def make_document(meeting, *, content: bytes, name: str = "doc.pdf", **kw) -> MeetingDocument:
    """A stored document, bypassing upload validation (tests of corrupt files need that)."""
    defaults = {
        "kind": DocumentKind.PRESENTATION,
        "title": f"Dokuments {next(_seq)}",
        "content_type": "application/pdf" if name.endswith(".pdf") else "",
        "original_name": name,
        "size": len(content),
    }
    defaults.update(kw)
    doc = MeetingDocument(meeting=meeting, **defaults)
    doc.file.save(name, ContentFile(content), save=False)
    doc.save()
    return doc


def make_meeting_no5(*, plan=None, council=None, measures=()) -> Meeting:
    """Minutes No. 5 (seed 000), shortened: the chair, three members, one other participant, four items."""
    council = council or make_council(plan=plan)
    chair = make_member(
        council,
        person_name="I. Lībķena",
        role=(
            "Valsts kancelejas direktora vietniece valsts pārvaldes jautājumos, "
            "Valsts pārvaldes politikas departamenta vadītāja"
        ),
    )
    meeting = Meeting.objects.create(
        council=council,
        number=5,
        date=datetime.date(2024, 11, 7),
        start_time=datetime.time(13, 0),
        end_time=datetime.time(14, 30),
        city="Rīga",
        city_en="Riga",
        place="Valsts kancelejas Bibliotēka",
        place_en="State Chancellery Library",
        chair=chair,
        status=MeetingStatus.DRAFT,
        next_meeting_note="Nākamā uzraudzības padomes sēde plānota 2025. gada pavasarī.",
        next_meeting_note_en="The next meeting of the supervisory council is planned for spring 2025.",
        signature_note="Dokuments ir parakstīts ar drošu elektronisko parakstu",
        signature_note_en="The document is signed with a secure electronic signature",
    )
    members = [
        (
            "I. Kušķe",
            "Valsts kancelejas Valsts pārvaldes politikas departamenta Valsts pārvaldes attīstības "
            "nodaļas konsultante labas pārvaldības jautājumos",
        ),
        ("H. Beitelis", "Valsts kancelejas Ārvalstu finanšu instrumentu departamenta vadītājs"),
        ("L. Stafecka", "biedrības “Sabiedriskās politikas centrs PROVIDUS” pētniece"),
    ]
    for order, (name, role) in enumerate(members, start=1):
        Attendance.objects.create(meeting=meeting, order=order, kind=AttendanceKind.MEMBER, person_name=name, role=role)
    Attendance.objects.create(
        meeting=meeting,
        order=1,
        kind=AttendanceKind.OTHER,
        person_name="V. Sidorenkovs",
        role="Valsts kancelejas Juridiskā departamenta vadītājas vietnieks",
    )
    items = [
        (
            "Latvijas veiksmes stāsti: TAP portāla iegūtā ANO publisko pakalpojumu balva",
            "V. Sidorenkovs",
            "V. Sidorenkovs iepazīstina ar Valsts kancelejas pieredzi TAP portāla attīstībā.",
            "Pieņemt zināšanai V. Sidorenkova sniegto informāciju.",
        ),
        (
            "Atvērtās pārvaldības rīcības plāna 2022.– 2025.gadam īstenošanas aktualitātes",
            "I. Kušķe",
            "I. Kušķe informē par deliberatīvo diskusiju modeļa izstrādi (3.5. pasākums).",
            "Pieņemt zināšanai sniegto informāciju.",
        ),
        (
            "Atvērtās pārvaldības rīcības plāna 2022. – 2025. gadam īstenošana 2025. gadā",
            "I. Kušķe",
            "H. Beitelis aktualizē jautājumu par ietvara dokumenta izstrādi (1.1. pasākums).",
            "Pieņemt zināšanai sniegto informāciju.",
        ),
        (
            "Nākamā atvērtās pārvaldības rīcības plāna izstrāde",
            "I. Lībķena",
            "I. Lībķena iepazīstina ar jaunā plāna izstrādes iespējamo laika grafiku.",
            "Sniegto informāciju ņemt vērā jaunā plāna izstrādē.",
        ),
    ]
    for order, (title, presenters, discussion, decision) in enumerate(items, start=1):
        AgendaItem.objects.create(
            meeting=meeting, order=order, title=title, presenters=presenters, discussion=discussion, decision=decision
        )
    measures = list(measures)
    if measures:
        by_number = {m.number: m for m in measures}
        if "3.5" in by_number:
            meeting.agenda_items.get(order=2).measures.add(by_number["3.5"])
        if "1.1" in by_number:
            meeting.agenda_items.get(order=3).measures.add(by_number["1.1"])
    return meeting


class PrivateMediaMixin:
    """Points the private document storage at a temporary folder for the test class."""

    @classmethod
    def setUpClass(cls):
        import tempfile

        from django.test import override_settings

        cls._private_root = tempfile.mkdtemp(prefix="council-test-")
        cls._private_override = override_settings(PRIVATE_MEDIA_ROOT=cls._private_root)
        cls._private_override.enable()
        super().setUpClass()

    @classmethod
    def tearDownClass(cls):
        import shutil

        super().tearDownClass()
        cls._private_override.disable()
        shutil.rmtree(cls._private_root, ignore_errors=True)


def office_zip(kind: str) -> bytes:
    """A minimal office package as the office suites write them (only the parts the type check reads)."""
    import io
    import zipfile

    main_parts = {
        "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml",
        "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml",
        "pptx": "application/vnd.openxmlformats-officedocument.presentationml.presentation.main+xml",
        "docm": "application/vnd.ms-word.document.macroEnabled.main+xml",
    }
    odf = {
        "odt": "application/vnd.oasis.opendocument.text",
        "ods": "application/vnd.oasis.opendocument.spreadsheet",
        "odp": "application/vnd.oasis.opendocument.presentation",
    }
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        if kind in odf:
            archive.writestr(zipfile.ZipInfo("mimetype"), odf[kind])
            archive.writestr("content.xml", "<office:document-content/>")
        elif kind in main_parts:
            archive.writestr(
                "[Content_Types].xml",
                '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
                f'<Override PartName="/main.xml" ContentType="{main_parts[kind]}"/></Types>',
            )
            archive.writestr("main.xml", "<document/>")
        else:
            archive.writestr("readme.txt", "just a zip")
    return buffer.getvalue()


def simple_pdf(text: str = "Pielikums") -> bytes:
    """A one-page PDF with `text`, rendered the way the portal renders its own PDFs."""
    from ogp_portal.pdf import render_pdf

    return render_pdf(f"<html lang='lv'><head><title>{text}</title></head><body><p>{text}</p></body></html>")
