"""The boxes a plan's console asks with: leave a ranking, word a merge, a changed plan."""

from __future__ import annotations

from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.widgets import Input, Static

from kiosk.safe_text import safe_text
from kiosk.screens.base import KioskModal
from kiosk.widgets.tap import Tap
from surveys.ideas import MOST_WORDS

LEAVE_RANK = (
    "Moving on closes this ranking for good: nobody can rank after this, even if you "
    "come back to this stage. Anyone still choosing will be told voting has finished."
)
MERGE_HOW = (
    "Only combine ideas if the group agrees they say the same thing. The first words "
    "of each idea stay with the combined idea, and you can undo this."
)
START_AGAIN = (
    "You can start the plan again from the first stage, in a new session. "
    "Everything from the earlier session is kept."
)


class LeaveRankModal(KioskModal[bool]):
    """True to close the ranking and move; False (or Escape) to stay."""

    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "stay", "Stay", show=False)]

    def compose(self) -> ComposeResult:
        with Vertical(classes="box"):
            yield Static("Close the ranking?", classes="box-title", markup=False)
            yield Static(LEAVE_RANK, markup=False)
            with Horizontal(classes="buttons"):
                yield Tap("Yes, close it", id="leave-yes")
                yield Tap("No, stay", id="leave-no", classes="-main")

    def on_mount(self) -> None:
        self.query_one("#leave-no", Tap).focus()

    def narration(self) -> str:
        return f"Close the ranking? {LEAVE_RANK}"

    @on(Tap.Pressed, "#leave-yes")
    def _leave(self) -> None:
        if self.is_current:
            self.dismiss(True)

    @on(Tap.Pressed, "#leave-no")
    def action_stay(self) -> None:
        if self.is_current:
            self.dismiss(False)


class MergeWordingModal(KioskModal[str | None]):
    """The combined idea's words (the first idea's, to change or keep); None to cancel."""

    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "cancel", "Cancel", show=False)]

    def __init__(self, count: int, first_words: str) -> None:
        super().__init__()
        self.count = count
        self.first_words = first_words

    def compose(self) -> ComposeResult:
        with Vertical(classes="box"):
            yield Static(f"Combine {self.count} ideas", classes="box-title", markup=False)
            yield Static(MERGE_HOW, markup=False)
            yield Static("The combined idea's words:", markup=False)
            yield Input(self.first_words, max_length=MOST_WORDS, id="merge-words")
            with Horizontal(classes="buttons"):
                yield Tap("Combine", id="merge-yes", classes="-main")
                yield Tap("Cancel", id="merge-no")

    def on_mount(self) -> None:
        words = self.query_one("#merge-words", Input)
        words.focus()
        words.cursor_position = 0  # the start of the words shows, where a change usually goes

    def narration(self) -> str:
        return f"Combine {self.count} ideas. {MERGE_HOW}"

    @on(Input.Submitted, "#merge-words")
    @on(Tap.Pressed, "#merge-yes")
    def _combine(self) -> None:
        if self.is_current:
            self.dismiss(self.query_one("#merge-words", Input).value)

    @on(Tap.Pressed, "#merge-no")
    def action_cancel(self) -> None:
        if self.is_current:
            self.dismiss(None)


class PlanChangedModal(KioskModal[bool]):
    """The saved place can't be used with this plan: True to start again, False to close."""

    def __init__(self, message: str) -> None:
        super().__init__()
        self.message = message

    def compose(self) -> ComposeResult:
        with Vertical(classes="box"):
            yield Static("The plan can't carry on", classes="box-title", markup=False)
            yield Static(safe_text(self.message))
            yield Static(START_AGAIN, markup=False)
            with Horizontal(classes="buttons"):
                yield Tap("Start the plan again", id="again-yes", classes="-main")
                yield Tap("Close the console", id="again-no")

    def on_mount(self) -> None:
        self.query_one("#again-yes", Tap).focus()

    def narration(self) -> str:
        return f"{self.message} {START_AGAIN}"

    @on(Tap.Pressed, "#again-yes")
    def _again(self) -> None:
        if self.is_current:
            self.dismiss(True)

    @on(Tap.Pressed, "#again-no")
    def _close(self) -> None:
        if self.is_current:
            self.dismiss(False)
