"""Start-up: the welcome screen comes first; the data folder, speech and the other
screens' code follow just after it is drawn (``kiosk.startup``)."""

from __future__ import annotations

import gc
import importlib
from pathlib import Path

import pytest

from kiosk import startup
from kiosk.app import KioskApp, make_app
from kiosk.screens.welcome_screen import UNLOCKED_NOTE
from kiosk.services import KioskServices, build_services
from kiosk.speaking import RecordingSpeaker
from surveys.sealing import DEMO_KEY_NOTICE
from tests.support.kiosk import SIZE, settle, survey, wait_until
from tests.support.screen import screen_text


def _lazy_kiosk(home: Path, opened: list[str]) -> tuple[KioskApp, list[KioskServices]]:
    """A kiosk that opens its data itself, noting which screen was showing then."""
    made: list[KioskServices] = []
    app: KioskApp

    def open_services() -> KioskServices:
        opened.append(type(app.screen).__name__ if app.screen_stack else "nothing")
        services = build_services(home)
        made.append(services)
        return services

    app = make_app(
        survey("short"), open_services, home=home, unlocked=True, speaker=RecordingSpeaker()
    )
    return app, made


async def test_the_data_is_opened_once_just_after_the_welcome_screen(tmp_path: Path) -> None:
    opened: list[str] = []
    app, made = _lazy_kiosk(tmp_path / "home", opened)
    async with app.run_test(size=SIZE) as pilot:
        await wait_until(pilot, lambda: bool(made))
        await settle(pilot)
        assert opened == ["WelcomeScreen"]  # the first screen was up before the data
        assert app.services is made[0]
        text = " ".join(screen_text(app).split())
        assert UNLOCKED_NOTE in text
        assert DEMO_KEY_NOTICE.split(".")[0] in text  # the note that needed the keys
        await pilot.click("#start")
        await settle(pilot)
        assert type(app.screen).__name__ == "PreferencesScreen"
    assert opened == ["WelcomeScreen"]  # and only once
    assert app.problems == []


async def test_the_other_screens_load_after_the_data_is_open(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    opened: list[str] = []
    loaded: list[tuple[str, bool]] = []  # each module, and whether the data was open then
    app, made = _lazy_kiosk(tmp_path / "home", opened)
    monkeypatch.setattr(startup, "load_module", lambda name: loaded.append((name, bool(made))))
    async with app.run_test(size=SIZE) as pilot:
        await wait_until(pilot, lambda: len(loaded) == len(startup.LATER))
    assert [name for name, _ in loaded] == list(startup.LATER)
    assert all(data_open for _, data_open in loaded)
    assert opened == ["WelcomeScreen"]


@pytest.mark.parametrize("name", [*startup.LATER, *startup.PHONES_LATER])
def test_every_module_loaded_later_exists(name: str) -> None:
    assert importlib.import_module(name).__name__ == name


async def test_a_kiosk_that_cannot_open_its_data_closes_and_says_so(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    def open_services() -> KioskServices:
        raise PermissionError(13, "Permission denied", str(tmp_path / "home" / "sessions"))

    home = tmp_path / "home"
    app = make_app(
        survey("short"), open_services, home=home, unlocked=True, speaker=RecordingSpeaker()
    )
    async with app.run_test(size=SIZE) as pilot:
        await wait_until(pilot, lambda: app._exit)
    assert app.return_code == 1
    said = " ".join(capsys.readouterr().err.split())  # printed as the kiosk closes
    assert "could not open its data folder" in said
    assert "Permission denied" in said
    assert "Traceback" not in said
    log = (home / "logs" / "kiosk.log").read_text(encoding="utf-8")
    assert "opening the data folder" in log


def test_the_collector_is_paused_while_starting_and_always_resumed() -> None:
    assert gc.isenabled()
    with startup.collection_paused():
        assert not gc.isenabled()
        startup.resume_collection()  # what the kiosk does once its first screen is up
        assert gc.isenabled()
        assert gc.get_freeze_count() > 0  # start-up's objects are no longer scanned
    assert gc.isenabled()
    gc.unfreeze()
    with pytest.raises(RuntimeError), startup.collection_paused():
        raise RuntimeError("a start that failed")
    assert gc.isenabled()  # never left off
    gc.unfreeze()


def test_a_collector_switched_off_before_stays_off() -> None:
    gc.disable()
    try:
        with startup.collection_paused():
            startup.resume_collection()
            assert not gc.isenabled()
        assert not gc.isenabled()
    finally:
        gc.enable()


async def test_the_welcome_screen_stays_at_the_bottom_and_start_counts_once(
    tmp_path: Path,
) -> None:
    from kiosk.screens.welcome_screen import WelcomeScreen

    app = make_app(survey("short"), build_services(tmp_path / "home"), speaker=RecordingSpeaker())
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        welcome = app.screen
        assert isinstance(welcome, WelcomeScreen)
        welcome.post_message(WelcomeScreen.Started(welcome))
        welcome.post_message(WelcomeScreen.Started(welcome))  # a second, quick tap
        await settle(pilot)
        names = [type(screen).__name__ for screen in app.screen_stack]
        assert names == ["WelcomeScreen", "PreferencesScreen"]
        app.go_home()
        await settle(pilot)
        assert app.screen_stack == [welcome]
        assert app.session is None
        assert app.focused is not None
        assert app.focused.id == "start"
    assert app.problems == []
