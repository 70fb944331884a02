"""Closing with decisions not saved: asked once — save, close anyway, or stay."""

from __future__ import annotations

from enum import Enum
from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Static

from kiosk.problems import Guarded


class Leave(Enum):
    """What the coordinator chose."""

    SAVE = "save"
    DISCARD = "discard"
    STAY = "stay"


class UnsavedModal(Guarded, ModalScreen[Leave]):
    """Save and close, close without saving, or stay (Escape)."""

    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "stay", "Stay", show=False)]

    DEFAULT_CSS = """
    UnsavedModal {
        align: center middle;
    }
    UnsavedModal > Vertical {
        width: 70;
        max-width: 95%;
        height: auto;
        border: thick $warning;
        background: $surface;
        padding: 1 2;
    }
    UnsavedModal #unsaved-title {
        text-style: bold;
        margin: 0 0 1 0;
    }
    UnsavedModal Horizontal {
        height: auto;
        margin: 1 0 0 0;
    }
    UnsavedModal Button {
        margin: 0 1 0 0;
    }
    """

    def __init__(self, changes: int) -> None:
        super().__init__()
        self.changes = changes

    def compose(self) -> ComposeResult:
        with Vertical():
            decisions = "1 decision is" if self.changes == 1 else f"{self.changes} decisions are"
            yield Static(f"{decisions} not saved", id="unsaved-title", markup=False)
            yield Static(
                "If you close without saving, the export will not know about them.",
                markup=False,
            )
            with Horizontal():
                yield Button("Save and close", variant="primary", id="save-close")
                yield Button("Close without saving", variant="error", id="discard")
                yield Button("Stay", id="stay")

    def on_mount(self) -> None:
        self.query_one("#save-close", Button).focus()

    @on(Button.Pressed, "#save-close")
    def _save(self) -> None:
        self._leave(Leave.SAVE)

    @on(Button.Pressed, "#discard")
    def _discard(self) -> None:
        self._leave(Leave.DISCARD)

    @on(Button.Pressed, "#stay")
    def action_stay(self) -> None:
        self._leave(Leave.STAY)

    def _leave(self, choice: Leave) -> None:
        if self.is_current:
            self.dismiss(choice)
