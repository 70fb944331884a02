"""The waiting and thank-you pages of a live poll never reload on their own (a screen
reader would start again every few seconds, and every reload spent the room's shared
rate limit): a large "Check again" button fetches the page when the person wants."""

from __future__ import annotations

import re

from kiosk.web import wording
from kiosk.web.server import PhoneServer
from surveys.storage import SessionInfo
from surveys.storage.tinydb_tallies import TinyDbTallyStore
from tests.kiosk.web.conftest import close_poll, open_poll
from tests.support.web import Page, Phone

CHECK_AGAIN = re.compile(
    r'<form method="get" action="/vote" class="check-again">\s*'
    r'<button type="submit" class="main">Check again</button>\s*</form>'
)


def assert_waits_without_reloading(page: Page) -> None:
    assert page.status == 200
    assert "http-equiv" not in page.text
    assert "refresh" not in page.text.lower()
    assert CHECK_AGAIN.search(page.text), page.text
    assert "<script" not in page.text


async def test_the_waiting_page_has_a_check_again_button_and_no_reload(
    server: PhoneServer, tallies: TinyDbTallyStore, session: SessionInfo
) -> None:
    async with Phone(server.base_url) as phone:
        page = await phone.get(server.join_url)
        assert page.h1 == "Please wait"
        assert_waits_without_reloading(page)
        open_poll(tallies, session, "day")
        page = await phone.get("/vote?")  # what pressing "Check again" sends
        assert page.h1 == "Which day suits you?"
        assert page.field("poll") == "day"


async def test_the_thank_you_page_has_a_check_again_button_and_no_reload(
    server: PhoneServer, tallies: TinyDbTallyStore, session: SessionInfo
) -> None:
    open_poll(tallies, session, "day")
    async with Phone(server.base_url) as phone:
        await phone.get(server.join_url)
        page = await phone.post("/vote", {"poll": "day", "answer": "Monday"})
        assert page.h1 == "Thank you, your vote is in"
        assert_waits_without_reloading(page)
        open_poll(tallies, session, "useful")
        page = await phone.get("/vote?")
        assert page.field("poll") == "useful"
        close_poll(tallies, session, "useful")
        page = await phone.get("/vote?")
        assert page.h1 == "Please wait"


async def test_no_message_page_reloads_on_its_own(server: PhoneServer) -> None:
    for message in vars(wording).values():
        if isinstance(message, wording.Message):
            response = server.context.pages.message(message, language="en")
            assert response.text is not None
            assert "http-equiv" not in response.text, message.title
