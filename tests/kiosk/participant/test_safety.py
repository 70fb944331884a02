"""Shared-device safety: no way out without the PIN, idle clearing, the operator menu."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

import pytest

from kiosk.shared_device import CLEAR_SCREEN_AND_SCROLLBACK
from surveys import receipts
from surveys.clock import FixedClock
from surveys.operator_pin import LOCK_AFTER, LOCK_SECONDS, wait_after
from tests.support.kiosk import SIZE, FakeClock, Kiosk, begin, press, settle, wait_until
from tests.support.screen import screen_text

KioskMaker = Callable[..., Kiosk]
PIN = "246810"


@pytest.mark.parametrize(
    "keys",
    [
        ("ctrl+q",),
        ("ctrl+c",),
        ("ctrl+p",),
        ("ctrl+z",),
        ("ctrl+backslash",),
        ("ctrl+d",),
        ("escape", "escape"),
        ("alt+f4",),
        ("f10",),
        ("ctrl+w",),
    ],
)
async def test_no_key_quits_or_opens_a_palette(make_kiosk: KioskMaker, keys: tuple[str]) -> None:
    kiosk = make_kiosk("short", unlocked=False)
    async with kiosk.app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await press(pilot, *keys)
        await begin(pilot)
        await press(pilot, *keys)
        assert kiosk.app.is_running
        assert kiosk.app.return_code is None
        names = [type(screen).__name__ for screen in kiosk.app.screen_stack]
        assert "CommandPalette" not in names
        assert not any(name in ("PinModal", "OperatorScreen") for name in names)


async def test_only_the_operator_key_is_bound_with_priority(make_kiosk: KioskMaker) -> None:
    kiosk = make_kiosk("short")
    async with kiosk.app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        actions = {b.binding.action for b in kiosk.app.active_bindings.values()}
        assert not actions & {"quit", "app.quit", "command_palette", "help_quit", "suspend_process"}
        priority = [b.key for b in kiosk.app.BINDINGS if getattr(b, "priority", False)]
        assert priority == ["f12"]


# -- idle ------------------------------------------------------------------------------


async def test_idle_asks_then_discards_everything_and_clears_the_terminal(
    make_kiosk: KioskMaker,
) -> None:
    clock = FakeClock()
    kiosk = make_kiosk("short", idle_seconds=0.3, countdown_seconds=0.3, monotonic=clock)
    async with kiosk.app.run_test(size=SIZE) as pilot:
        driver = kiosk.app._driver
        written: list[str] = []
        original = driver.write
        driver.write = lambda data: (written.append(data), original(data))[1]  # type: ignore[method-assign]
        await begin(pilot)
        await press(pilot, "1", "enter")
        await press(pilot, *"private words")
        session = kiosk.app.session
        clock.advance(1)
        await wait_until(pilot, lambda: kiosk.screen_name == "IdleModal")
        assert "Are you still there?" in screen_text(kiosk.app)
        await wait_until(pilot, lambda: kiosk.screen_name == "WelcomeScreen")
        assert session is not None
        assert session.answers == {}
        assert kiosk.app.session is None
        assert CLEAR_SCREEN_AND_SCROLLBACK in written
        assert "\x1b[3J" in CLEAR_SCREEN_AND_SCROLLBACK
        assert "private words" not in screen_text(kiosk.app)
        assert kiosk.responses() == []
        assert [type(s).__name__ for s in kiosk.app.screen_stack] == ["WelcomeScreen"]


async def test_idle_i_need_more_time_keeps_answers(make_kiosk: KioskMaker) -> None:
    kiosk = make_kiosk("short", idle_seconds=1.0, countdown_seconds=5)
    async with kiosk.app.run_test(size=SIZE) as pilot:
        await begin(pilot)
        await press(pilot, "2", "enter")
        await wait_until(pilot, lambda: kiosk.screen_name == "IdleModal")
        await pilot.click("#more-time")
        await settle(pilot)
        assert kiosk.screen_name == "QuestionScreen"
        await press(pilot, "1", "enter", "f3")
        await pilot.click("#send")
        await settle(pilot)
        assert kiosk.answers() == [{"mood": "Okay", "again": True}]


async def test_any_key_on_the_idle_box_means_still_here(make_kiosk: KioskMaker) -> None:
    kiosk = make_kiosk("short", idle_seconds=1.0, countdown_seconds=5)
    async with kiosk.app.run_test(size=SIZE) as pilot:
        await begin(pilot)
        await wait_until(pilot, lambda: kiosk.screen_name == "IdleModal")
        await press(pilot, "x")
        assert kiosk.screen_name == "QuestionScreen"


async def test_typing_keeps_the_idle_box_away(make_kiosk: KioskMaker) -> None:
    kiosk = make_kiosk("short", idle_seconds=1.0, countdown_seconds=5)
    async with kiosk.app.run_test(size=SIZE) as pilot:
        await begin(pilot)
        await press(pilot, "f3", "f3")
        for letter in "slowly typed":  # 2.4 s in all, each key well inside the idle time
            await pilot.press(letter)
            await pilot.pause(0.2)
        assert kiosk.screen_name == "QuestionScreen"


async def test_welcome_screen_never_times_out(make_kiosk: KioskMaker) -> None:
    kiosk = make_kiosk("short", idle_seconds=0.1, countdown_seconds=0.1)
    async with kiosk.app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.pause(0.5)
        assert kiosk.screen_name == "WelcomeScreen"


# -- operator --------------------------------------------------------------------------


async def pin_attempt(kiosk: Kiosk, pilot: object, pin: str) -> str:
    await press(pilot, *pin, "enter")
    await kiosk.app.workers.wait_for_complete()
    await settle(pilot)
    return screen_text(kiosk.app)


async def test_kiosk_without_pin_asks_for_it_and_wrong_then_right_opens_menu(
    make_kiosk: KioskMaker,
) -> None:
    kiosk = make_kiosk("short", unlocked=False)
    kiosk.app.operator_pin.set(PIN)
    async with kiosk.app.run_test(size=SIZE) as pilot:
        await begin(pilot)
        await press(pilot, "1", "enter")
        await press(pilot, "f12")
        assert kiosk.screen_name == "PinModal"
        text = await pin_attempt(kiosk, pilot, "111112")
        assert "That PIN didn't match" in text
        assert kiosk.screen_name == "PinModal"
        assert PIN not in text
        await pin_attempt(kiosk, pilot, PIN)
        assert kiosk.screen_name == "OperatorScreen"
        await press(pilot, "escape")
        # The visitor's answers are untouched by the operator's visit.
        assert kiosk.screen_name == "QuestionScreen"
        assert kiosk.app.session is not None
        assert kiosk.app.session.answers == {"mood": "Good"}
    assert kiosk.responses() == []  # opening the menu stores nothing
    events = [e["event"] for e in kiosk.services.audit.entries()]
    assert events[-2:] == ["pin-wrong", "pin-ok"]
    log = kiosk.services.audit.path.read_text()
    assert PIN not in log
    assert "111112" not in log


async def test_pin_cancel_returns_to_the_visit(make_kiosk: KioskMaker) -> None:
    kiosk = make_kiosk("short", unlocked=False)
    kiosk.app.operator_pin.set(PIN)
    async with kiosk.app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await press(pilot, "f12")
        await pilot.click("#cancel")
        await settle(pilot)
        assert kiosk.screen_name == "WelcomeScreen"


async def test_ten_wrong_pins_lock_the_menu_even_after_a_restart(
    make_kiosk: KioskMaker,
) -> None:
    clock = FixedClock(dt.datetime(2025, 3, 1, 10, tzinfo=dt.UTC))
    kiosk = make_kiosk("short", unlocked=False)
    kiosk.app.operator_pin.clock = clock
    kiosk.app.operator_pin.set(PIN)
    async with kiosk.app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await press(pilot, "f12")
        for attempt in range(1, LOCK_AFTER + 1):
            text = await pin_attempt(kiosk, pilot, "999999")
            if attempt == 3:
                assert "Please wait 5 seconds" in text
                early = await pin_attempt(kiosk, pilot, PIN)
                assert "Please wait" in early
                assert kiosk.screen_name == "PinModal"  # even the right PIN waits
            clock.moment += dt.timedelta(seconds=wait_after(attempt))
        clock.moment -= dt.timedelta(seconds=wait_after(LOCK_AFTER))
        assert "locked for 15 minutes" in text
        text = await pin_attempt(kiosk, pilot, PIN)
        assert "locked" in text
        assert kiosk.screen_name == "PinModal"

    # The same PIN file and clock.
    restarted = make_kiosk("short", unlocked=False, operator_pin=kiosk.app.operator_pin)
    async with restarted.app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await press(pilot, "f12")
        text = await pin_attempt(restarted, pilot, PIN)
        assert "locked" in text
        clock.moment += dt.timedelta(seconds=LOCK_SECONDS)
        await pin_attempt(restarted, pilot, PIN)
        assert restarted.screen_name == "OperatorScreen"
    assert kiosk.responses() == []
    assert restarted.responses() == []
    events = [e["event"] for e in kiosk.services.audit.entries()]
    assert events.count("pin-locked") == 1
    assert events.count("pin-wrong") == LOCK_AFTER - 1


async def test_unlocked_operator_key_opens_menu_and_shows_a_note(make_kiosk: KioskMaker) -> None:
    kiosk = make_kiosk("short", unlocked=True)
    async with kiosk.app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert "Unlocked — for trying out" in screen_text(kiosk.app)
        await press(pilot, "f12")
        assert kiosk.screen_name == "OperatorScreen"


async def test_operator_menu_counts_withdraws_and_closes(
    make_kiosk: KioskMaker, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(receipts, "new_code", lambda: "7K3QD-M9XTA")
    kiosk = make_kiosk("short", unlocked=True)
    async with kiosk.app.run_test(size=SIZE) as pilot:
        await begin(pilot)
        await press(pilot, "1", "enter", "f3", "f3")
        await pilot.click("#send")
        await settle(pilot)
        await pilot.click("#finish")
        await settle(pilot)
        await pilot.click("#start")
        await settle(pilot)
        await pilot.click("#next")
        await settle(pilot)
        await pilot.click("#decline")
        await settle(pilot)
        await press(pilot, "f12")
        text = screen_text(kiosk.app)
        assert "This session: 1 sent, 1 said no thanks." in text
        await pilot.click("#code")
        await press(pilot, *"7k3qd m9xta", "enter")
        assert "Done. Those answers have been deleted" in screen_text(kiosk.app)
        assert kiosk.responses() == []
        assert "This session: 0 sent" in screen_text(kiosk.app)
        await pilot.click("#close-kiosk")
        await settle(pilot)
        assert kiosk.app.return_code == 0


async def test_operator_menu_closes_itself_when_left_alone(make_kiosk: KioskMaker) -> None:
    clock = FakeClock()
    kiosk = make_kiosk("short", unlocked=True, idle_seconds=0.3, monotonic=clock)
    async with kiosk.app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await press(pilot, "f12")
        assert kiosk.screen_name == "OperatorScreen"
        clock.advance(1)
        await wait_until(pilot, lambda: kiosk.screen_name == "WelcomeScreen")
