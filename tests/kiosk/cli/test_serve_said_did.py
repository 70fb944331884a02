""" "You said — We did" through ``kiosk serve`` on a 10-inch tablet (issue 16): in
Debian's Chromium, landscape and portrait, the welcome screen shows a card below
every target, Start stays in view above it, and a tap on Start still starts.
Screenshots are saved in tests/support/artifacts/ for review."""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterator
from pathlib import Path

import pytest
from playwright.async_api import Browser

from tests.support.action_logs import SHOWN, write_log
from tests.support.tablet import LANDSCAPE, PORTRAIT, chromium, kiosk_serve, tablet

pytestmark = pytest.mark.slow


@pytest.fixture
def served(tmp_path: Path) -> Iterator[str]:
    home = tmp_path / "home"
    write_log(home)
    with kiosk_serve(home) as url:
        yield url


@pytest.fixture
async def browser() -> AsyncIterator[Browser]:
    async with chromium() as launched:
        yield launched


@pytest.mark.parametrize("view", [LANDSCAPE, PORTRAIT], ids=["landscape", "portrait"])
async def test_a_card_shows_below_start_on_a_tablet(
    served: str, browser: Browser, view: dict[str, int]
) -> None:
    async with tablet(browser, served, view) as device:
        await device.wait_for(SHOWN[0][1])
        await device.page.wait_for_timeout(500)  # the screen settles round the card
        found = [
            device.screen.find(words)
            for words in ("Start", "Take my answers back", SHOWN[0][0], SHOWN[0][1])
        ]
        assert None not in found, device.screen.text()
        rows = [where[1] for where in found if where is not None]
        assert rows == sorted(set(rows)), device.screen.text()
        assert rows[-1] < device.sizes[-1][1]
        await device.shot(f"tablet-{'landscape' if view is LANDSCAPE else 'portrait'}-said-did")
        await device.tap("Start")
        await device.wait_for("How would you like to take part?")
