"""Take my answers back on the kiosk itself, with the receipt code (issue 13)."""

from __future__ import annotations

from collections.abc import Callable

from kiosk.screens.take_back_modal import FREE_TRIES
from tests.support.kiosk import SIZE, FakeClock, Kiosk, begin, press, settle, tap, wait_until
from tests.support.screen import screen_text

KioskMaker = Callable[..., Kiosk]


def words(kiosk: Kiosk) -> str:
    return " ".join(screen_text(kiosk.app).replace("│", " ").split())


async def send_one(pilot: object, kiosk: Kiosk) -> str:
    """Answer the short survey, send it, and come back to the welcome screen."""
    await begin(pilot)
    await press(pilot, "1", "enter", "1", "enter", *"fine", "enter")
    await tap(pilot, "#send")
    code = kiosk.app.screen.code
    await tap(pilot, "#finish")
    assert kiosk.screen_name == "WelcomeScreen"
    return str(code)


async def type_code(pilot: object, code: str) -> None:
    await press(pilot, *code, "enter")


async def test_a_person_takes_their_answers_back_with_their_code(
    make_kiosk: KioskMaker,
) -> None:
    kiosk = make_kiosk("short")
    async with kiosk.app.run_test(size=SIZE) as pilot:
        code = await send_one(pilot, kiosk)
        assert len(kiosk.responses()) == 1
        await tap(pilot, "#take-back")
        assert kiosk.screen_name == "TakeBackModal"
        await type_code(pilot, code.lower().replace("-", " "))  # typed any old way
        assert "Done. Those answers have been deleted" in words(kiosk)
        assert code not in screen_text(kiosk.app)
        assert kiosk.responses() == []
        await press(pilot, "enter")  # Finish
        assert kiosk.screen_name == "WelcomeScreen"
    audit = (kiosk.home / "audit.jsonl").read_text(encoding="utf-8")
    assert '"withdraw"' in audit
    assert code not in audit
    assert code.replace("-", "") not in audit


async def test_a_wrong_code_gets_kind_words_and_keeps_everything(make_kiosk: KioskMaker) -> None:
    kiosk = make_kiosk("short")
    async with kiosk.app.run_test(size=SIZE) as pilot:
        await send_one(pilot, kiosk)
        await tap(pilot, "#take-back")
        await type_code(pilot, "hello")
        assert "That doesn't look like a receipt code" in words(kiosk)
        await type_code(pilot, "7K3QD-M9XTA")
        assert "We couldn't find answers with that code" in words(kiosk)
        assert "within 14 days" in words(kiosk)  # why it may have expired
        for word in ("Invalid", "invalid", "Error", "error"):
            assert word not in words(kiosk)
        assert len(kiosk.responses()) == 1
        await press(pilot, "escape")
        assert kiosk.screen_name == "WelcomeScreen"


async def test_guessing_codes_slows_down_even_for_the_right_one(make_kiosk: KioskMaker) -> None:
    clock = FakeClock()
    kiosk = make_kiosk("short", monotonic=clock)
    async with kiosk.app.run_test(size=SIZE) as pilot:
        code = await send_one(pilot, kiosk)
        await tap(pilot, "#take-back")
        for _ in range(FREE_TRIES):
            await type_code(pilot, "7K3QD-M9XTA")
        await type_code(pilot, code)
        assert "please wait 30 seconds" in words(kiosk)
        assert len(kiosk.responses()) == 1  # not even checked during the wait
        await press(pilot, "escape")  # closing the box doesn't reset the wait
        await tap(pilot, "#take-back")
        await type_code(pilot, code)
        assert "please wait 30 seconds" in words(kiosk)
        clock.now += 31
        await type_code(pilot, code)
        assert "Done. Those answers have been deleted" in words(kiosk)
        assert kiosk.responses() == []


async def test_the_take_back_box_is_forgotten_when_idle(make_kiosk: KioskMaker) -> None:
    clock = FakeClock()
    kiosk = make_kiosk("short", idle_seconds=0.3, countdown_seconds=0.2, monotonic=clock)
    async with kiosk.app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await tap(pilot, "#take-back")
        await press(pilot, *"7K3QD")
        clock.advance(1)
        await wait_until(pilot, lambda: kiosk.screen_name == "WelcomeScreen")
        assert "7K3QD" not in screen_text(kiosk.app)
