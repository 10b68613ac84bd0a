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


def status_distribution_svg(summary, *, title: str, chart_id: str = "status-chart") -> SafeString:
    """One horizontal bar per status, its name above it and its count at its end.

    Names sit above the bars (not beside them) so the chart stays narrow: it is drawn
    420 units wide and keeps its text legible when scaled down to a 375 px phone.
    """
    rows = [s for s in summary.by_status() if s.count or s.status != "withdrawn"]
    width, bar_w, row_h = 420, 360, 52
    height = row_h * len(rows) + 4
    biggest = max((r.count for r in rows), default=0) or 1
    body = []
    for i, row in enumerate(rows):
        y = i * row_h
        w = round(bar_w * row.count / biggest)
        body.append(
            f'<text x="0" y="{y + 18}" fill="#1b1b1b">{escape(row.label)}</text>'
            f'<rect x="0" y="{y + 26}" width="{max(w, 2)}" height="20" fill="{STATUS_COLOURS[row.status]}"/>'
            f'<text x="{max(w, 2) + 8}" y="{y + 42}" fill="#1b1b1b" font-weight="700">{row.count}</text>'
        )
    desc = "; ".join(f"{r.label}: {r.count}" for r in rows)
    return _svg(width, height, title, desc, body, chart_id)


def commitment_progress_svg(summary, *, title: str, chart_id: str = "commitment-chart") -> SafeString:
    """One stacked bar per commitment: its measures split by status, with the share complete."""
    label_w, bar_w, row_h = 34, 318, 40
    width, height = label_w + bar_w + 68, row_h * len(summary.commitments) + 4
    body, desc = [], []
    for i, row in enumerate(summary.commitments):
        y = i * row_h
        x = label_w
        body.append(
            f'<text x="{label_w - 8}" y="{y + 26}" text-anchor="end" fill="#1b1b1b">{row.commitment.number}.</text>'
        )
        total = row.total or 1
        if not row.total:
            body.append(
                f'<rect x="{x}" y="{y + 8}" width="{bar_w}" height="26" fill="none" stroke="#595959" '
                f'stroke-dasharray="4 3"/>'
            )
        for part in row.by_status():
            n = part.count
            if not n:
                continue
            w = bar_w * n / total
            body.append(
                f'<rect x="{x:.1f}" y="{y + 8}" width="{w:.1f}" height="26" '
                f'fill="{STATUS_COLOURS[part.status]}" stroke="#fff" stroke-width="1.5"/>'
            )
            if w >= 24:
                body.append(
                    f'<text x="{x + w / 2:.1f}" y="{y + 27}" text-anchor="middle" fill="#fff" '
                    f'font-weight="700">{n}</text>'
                )
            x += w
        body.append(
            f'<text x="{label_w + bar_w + 8}" y="{y + 27}" fill="#1b1b1b" font-weight="700">'
            f"{escape(formatting.percent(row.percent_complete))}</text>"
        )
        parts = ", ".join(f"{s.label}: {s.count}" for s in row.by_status() if s.count)
        desc.append(
            _("Commitment %(n)s: %(pct)s%% complete (%(parts)s)")
            % {"n": row.commitment.number, "pct": row.percent_complete, "parts": parts}
        )
    return _svg(width, height, title, "; ".join(desc), body, chart_id)


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
