"""Edit a comment's wording: a text box filled with the scrubbed text."""

from __future__ import annotations

from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Static, TextArea

from kiosk.problems import Guarded
from kiosk.safe_text import visible_in_editor
from surveys.kinds import LONGTEXT_LIMIT

EDIT_HELP = (
    "Change the words the working group will read. Your wording is checked again for "
    "names, numbers and addresses when you save it."
)


class EditModal(Guarded, ModalScreen[str | None]):
    """The new wording (not yet checked), or None when cancelled."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "cancel", "Cancel", show=False),
        Binding("ctrl+s", "save", "Save the edit", show=False, priority=True),
    ]

    DEFAULT_CSS = """
    EditModal {
        align: center middle;
    }
    EditModal > Vertical {
        width: 90%;
        max-width: 100;
        height: auto;
        max-height: 90%;
        border: thick $accent;
        background: $surface;
        padding: 1 2;
    }
    EditModal #edit-title {
        text-style: bold;
    }
    EditModal #editor {
        height: 10;
        margin: 1 0;
    }
    EditModal #edit-buttons {
        height: auto;
    }
    EditModal #edit-buttons Button {
        margin: 0 1 0 0;
    }
    """

    def __init__(self, text: str) -> None:
        super().__init__()
        self.text = text

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static("Edit this comment", id="edit-title", markup=False)
            yield Static(EDIT_HELP, markup=False)
            yield TextArea(
                visible_in_editor(self.text),
                soft_wrap=True,
                show_line_numbers=False,
                max_checkpoints=200,
                id="editor",
            )
            with Horizontal(id="edit-buttons"):
                yield Button("Save the edit (Ctrl+S)", variant="primary", id="save-edit")
                yield Button("Cancel (Esc)", id="cancel-edit")

    def on_mount(self) -> None:
        editor = self.query_one(TextArea)
        editor.cursor_blink = False
        editor.focus()

    @on(Button.Pressed, "#save-edit")
    def action_save(self) -> None:
        if self.is_current:
            self.dismiss(self.query_one(TextArea).text[:LONGTEXT_LIMIT])

    @on(Button.Pressed, "#cancel-edit")
    def action_cancel(self) -> None:
        if self.is_current:
            self.dismiss(None)
