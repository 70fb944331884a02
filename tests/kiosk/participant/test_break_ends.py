"""A break ends: after a generous, stated time the kiosk asks "Are you still there?",
then forgets the visit, typed text included (issue 13, finding 4)."""

from __future__ import annotations

from collections.abc import Callable

from tests.support.kiosk import SIZE, FakeClock, Kiosk, begin, press, settle, tap, wait_until
from tests.support.screen import screen_text

KioskMaker = Callable[..., Kiosk]


async def to_word(pilot: object, kiosk: Kiosk) -> None:
    """Skip to the one-word question."""
    for _ in range(10):
        question = getattr(kiosk.app.screen, "question", None)
        if question is not None and question.id == "word":
            return
        await press(pilot, "f3")
    raise AssertionError("never reached the one-word question")


async def to_typed_word(pilot: object, kiosk: Kiosk) -> None:
    """Skip to the one-word question and type there without going on."""
    await to_word(pilot, kiosk)
    await press(pilot, *"my secret")
    assert "my secret" in screen_text(kiosk.app)


async def let_the_guard_look(pilot: object) -> None:
    """Give the idle watch (every quarter of the idle time) a few chances to run."""
    for _ in range(4):
        await pilot.pause(0.1)  # type: ignore[attr-defined]
    await settle(pilot)  # type: ignore[arg-type]


async def test_the_break_says_how_long_answers_are_kept(make_kiosk: KioskMaker) -> None:
    kiosk = make_kiosk()
    async with kiosk.app.run_test(size=SIZE) as pilot:
        await begin(pilot)
        await press(pilot, "f4")
        assert kiosk.screen_name == "BreakModal"
        assert "We'll keep your answers for 10 minutes" in screen_text(kiosk.app)


async def test_a_break_lasts_its_time_then_asks_and_wipes_typed_text(
    make_kiosk: KioskMaker,
) -> None:
    clock = FakeClock()
    kiosk = make_kiosk(idle_seconds=0.2, countdown_seconds=0.3, monotonic=clock)
    async with kiosk.app.run_test(size=SIZE) as pilot:
        await begin(pilot)
        await to_typed_word(pilot, kiosk)
        await press(pilot, "f4")
        assert kiosk.screen_name == "BreakModal"
        clock.advance(9 * 60)  # far past the idle time, still inside the break
        await let_the_guard_look(pilot)
        assert kiosk.screen_name == "BreakModal"
        clock.advance(61)  # ten minutes have gone
        await wait_until(pilot, lambda: kiosk.screen_name == "IdleModal")
        assert "your answers will be deleted" in screen_text(kiosk.app)
        await wait_until(pilot, lambda: kiosk.screen_name == "WelcomeScreen")
        assert kiosk.app.session is None
        assert "my secret" not in screen_text(kiosk.app)
        # The next person starts afresh: the box is empty.
        await begin(pilot)
        await to_word(pilot, kiosk)
        assert kiosk.app.screen.query_one("#answer-box").value == ""
        assert "my secret" not in screen_text(kiosk.app)
    assert kiosk.responses() == []


async def test_a_person_back_from_a_break_carries_on_with_their_text(
    make_kiosk: KioskMaker,
) -> None:
    clock = FakeClock()
    kiosk = make_kiosk(idle_seconds=0.2, countdown_seconds=5, break_minutes=2, monotonic=clock)
    async with kiosk.app.run_test(size=SIZE) as pilot:
        await begin(pilot)
        await to_typed_word(pilot, kiosk)
        await press(pilot, "f4")
        assert "We'll keep your answers for 2 minutes" in screen_text(kiosk.app)
        clock.advance(121)
        await wait_until(pilot, lambda: kiosk.screen_name == "IdleModal")
        await tap(pilot, "#more-time")  # still here: back to the break, nothing lost
        assert kiosk.screen_name == "BreakModal"
        await tap(pilot, "#carry-on")
        assert kiosk.app.screen.query_one("#answer-box").value == "my secret"
