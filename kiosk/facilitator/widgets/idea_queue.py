"""The moderation queue of an ``ideas`` stage: every idea in, waiting, shown or dropped.

Ideas are listed in the pool's own random order, with personal details masked,
and never with anything about who wrote them (the pool keeps nothing of that).
The list is rebuilt only when the pool has changed, so a queue of hundreds of
ideas stays quick to redraw as phones keep sending.
"""

from __future__ import annotations

from rich.text import Text
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from kiosk.safe_text import safe_text
from surveys.ideas import Idea, IdeaPool, IdeaStatus

MARKS = {
    IdeaStatus.HELD: ("● waiting", "bold"),
    IdeaStatus.SHOWN: ("✓ shown  ", ""),
    IdeaStatus.DROPPED: ("✗ dropped", "dim"),
}


def queue_line(idea: Idea) -> Text:
    """One idea in the queue: its state, then its words (masked, shown literally)."""
    mark, style = MARKS[idea.status]
    line = Text(f"{mark}  ", style=style or "green")
    line.append_text(safe_text(idea.display_text, "strike dim" if style == "dim" else ""))
    return line


class IdeaQueue(OptionList):
    """The ideas that came in, for the facilitator to show, hold or drop."""

    DEFAULT_CSS = """
    IdeaQueue {
        height: 1fr;
    }
    """

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._signature: tuple[tuple[str, IdeaStatus, str], ...] | None = None

    def show(self, pool: IdeaPool) -> None:
        """List the pool's ideas (not those combined into others), keeping the highlight."""
        ideas = [idea for idea in pool.ideas if idea.merged_into is None and not idea.combines]
        signature = tuple((idea.id, idea.status, idea.text) for idea in ideas)
        if signature == self._signature:
            return
        self._signature = signature
        keep = self.highlighted_id
        self.clear_options()
        self.add_options([Option(queue_line(idea), id=idea.id) for idea in ideas])
        ids = [idea.id for idea in ideas]
        if keep in ids:
            self.highlighted = ids.index(keep)
        elif ids:
            self.highlighted = 0

    @property
    def highlighted_id(self) -> str | None:
        """The id of the highlighted idea, or None."""
        if self.highlighted is None or not self.option_count:
            return None
        return self.get_option_at_index(self.highlighted).id
