"""QR codes on the kiosk screen, for taking a survey or a live poll to a phone.

``QRCodeWidget`` draws a QR matrix with the half-block "▀": each text cell is two
modules, the top one in the glyph's colour and the bottom one in the cell's
background. The colours are fixed black on white whatever the theme, quiet zone
included — a dark theme would otherwise draw a negative code that many phone
cameras can't read (research notes, tech.md 4.1–4.2).

``QrHandoffPanel`` puts the code together with the words and the typed fallback:
the link to type and the short code, so people who can't scan still get there.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from rich.segment import Segment
from rich.style import Style
from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.geometry import Size
from textual.strip import Strip
from textual.widget import Widget
from textual.widgets import Static

from kiosk.web.codes import display_code
from kiosk.web.qr import Matrix, encode

DARK = "#000000"
LIGHT = "#ffffff"
HALF_BLOCK = "▀"

_STYLES = {
    (top, bottom): Style(color=DARK if top else LIGHT, bgcolor=DARK if bottom else LIGHT)
    for top in (False, True)
    for bottom in (False, True)
}


class QRCodeWidget(Widget):
    """A QR code in fixed black on white, two modules to a text row."""

    DEFAULT_CSS = """
    QRCodeWidget {
        width: auto;
        height: auto;
    }
    """

    def __init__(
        self,
        data: str,
        *,
        encoder: Callable[[str], Matrix] = encode,
        name: str | None = None,
        id: str | None = None,
        classes: str | None = None,
    ) -> None:
        super().__init__(name=name, id=id, classes=classes)
        self._encoder = encoder
        self._rows: list[list[tuple[bool, bool]]] = []
        self.data = ""
        self.set_data(data)

    def set_data(self, data: str) -> None:
        """Show a new QR code (for example a fresh handoff link)."""
        matrix = self._encoder(data)
        self.data = data
        width = len(matrix[0]) if matrix else 0
        self._rows = [
            [
                (
                    matrix[y][x],
                    matrix[y + 1][x] if y + 1 < len(matrix) else False,
                )
                for x in range(width)
            ]
            for y in range(0, len(matrix), 2)
        ]
        self.refresh(layout=True)

    @property
    def cells(self) -> Size:
        """The code's size in text cells (columns, rows)."""
        return Size(len(self._rows[0]) if self._rows else 0, len(self._rows))

    def get_content_width(self, container: Size, viewport: Size) -> int:
        """One column per module."""
        return self.cells.width

    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
        """One row per two modules."""
        return self.cells.height

    def render_line(self, y: int) -> Strip:
        """Row ``y``: top modules as the glyph colour, bottom modules as the background."""
        if y >= len(self._rows):
            return Strip.blank(self.size.width)
        return Strip([Segment(HALF_BLOCK, _STYLES[pair]) for pair in self._rows[y]])


class QrHandoffPanel(Vertical):
    """A QR code with plain words, the link and the code to type.

    Use ``for_survey`` after ``PhoneServer.new_handoff()`` and ``for_poll`` with
    ``PhoneServer.join_url`` / ``join_code``. The words follow the app's theme and
    text size; only the code itself is fixed black on white.
    """

    DEFAULT_CSS = """
    QrHandoffPanel {
        width: auto;
        height: auto;
        align-horizontal: center;
        padding: 1 2;
    }
    QrHandoffPanel > .qr-heading {
        width: auto;
        text-style: bold;
        margin-bottom: 1;
    }
    QrHandoffPanel > QRCodeWidget {
        margin-bottom: 1;
    }
    QrHandoffPanel > .qr-words {
        width: auto;
        max-width: 60;
    }
    QrHandoffPanel > .qr-code-text {
        width: auto;
        text-style: bold;
        margin: 1 0;
    }
    """

    def __init__(
        self,
        url: str,
        code: str,
        *,
        heading: str,
        instructions: str,
        expires_at: dt.datetime | None = None,
        encoder: Callable[[str], Matrix] = encode,
        name: str | None = None,
        id: str | None = None,
        classes: str | None = None,
    ) -> None:
        super().__init__(name=name, id=id, classes=classes)
        self.url = url
        self.code = code
        self.heading = heading
        self.instructions = instructions
        self.expires_at = expires_at
        self._encoder = encoder

    @classmethod
    def for_survey(
        cls, url: str, code: str, expires_at: dt.datetime | None = None, *, minutes: int = 15
    ) -> QrHandoffPanel:
        """The panel for one person's survey handoff (``PhoneServer.new_handoff()``)."""
        return cls(
            url,
            code,
            heading="Take this survey on your phone",
            instructions=(
                "Point your phone's camera at the square, then open the link. "
                f"This code works once, on one phone, for {minutes} minutes."
            ),
            expires_at=expires_at,
        )

    @classmethod
    def for_poll(cls, url: str, code: str) -> QrHandoffPanel:
        """The panel that lets the room join the live polls (``PhoneServer.join_url``)."""
        return cls(
            url,
            code,
            heading="Vote on your phone",
            instructions=(
                "Point your phone's camera at the square, then open the link. "
                "Your vote is anonymous."
            ),
        )

    def compose(self) -> ComposeResult:
        """Heading, the code, the words, then the link and code to type."""
        base = self.url.split("/h/")[0].split("/j/")[0]
        yield Static(Text(self.heading), classes="qr-heading")
        yield QRCodeWidget(self.url, encoder=self._encoder)
        yield Static(Text(self.instructions), classes="qr-words")
        yield Static(Text(f"No camera? Go to {base} and type this code:"), classes="qr-words")
        yield Static(Text(display_code(self.code)), classes="qr-code-text")
        yield Static(Text(f"Or type the whole link: {self.url}"), classes="qr-words")
