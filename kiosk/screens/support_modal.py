"""Support after a hard section: who to talk to in the room, and phone lines.

Shown (and read, for people who chose read-aloud) when a visit leaves a section the
survey marks ``sensitive: true``, from the survey's ``support:`` block. "Carry on"
goes on to the next step; nothing is stored.
"""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.widgets import Static

from accessibility import narration
from kiosk.safe_text import safe_text
from kiosk.screens.base import KioskModal
from kiosk.spoken_keys import GO_ON_ACTIONS, key_for
from kiosk.widgets.tap import Tap
from surveys.catalogues import _
from surveys.model import SupportBlock


class SupportModal(KioskModal[None]):
    """Offers support; "Carry on" closes it."""

    def __init__(self, support: SupportBlock) -> None:
        super().__init__()
        self.support = support

    def compose(self) -> ComposeResult:
        with Vertical(classes="box"):
            yield Static(_(narration.SUPPORT_TITLE), classes="box-title", markup=False)
            yield Static(
                safe_text("\n".join(narration.support_lines(self.support))), id="support-words"
            )
            with Horizontal(classes="buttons"):
                yield Tap(_("Carry on"), id="support-carry-on", classes="-main")

    def narration(self) -> str:
        carry_on = key_for(self.query_one("#support-carry-on", Tap), GO_ON_ACTIONS)
        return narration.support(self.support, carry_on=carry_on)

    @on(Tap.Pressed, "#support-carry-on")
    def _carry_on(self) -> None:
        self.dismiss(None)
