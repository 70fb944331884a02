"""The moderation queue of an ``ideas`` stage: every idea in, waiting, shown or dropped.

Ideas are listed in the pool's own random order, with personal details masked,
and never with anything about who wrote them (the pool keeps nothing of that).
One line per idea; the highlighted idea's whole words show under the list.

A queue can hold hundreds of ideas while phones keep sending, so the list draws
only the lines on screen (Textual's line API) and keeps each idea's line from one
redraw to the next: a new idea or a changed state costs one line, not the list.
"""

from __future__ import annotations

from typing import ClassVar

from rich.segment import Segment
from rich.text import Text
from textual import events
from textual.binding import Binding, BindingType
from textual.geometry import Region, Size
from textual.message import Message
from textual.reactive import reactive
from textual.scroll_view import ScrollView
from textual.strip import Strip

from kiosk.safe_text import safe_text
from surveys.ideas import Idea, IdeaPool, IdeaStatus

MARKS = {
    IdeaStatus.HELD: ("● waiting", "bold"),
    IdeaStatus.SHOWN: ("✓ shown  ", "green"),
    IdeaStatus.DROPPED: ("✗ dropped", "dim"),
}
NONE_YET = "No ideas yet. They appear here as people send them."

_Key = tuple[str, IdeaStatus, str]


def queue_line(idea: Idea) -> Text:
    """One idea in the queue: its state, then its words (masked, shown literally)."""
    mark, style = MARKS[idea.status]
    line = Text(f"{mark}  ", style=style)
    line.append_text(
        safe_text(idea.display_text, "strike dim" if style == "dim" else "", one_line=True)
    )
    return line


class IdeaQueue(ScrollView, can_focus=True):
    """The ideas that came in, one line each, for the facilitator to show, hold or drop."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("up", "move(-1)", "Up", show=False),
        Binding("down", "move(1)", "Down", show=False),
        Binding("pageup", "page(-1)", "Page up", show=False),
        Binding("pagedown", "page(1)", "Page down", show=False),
        Binding("home", "move(-100000)", "First", show=False),
        Binding("end", "move(100000)", "Last", show=False),
    ]
    COMPONENT_CLASSES: ClassVar[set[str]] = {"idea-queue--highlight"}
    DEFAULT_CSS = """
    IdeaQueue {
        height: 1fr;
        border: tall $border-blurred;
        overflow-x: hidden;
    }
    IdeaQueue:focus {
        border: tall $border;
    }
    IdeaQueue > .idea-queue--highlight {
        background: $block-cursor-blurred-background;
    }
    IdeaQueue:focus > .idea-queue--highlight {
        background: $block-cursor-background;
        color: $block-cursor-foreground;
        text-style: bold;
    }
    """

    highlighted: reactive[int | None] = reactive(None, always_update=True)

    class Highlighted(Message):
        """The highlighted idea changed (its whole words show under the list)."""

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._rows: list[tuple[str, Text]] = []
        self._lines: dict[_Key, Text] = {}
        self._keys: tuple[_Key, ...] | None = None

    # -- what it shows -----------------------------------------------------------------

    def show(self, pool: IdeaPool) -> None:
        """List the pool's ideas (not those combined into others), keeping the highlight."""
        ideas = [idea for idea in pool.ideas if idea.merged_into is None and not idea.combines]
        keys = tuple((idea.id, idea.status, idea.text) for idea in ideas)
        if keys == self._keys:
            return
        self._keys = keys
        keep = self.highlighted_id
        known = self._lines
        self._lines = {
            key: known.get(key) or queue_line(idea) for key, idea in zip(keys, ideas, strict=True)
        }
        self._rows = [(key[0], self._lines[key]) for key in keys]
        self.virtual_size = Size(self.scrollable_content_region.width, len(self._rows))
        ids = [row[0] for row in self._rows]
        if keep in ids:
            self.highlighted = ids.index(keep)
        else:
            self.highlighted = 0 if ids else None
        self.refresh()

    @property
    def option_count(self) -> int:
        """How many ideas are listed."""
        return len(self._rows)

    def id_at(self, index: int) -> str:
        """The id of the idea on line ``index``."""
        return self._rows[index][0]

    @property
    def highlighted_id(self) -> str | None:
        """The id of the highlighted idea, or None."""
        index = self.highlighted
        return self._rows[index][0] if index is not None and 0 <= index < len(self._rows) else None

    @property
    def highlighted_line(self) -> Text:
        """The highlighted idea's line (state and whole words), or a word when empty."""
        index = self.highlighted
        if index is None or not 0 <= index < len(self._rows):
            return Text(NONE_YET, style="italic")
        return self._rows[index][1]

    def lines(self) -> list[str]:
        """Every line as plain text (for tests and reading aloud)."""
        return [text.plain for _, text in self._rows]

    # -- moving ------------------------------------------------------------------------

    def watch_highlighted(self, index: int | None) -> None:
        if index is not None:
            self.scroll_to_region(Region(0, index, 1, 1), animate=False, immediate=True)
        self.refresh()
        self.post_message(self.Highlighted())

    def action_move(self, by: int) -> None:
        """Up, Down, Home, End."""
        if self._rows:
            start = self.highlighted if self.highlighted is not None else 0
            self.highlighted = min(max(start + by, 0), len(self._rows) - 1)

    def action_page(self, pages: int) -> None:
        """Page Up, Page Down."""
        self.action_move(pages * max(self.scrollable_content_region.height - 1, 1))

    async def _on_click(self, event: events.Click) -> None:
        inside = event.get_content_offset(self)
        index = None if inside is None else inside.y + self.scroll_offset.y
        if index is not None and 0 <= index < len(self._rows):
            self.highlighted = index
        await super()._on_click(event)

    # -- drawing (only the lines on screen) ----------------------------------------------

    def render_line(self, y: int) -> Strip:
        scroll_y = self.scroll_offset.y
        width = self.scrollable_content_region.width
        index = scroll_y + y
        base = self.rich_style
        if index >= len(self._rows):
            return Strip.blank(width, base)
        text = self._rows[index][1].copy()
        text.truncate(max(width - 1, 1), overflow="ellipsis")
        style = base
        if index == self.highlighted:
            style = base + self.get_component_rich_style("idea-queue--highlight")
        segments = list(Segment.apply_style(text.render(self.app.console), style))
        return Strip([Segment(" ", style), *segments]).crop_extend(0, width, style)
