"""Big glyphs for the largest text size: wrapping, width, and every character drawn."""

from __future__ import annotations

import string

import pytest

from accessibility.big_text import (
    CELLS_PER_CHARACTER,
    ROWS_PER_LINE,
    big_text,
    drawable,
    simplify,
    wrap,
)

BLOCKS = set("█▀▄ ")


@pytest.mark.parametrize(
    ("text", "width", "lines"),
    [
        ("Strongly disagree", 60, ["Strongly", "disagree"]),
        ("Yes, I agree", 60, ["Yes, I", "agree"]),
        ("Question 3 of 8", 60, ["Question 3", "of 8"]),
        ("No", 60, ["No"]),
        ("Neither agree nor disagree", 72, ["Neither", "agree nor", "disagree"]),
        ("co-production", 60, ["co-", "production"]),
        ("Extraordinarily", 60, ["Extraordin", "arily"]),
        ("one two", 18, ["one", "two"]),
        ("First line\nSecond", 60, ["First line", "Second"]),
    ],
)
def test_words_wrap_whole_to_the_width(text: str, width: int, lines: list[str]) -> None:
    assert wrap(text, width) == lines
    assert len(big_text(text, width)) == ROWS_PER_LINE * len(lines)


@pytest.mark.parametrize("width", [6, 7, 30, 59, 60, 61, 80])
def test_no_line_is_wider_than_asked(width: int) -> None:
    text = "Neither agree nor disagree. Press 1, 2 or 3 then Enter: WWWWWWWWWWWWWWW"
    rows = big_text(text, width)
    assert rows
    assert max(len(row) for row in rows) <= width


def test_sixty_columns_hold_ten_characters() -> None:
    assert 60 // CELLS_PER_CHARACTER == 10
    assert max(len(row) for row in big_text("WWWWWWWWWW", 60)) == 60


def test_too_narrow_is_refused() -> None:
    with pytest.raises(ValueError, match="too narrow"):
        big_text("Hi", 5)


@pytest.mark.parametrize("character", list(string.digits + string.ascii_letters + "£?!.,:-"))
def test_every_digit_letter_and_common_mark_is_drawn(character: str) -> None:
    rows = big_text(character, 60)
    assert len(rows) == ROWS_PER_LINE
    assert set("".join(rows)) <= BLOCKS
    assert any(ch in "█▀▄" for row in rows for ch in row)
    assert drawable(character)


def test_different_characters_look_different() -> None:
    drawn = {tuple(big_text(ch, 60)) for ch in string.digits + string.ascii_letters}
    assert len(drawn) == len(string.digits + string.ascii_letters)


def test_digits_render_as_expected() -> None:
    assert big_text("1", 60) == [
        "  ▄██",
        "   ██",
        "   ██",
        "   ██",
        "",
    ]


def test_typographic_marks_and_accents_are_simplified() -> None:
    assert simplify("“Don’t” – café…") == '"Don\'t" - cafe...'
    assert drawable("Don’t worry – it’s fine")


def test_characters_the_font_lacks_are_reported_and_drawn_as_a_question_mark() -> None:
    assert not drawable("I felt 😀")
    assert big_text("😀", 60) == big_text("?", 60)


def test_blank_text_draws_nothing() -> None:
    assert big_text("   ", 60) == []
