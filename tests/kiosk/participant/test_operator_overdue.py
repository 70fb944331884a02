"""The operator menu says how many actions are overdue in the data folder's action log."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from surveys.action_model import Action, ActionLog, ActionStatus
from surveys.action_reader import default_action_log, save_action_log
from tests.support.kiosk import SIZE, build_kiosk, press, settle
from tests.support.screen import screen_text


def _action(number: int, due: dt.date, status: ActionStatus = ActionStatus.PLANNED) -> Action:
    closed = due if status.is_closed else None
    return Action(f"a{number}", "Said.", "Did.", "Service manager", due, status, closed_on=closed)


async def test_the_operator_menu_says_3_actions_are_overdue(tmp_path: Path) -> None:
    kiosk = build_kiosk(tmp_path / "home", "short")
    today = kiosk.services.clock.now().date()
    past, future = today - dt.timedelta(days=10), today + dt.timedelta(days=10)
    log = ActionLog(
        (
            _action(1, past),
            _action(2, past, ActionStatus.IN_PROGRESS),
            _action(3, past),
            _action(4, past, ActionStatus.DONE),
            _action(5, future),
        )
    )
    path = default_action_log(kiosk.services.home)
    save_action_log(log, path)
    before = path.read_bytes()
    async with kiosk.app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await press(pilot, "f12")
        text = " ".join(screen_text(kiosk.app).split())
        assert "3 actions are overdue. Open 'kiosk actions' to see them." in text
    assert path.read_bytes() == before
    assert kiosk.app.problems == []


async def test_no_log_or_nothing_overdue_says_nothing(tmp_path: Path) -> None:
    kiosk = build_kiosk(tmp_path / "home", "short")
    async with kiosk.app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await press(pilot, "f12")
        assert "overdue" not in screen_text(kiosk.app)
    assert not default_action_log(kiosk.services.home).exists()


async def test_a_damaged_log_is_pointed_out_not_changed(tmp_path: Path) -> None:
    kiosk = build_kiosk(tmp_path / "home", "short")
    path = default_action_log(kiosk.services.home)
    path.write_text("actions:\n- id: a1\n  due: soon\n", encoding="utf-8")
    async with kiosk.app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await press(pilot, "f12")
        text = " ".join(screen_text(kiosk.app).split())
        assert "The action log has problems to put right: run 'kiosk check" in text
    assert path.read_text(encoding="utf-8") == "actions:\n- id: a1\n  due: soon\n"
