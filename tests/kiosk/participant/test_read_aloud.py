"""Read-aloud in the running kiosk: the exact words, when they are said, and when they stop."""

from __future__ import annotations

import re
from collections.abc import Callable

import pytest
from textual.pilot import Pilot
from textual.widgets import TextArea

from accessibility import narration
from accessibility.glossary import glossary_for, terms_for_question
from accessibility.speech import SPEECH_UNAVAILABLE, SpeechProblem
from kiosk.widgets.choice_list import ChoiceItem
from surveys.errors import AnswerCode, AnswerError
from surveys.kinds import nothing_yet
from tests.support.kiosk import (
    RECEIPT,
    SIZE,
    FakeClock,
    Kiosk,
    agree,
    press,
    read_consent,
    settle,
    tap,
    wait_until,
)
from tests.support.screen import screen_text

pytestmark = pytest.mark.usefixtures("fixed_receipt")

KioskMaker = Callable[..., Kiosk]


def words_on_screen(kiosk: Kiosk) -> str:
    """The screen's words with the line breaks of wrapping taken out."""
    return " ".join(screen_text(kiosk.app).split())


QUESTION_1 = (
    "Question 1 of 3. Which course did you go to? 1: Understanding anxiety. 2: Sleep well. "
    "3: Living with voices. Press a number to choose, then Enter. You can skip this question."
)


async def choose(pilot: Pilot[object], words: str, group: str | None = None) -> None:
    """Tap the choice with these words on the screen now (in ``group``, if given)."""
    items = [
        item
        for item in pilot.app.screen.query(ChoiceItem)
        if item.words == words and group in (None, item.group)
    ]
    assert len(items) == 1, f"{len(items)} choices say {words!r}"
    await tap(pilot, items[0])


async def read_aloud_on(pilot: Pilot[object]) -> None:
    """Welcome → "How would you like to take part?" → read aloud: Yes → Next (consent)."""
    await settle(pilot)
    await tap(pilot, "#start")
    yes = next(i for i in pilot.app.screen.query(ChoiceItem) if i.value is True)
    await tap(pilot, yes)
    await tap(pilot, "#next")


async def to_first_question(pilot: Pilot[object]) -> None:
    await read_aloud_on(pilot)
    await agree(pilot)


async def test_question_screen_is_read_exactly_when_read_aloud_is_chosen(
    make_kiosk: KioskMaker,
) -> None:
    kiosk = make_kiosk("reading")
    async with kiosk.app.run_test(size=SIZE) as pilot:
        await to_first_question(pilot)
        assert kiosk.speaker.said[-1] == QUESTION_1
        question = kiosk.app.survey.questions[0]
        keys = narration.Keys(go_on="Enter", choose=True)
        assert narration.question_screen(question, 1, 3, keys=keys) == QUESTION_1


async def test_read_aloud_key_reads_again_with_the_answer_given(make_kiosk: KioskMaker) -> None:
    kiosk = make_kiosk("reading")
    async with kiosk.app.run_test(size=SIZE) as pilot:
        await to_first_question(pilot)
        await press(pilot, "2")
        await press(pilot, "f2")
        assert kiosk.speaker.said[-1] == (
            "Question 1 of 3. Which course did you go to? 1: Understanding anxiety. "
            "2: Sleep well. 3: Living with voices. Your answer now: Sleep well. "
            "Press a number to choose, then Enter. You can skip this question."
        )
        await tap(pilot, "#tool-read")  # the toolbar's Read aloud does the same
        assert kiosk.speaker.said[-1] == kiosk.speaker.said[-2]


async def test_read_aloud_key_works_even_when_read_aloud_was_not_chosen(
    make_kiosk: KioskMaker,
) -> None:
    kiosk = make_kiosk("reading")
    async with kiosk.app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await tap(pilot, "#start")
        await tap(pilot, "#next")
        await agree(pilot)
        assert kiosk.speaker.said == []  # nothing is read unasked
        await press(pilot, "f2")
        assert kiosk.speaker.said == [QUESTION_1]


async def test_consent_screen_is_read_exactly_with_its_ticks(make_kiosk: KioskMaker) -> None:
    kiosk = make_kiosk("reading")
    block = kiosk.app.survey.consent
    async with kiosk.app.run_test(size=SIZE) as pilot:
        await read_aloud_on(pilot)
        said = kiosk.speaker.said[-1]
        assert said == narration.consent_screen(block, ())
        assert said.startswith("We want to know what you think")
        assert said.endswith(
            "You can also tick these, if you want. You do not have to. "
            "Tick 1: You can quote my words in the report. Now not ticked. "
            "Choose Yes, I agree. Or choose No thanks."
        )
        await read_consent(pilot)  # the tick comes with the last part
        await choose(pilot, "You can quote my words in the report")
        assert kiosk.speaker.said[-1] == "Tick 1: You can quote my words in the report. Now ticked."
        await press(pilot, "f2")
        assert kiosk.speaker.said[-1] == narration.consent_screen(block, {"quote"})
        assert kiosk.speaker.said[-1].endswith(
            "Now ticked. Choose Yes, I agree. Or choose No thanks."
        )


async def test_errors_and_warnings_are_read_exactly(make_kiosk: KioskMaker) -> None:
    kiosk = make_kiosk("reading")
    async with kiosk.app.run_test(size=SIZE) as pilot:
        await to_first_question(pilot)
        await press(pilot, "1", "enter")
        assert kiosk.speaker.said[-1].startswith("Question 2 of 3. Was the peer trainer helpful?")
        await tap(pilot, "#next")  # nothing chosen on a question that needs an answer
        trainer = kiosk.app.survey.questions[1]
        assert kiosk.speaker.said[-1] == "Nothing is chosen yet. Please choose one of the options."
        assert kiosk.speaker.said[-1] == narration.error(nothing_yet(trainer))
        assert "Nothing is chosen yet. Please choose one of the options." in screen_text(kiosk.app)
        assert "Skip" not in kiosk.speaker.said[-1]  # this one can't be skipped
        await press(pilot, "f3")  # Skip
        assert kiosk.speaker.said[-1] == "This question needs an answer before you go on."
        assert kiosk.speaker.said[-1] == narration.error(AnswerError(AnswerCode.REQUIRED))


async def test_warnings_are_shown_but_not_read_unless_asked(make_kiosk: KioskMaker) -> None:
    kiosk = make_kiosk("reading")
    async with kiosk.app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await tap(pilot, "#start")
        await tap(pilot, "#next")
        await agree(pilot)
        await press(pilot, "1", "enter")
        await tap(pilot, "#next")
        assert "Nothing is chosen yet." in screen_text(kiosk.app)
        assert kiosk.speaker.said == []


async def test_speech_stops_when_the_screen_changes(make_kiosk: KioskMaker) -> None:
    kiosk = make_kiosk("reading")
    async with kiosk.app.run_test(size=SIZE) as pilot:
        await to_first_question(pilot)
        stops = kiosk.speaker.stops
        await press(pilot, "2", "enter")
        assert kiosk.speaker.stops > stops  # the old question is cut off …
        assert kiosk.speaker.said[-1].startswith("Question 2 of 3.")  # … and the new one read
        stops = kiosk.speaker.stops
        await press(pilot, "f1")  # a box over the screen is a change too
        assert kiosk.speaker.stops > stops
        stops = kiosk.speaker.stops
        await press(pilot, "escape")
        assert kiosk.speaker.stops > stops  # closing it stops the help being read
        assert kiosk.speaker.said[-1].startswith("peer trainer:")  # and nothing is re-read


async def test_speech_stops_on_stop_and_the_next_person_hears_nothing(
    make_kiosk: KioskMaker,
) -> None:
    kiosk = make_kiosk("reading")
    async with kiosk.app.run_test(size=SIZE) as pilot:
        await to_first_question(pilot)
        await press(pilot, "f5")
        assert kiosk.speaker.said[-1] == (
            "Stop and delete your answers? Choose Yes, stop, or No, carry on."
        )
        stops = kiosk.speaker.stops
        said = len(kiosk.speaker.said)
        await tap(pilot, "#stop-yes")
        assert kiosk.screen_name == "WelcomeScreen"
        assert kiosk.speaker.stops > stops
        assert len(kiosk.speaker.said) == said  # read-aloud was this person's, and ended


async def test_speech_stops_when_the_idle_reset_clears_the_visit(make_kiosk: KioskMaker) -> None:
    clock = FakeClock()
    kiosk = make_kiosk("reading", idle_seconds=0.3, countdown_seconds=0.4, monotonic=clock)
    async with kiosk.app.run_test(size=SIZE) as pilot:
        await to_first_question(pilot)
        clock.advance(1)
        await wait_until(pilot, lambda: kiosk.screen_name == "IdleModal")
        assert kiosk.speaker.said[-1] == narration.still_there(1, has_answers=True)
        stops = kiosk.speaker.stops
        await wait_until(pilot, lambda: kiosk.screen_name == "WelcomeScreen")
        assert kiosk.speaker.stops > stops


async def test_help_reads_the_questions_help_and_the_glossary_words(
    make_kiosk: KioskMaker,
) -> None:
    kiosk = make_kiosk("reading")
    survey = kiosk.app.survey
    async with kiosk.app.run_test(size=SIZE) as pilot:
        await to_first_question(pilot)
        await press(pilot, "f1")
        assert kiosk.speaker.said[-1] == "The course is the set of sessions you booked."
        await press(pilot, "escape", "1", "enter", "f1")
        trainer = survey.questions[1]
        terms = terms_for_question(trainer, glossary_for(survey))
        pairs = [(entry.term, entry.meaning) for entry in terms]
        assert kiosk.speaker.said[-1] == narration.help_text(trainer.help, pairs)
        assert kiosk.speaker.said[-1] == (
            "peer trainer: A trainer who has lived experience of mental ill health."
        )
        assert "peer trainer: A trainer who has lived experience" in screen_text(kiosk.app)
        await press(pilot, "escape", "1", "enter", "f1")
        # "co-produced" is explained by the built-in glossary, not the survey's.
        text = screen_text(kiosk.app)
        assert "co-production: People who use services, carers and staff" in text
        assert kiosk.speaker.said[-1].startswith("co-production: People who use services")


async def test_thank_you_reads_the_receipt_code_in_groups(make_kiosk: KioskMaker) -> None:
    kiosk = make_kiosk("reading")
    block = kiosk.app.survey.consent
    async with kiosk.app.run_test(size=SIZE) as pilot:
        await to_first_question(pilot)
        await press(pilot, "1", "enter", "1", "enter", "1", "enter")
        await wait_until(pilot, lambda: kiosk.screen_name == "ReviewScreen")
        assert kiosk.speaker.said[-1].startswith("Check your answers. 1: Which course did you")
        await tap(pilot, "#send")
        await wait_until(pilot, lambda: kiosk.speaker.said[-1].startswith("Thank you."))
        said = kiosk.speaker.said[-1]
        assert said == narration.thank_you(RECEIPT, block.contact, block.withdraw_days)
        assert "Your code is: 7 K 3 Q D. M 9 X T A." in said


async def test_no_speech_is_said_once_on_the_preferences_screen(make_kiosk: KioskMaker) -> None:
    kiosk = make_kiosk("reading", problem=SpeechProblem.NO_SOUND.value)
    async with kiosk.app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert SPEECH_UNAVAILABLE not in words_on_screen(kiosk)  # not on the welcome screen
        await tap(pilot, "#start")
        assert words_on_screen(kiosk).count(SPEECH_UNAVAILABLE) == 1
        assert SpeechProblem.NO_SOUND.value not in words_on_screen(kiosk)  # that's for the log
        yes = next(i for i in kiosk.app.screen.query(ChoiceItem) if i.value is True)
        await tap(pilot, yes)
        # said once, not again on choosing
        assert words_on_screen(kiosk).count(SPEECH_UNAVAILABLE) == 1
        await tap(pilot, "#next")
        await agree(pilot)
        assert SPEECH_UNAVAILABLE not in words_on_screen(kiosk)  # the visit carries on quietly
        assert kiosk.app.problems == []
    log = (kiosk.home / "logs" / "kiosk.log").read_text()
    assert log.count(SpeechProblem.NO_SOUND.value) == 1  # the cause, once, for the operator


async def test_a_speech_problem_found_after_start_up_is_shown_too(
    make_kiosk: KioskMaker,
) -> None:
    kiosk = make_kiosk("reading")
    async with kiosk.app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await tap(pilot, "#start")
        kiosk.speaker.problem = SpeechProblem.NO_ENGINE.value  # the engine failed to start
        await wait_until(pilot, lambda: SPEECH_UNAVAILABLE in words_on_screen(kiosk), seconds=3)
        assert words_on_screen(kiosk).count(SPEECH_UNAVAILABLE) == 1
        await press(pilot, "f2")
        assert kiosk.speaker.said[-1].endswith(SPEECH_UNAVAILABLE)  # read aloud too


async def test_a_new_reading_speed_is_heard_at_once(make_kiosk: KioskMaker) -> None:
    kiosk = make_kiosk("reading")
    async with kiosk.app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await tap(pilot, "#start")
        await choose(pilot, "Yes")
        assert kiosk.speaker.said[-1] == "Read aloud is on."
        await choose(pilot, "Slower")
        assert kiosk.speaker.rate == 130
        assert kiosk.speaker.said[-1] == "This is how fast I will read."


# -- read-aloud matches the keys (issue 13, finding 5) ---------------------------------

FOLLOWED = {
    "welcome_note": None,
    "course": "Understanding anxiety",
    "liked": ["The peer trainer"],
    "agree": 1,
    "score": 1,
    "again": True,
    "word": "calm",
    "story": "line one\nline two",
    "order": ["Clear handouts", "Kind staff", "A quiet room"],
}
"""What following the spoken words to the letter gives, question by question."""

SPOKEN_TO_KEY = {
    "Enter": "enter",
    "Tab": "tab",
    "Shift with the up or down arrow": "shift+down",
    "the up and down arrows": "down",
}
KEY_WORDS = re.compile(
    r"Press a number|Press numbers|Type the number|Type your answer|"
    r"Enter starts a new line|Shift with the up or down arrow|press Tab|"
    r"(?:then|press|Press) Enter"
)


def steps_from(words: str) -> list[tuple[str, ...]]:
    """Turn "how to answer" words into key presses, in the order they are said."""
    how = words.rsplit("Your answer now:", maxsplit=1)[-1]
    steps: list[tuple[str, ...]] = []
    for found in KEY_WORDS.finditer(how):
        said = found.group(0)
        if said in ("Press a number", "Press numbers", "Type the number"):
            steps.append(("1",))
        elif said == "Type your answer":
            steps.append(tuple("calm") if "new line" not in how else tuple("line one"))
        elif said == "Enter starts a new line":
            steps.append(("enter", *"line two"))
        elif said.startswith("Shift"):
            steps.append(("shift+down",))
        elif said == "press Tab":
            steps.append(("tab",))
        else:
            steps.append(("enter",))
    return steps


def bound_keys(kiosk: Kiosk) -> dict[str, str]:
    """Key → action as Textual would find them from the focused widget (not the
    kiosk's own reader of bindings: an independent walk)."""
    focused = kiosk.app.focused or kiosk.app.screen
    found: dict[str, str] = {}
    for node in [focused, *focused.ancestors]:
        for key, bindings in node._bindings.key_to_bindings.items():
            found.setdefault(key, bindings[0].action)
    return found


async def test_following_the_spoken_words_answers_every_kind(make_kiosk: KioskMaker) -> None:
    """Every key named aloud is a real key doing what the words say: a person who
    does exactly what they hear answers each kind and goes on."""
    kiosk = make_kiosk("all_kinds")
    async with kiosk.app.run_test(size=SIZE) as pilot:
        await to_first_question(pilot)
        for question_id in FOLLOWED:
            screen = kiosk.app.screen
            assert screen.question.id == question_id
            words = kiosk.speaker.said[-1]
            assert words == screen.narration()
            steps = steps_from(words)
            assert steps, words
            for keys in steps:
                await press(pilot, *keys)
            assert kiosk.app.screen is not screen, f"{words!r} did not go on"
        assert kiosk.screen_name == "ReviewScreen"
        await tap(pilot, "#send")
    expected = {key: value for key, value in FOLLOWED.items() if value is not None}
    assert kiosk.answers() == [expected]


async def test_every_main_key_is_named_aloud(make_kiosk: KioskMaker) -> None:
    """The other way round: the keys that choose, move and go on are all said."""
    kiosk = make_kiosk("all_kinds")
    async with kiosk.app.run_test(size=SIZE) as pilot:
        await to_first_question(pilot)
        for _ in FOLLOWED:
            screen = kiosk.app.screen
            words = screen.narration()
            bound = bound_keys(kiosk)
            if screen.question.kind.value in ("single", "multi", "scale", "yesno", "rating"):
                assert bound["1"].startswith("digit(")
                assert "number" in words
            if bound.get("shift+down", "").startswith("shift("):
                assert "Shift with the up or down arrow" in words
            if not isinstance(kiosk.app.focused, TextArea):  # there Enter adds a line
                assert bound.get("enter") in ("confirm", "go_on", "submit", "press")
                assert "Enter" in words
            await press(pilot, "f3")


async def test_ranking_never_says_numbers_put_things_in_order(make_kiosk: KioskMaker) -> None:
    kiosk = make_kiosk("all_kinds")
    async with kiosk.app.run_test(size=SIZE) as pilot:
        await to_first_question(pilot)
        while kiosk.app.screen.question.id != "order":
            await press(pilot, "f3")
        words = kiosk.speaker.said[-1]
        assert "number" not in words.split("Put the most important")[-1]
        assert "Your answer now" not in words  # an order nobody touched is no answer
        await press(pilot, "2")  # a number only moves the focus
        await press(pilot, "enter")
        assert kiosk.app.screen.question.id == "order"


async def test_long_text_never_says_enter_goes_on(make_kiosk: KioskMaker) -> None:
    kiosk = make_kiosk("all_kinds")
    async with kiosk.app.run_test(size=SIZE) as pilot:
        await to_first_question(pilot)
        while kiosk.app.screen.question.id != "story":
            await press(pilot, "f3")
        words = kiosk.speaker.said[-1]
        assert "Enter starts a new line" in words
        assert "Type your answer, then press Enter" not in words


async def test_choosing_an_option_says_it_briefly(make_kiosk: KioskMaker) -> None:
    kiosk = make_kiosk("all_kinds")
    async with kiosk.app.run_test(size=SIZE) as pilot:
        await to_first_question(pilot)
        await press(pilot, "enter")  # the information page
        await press(pilot, "2")
        assert kiosk.speaker.said[-1] == "Sleep well, chosen."
        await press(pilot, "enter")
        await press(pilot, "3")
        assert kiosk.speaker.said[-1] == "The room, chosen."
        await press(pilot, "3")
        assert kiosk.speaker.said[-1] == "The room, not chosen."


async def test_choosing_is_not_said_when_read_aloud_is_off(make_kiosk: KioskMaker) -> None:
    kiosk = make_kiosk("all_kinds")
    async with kiosk.app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await tap(pilot, "#start")
        await tap(pilot, "#next")
        await tap(pilot, "#agree")
        await press(pilot, "enter", "2")
        assert kiosk.speaker.said == []
