"""The ideas of a ``merge`` stage, to tick the ones that say the same thing.

A combined idea shows "combines 3 ideas" in the list, and the record under the
list gives each combined idea's original wordings, so the room can always see
what went into it.
"""

from __future__ import annotations

from rich.text import Text
from textual.widgets import SelectionList
from textual.widgets.selection_list import Selection

from kiosk.safe_text import safe_text
from surveys.ideas import Idea, IdeaPool


def picker_line(idea: Idea) -> Text:
    """An idea's words on one line; for a combined one, "(combines 3 ideas)"."""
    line = safe_text(idea.display_text, one_line=True)
    if idea.combines:
        line.append(f"  ({idea.combined_words})", style="bold")
    return line


def merge_record(pool: IdeaPool) -> Text:
    """Every combined idea with the original words it brings together."""
    out = Text()
    for idea in pool.in_play():
        if not idea.combines:
            continue
        if out:
            out.append("\n")
        out.append_text(safe_text(f"\u201c{idea.display_text}\u201d", "bold", one_line=True))
        out.append(f" {idea.combined_words}:", style="bold")
        for words in pool.history(idea.id):
            out.append("\n  · ")
            out.append_text(safe_text(words, one_line=True))
    return out


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
            [Selection(picker_line(idea), idea.id, idea.id in ticked, id=idea.id) for idea in ideas]
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
