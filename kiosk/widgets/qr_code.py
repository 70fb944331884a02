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
from textual.containers import Horizontal, Vertical
from textual.geometry import Size
from textual.strip import Strip
from textual.widget import Widget
from textual.widgets import Static

from kiosk.web.codes import display_code
from kiosk.web.qr import Matrix, encode
from surveys.catalogues import _, n_

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


def until_words(expires_at: dt.datetime) -> str:
    """ "10:45": when a link stops working, on this computer's clock."""
    moment = expires_at.astimezone() if expires_at.tzinfo is not None else expires_at
    return moment.strftime("%H:%M")


class QrHandoffPanel(Vertical):
    """A QR code with plain words, the link and the code to type.

    Use ``for_survey`` after ``PhoneServer.new_handoff()`` and ``for_poll`` with
    ``PhoneServer.join_url`` / ``join_code``. The words follow the app's theme and
    text size; only the code itself is fixed black on white. The words sit beside
    the code when there is room, and under it when there is not.
    """

    DEFAULT_CSS = """
    QrHandoffPanel {
        width: 100%;
        height: auto;
        padding: 0 1;
    }
    QrHandoffPanel > .qr-heading {
        width: 100%;
        text-style: bold;
    }
    QrHandoffPanel.-stacked > .qr-heading {
        margin-bottom: 1;
    }
    QrHandoffPanel > .qr-row {
        width: 100%;
        height: auto;
    }
    QrHandoffPanel .qr-text {
        width: 1fr;
        height: auto;
        padding: 0 0 0 2;
    }
    QrHandoffPanel.-stacked > .qr-row {
        layout: vertical;
    }
    QrHandoffPanel.-stacked .qr-text {
        width: 100%;
        padding: 1 0 0 0;
    }
    QrHandoffPanel .qr-words {
        width: 100%;
        margin-bottom: 1;
    }
    QrHandoffPanel .qr-code-text {
        width: auto;
        text-style: bold;
        margin-bottom: 1;
    }
    """

    TEXT_WIDTH = 30
    """Columns the words need beside the code; with less room they go underneath."""

    def __init__(
        self,
        url: str,
        code: str,
        *,
        heading: str,
        instructions: str,
        expires_at: dt.datetime | None = None,
        limit: str = "",
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
        self.limit = limit
        self._encoder = encoder

    @classmethod
    def for_survey(
        cls, url: str, code: str, expires_at: dt.datetime | None = None, *, minutes: int = 15
    ) -> QrHandoffPanel:
        """The panel for one person's survey handoff (``PhoneServer.new_handoff()``)."""
        if expires_at is not None:
            limit = n_(
                "This link works once, for {count} minute (until {until}).",
                "This link works once, for {count} minutes (until {until}).",
                minutes,
                until=until_words(expires_at),
            )
        else:
            limit = n_(
                "This link works once, for {count} minute.",
                "This link works once, for {count} minutes.",
                minutes,
            )
        return cls(
            url,
            code,
            heading=_("Take this survey on your phone"),
            instructions=_("Point your phone's camera at the square, then open the link."),
            limit=limit,
            expires_at=expires_at,
        )

    @classmethod
    def for_poll(cls, url: str, code: str) -> QrHandoffPanel:
        """The panel that lets the room join the live polls (``PhoneServer.join_url``)."""
        return cls(
            url,
            code,
            heading=_("Vote on your phone"),
            instructions=_(
                "Point your phone's camera at the square, then open the link. "
                "Your vote is anonymous."
            ),
        )

    @property
    def address(self) -> str:
        """The page to type the code into: the link without ``/h/CODE`` or ``/j/CODE``."""
        return self.url.split("/h/")[0].split("/j/")[0]

    def compose(self) -> ComposeResult:
        """Heading, then the code with the words and the link and code to type."""
        yield Static(Text(self.heading), classes="qr-heading")
        with Horizontal(classes="qr-row"):
            yield QRCodeWidget(self.url, encoder=self._encoder)
            with Vertical(classes="qr-text"):
                yield Static(Text(self.instructions), classes="qr-words")
                if self.limit:
                    yield Static(Text(self.limit), classes="qr-words qr-limit")
                yield Static(
                    Text(_("No camera? Go to {address} and type this code:", address=self.address)),
                    classes="qr-words",
                )
                yield Static(Text(display_code(self.code)), classes="qr-code-text")
                yield Static(
                    Text(_("Or type the whole link: {link}", link=self.url)), classes="qr-words"
                )

    def on_resize(self) -> None:
        """Words beside the code when they fit, underneath when they don't."""
        needed = self.query_one(QRCodeWidget).cells.width + self.TEXT_WIDTH
        self.set_class(self.size.width < needed, "-stacked")
