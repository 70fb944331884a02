"""A real phone browser: Debian's Chromium, headless, at a phone's size, driven by
Playwright. It types a code, takes the whole survey to the receipt code, and votes
in a live poll; the test checks what was stored and saves screenshots for review
in tests/kiosk/web/artifacts/."""

from __future__ import annotations

import shutil
from collections.abc import AsyncIterator
from pathlib import Path

import playwright.async_api as playwright_api
import pytest

from kiosk.web.server import PhoneServer
from surveys.model import Survey
from surveys.sealing import Opener, Sealer
from surveys.storage import SessionInfo
from surveys.storage.tinydb_store import TinyDbResponseStore
from surveys.storage.tinydb_tallies import TinyDbTallyStore
from tests.kiosk.web.conftest import close_poll, open_poll

CHROMIUM = Path("/usr/bin/chromium")
ARTIFACTS = Path(__file__).parent / "artifacts"
PHONE = {"width": 390, "height": 844}
ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]

pytestmark = pytest.mark.slow


@pytest.fixture
async def browser() -> AsyncIterator[object]:
    assert CHROMIUM.exists() or shutil.which("chromium"), (
        "Debian's chromium is missing: run `make test`, which installs it."
    )
    async with playwright_api.async_playwright() as playwright:
        launched = await playwright.chromium.launch(
            executable_path=str(CHROMIUM if CHROMIUM.exists() else shutil.which("chromium")),
            args=ARGS,
        )
        try:
            yield launched
        finally:
            await launched.close()


async def phone_page(browser: object, *, dark: bool = False) -> tuple[object, list[str]]:
    context = await browser.new_context(  # type: ignore[attr-defined]
        viewport=PHONE,
        device_scale_factor=2,
        is_mobile=True,
        has_touch=True,
        locale="en-GB",
        color_scheme="dark" if dark else "light",
    )
    page = await context.new_page()
    page.set_default_timeout(15_000)
    problems: list[str] = []

    def console(message: object) -> None:
        text = message.text  # type: ignore[attr-defined]
        # A form sent back with a kind message is a 422 on purpose; Chromium logs it.
        if message.type in ("error", "warning") and "status of 422" not in text:  # type: ignore[attr-defined]
            problems.append(text)

    page.on("console", console)
    page.on("pageerror", lambda error: problems.append(str(error)))
    return page, problems


async def shot(page: object, name: str) -> None:
    ARTIFACTS.mkdir(exist_ok=True)
    await page.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=True)  # type: ignore[attr-defined]


async def next_button(page: object) -> None:
    await page.get_by_role("button", name="Next", exact=True).click()  # type: ignore[attr-defined]


async def test_a_phone_takes_the_survey_from_typed_code_to_receipt(
    browser: object,
    server: PhoneServer,
    store: TinyDbResponseStore,
    keys: tuple[Sealer, Opener],
    survey: Survey,
) -> None:
    page, problems = await phone_page(browser)
    handoff = server.new_handoff()
    await page.goto(f"{server.base_url}/")  # type: ignore[attr-defined]
    await page.get_by_role("textbox", name="Your code").fill(
        handoff.code.lower()[:3] + " " + handoff.code[3:]
    )  # type: ignore[attr-defined]
    await shot(page, "01-type-code")
    await page.get_by_role("button", name="Go").click()  # type: ignore[attr-defined]

    await page.get_by_role("heading", name="Before you start").wait_for()  # type: ignore[attr-defined]
    tick = page.get_by_role("checkbox", name="You can quote my words")  # type: ignore[attr-defined]
    assert not await tick.is_checked()
    await tick.check()
    await shot(page, "02-consent")
    await page.get_by_role("button", name="Yes, I agree").click()  # type: ignore[attr-defined]

    await page.get_by_role("heading", name="Welcome. This is only for practice.").wait_for()  # type: ignore[attr-defined]
    await next_button(page)

    await page.get_by_role("radio", name="Coffee", exact=True).check()  # type: ignore[attr-defined]
    await page.keyboard.press("Tab")  # type: ignore[attr-defined]
    await page.keyboard.press("Shift+Tab")  # type: ignore[attr-defined]
    await shot(page, "03-single-choice-focus")
    await next_button(page)

    await page.get_by_role("checkbox", name="Bigger text").check()  # type: ignore[attr-defined]
    await page.get_by_role("checkbox", name="Read aloud").check()  # type: ignore[attr-defined]
    await next_button(page)

    await page.get_by_role("radio", name="Agree", exact=True).check()  # type: ignore[attr-defined]
    await shot(page, "04-scale-with-faces")
    await next_button(page)

    await page.get_by_role("radio", name="7", exact=True).check()  # type: ignore[attr-defined]
    await shot(page, "05-rating")
    await next_button(page)

    await page.get_by_role("radio", name="Yes", exact=True).check()  # type: ignore[attr-defined]
    await next_button(page)

    await page.get_by_role("combobox", name="Back").select_option("3")  # type: ignore[attr-defined]
    await page.get_by_role("combobox", name="Skip").select_option("1")  # type: ignore[attr-defined]
    await page.get_by_role("combobox", name="Stop").select_option("2")  # type: ignore[attr-defined]
    await shot(page, "06-ranking")
    await next_button(page)

    await page.get_by_role("textbox", name="What one word sums up the kiosk for you?").fill("Calm")  # type: ignore[attr-defined]
    await next_button(page)

    await page.get_by_role("textbox", name="Why did you choose that word?").fill(  # type: ignore[attr-defined]
        "<script>alert(1)</script> {{7*7}} [bold]"
    )
    await next_button(page)

    # The required question: try to go on without an answer first.
    await next_button(page)
    await page.get_by_role("alert").wait_for()  # type: ignore[attr-defined]
    await shot(page, "07-required-problem")
    await page.get_by_role("radio", name="No", exact=True).check()  # type: ignore[attr-defined]
    await next_button(page)

    await page.get_by_role("heading", name="Check your answers").wait_for()  # type: ignore[attr-defined]
    assert await page.get_by_text("<script>alert(1)</script> {{7*7}} [bold]").count() == 1  # type: ignore[attr-defined]
    await shot(page, "08-review")
    await page.get_by_role("button", name="Send", exact=True).click()  # type: ignore[attr-defined]

    await page.get_by_role("heading", name="Thank you. Your answers have been sent").wait_for()  # type: ignore[attr-defined]
    await shot(page, "09-receipt")
    code = (await page.locator(".receipt-code span[aria-hidden]").inner_text()).strip()  # type: ignore[attr-defined]

    [stored] = list(store.responses())
    assert stored.channel == "phone"
    opened = keys[1].open(stored.sealed)
    assert opened["answers"] == {
        "drink": "Coffee",
        "tried": ["Bigger text", "Read aloud"],
        "easy": 4,
        "feeling": 7,
        "heard": True,
        "order": ["Skip", "Stop", "Back"],
        "word": "Calm",
        "why": "<script>alert(1)</script> {{7*7}} [bold]",
        "again": False,
    }
    assert opened["consent"]["ticks"] == {"quotes": True}  # type: ignore[index]
    from surveys.receipts import code_hash

    assert stored.receipt_hash == code_hash(code)
    assert problems == []  # no script errors, no blocked styles (CSP), nothing else


async def test_a_phone_votes_in_a_live_poll_once(
    browser: object,
    server: PhoneServer,
    tallies: TinyDbTallyStore,
    session: SessionInfo,
) -> None:
    page, problems = await phone_page(browser)
    await page.goto(server.join_url)  # type: ignore[attr-defined]
    await page.get_by_role("heading", name="Please wait").wait_for()  # type: ignore[attr-defined]
    await shot(page, "10-poll-wait")

    open_poll(tallies, session, "day")
    await page.reload()  # type: ignore[attr-defined]
    await page.get_by_role("heading", name="Which day suits you?").wait_for()  # type: ignore[attr-defined]
    await page.get_by_role("radio", name="Tuesday").check()  # type: ignore[attr-defined]
    await page.get_by_role("radio", name="A peer support worker").check()  # type: ignore[attr-defined]
    await shot(page, "11-poll-vote")
    await page.get_by_role("button", name="Send my vote").click()  # type: ignore[attr-defined]
    await page.get_by_role("heading", name="Thank you, your vote is in").wait_for()  # type: ignore[attr-defined]
    await shot(page, "12-poll-thanks")

    # Going back and sending the old form again does not count twice.
    await page.go_back()  # type: ignore[attr-defined]
    await page.reload()  # type: ignore[attr-defined]
    await page.get_by_role("heading", name="Thank you, your vote is in").wait_for()  # type: ignore[attr-defined]

    close_poll(tallies, session, "day")
    tally = tallies.tallies(session.id)["day"]
    assert tally.votes == 1
    assert dict(tally.counts) == {"Tuesday": 1}
    assert dict(tally.by_group) == {"peer": 1}
    assert problems == []


async def test_the_dark_scheme_page_renders_for_review(
    browser: object, server: PhoneServer
) -> None:
    page, problems = await phone_page(browser, dark=True)
    await page.goto(server.new_handoff().url)  # type: ignore[attr-defined]
    await page.get_by_role("button", name="Yes, I agree").click()  # type: ignore[attr-defined]
    await next_button(page)
    await page.get_by_role("radio", name="Tea").focus()  # type: ignore[attr-defined]
    await page.keyboard.press("Space")  # type: ignore[attr-defined]
    await shot(page, "13-dark-scheme-focus")
    background = await page.evaluate("getComputedStyle(document.body).backgroundColor")  # type: ignore[attr-defined]
    assert background == "rgb(16, 18, 20)"
    assert await page.get_by_role("radio", name="Tea").is_checked()  # type: ignore[attr-defined]
    assert problems == []
