"""The server is off until started, listens only where it is told, runs in the same
event loop as a Textual app, and forgets everything when stopped."""

from __future__ import annotations

import socket
import sys

import aiohttp
import pytest
from textual.app import App, ComposeResult
from textual.widgets import Static

from kiosk.web.server import PhoneServer
from surveys.storage import SessionInfo


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def listening(port: int) -> bool:
    with socket.socket() as probe:
        probe.settimeout(0.5)
        return probe.connect_ex(("127.0.0.1", port)) == 0


async def test_nothing_listens_until_start_and_after_stop(session: SessionInfo) -> None:
    port = free_port()
    server = PhoneServer(session=session)
    assert not server.running
    assert not listening(port)
    with pytest.raises(RuntimeError, match="not running"):
        _ = server.base_url
    runner = await server.start("127.0.0.1", port)
    assert server.running
    assert listening(port)
    assert server.base_url == f"http://127.0.0.1:{port}"
    assert runner.addresses
    await server.stop()
    assert not server.running
    assert not listening(port)
    await server.stop()  # twice is harmless


async def test_starting_twice_is_refused(session: SessionInfo) -> None:
    server = PhoneServer(session=session)
    await server.start("127.0.0.1", 0)
    try:
        with pytest.raises(RuntimeError, match="already running"):
            await server.start("127.0.0.1", 0)
    finally:
        await server.stop()


@pytest.mark.parametrize("host", ["0.0.0.0", "::", ""])
async def test_a_wildcard_address_needs_a_public_host_for_links(
    session: SessionInfo, host: str
) -> None:
    server = PhoneServer(session=session)
    with pytest.raises(ValueError, match="address on the network"):
        await server.start(host, 0)
    assert not server.running


async def test_links_use_the_public_host_when_given(session: SessionInfo) -> None:
    server = PhoneServer(session=session)
    await server.start("127.0.0.1", 0, public_host="192.168.1.20")
    try:
        assert server.base_url.startswith("http://192.168.1.20:")
        assert server.join_url == f"{server.base_url}/j/{server.join_code}"
    finally:
        await server.stop()


async def test_an_ipv6_host_is_bracketed_in_links(session: SessionInfo) -> None:
    server = PhoneServer(session=session)
    await server.start("127.0.0.1", 0, public_host="fe80::1")
    try:
        assert server.base_url.startswith("http://[fe80::1]:")
    finally:
        await server.stop()


async def test_a_port_in_use_is_reported_and_nothing_is_left_running(
    session: SessionInfo,
) -> None:
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        server = PhoneServer(session=session)
        with pytest.raises(OSError, match=r"(?i)address already in use"):
            await server.start("127.0.0.1", port)
        assert not server.running


class KioskLikeApp(App[None]):
    """A stand-in for the kiosk: it starts the phone page in its own loop on mount."""

    def __init__(self, server: PhoneServer) -> None:
        super().__init__()
        self.server = server
        self.fetched = ""

    def compose(self) -> ComposeResult:
        yield Static("Welcome")

    async def on_mount(self) -> None:
        await self.server.start("127.0.0.1", 0)

    async def on_unmount(self) -> None:
        await self.server.stop()


async def test_the_server_runs_in_the_same_loop_as_a_textual_app(session: SessionInfo) -> None:
    server = PhoneServer(session=session)
    app = KioskLikeApp(server)
    async with app.run_test() as pilot:
        await pilot.pause()
        assert server.running
        async with (
            aiohttp.ClientSession() as http,
            http.get(f"{server.base_url}/") as response,
        ):
            assert response.status == 200
            assert "Take part on your phone" in await response.text()
        await pilot.press("tab")  # the app still answers keys while pages are served
    assert not server.running


def test_the_web_package_never_imports_textual_or_rich() -> None:
    import subprocess

    script = (
        "import sys, kiosk.web.server, kiosk.web.qr\n"
        "bad = sorted(m for m in sys.modules if m.split('.')[0] in ('textual', 'rich'))\n"
        "print(','.join(bad))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == ""


def test_importing_the_web_package_loads_no_server() -> None:
    import subprocess

    script = "import sys, kiosk.web, kiosk.web.qr\nprint('aiohttp' in sys.modules)\n"
    result = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == "False"


def test_only_the_qr_module_imports_qrcode() -> None:
    from pathlib import Path

    root = Path(__file__).resolve().parents[3]
    offenders = [
        str(path.relative_to(root))
        for package in ("kiosk", "surveys", "accessibility", "exports")
        for path in (root / package).rglob("*.py")
        if (
            "import qrcode" in path.read_text(encoding="utf-8")
            or "from qrcode" in path.read_text(encoding="utf-8")
        )
        and path.relative_to(root).as_posix() != "kiosk/web/qr.py"
    ]
    assert offenders == []
