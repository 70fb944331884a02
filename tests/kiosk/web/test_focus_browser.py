"""A focus group on real phones: five Chromium phones (their own cookies each) write
ideas and rank them, top 3 and then with dots, while the console side moves the plan
on. Every page a phone meets passes axe-core and reflows at 188 CSS pixels; the store
is checked afterwards against totals worked out by hand."""

from __future__ import annotations

from collections.abc import AsyncIterator, Awaitable, Callable
from pathlib import Path
from typing import Any

import pytest

from kiosk.web.server import PhoneServer
from surveys import groups
from surveys.storage import SessionInfo
from surveys.storage.tinydb_tallies import TinyDbTallyStore
from tests.kiosk.web.conftest import GENEROUS
from tests.kiosk.web.test_browser import browser, phone_page
from tests.kiosk.web.test_browser_accessibility import checked, press
from tests.support.phone_plan import DOTS, RESULTS, TOP3, ConsoleSide
from tests.support.web import MovableClock

__all__ = ["browser", "checked"]  # the fixtures, shared with the other browser tests

pytestmark = pytest.mark.slow

Page = Any
Check = Callable[[Page, str], Awaitable[None]]
PROMPT = "What would make the most difference to you?"
TRICKY = "<script>alert(1)</script> {{7*7}} Buses on Sundays"
CARER = groups.label("carer")
LIVED = groups.label("lived")


@pytest.fixture
def console(tmp_path: Path, session: SessionInfo, clock: MovableClock) -> ConsoleSide:
    return ConsoleSide(tmp_path / "sessions", session, clock)


@pytest.fixture
async def server(
    console: ConsoleSide, tallies: TinyDbTallyStore, clock: MovableClock
) -> AsyncIterator[PhoneServer]:
    problems: list[str] = []
    phone_server = PhoneServer(
        session=console.session,
        clock=clock,
        tallies=tallies,
        polls=console.polls,
        focus=console.focus,
        plans=console.plans,
        settings=GENEROUS,
        report=lambda error, where: problems.append(f"{type(error).__name__} in {where}"),
    )
    await phone_server.start("127.0.0.1", 0)
    yield phone_server
    await phone_server.stop()
    assert problems == []


async def send_idea(page: Page, text: str, group: str | None = None) -> None:
    await page.get_by_label(PROMPT).fill(text)
    if group is not None:
        await page.get_by_role("radio", name=group, exact=True).check()
    await press(page, "Send my idea")
    await page.get_by_role("heading", name="Thank you — your idea is in").wait_for()


async def choose(page: Page, ideas: list[str], group: str | None = None) -> None:
    """Choose ideas (by id) for 1st, 2nd, 3rd … and send them."""
    for place, idea in enumerate(ideas, 1):
        await page.locator(f"#place-{place}").select_option(value=idea)
    if group is not None:
        await page.get_by_role("radio", name=group, exact=True).check()
    await press(page, "Send my choices")


async def test_phones_write_ideas_and_rank_them_in_a_browser(
    browser: object, server: PhoneServer, console: ConsoleSide, checked: Check
) -> None:
    phones: list[Page] = []
    logged: list[list[str]] = []
    for _ in range(5):
        page, problems = await phone_page(browser)
        await page.goto(server.join_url)
        phones.append(page)
        logged.append(problems)
    first = phones[0]
    await first.get_by_role("heading", name="Please wait").wait_for()
    console.start()

    # -- ideas --------------------------------------------------------------------------
    await press(first, "Check again")
    await first.get_by_label(PROMPT).wait_for()
    await checked(first, "idea")
    await press(first, "Send my idea")
    await first.get_by_role("alert").wait_for()
    await checked(first, "idea: nothing written")
    await send_idea(first, TRICKY, CARER)
    await checked(first, "idea: thank you")
    assert TRICKY not in await first.content()  # never shown back
    await send_idea(first, "Ramps at the front door")
    for page, text, group in (
        (phones[1], "A quiet room to wait in", LIVED),
        (phones[2], "Letters in plain words", None),
        (phones[3], "Step-free access", CARER),
    ):
        await page.reload()
        await send_idea(page, text, group)
    assert len(console.focus.pool.ideas) == 5
    assert dict(console.focus.pool.writers) == {"carer": 3, "lived": 1, groups.NOT_SAID: 1}

    # -- merge, then top 3 ----------------------------------------------------------------
    console.next()
    await press(first, "Check again")
    await first.get_by_role("heading", name="Please look at the screen").wait_for()
    await checked(first, "look at the screen")
    console.next()
    console.merge(["Ramps at the front door", "Step-free access"], "Step-free ways in")
    console.go_to(TOP3)
    ids = console.ids_by_words()
    buses, ramps, quiet, letters = (
        ids[TRICKY],
        ids["Step-free ways in"],
        ids["A quiet room to wait in"],
        ids["Letters in plain words"],
    )
    await press(first, "Check again")
    await first.locator("#place-1").wait_for()
    assert "Brings together 2 ideas" in await first.content()
    await checked(first, "rank: top 3")
    await choose(first, [buses, ramps])
    await first.get_by_role("alert").wait_for()
    assert await first.locator("#place-2").input_value() == ramps  # choices kept
    await checked(first, "rank: top 3, a problem")
    await choose(first, [buses, ramps, quiet])
    await first.get_by_role("heading", name="Thank you — your choices are in").wait_for()
    await checked(first, "rank: thank you")
    for page, ballot, group in (
        (phones[1], [quiet, buses, letters], LIVED),
        (phones[2], [ramps, buses, quiet], None),
        (phones[3], [ramps, quiet, letters], CARER),
        (phones[4], [letters, quiet, buses], LIVED),  # wrote nothing, ranks all the same
    ):
        await page.goto(f"{server.base_url}/vote")
        await choose(page, ballot, group)
        await page.get_by_role("heading", name="Thank you — your choices are in").wait_for()
    # A phone that loses signal and comes back is told its choices are in.
    await first.goto(server.join_url)
    await first.get_by_role("heading", name="Thank you — your choices are in").wait_for()

    # -- dots -----------------------------------------------------------------------------
    console.go_to(RESULTS)
    console.go_to(DOTS)
    await press(first, "Check again")
    await first.get_by_text("You have 10 dots to spend").wait_for()
    await checked(first, "rank: dots")
    dots = {buses: "6", ramps: "11"}  # the page's own words, not the browser's, say why
    for idea, number in dots.items():
        await first.locator(f'input[name="dots-{idea}"]').fill(number)
    await press(first, "Send my choices")
    await first.get_by_role("alert").wait_for()
    assert "You have 10 dots to spend, and have used 17." in await first.content()
    await checked(first, "rank: dots, a problem")
    await first.locator(f'input[name="dots-{ramps}"]').fill("4")
    await press(first, "Send my choices")
    await first.get_by_role("heading", name="Thank you — your choices are in").wait_for()
    for page, spent in ((phones[1], {quiet: "10"}), (phones[2], {letters: "3", ramps: "7"})):
        await page.goto(f"{server.base_url}/vote")
        for idea, number in spent.items():
            await page.locator(f'input[name="dots-{idea}"]').fill(number)
        await press(page, "Send my choices")
        await page.get_by_role("heading", name="Thank you — your choices are in").wait_for()
    # The last phone still holds the form when the ranking closes.
    late = phones[3]
    await late.goto(f"{server.base_url}/vote")
    await late.locator(f'input[name="dots-{quiet}"]').fill("10")
    console.next()
    await press(late, "Send my choices")
    await late.get_by_role("heading", name="This ranking has closed").wait_for()
    await checked(late, "rank: closed")
    # Nothing went wrong in any phone's browser (the late ballot's 409 is on purpose).
    assert [p for problems in logged for p in problems if "status of 409" not in p] == []

    # -- what the store holds, against totals worked out by hand ---------------------------
    top3 = console.round(TOP3)
    assert top3.votes == 5
    # The group cookie fills in the group each phone gave with its idea.
    assert dict(top3.voters) == {"carer": 2, "lived": 2, groups.NOT_SAID: 1}
    points = {i: sum(p.get(i, 0) for p in top3.points.values()) for i in top3.candidates}
    # 3 points for 1st, 2 for 2nd, 1 for 3rd; a rank sum adds the places, 4 for an
    # idea outside someone's top 3.
    assert points == {buses: 8, ramps: 8, quiet: 9, letters: 5}
    assert {i: 4 * top3.votes - n for i, n in points.items()} == {
        buses: 12,
        ramps: 12,
        quiet: 11,
        letters: 15,
    }
    spent = console.round(DOTS)
    assert spent.votes == 3  # the late one was not counted
    totals = {i: sum(p.get(i, 0) for p in spent.points.values()) for i in spent.candidates}
    assert totals == {buses: 6, ramps: 11, quiet: 10, letters: 3}
