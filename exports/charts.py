"""Bar charts as inline SVG, written by hand: no scripts, no fonts or files to fetch.

Every piece of text is escaped. A hidden count is drawn as a short hatched bar
marked "<5" or "hidden", never to scale, so a chart can't leak what the table
hides. Bars are drawn against the total who answered, so a lone visible bar is
never drawn as if it were the whole; with the total hidden there is no chart.
 Each chart has a title and a description for screen readers; the table
beside it carries the same numbers for anyone who can't see the chart.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from html import escape

from exports.tables import Row
from surveys.disclosure import Released

WIDTH = 640
LABEL_WIDTH = 250
BAR_HEIGHT = 22
GAP = 8
MAX_LABEL = 30
PALETTE = ("#1d4f91",)
MERGED_COLOURS = {
    "Agree": "#1b6b3a",
    "Neither agree nor disagree": "#5c5c5c",
    "Disagree": "#8c2d04",
    "7 to 10": "#1b6b3a",
    "4 to 6": "#5c5c5c",
    "0 to 3": "#8c2d04",
}


def _short(label: str) -> str:
    return label if len(label) <= MAX_LABEL else label[: MAX_LABEL - 1].rstrip() + "…"


def bar_chart(
    rows: Sequence[Row],
    title: str,
    chart_id: str,
    *,
    total: Released,
    merged: bool = False,
    colours: Mapping[str, str] | None = None,
) -> str:
    """An accessible horizontal bar chart of a table's rows, as SVG markup.

    Each bar's length is its share of ``total``; "" (no chart) when the total is hidden.
    ``colours`` gives the merged groups' colours by their label in the report's
    language (default: the English labels, ``MERGED_COLOURS``).
    """
    colours = MERGED_COLOURS if colours is None else colours
    if total.value is None:
        return ""
    visible = [r.count.value for r in rows if r.count.value is not None]
    scale_max = max(total.value, *visible, 1)
    plot = WIDTH - LABEL_WIDTH - 90
    height = len(rows) * (BAR_HEIGHT + GAP) + GAP
    described = "; ".join(
        f"{r.label}: {r.count.shown}" + (f" ({r.percent})" if r.percent else "") for r in rows
    )
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="chart" role="img" '
        f'viewBox="0 0 {WIDTH} {height}" width="{WIDTH}" height="{height}" '
        f'aria-labelledby="{chart_id}-t {chart_id}-d">',
        f'<title id="{chart_id}-t">{escape(title)}</title>',
        f'<desc id="{chart_id}-d">{escape(described)}</desc>',
        f'<defs><pattern id="{chart_id}-h" width="6" height="6" patternUnits="userSpaceOnUse" '
        'patternTransform="rotate(45)"><rect width="6" height="6" fill="#ffffff"/>'
        '<line x1="0" y1="0" x2="0" y2="6" stroke="#6b6b6b" stroke-width="2"/></pattern></defs>',
    ]
    for index, row in enumerate(rows):
        y = GAP + index * (BAR_HEIGHT + GAP)
        middle = y + BAR_HEIGHT / 2 + 5
        parts.append(
            f'<text x="{LABEL_WIDTH - 8}" y="{middle:.0f}" text-anchor="end" class="label">'
            f"<title>{escape(row.label)}</title>{escape(_short(row.label))}</text>"
        )
        value = row.count.value
        if value is None:
            parts.append(
                f'<rect x="{LABEL_WIDTH}" y="{y}" width="24" height="{BAR_HEIGHT}" '
                f'fill="url(#{chart_id}-h)" stroke="#6b6b6b"/>'
            )
            text_x = LABEL_WIDTH + 32
            words = row.count.shown
        else:
            length = round(plot * value / scale_max)
            colour = colours.get(row.label, PALETTE[0]) if merged else PALETTE[0]
            parts.append(
                f'<rect x="{LABEL_WIDTH}" y="{y}" width="{max(length, 1 if value else 0)}" '
                f'height="{BAR_HEIGHT}" fill="{colour}"/>'
            )
            text_x = LABEL_WIDTH + length + 8
            words = row.count.shown + (f" ({row.percent})" if row.percent else "")
        parts.append(f'<text x="{text_x}" y="{middle:.0f}" class="value">{escape(words)}</text>')
    parts.append("</svg>")
    return "".join(parts)
