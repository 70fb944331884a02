"""The link a kiosk hands to a phone carries the language chosen on the welcome
screen (``?lang=cy``); a right-to-left language is offered there, as a QR code and
link, rather than drawn broken in the terminal."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator

import pytest

from kiosk.screens.browser_page_screen import BrowserPageScreen
from kiosk.widgets.qr_code import QRCodeWidget, QrHandoffPanel
from surveys.catalogues import use_language
from tests.support.kiosk import Kiosk, tap
from tests.support.phones import decode_widget, screen_name, wait_for
from tests.support.screen import screen_text

SIZE = (80, 24)
MakeKiosk = Callable[..., Kiosk]
ARABIC_SCRIPT = re.compile(r"[\u0600-\u06ff\u0750-\u077f\ufb50-\ufdff\ufe70-\ufeff]")


@pytest.fixture(autouse=True)
def _english_after() -> Iterator[None]:
    yield
    use_language("en")


async def test_urdu_shows_the_phone_page_in_urdu_and_no_urdu_letters(
    make_kiosk: MakeKiosk,
) -> None:
    kiosk = make_kiosk("languages")
    async with kiosk.app.run_test(size=SIZE) as pilot:
        await wait_for(pilot, lambda: kiosk.app.phone_server is not None)
        await tap(pilot, "#language-ur")
        await wait_for(pilot, lambda: screen_name(kiosk.app) == "BrowserPageScreen")
        screen = kiosk.app.screen
        assert isinstance(screen, BrowserPageScreen)
        panel = screen.query_one(QrHandoffPanel)
        decoded = decode_widget(panel.query_one(QRCodeWidget))
        shown = " ".join(screen_text(kiosk.app).split())
        assert decoded == [panel.url]
        assert panel.url.endswith(f"/h/{screen.handoff.code}?lang=ur")
        assert "Urdu reads best on your own phone or a tablet." in shown
        assert "to take part in Urdu" in shown
        assert not ARABIC_SCRIPT.search(shown)
        # Said aloud in Urdu, in the Urdu voice.
        assert kiosk.speaker.voice == "ur"
        assert ARABIC_SCRIPT.search(kiosk.speaker.last or "")
        await tap(pilot, "#phone-back")
        await wait_for(pilot, lambda: screen_name(kiosk.app) == "WelcomeScreen")
        assert kiosk.speaker.voice == "en"


async def test_after_choosing_welsh_the_phone_link_opens_in_welsh(make_kiosk: MakeKiosk) -> None:
    kiosk = make_kiosk("languages")
    async with kiosk.app.run_test(size=SIZE) as pilot:
        await wait_for(pilot, lambda: kiosk.app.phone_server is not None)
        await tap(pilot, "#language-cy")
        await tap(pilot, "#use-phone")
        await wait_for(pilot, lambda: screen_name(kiosk.app) == "PhoneScreen")
        panel = kiosk.app.screen.query_one(QrHandoffPanel)
        assert panel.url.endswith("?lang=cy")
        assert decode_widget(panel.query_one(QRCodeWidget)) == [panel.url]
