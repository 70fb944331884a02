"""Reviewed pictures of the action log editor (pytest-textual-snapshot).

Regenerate with ``pytest tests/snapshots/test_actions_snapshots.py --snapshot-update`` and
look at every changed picture before committing it.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from textual.pilot import Pilot

from tests.kiosk.actions.test_actions_editor import LOG, _app

SnapCompare = Callable[..., bool]


def test_action_list_opens_on_the_overdue(snap_compare: SnapCompare, tmp_path: Path) -> None:
    path = tmp_path / "actions.yaml"
    path.write_text(LOG, encoding="utf-8")
    assert snap_compare(_app(path), terminal_size=(100, 30))


async def _open_the_form(pilot: Pilot[object]) -> None:
    await pilot.pause()
    await pilot.press("e")
    await pilot.pause()


def test_action_form(snap_compare: SnapCompare, tmp_path: Path) -> None:
    path = tmp_path / "actions.yaml"
    path.write_text(LOG, encoding="utf-8")
    assert snap_compare(_app(path), run_before=_open_the_form, terminal_size=(100, 40))
