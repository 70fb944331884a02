"""The receipt code, drawn large and in groups so it is easy to copy down.

At the largest text size each group is drawn in big glyphs, one group to a line,
when the screen is wide enough; otherwise the characters are spaced out.
"""

from __future__ import annotations

from rich.text import Text
from textual.geometry import Size
from textual.widgets import Static

from kiosk.widgets.big_label import BigGlyphs, big_lines, largest


def spaced(code: str) -> Text:
    """``7K3QD-M9XTA`` as ``7 K 3 Q D   M 9 X T A`` (groups kept apart)."""
    groups = [" ".join(group) for group in code.split("-")]
    return Text("    ".join(groups), justify="center")


class ReceiptCode(BigGlyphs, Static):
    """A receipt code in a box, with wide spacing between characters and groups."""

    # Unscoped, so rules can start from the App's text-size class ("App.-text-largest …").
    SCOPED_CSS = False

    DEFAULT_CSS = """
    ReceiptCode {
        width: auto;
        min-width: 30;
        height: 5;
        padding: 1 3;
        border: double $accent;
        text-style: bold;
        content-align: center middle;
    }
    App.-text-largest ReceiptCode {
        height: auto;
        padding: 0 2;
    }
    """

    def __init__(self, code: str, **kwargs: str) -> None:
        super().__init__(spaced(code), markup=False, **kwargs)  # type: ignore[arg-type]
        self.code = code

    def big_rows(self, width: int) -> list[str] | None:
        """Each group in big glyphs on its own line, or None when they don't fit."""
        if not largest(self.app):
            return None
        rows: list[str] = []
        for group in self.code.split("-"):
            drawn = big_lines(group, width)
            if drawn is None:
                return None
            rows += drawn
        return rows

    def render(self) -> Text:
        rows = self.big_rows(self._room())
        if rows is None:
            return spaced(self.code)
        return Text("\n".join(rows), no_wrap=True, overflow="crop")

    def _room(self) -> int:
        """The widest the code can be drawn: the screen less this box's borders and padding."""
        return max(0, self.app.size.width - 8)

    def big_width(self, width: int) -> int:
        """The room on screen, not the content width: the box grows to fit the code."""
        return self._room()

    def get_content_width(self, container: Size, viewport: Size) -> int:
        rows = self.big_rows(self._room())
        if rows is not None:
            return max(len(row) for row in rows)
        return super().get_content_width(container, viewport)
