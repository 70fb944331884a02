"""Quotes never give away a theme count that the report hides."""

from __future__ import annotations

from exports.anonymise import CommentSummary
from exports.content import FreeText
from exports.records import SEAL, Quote
from exports.report import _theme_quotes
from exports.suppression import Reason, Released
from exports.tables import Row
from surveys.model import Kind, Question


def _quote(text: str, theme: str) -> Quote:
    return Quote("s", "better", text, theme, seal=SEAL)


def test_quotes_of_a_hidden_theme_go_under_other_comments() -> None:
    free = FreeText(
        "s",
        Question("better", Kind.LONGTEXT, "What could be better?"),
        CommentSummary("s", "better"),
        (
            Row("Welcome", Released(None, "<5", Reason.SMALL)),
            Row("Rooms", Released(6, "6")),
        ),
        (
            _quote("Felt welcome", "Welcome"),
            _quote("Kind staff", "Welcome"),
            _quote("Too cold", "Rooms"),
        ),
    )
    grouped = {theme: quotes for theme, quotes, _ in _theme_quotes(free)}
    assert "Welcome" not in grouped
    assert grouped["Rooms"] == ["Too cold"]
    assert sorted(grouped[""]) == ["Felt welcome", "Kind staff"]
