"""Support on the phone pages: after "No thanks" and with the receipt code, the same
words as the kiosk (issue 13, support)."""

from __future__ import annotations

import html
from dataclasses import replace

import pytest

from kiosk.web.server import PhoneServer
from surveys.model import Section, SupportBlock, SupportLine, Survey
from tests.kiosk.web.test_handoff import ANSWERS, answer_all, start_survey
from tests.support.web import Phone, every_kind_survey

SUPPORT = SupportBlock(
    "Alex, who is in the room today",
    (SupportLine("Samaritans", "Call 116 123, free, any time"),),
)


@pytest.fixture
def survey() -> Survey:
    """Every kind, with "feeling" alone in a sensitive section, and support."""
    plain = every_kind_survey()
    questions = tuple(
        replace(q, section="hard") if q.id == "feeling" else q for q in plain.questions
    )
    hard = Section("hard", "How you feel", sensitive=True)
    return replace(plain, questions=questions, sections=(hard,), support=SUPPORT)


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


async def test_support_follows_a_sensitive_section_on_the_phone(server: PhoneServer) -> None:
    room = "you can talk to Alex, who is in the room today"
    async with Phone(server.base_url) as phone:
        await start_survey(phone, server)
        for question_id, fields in ANSWERS:
            assert phone.page is not None
            shown = html.unescape(phone.page.text)
            if question_id == "heard":  # the first page after the sensitive section
                assert room in shown
            else:
                assert room not in shown
            await phone.post(
                "/s/question", [("question", question_id), ("action", "next"), *fields]
            )
