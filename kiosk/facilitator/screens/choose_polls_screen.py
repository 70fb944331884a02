"""Choose one of the built-in poll sets (when no poll file was given)."""

from __future__ import annotations

from typing import ClassVar

from textual import events, on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widgets import Footer, Static

from kiosk.problems import Guarded
from kiosk.safe_text import safe_text
from kiosk.widgets.tap import Tap
from surveys.plurals import counted
from surveys.poll_files import PollSet


class ChoosePollsScreen(Guarded, Screen[PollSet]):
    """A big target for each poll set; digits choose too."""

    AUTO_FOCUS = "Tap"

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+q", "app.quit", "Close the console", id="quit"),
    ]

    DEFAULT_CSS = """
    ChoosePollsScreen #choose {
        padding: 0 2;
    }
    ChoosePollsScreen .title {
        text-style: bold;
        margin: 1 0;
    }
    ChoosePollsScreen Tap {
        width: 100%;
        margin: 0 0 1 0;
    }
    """

    def __init__(self, poll_sets: list[PollSet]) -> None:
        super().__init__()
        self.poll_sets = poll_sets

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="choose"):
            yield Static("Which polls would you like to run?", classes="title", markup=False)
            for number, poll_set in enumerate(self.poll_sets, start=1):
                count = len(poll_set.polls)
                words = f"{number}  {poll_set.title} ({counted(count, 'poll')})"
                yield Tap(safe_text(words, one_line=True), id=f"set-{number}")
        yield Footer()

    def on_key(self, event: events.Key) -> None:
        key = event.character or ""
        if key.isdigit() and 1 <= int(key) <= len(self.poll_sets):
            self.dismiss(self.poll_sets[int(key) - 1])

    @on(Tap.Pressed)
    def _chosen(self, event: Tap.Pressed) -> None:
        number = int((event.tap.id or "set-1").removeprefix("set-"))
        self.dismiss(self.poll_sets[number - 1])
