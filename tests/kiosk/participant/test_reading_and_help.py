"""Read aloud, "What does this mean?", and how-you'd-like-to-take-part choices."""

from __future__ import annotations

from collections.abc import Callable

from tests.support.kiosk import SIZE, Kiosk, agree, begin, press, settle, tap
from tests.support.screen import screen_text

KioskMaker = Callable[..., Kiosk]


async def test_read_aloud_says_the_question_and_its_numbered_choices(
    make_kiosk: KioskMaker,
) -> None:
    kiosk = make_kiosk()
    async with kiosk.app.run_test(size=SIZE) as pilot:
        await begin(pilot)
        await press(pilot, "enter")
        await press(pilot, "f2")
        said = kiosk.speaker.said[-1]
        assert said.startswith("Question 1 of 8. Which course did you go to?")
        assert "1: Understanding anxiety. 2: Sleep well. 3: Living with voices." in said
        await press(pilot, "2")
        await pilot.click("#tool-read")
        await settle(pilot)
        assert "Your answer now: Sleep well. Press a number to choose" in kiosk.speaker.said[-1]


async def test_read_aloud_on_welcome_and_moving_on_stops_speech(make_kiosk: KioskMaker) -> None:
    kiosk = make_kiosk("short")
    async with kiosk.app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.click("#read-welcome")
        await settle(pilot)
        assert kiosk.speaker.said == [
            "Quick check-in. It is run by Hillside Recovery College. "
            "Three quick questions. Press Enter to start."
        ]
        stops = kiosk.speaker.stops
        await pilot.click("#start")
        await settle(pilot)
        assert kiosk.speaker.stops > stops


async def test_read_each_screen_aloud_when_chosen(make_kiosk: KioskMaker) -> None:
    kiosk = make_kiosk("short")
    async with kiosk.app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.click("#start")
        await settle(pilot)
        yes = [i for i in kiosk.app.screen.query("ChoiceItem") if i.value is True]
        await pilot.click(yes[0])
        await pilot.click("#next")
        await settle(pilot)
        assert kiosk.app.preferences.read_aloud
        assert kiosk.speaker.said[-1].startswith("We want to know what you think")
        await agree(pilot)
        await settle(pilot)
        assert kiosk.speaker.said[-1].startswith("Question 1 of 3. How was today?")


async def test_preferences_apply_now_and_end_with_the_visit(make_kiosk: KioskMaker) -> None:
    kiosk = make_kiosk("short")
    async with kiosk.app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.click("#start")
        await settle(pilot)
        items = {i.words: i for i in kiosk.app.screen.query("ChoiceItem")}
        await tap(pilot, items["Largest"])
        await tap(pilot, items["High contrast"])
        assert kiosk.app.has_class("-text-largest")
        assert kiosk.app.theme == "kiosk-high-contrast"
        await pilot.click("#next")
        await settle(pilot)
        assert kiosk.app.has_class("-text-largest")
        await press(pilot, "f5")
        await pilot.click("#stop-yes")
        await settle(pilot)
        assert kiosk.screen_name == "WelcomeScreen"
        assert kiosk.app.has_class("-text-standard")
        assert kiosk.app.theme == "kiosk-standard"


async def test_what_does_this_mean_shows_help_and_glossary_words(make_kiosk: KioskMaker) -> None:
    kiosk = make_kiosk()
    async with kiosk.app.run_test(size=SIZE) as pilot:
        await begin(pilot)
        await press(pilot, "enter")
        await press(pilot, "f1")
        text = screen_text(kiosk.app)
        assert "The course is the set of sessions you booked." in text
        await pilot.click("#read-help")
        await settle(pilot)
        assert kiosk.speaker.said[-1] == "The course is the set of sessions you booked."
        await press(pilot, "escape")
        await press(pilot, "1", "enter")
        await pilot.click("#tool-meaning")
        await settle(pilot)
        text = screen_text(kiosk.app)
        assert "peer trainer: A trainer who has lived experience" in text
        assert "co-production" not in text
        await pilot.click("#close")
        await press(pilot, "1", "enter")
        await press(pilot, "f1")
        assert "co-production: People with lived experience" in screen_text(kiosk.app)


async def test_help_without_words_says_who_to_ask(make_kiosk: KioskMaker) -> None:
    kiosk = make_kiosk("short")
    async with kiosk.app.run_test(size=SIZE) as pilot:
        await begin(pilot)
        await press(pilot, "f1")
        assert "There is no extra help for this page. You can ask the person" in screen_text(
            kiosk.app
        )
        await press(pilot, "f4")  # tools behind a box do nothing until it is closed
        assert kiosk.screen_name == "HelpModal"
