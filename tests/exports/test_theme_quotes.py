"""Quotes and rows never give away a theme count that the report hides."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence

from exports.anonymise import KEPT_NO_THEME, AnonymisedData, CommentSummary
from exports.comment_review import Action, Comment, Decision, Written
from exports.content import FreeText, free_text_sections
from exports.opening import OpenedResponse
from exports.records import SEAL, Quote
from exports.report import _theme_quotes
from exports.tables import survey_tables
from surveys.thresholds import SMALL_GROUP
from tests.support.exports import template, with_rows

DEBRIEF = template("session-debrief")
QUESTION = DEBRIEF.question("went_well")


def _comment(key: str, text: str) -> Comment:
    return Comment(key, DEBRIEF.id, QUESTION.id, QUESTION.text, text, (), 1, 1)


def _anonymise(themes: Sequence[str | None]) -> tuple[AnonymisedData, list[OpenedResponse]]:
    """One comment per person to "What went well?", each kept with the theme given."""
    comments = [_comment(f"k{n}", f"Comment number {n}") for n in range(len(themes))]
    decisions = {
        c.key: Decision(Action.KEEP, theme=t) for c, t in zip(comments, themes, strict=True)
    }
    responses = [
        OpenedResponse("r" * 32, "s1", "2026-03-12", DEBRIEF.id, "1", {}, quotes=True)
        for _ in comments
    ]
    written = [[Written(c.key, DEBRIEF.id, QUESTION.id, quotable=True)] for c in comments]
    data = with_rows(
        responses,
        [DEBRIEF],
        written=written,
        comments=comments,
        decisions=decisions,
    )
    return data, responses


def test_a_small_theme_is_taken_off_its_rows_and_quotes() -> None:
    # 17 people: "Rooms" 9, no theme 5, "Welcome" 3 (a count the report hides as "<5").
    data, responses = _anonymise(["Rooms"] * 9 + [None] * 5 + ["Welcome"] * 3)

    assert Counter(r.value(QUESTION.id) for r in data.records) == {"Rooms": 9, KEPT_NO_THEME: 8}
    assert Counter(q.theme for q in data.quotes) == {"Rooms": 9, None: 8}
    (summary,) = data.comments
    assert summary.themes == (("Rooms", 9), ("", 8))
    assert summary.themes_merged == 1

    tables = (survey_tables(DEBRIEF, [r.answers for r in responses], SMALL_GROUP),)
    (free,), log = free_text_sections(tables, data, SMALL_GROUP)
    assert [(row.label, row.count.shown) for row in free.themes] == [
        ("Rooms", "9"),
        ("No theme given", "8"),
    ]
    assert [entry.item for entry in log] == ["Themes given to too few comments"]
    assert "Welcome" not in repr(log)
    grouped = {theme: len(quotes) for theme, quotes, _ in _theme_quotes(free)}
    assert grouped == {"Rooms": 9, "": 8}


def test_a_theme_hidden_to_protect_a_small_one_is_taken_off_too() -> None:
    # "Welcome" (3) is small; with the total known, "Rooms" (9) would give it away, so
    # the report hides it as well, and neither may be named on rows or quotes.
    data, _ = _anonymise(["Rooms"] * 9 + ["Welcome"] * 3)
    assert {r.value(QUESTION.id) for r in data.records} == {KEPT_NO_THEME}
    assert {q.theme for q in data.quotes} == {None}
    (summary,) = data.comments
    assert (summary.themes, summary.themes_merged) == ((("", 12),), 2)


def test_quotes_are_grouped_by_the_theme_they_carry() -> None:
    free = FreeText(
        DEBRIEF.id,
        QUESTION,
        CommentSummary(DEBRIEF.id, QUESTION.id),
        (),
        (
            Quote(DEBRIEF.id, QUESTION.id, "Felt welcome", None, seal=SEAL),
            Quote(DEBRIEF.id, QUESTION.id, "Too cold", "Rooms", seal=SEAL),
            Quote(DEBRIEF.id, QUESTION.id, "Long day", "Rooms", seal=SEAL),
        ),
    )
    grouped = {theme: [q.text for q in quotes] for theme, quotes, _ in _theme_quotes(free)}
    assert grouped == {"Rooms": ["Too cold", "Long day"], "": ["Felt welcome"]}
