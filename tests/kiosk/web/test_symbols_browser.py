"""Pictures beside choices on the phone page, in a real Chromium: shown beside the
words but hidden from screen readers (the words carry the meaning, so each choice's
accessible name is its words alone), axe finds no violations, and the answer stored
is the option's value. The Easy Read version shows its own words, same pictures."""

from __future__ import annotations

from typing import Any

import pytest

from kiosk.web.server import PhoneServer
from surveys.languages import EASY_READ
from surveys.model import Survey
from surveys.sealing import Opener, Sealer
from surveys.storage.tinydb_store import TinyDbResponseStore
from surveys.survey_translations import in_language
from tests.kiosk.web.test_browser import browser, next_button, phone_page, shot
from tests.kiosk.web.test_browser_accessibility import axe_violations
from tests.support import kiosk as kiosk_support

__all__ = ["browser"]  # the fixture, shared with test_browser

pytestmark = pytest.mark.slow

Page = Any


@pytest.fixture(params=["en", EASY_READ])
def survey(request: pytest.FixtureRequest) -> Survey:
    """The symbols survey as written, and its Easy Read version."""
    return in_language(kiosk_support.survey("symbols"), request.param)


async def _picture_beside(page: Page, input_id: str) -> str:
    label = page.locator(f"label[for='{input_id}']")
    hidden = label.locator("[aria-hidden='true']")
    return str(await hidden.inner_text()).strip() if await hidden.count() else ""


async def test_pictures_show_beside_the_words_hidden_from_screen_readers(
    browser: object,
    server: PhoneServer,
    store: TinyDbResponseStore,
    keys: tuple[Sealer, Opener],
    survey: Survey,
) -> None:
    easy = survey.language == EASY_READ
    page, problems = await phone_page(browser)
    await page.goto(server.new_handoff().url)  # type: ignore[attr-defined]
    await page.get_by_role("heading", name="Before you start").wait_for()  # type: ignore[attr-defined]
    await page.get_by_role("button", name="Yes, I agree").click()  # type: ignore[attr-defined]

    question = "Which drink do you want?" if easy else "Which drink would you like us to have"
    await page.get_by_role("heading", name=question).wait_for()  # type: ignore[attr-defined]
    assert [await _picture_beside(page, f"drink-{n}") for n in range(3)] == ["🍵", "☕", "➕"]
    other = "Another drink" if easy else "Something else"
    # The accessible name is the words alone: the picture is not read out.
    tea = page.get_by_role("radio", name="Tea", exact=True)  # type: ignore[attr-defined]
    assert await tea.count() == 1
    await page.get_by_role("radio", name=other, exact=True).check()  # type: ignore[attr-defined]
    assert await axe_violations(page) == []
    await shot(page, f"symbols-{survey.language}-single")
    await next_button(page)

    await page.get_by_role("checkbox", name="Fruit", exact=True).wait_for()  # type: ignore[attr-defined]
    assert [await _picture_beside(page, f"snacks-{n}") for n in range(3)] == ["🍎", "", "❌"]
    nothing = "No food" if easy else "Nothing to eat"
    await page.get_by_role("checkbox", name=nothing, exact=True).check()  # type: ignore[attr-defined]
    assert await axe_violations(page) == []
    await next_button(page)

    await page.get_by_role("heading", name="Check your answers").wait_for()  # type: ignore[attr-defined]
    await page.get_by_role("button", name="Send", exact=True).click()  # type: ignore[attr-defined]
    await page.get_by_role("heading", name="Thank you. Your answers have been sent").wait_for()  # type: ignore[attr-defined]
    [stored] = list(store.responses())
    assert keys[1].open(stored.sealed)["answers"] == {"drink": "other", "snacks": ["none"]}
    assert problems == []
