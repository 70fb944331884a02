"""Stop: asks once, plainly, before anything is deleted."""

from __future__ import annotations

from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.widgets import Static

from kiosk.screens.base import KioskModal
from kiosk.widgets.tap import Tap
from surveys.catalogues import _


class StopModal(KioskModal[bool]):
    """True to stop and delete; False to carry on."""

    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "carry_on", "Carry on", show=False)]

    def __init__(self, *, has_answers: bool) -> None:
        super().__init__()
        self.has_answers = has_answers

    @property
    def title_words(self) -> str:
        """The question asked."""
        if self.has_answers:
            return _("Stop and delete your answers?")
        return _("Stop and go back to the start?")

    def compose(self) -> ComposeResult:
        with Vertical(classes="box"):
            yield Static(self.title_words, classes="box-title", markup=False)
            yield Static(
                _("Nothing you have done here will be kept. That's fine.")
                if self.has_answers
                else _("Nothing has been kept."),
                markup=False,
            )
            with Horizontal(classes="buttons"):
                yield Tap(_("Yes, stop"), id="stop-yes")
                yield Tap(_("No, carry on"), id="stop-no", classes="-main")

    def on_mount(self) -> None:
        self.query_one("#stop-no", Tap).focus()

    def narration(self) -> str:
        return _("{question} Choose Yes, stop, or No, carry on.", question=self.title_words)

    @on(Tap.Pressed, "#stop-yes")
    def _stop(self) -> None:
        self.dismiss(True)

    @on(Tap.Pressed, "#stop-no")
    def action_carry_on(self) -> None:
        self.dismiss(False)
