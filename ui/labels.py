"""What a page needs to show a measure's status besides its name.

The name of each status is the model's: `MeasureStatus` labels (commitments/models.py), read as
`measure.get_status_display()`, `MeasureStatus(code).label` or a summary row's `label`, so that a
page, a PDF and a download say the same words. Here only what the model cannot carry: the colour
of a status in charts and the shape of its badge, keyed by the status code.
"""

# Each colour has at least 4.5:1 contrast against white, and white text on it is legible.
STATUS_COLOURS = {
    "complete": "#0b6b1f",
    "substantial": "#0a5a9c",
    "limited": "#8a4b00",
    "not_started": "#a11d2b",
    "no_information": "#595959",
    "withdrawn": "#3d3d3d",
}

# The badge's icon inside a 16×16 box: status is never told by colour alone.
_RING = '<circle cx="8" cy="8" r="6.5" fill="none" stroke="currentColor" stroke-width="1.5"{}/>'
STATUS_SHAPES = {
    "complete": '<circle cx="8" cy="8" r="7.25" fill="currentColor"/>'
    '<path d="M4.6 8.3l2.2 2.2 4.6-4.8" fill="none" stroke="#fff" stroke-width="2"/>',
    "substantial": _RING.format("") + '<path d="M8 8V1.5A6.5 6.5 0 1 1 1.5 8Z" fill="currentColor"/>',
    "limited": _RING.format("") + '<path d="M8 8V1.5A6.5 6.5 0 0 1 14.5 8Z" fill="currentColor"/>',
    "not_started": _RING.format(""),
    "no_information": _RING.format(' stroke-dasharray="2.5 2"')
    + '<text x="8" y="11.6" text-anchor="middle" font-size="10" font-weight="700" fill="currentColor">?</text>',
    "withdrawn": _RING.format("") + '<path d="M3.4 12.6l9.2-9.2" stroke="currentColor" stroke-width="1.5"/>',
}
