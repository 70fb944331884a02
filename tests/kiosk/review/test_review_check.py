"""Issue 12 finding 7: the review screen highlights what was masked and every token
left that still looks like a name, number, date or place, without reading markup."""

from __future__ import annotations

from pathlib import Path

import pytest
from rich.text import Text
from textual.widgets import OptionList, Static

from kiosk.review.marking import CHECK_STYLE, MASK_STYLE
from kiosk.review.screens.comments_screen import CommentsScreen
from tests.support.review import SIZE, make_desk, press, settle
from tests.support.screen import screen_text

WORDS = "[b]ring[/b] 07700 900123, I met Tenzing in Marlow on the 14th"
SCRUBBED = "[b]ring[/b] [phone], I met Tenzing in Marlow on the 14th"


def _static(screen: CommentsScreen, selector: str) -> Text:
    content = screen.query_one(selector, Static).content
    assert isinstance(content, Text)
    return content


def _styled(text: Text, style: str) -> list[str]:
    return [text.plain[s.start : s.end] for s in text.spans if str(s.style) == style]


async def test_review_highlights_masks_and_what_is_left_to_check(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("KIOSK_HOME", str(tmp_path / "home"))
    desk = make_desk(tmp_path, ((WORDS, True, 1), ("Lunch was lovely", True, 1)))
    app = desk.app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, CommentsScreen)
        while app.desk.current.text != SCRUBBED:
            await press(pilot, "n")
        shown = _static(screen, "#text")
        assert shown.plain == SCRUBBED  # markup shown as typed
        assert _styled(shown, MASK_STYLE) == ["[phone]"]
        assert _styled(shown, CHECK_STYLE) == ["Tenzing", "Marlow", "14th"]
        line = _static(screen, "#to-check").plain
        assert line == "To check: Tenzing (name), Marlow (place), 14th (number)"
        legend = str(screen.query_one("#mask-help", Static).content)
        assert "Underlined: still looks like a name, number, date or place" in legend
        assert "Underlined: still looks" in " ".join(screen_text(app).split())
        row = screen.query_one("#comments", OptionList).get_option_at_index(app.desk.index)
        assert isinstance(row.prompt, Text)
        assert "Tenzing" in _styled(row.prompt, CHECK_STYLE)


async def test_an_edit_is_checked_again_and_its_wording_marked(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("KIOSK_HOME", str(tmp_path / "home"))
    desk = make_desk(tmp_path, (("Lunch was lovely", True, 1),))
    app = desk.app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await press(pilot, "e", "ctrl+a", "ctrl+k")
        await pilot.press(*"Lunch in Marlow with Priya")
        await press(pilot, "ctrl+s")
        screen = app.screen
        assert isinstance(screen, CommentsScreen)
        edited = _static(screen, "#edited")
        assert edited.plain == "Will be shown as: Lunch in Marlow with [name]"
        assert _styled(edited, MASK_STYLE) == ["[name]"]
        assert _styled(edited, CHECK_STYLE) == ["Marlow"]
