"""The join QR code, shown big for the room (the console's P)."""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Static

from kiosk.problems import Guarded
from kiosk.widgets.qr_code import QrHandoffPanel
from surveys.storage.tallies import PhoneJoin


class JoinModal(Guarded, ModalScreen[None]):
    """The session's join QR code, link and code; any of Esc, Enter or P closes it."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "close", "Close", show=False),
        Binding("enter", "close", "Close", show=False),
        Binding("p", "close", "Close", show=False),
    ]

    DEFAULT_CSS = """
    JoinModal {
        align: center middle;
        background: $background;
    }
    JoinModal #join-box {
        width: 100%;
        max-width: 100;
        height: auto;
        max-height: 100%;
        border: round $primary;
        background: $surface;
    }
    JoinModal #join-close {
        width: 100%;
        padding: 0 1;
        color: $foreground 70%;
    }
    """

    def __init__(self, join: PhoneJoin) -> None:
        super().__init__()
        self.join = join

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="join-box"):
            yield QrHandoffPanel.for_poll(self.join.url, self.join.code)
            yield Static("Press Esc or P to go back to the polls.", id="join-close", markup=False)

    def action_close(self) -> None:
        """Back to the console."""
        self.dismiss(None)
