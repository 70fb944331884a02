"""Only a deliberate choice is an answer: focus alone, an untouched order or a key
pressed on arrival never stores anything (issue 13, finding 3)."""

from __future__ import annotations

from collections.abc import Callable

from tests.support.kiosk import SIZE, Kiosk, begin, press, settle, tap
from tests.support.screen import screen_text

KioskMaker = Callable[..., Kiosk]

NOTHING_CHOSEN = "Nothing is chosen yet"


async def to_question(pilot: object, kiosk: Kiosk, question_id: str) -> None:
    """Skip forward (F3) until the question with this id is on screen."""
    for _ in range(12):
        question = getattr(kiosk.app.screen, "question", None)
        if question is not None and question.id == question_id:
            return
        await press(pilot, "f3")
    raise AssertionError(f"never reached {question_id}")


async def send_from_review(pilot: object, kiosk: Kiosk) -> None:
    """Skip to the review and press Send by touch."""
    for _ in range(12):
        if kiosk.screen_name == "ReviewScreen":
            break
        await press(pilot, "f3")
    await tap(pilot, "#send")


async def test_enter_on_an_unanswered_single_choice_stores_nothing(
    make_kiosk: KioskMaker,
) -> None:
    kiosk = make_kiosk()
    async with kiosk.app.run_test(size=SIZE) as pilot:
        await begin(pilot)
        await to_question(pilot, kiosk, "course")
        await press(pilot, "enter")  # focus is on "Understanding anxiety"; nothing chosen
        assert kiosk.app.screen.question.id == "course"
        assert NOTHING_CHOSEN in screen_text(kiosk.app)
        await send_from_review(pilot, kiosk)
        assert kiosk.answers() == [{}]


async def test_enter_on_an_unanswered_scale_and_yes_no_stores_nothing(
    make_kiosk: KioskMaker,
) -> None:
    kiosk = make_kiosk()
    async with kiosk.app.run_test(size=SIZE) as pilot:
        await begin(pilot)
        for question_id in ("agree", "again"):
            await to_question(pilot, kiosk, question_id)
            await press(pilot, "enter")
            assert kiosk.app.screen.question.id == question_id
            assert NOTHING_CHOSEN in screen_text(kiosk.app)
        await send_from_review(pilot, kiosk)
        assert kiosk.answers() == [{}]


async def test_enter_after_tabbing_to_prefer_not_to_say_keeps_the_chosen_number(
    make_kiosk: KioskMaker,
) -> None:
    kiosk = make_kiosk("deliberate")
    async with kiosk.app.run_test(size=SIZE) as pilot:
        await begin(pilot)
        await to_question(pilot, kiosk, "score")
        await press(pilot, "1", "0")  # 10 is chosen
        prefer = kiosk.app.screen.query("ChoiceItem").last()
        assert prefer.value == "Prefer not to say"
        prefer.focus()  # as Tab would
        await settle(pilot)
        await press(pilot, "enter")
        await send_from_review(pilot, kiosk)
        assert kiosk.answers() == [{"score": 10}]


async def test_an_untouched_ranking_and_enter_stores_nothing(make_kiosk: KioskMaker) -> None:
    kiosk = make_kiosk()
    async with kiosk.app.run_test(size=SIZE) as pilot:
        await begin(pilot)
        await to_question(pilot, kiosk, "order")
        await press(pilot, "enter")
        assert kiosk.app.screen.question.id == "order"
        assert NOTHING_CHOSEN in screen_text(kiosk.app)
        await tap(pilot, "#next")
        assert kiosk.app.screen.question.id == "order"
        await send_from_review(pilot, kiosk)
        assert kiosk.answers() == [{}]


async def test_this_order_is_right_keeps_the_order_shown(make_kiosk: KioskMaker) -> None:
    kiosk = make_kiosk()
    async with kiosk.app.run_test(size=SIZE) as pilot:
        await begin(pilot)
        await to_question(pilot, kiosk, "order")
        await tap(pilot, "#order-right")  # keeps the order and goes on
        assert kiosk.screen_name == "ReviewScreen"
        await tap(pilot, "#send")
        assert kiosk.answers() == [{"order": ["Kind staff", "Clear handouts", "A quiet room"]}]


async def test_a_moved_ranking_is_an_answer(make_kiosk: KioskMaker) -> None:
    kiosk = make_kiosk()
    async with kiosk.app.run_test(size=SIZE) as pilot:
        await begin(pilot)
        await to_question(pilot, kiosk, "order")
        await press(pilot, "shift+down", "enter")
        assert kiosk.screen_name == "ReviewScreen"
        await tap(pilot, "#send")
        assert kiosk.answers() == [{"order": ["Clear handouts", "Kind staff", "A quiet room"]}]


async def test_review_opens_on_the_first_answer_and_a_key_on_arrival_never_sends(
    make_kiosk: KioskMaker,
) -> None:
    kiosk = make_kiosk("short")
    async with kiosk.app.run_test(size=SIZE) as pilot:
        await begin(pilot)
        await press(pilot, "1", "enter", "1", "enter", *"fine", "enter")
        assert kiosk.screen_name == "ReviewScreen"
        focused = kiosk.app.focused
        assert focused is not None
        assert focused.id == "change-0"
        await press(pilot, "space")
        assert kiosk.responses() == []
        assert kiosk.app.screen.question.id == "mood"  # Space opened the first answer
        await press(pilot, "enter")  # keeps "Good" and goes back to the review
        assert kiosk.screen_name == "ReviewScreen"
        await press(pilot, "enter")
        assert kiosk.responses() == []
        assert kiosk.app.screen.question.id == "mood"
        await press(pilot, "enter")
        await tap(pilot, "#send")
        assert kiosk.answers() == [{"mood": "Good", "again": True, "note": "fine"}]
