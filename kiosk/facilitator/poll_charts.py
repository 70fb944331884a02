"""Revealed results drawn as text: bars, a 0–10 column chart, an order, a word cloud.

Everything a participant wrote (words, comments) and everything an author wrote
(labels) reaches the screen through ``safe_text``, so it is never read as markup or
sent to the terminal as a command. ``large`` draws for the shared screen: bolder
labels, and the most common words in big glyphs.
"""

from __future__ import annotations

import math

from rich.cells import cell_len
from rich.text import Text

from accessibility.big_text import big_text, drawable
from accessibility.big_text import characters_per_line as big_characters
from kiosk.safe_text import safe_text, visible
from surveys.catalogues import _, n_
from surveys.model import SCALE_FACES, Kind, Question
from surveys.poll_results import Bar, GroupResults, Results

BLOCK = "█"
COLUMN_HEIGHT = 6
"""Rows the tallest column of the 0–10 chart takes."""
LABEL_SHARE = 0.45
"""Labels up to this share of the width sit beside their bars; longer ones go above."""
BIG_WORDS = 2
"""Most words drawn in big glyphs at the top of a word cloud."""
BOLD_WORDS = 8
"""Most words in the bold middle tier of a word cloud."""


def no_votes() -> Text:
    """What a reveal shows before anyone has voted."""
    return Text(_("No votes yet."), style="italic")


def results_text(question: Question, results: Results, width: int, *, large: bool = False) -> Text:
    """The revealed results of one poll, fitted to ``width`` cells."""
    width = max(width, 20)
    if question.kind is Kind.LONGTEXT:
        return comments_text(results.comments, large=large)
    if results.votes == 0:
        return no_votes()
    if results.withheld:
        return Text(results.note, style="italic")
    chart = _chart(question, results, width, large=large)
    if results.note:
        chart.append("\n\n")
        chart.append(results.note, style="italic")
    return chart


def _chart(question: Question, results: Results, width: int, *, large: bool) -> Text:
    if question.kind is Kind.RANKING:
        return order_text(results.order, width, large=large)
    if question.kind is Kind.TEXT:
        return word_cloud(results.words, width, large=large)
    if question.kind is Kind.RATING:
        chart = rating_chart(question, results.bars)
        if not any(bar.hidden for bar in results.bars):
            chart.append("\n")
            chart.append_text(middle_text(question, results.middle))
        return chart
    bars = bar_chart(_labelled(question, results.bars), width, large=large)
    if question.kind is Kind.SCALE and not any(bar.hidden for bar in results.bars):
        bars.append("\n")
        bars.append_text(middle_text(question, results.middle))
    return bars


def _labelled(question: Question, bars: tuple[Bar, ...]) -> tuple[Bar, ...]:
    """Scale bars with their point number (and face, when the poll shows faces)."""
    if question.kind is not Kind.SCALE:
        return bars
    out = []
    for index, bar in enumerate(bars):
        if index < len(question.scale_labels):
            face = f"{SCALE_FACES[index]} " if question.faces and index < len(SCALE_FACES) else ""
            out.append(Bar(f"{index + 1}. {face}{bar.label}", bar.count, bar.hidden))
        else:
            out.append(bar)
    return tuple(out)


def _bar(count: int, most: int, room: int) -> str:
    if count == 0 or most == 0:
        return ""
    return BLOCK * max(1, round(count / most * room))


def bar_chart(bars: tuple[Bar, ...], width: int, *, large: bool = False) -> Text:
    """A bar for each choice with its count: beside short labels, under long ones."""
    most = max((b.count for b in bars), default=0)
    labels = [visible(b.label, one_line=True) for b in bars]
    label_width = max((cell_len(label) for label in labels), default=0)
    digits = max([len(str(most))] + [len(b.hidden) for b in bars])
    beside = label_width <= width * LABEL_SHARE
    room = max(width - (label_width + 3 if beside else 0) - digits - 2, 4)
    text = Text()
    for number, (bar, label) in enumerate(zip(bars, labels, strict=True)):
        if number:
            text.append("\n\n" if large else "\n")
        text.append(label, style="bold" if large else "")
        if beside:
            text.append(" " * (label_width - cell_len(label)) + " │ ", style="dim")
        else:
            text.append("\n")
        drawn = _bar(bar.count, most, room)
        text.append(drawn, style="bold")
        shown = bar.hidden or str(bar.count)
        text.append(f"{' ' if drawn else ''}{shown}", style="bold" if large else "")
    return text


def middle_text(question: Question, middle: float | None) -> Text:
    """The middle value of a scale or 0–10 rating, in words."""
    if middle is None:
        return Text(_("Middle value: none (nobody chose a number)."))
    if question.kind is Kind.SCALE:
        labels = question.scale_labels
        if middle.is_integer():
            words = labels[int(middle) - 1]
            line = _("Middle value: {number} — {words}", number=int(middle), words=words)
        else:
            low, high = labels[math.floor(middle) - 1], labels[math.ceil(middle) - 1]
            number = format(middle, "g")
            line = _(
                "Middle value: {number} — between {low} and {high}",
                number=number,
                low=low,
                high=high,
            )
        return Text(visible(line, one_line=True), style="bold")
    number = format(middle, "g")
    return Text(_("Middle value: {number} out of 10", number=number), style="bold")


def rating_chart(question: Question, bars: tuple[Bar, ...]) -> Text:
    """The 0–10 row as columns, with each count above its column."""
    numbers = [b for b in bars if b.label.isdigit()]
    others = [b for b in bars if not b.label.isdigit()]
    most = max((b.count for b in numbers), default=0)
    heights = [
        0 if b.count == 0 or most == 0 else max(1, round(b.count / most * COLUMN_HEIGHT))
        for b in numbers
    ]
    lines: list[str] = []
    for row in range(COLUMN_HEIGHT + 1, 0, -1):
        cells = []
        for bar, height in zip(numbers, heights, strict=True):
            if row <= height:
                cells.append(BLOCK * 3)
            elif row == height + 1 and (bar.count or bar.hidden):
                # "<5" fits a column; a longer word ("hidden") shows as a dash.
                shown = (bar.hidden if len(bar.hidden) <= 3 else "–") or bar.count
                cells.append(f"{shown:^3}")
            else:
                cells.append("   ")
        lines.append(" ".join(cells).rstrip())
    lines.append(" ".join("───" for _ in numbers))
    lines.append(" ".join(f"{b.label:^3}" for b in numbers))
    while lines and not lines[0]:
        lines.pop(0)
    text = Text("\n".join(lines))
    ends = []
    if question.low_label:
        ends.append(f"0 = {question.low_label}")
    if question.high_label:
        ends.append(f"10 = {question.high_label}")
    if ends:
        text.append("\n")
        text.append_text(safe_text("   ".join(ends), "dim", one_line=True))
    for bar in others:
        text.append("\n")
        text.append_text(safe_text(f"{bar.label}: {bar.hidden or bar.count}", one_line=True))
    return text


def order_text(order: tuple[tuple[str, int], ...], width: int, *, large: bool = False) -> Text:
    """The ranking's agreed order by points, most important first."""
    most = max((points for _, points in order), default=0)
    room = max(width - 14, 4)
    text = Text()
    for place, (label, points) in enumerate(order, start=1):
        if place > 1:
            text.append("\n\n" if large else "\n")
        text.append(f"{place}. ", style="bold")
        text.append_text(safe_text(label, "bold" if large else "", one_line=True))
        text.append("\n   ")
        text.append(_bar(points, most, room), style="bold")
        text.append(" " + n_("{count} point", "{count} points", points), style="dim")
    text.append("\n\n")
    text.append(_("First place earns the most points, last place none."), style="dim")
    return text


def word_tiers(
    words: tuple[tuple[str, int], ...],
) -> tuple[list[tuple[str, int]], list[tuple[str, int]], list[tuple[str, int]]]:
    """Split common words into three sizes: the most common, the fairly common, the rest.

    Only a word given by two or more people goes in the top two tiers, so a cloud of
    words each said once is drawn evenly rather than making some look important.
    """
    ordered = sorted(words, key=lambda item: (-item[1], item[0]))
    top = ordered[0][1] if ordered else 0
    big = [w for w in ordered if w[1] == top and top >= 2][:BIG_WORDS]
    rest = [w for w in ordered if w not in big]
    bold = [w for w in rest if w[1] >= 2 and w[1] * 2 >= top][:BOLD_WORDS]
    plain = [w for w in rest if w not in bold]
    return big, bold, plain


def word_cloud(words: tuple[tuple[str, int], ...], width: int, *, large: bool = False) -> Text:
    """The most common words, sized by how often they were given."""
    if not words:
        return Text(_("No words yet."), style="italic")
    big, bold, plain = word_tiers(words)
    text = Text()
    for word, count in big:
        if large and drawable(word) and len(word) <= big_characters(width):
            text.append("\n".join(big_text(word.upper(), width)), style="bold")
            text.append(f"  ×{count}\n", style="dim")
        else:
            text.append_text(safe_text(" ".join(word.upper()), "bold reverse", one_line=True))
            text.append(f"  ×{count}\n", style="dim")
    for tier, style in ((bold, "bold"), (plain, "")):
        if not tier:
            continue
        line = Text()
        for word, count in tier:
            if line:
                line.append("   ")
            line.append_text(safe_text(word.upper() if style else word, style, one_line=True))
            line.append(f" ×{count}", style="dim")
        text.append_text(line)
        text.append("\n")
    text.rstrip()
    return text


def comments_text(comments: tuple[str, ...], *, large: bool = False) -> Text:
    """The comments the facilitator chose to show (already masked)."""
    if not comments:
        return Text(_("No comments shown yet."), style="italic")
    text = Text()
    for number, comment in enumerate(comments):
        if number:
            text.append("\n\n" if large else "\n")
        text.append("“", style="dim")
        text.append_text(safe_text(comment, "bold" if large else ""))
        text.append("”", style="dim")
    return text


def group_results_text(question: Question, rows: list[GroupResults], width: int) -> Text:
    """Results split by group; small groups say why they are not shown on their own."""
    if question.kind in (Kind.RANKING, Kind.TEXT, Kind.LONGTEXT):
        return Text(
            "Rankings, word clouds and comments are not split by group, "
            "so nobody's answer can be picked out."
        )
    if not rows:
        return Text(_("No votes yet."), style="italic")
    text = Text()
    for number, row in enumerate(rows):
        if number:
            text.append("\n\n")
        text.append_text(safe_text(f"{row.group} — {row.voters} voted", "bold", one_line=True))
        text.append("\n")
        if row.bars is None:
            text.append(f"Not shown: {row.note}.", style="italic")
        else:
            text.append_text(bar_chart(_labelled(question, row.bars), width))
    return text
