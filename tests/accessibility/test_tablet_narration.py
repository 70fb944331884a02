"""What the passed tablet reads aloud during a focus-group plan: plain words, the
same as the screen shows ("Choose your 2nd", "4 dots left")."""

from __future__ import annotations

from accessibility import screen_narration as words


def test_places_read_as_people_say_them() -> None:
    assert [words.ordinal(n) for n in (1, 2, 3, 4, 11, 12, 13, 21, 22)] == [
        "1st",
        "2nd",
        "3rd",
        "4th",
        "11th",
        "12th",
        "13th",
        "21st",
        "22nd",
    ]


def test_the_heading_says_what_to_choose_next() -> None:
    assert words.top_heading(3, 0) == "Choose your 1st"
    assert words.top_heading(3, 2) == "Choose your 3rd"
    assert words.top_heading(3, 3) == "All chosen. Press Send my choices."


def test_dots_left_in_plain_words() -> None:
    assert words.dots_left(4) == "4 dots left"
    assert words.dots_left(1) == "1 dot left"
    assert words.dots_left(0) == "No dots left"


def test_a_dots_ballot_says_each_idea_and_its_dots() -> None:
    said = words.dots_ballot(4, ["Tea", "Quiet room"], [1, 0])
    assert said.startswith("You have 4 dots to spend. 3 dots left.")
    assert "Tea: 1 dot. Quiet room." in said


def test_a_kind_message_comes_first() -> None:
    said = words.idea_turn("What helps?", "Please write an idea first, or press Pass.")
    assert said.startswith("Please write an idea first, or press Pass. Your turn")
