"""One source for the kiosk's words: help, "nothing chosen yet", "Are you still there?",
the thank-you screen and the sentence shown when read aloud can't work."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from accessibility import narration
from accessibility.speech import SPEECH_UNAVAILABLE, SpeechProblem
from kiosk.app import make_app
from kiosk.screens.help_modal import HelpModal
from kiosk.screens.idle_modal import IdleModal
from kiosk.screens.thanks_screen import ThanksScreen
from kiosk.services import build_services
from kiosk.speaking import RecordingSpeaker
from kiosk.widgets.choice_list import ChoiceItem
from surveys.loader import load_survey
from tests.support.kiosk import SIZE, FakeClock, Kiosk, begin, press, settle, tap, wait_until
from tests.support.screen import screen_text

KioskMaker = Callable[..., Kiosk]

SURVEY = """
id: words
title: A few words
version: "1"
intro: Three questions.
consent:
  text: standard-v1
  organisation: the Recovery College
  coordinator: Sam
  contact: Sam at the front desk
  help: Sam at the front desk
questions:
  - id: calm
    kind: scale
    text: I felt calm today.
  - id: name_it
    kind: text
    required: true
    text: What should we call the room?
  - id: extra
    kind: text
    text: What else?
"""


def words_kiosk(tmp_path: Path, problem: str | None = None, **options: float) -> Kiosk:
    path = tmp_path / "words.yaml"
    path.write_text(SURVEY)
    loaded = load_survey(path)
    assert loaded.survey is not None, [p.describe() for p in loaded.problems]
    home = tmp_path / "home"
    services = build_services(home)
    speaker = RecordingSpeaker(problem=problem)
    app = make_app(loaded.survey, services, unlocked=True, speaker=speaker, **options)
    return Kiosk(app, services, speaker, home)


def words_on_screen(kiosk: Kiosk) -> str:
    """The screen's words, without the line breaks of wrapping or a box's sides."""
    text = screen_text(kiosk.app).replace("│", " ")
    return " ".join(text.split())


async def test_nothing_chosen_on_a_word_scale_asks_for_words_and_offers_skip(
    tmp_path: Path,
) -> None:
    kiosk = words_kiosk(tmp_path)
    async with kiosk.app.run_test(size=SIZE) as pilot:
        await begin(pilot)
        await tap(pilot, "#next")
        text = words_on_screen(kiosk)
        assert "Nothing is chosen yet. Please choose one of the options, or press Skip." in text
        assert "number from 1 to 5" not in text
    assert kiosk.app.problems == []


async def test_a_question_that_needs_an_answer_never_suggests_skip(tmp_path: Path) -> None:
    kiosk = words_kiosk(tmp_path)
    async with kiosk.app.run_test(size=SIZE) as pilot:
        await begin(pilot)
        await press(pilot, "f3")  # the scale can be skipped
        await press(pilot, "enter")  # nothing typed on a question that needs an answer
        note = words_on_screen(kiosk)
        assert "There's nothing written yet. Please type an answer." in note
        assert "or press Skip" not in note
        await press(pilot, "f1")  # no help and no hard words here
        assert isinstance(kiosk.app.screen, HelpModal)
        help_words = kiosk.app.screen.narration()
        assert help_words == narration.help_text(None, [], ask="Sam at the front desk")
        assert "skip" not in help_words.lower()
        assert help_words in words_on_screen(kiosk)
        await press(pilot, "escape")
        await press(pilot, *"Oak room", "enter")
        await press(pilot, "f1")  # an optional question: skipping is mentioned
        assert isinstance(kiosk.app.screen, HelpModal)
        assert kiosk.app.screen.narration().endswith("You can skip this question if you like.")
    assert kiosk.app.problems == []


async def test_still_there_before_any_answer_does_not_mention_answers(tmp_path: Path) -> None:
    clock = FakeClock()
    kiosk = words_kiosk(tmp_path, idle_seconds=0.3, countdown_seconds=30, monotonic=clock)
    async with kiosk.app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await tap(pilot, "#start")
        yes = next(i for i in kiosk.app.screen.query(ChoiceItem) if i.value is True)
        await tap(pilot, yes)  # read aloud, so the box is read when it appears
        clock.advance(1)
        await wait_until(pilot, lambda: isinstance(kiosk.app.screen, IdleModal))
        box = words_on_screen(kiosk)
        assert "answers" not in box
        assert "I need more time" in box
        said = kiosk.speaker.said[-1]
        assert said == narration.still_there(30, has_answers=False)
        note = narration.still_there_note(30, has_answers=False)
        assert note in box  # the same words on screen …
        assert note in said  # … and aloud
    assert kiosk.app.problems == []


async def test_still_there_on_a_question_says_answers_will_be_deleted(tmp_path: Path) -> None:
    clock = FakeClock()
    kiosk = words_kiosk(tmp_path, idle_seconds=0.3, countdown_seconds=30, monotonic=clock)
    async with kiosk.app.run_test(size=SIZE) as pilot:
        await begin(pilot)
        clock.advance(1)
        await wait_until(pilot, lambda: isinstance(kiosk.app.screen, IdleModal))
        box = words_on_screen(kiosk)
        assert "your answers will be deleted" in box
        spoken = kiosk.app.screen.narration()
        assert spoken == narration.still_there(30, has_answers=True)
        assert "I need more time" in spoken
        assert "cleared" not in spoken  # one verb: deleted
    assert kiosk.app.problems == []


def test_thank_you_reads_the_code_it_shows() -> None:
    thanks = ThanksScreen("7K3QD-M9XTA", contact="Sam at the front desk", withdraw_days=14)
    assert thanks.narration() == narration.thank_you("7K3QD-M9XTA", "Sam at the front desk", 14)
    assert "Your code is: 7 K 3 Q D. M 9 X T A." in thanks.narration()
    assert "Nothing you did here has been kept" not in thanks.narration()
    declined = ThanksScreen(None)
    assert declined.narration() == narration.thank_you(None)


async def test_text_and_sound_box_tells_and_reads_one_plain_sentence(tmp_path: Path) -> None:
    kiosk = words_kiosk(tmp_path, problem=SpeechProblem.NO_PLAYER.value)
    async with kiosk.app.run_test(size=SIZE) as pilot:
        await begin(pilot)
        await press(pilot, "f6")
        assert kiosk.screen_name == "PreferencesModal"
        note = kiosk.app.screen.query_one("#speech-problem")
        note.scroll_visible(animate=False, immediate=True)
        await settle(pilot)
        assert words_on_screen(kiosk).count(SPEECH_UNAVAILABLE) == 1
        assert kiosk.app.screen.narration().endswith(SPEECH_UNAVAILABLE)
        assert SpeechProblem.NO_PLAYER.value not in words_on_screen(kiosk)
    assert kiosk.app.problems == []
    log = (kiosk.home / "logs" / "kiosk.log").read_text()
    assert log.count(SpeechProblem.NO_PLAYER.value) == 1
