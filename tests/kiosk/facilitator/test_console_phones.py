"""The facilitator's console with the phone page on: it shows the session's join code,
P shows the join QR code (read back by a real decoder), a phone's vote reaches the
console within a second through the same tally store, the code is kept with the
session for the shared screen and cleared when the console closes."""

from __future__ import annotations

import socket
import time
from pathlib import Path
from typing import Any

from textual.pilot import Pilot

from kiosk.facilitator.console_services import FacilitatorServices
from kiosk.facilitator.presentation_app import PresentationApp
from kiosk.web.address import PhoneAddress
from kiosk.web.codes import display_code
from kiosk.widgets.qr_code import QRCodeWidget, QrHandoffPanel
from surveys.clock import FixedClock
from surveys.facilitation import Facilitation, SessionView
from surveys.polls import Room
from surveys.storage.tallies import PhoneJoin
from surveys.storage.tinydb_tallies import TinyDbTallyStore
from tests.support.facilitator import (
    NOW,
    SIZE,
    TODAY,
    Facilitator,
    build_console,
    poll_set,
    press,
    select_poll,
    settle,
    start_session,
)
from tests.support.phones import LOOPBACK, decode_widget, listening_ports, panel_words, wait_for
from tests.support.screen import screen_text
from tests.support.web import Phone


def console(home: Path, **options: Any) -> Facilitator:
    return build_console(home, phones=LOOPBACK, **options)


async def started(pilot: Pilot[Any], facilitator: Facilitator) -> PhoneJoin:
    """Start a session and wait for the phone page to be listening."""
    await start_session(pilot)
    await wait_for(pilot, lambda: facilitator.app.phones.join is not None)
    join = facilitator.app.phones.join
    assert join is not None
    return join


async def test_the_console_shows_the_join_code_and_keeps_it_with_the_session(
    home: Path,
) -> None:
    facilitator = console(home)
    async with facilitator.app.run_test(size=SIZE) as pilot:
        join = await started(pilot, facilitator)
        text = screen_text(facilitator.app)
        live = facilitator.app.live
        assert live is not None
        kept = TinyDbTallyStore(home / "sessions").phone_join(live.session.id)
    assert f"Phones: go to {join.address} and type {display_code(join.code)}" in text
    assert join.url == f"{join.address}/j/{join.code}"
    assert join.address.startswith("http://127.0.0.1:")
    assert kept == join
    # Closed, the console stops listening and the shared screen stops showing it.
    assert TinyDbTallyStore(home / "sessions").phone_join(live.session.id) is None


async def test_p_shows_the_join_qr_code_and_it_reads_as_the_join_link(home: Path) -> None:
    facilitator = console(home)
    async with facilitator.app.run_test(size=SIZE) as pilot:
        join = await started(pilot, facilitator)
        await press(pilot, "p")
        assert type(facilitator.app.screen).__name__ == "JoinModal"
        panel = facilitator.app.screen.query_one(QrHandoffPanel)
        decoded = decode_widget(panel.query_one(QRCodeWidget))
        words = panel_words(panel)
        await press(pilot, "escape")
        assert type(facilitator.app.screen).__name__ == "ConsoleScreen"
    assert decoded == [join.url]
    assert display_code(join.code) in words
    assert "Vote on your phone" in words


async def test_a_phone_vote_shows_on_the_console_within_a_second(home: Path) -> None:
    facilitator = console(home, poll_seconds=0.25)  # the console's real watch interval
    async with facilitator.app.run_test(size=SIZE) as pilot:
        join = await started(pilot, facilitator)
        await select_poll(pilot, "day")
        await press(pilot, "o")
        assert "0 of 10 have voted" in screen_text(facilitator.app)
        async with Phone(join.address) as phone:
            page = await phone.get(join.url)
            assert page.path == "/vote"
            assert page.field("poll") == "day"
            thanks = await phone.post("/vote", [("poll", "day"), ("answer", "Tuesday")])
            counted = time.monotonic()
            assert "Your vote has been counted" in thanks.text
            assert "Results will be shown on the screen." in thanks.text
        await wait_for(
            pilot, lambda: "1 of 10 have voted" in screen_text(facilitator.app), seconds=1.0
        )
        shown_after = time.monotonic() - counted
        live = facilitator.app.live
        assert live is not None
        assert dict(live.tally("day").counts) == {"Tuesday": 1}
    assert shown_after < 1.0
    assert facilitator.app.problems == []


async def test_a_console_without_phones_listens_on_nothing_and_has_no_p(home: Path) -> None:
    before = listening_ports()
    facilitator = build_console(home)
    async with facilitator.app.run_test(size=SIZE) as pilot:
        await start_session(pilot)
        await pilot.pause(0.5)
        text = screen_text(facilitator.app)
        assert listening_ports() == before
        assert facilitator.app.phones.server is None
        await press(pilot, "p")
        assert type(facilitator.app.screen).__name__ == "ConsoleScreen"
    assert "Phones" not in text
    assert " p " not in text.lower().split("\n")[-2]  # no P in the footer


async def test_a_resumed_session_keeps_its_join_code(home: Path) -> None:
    store = TinyDbTallyStore(home / "sessions")
    room = Room("Focus group", TODAY, 10, {})
    earlier = Facilitation.start(store, poll_set(), room)
    # The console that ran it stopped without tidying up (a flat battery, say).
    store.set_phone_join(earlier.session, PhoneJoin("ABC234", "http://127.0.0.1:1/j/ABC234"))
    facilitator = console(home)
    async with facilitator.app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.click("#resume-0")
        await settle(pilot)
        await wait_for(pilot, lambda: facilitator.app.phones.join is not None)
        join = facilitator.app.phones.join
    assert join is not None
    assert join.code == "ABC234"
    assert join.url.endswith("/j/ABC234")
    assert join.url != "http://127.0.0.1:1/j/ABC234"


async def test_the_shared_screen_shows_how_to_join_while_phones_are_on(home: Path) -> None:
    store = TinyDbTallyStore(home / "sessions")
    live = Facilitation.start(store, poll_set(), Room("Focus group", TODAY, 10, {}))
    live.open("day")
    services = FacilitatorServices(
        store=TinyDbTallyStore(home / "sessions"), clock=FixedClock(NOW), home=home
    )
    app = PresentationApp(services, [poll_set()], poll_seconds=0.05, find_seconds=0.1)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert "Vote on your phone" not in screen_text(app)
        # The console (another process) starts its phone page.
        store.set_phone_join(live.session, PhoneJoin("XYZ789", "http://192.168.1.20:8080/j/XYZ789"))
        await wait_for(pilot, lambda: "XYZ 789" in screen_text(app))
        text = screen_text(app)
        store.set_phone_join(live.session, None)
        await wait_for(pilot, lambda: "XYZ 789" not in screen_text(app))
    assert "Vote on your phone: go to http://192.168.1.20:8080 and type XYZ 789" in text


def test_a_session_view_reads_the_join_from_the_store(home: Path) -> None:
    store = TinyDbTallyStore(home / "sessions")
    live = Facilitation.start(store, poll_set(), Room("Focus group", TODAY, 10, {}))
    join = PhoneJoin("XYZ789", "http://[fe80::1]:8080/j/XYZ789")
    store.set_phone_join(live.session, join)
    view = SessionView(store, poll_set(), live.session, live.room)
    assert view.join == join
    assert join.address == "http://[fe80::1]:8080"


async def test_before_the_first_poll_the_shared_screen_shows_the_join_qr_code(
    home: Path,
) -> None:
    store = TinyDbTallyStore(home / "sessions")
    live = Facilitation.start(store, poll_set(), Room("Focus group", TODAY, 10, {}))
    url = "http://192.168.1.20:8080/j/XYZ789"
    store.set_phone_join(live.session, PhoneJoin("XYZ789", url))
    services = FacilitatorServices(store=store, clock=FixedClock(NOW), home=home)
    app = PresentationApp(services, [poll_set()], poll_seconds=0.05, find_seconds=0.1)
    async with app.run_test(size=(80, 40)) as pilot:
        await wait_for(pilot, lambda: bool(app.screen.query(QRCodeWidget)))
        decoded = decode_widget(app.screen.query_one(QRCodeWidget))
        live.open("day")  # the first poll takes the space
        await wait_for(pilot, lambda: not app.screen.query(QRCodeWidget))
        assert "XYZ 789" in screen_text(app)  # the line at the top stays
    assert decoded == [url]


async def test_a_console_whose_port_is_taken_says_so_and_carries_on(home: Path) -> None:
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        facilitator = build_console(home, phones=PhoneAddress("127.0.0.1", port))
        async with facilitator.app.run_test(size=SIZE) as pilot:
            await start_session(pilot)
            await wait_for(pilot, lambda: facilitator.app.phones.problem is not None)
            await settle(pilot)
            text = screen_text(facilitator.app)
            await select_poll(pilot, "day")
            await press(pilot, "o")  # the console still runs the polls
            live = facilitator.app.live
            assert live is not None
            assert live.open_poll() == "day"
    assert f"port {port} is already in use" in text
    assert facilitator.app.phones.server is None
    assert facilitator.app.return_code in (None, 0)
