""" "What does this mean?": the screen's own help and the hard words on it, explained.

The words come from the built-in glossary and the survey's own
(``accessibility.glossary``); what is shown is also what is read aloud
(``accessibility.narration.help_text``).
"""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.widgets import Static

from accessibility import narration
from kiosk.safe_text import safe_text
from kiosk.screens.base import KioskModal
from kiosk.widgets.tap import Tap
from kiosk.widgets.toolbar import Tool, Toolbar
from surveys.catalogues import _


class HelpModal(KioskModal[None]):
    """Explains the screen in plain words. Close (or Escape) goes back to it."""

    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "close", "Close", show=False)]

    DEFAULT_CSS = """
    HelpModal #help-text {
        height: auto;
        max-height: 14;
    }
    HelpModal #help-text > Static {
        margin: 0 0 1 0;
    }
    """

    def __init__(
        self,
        help_text: str | None,
        words: list[tuple[str, str]],
        ask: str,
        *,
        can_skip: bool = False,
    ) -> None:
        super().__init__()
        self.help_text = help_text
        self.words = words
        self.ask = ask
        self.can_skip = can_skip

    def compose(self) -> ComposeResult:
        with Vertical(classes="box"):
            yield Static(_("What does this mean?"), classes="box-title", markup=False)
            with VerticalScroll(id="help-text"):
                if self.help_text:
                    yield Static(safe_text(self.help_text))
                for word, meaning in self.words:
                    line = Text()
                    line.append_text(safe_text(word, "bold underline"))
                    line.append(": ")
                    line.append_text(safe_text(meaning))
                    yield Static(line, classes="explained")
                if not self.help_text and not self.words:
                    yield Static(safe_text(self.narration()))
            with Horizontal(classes="buttons"):
                yield Tap(_("Close"), id="close", classes="-main")
                yield Tap(_("Read aloud"), id="read-help")

    def narration(self) -> str:
        return narration.help_text(self.help_text, self.words, ask=self.ask, can_skip=self.can_skip)

    @on(Tap.Pressed, "#close")
    def action_close(self) -> None:
        self.dismiss(None)

    @on(Tap.Pressed, "#read-help")
    def _read(self) -> None:
        self.post_message(Toolbar.Used(Tool.READ))
