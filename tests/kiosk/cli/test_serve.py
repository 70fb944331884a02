"""``kiosk serve``: the kiosk for a tablet's browser, big text, offline, and bound as told."""

from __future__ import annotations

import re
import shlex
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

from kiosk import cli
from kiosk.commands.serve import DEFAULT_FONT_SIZE, font_size_from, served_command
from tests.support.kiosk import SURVEYS
from tests.support.tablet import fetch, free_port, kiosk_serve

pytestmark = pytest.mark.slow

SURVEY = SURVEYS / "reading.yaml"


@pytest.fixture
def served(tmp_path: Path) -> Iterator[str]:
    """``kiosk serve`` on 127.0.0.1 and a free port; yields the page's address."""
    with kiosk_serve(tmp_path / "home", SURVEY) as url:
        yield url


def test_the_page_is_big_and_offline(served: str) -> None:
    page = fetch(served)
    assert f'data-font-size="{DEFAULT_FONT_SIZE}"' in page
    assert DEFAULT_FONT_SIZE == 32
    # Nothing from the internet: every address is this server's own.
    addresses = re.findall(r"""(?:https?|wss?)://[^\s"'<>)]+|//[a-z0-9.-]+\.[a-z]{2,}""", page)
    assert [
        a for a in addresses if not a.startswith(("ws://127.0.0.1:", "http://127.0.0.1:"))
    ] == []
    assert "googleapis" not in page
    assert re.search(r'data-session-websocket-url="ws://127\.0\.0\.1:\d+/ws"', page)
    for asset in re.findall(r'(?:href|src)="(/static/[^"]+)"', page) + re.findall(
        r'url\("(/[^"]+)"\)', page
    ):
        with urllib.request.urlopen(served.rstrip("/") + asset, timeout=5) as response:
            assert response.status == 200, asset


def test_a_font_size_in_the_address_sets_the_largest_within_limits(served: str) -> None:
    assert 'data-font-size="40"' in fetch(served + "?fontsize=40")
    assert f'data-font-size="{DEFAULT_FONT_SIZE}"' in fetch(served + "?fontsize=big")
    assert 'data-font-size="72"' in fetch(served + "?fontsize=500")


def test_font_sizes_are_kept_readable() -> None:
    assert font_size_from(None, 32) == 32
    assert font_size_from("24", 32) == 24
    assert font_size_from("4", 32) == 12
    assert font_size_from("x", 28) == 28


def test_each_tab_runs_the_kiosk_locked_or_unlocked_as_served() -> None:
    locked = shlex.split(served_command(SURVEY, unlocked=False))
    assert locked == [sys.executable, "-m", "kiosk", "run", str(SURVEY.resolve())]
    unlocked = shlex.split(served_command(SURVEY, unlocked=True, idle_seconds=60))
    assert unlocked[-4:] == [str(SURVEY.resolve()), "--unlocked", "--idle-seconds", "60"]


def test_the_address_must_be_named(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as stopped:
        cli.main(["serve", "--port", "8000", str(SURVEY)])
    assert stopped.value.code == 2
    assert "--host" in capsys.readouterr().err


def test_a_locked_kiosk_is_not_served_without_a_pin(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("KIOSK_HOME", str(tmp_path / "home"))
    port = str(free_port())
    assert cli.main(["serve", "--host", "127.0.0.1", "--port", port, str(SURVEY)]) == 1
    assert "No operator PIN is set" in capsys.readouterr().out


def test_bad_options_are_explained(capsys: pytest.CaptureFixture[str]) -> None:
    assert cli.main(["serve", "--host", "127.0.0.1", "--port", "0", "--unlocked"]) == 1
    assert "The port must be a number from 1 to 65535." in capsys.readouterr().out
    assert cli.main(["serve", "--host", " ", "--port", "8000", "--unlocked"]) == 1
    assert "--host 127.0.0.1" in capsys.readouterr().out


async def test_a_browser_tab_gets_its_own_running_kiosk(served: str) -> None:
    """What a browser does after loading the page: open the websocket, get the kiosk."""
    import aiohttp

    seen = b""
    ws_url = served.replace("http://", "ws://") + "ws?width=80&height=24"
    async with aiohttp.ClientSession() as session, session.ws_connect(ws_url) as socket_:
        deadline = time.monotonic() + 20
        while b"Course check-in" not in seen and time.monotonic() < deadline:
            try:
                message = await socket_.receive(timeout=deadline - time.monotonic())
            except TimeoutError:
                break
            if message.type == aiohttp.WSMsgType.BINARY:
                seen += message.data
            elif message.type != aiohttp.WSMsgType.TEXT:
                break
    assert b"Course check-in" in seen  # the welcome screen of the served survey
    assert b"Unlocked" in seen  # run unlocked, as the operator served it
