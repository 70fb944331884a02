"""Comment text as ``rich.text.Text``, with what was masked and what to check marked.

Masked parts are reversed; every token left that still looks like a name, number,
date or place (``surveys.pii.suspicious``) is underlined (``kiosk.pii_marks``, the
same as the facilitator's moderation queue). Text is built with ``Text(...)`` and
``stylize``, never by parsing markup, so a comment such as ``[bold]hi[/]`` shows
exactly as written; control characters are drawn as visible symbols
(``kiosk.safe_text.visible`` swaps one character for one, so the masked spans'
positions still fit).
"""

from __future__ import annotations

from collections.abc import Sequence

from rich.text import Text

from exports.comment_review import Action, Decision
from kiosk.pii_marks import CHECK_STYLE, MASK_STYLE, marked
from kiosk.review.desk import Marked
from kiosk.safe_text import visible

__all__ = ["CHECK_STYLE", "MASK_STYLE", "highlighted", "list_line"]

LIST_WIDTH = 60

STATES = {
    None: ("to do", "bold"),
    Action.KEEP: ("kept", "green"),
    Action.EDIT: ("edited", "yellow"),
    Action.DROP: ("dropped", "red"),
}
"""How each state is labelled in the list (words first; colour only helps)."""


def highlighted(text: str, marks: Sequence[Marked], *, one_line: bool = False) -> Text:
    """``text`` shown literally: masked stretches reversed, what to check underlined."""
    return marked(text, [(mark.start, mark.end) for mark in marks], one_line=one_line)


def state_label(decision: Decision | None) -> str:
    """ "to do", "kept", "edited" or "dropped"."""
    return STATES[decision.action if decision else None][0]


def list_line(text: str, marks: Sequence[Marked], decision: Decision | None) -> Text:
    """One row of the comment list: its state, then the start of the comment."""
    label, style = STATES[decision.action if decision else None]
    words = highlighted(text, marks, one_line=True)
    words.truncate(LIST_WIDTH, overflow="ellipsis")
    if decision is not None and decision.action is Action.DROP:
        words.stylize("strike dim")
    line = Text.assemble((f"{label:<8}", style), words)
    line.no_wrap = True
    line.overflow = "ellipsis"
    return line


def hidden_words(marks: Sequence[Marked]) -> Text:
    """ "[name] was: Sarah" for each mask (for the reviewer's eyes only)."""
    line = Text("What was hidden: ")
    for number, mark in enumerate(marks):
        if number:
            line.append("; ")
        line.append(mark.mask, style=MASK_STYLE)
        line.append(f" was “{visible(mark.original or '', one_line=True)}”")
    return line
