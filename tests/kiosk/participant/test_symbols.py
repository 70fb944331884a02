"""Pictures beside choices in the running kiosk: shown beside the words, never read
aloud, and the answer stored is the option's value whatever picture or words it has.
The survey's Easy Read version shows its own words with the same pictures."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from textual.pilot import Pilot

from kiosk.widgets.choice_list import ChoiceItem
from surveys.languages import EASY_READ
from surveys.survey_translations import in_language
from surveys.symbols import PICTURES
from tests.kiosk.participant.test_read_aloud import to_first_question
from tests.support.kiosk import SIZE, Kiosk, begin, build_kiosk, press, settle, survey, tap
from tests.support.screen import screen_text

KioskMaker = Callable[..., Kiosk]


def _line_with(kiosk: Kiosk, words: str) -> str:
    return next(line for line in screen_text(kiosk.app).splitlines() if words in line)


async def _choose(pilot: Pilot[object], words: str) -> None:
    item = next(i for i in pilot.app.screen.query(ChoiceItem) if i.words == words)
    await tap(pilot, item)


async def _send(pilot: Pilot[object]) -> None:
    await pilot.click("#send")
    await settle(pilot)


def _pictures(text: str) -> list[str]:
    """Every built-in picture in ``text`` (the survey's emoji are among them)."""
    return [c for c in text if c in PICTURES.values()]


async def test_each_picture_shows_beside_its_words_and_the_value_is_stored(
    make_kiosk: KioskMaker,
) -> None:
    kiosk = make_kiosk("symbols")
    async with kiosk.app.run_test(size=SIZE) as pilot:
        await begin(pilot)
        assert "🍵  Tea" in _line_with(kiosk, "Tea")
        assert "☕  Coffee" in _line_with(kiosk, "Coffee")
        assert "➕  Something else" in _line_with(kiosk, "Something else")
        await _choose(pilot, "Something else")
        await press(pilot, "enter")
        assert "🍎  Fruit" in _line_with(kiosk, "Fruit")
        biscuits = _line_with(kiosk, "Biscuits")
        assert _pictures(biscuits) == []  # no picture given, none drawn
        await _choose(pilot, "Fruit")
        await _choose(pilot, "Nothing to eat")
        await press(pilot, "enter")
        assert kiosk.screen_name == "ReviewScreen"
        await _send(pilot)
        assert kiosk.answers() == [{"drink": "other", "snacks": ["Fruit", "none"]}]


async def test_read_aloud_says_the_words_and_never_the_picture(make_kiosk: KioskMaker) -> None:
    kiosk = make_kiosk("symbols")
    async with kiosk.app.run_test(size=SIZE) as pilot:
        await to_first_question(pilot)
        question = kiosk.speaker.said[-1]
        assert "1: Tea. 2: Coffee. 3: Something else." in question
        await _choose(pilot, "Coffee")
        await press(pilot, "f2")  # read the screen again
        said = " ".join(kiosk.speaker.said)
        assert "Coffee, chosen" in said
        assert _pictures(said) == []
        assert not any(name in said for name in ("tea cup", "hot beverage", "plus"))


@pytest.fixture
def easy_read_kiosk(tmp_path: Path) -> Kiosk:
    """The kiosk on the Easy Read version of the symbols survey, as a participant who
    chose "Easy Read" meets it."""
    kiosk = build_kiosk(tmp_path / "home", "symbols")
    kiosk.app.survey = in_language(survey("symbols"), EASY_READ)
    return kiosk


async def test_the_easy_read_version_shows_its_words_with_the_same_pictures_and_values(
    easy_read_kiosk: Kiosk,
) -> None:
    kiosk = easy_read_kiosk
    async with kiosk.app.run_test(size=SIZE) as pilot:
        await begin(pilot)
        assert "Which drink do you want?" in screen_text(kiosk.app)
        assert "➕  Another drink" in _line_with(kiosk, "Another drink")
        await _choose(pilot, "Another drink")
        await press(pilot, "enter")
        assert "❌  No food" in _line_with(kiosk, "No food")
        await _choose(pilot, "No food")
        await press(pilot, "enter")
        await _send(pilot)
        assert kiosk.answers() == [{"drink": "other", "snacks": ["none"]}]
