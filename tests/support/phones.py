"""Helpers for the phone tests that drive the real apps: a kiosk or console with the
phone page on loopback, a movable clock, reading a drawn QR code back and decoding
it, and which ports this process is listening on."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import zxingcpp
from rich.text import Text
from textual.app import App
from textual.pilot import Pilot
from textual.widgets import Static

from kiosk.app import make_app
from kiosk.services import build_services
from kiosk.speaking import RecordingSpeaker
from kiosk.web.address import PhoneAddress
from kiosk.widgets.qr_code import QRCodeWidget, QrHandoffPanel
from surveys.operator_pin import OperatorPin, pin_path
from tests.support.kiosk import Kiosk, survey
from tests.support.pin import fast_hasher
from tests.support.web import MovableClock, matrix_from_cells, to_image

LOOPBACK = PhoneAddress("127.0.0.1", 0)
"""Phones on, on a free port that only this computer can reach."""


def build_phone_kiosk(
    home: Path,
    name: str = "short",
    *,
    phones: PhoneAddress | None = LOOPBACK,
    clock: MovableClock | None = None,
    **options: Any,
) -> Kiosk:
    """A kiosk on a test survey with the phone page on (unless ``phones`` is None)."""
    services = build_services(home, clock=clock or MovableClock())
    speaker = RecordingSpeaker()
    pin = OperatorPin(
        pin_path(home), clock=services.clock, audit=services.audit, hasher=fast_hasher()
    )
    settings: dict[str, Any] = {
        "unlocked": True,
        "speaker": speaker,
        "operator_pin": pin,
        "phones": phones,
    }
    settings.update(options)
    app = make_app(survey(name), services, **settings)
    return Kiosk(app, services, speaker, home)


async def wait_for(pilot: Pilot[Any], check: Any, seconds: float = 5.0) -> None:
    """Pause until ``check()`` is true; fail the test after ``seconds``."""
    for _ in range(int(seconds / 0.02)):
        if check():
            await pilot.pause()
            return
        await pilot.pause(0.02)
    raise AssertionError("waited too long")


def decode_widget(widget: QRCodeWidget) -> list[str]:
    """What a phone's camera reads from the code as drawn (cells → image → zxing-cpp)."""
    return [result.text for result in zxingcpp.read_barcodes(to_image(matrix_from_cells(widget)))]


def panel_words(panel: QrHandoffPanel) -> str:
    """Every word the handoff panel shows, one ``Static`` a line."""
    lines = []
    for static in panel.query(Static):
        content = static.content
        lines.append(content.plain if isinstance(content, Text) else str(content))
    return "\n".join(lines)


def listening_ports() -> set[int]:
    """TCP ports this process is listening on (read from ``/proc``)."""
    mine: set[str] = set()
    for fd in os.listdir("/proc/self/fd"):
        try:
            target = os.readlink(f"/proc/self/fd/{fd}")
        except OSError:
            continue
        if target.startswith("socket:["):
            mine.add(target[8:-1])
    ports: set[int] = set()
    for table in ("/proc/net/tcp", "/proc/net/tcp6"):
        try:
            rows = Path(table).read_text().splitlines()[1:]
        except OSError:
            continue
        for row in rows:
            fields = row.split()
            if fields[3] == "0A" and fields[9] in mine:  # 0A: LISTEN
                ports.add(int(fields[1].rsplit(":", 1)[1], 16))
    return ports


def screen_name(app: App[Any]) -> str:
    """The class name of the screen on top."""
    return type(app.screen).__name__
