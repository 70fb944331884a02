"""Support when it's hard: after a sensitive section, on the thank-you and the "No
thanks" screens, shown and read (issue 13, support)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from kiosk.commands.survey_files import check_files
from kiosk.preferences import Preferences
from surveys.loader import load_survey
from tests.support.kiosk import SIZE, SURVEYS, Kiosk, begin, press, settle, tap
from tests.support.screen import screen_text

KioskMaker = Callable[..., Kiosk]

ROOM = "you can talk to Alex, who is in the room today"
SAMARITANS = "Samaritans: Call 116 123, free, any time."


def words(kiosk: Kiosk) -> str:
    """The words on screen, with box sides and the line breaks of wrapping taken out."""
    return " ".join(screen_text(kiosk.app).replace("│", " ").split())


async def test_support_follows_a_sensitive_section_and_nothing_else(
    make_kiosk: KioskMaker,
) -> None:
    kiosk = make_kiosk("support")
    async with kiosk.app.run_test(size=SIZE) as pilot:
        await begin(pilot)
        await press(pilot, "1", "enter")  # mood: not sensitive, no support yet
        assert kiosk.app.screen.question.id == "low"
        await press(pilot, "2", "enter")  # still inside the hard section
        assert kiosk.app.screen.question.id == "alone"
        await press(pilot, "2", "enter")  # leaving it: support first
        assert kiosk.screen_name == "SupportModal"
        assert ROOM in words(kiosk)
        assert SAMARITANS in words(kiosk)
        await press(pilot, "enter")  # Carry on
        assert kiosk.app.screen.question.id == "note"
        await press(pilot, *"fine", "enter")
        await tap(pilot, "#send")
        assert kiosk.screen_name == "ThanksScreen"
        assert ROOM in words(kiosk)
        assert "Shout: Text SHOUT to 85258." in words(kiosk)
    assert kiosk.answers() == [{"mood": "Good", "low": False, "alone": False, "note": "fine"}]


async def test_skipping_a_sensitive_section_still_offers_support(make_kiosk: KioskMaker) -> None:
    kiosk = make_kiosk("support")
    async with kiosk.app.run_test(size=SIZE) as pilot:
        await begin(pilot)
        await press(pilot, "f3", "f3", "f3")
        assert kiosk.screen_name == "SupportModal"


async def test_no_thanks_offers_support_too(make_kiosk: KioskMaker) -> None:
    kiosk = make_kiosk("support")
    async with kiosk.app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await tap(pilot, "#start")
        await tap(pilot, "#next")
        await tap(pilot, "#decline")
        assert kiosk.screen_name == "ThanksScreen"
        assert ROOM in words(kiosk)
        assert SAMARITANS in words(kiosk)


async def test_support_is_read_aloud(make_kiosk: KioskMaker) -> None:
    kiosk = make_kiosk("support")
    async with kiosk.app.run_test(size=SIZE) as pilot:
        await begin(pilot)
        kiosk.app.preferences = Preferences(read_aloud=True)  # as chosen on "How would you…"
        await press(pilot, "f3", "f3", "f3")
        assert kiosk.screen_name == "SupportModal"
        said = kiosk.speaker.said[-1]  # read as it appears
        assert said.startswith("If you would like some support.")
        assert f"If anything here was hard, {ROOM}." in said
        assert SAMARITANS in said
        assert said.endswith("Press Enter to carry on.")


async def test_a_survey_without_support_shows_none(make_kiosk: KioskMaker) -> None:
    kiosk = make_kiosk("short")
    async with kiosk.app.run_test(size=SIZE) as pilot:
        await begin(pilot)
        await press(pilot, "f3", "f3", "f3")
        await tap(pilot, "#send")
        assert "If anything here was hard" not in words(kiosk)


def test_kiosk_check_advises_a_support_block_for_a_sensitive_survey(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    text = (SURVEYS / "support.yaml").read_text(encoding="utf-8")
    start = text.index("support:")
    end = text.index("questions:")
    path = tmp_path / "no-support.yaml"
    path.write_text(text[:start] + text[end:], encoding="utf-8")
    assert check_files([path]) == 0  # advice, not an error
    printed = capsys.readouterr().out
    line = 1 + text[:start].splitlines().index("  - id: hard")
    assert f"{path}, line {line}, column 5: Advice: This survey asks about hard things" in printed
    assert "section 'hard' is marked sensitive" in printed
    assert check_files([path], strict=True) == 1


def test_a_support_block_is_checked_like_any_other(tmp_path: Path) -> None:
    text = (SURVEYS / "support.yaml").read_text(encoding="utf-8")
    path = tmp_path / "bad-support.yaml"
    path.write_text(text.replace("  talk_to:", "  talk_too:"), encoding="utf-8")
    result = load_survey(path)
    assert result.survey is None
    assert any("Did you mean 'talk_to'?" in p.message for p in result.problems)
    loaded = load_survey(SURVEYS / "support.yaml").survey
    assert loaded is not None
    assert loaded.support is not None
    assert [line.name for line in loaded.support.lines] == ["Samaritans", "Shout"]


async def test_support_is_offered_once_per_visit_even_after_a_change(
    make_kiosk: KioskMaker,
) -> None:
    kiosk = make_kiosk("support")
    async with kiosk.app.run_test(size=SIZE) as pilot:
        await begin(pilot)
        await press(pilot, "f3", "f3", "f3")
        assert kiosk.screen_name == "SupportModal"
        await press(pilot, "enter", "f3")
        assert kiosk.screen_name == "ReviewScreen"
        await tap(pilot, "#change-2")  # "Have you felt alone this week?"
        await press(pilot, "1", "enter")
        assert kiosk.screen_name == "ReviewScreen"  # straight back: support was offered
