"""The welcome screen: F1 and F6 work there too, and a locked kiosk never shows
participants the operator's set-up notes (issue 13, finding 6)."""

from __future__ import annotations

from collections.abc import Callable

from tests.support.kiosk import SIZE, Kiosk, press, settle
from tests.support.phones import LOOPBACK
from tests.support.screen import screen_text

KioskMaker = Callable[..., Kiosk]
PIN = "246810"


def words(kiosk: Kiosk) -> str:
    return " ".join(screen_text(kiosk.app).replace("│", " ").split())


async def test_f6_opens_text_and_sound_on_the_welcome_screen(make_kiosk: KioskMaker) -> None:
    kiosk = make_kiosk("short")
    async with kiosk.app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await press(pilot, "f6")
        assert kiosk.screen_name == "PreferencesModal"


async def test_f1_explains_on_the_welcome_screen(make_kiosk: KioskMaker) -> None:
    kiosk = make_kiosk("short")
    async with kiosk.app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await press(pilot, "f1")
        assert kiosk.screen_name == "HelpModal"


async def test_a_locked_kiosk_keeps_set_up_notes_for_the_operator(make_kiosk: KioskMaker) -> None:
    kiosk = make_kiosk("short", unlocked=False)
    kiosk.app.operator_pin.set(PIN)
    async with kiosk.app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert kiosk.services.sealer.demo
        assert "kiosk keys new" not in words(kiosk)
        assert "demo key" not in words(kiosk)
        await press(pilot, "f12", *PIN, "enter")
        await kiosk.app.workers.wait_for_complete()
        await settle(pilot)
        assert kiosk.screen_name == "OperatorScreen"
        assert "make a coordinator key with: kiosk keys new" in words(kiosk)
        await press(pilot, "escape")
        assert "kiosk keys new" not in words(kiosk)
    assert "kiosk keys new" in kiosk.app.problem_log.path.read_text(encoding="utf-8")


async def test_an_unlocked_kiosk_still_says_so_on_the_welcome_screen(
    make_kiosk: KioskMaker,
) -> None:
    kiosk = make_kiosk("short")
    async with kiosk.app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert "Unlocked — for trying out" in words(kiosk)


async def test_every_welcome_target_is_on_screen_at_60x20_with_notes(
    make_kiosk: KioskMaker,
) -> None:
    """Unlocked with the demo key (what ``make kiosk`` starts) at the smallest size:
    Start, Read aloud and Take my answers back are all whole, above the notes."""
    kiosk = make_kiosk("short", phones=LOOPBACK)
    async with kiosk.app.run_test(size=(60, 20)) as pilot:
        await settle(pilot)
        await kiosk.app.workers.wait_for_complete()
        await settle(pilot)
        screen = kiosk.app.screen
        notes = screen.query_one("#notes")
        assert notes.display
        assert notes.region.height >= 2  # unlocked, and the demo key
        screen_area = screen.region
        for target in ("#start", "#read-welcome", "#take-back", "#use-phone"):
            region = screen.query_one(target).region
            assert region.height >= 3, target
            assert screen_area.contains_region(region), target
            assert region.bottom <= notes.region.y, f"{target} is under the notes"
