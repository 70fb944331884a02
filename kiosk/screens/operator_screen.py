"""The operator menu, behind the PIN: counts, the last tidy-up, withdraw by receipt code,
close the kiosk.

It never reads storage itself; the App hands it the three things it may do.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.widgets import Input, Static

from kiosk.safe_text import safe_text
from kiosk.screens.base import KioskModal
from kiosk.widgets.tap import Tap


@dataclass(frozen=True, slots=True)
class Counts:
    """Numbers the operator may see: totals only, never anyone's answers."""

    sent_this_session: int
    declined_this_session: int
    sent_all_sessions: int
    tidy_up: str | None = None
    """"Last tidy-up: …" (old answers deleted, old receipt codes forgotten), once it has run."""
    notices: tuple[str, ...] = ()
    """Set-up notes for the operator only (the demo key), never shown to participants."""


@dataclass(frozen=True, slots=True)
class OperatorActions:
    """What the operator menu may do, supplied by the App."""

    counts: Callable[[], Counts]
    withdraw: Callable[[str], tuple[bool, str]]
    close_kiosk: Callable[[], None]


class OperatorScreen(KioskModal[None]):
    """The operator menu. "Back to the kiosk" (or Escape) closes it."""

    OPERATOR_ONLY = True

    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "back", "Back", show=False)]

    DEFAULT_CSS = """
    OperatorScreen > .box {
        width: 76;
    }
    OperatorScreen #counts {
        height: auto;
        margin: 0 0 1 0;
    }
    OperatorScreen #code {
        width: 1fr;
        border: tall $primary;
    }
    OperatorScreen #tidy-up {
        height: auto;
        margin: 0 0 1 0;
    }
    OperatorScreen #withdraw-row {
        height: auto;
    }
    OperatorScreen #withdraw-row > Tap {
        width: 14;
    }
    OperatorScreen #withdraw-message {
        height: auto;
        min-height: 1;
        color: $accent;
    }
    """

    def __init__(self, actions: OperatorActions) -> None:
        super().__init__()
        self.actions = actions

    def compose(self) -> ComposeResult:
        with Vertical(classes="box"):
            yield Static("Operator menu", classes="box-title", markup=False)
            yield Static("", id="counts", markup=False)
            yield Static("", id="tidy-up", markup=False)
            yield Static("Withdraw answers by receipt code:", markup=False)
            with Horizontal(id="withdraw-row"):
                yield Input(placeholder="e.g. 7K3QD-M9XTA", max_length=24, id="code")
                yield Tap("Withdraw", id="withdraw")
            yield Static("", id="withdraw-message", markup=False)
            with Horizontal(classes="buttons"):
                yield Tap("Back to the kiosk", id="back", classes="-main")
                yield Tap("Close the kiosk", id="close-kiosk")

    def on_mount(self) -> None:
        self.query_one("#code", Input).cursor_blink = False  # nothing on the kiosk flashes
        self._show_counts()
        self.query_one("#back", Tap).focus()

    def _show_counts(self) -> None:
        counts = self.actions.counts()
        self.query_one("#counts", Static).update(
            f"This session: {counts.sent_this_session} sent, "
            f"{counts.declined_this_session} said no thanks.\n"
            f"All sessions on this kiosk: {counts.sent_all_sessions} sent."
        )
        tidy = self.query_one("#tidy-up", Static)
        lines = [*counts.notices, *([counts.tidy_up] if counts.tidy_up is not None else [])]
        tidy.update(safe_text("\n".join(lines)))
        tidy.display = bool(lines)

    def narration(self) -> str:
        return "Operator menu."

    @on(Input.Submitted, "#code")
    @on(Tap.Pressed, "#withdraw")
    def _withdraw(self) -> None:
        box = self.query_one("#code", Input)
        _, message = self.actions.withdraw(box.value)
        box.value = ""
        self.query_one("#withdraw-message", Static).update(safe_text(message))
        self._show_counts()

    @on(Tap.Pressed, "#close-kiosk")
    def _close(self) -> None:
        self.actions.close_kiosk()

    @on(Tap.Pressed, "#back")
    def action_back(self) -> None:
        if self.is_current:
            self.dismiss(None)
