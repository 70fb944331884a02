"""Every phone page in a real Chromium: axe-core finds no violations, the page reflows
without sideways scrolling at 200 % zoom on a 375-pixel phone (188 CSS pixels wide),
and choice labels stay inside their boxes with text at 200 %. A waiting phone sends
nothing on its own.

axe's script comes from the ``axe-playwright-python`` package (pinned in
pyproject.toml); it is run through Playwright's evaluate, which the page's CSP (no
scripts at all) does not apply to."""

from __future__ import annotations

import json
from collections.abc import AsyncIterator, Awaitable, Callable
from importlib import resources
from typing import Any

import pytest

from kiosk.web.server import PhoneServer
from surveys.polls import Room
from surveys.storage import SessionInfo
from surveys.storage.tinydb_tallies import TinyDbTallyStore
from tests.kiosk.web.conftest import close_poll, open_poll
from tests.kiosk.web.test_browser import browser, phone_page, shot

__all__ = ["browser"]  # the fixture, shared with test_browser

pytestmark = pytest.mark.slow

AXE_SCRIPT = resources.files("axe_playwright_python").joinpath("axe.min.js").read_text("utf-8")

ZOOMED_PHONE = {"width": 188, "height": 406}
"""A 375 x 812 phone at 200 % zoom, in CSS pixels."""

Page = Any
Step = Callable[[Page], Awaitable[None]]


async def axe_violations(page: Page) -> list[str]:
    """axe-core's violations on the page as it is now: rule, impact and where."""
    if not await page.evaluate("typeof window.axe !== 'undefined'"):
        await page.evaluate(AXE_SCRIPT)
    result = await page.evaluate(
        "axe.run(document, {resultTypes: ['violations']}).then(r => JSON.stringify(r.violations))"
    )
    return [
        f"{violation['id']} ({violation['impact']}): {violation['help']} at "
        + ", ".join(str(node["target"]) for node in violation["nodes"][:3])
        for violation in json.loads(result)
    ]


async def reflow_problems(page: Page) -> list[str]:
    """Sideways scrolling, and choice labels that spill out of their box."""
    return list(
        await page.evaluate(
            """() => {
        const problems = [];
        const root = document.documentElement;
        if (root.scrollWidth > root.clientWidth) {
            problems.push(`page scrolls sideways: ${root.scrollWidth} > ${root.clientWidth}`);
        }
        for (const label of document.querySelectorAll('label, legend, button, h1, p')) {
            const box = label.getBoundingClientRect();
            const parent = label.parentElement.getBoundingClientRect();
            const name = label.textContent.trim().slice(0, 30);
            if (label.scrollWidth > label.clientWidth + 1 && label.clientWidth > 0) {
                problems.push(`text spills out of "${name}"`);
            }
            if (box.left < parent.left - 1 || box.right > parent.right + 1) {
                problems.push(`"${name}" sticks out of its box`);
            }
            if (box.right > root.clientWidth + 1) {
                problems.push(`"${name}" goes off the screen`);
            }
        }
        return problems;
    }"""
        )
    )


async def press(page: Page, name: str, *, first: bool = False) -> None:
    """Press a button and wait for the page it leads to."""
    button = page.get_by_role("button", name=name, exact=True)
    async with page.expect_navigation():
        await (button.first if first else button).click()


@pytest.fixture
async def checked(browser: object) -> AsyncIterator[Callable[[Page, str], Awaitable[None]]]:
    """``check(page, name)``: axe, then reflow at 200 % zoom and at 200 % text, on the
    page the phone is on; every problem is gathered and asserted at the end."""
    found: dict[str, list[str]] = {}
    zoomed, _ = await phone_page(browser)
    await zoomed.set_viewport_size(ZOOMED_PHONE)
    seen: list[str] = []

    async def check(page: Page, name: str) -> None:
        seen.append(name)
        problems = await axe_violations(page)
        # The same page (same cookies and address) at 200 % zoom on a 375-pixel phone.
        html = await page.content()
        await zoomed.route(
            page.url,
            lambda route: route.fulfill(
                body=html, content_type="text/html; charset=utf-8", status=200
            ),
        )
        await zoomed.goto(page.url)
        await zoomed.unroute(page.url)
        problems += [f"at 200 % zoom: {p}" for p in await reflow_problems(zoomed)]
        await shot(zoomed, "zoom-200-" + "".join(c if c.isalnum() else "-" for c in name))
        # 200 % text on the phone's own width.
        await page.evaluate(
            "document.documentElement.style.fontSize = "
            "(2 * parseFloat(getComputedStyle(document.documentElement).fontSize)) + 'px'"
        )
        problems += [f"at 200 % text: {p}" for p in await reflow_problems(page)]
        await page.evaluate("document.documentElement.style.fontSize = ''")
        if problems:
            found[name] = problems

    yield check
    assert seen
    assert not found, json.dumps(found, indent=1)


async def test_every_survey_page_passes_axe_and_reflows(
    browser: object, server: PhoneServer, checked: Callable[[Page, str], Awaitable[None]]
) -> None:
    page, problems = await phone_page(browser)
    await page.goto(f"{server.base_url}/")
    await checked(page, "type your code")
    await press(page, "Go")
    await checked(page, "type your code: empty")

    await page.goto(server.new_handoff().url)
    await page.get_by_role("heading", name="Before you start").wait_for()
    await checked(page, "consent")
    await press(page, "Yes, I agree")

    await checked(page, "information")
    await press(page, "Next")
    await checked(page, "single choice")
    await press(page, "Next")
    await page.get_by_role("alert").wait_for()
    await checked(page, "single choice: nothing chosen")
    for name in (
        "multiple choice",
        "scale with faces",
        "rating",
        "yes or no",
        "ranking",
        "short text",
        "long text",
    ):
        await press(page, "Skip this question")
        await checked(page, name)
    await press(page, "Skip this question")
    await checked(page, "required question")
    await press(page, "Next")
    await page.get_by_role("alert").wait_for()
    await checked(page, "required question: nothing chosen")
    await page.get_by_role("radio", name="No", exact=True).check()
    await press(page, "Next")
    await page.get_by_role("heading", name="Check your answers").wait_for()
    await checked(page, "review")
    await press(page, "Send")
    await page.get_by_role("heading", name="Thank you. Your answers have been sent").wait_for()
    await checked(page, "receipt")

    await page.goto(server.new_handoff().url)
    await page.get_by_role("heading", name="Before you start").wait_for()
    await checked(page, "consent, again")
    await page.goto(f"{server.base_url}/h/ZZZZZZ")
    await checked(page, "expired code")
    await page.goto(f"{server.base_url}/nowhere")
    await checked(page, "not found")
    assert [problem for problem in problems if "status of 404" not in problem] == []


async def test_every_poll_page_passes_axe_and_reflows(
    browser: object,
    server: PhoneServer,
    tallies: TinyDbTallyStore,
    session: SessionInfo,
    checked: Callable[[Page, str], Awaitable[None]],
) -> None:
    page, problems = await phone_page(browser)
    await page.goto(f"{server.base_url}/vote")
    await checked(page, "not joined")
    await page.goto(server.join_url)
    await page.get_by_role("heading", name="Please wait").wait_for()
    await checked(page, "waiting")

    open_poll(tallies, session, "day")
    await press(page, "Check again")
    await page.get_by_role("heading", name="Which day suits you?").wait_for()
    await checked(page, "vote")
    await press(page, "Send my vote")
    await page.get_by_role("alert").wait_for()
    await checked(page, "vote: problem")
    await page.get_by_role("radio", name="Tuesday").check()
    await press(page, "Send my vote")
    await page.get_by_role("heading", name="Thank you, your vote is in").wait_for()
    await checked(page, "thank you")

    for poll in ("useful", "better", "words"):
        open_poll(tallies, session, poll)
        await page.goto(f"{server.base_url}/vote")
        await page.locator("input[name=poll]").wait_for(state="attached")
        await checked(page, f"vote: {poll}")
    close_poll(tallies, session, "words")
    await page.goto(f"{server.base_url}/vote")
    await checked(page, "waiting again")
    assert [problem for problem in problems if "status of 403" not in problem] == []

    # A room of one, whose one person has voted: the next phone is kindly turned away.
    tallies.save_room(session, Room("Focus group", session.date, 1))
    open_poll(tallies, session, "day")
    latecomer, _ = await phone_page(browser)
    await latecomer.goto(server.join_url)
    await latecomer.get_by_role("heading", name="This room is full").wait_for()
    await checked(latecomer, "room is full")


async def test_a_waiting_phone_sends_nothing_on_its_own(
    browser: object, server: PhoneServer
) -> None:
    page, problems = await phone_page(browser)
    await page.goto(server.join_url)
    await page.get_by_role("heading", name="Please wait").wait_for()
    sent: list[str] = []
    page.on("request", lambda request: sent.append(request.url))
    await page.wait_for_timeout(6_000)  # longer than the old 5-second reload
    assert sent == []
    await press(page, "Check again")
    await page.get_by_role("heading", name="Please wait").wait_for()
    assert [url.split("?")[0] for url in sent if "/static/" not in url] == [
        f"{server.base_url}/vote"
    ]
    assert problems == []


async def test_the_checks_find_what_they_look_for(browser: object, server: PhoneServer) -> None:
    """The checks above can fail: a picture with no words and a box wider than the
    screen, put on a real page, are both found."""
    page, _ = await phone_page(browser)
    await page.set_viewport_size(ZOOMED_PHONE)
    await page.goto(f"{server.base_url}/")
    assert await axe_violations(page) == []
    assert await reflow_problems(page) == []
    await page.evaluate(
        """() => {
        const picture = document.createElement('img');
        picture.src = '/favicon.ico';
        document.querySelector('main').append(picture);
        const label = document.querySelector('label');
        label.style.whiteSpace = 'nowrap';
        label.textContent = 'A label far too long to fit on a narrow phone';
    }"""
    )
    assert any(problem.startswith("image-alt") for problem in await axe_violations(page))
    found = await reflow_problems(page)
    assert any("sideways" in problem for problem in found), found
    assert any("A label far too long" in problem for problem in found), found
