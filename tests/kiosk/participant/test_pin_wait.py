"""The PIN wait counts down, and the PIN can be tried again when it ends (issue 13)."""

from __future__ import annotations

from collections.abc import Callable

from tests.support.kiosk import SIZE, Kiosk, press, settle, wait_until
from tests.support.screen import screen_text

KioskMaker = Callable[..., Kiosk]
PIN = "246810"


class FakeClock:
    """A monotonic clock that moves only when told."""

    def __init__(self) -> None:
        self.now = 10.0

    def __call__(self) -> float:
        return self.now


async def attempt(kiosk: Kiosk, pilot: object, pin: str) -> None:
    await press(pilot, *pin, "enter")
    await kiosk.app.workers.wait_for_complete()
    await settle(pilot)  # type: ignore[arg-type]


async def test_the_wait_message_counts_down(make_kiosk: KioskMaker) -> None:
    clock = FakeClock()
    kiosk = make_kiosk("short", unlocked=False, monotonic=clock)
    kiosk.app.operator_pin.set(PIN)
    async with kiosk.app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await press(pilot, "f12")
        for _ in range(3):
            await attempt(kiosk, pilot, "975318")
        assert "Please wait 5 seconds" in screen_text(kiosk.app)
        clock.now += 2
        await wait_until(pilot, lambda: "Please wait 3 seconds" in screen_text(kiosk.app))
        clock.now += 3
        await wait_until(pilot, lambda: "You can try the PIN again now" in screen_text(kiosk.app))
