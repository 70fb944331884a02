"""A plan's own words in the group's language: `kiosk facilitate PLAN --lang cy` hands
the shared screen and the passed tablet the plan in Welsh (its title, stage titles,
prompts and polls), so the group reads the question in Welsh, not only the kiosk's
own words around it."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any, ClassVar

import pytest

import kiosk.facilitator.app as console_app
import kiosk.facilitator.presentation_app as presentation_app
import tests.support.plan_tablet as plan_tablet
from kiosk.commands.facilitate import run_facilitator
from kiosk.facilitator.screens.idea_turn_screen import IdeaTurnScreen
from surveys.catalogues import use_language
from surveys.plan_model import SessionPlan
from surveys.plan_templates import plan_path
from surveys.poll_files import PollSet
from tests.support.facilitator import build_console, press, settle, start_session
from tests.support.plan_screen_room import PlanRoom, fixed_clock, presenter
from tests.support.plan_tablet import plan_running, ready
from tests.support.screen import screen_text

WIDE = (120, 40)
ENGLISH_PROMPT = "What would make the most difference to you? Write one idea at a time."
WELSH_PROMPT = "Beth fyddai'n gwneud y gwahaniaeth mwyaf i chi? Ysgrifennwch un syniad ar y tro."


@pytest.fixture(autouse=True)
def back_to_english() -> Iterator[None]:
    try:
        yield
    finally:
        use_language("en")


class _Started:
    """Stands in for an app so the command's choices can be looked at; it never runs."""

    plans: ClassVar[list[SessionPlan | None]] = []
    poll_sets: ClassVar[list[list[PollSet]]] = []
    return_code = 0

    def __init__(self, _services: object, poll_sets: list[PollSet], **options: Any) -> None:
        _Started.plans.append(options.get("plan"))
        _Started.poll_sets.append(poll_sets)

    def run(self) -> None:
        return None


def _started_plan(home: Path, monkeypatch: pytest.MonkeyPatch, *, present: bool) -> SessionPlan:
    _Started.plans, _Started.poll_sets = [], []
    monkeypatch.setattr(presentation_app, "PresentationApp", _Started)
    monkeypatch.setattr(console_app, "make_app", _Started)
    status = run_facilitator(
        plan_path("priority-setting"), unlocked=True, present=present, home=home, lang="cy"
    )
    assert status == 0
    (plan,) = _Started.plans
    assert plan is not None
    return plan


def test_the_console_gets_the_plan_and_its_poll_in_welsh(
    home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    plan = _started_plan(home, monkeypatch, present=False)
    assert plan.stages[0].prompt == WELSH_PROMPT
    ((poll_set,),) = _Started.poll_sets
    (poll,) = poll_set.polls
    assert poll.text == "Faint oeddech chi'n teimlo bod pobl yn gwrando arnoch chi heddiw?"
    assert [o.value for o in poll.options] == [
        "A lot",
        "Some of the time",
        "Not much",
        "Not at all",
    ]
    assert poll.options[0].label == "Llawer"


def test_without_a_language_the_plan_is_as_written(
    home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _Started.plans = []
    monkeypatch.setattr(console_app, "make_app", _Started)
    assert (
        run_facilitator(plan_path("priority-setting"), unlocked=True, present=False, home=home) == 0
    )
    (plan,) = _Started.plans
    assert plan is not None
    assert plan.stages[0].prompt == ENGLISH_PROMPT


async def test_the_shared_screen_shows_the_welsh_prompt(
    home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    plan = _started_plan(home, monkeypatch, present=True)
    clock = fixed_clock()
    app = presenter(home, plan, clock)
    async with app.run_test(size=WIDE) as pilot:
        await pilot.pause(0.3)
        await settle(pilot)
        room = PlanRoom(home, plan, clock)
        room.step()
        await pilot.pause(0.4)
        await settle(pilot)
        shown = " ".join(screen_text(app).split())
        assert WELSH_PROMPT in shown
        assert "Ysgrifennu syniadau ar eich pen eich hun" in shown
        assert ENGLISH_PROMPT not in shown
        assert "Writing ideas" not in shown
    assert app.problems == []


async def test_the_passed_tablet_asks_the_welsh_prompt(
    home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    plan = _started_plan(home, monkeypatch, present=False)
    monkeypatch.setattr(plan_tablet, "test_plan", lambda: plan)
    console = build_console(home)
    async with console.app.run_test(size=WIDE) as pilot:
        await start_session(pilot)
        plan_running(console)
        await press(pilot, "v")
        await ready(pilot, group=None)
        assert isinstance(console.app.screen, IdeaTurnScreen)
        shown = " ".join(screen_text(console.app).split())
        assert WELSH_PROMPT in shown
        assert ENGLISH_PROMPT not in shown


def test_the_built_in_polls_are_in_welsh_with_their_values_kept(
    home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _Started.poll_sets = []
    monkeypatch.setattr(console_app, "make_app", _Started)
    assert run_facilitator(None, unlocked=True, present=False, home=home, lang="cy") == 0
    (poll_sets,) = _Started.poll_sets
    debrief = next(p for p in poll_sets if p.id == "session-debrief")
    heard = next(q for q in debrief.polls if q.id == "heard")
    assert heard.text == "Faint oeddech chi'n teimlo bod pobl yn gwrando arnoch chi heddiw?"
    assert (heard.options[0].value, heard.options[0].label) == ("A lot", "Llawer")
