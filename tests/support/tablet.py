"""A tablet for ``kiosk serve`` tests: Debian's Chromium with touch, driven by Playwright.

``kiosk serve`` draws the kiosk with xterm.js on a canvas, so the page has no text to
query. ``Tablet`` keeps its own copy of the kiosk's screen instead: it reads every byte
the kiosk sends over the page's websocket into ``Screen`` (a small terminal that knows
what Textual writes), and the terminal size the page asked the kiosk for. Taps and
swipes are real touch events: ``page.touchscreen.tap`` and CDP
``Input.dispatchTouchEvent``, at the place the words are drawn.
"""

from __future__ import annotations

import asyncio
import codecs
import json
import os
import re
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import AsyncIterator, Callable, Iterator
from contextlib import asynccontextmanager, contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import parse_qs, urlparse

from playwright.async_api import Browser, CDPSession, Page, WebSocket, async_playwright
from rich.cells import get_character_cell_size

CHROMIUM = Path("/usr/bin/chromium")
ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
LANDSCAPE = {"width": 1024, "height": 768}
PORTRAIT = {"width": 800, "height": 1280}
ARTIFACTS = Path(__file__).parent / "artifacts"
ROOT = Path(__file__).resolve().parents[2]
DEMO = ROOT / "surveys" / "templates" / "demo.yaml"
TERMINAL_FONT = "'Roboto Mono', Monaco, 'Courier New', monospace"
"""The font family textual-serve's terminal draws with (textual.js)."""

_CSI = re.compile(r"\x1b\[([0-9;?<>=]*)([ -/]*)([@-~])")
_OSC = re.compile(r"\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)")
_DCS = re.compile(r"\x1bP.*?\x1b\\", re.DOTALL)
_OTHER_ESC = re.compile(r"\x1b[()][0-9A-Za-z]|\x1b[78=>c]")


@dataclass
class Screen:
    """What a terminal of ``columns``×``rows`` shows after the bytes fed to it."""

    columns: int = 80
    rows: int = 24
    cells: list[list[str]] = field(default_factory=list)
    x: int = 0
    y: int = 0
    _pending: str = ""
    _decoder: codecs.IncrementalDecoder = field(
        default_factory=lambda: codecs.getincrementaldecoder("utf-8")("replace")
    )

    def __post_init__(self) -> None:
        self.resize(self.columns, self.rows)

    def resize(self, columns: int, rows: int) -> None:
        self.columns, self.rows = columns, rows
        self.cells = [[" "] * columns for _ in range(rows)]
        self.x = self.y = 0

    def lines(self) -> list[str]:
        return ["".join(row) for row in self.cells]

    def text(self) -> str:
        return "\n".join(line.rstrip() for line in self.lines())

    def find(self, words: str) -> tuple[int, int] | None:
        """(column, row) where ``words`` start on screen, or None."""
        for row, line in enumerate(self.lines()):
            column = line.find(words)
            if column >= 0:
                return column, row
        return None

    def feed(self, data: bytes) -> None:
        text = self._pending + self._decoder.decode(data)
        self._pending = ""
        index = 0
        while index < len(text):
            char = text[index]
            if char == "\x1b":
                rest = text[index:]
                for pattern in (_CSI, _OSC, _DCS, _OTHER_ESC):
                    match = pattern.match(rest)
                    if match:
                        if pattern is _CSI:
                            self._control(match.group(1), match.group(3))
                        index += match.end()
                        break
                else:
                    if len(rest) < 64:  # an escape split across two messages
                        self._pending = rest
                        return
                    index += 1
                continue
            index += 1
            if char == "\r":
                self.x = 0
            elif char == "\n":
                self.y = min(self.rows - 1, self.y + 1)
            elif char == "\b":
                self.x = max(0, self.x - 1)
            elif char >= " ":
                self._put(char)

    def _put(self, char: str) -> None:
        width = get_character_cell_size(char)
        if width == 0 or not (0 <= self.y < self.rows):
            return
        if self.x + width > self.columns:
            return
        self.cells[self.y][self.x] = char
        if width == 2:
            self.cells[self.y][self.x + 1] = ""
        self.x += width

    def _control(self, params: str, final: str) -> None:
        if params.startswith("?"):
            return
        numbers = [int(p) if p.isdigit() else 0 for p in params.split(";")] if params else []

        def arg(i: int, default: int) -> int:
            return numbers[i] if len(numbers) > i and numbers[i] else default

        if final in "Hf":
            self.y = min(self.rows - 1, arg(0, 1) - 1)
            self.x = min(self.columns - 1, arg(1, 1) - 1)
        elif final == "A":
            self.y = max(0, self.y - arg(0, 1))
        elif final == "B":
            self.y = min(self.rows - 1, self.y + arg(0, 1))
        elif final == "C":
            self.x = min(self.columns - 1, self.x + arg(0, 1))
        elif final == "D":
            self.x = max(0, self.x - arg(0, 1))
        elif final == "G":
            self.x = min(self.columns - 1, arg(0, 1) - 1)
        elif final == "d":
            self.y = min(self.rows - 1, arg(0, 1) - 1)
        elif final == "J" and arg(0, 0) == 2:
            self.cells = [[" "] * self.columns for _ in range(self.rows)]
        elif final == "K":
            row = self.cells[self.y]
            mode = arg(0, 0)
            start, end = {0: (self.x, self.columns), 1: (0, self.x + 1)}.get(
                mode, (0, self.columns)
            )
            for column in range(start, end):
                row[column] = " "


@dataclass
class Tablet:
    """One browser tab on ``kiosk serve``, with the kiosk's screen read from the wire."""

    page: Page
    cdp: CDPSession
    screen: Screen = field(default_factory=Screen)
    sizes: list[tuple[int, int]] = field(default_factory=list)
    """Every terminal size the page gave the kiosk: on connecting, then each resize."""
    on_sent: Callable[[str], object] | None = None
    """Called with each text message the page sends the kiosk (keys, mouse, resizes)."""

    def watch(self, socket: WebSocket) -> None:
        query = parse_qs(urlparse(socket.url).query)
        if "width" in query:
            self._sized(int(query["width"][0]), int(query["height"][0]))
        socket.on("framesent", self._sent)
        socket.on("framereceived", self._received)

    def _sized(self, columns: int, rows: int) -> None:
        self.sizes.append((columns, rows))
        if (columns, rows) != (self.screen.columns, self.screen.rows):
            self.screen.resize(columns, rows)

    def _sent(self, payload: str | bytes) -> None:
        if isinstance(payload, str) and self.on_sent is not None:
            self.on_sent(payload)
        if isinstance(payload, str) and payload.startswith('["resize"'):
            size = json.loads(payload)[1]
            self._sized(int(size["width"]), int(size["height"]))

    def _received(self, payload: str | bytes) -> None:
        if isinstance(payload, bytes):
            self.screen.feed(payload)

    async def wait_for(self, words: str, timeout: float = 20) -> tuple[int, int]:
        """Wait until ``words`` are on the kiosk's screen; where they are."""
        deadline = time.monotonic() + timeout
        while (found := self.screen.find(words)) is None:
            if time.monotonic() > deadline:
                raise AssertionError(f"{words!r} never showed. The screen:\n{self.screen.text()}")
            await asyncio.sleep(0.05)
        return found

    async def wait_until_gone(self, words: str, timeout: float = 20) -> None:
        deadline = time.monotonic() + timeout
        while self.screen.find(words) is not None:
            if time.monotonic() > deadline:
                raise AssertionError(f"{words!r} stayed. The screen:\n{self.screen.text()}")
            await asyncio.sleep(0.05)

    async def cell_size(self) -> tuple[float, float, float, float]:
        """(left, top, width, height) of one cell, in CSS pixels."""
        box = await self.page.locator(".xterm-screen").bounding_box()
        assert box is not None
        return (
            box["x"],
            box["y"],
            box["width"] / self.screen.columns,
            box["height"] / self.screen.rows,
        )

    async def point(self, column: float, row: float) -> tuple[float, float]:
        left, top, width, height = await self.cell_size()
        return left + (column + 0.5) * width, top + (row + 0.5) * height

    async def tap(self, words: str) -> None:
        """Tap the middle of ``words`` where the kiosk draws them."""
        column, row = await self.wait_for(words)
        x, y = await self.point(column + len(words) / 2 - 0.5, row)
        await self.page.touchscreen.tap(x, y)

    async def swipe(self, column: float, row: float, rows: float, steps: int = 12) -> None:
        """A finger down at (column, row), moved up by ``rows`` rows (down if negative)."""
        x, y = await self.point(column, row)
        _, _, _, height = await self.cell_size()
        end = y - rows * height
        await self._touch("touchStart", x, y)
        for step in range(1, steps + 1):
            await self._touch("touchMove", x, y + (end - y) * step / steps)
            await asyncio.sleep(0.016)
        await self.cdp.send("Input.dispatchTouchEvent", {"type": "touchEnd", "touchPoints": []})

    async def _touch(self, kind: str, x: float, y: float) -> None:
        await self.cdp.send(
            "Input.dispatchTouchEvent",
            {"type": kind, "touchPoints": [{"x": x, "y": y, "id": 1}]},
        )

    async def shot(self, name: str) -> Path:
        ARTIFACTS.mkdir(exist_ok=True)
        path = ARTIFACTS / f"{name}.png"
        await self.page.screenshot(path=str(path))
        return path


async def advance_to(device: Tablet, words: str, steps: int = 30) -> None:
    """Go forward through welcome, settings and consent, by touch only, until ``words``
    show: tap the way on when it can be seen, otherwise swipe up to find it."""
    ways_on = ("Yes, I agree", "Next part", "Next ▶", "Start")
    done: list[str] = []
    for _ in range(steps):
        if device.screen.find(words) is not None:
            return
        before = device.screen.text()
        way_on = next((w for w in ways_on if device.screen.find(w) is not None), None)
        done.append(way_on or "swipe")
        if way_on is not None:
            await device.tap(way_on)
        else:
            await device.swipe(device.screen.columns // 2, device.screen.rows // 2, rows=8)
        for _ in range(100):
            await device.page.wait_for_timeout(50)
            if device.screen.text() != before:
                break
        await device.page.wait_for_timeout(300)
    assert device.screen.find(words) is not None, (
        f"{words!r} never showed after {', '.join(done)}:\n{device.screen.text()}"
    )


@asynccontextmanager
async def chromium(env: dict[str, str] | None = None) -> AsyncIterator[Browser]:
    """Debian's Chromium, headless (never a downloaded browser)."""
    executable = CHROMIUM if CHROMIUM.exists() else shutil.which("chromium")
    assert executable, "Debian's chromium is missing: run `make test`, which installs it."
    async with async_playwright() as playwright:
        browser = await playwright.chromium.launch(
            executable_path=str(executable), args=ARGS, env=env
        )
        try:
            yield browser
        finally:
            await browser.close()


@asynccontextmanager
async def tablet(
    browser: Browser, url: str, viewport: dict[str, int], scale: float = 1, clock: str = ""
) -> AsyncIterator[Tablet]:
    """A new tab at ``viewport`` with touch, opened on ``url``, once the kiosk has drawn.
    ``clock`` is a script to run in the page before its own (for benchmarks)."""
    context = await browser.new_context(
        viewport=viewport,  # type: ignore[arg-type]
        device_scale_factor=scale,
        is_mobile=True,
        has_touch=True,
        locale="en-GB",
    )
    try:
        if clock:
            await context.add_init_script(clock)
        page = await context.new_page()
        page.set_default_timeout(20_000)
        cdp = await context.new_cdp_session(page)
        device = Tablet(page=page, cdp=cdp)
        page.on("websocket", device.watch)
        await page.goto(url)
        await page.wait_for_selector("body.-first-byte")
        yield device
    finally:
        await context.close()


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def fetch(url: str) -> str:
    with urllib.request.urlopen(url, timeout=5) as response:
        return str(response.read().decode("utf-8"))


@contextmanager
def kiosk_serve(home: Path, survey: Path = DEMO, *extra: str) -> Iterator[str]:
    """``kiosk serve --unlocked SURVEY`` on 127.0.0.1 and a free port; its address."""
    port = free_port()
    env = {**os.environ, "KIOSK_HOME": str(home)}
    server = subprocess.Popen(
        [
            *(sys.executable, "-m", "kiosk", "serve", "--unlocked", *extra),
            *("--host", "127.0.0.1", "--port", str(port), str(survey)),
        ],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    url = f"http://127.0.0.1:{port}/"
    try:
        deadline = time.monotonic() + 20
        while True:
            try:
                fetch(url)
                break
            except OSError as error:
                if server.poll() is not None or time.monotonic() > deadline:
                    output = server.stdout.read() if server.stdout else ""
                    raise AssertionError(f"the server did not start: {output}") from error
                time.sleep(0.1)
        yield url
    finally:
        server.terminate()
        try:
            server.wait(timeout=10)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()


def without_emoji_fonts(folder: Path) -> dict[str, str]:
    """An environment for Chromium whose only system fonts are DejaVu: like a tablet or
    computer with no emoji font, which is where a face came out blank."""
    folder.mkdir(parents=True, exist_ok=True)
    config = folder / "fonts.conf"
    config.write_text(
        '<?xml version="1.0"?>\n<!DOCTYPE fontconfig SYSTEM "fonts.dtd">\n<fontconfig>\n'
        "  <dir>/usr/share/fonts/truetype/dejavu</dir>\n"
        f"  <cachedir>{folder / 'cache'}</cachedir>\n</fontconfig>\n",
        encoding="utf-8",
    )
    return {**os.environ, "FONTCONFIG_FILE": str(config)}
