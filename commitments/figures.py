"""The sentences every dashboard says about a plan's or a commitment's figures (public pages, the staff
dashboard), so the same figure reads the same everywhere.

A figure the data cannot know is said in words, naming what is missing: a measure with no reported status
is neither complete nor not complete, and one with no due date is neither overdue nor on time.
"""

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from ui import formatting

from .selectors import ProgressRow


def status_sentence(row: ProgressRow) -> str:
    """How many measures have a reported status and how many of them are complete; or that none has one."""
    if row.nothing_reported:
        return ngettext(
            "None of the %(counted)s measure has a reported status yet, so how many are complete is not known.",
            "None of the %(counted)s measures has a reported status yet, so how many are complete is not known.",
            row.counted,
        ) % {"counted": row.counted}
    return ngettext(
        "%(reported)s of the %(counted)s measure has a reported status; %(complete)s complete.",
        "%(reported)s of the %(counted)s measures have a reported status; %(complete)s complete.",
        row.counted,
    ) % {"reported": row.reported, "counted": row.counted, "complete": row.complete}


def high_completion_sentence(row: ProgressRow) -> str:
    """The IRM's high completion (substantial or complete) over the measures with a reported status."""
    if row.nothing_reported:
        return _(
            "The share at substantial or complete (the IRM's high completion) is not known: no status is reported."
        )
    return ngettext(
        "%(high)s of the %(reported)s measure with a reported status is substantial or complete (%(percent)s, "
        "the IRM's high completion).",
        "%(high)s of the %(reported)s measures with a reported status are substantial or complete (%(percent)s, "
        "the IRM's high completion).",
        row.reported,
    ) % {
        "high": row.high_completion,
        "reported": row.reported,
        "percent": formatting.percent(row.percent_high_completion),
    }


def due_sentence(summary) -> str:
    """Overdue counted only over the measures with a due date, with the number whose due date is unknown."""
    if not summary.with_due_date:
        return ngettext(
            "The due date of the %(unknown)s measure is not known, so whether it is overdue is not known.",
            "The due dates of the %(unknown)s measures are not known, so whether any is overdue is not known.",
            summary.due_unknown,
        ) % {"unknown": summary.due_unknown}
    overdue = ngettext(
        "%(overdue)s of the %(dated)s measure with a due date is overdue",
        "%(overdue)s of the %(dated)s measures with a due date are overdue",
        summary.with_due_date,
    ) % {"overdue": summary.overdue, "dated": summary.with_due_date}
    if not summary.due_unknown:
        return _("%(overdue)s.") % {"overdue": overdue}
    unknown = ngettext(
        "the due date of %(unknown)s more measure is not known",
        "the due dates of %(unknown)s more measures are not known",
        summary.due_unknown,
    ) % {"unknown": summary.due_unknown}
    return _("%(overdue)s; %(unknown)s.") % {"overdue": overdue, "unknown": unknown}


def headline(summary) -> str:
    """The first thing a dashboard says: what is reported and complete, and what is overdue."""
    if summary.nothing_reported and not summary.with_due_date:
        return ngettext(
            "The %(counted)s measure has no reported status and no known due date yet, so whether it is complete "
            "or overdue is not known.",
            "None of the %(counted)s measures has a reported status or a known due date yet, so how many are "
            "complete or overdue is not known.",
            summary.counted,
        ) % {"counted": summary.counted}
    return f"{status_sentence(summary)} {due_sentence(summary)}"
