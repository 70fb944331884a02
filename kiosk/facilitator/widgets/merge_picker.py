"""The ideas of a ``merge`` stage, to tick the ones that say the same thing.

A combined idea shows "combines 3 ideas" with each original wording under it,
so the room can always see what went into it.
"""

from __future__ import annotations

from rich.text import Text
from textual.widgets import SelectionList
from textual.widgets.selection_list import Selection

from kiosk.safe_text import safe_text
from surveys.ideas import Idea, IdeaPool


def picker_line(idea: Idea, pool: IdeaPool) -> Text:
    """An idea's words; for a combined one, what it combines and the original words."""
    line = safe_text(idea.display_text)
    if idea.combines:
        line.append(f"  ({idea.combined_words})", style="bold")
        for words in pool.history(idea.id):
            line.append("\n    · ", style="dim")
            line.append_text(safe_text(words, "dim"))
    return line


class MergePicker(SelectionList[str]):
    """Tick two or more ideas (Space) to combine them."""

    DEFAULT_CSS = """
    MergePicker {
        height: 1fr;
    }
    """

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._signature: tuple[tuple[str, str, tuple[str, ...]], ...] | None = None

    def show(self, pool: IdeaPool) -> None:
        """List the ideas in play, keeping the ticks and highlight that still apply."""
        ideas = pool.in_play()
        signature = tuple((idea.id, idea.text, idea.combines) for idea in ideas)
        if signature == self._signature:
            return
        self._signature = signature
        ticked = set(self.selected)
        keep = self.highlighted_id
        self.clear_options()
        self.add_options(
            [
                Selection(picker_line(idea, pool), idea.id, idea.id in ticked, id=idea.id)
                for idea in ideas
            ]
        )
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
