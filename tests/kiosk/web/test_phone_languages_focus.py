"""A focus group on phones in Welsh: the idea page, its thank-you, the top-3 ballot
(each place and a combined idea in Welsh words) and the dots ballot, with none of
the phone pages' own English left; the ideas themselves stay as written, escaped."""

from __future__ import annotations

import re
from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from kiosk.web.server import PhoneServer
from surveys.storage import SessionInfo
from surveys.storage.tinydb_tallies import TinyDbTallyStore
from tests.kiosk.web.conftest import GENEROUS
from tests.support.phone_languages import english_left
from tests.support.phone_plan import DOTS, MERGE, TOP3, ConsoleSide
from tests.support.web import MovableClock, Page, Phone


@pytest.fixture
def console(tmp_path: Path, session: SessionInfo, clock: MovableClock) -> ConsoleSide:
    return ConsoleSide(tmp_path / "sessions", session, clock)


@pytest.fixture
async def server(
    console: ConsoleSide, tallies: TinyDbTallyStore, clock: MovableClock
) -> AsyncIterator[PhoneServer]:
    phone_server = PhoneServer(
        session=console.session,
        clock=clock,
        tallies=tallies,
        polls=console.polls,
        focus=console.focus,
        plans=console.plans,
        settings=GENEROUS,
    )
    await phone_server.start("127.0.0.1", 0)
    yield phone_server
    await phone_server.stop()


PLAN_WORDS = ("Writing ideas on your own",)
"""The plan's own English (a stage title in the page title): the facilitator's words,
not the phone pages'."""


def shown(page: Page) -> str:
    labels = " ".join(re.findall(r'aria-label="([^"]*)"', page.text))
    text = re.sub(r"<[^>]+>", " ", page.text) + " " + labels
    for words in PLAN_WORDS:
        text = text.replace(words, "")
    return text


async def test_ideas_and_both_ballots_in_welsh(server: PhoneServer, console: ConsoleSide) -> None:
    console.start()
    async with Phone(server.base_url) as phone:
        idea = await phone.get(f"/j/{server.join_code}?lang=cy")
        assert '<html lang="cy" dir="ltr">' in idea.text
        assert "Ysgrifennu syniadau" in idea.text
        assert "hyd at 280 llythyren" in idea.text
        assert english_left(shown(idea), "cy") == []
        empty = await phone.post("/idea", [("idea", " ")])
        assert empty.status == 422
        assert "Ysgrifennwch eich syniad yn y blwch yn gyntaf" in empty.text
        for words in ("Buses", "Ramps", "Quiet room", "<b>Plain</b> letters"):
            thanks = await phone.post("/idea", [("idea", words)])
            assert thanks.h1 == "Diolch — mae eich syniad wedi cyrraedd"
            assert english_left(shown(thanks), "cy") == []
        console.go_to(MERGE)
        console.merge(["Ramps", "Quiet room"], "Access: ramps and a quiet room")
        console.go_to(TOP3)
        ballot = await phone.get("/vote")
        assert "Trefnu’n gyfrinachol" in ballot.text
        for place in ("Dewis 1af", "Dewis 2il", "Dewis 3ydd"):
            assert f">{place}</label>" in ballot.text
        assert "Yn dod â 2 syniad at ei gilydd" in ballot.text
        assert "&lt;b&gt;Plain&lt;/b&gt; letters" in ballot.text
        assert english_left(shown(ballot), "cy") == []
        console.go_to(DOTS)
        dots = await phone.get("/vote")
        assert "Mae gennych chi 10 dot i’w rhoi." in dots.text
        assert english_left(shown(dots), "cy") == []
