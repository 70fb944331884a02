"""Markup-looking text and escape sequences are words, never commands: shown literally,
stored verbatim, and nothing crashes."""

from __future__ import annotations

from collections.abc import Callable

from textual import events

from kiosk.safe_text import safe_text, visible
from tests.support.kiosk import SIZE, Kiosk, begin, press, settle
from tests.support.screen import screen_text

KioskMaker = Callable[..., Kiosk]

ESCAPES = "\x1b[31mRED\x1b[0m \x1b]0;title\x07 \x1b[2J"


def test_visible_draws_control_characters_as_symbols() -> None:
    shown = visible("a\x1bb\x07c\td\u202ee\x9bf")
    assert "\x1b" not in shown
    assert shown == "a␛b␇c d\ufffde\ufffdf"
    assert safe_text("[bold]x[/]").plain == "[bold]x[/]"


async def test_survey_markup_is_shown_as_written(make_kiosk: KioskMaker) -> None:
    kiosk = make_kiosk("markup")
    async with kiosk.app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        text = screen_text(kiosk.app)
        assert "[bold]Not bold[/] and [link=x]not a link[/link]" in text
        assert "Run by [red]Team[/red]" in text
        await begin(pilot)
        text = screen_text(kiosk.app)
        assert "Which [i]one[/i]?" in text
        assert "[bold]A[/bold]" in text
        assert "B [/]" in text
        await press(pilot, "2", "enter")
        assert kiosk.screen_name == "QuestionScreen"


async def test_typed_markup_and_pasted_escapes_are_stored_verbatim(
    make_kiosk: KioskMaker,
) -> None:
    kiosk = make_kiosk("markup")
    async with kiosk.app.run_test(size=SIZE) as pilot:
        await begin(pilot)
        await press(pilot, "1", "enter")
        await press(pilot, *"[bold]hi[/] [link=x]")
        text = screen_text(kiosk.app)
        assert "[bold]hi[/] [link=x]" in text
        await press(pilot, "enter")
        kiosk.app.post_message(events.Paste(ESCAPES))  # as the terminal sends a paste
        await settle(pilot)
        text = screen_text(kiosk.app)
        assert "\x1b" not in text
        assert "␛[31mRED␛[0m" in text
        lines = kiosk.app.screen.query_one("#answer-box").render_lines(
            kiosk.app.screen.query_one("#answer-box").region.reset_offset
        )
        assert not any("\x1b" in segment.text for line in lines for segment in line)
        await pilot.click("#next")
        await settle(pilot)
        review = screen_text(kiosk.app)
        assert "[bold]hi[/] [link=x]" in review
        assert "\x1b" not in review
        await pilot.click("#send")
        await settle(pilot)
        assert kiosk.answers() == [
            {"pick": "[bold]A[/bold]", "words": "[bold]hi[/] [link=x]", "story": ESCAPES}
        ]


async def test_text_that_does_not_fit_is_capped_kindly(make_kiosk: KioskMaker) -> None:
    kiosk = make_kiosk("markup")
    async with kiosk.app.run_test(size=SIZE) as pilot:
        await begin(pilot)
        await press(pilot, "1", "enter")
        box = kiosk.app.screen.query_one("#answer-box")
        kiosk.app.post_message(events.Paste("x" * 100_000))
        await settle(pilot)
        assert box.value == "x" * 30  # type: ignore[attr-defined]
        text = screen_text(kiosk.app)
        assert "30 of 30 characters" in text
        assert "This box is full now" in text
        await press(pilot, "y")
        assert box.value == "x" * 30  # type: ignore[attr-defined]
        await press(pilot, "backspace")
        assert "This box is full now" not in screen_text(kiosk.app)
        await press(pilot, "enter")
        area = kiosk.app.screen.query_one("#answer-box")
        kiosk.app.post_message(events.Paste("line\n" * 20_000))
        await settle(pilot)
        assert len(area.text) == 50  # type: ignore[attr-defined]
        assert "This box is full now" in screen_text(kiosk.app)
        await pilot.click("#next")
        await settle(pilot)
        await pilot.click("#send")
        await settle(pilot)
        assert kiosk.answers() == [
            {"pick": "[bold]A[/bold]", "words": "x" * 29, "story": ("line\n" * 10)}
        ]
