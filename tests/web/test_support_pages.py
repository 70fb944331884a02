"""Support on the phone pages: after "No thanks" and with the receipt code, the same
words as the kiosk (issue 13, support)."""

from __future__ import annotations

import html
from dataclasses import replace

import pytest

from kiosk.web.server import PhoneServer
from surveys.model import SupportBlock, SupportLine, Survey
from tests.web.support import Phone, every_kind_survey
from tests.web.test_handoff import answer_all, start_survey

SUPPORT = SupportBlock(
    "Alex, who is in the room today",
    (SupportLine("Samaritans", "Call 116 123, free, any time"),),
)


@pytest.fixture
def survey() -> Survey:
    return replace(every_kind_survey(), support=SUPPORT)


async def test_no_thanks_on_a_phone_offers_support(server: PhoneServer) -> None:
    async with Phone(server.base_url) as phone:
        await phone.get(server.new_handoff().url)
        page = await phone.post("/s/consent", [("choice", "decline")])
        text = html.unescape(page.text)
        assert "Nothing you gave has been kept" in text
        assert "If anything here was hard, you can talk to Alex, who is in the room today." in text
        assert "Samaritans: Call 116 123, free, any time." in text


async def test_the_receipt_page_offers_support(server: PhoneServer) -> None:
    async with Phone(server.base_url) as phone:
        await start_survey(phone, server)
        await answer_all(phone)
        receipt = await phone.post("/s/review", [("action", "send")])
        text = html.unescape(receipt.text)
        assert "Your answers have been sent" in text
        assert "If anything here was hard, you can talk to Alex, who is in the room today." in text
        assert "Samaritans: Call 116 123, free, any time." in text
