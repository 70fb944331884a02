"""Words in big glyphs at the largest text size, and plain bold text otherwise.

A terminal can't change its font, so at the largest size headings, choices and
their numbers are drawn with ``accessibility.big_text`` (6 cells a character, 5
rows a line, whole words wrapped). Big text is used only where it reads well: it
falls back to ordinary bold text when a character can't be drawn (emoji, other
scripts), when a word would have to be split, or when the drawing would take more
than its share of the screen, so layouts still fit at 60×20.

The size is an App CSS class (``-text-largest``). Widgets drawn in big glyphs
(``BigGlyphs``) re-draw when it changes because their CSS differs at that size
(``notify_style_update``).
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from rich.text import Text
from textual.app import App
from textual.geometry import Size
from textual.widget import Widget

from accessibility.big_text import (
    CELLS_PER_CHARACTER,
    big_text,
    characters_per_line,
    drawable,
    simplify,
)
from kiosk.preferences import LARGEST_CLASS
from kiosk.safe_text import safe_text

_WORD_PARTS = re.compile(r"[\s\-]+")


def largest(app: App[object]) -> bool:
    """True when the person chose the largest text size."""
    return app.has_class(LARGEST_CLASS)


def big_lines(text: str, width: int, max_rows: int | None = None) -> list[str] | None:
    """``text`` drawn big within ``width`` cells, or None when plain text reads better.

    None when a character can't be drawn, a word (or hyphenated part) is longer than
    a line, or the drawing is taller than ``max_rows``.
    """
    text = " ".join(text.split())
    if not text or not drawable(text):
        return None
    per_line = characters_per_line(width)
    if per_line < 1:
        return None
    if any(len(part) > per_line for part in _WORD_PARTS.split(simplify(text))):
        return None
    rows = big_text(text, per_line * CELLS_PER_CHARACTER)
    if max_rows is not None and len(rows) > max_rows:
        return None
    return rows


def share_of_screen(app: App[object], share: float | None) -> int | None:
    """How many rows ``share`` of the screen's height is (None: no limit)."""
    if share is None:
        return None
    return max(0, int(app.size.height * share))


# A plain mixin at run time, so Textual's CSS type names (and a Static's CSS) stay
# those of the widget classes; a Widget to the type checker, so ``super()`` is checked.
if TYPE_CHECKING:
    _WidgetBase = Widget
else:
    _WidgetBase = object


class BigGlyphs(_WidgetBase):
    """Mixin for a widget drawn in big glyphs at the largest size (list it before the Widget).

    The widget gives ``big_rows(width)``; its height is then the drawing's, and it lays
    itself out again when its CSS changes (as the text size does).
    """

    big_allowed: bool = True
    """False when a screen found the big drawing taller than it has room for (then the
    words are drawn as plain bold text)."""

    def big_rows(self, width: int) -> list[str] | None:
        """The big drawing for ``width`` cells, or None when plain text is shown."""
        raise NotImplementedError

    def big_width(self, width: int) -> int:
        """The cells the big drawing is measured for, when the content is ``width`` wide."""
        return width

    def redraw_on_style_update(self) -> bool:
        """Whether a change of CSS should lay the widget out again (once mounted)."""
        return self.is_mounted

    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
        rows = self.big_rows(self.big_width(width))
        if rows is not None:
            return len(rows)
        return super().get_content_height(container, viewport, width)

    def notify_style_update(self) -> None:
        super().notify_style_update()
        if self.redraw_on_style_update():
            self.refresh(layout=True)


class BigLabel(BigGlyphs, Widget):
    """A heading or label: big glyphs at the largest size when they fit, else bold text.

    ``max_share`` limits the big drawing to that share of the screen's height, so a
    long heading falls back to ordinary text instead of pushing everything away.
    """

    # Unscoped, so rules can start from the App's text-size class ("App.-text-largest …").
    SCOPED_CSS = False

    DEFAULT_CSS = """
    BigLabel {
        width: 100%;
        height: auto;
    }
    App.-text-large BigLabel {
        text-style: bold;
    }
    App.-text-largest BigLabel {
        text-style: bold;
        /* The extra line under big glyphs also makes this size's CSS differ, so the
           label re-draws (notify_style_update) when the size changes. */
        padding-bottom: 1;
    }
    """

    def __init__(
        self,
        text: str,
        *,
        max_share: float | None = None,
        id: str | None = None,
        classes: str | None = None,
    ) -> None:
        super().__init__(id=id, classes=classes)
        self._text = text
        self.max_share = max_share
        self._rendered = False

    @property
    def text(self) -> str:
        """The words shown."""
        return self._text

    def update(self, text: str) -> None:
        """Show other words."""
        self._text = text
        self.refresh(layout=True)

    def big_rows(self, width: int) -> list[str] | None:
        """The big drawing for ``width`` cells, or None when plain text is shown."""
        if not largest(self.app) or not self.big_allowed:
            return None
        return big_lines(self._text, width, share_of_screen(self.app, self.max_share))

    @property
    def is_big(self) -> bool:
        """True when the words are drawn in big glyphs now."""
        return self.big_rows(self.content_size.width) is not None

    def render(self) -> Text:
        rows = self.big_rows(self.content_size.width)
        self._rendered = True
        if rows is None:
            return safe_text(self._text)
        return Text("\n".join(rows), no_wrap=True, overflow="crop")

    def redraw_on_style_update(self) -> bool:
        """Once mounted and drawn at least once."""
        return super().redraw_on_style_update() and self._rendered
