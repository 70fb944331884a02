"""Text size, colours and reading speed: at once, from any screen, and only for one visit."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

import pytest
from textual.pilot import Pilot

from accessibility.speech import DEFAULT_RATE, FASTER_RATE, SLOWER_RATE
from accessibility.themes import THEMES as ACCESSIBLE_THEMES
from kiosk.preferences import Colours, Preferences, Speed, TextSize
from kiosk.screens.question_screen import QuestionScreen
from kiosk.widgets.big_label import BigLabel, big_lines
from kiosk.widgets.choice_list import ChoiceItem
from kiosk.widgets.tap import Tap
from tests.kiosk.participant.test_read_aloud import QUESTION_1, choose
from tests.support.kiosk import SIZE, Kiosk, agree, press, settle, tap
from tests.support.screen import screen_text

pytestmark = pytest.mark.usefixtures("fixed_receipt")

KioskMaker = Callable[..., Kiosk]
KIOSK = Path(__file__).resolve().parents[3] / "kiosk"


def chosen(pilot: Pilot[object], group: str) -> list[str]:
    """The words of the chosen items in one row of preferences."""
    return [
        item.words
        for item in pilot.app.screen.query(ChoiceItem)
        if item.group == group and item.selected
    ]


async def test_each_choice_applies_at_once(make_kiosk: KioskMaker) -> None:
    kiosk = make_kiosk("reading")
    app = kiosk.app
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await tap(pilot, "#start")
        assert app.has_class("-text-standard")
        assert app.theme == "kiosk-standard"
        await choose(pilot, "Largest")
        assert app.has_class("-text-largest")
        assert not app.has_class("-text-standard")
        await choose(pilot, "High contrast")
        assert app.theme == "kiosk-high-contrast"
        assert (
            app.current_theme.background
            == ACCESSIBLE_THEMES[Colours.HIGH_CONTRAST].palette.background
        )
        await choose(pilot, "Faster")
        assert kiosk.speaker.rate == FASTER_RATE
        assert kiosk.screen_name == "PreferencesScreen"  # all before pressing Next


async def test_choices_can_be_changed_in_the_middle_of_the_survey(make_kiosk: KioskMaker) -> None:
    kiosk = make_kiosk("reading")
    app = kiosk.app
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await tap(pilot, "#start")
        await tap(pilot, "#next")
        await agree(pilot)
        await press(pilot, "2")
        question = app.screen
        assert isinstance(question, QuestionScreen)
        await press(pilot, "f6")  # Text and sound
        assert kiosk.screen_name == "PreferencesModal"
        assert chosen(pilot, "text_size") == ["Standard"]
        await choose(pilot, "Large")
        assert app.has_class("-text-large")  # at once, behind the box too
        await choose(pilot, "Low light")
        assert app.theme == "kiosk-low-light"
        await choose(pilot, "Yes")
        await tap(pilot, "#done")
        assert app.screen is question  # back where they were, answer kept …
        assert question.current_answer() == "Sleep well"
        assert app.has_class("-text-large")
        # … and, now read-aloud is on, the screen is read.
        assert kiosk.speaker.said[-1] == QUESTION_1.replace(
            "Press a number", "Your answer now: Sleep well. Press a number"
        )
        await tap(pilot, "#tool-settings")  # the toolbar's button opens it too
        assert kiosk.screen_name == "PreferencesModal"
        assert chosen(pilot, "text_size") == ["Large"]
        await choose(pilot, "Standard", "text_size")
        await press(pilot, "escape")
        assert app.screen is question
        assert app.has_class("-text-standard")


async def test_the_next_person_starts_with_the_usual_settings(make_kiosk: KioskMaker) -> None:
    kiosk = make_kiosk("reading")
    app = kiosk.app
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await tap(pilot, "#start")
        for words in ("Largest", "Yes", "Slower", "High contrast"):
            await choose(pilot, words)
        assert kiosk.speaker.rate == SLOWER_RATE
        await tap(pilot, "#next")
        await agree(pilot)
        await press(pilot, "1", "enter", "1", "enter", "1", "enter")
        await tap(pilot, "#send")
        assert kiosk.screen_name == "ThanksScreen"
        await tap(pilot, "#finish")
        assert kiosk.screen_name == "WelcomeScreen"
        assert app.preferences == Preferences()
        assert app.has_class("-text-standard")
        assert not app.has_class("-text-largest")
        assert app.theme == "kiosk-standard"
        assert kiosk.speaker.rate == DEFAULT_RATE
        said = len(kiosk.speaker.said)
        await tap(pilot, "#start")
        assert chosen(pilot, "text_size") == ["Standard"]
        assert chosen(pilot, "read_aloud") == ["No"]
        assert chosen(pilot, "speed") == ["Normal"]
        assert chosen(pilot, "colours") == ["Standard"]
        assert len(kiosk.speaker.said) == said  # nothing read to the new person unasked


def test_preferences_name_the_accessibility_sizes_and_themes() -> None:
    preferences = Preferences(TextSize.LARGE, True, Colours.LOW_LIGHT, Speed.FASTER)
    assert preferences.css_class == "-text-large"
    assert preferences.theme == "kiosk-low-light"
    assert preferences.rate == FASTER_RATE


async def test_focus_is_shown_without_colour_and_nothing_moves(make_kiosk: KioskMaker) -> None:
    kiosk = make_kiosk("reading")
    app = kiosk.app
    async with app.run_test(size=SIZE) as pilot:
        assert app.animation_level == "none"
        await settle(pilot)
        start = app.screen.query_one("#start", Tap)
        assert start.has_focus
        assert "▶ Start" in screen_text(app)
        await tap(pilot, "#start")
        await tap(pilot, "#next")
        await agree(pilot)
        items = list(app.screen.query(ChoiceItem))
        assert items[0].has_focus
        lines = screen_text(app).splitlines()
        assert any("▶ 1  ( ) Understanding anxiety" in line for line in lines)
        assert not any("▶" in line and "Sleep well" in line for line in lines)
        await press(pilot, "2")
        lines = screen_text(app).splitlines()
        assert any("▶ 2  (•) Sleep well" in line for line in lines)
        assert str(items[1].styles.border_top[0]) == "thick"
        assert str(items[0].styles.border_top[0]) == "round"


async def test_largest_draws_choices_and_numbers_big(make_kiosk: KioskMaker) -> None:
    kiosk = make_kiosk("reading")
    app = kiosk.app
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await tap(pilot, "#start")
        heading = app.screen.query_one("#heading", BigLabel)
        assert not heading.is_big
        await choose(pilot, "Largest")
        await tap(pilot, "#next")
        await agree(pilot)
        await tap(pilot, "#page-more")  # big choices come in pages at 80×24
        item = next(i for i in app.screen.query(ChoiceItem) if i.words == "Sleep well")
        rows = item.big_rows(item.content_size.width)
        assert rows is not None
        assert len(rows) >= 5
        assert big_lines("2", 6) is not None
        assert not any(row.startswith("▶") for row in rows)  # not focused: no marker
        text = screen_text(app)
        assert "█" in text
        assert "Which course did you go to?" in text  # too long to draw big at 80×24 …
        await pilot.resize_terminal(200, 60)
        await settle(pilot)
        assert app.screen.query_one("#question-text", BigLabel).is_big  # … but not at 200×60


def test_big_text_falls_back_to_plain_words() -> None:
    assert big_lines("Sleep well", 60) is not None
    assert big_lines("Feeling 😀", 60) is None  # emoji can't be drawn big
    assert big_lines("Understanding", 60) is None  # a word longer than a line isn't split
    assert big_lines("Sleep well", 60, max_rows=4) is None  # taller than allowed
    assert big_lines("", 60) is None


THEMED = [
    "kiosk.tcss",
    "widgets/answer_base.py",
    "widgets/big_label.py",
    "widgets/choice_list.py",
    "widgets/preference_choices.py",
    "widgets/ranking_list.py",
    "widgets/receipt_code.py",
    "widgets/tap.py",
    "widgets/text_answer.py",
    "widgets/toolbar.py",
    "screens/base.py",
    "screens/break_modal.py",
    "screens/consent_screen.py",
    "screens/help_modal.py",
    "screens/idle_modal.py",
    "screens/preferences_modal.py",
    "screens/preferences_screen.py",
    "screens/problem_modal.py",
    "screens/question_screen.py",
    "screens/review_screen.py",
    "screens/stop_modal.py",
]
"""The participant screens and widgets whose colours this issue made theme-only."""


@pytest.mark.parametrize("name", THEMED)
def test_colours_come_from_the_theme_only(name: str) -> None:
    """No hex colours and no blends ("$primary 40%"): every colour is a theme variable
    whose contrast was measured."""
    text = (KIOSK / name).read_text(encoding="utf-8")
    css = "\n".join(re.findall(r'CSS = """(.*?)"""', text, flags=re.DOTALL))
    if name.endswith(".tcss"):
        css = text
    css = re.sub(r"/\*.*?\*/", "", css, flags=re.DOTALL)  # comments may name what to avoid
    assert not re.findall(r"#[0-9A-Fa-f]{3,8}\b", css)
    assert not re.findall(r"\$[a-z-]+ \d+%", css)
