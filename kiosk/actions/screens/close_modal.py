"""Close an action: done, or not possible with the reason why, in plain words."""

from __future__ import annotations

from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Static

from kiosk.problems import Guarded
from kiosk.safe_text import safe_text
from surveys.action_reader import LIMITS

NEED_REASON = "Please say why it is not possible, in plain words. People are told why."


class CloseModal(Guarded, ModalScreen[tuple[bool, str] | None]):
    """Done, Not possible (with a reason), or Cancel. Returns (done, reason)."""

    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "cancel", "Cancel", show=False)]

    DEFAULT_CSS = """
    CloseModal {
        align: center middle;
    }
    CloseModal > Vertical {
        width: 80;
        max-width: 95%;
        height: auto;
        border: thick $primary;
        background: $surface;
        padding: 1 2;
    }
    CloseModal #close-message {
        color: $error;
        height: auto;
    }
    CloseModal Horizontal {
        height: auto;
        margin: 1 0 0 0;
    }
    CloseModal Button {
        margin: 0 1 0 0;
    }
    """

    def __init__(self, you_said: str) -> None:
        super().__init__()
        self.you_said = you_said

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static("Close this action", markup=False)
            yield Static(safe_text(self.you_said))
            yield Static("If it is not possible, say why:", markup=False)
            yield Input(id="reason", max_length=LIMITS["reason"])
            yield Static("", id="close-message", markup=False)
            with Horizontal():
                yield Button("Done", variant="success", id="done")
                yield Button("Not possible", variant="warning", id="not-possible")
                yield Button("Cancel", id="cancel")

    def on_mount(self) -> None:
        self.query_one("#done", Button).focus()

    @on(Button.Pressed, "#done")
    def _done(self) -> None:
        if self.is_current:
            self.dismiss((True, ""))

    @on(Button.Pressed, "#not-possible")
    def _not_possible(self) -> None:
        reason = " ".join(self.query_one("#reason", Input).value.split())
        if not reason:
            self.query_one("#close-message", Static).update(NEED_REASON)
            self.query_one("#reason", Input).focus()
            return
        if self.is_current:
            self.dismiss((False, reason))

    @on(Button.Pressed, "#cancel")
    def action_cancel(self) -> None:
        if self.is_current:
            self.dismiss(None)
