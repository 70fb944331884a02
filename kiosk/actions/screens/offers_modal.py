"""Actions from results in one step: an export's themes and a session's top ideas.

The coordinator names the export folder (or it is given with ``--from-export``),
ticks the offers to keep, and says which role owns them and when they are due.
What the log already holds from the same source is never offered again.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path
from typing import ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Input, SelectionList, Static

from exports.action_offers import Offer, OffersError
from kiosk.problems import Guarded
from kiosk.safe_text import visible
from surveys.plurals import counted

Find = Callable[[Path], tuple[Offer, ...]]
Adopt = Callable[[Sequence[Offer], str, str], str]


class OffersModal(Guarded, ModalScreen[int | None]):
    """Look in a folder, tick offers, add them. Returns how many were added."""

    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "cancel", "Cancel", show=False)]

    DEFAULT_CSS = """
    OffersModal {
        align: center middle;
    }
    OffersModal > Vertical {
        width: 100;
        max-width: 98%;
        height: 95%;
        border: thick $primary;
        background: $surface;
        padding: 0 1;
    }
    OffersModal #offers {
        height: 1fr;
    }
    OffersModal #offers-message {
        height: auto;
    }
    OffersModal Horizontal {
        height: auto;
    }
    OffersModal #folder {
        width: 1fr;
    }
    OffersModal Button {
        margin: 0 1 0 0;
    }
    """

    def __init__(self, folder: Path | None, find: Find, adopt: Adopt, due: str) -> None:
        super().__init__()
        self.folder = folder
        self.find = find
        self.adopt = adopt
        self.due = due
        self.offers: tuple[Offer, ...] = ()

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static("New actions from results", markup=False)
            yield Static("The export folder:", markup=False)
            with Horizontal():
                yield Input(str(self.folder or ""), id="folder")
                yield Button("Look", id="look")
            yield Static("", id="offers-message", markup=False)
            yield SelectionList[int](id="offers")
            yield Static("Who owns them (a role, such as 'Service manager'):", markup=False)
            yield Input(id="owner", max_length=80)
            yield Static("Due by (like 2026-06-30):", markup=False)
            yield Input(self.due, id="due", max_length=10)
            with Horizontal():
                yield Button("Add the ticked ones", variant="primary", id="add")
                yield Button("Cancel", id="cancel")

    def on_mount(self) -> None:
        if self.folder is not None:
            self._look()
        else:
            self.query_one("#folder", Input).focus()

    def _say(self, words: str) -> None:
        self.query_one("#offers-message", Static).update(words)

    @on(Button.Pressed, "#look")
    @on(Input.Submitted, "#folder")
    def _look(self) -> None:
        folder = Path(self.query_one("#folder", Input).value.strip()).expanduser()
        chooser: SelectionList[int] = self.query_one("#offers", SelectionList)
        chooser.clear_options()
        self.offers = ()
        try:
            self.offers = self.find(folder)
        except OffersError as error:
            self._say(error.message)
            return
        if not self.offers:
            self._say("Everything in that folder is already in the log. Nothing new to add.")
            return
        for number, offer in enumerate(self.offers):
            prompt = Text(visible(offer.you_said, one_line=True))
            prompt.append(f"  ({offer.detail})", style="dim")
            chooser.add_option((prompt, number, True))
        self._say(f"{counted(len(self.offers), 'new action')} to add. Untick any you don't want.")
        self.query_one("#owner", Input).focus()

    @on(Button.Pressed, "#add")
    def _add(self) -> None:
        chooser: SelectionList[int] = self.query_one("#offers", SelectionList)
        chosen = [self.offers[n] for n in sorted(chooser.selected)]
        if not chosen:
            self._say("Nothing is ticked yet. Tick the ones to add, or press Cancel.")
            return
        owner = self.query_one("#owner", Input).value
        problem = self.adopt(chosen, owner, self.query_one("#due", Input).value)
        if problem:
            self._say(problem)
            return
        if self.is_current:
            self.dismiss(len(chosen))

    @on(Button.Pressed, "#cancel")
    def action_cancel(self) -> None:
        if self.is_current:
            self.dismiss(None)
