"""Reviewed pictures of the review screen (pytest-textual-snapshot).

Regenerate with ``pytest tests/snapshots/test_review_snapshots.py --snapshot-update`` and
look at every changed picture before committing it (for example, render the SVG
with ``chromium --headless --screenshot``).
"""

from __future__ import annotations

from collections.abc import Callable

import pytest
from textual.pilot import Pilot

from tests.support.review import Desk, press, settle

SnapCompare = Callable[..., bool]


async def _reading_a_masked_comment(pilot: Pilot[object]) -> None:
    """One comment kept with a theme; the next one, with a phone number, on show."""
    await settle(pilot)
    await press(pilot, *["n"] * 4)  # [name] on reception made me feel welcome.
    await press(pilot, "t", *"Feeling welcome", "enter", "k")
    await press(pilot, "h")


async def _after_an_edit(pilot: Pilot[object]) -> None:
    await _reading_a_masked_comment(pilot)
    await press(pilot, "e", "ctrl+a", "ctrl+k")
    await pilot.press(*"Please call Priya on 07911 123456")
    await press(pilot, "ctrl+s")


@pytest.mark.parametrize("size", [(100, 30), (80, 24)])
def test_review_screen(snap_compare: SnapCompare, desk: Desk, size: tuple[int, int]) -> None:
    assert snap_compare(desk.app(), run_before=_reading_a_masked_comment, terminal_size=size)


def test_review_screen_after_an_edit(snap_compare: SnapCompare, desk: Desk) -> None:
    assert snap_compare(desk.app(), run_before=_after_an_edit, terminal_size=(100, 30))
