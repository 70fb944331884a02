""" "You said — We did" on the kiosk (issue 16): the welcome screen shows the shared
actions as cards in turn, without taking the focus or a touch, reads the card on
screen aloud, keeps every target on screen at 60x20; the idle box shows them too;
the thank-you screen says when and where results are shared. A missing or damaged
log shows no cards, and a damaged one is logged by its problem codes and places."""

from __future__ import annotations

from collections.abc import Callable, Iterator

import pytest

from accessibility import narration
from kiosk.screens.idle_modal import IdleModal
from kiosk.screens.thanks_screen import ThanksScreen
from kiosk.widgets.said_did_cards import SaidDidCards
from tests.support.action_logs import NOT_SHOWN, SHOWN, THANKS_LINE, write_log
from tests.support.kiosk import (
    SIZE,
    FakeClock,
    Kiosk,
    begin,
    press,
    read_consent,
    settle,
    tap,
    wait_until,
)
from tests.support.screen import screen_text

KioskMaker = Callable[..., Kiosk]


def words(kiosk: Kiosk) -> str:
    return " ".join(screen_text(kiosk.app).replace("│", " ").split())


def cards(kiosk: Kiosk) -> SaidDidCards:
    return kiosk.app.screen.query_one("#said-did", SaidDidCards)


@pytest.fixture
def quick_turns() -> Iterator[None]:
    """Cards change every 0.05 s, so "in turn" is seen without waiting long."""
    before = SaidDidCards.seconds
    SaidDidCards.seconds = 0.05
    yield
    SaidDidCards.seconds = before


async def test_the_welcome_screen_shows_the_shared_cards_in_turn(
    make_kiosk: KioskMaker, quick_turns: None
) -> None:
    kiosk = make_kiosk("short", unlocked=False)
    write_log(kiosk.home)
    async with kiosk.app.run_test(size=SIZE) as pilot:
        await wait_until(pilot, lambda: cards(kiosk).display)
        seen: set[tuple[str, str]] = set()
        for _ in range(200):
            card = cards(kiosk).current
            assert card is not None
            on_screen = words(kiosk)
            if card.you_said in on_screen and card.we_did in on_screen:
                seen.add(card.lines)
            if len(seen) == len(SHOWN):
                break
            await pilot.pause(0.03)
        assert seen == set(SHOWN)
        text = words(kiosk)
        assert "You said — We did" in text
        for hidden in NOT_SHOWN:
            assert hidden not in text
        assert [card.lines for card in cards(kiosk).cards] == list(SHOWN)
        # Turning never took the focus from Start.
        assert kiosk.app.focused is kiosk.app.screen.query_one("#start")


async def test_a_touch_on_a_card_does_nothing_and_start_still_starts(
    make_kiosk: KioskMaker, quick_turns: None
) -> None:
    kiosk = make_kiosk("short", unlocked=False)
    write_log(kiosk.home)
    async with kiosk.app.run_test(size=SIZE) as pilot:
        await wait_until(pilot, lambda: cards(kiosk).display)
        await pilot.click(cards(kiosk))
        await settle(pilot)
        assert kiosk.screen_name == "WelcomeScreen"
        assert kiosk.app.focused is kiosk.app.screen.query_one("#start")
        await press(pilot, "enter")
        assert kiosk.screen_name == "PreferencesScreen"


async def test_read_aloud_reads_the_card_on_screen(make_kiosk: KioskMaker) -> None:
    kiosk = make_kiosk("short", unlocked=False)
    write_log(kiosk.home)
    async with kiosk.app.run_test(size=SIZE) as pilot:
        await wait_until(pilot, lambda: cards(kiosk).display)
        cards(kiosk).next_card()  # the second card is on screen
        await settle(pilot)
        await tap(pilot, "#read-welcome")
        said = kiosk.speaker.said[-1]
        assert " ".join(SHOWN[1]) in said
        assert " ".join(SHOWN[0]) not in said
        assert said.startswith(narration.welcome(kiosk.app.survey, "Enter").split(".")[0])
        await press(pilot, "f2")  # the Read key says the same
        assert kiosk.speaker.said[-1] == said


@pytest.mark.parametrize("size", [(60, 20), (80, 24)])
async def test_a_card_never_pushes_a_target_off_the_screen(
    make_kiosk: KioskMaker, size: tuple[int, int]
) -> None:
    kiosk = make_kiosk("short", unlocked=False)
    write_log(kiosk.home)
    async with kiosk.app.run_test(size=size) as pilot:
        await wait_until(pilot, lambda: cards(kiosk).display)
        screen = kiosk.app.screen
        height = size[1]
        for target in ("#start", "#read-welcome", "#take-back"):
            region = screen.query_one(target).region
            assert region.bottom <= height, f"{target} is below the fold at {size}"
        card = cards(kiosk).region
        assert card.y >= screen.query_one("#take-back").region.bottom
        assert card.bottom <= height
        assert screen.scroll_offset.y == 0
        assert not screen.query_one("#said-did").has_focus


async def test_with_no_room_the_card_gives_way(make_kiosk: KioskMaker) -> None:
    # Unlocked at 60x20 the operator's notes take the space a card would need.
    kiosk = make_kiosk("short", unlocked=True)
    write_log(kiosk.home)
    async with kiosk.app.run_test(size=(60, 20)) as pilot:
        await wait_until(pilot, lambda: cards(kiosk).cards != ())
        await settle(pilot)
        assert not cards(kiosk).display
        assert kiosk.app.screen.query_one("#start").region.bottom <= 20
        assert "You said:" not in words(kiosk)


async def test_no_log_no_cards_and_nothing_logged(make_kiosk: KioskMaker) -> None:
    kiosk = make_kiosk("short", unlocked=False)
    async with kiosk.app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await kiosk.app.workers.wait_for_complete()
        await settle(pilot)
        assert not cards(kiosk).display
        assert "You said" not in words(kiosk)
    log = kiosk.app.problem_log.path
    assert not log.exists() or "action log" not in log.read_text(encoding="utf-8")


async def test_a_damaged_log_shows_no_cards_and_is_logged_by_place_only(
    make_kiosk: KioskMaker,
) -> None:
    kiosk = make_kiosk("short", unlocked=False)
    write_log(
        kiosk.home,
        "actions:\n- id: a1\n  you_said: Secret words from the room\n  due: not a date\n",
    )
    async with kiosk.app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.pause(0.1)
        assert kiosk.screen_name == "WelcomeScreen"
        assert not cards(kiosk).display
        await press(pilot, "enter")
        assert kiosk.screen_name == "PreferencesScreen"  # the kiosk carries on
    logged = kiosk.app.problem_log.path.read_text(encoding="utf-8")
    assert "action log (actions.yaml) could not be used" in logged
    assert "ACTION_BAD_DATE at line 4, column 8" in logged
    assert "Secret words" not in logged


async def test_a_log_that_cannot_be_read_at_all_is_logged_and_the_kiosk_carries_on(
    make_kiosk: KioskMaker,
) -> None:
    kiosk = make_kiosk("short", unlocked=False)
    (kiosk.home / "actions.yaml").mkdir()  # a folder where the file should be
    async with kiosk.app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.pause(0.1)
        assert kiosk.screen_name == "WelcomeScreen"
        assert not cards(kiosk).display
    logged = kiosk.app.problem_log.path.read_text(encoding="utf-8")
    assert "actions.yaml" in logged


async def test_a_log_changed_between_visitors_is_shown_to_the_next(
    make_kiosk: KioskMaker,
) -> None:
    kiosk = make_kiosk("short", unlocked=False)
    async with kiosk.app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert not cards(kiosk).cards
        write_log(kiosk.home)
        await begin(pilot)
        kiosk.app.go_home()
        await settle(pilot)
        await wait_until(pilot, lambda: cards(kiosk).display)
        assert [card.lines for card in cards(kiosk).cards] == list(SHOWN)


async def test_the_idle_box_shows_the_cards_below_it(make_kiosk: KioskMaker) -> None:
    clock = FakeClock()
    kiosk = make_kiosk(
        "short", unlocked=False, idle_seconds=0.3, countdown_seconds=30, monotonic=clock
    )
    write_log(kiosk.home)
    async with kiosk.app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await tap(pilot, "#start")
        clock.advance(1)
        await wait_until(pilot, lambda: isinstance(kiosk.app.screen, IdleModal))
        await wait_until(pilot, lambda: cards(kiosk).display)
        text = words(kiosk)
        assert "Are you still there?" in text
        assert SHOWN[0][0] in text
        box = kiosk.app.screen.query_one(".box")
        assert cards(kiosk).region.y >= box.region.bottom
        assert kiosk.app.focused is kiosk.app.screen.query_one("#more-time")


async def test_thank_you_says_when_and_where_results_are_shared(
    make_kiosk: KioskMaker,
) -> None:
    kiosk = make_kiosk("short", unlocked=False)
    write_log(kiosk.home)
    async with kiosk.app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.click("#start")
        await settle(pilot)
        await pilot.click("#next")
        await settle(pilot)
        await read_consent(pilot)
        await tap(pilot, "#decline")  # "No thanks": the kind goodbye
        await wait_until(pilot, lambda: kiosk.screen_name == "ThanksScreen")
        assert THANKS_LINE in words(kiosk)
        assert THANKS_LINE in kiosk.app.screen.narration()
        await tap(pilot, "#finish")
        # After sending too, with the receipt code.
        kiosk.app.push_screen(ThanksScreen("ABCD-EFGH", contact="the team"))
        await wait_until(pilot, lambda: kiosk.screen_name == "ThanksScreen")
        assert THANKS_LINE in words(kiosk)
        said = kiosk.app.screen.narration()
        assert said.index("delete your answers") < said.index(THANKS_LINE)


async def test_thank_you_says_nothing_of_results_without_a_log(make_kiosk: KioskMaker) -> None:
    kiosk = make_kiosk("short", unlocked=False)
    async with kiosk.app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        kiosk.app.push_screen(ThanksScreen("ABCD-EFGH"))
        await wait_until(pilot, lambda: kiosk.screen_name == "ThanksScreen")
        assert not kiosk.app.screen.query("#results-shared")


async def test_after_a_resize_the_card_is_fitted_again(make_kiosk: KioskMaker) -> None:
    kiosk = make_kiosk("short", unlocked=False)
    write_log(kiosk.home)
    async with kiosk.app.run_test(size=(80, 24)) as pilot:
        await wait_until(pilot, lambda: cards(kiosk).display)
        for size in ((60, 20), (70, 16), (80, 24)):
            await pilot.resize_terminal(*size)
            await settle(pilot)
            await pilot.pause(0.05)
            screen = kiosk.app.screen
            if size[1] >= 20:
                await wait_until(pilot, lambda: cards(kiosk).display)
                assert cards(kiosk).region.bottom <= size[1]
                assert screen.query_one("#take-back").region.bottom <= cards(kiosk).region.y
            else:  # below the smallest size: one kind sentence, no card
                assert "too small" in words(kiosk)
        assert kiosk.app.screen.query_one("#start").region.bottom <= 24


async def test_at_60x20_the_thanks_code_results_and_support_all_fit(
    make_kiosk: KioskMaker,
) -> None:
    kiosk = make_kiosk("support", unlocked=False)
    write_log(kiosk.home)
    async with kiosk.app.run_test(size=(60, 20)) as pilot:
        await settle(pilot)
        await pilot.pause(0.1)
        survey = kiosk.app.survey
        kiosk.app.push_screen(
            ThanksScreen("ABCD-EFGH-JK", contact=survey.consent.contact, support=survey.support)
        )
        await wait_until(pilot, lambda: kiosk.screen_name == "ThanksScreen")
        screen = kiosk.app.screen
        assert screen.max_scroll_y == 0
        text = words(kiosk)
        assert "Thank you. Your answers have been sent." in text
        assert THANKS_LINE in text
        assert "Samaritans" in text
        assert screen.query_one("#finish").region.bottom <= 20


async def test_words_in_the_log_are_never_markup(make_kiosk: KioskMaker) -> None:
    kiosk = make_kiosk("short", unlocked=False)
    write_log(
        kiosk.home,
        'results_shared: "[bold]At the café[/bold] \\u001b[31m"\n'
        "actions:\n"
        "- id: a1\n"
        '  you_said: "[red]Warm[/red] rooms"\n'
        '  we_did: "We fixed [link=http://x]it[/link]"\n'
        "  owner: Lead\n"
        "  due: 2026-01-01\n"
        "  status: done\n"
        "  closed_on: 2026-01-01\n"
        "  share: true\n",
    )
    async with kiosk.app.run_test(size=SIZE) as pilot:
        await wait_until(pilot, lambda: cards(kiosk).display)
        text = words(kiosk)
        assert "You said: [red]Warm[/red] rooms." in text
        assert "We did: We fixed [link=http://x]it[/link]." in text
        kiosk.app.push_screen(ThanksScreen(None))
        await wait_until(pilot, lambda: kiosk.screen_name == "ThanksScreen")
        assert "[bold]At the café[/bold]" in words(kiosk)
        assert "\x1b" not in screen_text(kiosk.app)
