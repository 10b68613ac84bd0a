"""The progress card as one standalone SVG image, for other sites' <img> (portal/views/embed.py).

The image references nothing outside itself (no stylesheet, font file, script or link): a site that
shows it as an <img> runs none of it anyway, and one that opens it alone must see the same picture.
Everything is drawn with presentation attributes, no style attribute or element. SVG text does not wrap,
so the heading and the sentence are broken into lines here, by an estimate of the width of a character.
"""

import textwrap

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from ui.charts import FONT, status_bars

WIDTH, PAD = 440, 16
# Characters per line at the sizes below, for a 408-unit line of a sans-serif font (about 0.5 em a character).
HEADING_CHARS, TEXT_CHARS = 40, 52
HEADING_LINES = 3


def _lines(text: str, *, y: int, size: int, chars: int, weight: str = "", limit: int = 0) -> tuple[list[str], int]:
    lines = textwrap.wrap(text, chars) or [""]
    if limit and len(lines) > limit:
        lines = lines[:limit]
        lines[-1] = lines[-1][: chars - 1].rstrip() + "…"
    bold = f' font-weight="{weight}"' if weight else ""
    body = []
    for line in lines:
        y += round(size * 1.3)
        body.append(f'<text x="{PAD}" y="{y}" font-size="{size}" fill="#1b1b1b"{bold}>{escape(line)}</text>')
    return body, y


def progress_card_svg(summary, *, heading: str, sentence: str, footer: str) -> SafeString:
    """The card: heading, the sentence about the figures, the measures by status (if any), the footer.

    `summary` is a commitments.selectors.ProgressRow (a plan's or a commitment's); `sentence` is what
    commitments.figures says about it, so an unknown status is said in words, never drawn as zero.
    """
    body, y = _lines(heading, y=PAD - 4, size=19, chars=HEADING_CHARS, weight="700", limit=HEADING_LINES)
    text, y = _lines(sentence, y=y + 4, size=15, chars=TEXT_CHARS)
    body += text
    desc = sentence
    if summary.total:
        bars, bars_height, counts = status_bars(summary)
        body.append(f'<g transform="translate({PAD} {y + 12})" font-size="17">{"".join(bars)}</g>')
        y += 12 + bars_height
        desc = f"{sentence} {counts}."
    foot, y = _lines(footer, y=y + 4, size=13, chars=TEXT_CHARS + 8)
    body += foot
    height = y + PAD
    return mark_safe(
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {height}" width="{WIDTH}" '
        f'height="{height}" role="img" aria-labelledby="card-t card-d" {FONT}>'
        f'<title id="card-t">{escape(heading)}</title><desc id="card-d">{escape(desc)}</desc>'
        f'<rect x="0.5" y="0.5" width="{WIDTH - 1}" height="{height - 1}" fill="#fff" stroke="#b1b4b6"/>'
        + "".join(body)
        + "</svg>"
    )
