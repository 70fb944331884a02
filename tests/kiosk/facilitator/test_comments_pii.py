"""Issue 11 finding 7: the moderation queue and the shared screen use the one PII
engine (``surveys.pii``), so everything the export's scrubber masks is masked here too,
and what still looks like a name, number, date or place is highlighted for the
facilitator."""

from __future__ import annotations

from pathlib import Path

from rich.text import Text
from textual.pilot import Pilot
from textual.widgets import OptionList, TextArea

from kiosk.facilitator.screens.comments_modal import CommentsModal
from kiosk.pii_marks import CHECK_STYLE, MASK_STYLE
from surveys.polls import CommentStatus
from tests.support.facilitator import (
    Facilitator,
    build_console,
    press,
    select_poll,
    settle,
    start_session,
    static_text,
)
from tests.support.screen import screen_text

WIDE = (160, 40)

# Each comment, and the words that reached the facilitator unmasked before.
FINDING_7 = (
    ("email me at jo(at)example.org", ("jo(at)example.org", "example.org")),
    ("text me on 07700.900.123", ("07700.900.123", "07700")),
    ("my NHS number 943 476 5919 is on the letter", ("943 476 5919", "5919")),
    ("I live at SW1A 1AA", ("SW1A 1AA", "SW1A")),
    ("my name's Jo Bloggs", ("Jo", "Bloggs")),
    ("follow me on insta @jo.bloggs_87", ("jo.bloggs", "bloggs_87")),
)


async def _queue(
    pilot: Pilot[object], console: Facilitator, comments: tuple[str, ...]
) -> CommentsModal:
    app = console.app
    await start_session(pilot)
    await select_poll(pilot, "better")
    await press(pilot, "o")
    live = app.live
    assert live is not None
    for words in comments:
        live.cast("better", words)
    await pilot.pause(0.2)
    await settle(pilot)
    await press(pilot, "c")  # the queue opens only once voting has stopped
    await press(pilot, "m")
    screen = app.screen
    assert isinstance(screen, CommentsModal)
    return screen


def _prompts(queue: CommentsModal) -> list[Text]:
    box = queue.query_one("#comments", OptionList)
    prompts = [box.get_option_at_index(i).prompt for i in range(box.option_count)]
    return [p if isinstance(p, Text) else Text(str(p)) for p in prompts]


async def test_queue_masks_every_finding_7_example(home: Path) -> None:
    console = build_console(home)
    async with console.app.run_test(size=WIDE) as pilot:
        queue = await _queue(pilot, console, tuple(words for words, _ in FINDING_7))
        shown = "\n".join(prompt.plain for prompt in _prompts(queue))
        for _, leaked in FINDING_7:
            for words in leaked:
                assert words not in shown, shown
        for label in ("[email]", "[phone]", "[nhs number]", "[postcode]", "[name]"):
            assert label in shown


async def test_shared_screen_shows_the_same_masking(home: Path) -> None:
    console = build_console(home)
    async with console.app.run_test(size=WIDE) as pilot:
        queue = await _queue(pilot, console, tuple(words for words, _ in FINDING_7))
        tally = console.app.live.tally("better")  # type: ignore[union-attr]
        box = queue.query_one("#comments", OptionList)
        for _ in tally.comments:
            await press(pilot, "s")
        await press(pilot, "escape")
        await press(pilot, "r")
        results = static_text(console.app, "#poll-results")
        for _, leaked in FINDING_7:
            for words in leaked:
                assert words not in results, results
        assert box is not None
    stored = console.tallies()["better"].comments  # type: ignore[attr-defined]
    assert all(c.status is CommentStatus.SHOWN for c in stored)


def _styled(prompt: Text, style: str) -> list[str]:
    return [prompt.plain[span.start : span.end] for span in prompt.spans if span.style == style]


async def test_queue_highlights_what_was_masked_and_what_is_left_to_check(home: Path) -> None:
    words = "[bold]ring[/] 07700 900123, I met Tenzing in Marlow on the 14th"
    console = build_console(home)
    async with console.app.run_test(size=WIDE) as pilot:
        queue = await _queue(pilot, console, (words,))
        (prompt,) = _prompts(queue)
        assert prompt.plain.startswith("[waiting] [bold]ring[/] [phone], I met")  # not markup
        assert _styled(prompt, MASK_STYLE) == ["[phone]"]
        assert _styled(prompt, CHECK_STYLE) == ["Tenzing", "Marlow", "14th"]
        assert "3 to check" in prompt.plain
        assert "Underlined: still looks like a name, number, date or place" in screen_text(
            console.app
        )


async def test_editing_a_comment_lists_what_is_still_to_check(home: Path) -> None:
    console = build_console(home)
    async with console.app.run_test(size=WIDE) as pilot:
        await _queue(pilot, console, ("I met Tenzing in Marlow",))
        await press(pilot, "e")
        line = static_text(console.app, "#to-check")
        assert line == "To check: Tenzing (name), Marlow (place)"
        editor = console.app.screen.query_one(TextArea)
        editor.text = "I met someone in town"
        await settle(pilot)
        line = static_text(console.app, "#to-check")
        assert line == "Nothing else here looks like a name, number, date or place."
