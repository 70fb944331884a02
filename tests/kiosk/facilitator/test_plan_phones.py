"""``kiosk facilitate PLAN.yaml --phones``: the console's own phone page takes ideas
and rankings as the plan's stage says, through a real server on 127.0.0.1."""

from __future__ import annotations

from pathlib import Path

from surveys.idea_ranking import Style
from surveys.plan_record import round_id_for
from surveys.polls import PollStatus
from tests.support.facilitator import press, start_session
from tests.support.phones import LOOPBACK, wait_for
from tests.support.plan_console import build_plan_console, short_plan, wait_for_console
from tests.support.web import Phone


async def test_phones_send_ideas_and_rank_through_the_consoles_own_page(tmp_path: Path) -> None:
    console = build_plan_console(tmp_path, short_plan(), phones=LOOPBACK)
    async with console.app.run_test(size=(80, 24)) as pilot:
        await start_session(pilot, expected=6)
        await wait_for(pilot, lambda: console.app.phones.join is not None)
        join = console.app.phones.join
        assert join is not None
        await press(pilot, "t")
        phones = [Phone(join.address) for _ in range(6)]
        try:
            for number, phone in enumerate(phones):
                page = await phone.get(join.url)
                assert 'action="/idea"' in page.text, page.text[:300]
                sent = await phone.post("/idea", [("idea", f"Idea from phone {number}")])
                assert "your idea is in" in sent.text
            await wait_for_console(pilot)
            assert "6 ideas in · 6 waiting for you" in console.screen_text()

            await press(pilot, "a", "n", "n", "n")  # show all; share, merge, rank
            round_id = round_id_for(3)
            tally = console.group().round(round_id)
            assert tally.status is PollStatus.OPEN
            assert tally.style is Style.TOP
            for phone in phones:
                page = await phone.get("/vote")
                fields = [("round", page.field("round") or "")]
                fields += [(f"place-{n}", i) for n, i in enumerate(tally.candidates[:3], 1)]
                await phone.post("/rank", fields, csrf=page.csrf)
            await wait_for_console(pilot)
            assert console.group().round(round_id).votes == 6
            assert "6 of 6 have ranked" in console.screen_text()
        finally:
            for phone in phones:
                await phone.http.close()
    assert console.app.problems == []
