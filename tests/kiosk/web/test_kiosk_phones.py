"""The participant kiosk with the phone page on: "Use my own phone" shows a one-time
link as a QR code that a real decoder reads back as the link on screen; a phone that
opens it, the link running out, or Back all return the kiosk to welcome; a phone can
take the whole survey and it is stored sealed with channel "phone". Without
``--phones`` nothing listens."""

from __future__ import annotations

import socket
from collections.abc import Callable
from typing import Any

import pytest
from textual.pilot import Pilot

from kiosk.screens.phone_offer import OFFER_WORDS
from kiosk.screens.phone_screen import PhoneScreen
from kiosk.web.address import PhoneAddress
from kiosk.web.codes import display_code
from kiosk.widgets.qr_code import QRCodeWidget, QrHandoffPanel
from tests.support.kiosk import Kiosk, begin, settle, tap
from tests.support.phones import (
    decode_widget,
    listening_ports,
    panel_words,
    screen_name,
    wait_for,
)
from tests.support.web import MovableClock, Phone

SIZE = (80, 24)
MakeKiosk = Callable[..., Kiosk]


async def phones_ready(pilot: Pilot[Any], kiosk: Kiosk) -> None:
    await wait_for(pilot, lambda: kiosk.app.phone_server is not None)


async def use_my_phone(pilot: Pilot[Any], kiosk: Kiosk) -> QrHandoffPanel:
    """From the welcome screen: "Use my own phone", then the panel it shows."""
    await phones_ready(pilot, kiosk)
    await tap(pilot, "#use-phone")
    await wait_for(pilot, lambda: screen_name(kiosk.app) == "PhoneScreen")
    return kiosk.app.screen.query_one(QrHandoffPanel)


async def test_use_my_own_phone_shows_a_qr_code_that_reads_as_the_link_on_screen(
    make_kiosk: MakeKiosk,
) -> None:
    kiosk = make_kiosk()
    async with kiosk.app.run_test(size=SIZE) as pilot:
        panel = await use_my_phone(pilot, kiosk)
        server = kiosk.app.phone_server
        assert server is not None
        base_url = server.base_url
        words = panel_words(panel)
        decoded = decode_widget(panel.query_one(QRCodeWidget))
        screen = kiosk.app.screen
        assert isinstance(screen, PhoneScreen)
        code = screen.handoff.code
    assert decoded == [panel.url]
    assert panel.url == f"{base_url}/h/{code}"
    assert base_url.startswith("http://127.0.0.1:")
    assert f"Or type the whole link: {panel.url}" in words
    assert f"Go to {base_url} and type this code:" in words
    assert display_code(code) in words
    assert code in decoded[0]
    assert len(code) == 6
    assert not set(code) & set("ILOU")  # no look-alikes
    assert "This link works once, for 15 minutes" in words


async def test_a_phone_opening_the_link_returns_the_kiosk_to_welcome(
    make_kiosk: MakeKiosk,
) -> None:
    kiosk = make_kiosk()
    async with kiosk.app.run_test(size=SIZE) as pilot:
        panel = await use_my_phone(pilot, kiosk)
        server = kiosk.app.phone_server
        assert server is not None
        async with Phone(server.base_url) as phone, Phone(server.base_url) as other:
            page = await phone.get(panel.url)
            assert page.path == "/s/consent"
            await wait_for(pilot, lambda: screen_name(kiosk.app) == "WelcomeScreen")
            # Once used, the link is this phone's: another phone is told kindly.
            assert (await other.get(panel.url)).status == 404
        assert kiosk.app.session is None


async def test_an_unopened_link_runs_out_after_15_minutes_and_the_kiosk_goes_home(
    make_kiosk: MakeKiosk,
) -> None:
    clock = MovableClock()
    kiosk = make_kiosk(clock=clock)
    async with kiosk.app.run_test(size=SIZE) as pilot:
        panel = await use_my_phone(pilot, kiosk)
        clock.advance(minutes=14, seconds=59)
        await pilot.pause(1.3)  # longer than the screen's check of the clock
        assert screen_name(kiosk.app) == "PhoneScreen"
        clock.advance(seconds=1)
        await wait_for(pilot, lambda: screen_name(kiosk.app) == "WelcomeScreen")
        server = kiosk.app.phone_server
        assert server is not None
        async with Phone(server.base_url) as phone:
            page = await phone.get(panel.url)
    assert page.status == 404
    assert "That code has expired" in page.text


async def test_back_returns_to_welcome_and_the_link_stops_working(
    make_kiosk: MakeKiosk,
) -> None:
    kiosk = make_kiosk()
    async with kiosk.app.run_test(size=SIZE) as pilot:
        panel = await use_my_phone(pilot, kiosk)
        await tap(pilot, "#phone-back")
        await wait_for(pilot, lambda: screen_name(kiosk.app) == "WelcomeScreen")
        # Esc is Back too.
        await use_my_phone(pilot, kiosk)
        await pilot.press("escape")
        await wait_for(pilot, lambda: screen_name(kiosk.app) == "WelcomeScreen")
        server = kiosk.app.phone_server
        assert server is not None
        async with Phone(server.base_url) as phone:
            page = await phone.get(panel.url)
        assert page.status == 404
        assert len(server.context.handoffs._pending) == 0


async def test_a_phone_takes_the_whole_survey_and_it_is_stored_sealed_as_phone(
    make_kiosk: MakeKiosk,
) -> None:
    kiosk = make_kiosk()
    async with kiosk.app.run_test(size=SIZE) as pilot:
        panel = await use_my_phone(pilot, kiosk)
        server = kiosk.app.phone_server
        assert server is not None
        async with Phone(server.base_url) as phone:
            await phone.get(panel.url)
            await phone.post("/s/consent", [("choice", "agree")])
            for question_id, answer in (("mood", "Okay"), ("again", "yes"), ("note", "Calm")):
                assert phone.page is not None
                assert phone.page.field("question") == question_id, phone.page.text[:400]
                await phone.post(
                    "/s/question",
                    [("question", question_id), ("action", "next"), ("answer", answer)],
                )
            assert phone.page is not None
            assert phone.page.path == "/s/review"
            receipt = await phone.post("/s/review", [("action", "send")])
            assert "Your answers have been sent" in receipt.text
        await settle(pilot)
        assert screen_name(kiosk.app) == "WelcomeScreen"
    [stored] = list(kiosk.services.store.responses())
    assert stored.channel == "phone"
    assert stored.session_id == kiosk.services.session.id
    assert kiosk.answers() == [{"mood": "Okay", "again": True, "note": "Calm"}]


async def test_after_no_thanks_the_goodbye_offers_the_survey_on_a_phone(
    make_kiosk: MakeKiosk,
) -> None:
    kiosk = make_kiosk()
    async with kiosk.app.run_test(size=SIZE) as pilot:
        await phones_ready(pilot, kiosk)
        await tap(pilot, "#start")
        await tap(pilot, "#next")
        await tap(pilot, "#decline")
        assert screen_name(kiosk.app) == "ThanksScreen"
        assert not kiosk.app.screen.query("#receipt-qr-show")
        await tap(pilot, "#use-phone")
        await wait_for(pilot, lambda: screen_name(kiosk.app) == "PhoneScreen")
        await tap(pilot, "#phone-back")
        await wait_for(pilot, lambda: screen_name(kiosk.app) == "WelcomeScreen")
    assert kiosk.declines() == 1


async def test_the_phone_page_listens_while_the_kiosk_runs_and_stops_with_it(
    make_kiosk: MakeKiosk,
) -> None:
    before = listening_ports()
    kiosk = make_kiosk()
    async with kiosk.app.run_test(size=SIZE) as pilot:
        await phones_ready(pilot, kiosk)
        server = kiosk.app.phone_server
        assert server is not None
        port = int(server.base_url.rsplit(":", 1)[1])
        assert port in listening_ports() - before
    assert listening_ports() == before
    assert not server.running


async def test_without_phones_nothing_listens_and_no_phone_button_shows(
    make_kiosk: MakeKiosk,
) -> None:
    before = listening_ports()
    kiosk = make_kiosk(phones=None)
    async with kiosk.app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.pause(0.5)  # time enough for a server to have started, were there one
        assert listening_ports() == before
        assert kiosk.app.phone_server is None
        assert not kiosk.app.screen.query("#use-phone")
        await begin(pilot)
        assert listening_ports() == before
    assert kiosk.app.phone_server is None


async def test_a_port_taken_after_the_check_closes_the_kiosk_with_plain_words(
    make_kiosk: MakeKiosk, capsys: pytest.CaptureFixture[str]
) -> None:
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        kiosk = make_kiosk(phones=PhoneAddress("127.0.0.1", port))
        async with kiosk.app.run_test(size=SIZE) as pilot:
            await wait_for(pilot, lambda: kiosk.app.return_code is not None)
    assert kiosk.app.return_code == 1
    assert kiosk.app.phone_server is None
    said = capsys.readouterr()
    assert f"port {port} is already in use" in said.out + said.err
    assert "Traceback" not in said.out + said.err


async def test_two_quick_taps_make_one_link(make_kiosk: MakeKiosk) -> None:
    kiosk = make_kiosk()
    async with kiosk.app.run_test(size=SIZE) as pilot:
        await phones_ready(pilot, kiosk)
        button = kiosk.app.screen.query_one("#use-phone")
        await pilot.click(button)
        await pilot.click(button)
        await wait_for(pilot, lambda: screen_name(kiosk.app) == "PhoneScreen")
        await pilot.pause(0.2)
        server = kiosk.app.phone_server
        assert server is not None
        phone_screens = [s for s in kiosk.app.screen_stack if isinstance(s, PhoneScreen)]
        assert len(phone_screens) == 1
        assert len(server.context.handoffs._pending) == 1


async def test_read_aloud_offers_the_phone_and_spells_out_the_code(
    make_kiosk: MakeKiosk,
) -> None:
    kiosk = make_kiosk()
    async with kiosk.app.run_test(size=SIZE) as pilot:
        await phones_ready(pilot, kiosk)
        await pilot.press("f2")
        await pilot.pause()
        assert kiosk.speaker.said[-1].endswith(OFFER_WORDS)
        await use_my_phone(pilot, kiosk)
        screen = kiosk.app.screen
        assert isinstance(screen, PhoneScreen)
        await pilot.press("f2")
        await pilot.pause()
        said = kiosk.speaker.said[-1]
    assert " ".join(screen.handoff.code) in said
    assert "works once, for 15 minutes" in said
