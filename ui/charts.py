"""Server-rendered SVG charts, shared by the public pages and the PDF reports.

Each chart is plain SVG with a <title> and <desc> (role="img"), so it works
without JavaScript, is announced by screen readers, and prints. Callers put a
data table beside it: the chart never carries information the table lacks.
Status is never shown by colour alone: bars carry their numbers and labels.
The charts know no model: they draw what the summaries and measures they are given say.
"""

import datetime
from collections.abc import Iterable

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

from ui import formatting
from ui.labels import STATUS_COLOURS

# A summary is commitments.selectors.PlanSummary (or anything shaped like it): `by_status()` rows with
# `status`, `label` (the model's) and `count`, and `commitments` rows with the same plus `commitment`
# and `percent_complete`. Measures have `status`, `get_status_display()`, `number` and their dates.

FONT = "font-family=\"'Source Sans 3', 'Segoe UI', Arial, sans-serif\""


def _svg(width: int, height: int, title: str, desc: str, body: list[str], chart_id: str) -> SafeString:
    return mark_safe(
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" width="100%" '
        f'role="img" aria-labelledby="{chart_id}-t {chart_id}-d" class="chart" {FONT} font-size="17">'
        f'<title id="{chart_id}-t">{escape(title)}</title><desc id="{chart_id}-d">{escape(desc)}</desc>'
        + "".join(body)
        + "</svg>"
    )


# A status no report states is drawn as an empty dashed box, never as a filled bar: it is not progress.
UNKNOWN = "no_information"
UNKNOWN_STROKE = 'stroke="#595959" stroke-width="1.5" stroke-dasharray="4 3"'
UNKNOWN_STYLE = f'fill="#fff" {UNKNOWN_STROKE}'


def _fill(status: str) -> str:
    return UNKNOWN_STYLE if status == UNKNOWN else f'fill="{STATUS_COLOURS[status]}"'


def status_distribution_svg(summary, *, title: str, chart_id: str = "status-chart") -> SafeString:
    """One horizontal bar per status, its name above it and its count at its end (the labels are the legend).

    Names sit above the bars (not beside them) so the chart stays narrow: it is drawn
    420 units wide and keeps its text legible when scaled down to a 375 px phone.
    """
    body, height, desc = status_bars(summary)
    return _svg(420, height, title, desc, body, chart_id)


def status_bars(summary) -> tuple[list[str], int, str]:
    """The bars of status_distribution_svg, 380 units wide: the SVG, the height they take and their text."""
    rows = [s for s in summary.by_status() if s.count or s.status != "withdrawn"]
    bar_w, row_h = 360, 52
    height = row_h * len(rows) + 4
    biggest = max((r.count for r in rows), default=0) or 1
    body = []
    for i, row in enumerate(rows):
        y = i * row_h
        w = round(bar_w * row.count / biggest)
        body.append(
            f'<text x="0" y="{y + 18}" fill="#1b1b1b">{escape(row.label)}</text>'
            f'<rect x="0" y="{y + 26}" width="{max(w, 2)}" height="20" {_fill(row.status)}/>'
            f'<text x="{max(w, 2) + 8}" y="{y + 42}" fill="#1b1b1b" font-weight="700">{row.count}</text>'
        )
    return body, height, "; ".join(f"{r.label}: {r.count}" for r in rows)


def _legend(rows, *, width: int, columns: int = 2) -> tuple[list[str], int]:
    """Swatch, name and count of each status, in `columns` columns; returns the SVG and its height."""
    col_w, row_h = width // columns, 26
    body = []
    for i, row in enumerate(rows):
        x, y = (i % columns) * col_w, (i // columns) * row_h
        body.append(
            f'<rect x="{x + 1}" y="{y + 5}" width="16" height="16" {_fill(row.status)}/>'
            f'<text x="{x + 24}" y="{y + 19}" fill="#1b1b1b" font-size="15">{escape(row.label)}: '
            f'<tspan font-weight="700">{row.count}</tspan></text>'
        )
    return body, row_h * ((len(rows) + columns - 1) // columns)


def commitment_progress_svg(summary, *, title: str, chart_id: str = "commitment-chart") -> SafeString:
    """One stacked bar per commitment: its measures split by status, with the share complete.

    A legend above the bars names each status with the plan's count. Where no status of a commitment is
    reported, its share complete is "not known" in words, not 0 %.
    """
    label_w, bar_w, row_h, right_w = 34, 318, 40, 96
    width = label_w + bar_w + right_w
    legend_rows = [s for s in summary.by_status() if s.count or s.status != "withdrawn"]
    body, top = _legend(legend_rows, width=width)
    top += 10
    height = top + row_h * len(summary.commitments) + 4
    desc = [_("Legend: %(parts)s") % {"parts": ", ".join(f"{s.label}: {s.count}" for s in legend_rows)}]
    for i, row in enumerate(summary.commitments):
        y = i * row_h
        body.append(
            f'<text x="{label_w - 8}" y="{y + 26}" text-anchor="end" fill="#1b1b1b">{row.commitment.number}.</text>'
        )
        body.extend(_stacked_bar(row, x=label_w, y=y + 8, width=bar_w))
        parts = ", ".join(f"{s.label}: {s.count}" for s in row.by_status() if s.count)
        if row.counted and not row.nothing_reported:
            share = formatting.percent(row.percent_complete)
            text = f'font-weight="700">{escape(share)}'
            desc.append(
                _("Commitment %(n)s: %(pct)s complete (%(parts)s)")
                % {"n": row.commitment.number, "pct": share, "parts": parts}
            )
        else:
            unknown = _("not known")
            text = f'font-size="15">{escape(unknown)}'
            desc.append(
                _("Commitment %(n)s: no status reported (%(parts)s)")
                % {"n": row.commitment.number, "parts": parts or _("no measures")}
            )
        body.append(f'<text x="{label_w + bar_w + 8}" y="{y + 27}" fill="#1b1b1b" {text}</text>')
    return _svg(width, height, title, "; ".join(desc), body, chart_id)


def _stacked_bar(row, *, x: float, y: int, width: int) -> list[str]:
    if not row.total:
        return [f'<rect x="{x}" y="{y}" width="{width}" height="26" fill="none" {UNKNOWN_STROKE}/>']
    body = []
    for part in row.by_status():
        if not part.count:
            continue
        w = width * part.count / row.total
        stroke = "" if part.status == UNKNOWN else ' stroke="#fff" stroke-width="1.5"'
        body.append(f'<rect x="{x:.1f}" y="{y}" width="{w:.1f}" height="26" {_fill(part.status)}{stroke}/>')
        if w >= 24:
            colour = "#1b1b1b" if part.status == UNKNOWN else "#fff"
            body.append(
                f'<text x="{x + w / 2:.1f}" y="{y + 19}" text-anchor="middle" fill="{colour}" '
                f'font-weight="700">{part.count}</text>'
            )
        x += w
    return body


def measure_timeline_svg(
    measures: Iterable,
    *,
    start: datetime.date,
    end: datetime.date,
    today: datetime.date,
    title: str,
    chart_id: str = "timeline-chart",
) -> SafeString:
    """A bar per measure from its start to its due date, coloured by status; the dashed line is today."""
    measures = [m for m in measures if m.start_date or m.due_date]
    label_w, plot_w, row_h = 52, 356, 28
    width, height = label_w + plot_w + 12, row_h * len(measures) + 30
    span = max((end - start).days, 1)

    def x_of(day: datetime.date) -> float:
        clamped = min(max(day, start), end)
        return label_w + plot_w * (clamped - start).days / span

    body = []
    for year in range(start.year, end.year + 2):
        tick = datetime.date(year, 1, 1)
        if start <= tick <= end:
            x = x_of(tick)
            body.append(
                f'<line x1="{x:.1f}" y1="0" x2="{x:.1f}" y2="{height - 22}" stroke="#b1b4b6"/>'
                f'<text x="{x:.1f}" y="{height - 4}" text-anchor="middle" fill="#1b1b1b" font-size="14">{year}</text>'
            )
    if start <= today <= end:
        x = x_of(today)
        body.append(
            f'<line x1="{x:.1f}" y1="0" x2="{x:.1f}" y2="{height - 22}" stroke="#1b1b1b" stroke-width="2" '
            f'stroke-dasharray="5 4"/>'
        )
    desc = []
    for i, m in enumerate(measures):
        y = 4 + i * row_h
        a, b = x_of(m.start_date or start), x_of(m.due_date or end)
        label = m.number or "•"
        body.append(
            f'<text x="{label_w - 8}" y="{y + 16}" text-anchor="end" fill="#1b1b1b" font-size="15">'
            f"{escape(label)}</text>"
            f'<rect x="{a:.1f}" y="{y + 3}" width="{max(b - a, 4):.1f}" height="{row_h - 9}" rx="3" '
            f'fill="{STATUS_COLOURS[m.status]}"/>'
        )
        desc.append(f"{label} {m.get_status_display()}: {m.start_date or '—'} – {m.due_date or '—'}")
    return _svg(width, height, title, "; ".join(desc), body, chart_id)
