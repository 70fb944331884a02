"""The group's language on the passed tablet and the shared screen: with Welsh chosen
(`kiosk facilitate --lang cy`), the hand-over, the idea turn, the ballot and the
shared screen show the group's own words in Welsh, and none of the English messages
of the `group` catalogue is left."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from babel.messages.pofile import read_po

from kiosk.cli import main
from kiosk.commands.facilitate import language_refusal, run_facilitator
from kiosk.facilitator.screens.ballot_screen import BallotScreen
from kiosk.facilitator.screens.hand_over_screen import HandOverScreen
from kiosk.facilitator.screens.idea_turn_screen import IdeaTurnScreen
from kiosk.facilitator.stage_board import STAGE_TITLES
from surveys.catalogues import LOCALE_DIR, active_language, use_language
from surveys.plan_model import DEFAULT_TITLES
from tests.support.facilitator import build_console, press, settle, start_session
from tests.support.plan_screen_room import PlanRoom, fixed_clock, plan_of, presenter
from tests.support.plan_tablet import DOTS_STAGE, TOP_STAGE, choose, dot, plan_running, ready
from tests.support.screen import screen_text

WIDE = (120, 40)
"""Wide enough that most messages sit on one line (wrapped ones are joined again)."""


def _group_messages() -> list[str]:
    """Every English message of the passed tablet and the shared screen."""
    with (LOCALE_DIR / "group.pot").open("rb") as file:
        catalog = read_po(file)
    found: list[str] = []
    for message in catalog:
        if not message.id:
            continue
        found.extend(message.id if isinstance(message.id, tuple) else (message.id,))
    return found


GROUP_MESSAGES = _group_messages()


def _pattern(message: str) -> re.Pattern[str] | None:
    """The message as it would show in English, each {value} standing for anything
    short; None when its fixed words are too few to tell it from another part's
    words ("{count} of {total}", "{count} dots")."""
    parts = re.split(r"\{[^}]*\}", message)
    if len(parts) > 1 and len(re.findall(r"[A-Za-z]+", "".join(parts))) < 2:
        return None
    fixed = [re.escape(re.sub(r"\s+", " ", part)) for part in parts]
    return re.compile(r"(?<!\w)" + r"\S.{0,60}?".join(fixed) + r"(?!\w)")


PATTERNS = [(m, p) for m in GROUP_MESSAGES if (p := _pattern(m)) is not None]


def english_left(text: str) -> list[str]:
    """The group messages still on screen in English (wrapped lines joined again)."""
    shown = " ".join(text.split())
    return [message for message, pattern in PATTERNS if pattern.search(shown)]


@pytest.fixture
def welsh() -> Iterator[None]:
    use_language("cy")
    try:
        yield
    finally:
        use_language("en")


def test_the_check_finds_an_english_message() -> None:
    left = english_left("Dewiswch\nPlease write an idea first,\nor press Pass.")
    assert "Please write an idea first, or press Pass." in left
    assert english_left("Idea 3 of 8") == ["Idea {number} of {total}"]
    assert english_left("Pasio   Anfon fy syniad ▶") == []


@pytest.mark.usefixtures("welsh")
async def test_the_idea_turn_is_in_welsh(home: Path) -> None:
    console = build_console(home)
    async with console.app.run_test(size=WIDE) as pilot:
        await start_session(pilot)
        plan = plan_running(console)
        await press(pilot, "v")
        assert isinstance(console.app.screen, HandOverScreen)
        text = screen_text(console.app)
        assert "Ysgrifennu syniadau ar y tabled hwn" in text
        assert "Mae eich syniad yn breifat." in text
        assert english_left(text) == []
        await ready(pilot, group=None)
        assert isinstance(console.app.screen, IdeaTurnScreen)
        text = screen_text(console.app)
        assert "Pasio" in text
        assert "Anfon fy syniad" in text
        assert english_left(text) == []
        # A blank idea: the kind word is Welsh too.
        await pilot.press("space")
        await pilot.click("#send")
        await settle(pilot)
        text = screen_text(console.app)
        assert "Ysgrifennwch syniad yn gyntaf, neu pwyswch Pasio." in text
        assert english_left(text) == []
        turn = console.app.screen
        assert isinstance(turn, IdeaTurnScreen)
        turn.answer.focus_first()
        await pilot.press(*"Mwy o sesiynau gyda'r nos")
        await pilot.click("#send")
        await settle(pilot)
        assert isinstance(console.app.screen, HandOverScreen)
        text = screen_text(console.app)
        assert "Diolch. Pasiwch y tabled ymlaen." in text
        assert english_left(text) == []
    # The idea is kept exactly as written, whatever the language.
    assert [idea.text for idea in plan.focus.pool.ideas] == ["Mwy o sesiynau gyda'r nos"]


@pytest.mark.usefixtures("welsh")
async def test_the_top_three_ballot_is_in_welsh(home: Path) -> None:
    console = build_console(home)
    async with console.app.run_test(size=WIDE) as pilot:
        await start_session(pilot)
        plan = plan_running(console, with_ideas=True)
        plan.move_to(TOP_STAGE)
        await press(pilot, "v")
        assert english_left(screen_text(console.app)) == []
        await ready(pilot, group=None)
        assert isinstance(console.app.screen, BallotScreen)
        text = screen_text(console.app)
        assert "Anfon fy newisiadau" in text
        assert "Dewis yn gyfrinachol: eich 3 uchaf" in text
        assert english_left(text) == []
        # Sending too early: the kind word is Welsh.
        await pilot.click("#send")
        await settle(pilot)
        text = screen_text(console.app)
        assert "Does dim wedi'i ddewis eto. Dewiswch syniad yn gyntaf." in text
        assert english_left(text) == []
        await choose(pilot, "Clear letters")
        text = screen_text(console.app)
        assert "Dewis " in text
        assert english_left(text) == []


@pytest.mark.usefixtures("welsh")
async def test_the_dots_ballot_is_in_welsh(home: Path) -> None:
    console = build_console(home)
    async with console.app.run_test(size=WIDE) as pilot:
        await start_session(pilot)
        plan = plan_running(console, with_ideas=True)
        plan.move_to(DOTS_STAGE)
        await press(pilot, "v")
        await ready(pilot, group=None)
        assert isinstance(console.app.screen, BallotScreen)
        text = screen_text(console.app)
        assert "dim dotiau" in text
        assert english_left(text) == []
        await dot(pilot, "Clear letters", times=4)
        await dot(pilot, "Peer support group")
        text = screen_text(console.app)
        assert "4 dot" in text
        assert "Does dim dotiau ar ôl gennych chi." in text
        assert english_left(text) == []
        await pilot.click("#send")
        await settle(pilot)
        assert isinstance(console.app.screen, HandOverScreen)
        assert "Mae eich dewisiadau wedi cael eu cyfrif." in screen_text(console.app)
    assert plan.round(DOTS_STAGE).votes == 1


async def test_english_is_unchanged_without_a_language(home: Path) -> None:
    assert active_language() == "en"
    console = build_console(home)
    async with console.app.run_test(size=WIDE) as pilot:
        await start_session(pilot)
        plan_running(console)
        await press(pilot, "v")
        await ready(pilot, group=None)
        text = screen_text(console.app)
        assert "Send my idea" in text
        assert "Pasio" not in text


def test_a_language_the_kiosk_has_no_words_for_is_refused_plainly() -> None:
    said = language_refusal("xx")
    assert said is not None
    assert "no words in the language 'xx'" in said
    assert "cy (Welsh)" in said
    assert language_refusal("cy") is None
    assert language_refusal("en") is None


def test_a_right_to_left_language_points_to_the_phones(capsys: pytest.CaptureFixture[str]) -> None:
    said = language_refusal("ur")
    assert said is not None
    assert "right to left" in said
    assert "phones" in said


def test_facilitate_with_lang_sets_the_group_s_language(
    home: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    try:
        # No operator PIN here, so the console doesn't start, but the language is set first.
        status = run_facilitator(None, unlocked=False, present=False, home=home, lang="cy")
        assert status != 0
        assert active_language() == "cy"
    finally:
        use_language("en")
    status = run_facilitator(None, unlocked=False, present=False, home=home, lang="ur")
    assert status != 0
    assert "right to left" in capsys.readouterr().out
    assert active_language() == "en"


@pytest.mark.usefixtures("welsh")
async def test_the_shared_screen_is_in_welsh(home: Path) -> None:
    clock = fixed_clock()
    plan = plan_of()
    app = presenter(home, plan, clock)
    async with app.run_test(size=WIDE) as pilot:
        await pilot.pause(0.3)
        await settle(pilot)
        text = screen_text(app)
        assert "Yn aros i'r hwylusydd ddechrau'r sesiwn." in text
        assert english_left(text) == []
        room = PlanRoom(home, plan, clock)
        room.step()
        room.write("Mwy o sesiynau gyda'r nos", "Tocynnau bws rhatach")
        await pilot.pause(0.4)
        await settle(pilot)
        text = screen_text(app)
        assert "Cam 1 o 7" in text
        assert "Ysgrifennu syniadau" in text  # the stage's default heading
        assert "syniad hyd yma" in text
        assert "Ysgrifennwch eich syniadau ar eich pen eich hun" in " ".join(text.split())
        assert english_left(text) == []
        room.run.pause()
        room.save()
        await pilot.pause(0.6)
        await settle(pilot)
        assert "Wedi oedi" in screen_text(app)
        assert english_left(screen_text(app)) == []
    assert app.problems == []


def test_every_default_stage_heading_is_marked_for_the_group() -> None:
    assert STAGE_TITLES == DEFAULT_TITLES


def test_the_command_line_takes_the_group_s_language(
    home: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("KIOSK_HOME", str(home))
    assert main(["facilitate", "--lang", "xx"]) != 0
    assert "no words in the language 'xx'" in capsys.readouterr().out
    assert active_language() == "en"
