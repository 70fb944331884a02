"""A section's content note on the kiosk: shown and read with the section's first
question (as the phone page does), never with the questions after it."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.pilot import Pilot
from textual.widgets import Static

from accessibility import narration
from kiosk.app import make_app
from kiosk.screens.question_screen import QuestionScreen
from kiosk.services import build_services
from kiosk.speaking import RecordingSpeaker
from surveys.loader import load_survey
from surveys.model import Survey
from surveys.templates import template_path
from tests.support.kiosk import Kiosk, agree, begin, press
from tests.support.screen import screen_text

NOTE = "The next question asks how you are feeling. You can skip it if you want to."


def demo() -> Survey:
    loaded = load_survey(template_path("demo"))
    assert loaded.survey is not None
    return loaded.survey


def demo_kiosk(home: Path) -> Kiosk:
    services = build_services(home)
    speaker = RecordingSpeaker()
    app = make_app(demo(), services, unlocked=True, speaker=speaker)
    return Kiosk(app, services, speaker, home)


def words_on_screen(kiosk: Kiosk) -> str:
    """The screen's words with the line breaks of wrapping (and the note's side line)
    taken out."""
    return " ".join(word for word in screen_text(kiosk.app).split() if word != "┃")


def question_id(kiosk: Kiosk) -> str:
    screen = kiosk.app.screen
    assert isinstance(screen, QuestionScreen)
    return screen.question.id


async def to_feelings(pilot: Pilot[object]) -> None:
    """Past the information page, skipping each question up to "How are you feeling?"."""
    await begin(pilot)
    await press(pilot, "enter")  # the welcome page
    await press(pilot, "f3", "f3", "f3", "f3")  # drink, easy to use, tried, most useful


def test_the_demo_has_a_content_note_to_show() -> None:
    section = demo().section("feelings")
    assert section is not None
    assert section.content_note == NOTE


async def test_the_note_is_shown_and_read_first_on_the_sections_first_question(
    tmp_path: Path,
) -> None:
    kiosk = demo_kiosk(tmp_path / "home")
    async with kiosk.app.run_test(size=(80, 24)) as pilot:
        await to_feelings(pilot)
        assert question_id(kiosk) == "feeling_today"
        assert NOTE in words_on_screen(kiosk)
        await press(pilot, "f2")
        said = kiosk.speaker.said[-1]
        assert said.startswith(narration.section_intro("How you feel today", NOTE))
        assert said.startswith(f"How you feel today. {NOTE} Question 5 of ")
        await press(pilot, "f3")  # skip it: the next question is in another section
        assert kiosk.screen_name == "SupportModal"  # the section is sensitive
        await press(pilot, "enter")  # Carry on
        assert question_id(kiosk) == "heard_of_coproduction"
        assert NOTE not in words_on_screen(kiosk)
        await press(pilot, "escape")  # Back: it is the section's first question again
        assert question_id(kiosk) == "feeling_today"
        assert NOTE in words_on_screen(kiosk)
    assert kiosk.app.problems == []


FEELINGS = """
id: notes
title: A short check-in
version: "1"
intro: Two parts.
consent:
  text: standard-v1
  organisation: the Recovery College
  coordinator: Sam
  contact: Sam at the front desk
sections:
  - id: start
    title: Getting started
  - id: feelings
    title: How you feel
    content_note: The next questions ask about your mood. You can skip them.
questions:
  - id: tea
    kind: yesno
    section: start
    text: Would you like a cup of tea?
  - id: mood_tea
    kind: text
    section: feelings
    text: Does tea help your mood?
    show_if:
      question: tea
      equals: true
  - id: mood
    kind: text
    section: feelings
    text: How is your mood today?
  - id: sleep
    kind: text
    section: feelings
    text: How did you sleep?
"""
MOOD_NOTE = "The next questions ask about your mood. You can skip them."


def feelings_kiosk(tmp_path: Path) -> Kiosk:
    path = tmp_path / "notes.yaml"
    path.write_text(FEELINGS)
    loaded = load_survey(path)
    assert loaded.survey is not None, [p.describe() for p in loaded.problems]
    services = build_services(tmp_path / "home")
    speaker = RecordingSpeaker()
    app = make_app(loaded.survey, services, unlocked=True, speaker=speaker)
    return Kiosk(app, services, speaker, tmp_path / "home")


async def test_no_note_on_later_questions_of_a_section(tmp_path: Path) -> None:
    kiosk = feelings_kiosk(tmp_path)
    async with kiosk.app.run_test(size=(80, 24)) as pilot:
        await begin(pilot)
        await press(pilot, "2", "enter")  # No tea: "Does tea help?" is not shown
        assert question_id(kiosk) == "mood"  # so this is the section's first question
        assert MOOD_NOTE in words_on_screen(kiosk)
        await press(pilot, "f2")
        assert kiosk.speaker.said[-1].startswith(
            f"How you feel. {MOOD_NOTE} Question 2 of up to 4."
        )
        await press(pilot, "f3")
        assert question_id(kiosk) == "sleep"  # the second question of the section
        assert MOOD_NOTE not in words_on_screen(kiosk)
        assert not kiosk.app.screen.query("#content-note")
        await press(pilot, "f2")
        assert kiosk.speaker.said[-1].startswith("Question 3 of up to 4. How did you sleep?")
    assert kiosk.app.problems == []


async def test_the_note_moves_to_the_first_question_shown(tmp_path: Path) -> None:
    kiosk = feelings_kiosk(tmp_path)
    async with kiosk.app.run_test(size=(80, 24)) as pilot:
        await begin(pilot)
        await press(pilot, "1", "enter")  # Yes to tea: "Does tea help?" now opens the section
        assert question_id(kiosk) == "mood_tea"
        assert MOOD_NOTE in words_on_screen(kiosk)
        await press(pilot, "f3")
        assert question_id(kiosk) == "mood"
        assert MOOD_NOTE not in words_on_screen(kiosk)
    assert kiosk.app.problems == []


@pytest.mark.parametrize("text_size", ["Standard", "Largest"])
async def test_the_note_fits_a_small_screen(tmp_path: Path, text_size: str) -> None:
    kiosk = demo_kiosk(tmp_path / "home")
    async with kiosk.app.run_test(size=(60, 20)) as pilot:
        await pilot.pause()
        await pilot.click("#start")
        await pilot.pause()
        items = {item.words: item for item in kiosk.app.screen.query("ChoiceItem")}
        items[text_size].scroll_visible(animate=False, immediate=True)
        await pilot.pause()
        await pilot.click(items[text_size])
        await pilot.pause()
        await pilot.click("#next")
        await pilot.pause()
        await agree(pilot)
        await pilot.pause()
        await press(pilot, "enter", "f3", "f3", "f3", "f3")
        assert question_id(kiosk) == "feeling_today"
        note = kiosk.app.screen.query_one("#content-note", Static)
        note.scroll_visible(animate=False, immediate=True)
        await pilot.pause()
        assert note.region.width <= 60
        assert NOTE in words_on_screen(kiosk)
        # The warning comes before the question it warns about.
        question = kiosk.app.screen.query_one("#question-text")
        assert note.region.bottom <= question.region.y
    assert kiosk.app.problems == []
