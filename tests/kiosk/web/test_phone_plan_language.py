"""A plan run in the group's language (`kiosk facilitate PLAN --lang cy`): the phone
page shows the plan's Welsh prompt, whatever language the phone chose for the page's
own words, because the console hands the phones the plan it runs."""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from kiosk.web.server import PhoneServer
from surveys.plan_reader import load_plan
from surveys.plan_templates import plan_path
from surveys.plan_translations import plan_in_language
from surveys.storage import SessionInfo
from surveys.storage.tinydb_tallies import TinyDbTallyStore
from tests.kiosk.web.conftest import GENEROUS
from tests.support.phone_plan import ConsoleSide
from tests.support.web import MovableClock, Phone

WELSH_PROMPT = "Beth fyddai&#39;n gwneud y gwahaniaeth mwyaf i chi?"
ENGLISH_PROMPT = "What would make the most difference to you?"


@pytest.fixture
def console(tmp_path: Path, session: SessionInfo, clock: MovableClock) -> ConsoleSide:
    plan = load_plan(plan_path("priority-setting")).plan
    assert plan is not None
    return ConsoleSide(tmp_path / "sessions", session, clock, plan_in_language(plan, "cy"))


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


@pytest.mark.parametrize("lang", ["cy", "en"])
async def test_the_idea_page_shows_the_group_s_welsh_prompt(
    server: PhoneServer, console: ConsoleSide, lang: str
) -> None:
    console.start()
    async with Phone(server.base_url) as phone:
        page = await phone.get(f"/j/{server.join_code}?lang={lang}")
        text = page.text.replace("'", "&#39;").replace("&#x27;", "&#39;")
        assert WELSH_PROMPT in text
        assert ENGLISH_PROMPT not in text
        assert "Ysgrifennu syniadau ar eich pen eich hun" in page.text
