"""A refused ``kiosk facilitate`` leaves no trace; read-aloud starts after the first
screen; and "What does this mean?" explains hard words while the tablet goes round."""

from __future__ import annotations

from pathlib import Path

import pytest

from kiosk.commands import facilitate
from kiosk.commands.pin import pin_refusal
from kiosk.facilitator.app import FacilitatorApp
from kiosk.facilitator.console_services import FacilitatorServices, build_facilitator_services
from kiosk.facilitator.screens.start_screen import StartScreen
from kiosk.screens.help_modal import HelpModal
from kiosk.screens.question_screen import QuestionScreen
from kiosk.speaking import SPEECH_SWITCH, RecordingSpeaker, SpeakerOnFirstUse
from surveys.clock import FixedClock
from surveys.operator_pin import OperatorPin, pin_path
from surveys.storage.tallies import MemoryTallyStore
from tests.support.facilitator import (
    NOW,
    POLLS,
    SIZE,
    build_console,
    press,
    select_poll,
    start_session,
)
from tests.support.pin import fast_hasher
from tests.support.screen import screen_text

NO_PIN = "set a PIN first"


def test_pin_refusal_says_why_or_nothing(tmp_path: Path) -> None:
    assert pin_refusal(tmp_path / "nowhere", NO_PIN) == NO_PIN
    assert not (tmp_path / "nowhere").exists()
    pin_path(tmp_path).write_text("not a PIN file", encoding="utf-8")
    damaged = pin_refusal(tmp_path, NO_PIN)
    assert damaged is not None
    assert "damaged" in damaged
    OperatorPin(pin_path(tmp_path), hasher=fast_hasher()).set("482916")
    assert pin_refusal(tmp_path, NO_PIN) is None


@pytest.mark.parametrize("exists", [True, False], ids=["empty-folder", "no-folder"])
def test_a_refused_start_leaves_the_data_folder_empty(
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    exists: bool,
) -> None:
    monkeypatch.setenv(SPEECH_SWITCH, "off")

    def must_not_run(self: object, *args: object, **kwargs: object) -> None:
        raise AssertionError("the console must not start without a PIN")

    monkeypatch.setattr(FacilitatorApp, "run", must_not_run)
    home = tmp_path / "home"
    if exists:
        home.mkdir()
    path = POLLS / "all-kinds.yaml"
    assert facilitate.run_facilitator(path, unlocked=False, present=False, home=home) == 1
    assert "kiosk pin set" in capsys.readouterr().out
    if exists:
        assert list(home.iterdir()) == []
    else:
        assert not home.exists()


def test_read_aloud_is_built_on_first_use_and_closing_never_raises(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(SPEECH_SWITCH, "off")
    services = build_facilitator_services(tmp_path, FixedClock(NOW))
    assert isinstance(services.speaker, SpeakerOnFirstUse)
    assert not services.speaker.started
    services.close()

    class Broken(RecordingSpeaker):
        def close(self) -> None:
            raise RuntimeError("the sound card went away")

    FacilitatorServices(MemoryTallyStore(), FixedClock(NOW), tmp_path, speaker=Broken()).close()


async def test_the_console_starts_read_aloud_after_its_first_screen(home: Path) -> None:
    console = build_console(home)
    app = console.app
    events: list[str] = []

    def first_screen_state() -> str:
        """What a person would see now: the start screen drawn, or not yet."""
        screen = app.screen
        if not isinstance(screen, StartScreen):
            return f"{type(screen).__name__} on top"
        drawn = any(button.region.area > 0 for button in screen.query("#start"))
        return "start screen drawn" if drawn else "start screen not drawn yet"

    def build() -> RecordingSpeaker:
        events.append(f"speaker started ({first_screen_state()})")
        return RecordingSpeaker()

    speaker = SpeakerOnFirstUse(build)
    app.speaker = console.services.speaker = speaker
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.pause()
        assert speaker.started
    assert events == ["speaker started (start screen drawn)"]


async def test_what_does_this_mean_explains_hard_words_on_the_group_question(home: Path) -> None:
    console = build_console(home)
    async with console.app.run_test(size=SIZE) as pilot:
        await start_session(pilot)
        await select_poll(pilot, "day")
        await press(pilot, "o", "v", "enter")  # open, pass round, "I'm ready to vote"
        assert isinstance(console.app.screen, QuestionScreen)
        await press(pilot, "f1")
        help_box = console.app.screen
        assert isinstance(help_box, HelpModal)
        terms = dict(help_box.words)
        assert "lived experience" in terms
        assert terms["lived experience"].startswith("Knowing about mental ill health")
        assert "lived experience:" in screen_text(console.app)
