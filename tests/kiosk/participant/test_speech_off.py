"""``KIOSK_SPEECH=off`` means read-aloud is not offered anywhere (issue 13, finding 6)."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from kiosk.speaking import SPEECH_SWITCH
from tests.support.kiosk import SIZE, Kiosk, agree, begin, press, settle, tap
from tests.support.screen import screen_text

KioskMaker = Callable[..., Kiosk]


def words(kiosk: Kiosk) -> str:
    return " ".join(screen_text(kiosk.app).split())


async def test_speech_off_offers_no_read_aloud_anywhere(
    make_kiosk: KioskMaker, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(SPEECH_SWITCH, "off")
    kiosk = make_kiosk("short")
    async with kiosk.app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert "Read aloud" not in words(kiosk)  # welcome
        await press(pilot, "f2")
        await tap(pilot, "#start")
        assert kiosk.screen_name == "PreferencesScreen"
        assert "aloud" not in words(kiosk)
        assert "Reading speed" not in words(kiosk)
        assert not kiosk.app.screen.query("#tool-read")
        await tap(pilot, "#next")
        await agree(pilot)
        assert kiosk.screen_name == "QuestionScreen"
        assert "Read" not in words(kiosk)  # no toolbar button
        await press(pilot, "f2")  # and no key
        await press(pilot, "f6")
        assert kiosk.screen_name == "PreferencesModal"
        assert "aloud" not in words(kiosk)
        await press(pilot, "escape")
        await press(pilot, "f3", "f3", "f3")
        await tap(pilot, "#send")
        assert kiosk.screen_name == "ThanksScreen"
        assert "Read aloud" not in words(kiosk)
    assert kiosk.speaker.said == []


async def test_speech_on_still_offers_it(
    make_kiosk: KioskMaker, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv(SPEECH_SWITCH, raising=False)
    kiosk = make_kiosk("short")
    async with kiosk.app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert "Read aloud" in words(kiosk)
        await begin(pilot)
        assert kiosk.app.screen.query("#tool-read")
