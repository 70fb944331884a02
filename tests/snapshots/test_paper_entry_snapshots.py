"""Reviewed pictures of keying in a paper form (pytest-textual-snapshot): a question
with its printed letters, and the check page before storing.

Regenerate with ``pytest tests/snapshots/test_paper_entry_snapshots.py --snapshot-update``
and look at every changed picture before committing it.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path

import pytest
from textual.pilot import Pilot

from kiosk.commands.paper import make_entry_app
from kiosk.paper_entry import PaperEntryApp
from kiosk.services import build_services
from surveys.clock import FixedClock
from surveys.loader import load_survey

SnapCompare = Callable[..., bool]
SURVEY = Path(__file__).resolve().parents[1] / "support" / "surveys" / "all_kinds.yaml"


def _app(home: Path) -> PaperEntryApp:
    survey = load_survey(SURVEY).survey
    assert survey is not None
    return make_entry_app(
        survey,
        "en",
        build_services(home, clock=FixedClock(dt.datetime(2026, 3, 12, 10, tzinfo=dt.UTC))),
    )


async def _type(pilot: Pilot[object], *entries: str) -> None:
    for text in entries:
        await pilot.press(*("space" if c == " " else c for c in text), "enter")
    await pilot.pause()


async def _on_question_two(pilot: Pilot[object]) -> None:
    await _type(pilot, "AB", "B")


async def _on_the_check_page(pilot: Pilot[object]) -> None:
    await _type(pilot, "AB", "B", "AD", "4", "9", "A", "Kind", "", "CAB")


@pytest.mark.parametrize("run_before", [_on_question_two, _on_the_check_page])
def test_keying_in_a_paper_form(
    snap_compare: SnapCompare, tmp_path: Path, run_before: Callable[..., object]
) -> None:
    assert snap_compare(_app(tmp_path / "home"), run_before=run_before, terminal_size=(100, 40))
