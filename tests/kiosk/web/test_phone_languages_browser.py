"""The phone pages in Welsh and Urdu in a real Chromium: a Welsh survey from the
handoff link to the receipt with none of the phone pages' own English words left on
any page and the response sealed as Welsh; an Urdu survey that reads right to left,
passes axe and reflows at 320 pixels; and a live poll in Welsh."""

from __future__ import annotations

from typing import Any

import pytest

from kiosk.web.server import PhoneServer
from surveys.model import Survey
from surveys.sealing import Opener, Sealer
from surveys.storage import SessionInfo
from surveys.storage.tinydb_store import TinyDbResponseStore
from surveys.storage.tinydb_tallies import TinyDbTallyStore
from tests.kiosk.web.conftest import open_poll
from tests.kiosk.web.test_browser import browser, phone_page, shot
from tests.kiosk.web.test_browser_accessibility import axe_violations, press, reflow_problems
from tests.support.phone_languages import course_survey, english_left

__all__ = ["browser"]  # the fixture, shared with test_browser

pytestmark = pytest.mark.slow

Page = Any
NARROW = {"width": 320, "height": 640}
"""The narrowest phone the pages must fit without sideways scrolling (WCAG reflow)."""

SHOWN = """() => [
    document.title,
    document.body.innerText,
    ...[...document.querySelectorAll('[aria-label]')].map(e => e.getAttribute('aria-label')),
].join('\\n')"""
"""What a person meets on the page: the title, the text and the accessible names."""


@pytest.fixture
def survey() -> Survey:
    return course_survey()


async def language_of(page: Page) -> tuple[str, str]:
    """The page's ``lang`` and ``dir``."""
    found = await page.evaluate("[document.documentElement.lang, document.documentElement.dir]")
    return found[0], found[1]


async def english_on(page: Page, language: str) -> list[str]:
    return english_left(await page.evaluate(SHOWN), language)


async def test_a_welsh_phone_takes_the_survey_with_no_english_left_and_is_sealed_as_welsh(
    browser: object,
    server: PhoneServer,
    store: TinyDbResponseStore,
    keys: tuple[Sealer, Opener],
) -> None:
    page, problems = await phone_page(browser)
    await page.goto(f"{server.new_handoff().url}?lang=cy")
    seen: dict[str, list[str]] = {}

    async def welsh(name: str) -> None:
        assert await language_of(page) == ("cy", "ltr"), name
        seen[name] = await english_on(page, "cy")
        await shot(page, f"cy-{name}")

    await page.get_by_role("heading", name="Cyn i chi ddechrau").wait_for()
    await welsh("consent")
    await page.get_by_role("checkbox", name="Gallwch ddyfynnu fy ngeiriau.").check()
    await press(page, "Ydw, rwy'n cytuno")
    await page.get_by_role("heading", name="Sut oedd y cwrs?").wait_for()
    await welsh("single")
    await page.get_by_role("radio", name="Ddim cystal").check()
    await press(page, "Nesaf")
    await welsh("yes-no")
    await page.get_by_role("radio", name="Ie", exact=True).check()
    await press(page, "Nesaf")
    await welsh("long-text")
    await page.get_by_role("textbox").fill("Mwy o sesiynau gyda'r nos, os gwelwch yn dda.")
    await press(page, "Nesaf")
    await page.get_by_role("heading", name="Gwirio eich atebion").wait_for()
    await welsh("review")
    await press(page, "Anfon")
    await page.get_by_role(
        "heading", name="Diolch. Mae eich atebion wedi cael eu hanfon"
    ).wait_for()
    await welsh("receipt")

    assert seen == {name: [] for name in seen}
    assert problems == []
    [stored] = list(store.responses())
    opened = keys[1].open(stored.sealed)
    assert opened["language"] == "cy"
    assert opened["answers"] == {
        "how": "poor",
        "again": True,
        "more": "Mwy o sesiynau gyda'r nos, os gwelwch yn dda.",
    }


async def test_an_urdu_survey_reads_right_to_left_passes_axe_and_fits_320_pixels(
    browser: object, server: PhoneServer
) -> None:
    page, problems = await phone_page(browser)
    await page.set_viewport_size(NARROW)
    await page.goto(f"{server.new_handoff().url}?lang=ur")
    found: dict[str, list[str]] = {}

    async def check(name: str) -> None:
        assert await language_of(page) == ("ur", "rtl"), name
        found[name] = [
            *await axe_violations(page),
            *await reflow_problems(page),
            *await english_on(page, "ur"),
        ]
        await shot(page, f"ur-{name}")

    await page.get_by_role("heading", name="شروع کرنے سے پہلے").wait_for()
    await check("consent")
    # Right to left: the tick box sits at the right, before its words.
    box, words = await page.evaluate(
        """() => {
        const label = document.querySelector('label.choice');
        return [label.querySelector('input').getBoundingClientRect().right,
                label.querySelector('span').getBoundingClientRect().right];
    }"""
    )
    assert box > words
    await press(page, "جی ہاں، میں متفق ہوں")
    await page.get_by_role("heading", name="کورس کیسا تھا؟").wait_for()
    await check("single")
    await page.get_by_role("radio", name="اچھا", exact=True).check()
    await press(page, "اگلا")
    await check("yes-no")
    await press(page, "یہ سوال چھوڑ دیں")
    await check("long-text")
    await press(page, "یہ سوال چھوڑ دیں")
    await page.get_by_role("heading", name="اپنے جوابات دیکھیں").wait_for()
    await check("review")
    await press(page, "بھیجیں")
    await page.get_by_role("heading", name="شکریہ۔ آپ کے جوابات بھیج دیے گئے ہیں").wait_for()
    await check("receipt")

    assert found == {name: [] for name in found}
    assert problems == []


async def test_a_live_poll_in_welsh(
    browser: object, server: PhoneServer, tallies: TinyDbTallyStore, session: SessionInfo
) -> None:
    page, problems = await phone_page(browser)
    await page.goto(f"{server.join_url}?lang=cy")
    await page.get_by_role("heading", name="Arhoswch, os gwelwch yn dda").wait_for()
    assert await language_of(page) == ("cy", "ltr")
    assert await english_on(page, "cy") == []

    open_poll(tallies, session, "day")
    await press(page, "Gwirio eto")
    await page.get_by_role("heading", name="Which day suits you?").wait_for()  # the poll's words
    assert await language_of(page) == ("cy", "ltr")
    assert await english_on(page, "cy") == []
    assert await axe_violations(page) == []
    await shot(page, "cy-poll")
    await page.get_by_role("radio", name="Tuesday").check()
    await page.get_by_role("radio", name="Rhywun sydd â phrofiad bywyd").check()
    await press(page, "Anfon fy mhleidlais")
    await page.get_by_role("heading", name="Diolch, mae eich pleidlais wedi cyrraedd").wait_for()
    assert await english_on(page, "cy") == []
    assert problems == []
    tally = tallies.tallies(session.id)["day"]
    assert dict(tally.counts) == {"Tuesday": 1}
