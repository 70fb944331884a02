""" "You said — We did" on the phone (issue 16): ``/said-did`` lists the actions
ready to share, escaped, with no script; the handoff's first page (consent) and its
last pages (receipt, "No thanks") link to it when there is something to show, and
say when and where results are shared; a person mid-survey is offered the way back;
axe-core finds nothing wrong with it."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import AsyncIterator, Awaitable, Callable
from typing import Any

import pytest

from kiosk.web.server import PhoneServer
from surveys.action_cards import Card, card_for, shared_cards
from surveys.action_model import Action, ActionLog, ActionStatus
from surveys.action_reader import load_action_text
from surveys.model import Survey
from surveys.sealing import Opener, Sealer
from surveys.storage import SessionInfo
from surveys.storage.tinydb_store import TinyDbResponseStore
from tests.kiosk.web.conftest import GENEROUS
from tests.kiosk.web.test_browser import browser, phone_page
from tests.kiosk.web.test_browser_accessibility import checked
from tests.kiosk.web.test_handoff import answer_all, start_survey
from tests.support.action_logs import ACTIONS_YAML, NOT_SHOWN, SHOWN, THANKS_LINE, write_log
from tests.support.kiosk import Kiosk
from tests.support.phones import wait_for
from tests.support.web import MovableClock, Phone

__all__ = ["browser", "checked"]  # the fixtures, shared with the other browser tests

LINK = "You said — We did: see what we changed"


def plain(html: str) -> str:
    """A page's words without its tags, one space apart."""
    return " ".join(re.sub(r"<[^>]+>", " ", html).split())


def the_cards() -> tuple[Card, ...]:
    result = load_action_text(ACTIONS_YAML)
    assert result.log is not None
    return shared_cards(result.log)


@pytest.fixture
def cards() -> list[tuple[Card, ...]]:
    """What the kiosk shows now (a test may change it, as a coordinator would)."""
    return [the_cards()]


@pytest.fixture
async def said_did_server(
    survey: Survey,
    keys: tuple[Sealer, Opener],
    store: TinyDbResponseStore,
    session: SessionInfo,
    clock: MovableClock,
    cards: list[tuple[Card, ...]],
) -> AsyncIterator[PhoneServer]:
    server = PhoneServer(
        session=session,
        clock=clock,
        survey=survey,
        sealer=keys[0],
        store=store,
        settings=GENEROUS,
        said_did=lambda: cards[0],
        results_shared=lambda: THANKS_LINE,
    )
    await server.start("127.0.0.1", 0)
    yield server
    await server.stop()


async def test_the_list_shows_each_shared_action_and_nothing_else(
    said_did_server: PhoneServer,
) -> None:
    async with Phone(said_did_server.base_url) as phone:
        page = await phone.get("/said-did")
        assert page.status == 200
        assert page.h1 == "You said — We did"
        for said, did in SHOWN:
            assert f"{said} {did}" in plain(page.text)
        for hidden in NOT_SHOWN:
            assert hidden not in page.text
        assert "<script" not in page.text.lower()
        assert "You can close this page now." in page.text
        assert "Go back to the survey" not in page.text


async def test_words_on_the_list_are_escaped(
    said_did_server: PhoneServer, cards: list[tuple[Card, ...]]
) -> None:
    action = Action(
        "x",
        "<script>alert(1)</script> and {{ 7*7 }}",
        "We fixed <b>it</b>",
        "Lead",
        dt.date(2026, 1, 1),
        status=ActionStatus.DONE,
        share=True,
    )
    cards[0] = (card_for(action),)
    async with Phone(said_did_server.base_url) as phone:
        page = await phone.get("/said-did")
        assert "<script>alert" not in page.text
        assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page.text
        assert "{{ 7*7 }}" in page.text
        assert "&lt;b&gt;it&lt;/b&gt;" in page.text


async def test_consent_and_receipt_link_to_the_list_and_back(
    said_did_server: PhoneServer,
) -> None:
    async with Phone(said_did_server.base_url) as phone:
        page = await phone.get(said_did_server.new_handoff().url)
        assert page.path == "/s/consent"
        assert f'<a href="/said-did">{LINK}</a>' in page.text
        listed = await phone.get("/said-did")
        # Mid-survey: the way back to where they were.
        assert '<a href="/s">Go back to the survey</a>' in listed.text
        back = await phone.get("/s")
        assert back.path == "/s/consent"
        page = await phone.post("/s/consent", [("choice", "decline")])
        assert "Thank you" in page.h1
        assert f'<a href="/said-did">{LINK}</a>' in page.text
        assert f"<p>{THANKS_LINE}</p>" in page.text


async def test_the_receipt_page_links_to_the_list(said_did_server: PhoneServer) -> None:
    async with Phone(said_did_server.base_url) as phone:
        await start_survey(phone, said_did_server)
        await answer_all(phone)
        page = await phone.post("/s/review", [("action", "send")])
        assert "Your answers have been sent" in page.text
        assert f'<a href="/said-did">{LINK}</a>' in page.text
        assert f"<p>{THANKS_LINE}</p>" in page.text
        listed = await phone.get("/said-did")
        assert "Go back to the survey" not in listed.text  # the survey is over


async def test_no_shared_actions_no_links_and_a_kind_line(
    said_did_server: PhoneServer, cards: list[tuple[Card, ...]]
) -> None:
    cards[0] = shared_cards(ActionLog())
    async with Phone(said_did_server.base_url) as phone:
        page = await phone.get(said_did_server.new_handoff().url)
        assert "/said-did" not in page.text
        listed = await phone.get("/said-did")
        assert "There is nothing to show here yet." in listed.text


async def test_a_phone_page_not_given_the_cards_has_no_list(server: PhoneServer) -> None:
    async with Phone(server.base_url) as phone:
        page = await phone.get(server.new_handoff().url)
        assert "/said-did" not in page.text
        goodbye = await phone.post("/s/consent", [("choice", "decline")])
        assert "find out what happened next" not in goodbye.text
        page = await phone.get(server.new_handoff().url)
        listed = await phone.get("/said-did")
        assert listed.status == 404


def test_the_list_is_one_more_route_and_only_for_reading(
    said_did_server: PhoneServer, server: PhoneServer
) -> None:
    def routes(phone_server: PhoneServer) -> set[tuple[str, str]]:
        return {
            (route.method, route.resource.canonical)
            for route in phone_server.app.router.routes()
            if route.resource is not None and route.method != "HEAD"
        }

    assert routes(said_did_server) - routes(server) == {("GET", "/said-did")}


@pytest.mark.slow
async def test_the_list_passes_axe_and_reflows(
    browser: object,
    said_did_server: PhoneServer,
    checked: Callable[[Any, str], Awaitable[None]],
) -> None:
    page, problems = await phone_page(browser)
    await page.goto(said_did_server.new_handoff().url)  # type: ignore[attr-defined]
    await page.get_by_role("heading", name="Before you start").wait_for()  # type: ignore[attr-defined]
    await checked(page, "consent with the list's link")
    await page.get_by_role("link", name=LINK).click()  # type: ignore[attr-defined]
    await page.get_by_role("heading", name="You said — We did").wait_for()  # type: ignore[attr-defined]
    await checked(page, "you said, we did")
    items = await page.get_by_role("listitem").all_inner_texts()  # type: ignore[attr-defined]
    assert [" ".join(item.split()) for item in items] == [" ".join(card) for card in SHOWN]
    await page.get_by_role("link", name="Go back to the survey").click()  # type: ignore[attr-defined]
    await page.get_by_role("heading", name="Before you start").wait_for()  # type: ignore[attr-defined]
    assert problems == []


async def test_the_kiosks_phone_page_lists_what_its_welcome_screen_shows(
    make_kiosk: Callable[..., Kiosk],
) -> None:
    kiosk = make_kiosk(unlocked=False)
    write_log(kiosk.home)
    async with kiosk.app.run_test(size=(80, 24)) as pilot:
        await wait_for(pilot, lambda: kiosk.app.phone_server is not None)
        await wait_for(pilot, lambda: kiosk.app.said_did != ())
        server = kiosk.app.phone_server
        assert server is not None
        async with Phone(server.base_url) as phone:
            listed = await phone.get("/said-did")
            for said, did in SHOWN:
                assert f"{said} {did}" in plain(listed.text)
            for hidden in NOT_SHOWN:
                assert hidden not in listed.text
            # The phone's goodbye says when and where results are shared, as the kiosk does.
            await phone.get(server.new_handoff().url)
            goodbye = await phone.post("/s/consent", [("choice", "decline")])
            assert f"<p>{THANKS_LINE}</p>" in goodbye.text
