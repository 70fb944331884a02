"""The kiosk's speaker: built once, started when the kiosk first uses it, silent with a reason."""

from __future__ import annotations

from pathlib import Path

import pytest

from accessibility.pyttsx3_speaker import Pyttsx3Speaker
from accessibility.speech import SPEECH_UNAVAILABLE, NullSpeaker, RecordingSpeaker, SpeechProblem
from kiosk.app import make_app
from kiosk.services import build_services
from kiosk.speaking import SPEECH_SWITCH, SpeakerOnFirstUse, make_speaker
from tests.support.kiosk import SIZE, settle, survey, tap, wait_until
from tests.support.screen import screen_text

pytestmark = pytest.mark.usefixtures("fixed_receipt")


def test_make_speaker_builds_the_offline_speaker_and_says_why_it_cannot_play(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.delenv(SPEECH_SWITCH, raising=False)
    speaker = make_speaker(player="no-such-sound-player")
    try:
        assert isinstance(speaker, Pyttsx3Speaker)
        assert speaker.problem == SpeechProblem.NO_PLAYER.value  # known before it returns
        speaker.say("Hello")  # never raises, never blocks
    finally:
        speaker.close()


def test_speech_can_be_switched_off(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(SPEECH_SWITCH, "off")
    speaker = make_speaker()
    assert isinstance(speaker, NullSpeaker)
    assert speaker.problem is None


def test_a_speaker_that_fails_to_build_leaves_a_silent_one_with_a_reason(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.delenv(SPEECH_SWITCH, raising=False)

    def broken(**_: object) -> None:
        raise RuntimeError("no engine")

    monkeypatch.setattr("accessibility.pyttsx3_speaker.Pyttsx3Speaker", broken)
    speaker = make_speaker()
    assert isinstance(speaker, NullSpeaker)
    assert speaker.problem == SpeechProblem.NO_ENGINE.value


def test_the_services_speaker_starts_only_when_used_and_passes_calls_on() -> None:
    built: list[RecordingSpeaker] = []

    def build() -> RecordingSpeaker:
        built.append(RecordingSpeaker(problem="Read aloud can't play here."))
        return built[-1]

    speaker = SpeakerOnFirstUse(build)
    speaker.stop()
    assert built == []  # stopping nothing starts nothing
    speaker.set_rate(190)
    assert not speaker.started  # the rate waits for the speaker
    speaker.warm()
    assert speaker.started
    speaker.say("Question 1 of 3.")
    assert built[0].said == ["Question 1 of 3."]
    assert built[0].rate == 190
    assert speaker.problem == "Read aloud can't play here."
    speaker.close()
    assert built[0].closed


def test_a_closed_speaker_never_starts() -> None:
    built: list[object] = []
    speaker = SpeakerOnFirstUse(lambda: built.append(1) or NullSpeaker())  # type: ignore[func-returns-value]
    speaker.close()
    speaker.say("Hello")
    assert built == []


def test_build_services_gives_a_speaker_that_starts_on_first_use(tmp_path: Path) -> None:
    services = build_services(tmp_path / "home")
    assert isinstance(services.speaker, SpeakerOnFirstUse)
    assert not services.speaker.started  # data tools that build services start no speech
    services.speaker.close()


async def test_the_kiosk_starts_the_real_speaker_and_closes_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv(SPEECH_SWITCH, raising=False)
    services = build_services(tmp_path / "home")
    app = make_app(survey("reading"), services, unlocked=True)
    speaker = services.speaker
    assert isinstance(speaker, SpeakerOnFirstUse)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert speaker.started  # at start-up, before anyone asks for speech
        real = speaker._speaker
        assert isinstance(real, Pyttsx3Speaker)
        await tap(pilot, "#start")
        # This machine may or may not be able to play sound; either way the screen
        # says so in one plain sentence, once, and nothing else goes wrong.
        await pilot.pause(1.0)
        problem = real.problem

        def words() -> str:
            return " ".join(screen_text(app).split())

        if problem is None:
            assert SPEECH_UNAVAILABLE not in words()
        else:
            await wait_until(pilot, lambda: SPEECH_UNAVAILABLE in words(), seconds=6)
            assert words().count(SPEECH_UNAVAILABLE) == 1
            assert problem not in words()  # the cause is for the log
    assert app.problems == []
    assert real._closed  # closed when the kiosk closed
