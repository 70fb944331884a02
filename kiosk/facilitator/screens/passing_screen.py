"""The plain backdrop under pass-the-tablet voting.

Voters' screens come and go on top of it, so between two of them the tablet shows
this — never the facilitator's console or anything of a vote.
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.screen import Screen
from textual.widgets import Static

from kiosk.problems import Guarded
from surveys.catalogues import _


class PassingScreen(Guarded, Screen[None]):
    """An empty, calm page."""

    DEFAULT_CSS = """
    PassingScreen {
        align: center middle;
    }
    PassingScreen > Static {
        width: auto;
        color: $foreground 60%;
    }
    """

    def __init__(self, label: str | None = None) -> None:
        super().__init__()
        self.label = _("Live poll") if label is None else label

    def compose(self) -> ComposeResult:
        yield Static(self.label, markup=False)
