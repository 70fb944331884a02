"""The participant's whole visit, driven by keys and by touch, asserting what was stored."""

from __future__ import annotations

from collections.abc import Callable

from surveys import receipts
from surveys.sending import withdraw
from tests.support.kiosk import SIZE, Kiosk, begin, press, read_consent, settle, wait_until
from tests.support.screen import screen_text

KioskMaker = Callable[..., Kiosk]

ALL_ANSWERS = {
    "course": "Sleep well",
    "liked": ["The peer trainer", "The room"],
    "agree": 4,
    "score": 8,
    "again": False,
    "word": "calm",
    "story": "Line one\nLine two",
    "order": ["Clear handouts", "Kind staff", "A quiet room"],
}


async def answer_every_kind_by_keys(kiosk: Kiosk, pilot: object) -> None:
    """Info page, then each kind with digits, typing and Shift+arrows; Enter goes on."""
    await press(pilot, "enter")  # the information page
    assert kiosk.app.screen.question.id == "course"
    await press(pilot, "2", "enter")  # single: digit chooses, Enter confirms
    await press(pilot, "1", "3", "enter")  # multi: digits toggle
    await press(pilot, "4", "enter")  # scale
    await press(pilot, "8", "enter")  # 0–10
    await press(pilot, "2", "enter")  # yes/no: 2 is No
    await press(pilot, *"calm", "enter")  # short text
    await press(pilot, *"Line one", "enter", *"Line two")  # long text: Enter is a new line
    await kiosk_click(pilot, "#next")
    await press(pilot, "shift+down", "enter")  # ranking: move the first item down


async def kiosk_click(pilot: object, selector: str) -> None:
    await pilot.click(selector)  # type: ignore[attr-defined]
    await settle(pilot)  # type: ignore[arg-type]


async def test_every_kind_by_keyboard_is_stored_exactly(make_kiosk: KioskMaker) -> None:
    kiosk = make_kiosk()
    async with kiosk.app.run_test(size=SIZE) as pilot:
        await begin(pilot, ticks=("quote",))
        await answer_every_kind_by_keys(kiosk, pilot)
        assert kiosk.screen_name == "ReviewScreen"
        assert kiosk.responses() == []  # nothing is kept before Send
        await kiosk_click(pilot, "#send")
        assert kiosk.screen_name == "ThanksScreen"
        # The response is on disk before the thank-you screen shows.
        stored = kiosk.responses()
        assert [r["answers"] for r in stored] == [ALL_ANSWERS]
        assert stored[0]["consent"]["ticks"] == {"quote": True}  # type: ignore[index]


async def test_every_kind_by_touch_is_stored_exactly(make_kiosk: KioskMaker) -> None:
    kiosk = make_kiosk()
    async with kiosk.app.run_test(size=SIZE) as pilot:
        await begin(pilot)
        await kiosk_click(pilot, "#next")  # information page
        items = lambda: list(kiosk.app.screen.query("ChoiceItem"))  # noqa: E731
        await pilot.click(items()[1])
        await kiosk_click(pilot, "#next")
        await pilot.click(items()[0])
        await pilot.click(items()[2])
        await kiosk_click(pilot, "#next")
        await pilot.click(items()[3])
        await kiosk_click(pilot, "#next")
        await pilot.click(items()[8])
        await kiosk_click(pilot, "#next")
        await pilot.click(items()[1])
        await kiosk_click(pilot, "#next")
        await kiosk_click(pilot, "#answer-box")
        await press(pilot, *"calm")
        await kiosk_click(pilot, "#next")
        await kiosk_click(pilot, "#answer-box")
        await press(pilot, *"Line one", "enter", *"Line two")
        await kiosk_click(pilot, "#next")
        await kiosk_click(pilot, "#rank-0 .down")
        await kiosk_click(pilot, "#next")
        await kiosk_click(pilot, "#send")
        assert kiosk.answers() == [ALL_ANSWERS]
        assert kiosk.responses()[0]["consent"]["ticks"] == {"quote": False}  # type: ignore[index]


async def test_skip_leaves_questions_out(make_kiosk: KioskMaker) -> None:
    kiosk = make_kiosk("short")
    async with kiosk.app.run_test(size=SIZE) as pilot:
        await begin(pilot)
        await press(pilot, "f3")  # skip "How was today?"
        await kiosk_click(pilot, "#tool-skip")  # skip by touch
        await press(pilot, *"fine", "enter")
        review = screen_text(kiosk.app)
        assert review.count("Skipped") == 2
        await kiosk_click(pilot, "#send")
        assert kiosk.answers() == [{"note": "fine"}]


async def test_back_keeps_the_earlier_answer_and_can_change_it(make_kiosk: KioskMaker) -> None:
    kiosk = make_kiosk("short")
    async with kiosk.app.run_test(size=SIZE) as pilot:
        await begin(pilot)
        await press(pilot, "1", "enter")
        await press(pilot, "escape")  # Back
        assert kiosk.app.screen.question.id == "mood"
        assert "(•) Good" in screen_text(kiosk.app)  # the earlier answer is shown
        await press(pilot, "3", "enter")
        await kiosk_click(pilot, "#tool-back")  # Back by touch, then forward again
        await press(pilot, "enter")
        await press(pilot, "1", "enter")
        await press(pilot, *"ok", "enter")
        await kiosk_click(pilot, "#send")
        assert kiosk.answers() == [{"mood": "Not so good", "again": True, "note": "ok"}]


async def test_back_on_the_first_question_explains_kindly(make_kiosk: KioskMaker) -> None:
    kiosk = make_kiosk("short")
    async with kiosk.app.run_test(size=SIZE) as pilot:
        await begin(pilot)
        await press(pilot, "escape")
        assert kiosk.app.screen.question.id == "mood"
        assert "This is the first question" in screen_text(kiosk.app)


async def test_change_from_review_updates_the_answer(make_kiosk: KioskMaker) -> None:
    kiosk = make_kiosk("short")
    async with kiosk.app.run_test(size=SIZE) as pilot:
        await begin(pilot)
        await press(pilot, "1", "enter")
        await press(pilot, "1", "enter")
        await press(pilot, *"first", "enter")
        assert kiosk.screen_name == "ReviewScreen"
        await kiosk_click(pilot, "#change-1")
        assert kiosk.app.screen.question.id == "again"
        await press(pilot, "2", "enter")
        assert kiosk.screen_name == "ReviewScreen"  # answering a change returns to review
        assert "No" in screen_text(kiosk.app)
        await kiosk_click(pilot, "#send")
        assert kiosk.answers() == [{"mood": "Good", "again": False, "note": "first"}]


async def test_review_back_returns_to_the_last_question(make_kiosk: KioskMaker) -> None:
    kiosk = make_kiosk("short")
    async with kiosk.app.run_test(size=SIZE) as pilot:
        await begin(pilot)
        await press(pilot, "f3", "f3", "f3")
        assert kiosk.screen_name == "ReviewScreen"
        await press(pilot, "escape")
        assert kiosk.app.screen.question.id == "note"


async def test_enter_with_nothing_chosen_asks_kindly(make_kiosk: KioskMaker) -> None:
    kiosk = make_kiosk("short")
    async with kiosk.app.run_test(size=SIZE) as pilot:
        await begin(pilot)
        await kiosk_click(pilot, "#next")
        text = screen_text(kiosk.app)
        assert "Please choose one of the options, or press Skip." in text
        assert kiosk.app.screen.question.id == "mood"
        await press(pilot, "f3", "f3")
        await press(pilot, "enter")  # empty text box
        assert "There's nothing written yet" in screen_text(kiosk.app)
        for word in ("Invalid", "Error", "error", "invalid"):
            assert word not in screen_text(kiosk.app)


async def test_no_thanks_counts_a_decline_and_keeps_nothing(make_kiosk: KioskMaker) -> None:
    kiosk = make_kiosk()
    async with kiosk.app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await kiosk_click(pilot, "#start")
        await kiosk_click(pilot, "#next")
        await kiosk_click(pilot, "#decline")
        assert kiosk.screen_name == "ThanksScreen"
        assert "Nothing you did here has been kept" in screen_text(kiosk.app)
        assert kiosk.declines() == 1
        assert kiosk.responses() == []
        await kiosk_click(pilot, "#finish")
        assert kiosk.screen_name == "WelcomeScreen"
        assert kiosk.app.session is None


async def test_consent_starts_with_nothing_chosen(make_kiosk: KioskMaker) -> None:
    kiosk = make_kiosk()
    async with kiosk.app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await kiosk_click(pilot, "#start")
        await kiosk_click(pilot, "#next")
        assert kiosk.screen_name == "ConsentScreen"
        await read_consent(pilot)  # the ticks come with the last part
        assert "[ ] You can quote my words" in screen_text(kiosk.app)
        await press(pilot, "enter", "enter", "1", "space")  # no key agrees by accident
        assert kiosk.screen_name == "ConsentScreen"
        assert kiosk.app.session is not None
        assert kiosk.app.session.consent is None


async def test_stop_asks_once_then_deletes_everything(make_kiosk: KioskMaker) -> None:
    kiosk = make_kiosk("short")
    async with kiosk.app.run_test(size=SIZE) as pilot:
        await begin(pilot)
        await press(pilot, "1", "enter")
        await press(pilot, "f5")
        assert kiosk.screen_name == "StopModal"
        assert "Stop and delete your answers?" in screen_text(kiosk.app)
        session = kiosk.app.session
        await kiosk_click(pilot, "#stop-yes")
        assert kiosk.screen_name == "WelcomeScreen"
        assert session is not None
        assert session.answers == {}
        assert kiosk.app.session is None
        assert kiosk.responses() == []
        assert kiosk.declines() == 0


async def test_stop_then_carry_on_keeps_answers(make_kiosk: KioskMaker) -> None:
    kiosk = make_kiosk("short")
    async with kiosk.app.run_test(size=SIZE) as pilot:
        await begin(pilot)
        await press(pilot, "2", "enter")
        await kiosk_click(pilot, "#tool-stop")
        await press(pilot, "escape")  # "No, carry on"
        assert kiosk.screen_name == "QuestionScreen"
        await press(pilot, "1", "enter")
        await press(pilot, "f3")
        await kiosk_click(pilot, "#send")
        assert kiosk.answers() == [{"mood": "Okay", "again": True}]


async def test_break_waits_then_carries_on(make_kiosk: KioskMaker) -> None:
    kiosk = make_kiosk("short", idle_seconds=1.0, countdown_seconds=0.2)
    async with kiosk.app.run_test(size=SIZE) as pilot:
        await begin(pilot)
        await press(pilot, "1", "enter")
        await kiosk_click(pilot, "#tool-break")
        assert kiosk.screen_name == "BreakModal"
        await pilot.pause(2.5)  # far longer than the idle time: a break waits
        assert kiosk.screen_name == "BreakModal"
        await kiosk_click(pilot, "#carry-on")
        assert kiosk.app.screen.question.id == "again"
        await press(pilot, "1", "enter")
        await press(pilot, "f3")
        await kiosk_click(pilot, "#send")
        assert kiosk.answers() == [{"mood": "Good", "again": True}]


async def test_thanks_returns_to_welcome_after_the_pause(make_kiosk: KioskMaker) -> None:
    kiosk = make_kiosk("short", thanks_seconds=0.3)
    async with kiosk.app.run_test(size=SIZE) as pilot:
        await begin(pilot)
        await press(pilot, "f3", "f3", "f3")
        await kiosk_click(pilot, "#send")
        assert kiosk.screen_name == "ThanksScreen"
        await wait_until(pilot, lambda: kiosk.screen_name == "WelcomeScreen")
        assert kiosk.app.session is None


async def test_receipt_code_is_shown_in_groups_and_withdraws(
    make_kiosk: KioskMaker, monkeypatch: object
) -> None:
    monkeypatch.setattr(receipts, "new_code", lambda: "7K3QD-M9XTA")  # type: ignore[attr-defined]
    kiosk = make_kiosk("short")
    async with kiosk.app.run_test(size=SIZE) as pilot:
        await begin(pilot)
        await press(pilot, "1", "enter")
        await press(pilot, "f3", "f3")
        await kiosk_click(pilot, "#send")
        assert "7 K 3 Q D    M 9 X T A" in screen_text(kiosk.app)
    stored = list(kiosk.services.store.responses())
    assert stored[0].receipt_hash == receipts.code_hash("7K3QD-M9XTA")
    done, _ = withdraw("7k3qd m9xta", kiosk.services.store)
    assert done
    assert kiosk.responses() == []


async def test_a_second_visitor_starts_clean(make_kiosk: KioskMaker) -> None:
    kiosk = make_kiosk("short")
    async with kiosk.app.run_test(size=SIZE) as pilot:
        await begin(pilot)
        await press(pilot, "1", "enter", "1", "enter", *"one", "enter")
        await kiosk_click(pilot, "#send")
        await kiosk_click(pilot, "#finish")
        await begin(pilot)
        assert "(•)" not in screen_text(kiosk.app)  # nothing pre-filled from the last person
        await press(pilot, "3", "enter", "2", "enter", *"two", "enter")
        await kiosk_click(pilot, "#send")
        assert kiosk.answers() == [
            {"mood": "Good", "again": True, "note": "one"},
            {"mood": "Not so good", "again": False, "note": "two"},
        ]
