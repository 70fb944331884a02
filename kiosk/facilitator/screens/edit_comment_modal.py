"""Edit an open comment before it is shown (to take out a detail, say).

Under the editor, a line lists what in the words still looks like a name, number,
date or place, and updates as they are edited. Saved words are masked again by the
one PII engine before anyone sees them.
"""

from __future__ import annotations

from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.widgets import Static, TextArea

from kiosk.pii_marks import check_line
from kiosk.safe_text import visible_in_editor
from kiosk.screens.base import KioskModal
from kiosk.widgets.tap import Tap
from surveys.kinds import LONGTEXT_LIMIT


class EditCommentModal(KioskModal[str | None]):
    """The edited words (shown at once), or None when cancelled."""

    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "cancel", "Cancel", show=False)]

    DEFAULT_CSS = """
    EditCommentModal #comment-editor {
        height: 8;
    }
    EditCommentModal #to-check {
        height: auto;
    }
    EditCommentModal #edit-problem {
        color: $error;
        height: auto;
    }
    """

    def __init__(self, text: str) -> None:
        super().__init__()
        self.text = text

    def compose(self) -> ComposeResult:
        with Vertical(classes="box"):
            yield Static("Edit this comment", classes="box-title", markup=False)
            yield Static(
                "Change what the room will see. Names, numbers, places and contact details are "
                "hidden already; the words listed under the box still look like one.",
                markup=False,
            )
            yield TextArea(
                visible_in_editor(self.text),
                soft_wrap=True,
                show_line_numbers=False,
                id="comment-editor",
            )
            yield Static(check_line(self.text), id="to-check", markup=False)
            yield Static("", id="edit-problem", markup=False)
            with Horizontal(classes="buttons"):
                yield Tap("Save and show", id="save", classes="-main")
                yield Tap("Cancel", id="cancel")

    def on_mount(self) -> None:
        self.query_one(TextArea).focus()

    @on(TextArea.Changed, "#comment-editor")
    def _changed(self, event: TextArea.Changed) -> None:
        self.query_one("#to-check", Static).update(check_line(event.text_area.text))

    @on(Tap.Pressed, "#save")
    def _save(self) -> None:
        text = self.query_one(TextArea).text.strip()
        if not text:
            self.query_one("#edit-problem", Static).update(
                "The comment is empty. To leave it out, choose Drop instead."
            )
            return
        if self.is_current:
            self.dismiss(text[:LONGTEXT_LIMIT])

    @on(Tap.Pressed, "#cancel")
    def action_cancel(self) -> None:
        if self.is_current:
            self.dismiss(None)
