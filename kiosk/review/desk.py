"""The review, headless: which comment is shown, what was decided, and saving.

``ReviewDesk`` wraps an ``exports.comment_review.ReviewSession`` with what a screen needs:
a current comment, moving on to the next one still to do, re-scrubbing an edit
before it is kept, and knowing whether anything is unsaved. It imports no Textual,
so it is tested on its own.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from exports.comment_review import Action, Comment, Decision, ReviewError, ReviewSession
from surveys.pii import Mask, Scrubbed, Scrubber

_MASKS = re.compile("|".join(re.escape(mask.value) for mask in Mask))


@dataclass(frozen=True, slots=True)
class Marked:
    """A stretch of text to highlight as masked (``start``/``end`` index the text)."""

    start: int
    end: int
    mask: str
    original: str | None = None
    """What was there, when known (the scrubber's own spans); never written anywhere."""


def masked_parts(text: str) -> list[Marked]:
    """Every ``[name]``, ``[phone]`` … placeholder in a text (for edited wording)."""
    return [Marked(m.start(), m.end(), m.group()) for m in _MASKS.finditer(text)]


def summary_line(counts: Counter[str]) -> str:
    """ "5 kept, 1 edited, …" from ``ReviewSession.summary`` (people, not distinct texts)."""
    pending = counts.get("pending", 0)
    line = (
        f"{counts.get('keep', 0)} kept, {counts.get('edit', 0)} edited, "
        f"{counts.get('drop', 0)} dropped, {pending} not reviewed"
    )
    if pending:
        line += " (left out of the export, and counted)"
    return line


class ReviewDesk:
    """One review of comments: a position in the list and the decisions made."""

    def __init__(self, review: ReviewSession, scrubber: Scrubber) -> None:
        self.review = review
        self.scrubber = scrubber
        self.comments: list[Comment] = list(review.comments)
        self._saved = dict(review.decisions)
        pending = review.pending()
        self.index = self.comments.index(pending[0]) if pending else 0

    # -- where we are ----------------------------------------------------------------

    @property
    def current(self) -> Comment:
        """The comment being read now."""
        return self.comments[self.index]

    def decision(self, comment: Comment | None = None) -> Decision | None:
        """The decision for a comment (the current one by default), or None."""
        return self.review.decisions.get((comment or self.current).key)

    def go(self, index: int) -> None:
        """Show the comment at ``index`` (kept within the list)."""
        self.index = max(0, min(index, len(self.comments) - 1))

    def next(self) -> None:
        """The next comment in the list (stays on the last)."""
        self.go(self.index + 1)

    def previous(self) -> None:
        """The comment before (stays on the first)."""
        self.go(self.index - 1)

    def next_to_do(self) -> bool:
        """Move to the next comment not yet reviewed, after this one and round again.

        Returns False (and stays put) when every comment has a decision.
        """
        count = len(self.comments)
        for step in range(1, count + 1):
            index = (self.index + step) % count
            if self.decision(self.comments[index]) is None:
                self.index = index
                return True
        return False

    def marks(self, comment: Comment | None = None) -> list[Marked]:
        """What to highlight in a comment's scrubbed text: exactly what the scrubber masked."""
        comment = comment or self.current
        return [Marked(s.start, s.end, s.mask.value, s.original) for s in comment.spans]

    # -- deciding --------------------------------------------------------------------

    def keep(self, theme: str | None = None) -> Decision:
        """Keep the current comment as scrubbed."""
        return self.review.decide(self.current.key, Action.KEEP, theme=theme)

    def drop(self, theme: str | None = None) -> Decision:
        """Leave the current comment out of the export."""
        return self.review.decide(self.current.key, Action.DROP, theme=theme)

    def edit(self, text: str, theme: str | None = None) -> tuple[Decision, Scrubbed]:
        """Replace the current comment's wording with ``text``, scrubbed again first.

        The reviewer's wording is published, so it gets the same masking as anything
        a participant wrote. Wording the same as the scrubbed comment is a plain keep.
        """
        scrubbed = self.scrubber.scrub(text.strip())
        if not scrubbed.text:
            raise ReviewError("The comment is empty. To leave it out, choose Drop instead.")
        if scrubbed.text == self.current.text:
            return self.keep(theme), scrubbed
        decision = self.review.decide(
            self.current.key, Action.EDIT, text=scrubbed.text, theme=theme
        )
        return decision, scrubbed

    def set_theme(self, theme: str | None) -> Decision | None:
        """Give the current comment's decision a new theme (none yet: nothing to change)."""
        decision = self.decision()
        if decision is None:
            return None
        return self.review.decide(
            self.current.key, decision.action, text=decision.text, theme=theme
        )

    def undo(self) -> bool:
        """Forget the current comment's decision; False when there was none."""
        if self.decision() is None:
            return False
        self.review.undo(self.current.key)
        return True

    def themes(self) -> list[str]:
        """Themes given so far, for suggestions."""
        return sorted({d.theme for d in self.review.decisions.values() if d.theme})

    # -- saving ----------------------------------------------------------------------

    @property
    def unsaved(self) -> bool:
        """True when decisions differ from what the review file holds."""
        return self.review.decisions != self._saved

    @property
    def changes(self) -> int:
        """How many comments' decisions are not saved yet (made, changed or undone)."""
        now, saved = self.review.decisions, self._saved
        return sum(1 for key in now.keys() | saved.keys() if now.get(key) != saved.get(key))

    @property
    def reviewed(self) -> int:
        """How many of the distinct comments have a decision."""
        return sum(1 for c in self.comments if self.decision(c) is not None)

    def save(self) -> str:
        """Write the decisions to the review file; returns a plain summary line.

        Raises ``ReviewError`` or ``OSError`` when the file can't be written.
        """
        self.review.save()
        self._saved = dict(self.review.decisions)
        return f"Saved to {self.review.path}. {self.summary()}."

    def summary(self) -> str:
        """What has been decided, counting each person's comment."""
        return summary_line(self.review.summary())
