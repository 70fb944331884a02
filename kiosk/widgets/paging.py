"""Short pages instead of scrolling: nothing that matters is ever below the fold.

A swipe may not scroll and a scrollbar is a thin strip few people notice, so long
consent text and long lists of choices come in pages that fit the screen, with
large "More choices" / "Next part" / "More answers" targets and a count
("Choices 1–4 of 6").

``split_pages`` is the plain rule (consecutive pieces, each page no taller than the
room); ``outer_height`` measures a widget as Textual will lay it out, so a screen can
split its pieces before drawing them; ``Pager`` is the pair of large targets.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from fractions import Fraction

from textual import events, on
from textual.app import ComposeResult
from textual.containers import Horizontal, VerticalScroll
from textual.geometry import Size
from textual.message import Message
from textual.widget import Widget

from kiosk.problems import Guarded
from kiosk.widgets.tap import Tap
from surveys.catalogues import N_, _


def split_pages(heights: Sequence[int], room: int, trailing: Sequence[int] = ()) -> list[range]:
    """Consecutive pieces in pages no taller than ``room`` rows (a piece taller than
    the room has a page of its own). Always at least one page.

    ``trailing`` gives each piece's space below it, left out when the piece ends a
    page (the screen drops that margin from the last piece on a page: ``PAGE_END``).
    """
    pages: list[range] = []
    start, used = 0, 0
    for index, height in enumerate(heights):
        below = trailing[index] if index < len(trailing) else 0
        if index > start and used + height - below > room:
            pages.append(range(start, index))
            start, used = index, 0
        used += height
    pages.append(range(start, len(heights)))
    return pages


PAGE_END = "-page-end"
"""The class of the last piece on a page: its margin below goes (kiosk.tcss)."""


def outer_height(widget: Widget, width: int) -> int:
    """Rows ``widget`` takes (margins included) laid out ``width`` cells wide.

    Margins are counted in full, never collapsed, so a page measured this way fits.
    """
    for part in (widget, *widget.query("*")):
        part._box_model_cache.clear()  # what it shows may have changed since last measured
    viewport = widget.app.size
    container = Size(max(width, 1), max(viewport.height, 1))
    # The measure Textual's own layout uses (a private method, pinned Textual version).
    box = widget._get_box_model(
        container, viewport, Fraction(container.width), Fraction(container.height)
    )
    margin = box.margin
    return int(box.height) + margin.top + margin.bottom


@dataclass(frozen=True, slots=True)
class PagerWords:
    """The words on a pager's two targets."""

    earlier: str
    more: str


CHOICE_PAGES = PagerWords(N_("◀ Back to earlier choices"), N_("More choices ▶"))
CONSENT_PAGES = PagerWords(N_("◀ Previous part"), N_("Next part ▶"))
REVIEW_PAGES = PagerWords(N_("◀ Earlier answers"), N_("More answers ▶"))
"""The English words (looked up in the screen's language when shown)."""


class Pager(Guarded, Horizontal):
    """Two large targets that turn the pages; posts ``Pager.Turned``.

    The one that can't be used on this page (earlier on the first, more on the last)
    is shown faded and does nothing, so neither target ever moves.
    """

    DEFAULT_CSS = """
    Pager {
        width: 1fr;
        height: 3;
    }
    Pager > Tap {
        width: 1fr;
        min-width: 0;
        padding: 0 1;
        margin: 0 1 0 0;
    }
    Pager > Tap.-faded {
        background: $surface;
        color: $text-muted;
        text-style: italic;
    }
    """

    class Turned(Message):
        """Turn ``step`` pages (−1 back, +1 on)."""

        def __init__(self, step: int) -> None:
            super().__init__()
            self.step = step

    def __init__(self, words: PagerWords, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.words = words

    def compose(self) -> ComposeResult:
        yield Tap(_(self.words.earlier), id="page-earlier")
        yield Tap(_(self.words.more), id="page-more")

    def show_page(self, page: int, pages: int) -> None:
        """Fade the target that can't be used on page ``page`` (from 0) of ``pages``."""
        self.display = pages > 1
        self.query_one("#page-earlier", Tap).set_class(page == 0, "-faded")
        self.query_one("#page-more", Tap).set_class(page >= pages - 1, "-faded")

    @on(Tap.Pressed)
    def _pressed(self, event: Tap.Pressed) -> None:
        event.stop()
        if event.tap.has_class("-faded"):
            return
        self.post_message(self.Turned(-1 if event.tap.id == "page-earlier" else 1))


class PageBody(Guarded, VerticalScroll):
    """The part of a screen that holds the pages; says when its size changes (a new
    text size can change the heading above it), so the pages are split again."""

    class Resized(Message):
        """The body is a new size."""

    def on_resize(self, event: events.Resize) -> None:
        self.post_message(self.Resized())
