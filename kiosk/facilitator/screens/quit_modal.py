"""Close the console? Asked once, because a stray key mid-session shouldn't end it."""

from __future__ import annotations

from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.widgets import Static

from kiosk.screens.base import KioskModal
from kiosk.widgets.tap import Tap

KEPT = (
    "Every vote so far is kept. To carry on later, start the console again and choose "
    "this session from the start screen."
)


class QuitModal(KioskModal[bool]):
    """True to close the console; False (or Escape) to stay."""

    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "stay", "Stay", show=False)]

    def compose(self) -> ComposeResult:
        with Vertical(classes="box"):
            yield Static("Close the console?", classes="box-title", markup=False)
            yield Static(KEPT, markup=False)
            with Horizontal(classes="buttons"):
                yield Tap("Yes, close", id="quit-yes")
                yield Tap("No, stay", id="quit-no", classes="-main")

    def on_mount(self) -> None:
        self.query_one("#quit-no", Tap).focus()

    def narration(self) -> str:
        return f"Close the console? {KEPT}"

    @on(Tap.Pressed, "#quit-yes")
    def _quit(self) -> None:
        if self.is_current:
            self.dismiss(True)

    @on(Tap.Pressed, "#quit-no")
    def action_stay(self) -> None:
        if self.is_current:
            self.dismiss(False)
