"""The log's own details: the service's name, and when and where results are shared.

"Results are shared …" is what the kiosk's thank-you screen says, so people know
when they will hear back.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Static

from kiosk.problems import Guarded
from surveys.action_reader import LIMITS

Save = Callable[[str, str], str]
"""Saves (title, results_shared); returns what went wrong, or nothing."""


class LogDetailsModal(Guarded, ModalScreen[bool]):
    """The title and "results are shared" line; Save or Cancel."""

    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "cancel", "Cancel", show=False)]

    DEFAULT_CSS = """
    LogDetailsModal {
        align: center middle;
    }
    LogDetailsModal > Vertical {
        width: 90;
        max-width: 98%;
        height: auto;
        border: thick $primary;
        background: $surface;
        padding: 1 2;
    }
    LogDetailsModal #details-message {
        color: $error;
        height: auto;
    }
    LogDetailsModal Horizontal {
        height: auto;
        margin: 1 0 0 0;
    }
    LogDetailsModal Button {
        margin: 0 1 0 0;
    }
    """

    def __init__(self, title: str, shared: str, save: Save) -> None:
        super().__init__()
        self.log_title = title
        self.shared = shared
        self.save = save

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static("The service's name (for the poster and report):", markup=False)
            yield Input(self.log_title, id="title", max_length=LIMITS["title"])
            yield Static(
                "When and where results are shared (the thank-you screen says it):",
                markup=False,
            )
            yield Input(self.shared, id="results_shared", max_length=LIMITS["results_shared"])
            yield Static("", id="details-message", markup=False)
            with Horizontal():
                yield Button("Save", variant="primary", id="save")
                yield Button("Cancel", id="cancel")

    def on_mount(self) -> None:
        self.query_one("#title", Input).focus()

    @on(Button.Pressed, "#save")
    def _save(self) -> None:
        problem = self.save(
            self.query_one("#title", Input).value, self.query_one("#results_shared", Input).value
        )
        if problem:
            self.query_one("#details-message", Static).update(problem)
        elif self.is_current:
            self.dismiss(True)

    @on(Button.Pressed, "#cancel")
    def action_cancel(self) -> None:
        if self.is_current:
            self.dismiss(False)
