"""The impact report's page: one self-contained, printable HTML file.

Rendered with Jinja2 with autoescaping on (every word from a survey file or the
action log is escaped), with trend charts as inline SVG drawn here (escaped here).
A Content-Security-Policy, as in ``report.html``, forbids scripts and anything
fetched from elsewhere. Each chart has a title and a text alternative, and the
table beside it carries the same numbers.
"""

from __future__ import annotations

from collections.abc import Sequence
from html import escape

from jinja2 import Environment, PackageLoader, StrictUndefined, select_autoescape
from markupsafe import Markup

from exports.group_decisions import GROUP_RULES, SCORE_WORDS, RoundDecision
from exports.impact_content import ImpactContent
from exports.impact_counts import ALL, Crossed
from exports.impact_live import LIVE_ROWS
from exports.impact_tally import AID_ROWS, TREND_POINTS, Direction, Item
from surveys.disclosure import Reason, explain, release
from surveys.plurals import counted

WIDTH = 640
HEIGHT = 260
LEFT = 60
RIGHT = 20
TOP = 34
BOTTOM = 60
TOP_IDEAS = 3
"""Ideas shown per ranking round on the page (the CSV has them all)."""
DIRECTION_WORDS = {
    Direction.IMPROVING: "Improving",
    Direction.SAME: "About the same",
    Direction.WORSE: "Getting worse",
    Direction.UNKNOWN: "Not enough answers to tell",
}


def trend_chart(item: Item, labels: Sequence[str], chart_id: str, good_word: str) -> str:
    """A line chart of the share giving the good answer per quarter, as SVG markup.

    Quarters whose share may not be shown are left out of the line (a gap, marked
    "not shown"), never drawn as zero.
    """
    shares = item.trend.shares
    plot_w, plot_h = WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM
    step = plot_w / max(len(labels), 1)
    described = "; ".join(
        f"{label}: {'not shown' if share is None else f'{round(share)}%'}"
        for label, share in zip(labels, shares, strict=True)
    )
    title = f"{item.text}: share answering {good_word}, by quarter"
    verdict = DIRECTION_WORDS[item.trend.direction]
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="chart" role="img" '
        f'viewBox="0 0 {WIDTH} {HEIGHT}" width="{WIDTH}" height="{HEIGHT}" '
        f'aria-labelledby="{chart_id}-t {chart_id}-d">',
        f'<title id="{chart_id}-t">{escape(title)}</title>',
        f'<desc id="{chart_id}-d">{escape(described)}. {escape(verdict)}.</desc>',
    ]
    for percent in (0, 50, 100):
        y = TOP + plot_h * (1 - percent / 100)
        parts.append(
            f'<line x1="{LEFT}" y1="{y:.0f}" x2="{WIDTH - RIGHT}" y2="{y:.0f}" '
            'stroke="#b0b0b0" stroke-width="1"/>'
            f'<text x="{LEFT - 8}" y="{y + 5:.0f}" text-anchor="end" class="label">'
            f"{percent}%</text>"
        )
    points: list[list[tuple[float, float]]] = [[]]
    for index, (label, share) in enumerate(zip(labels, shares, strict=True)):
        x = LEFT + step * (index + 0.5)
        parts.append(
            f'<text x="{x:.0f}" y="{HEIGHT - BOTTOM + 22}" text-anchor="middle" class="label">'
            f"{escape(label)}</text>"
        )
        if share is None:
            parts.append(
                f'<text x="{x:.0f}" y="{TOP + plot_h / 2:.0f}" text-anchor="middle" '
                'class="value muted">not shown</text>'
            )
            points.append([])
            continue
        y = TOP + plot_h * (1 - share / 100)
        points[-1].append((x, y))
        parts.append(
            f'<circle cx="{x:.0f}" cy="{y:.0f}" r="6" fill="#1d4f91"/>'
            f'<text x="{x:.0f}" y="{y - 12:.0f}" text-anchor="middle" class="value">'
            f"{round(share)}%</text>"
        )
    for run in points:
        if len(run) > 1:
            line = " ".join(f"{x:.0f},{y:.0f}" for x, y in run)
            parts.append(
                f'<polyline points="{line}" fill="none" stroke="#1d4f91" stroke-width="3"/>'
            )
    parts.append(f'<text x="{LEFT}" y="{HEIGHT - 12}" class="label">{escape(verdict)}</text></svg>')
    return "".join(parts)


def summary_lines(content: ImpactContent) -> list[str]:
    """The plain-English summary at the top: short sentences, no jargon."""
    period = content.period.label
    if content.empty:
        return [
            f"Nothing to report for {period} yet: no sessions were held and no actions were due.",
            "When sessions have been held, make this report again.",
        ]
    lines = []
    sessions = counted(content.session_total, "session")
    totals = [content.tables.channels.totals[q.key] for q in content.quarters]
    shown = sum(t.value or 0 for t in totals)
    if all(t.value == 0 for t in totals):
        lines.append(f"In {period} we held {sessions}. Nobody answered a survey in them.")
    elif not shown:
        lines.append(
            f"In {period} we held {sessions}. Fewer than {content.thresholds.min_respondents} "
            "survey answers came in each quarter, so this report shows no numbers about them."
        )
    elif any(t.hidden for t in totals):
        # Only what the quarters show: the whole would give away a hidden quarter.
        lines.append(
            f"In {period}, people answered our surveys at least {shown} times, in {sessions}."
        )
    else:
        lines.append(f"In {period}, people answered our surveys {shown} times, in {sessions}.")
    if content.focus.sessions:
        groups = content.focus.sessions
        lines.append(
            "1 of them was a focus group."
            if groups == 1
            else f"{groups} of them were focus groups."
        )
    items = content.tables.principles
    if items:
        lines.append(_directions("Of the five principles", items))
    if content.tables.checklist:
        lines.append(_directions("Of the checklist items", content.tables.checklist))
    actions = content.actions
    if actions.total:
        parts = [_stands(n, words) for words, n in actions.by_timeliness if n]
        lines.append(f"Of {counted(actions.total, 'action')} due, " + _join(parts) + ".")
    return lines


ACTION_WORDS = {
    "Closed on time": ("was done on time", "were done on time"),
    "Closed late": ("was done late", "were done late"),
    "Overdue": ("is overdue", "are overdue"),
    "Not possible": ("was not possible", "were not possible"),
    "Not due yet": ("is not due yet", "are not due yet"),
}


def _stands(count: int, words: str) -> str:
    """ "3 are overdue", "1 was done on time"."""
    one, many = ACTION_WORDS.get(words, (words.lower(), words.lower()))
    return f"{count} {one if count == 1 else many}"


def voted(ranking: RoundDecision) -> str:
    """ "11 people voted", or "Fewer than 5 people voted" for 1 to 4 (the rule the room saw)."""
    small = 0 < ranking.voters < GROUP_RULES.cell_min
    if small:
        return f"Fewer than {GROUP_RULES.cell_min} people voted"
    shown = release(ranking.voters, None, GROUP_RULES).shown
    return f"{shown} {'person' if ranking.voters == 1 else 'people'} voted"


def _directions(opening: str, items: Sequence[Item]) -> str:
    found = {d: sum(1 for i in items if i.trend.direction is d) for d in Direction}
    words = []
    for direction in (Direction.IMPROVING, Direction.SAME, Direction.WORSE):
        if found[direction]:
            verb = "is" if found[direction] == 1 else "are"
            words.append(f"{found[direction]} {verb} {direction.value}")
    if found[Direction.UNKNOWN]:
        words.append(f"{found[Direction.UNKNOWN]} had too few answers to tell")
    return f"{opening}, {_join(words)}."


def _join(parts: Sequence[str]) -> str:
    if len(parts) <= 1:
        return "".join(parts)
    return ", ".join(parts[:-1]) + " and " + parts[-1]


def hidden_lines(content: ImpactContent) -> list[tuple[str, list[str]]]:
    """For each table that hides numbers: its name and why, one sentence a reason."""
    tables: list[tuple[str, Crossed]] = [("How people took part", content.tables.channels)]
    if content.tables.aids is not None:
        tables.append(("Read aloud and larger text", content.tables.aids))
    if content.tables.live is not None:
        tables.append(("Votes and rankings in live sessions", content.tables.live))
    if content.tables.groups is not None:
        tables.append(("Who took part", content.tables.groups))
    tables += [(item.text, item.table) for item in content.tables.principles]
    tables += [(item.text, item.table) for item in content.tables.checklist]
    found = []
    for name, table in tables:
        reasons = [r for r in table.hidden_reasons if r is not Reason.NO_PERCENT]
        if reasons:
            found.append((name, [explain(r, content.thresholds) for r in reasons]))
    return found


def render_impact(content: ImpactContent) -> str:
    """The report as one HTML document."""
    environment = Environment(
        loader=PackageLoader("exports", "templates"),
        autoescape=select_autoescape(default=True, default_for_string=True),
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    labels = [q.label for q in content.quarters]
    count = iter(range(1, 1_000_000))

    def chart(item: Item, good_word: str) -> Markup:
        svg = trend_chart(item, labels, f"trend{next(count)}", good_word)
        return Markup(svg)  # noqa: S704 - escaped in trend_chart

    template = environment.get_template("impact.html.j2")
    return template.render(
        content=content,
        tables=content.tables,
        aid_rows=AID_ROWS,
        live_rows=LIVE_ROWS,
        labels=labels,
        keys=[q.key for q in content.quarters],
        all_key=ALL,
        summary=summary_lines(content),
        hidden=hidden_lines(content),
        chart=chart,
        words=DIRECTION_WORDS,
        trend_points=TREND_POINTS,
        top_ideas=TOP_IDEAS,
        voted=voted,
        score_words=SCORE_WORDS,
    )
