"""Reviewed pictures of a question screen in every text size and colour theme.

Regenerate with ``pytest tests/snapshots/test_accessibility_snapshots.py --snapshot-update``
and look at the SVGs under ``__snapshots__`` (or render them with headless Chromium)
before committing.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from textual.pilot import Pilot

from accessibility.speech import RecordingSpeaker
from kiosk.app import KioskApp, make_app
from kiosk.services import build_services
from tests.kiosk.participant.test_read_aloud import choose
from tests.support.kiosk import agree, press, settle, survey, tap

pytestmark = pytest.mark.usefixtures("fixed_receipt")

Compare = Callable[..., bool]
SIZES = ["Standard", "Large", "Largest"]
COLOURS = ["Standard", "High contrast", "Low light"]


def kiosk(home: Path) -> KioskApp:
    return make_app(
        survey("reading"), build_services(home), unlocked=True, speaker=RecordingSpeaker()
    )


def at_question(text_size: str, colours: str) -> Callable[[Pilot[object]], object]:
    """The first question, with its second choice picked, in this size and these colours."""

    async def steps(pilot: Pilot[object]) -> None:
        await settle(pilot)
        await tap(pilot, "#start")
        await choose(pilot, text_size, "text_size")
        await choose(pilot, colours, "colours")
        await tap(pilot, "#next")
        await agree(pilot)
        await press(pilot, "2")

    return steps


@pytest.mark.parametrize("colours", COLOURS)
@pytest.mark.parametrize("text_size", SIZES)
def test_question_in_each_size_and_theme(
    snap_compare: Compare, tmp_path: Path, text_size: str, colours: str
) -> None:
    app = kiosk(tmp_path / "home")
    assert snap_compare(app, run_before=at_question(text_size, colours), terminal_size=(80, 24))
    assert app.problems == []


def test_largest_text_fits_a_60_by_20_screen(snap_compare: Compare, tmp_path: Path) -> None:
    """The question stays in view; the big choices scroll beneath it; the tools stay put."""
    app = kiosk(tmp_path / "home")
    assert snap_compare(
        app, run_before=at_question("Largest", "High contrast"), terminal_size=(60, 20)
    )
    assert app.problems == []
