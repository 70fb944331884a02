"""No traceback ever reaches the screen: errors are logged plainly and the kiosk carries on."""

from __future__ import annotations

import inspect
from collections.abc import Callable

import pytest
from textual.message_pump import MessagePump

from kiosk.app import GIVE_UP
from kiosk.problems import LOG_FILE, MAX_PROBLEMS, log_folder
from surveys.storage import SealedResponse
from tests.support.kiosk import SIZE, Kiosk, begin, press, settle
from tests.support.screen import screen_text

KioskMaker = Callable[..., Kiosk]
SECRET = "my very private answer"


class FailingOnceStore:
    """Wraps the real store; the first save fails as a full disk would."""

    def __init__(self, store: object) -> None:
        self.store = store
        self.failures = 0

    def save(self, response: SealedResponse) -> None:
        if self.failures == 0:
            self.failures += 1
            raise OSError(f"No space left while saving {SECRET!r}")
        self.store.save(response)  # type: ignore[attr-defined]

    def __getattr__(self, name: str) -> object:
        return getattr(self.store, name)


def test_the_guard_still_matches_textual() -> None:
    """``Guarded`` overrides this private method; Textual is pinned, but check anyway."""
    method = MessagePump._dispatch_message
    assert inspect.iscoroutinefunction(method)
    assert list(inspect.signature(method).parameters) == ["self", "message"]


async def test_a_failing_store_shows_a_calm_box_and_sending_again_works(
    make_kiosk: KioskMaker,
) -> None:
    kiosk = make_kiosk("short")
    kiosk.expect_problems = True
    failing = FailingOnceStore(kiosk.services.store)
    kiosk.services.store = failing  # type: ignore[assignment]
    async with kiosk.app.run_test(size=SIZE) as pilot:
        await begin(pilot)
        await press(pilot, "1", "enter", "f3", *SECRET, "enter")
        await pilot.click("#send")
        await settle(pilot)
        assert kiosk.screen_name == "ProblemModal"
        text = screen_text(kiosk.app)
        assert "Something went wrong." in text
        assert "Your answers so far are safe to send, or you can start again." in text
        assert "Traceback" not in text
        assert "OSError" not in text
        assert kiosk.app.is_running
        await pilot.click("#carry-on")
        await settle(pilot)
        assert kiosk.screen_name == "ReviewScreen"
        await pilot.click("#send")
        await settle(pilot)
        assert kiosk.screen_name == "ThanksScreen"
    assert kiosk.answers() == [{"mood": "Good", "note": SECRET}]
    assert len(kiosk.app.problems) == 1
    assert kiosk.app.problems[0].startswith("OSError in ")
    log = (log_folder(kiosk.home) / LOG_FILE).read_text()
    assert "OSError" in log
    assert "kiosk/app.py" in log
    assert SECRET not in log
    assert "No space left" not in log  # messages can quote answers, so none are kept


async def test_start_again_after_a_problem_forgets_the_visit(make_kiosk: KioskMaker) -> None:
    kiosk = make_kiosk("short")
    kiosk.expect_problems = True
    kiosk.services.store = FailingOnceStore(kiosk.services.store)  # type: ignore[assignment]
    async with kiosk.app.run_test(size=SIZE) as pilot:
        await begin(pilot)
        await press(pilot, "1", "enter", "f3", "f3")
        await pilot.click("#send")
        await settle(pilot)
        await pilot.click("#start-again")
        await settle(pilot)
        assert kiosk.screen_name == "WelcomeScreen"
        assert kiosk.app.session is None
    assert kiosk.responses() == []


async def test_an_error_in_a_timer_is_caught_by_the_last_guard(make_kiosk: KioskMaker) -> None:
    kiosk = make_kiosk("short")
    kiosk.expect_problems = True

    def broken() -> None:
        raise RuntimeError(SECRET)

    async with kiosk.app.run_test(size=SIZE) as pilot:
        await begin(pilot)
        await press(pilot, "2", "enter")
        kiosk.app.set_timer(0.01, broken)
        await pilot.pause(0.1)
        await settle(pilot)
        assert kiosk.screen_name == "ProblemModal"
        await pilot.click("#carry-on")
        await settle(pilot)
        assert kiosk.app.screen.question.id == "again"
        await press(pilot, "1", "enter", "f3")
        await pilot.click("#send")
        await settle(pilot)
    assert kiosk.answers() == [{"mood": "Okay", "again": True}]


async def test_a_flood_of_errors_closes_the_kiosk_with_a_plain_message(
    make_kiosk: KioskMaker, capsys: pytest.CaptureFixture[str]
) -> None:
    kiosk = make_kiosk("short")
    kiosk.expect_problems = True

    def broken() -> None:
        raise RuntimeError("again and again")

    async with kiosk.app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        kiosk.app.set_interval(0.01, broken)
        await pilot.pause(0.5)
    assert kiosk.app.return_code == 1
    assert len(kiosk.app.problems) > MAX_PROBLEMS
    printed = " ".join(capsys.readouterr().err.split())
    assert GIVE_UP in printed  # plain words on the terminal after closing …
    assert "Traceback" not in printed  # … and no traceback
    assert "again and again" not in printed
    assert kiosk.app.session is None


def test_a_burst_of_problems_is_too_many_only_within_the_window(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from kiosk import problems

    clock = [100.0]
    monkeypatch.setattr(problems.time, "monotonic", lambda: clock[0])
    burst = problems.ProblemBurst()
    assert not any(burst.too_many() for _ in range(MAX_PROBLEMS))
    assert burst.too_many()  # one more within the window: give up
    clock[0] += problems.PROBLEM_WINDOW_SECONDS + 1
    assert not burst.too_many()  # the old ones have passed
