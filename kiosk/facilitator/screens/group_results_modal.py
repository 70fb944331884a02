"""Results split by stakeholder group, with small groups kept together."""

from __future__ import annotations

from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.widgets import Static

from kiosk.facilitator.poll_charts import group_results_text
from kiosk.screens.base import KioskModal
from kiosk.widgets.tap import Tap
from surveys.model import Question
from surveys.poll_results import GROUP_MINIMUM, GroupResults

WHY = (
    f"A group is shown on its own only when it has {GROUP_MINIMUM} or more voters, "
    f"every number in it is 0 or {GROUP_MINIMUM} or more, and nothing shown lets "
    "anyone work out how a person or a smaller group voted."
)


class GroupResultsModal(KioskModal[None]):
    """The poll's results for each group that is big enough to show."""

    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "close", "Close", show=False)]

    DEFAULT_CSS = """
    GroupResultsModal > .box {
        width: 90%;
        max-width: 100;
        height: 90%;
    }
    GroupResultsModal #group-why {
        margin: 0 0 1 0;
    }
    GroupResultsModal #group-results {
        height: 1fr;
    }
    """

    def __init__(self, question: Question, rows: list[GroupResults]) -> None:
        super().__init__()
        self.question = question
        self.rows = rows

    def compose(self) -> ComposeResult:
        with Vertical(classes="box"):
            yield Static("Results by group", classes="box-title", markup=False)
            yield Static(WHY, id="group-why", markup=False)
            with VerticalScroll(id="group-results"):
                yield Static(
                    group_results_text(self.question, self.rows, 60),
                    id="group-results-text",
                    markup=False,
                )
            with Horizontal(classes="buttons"):
                yield Tap("Close", id="close", classes="-main")

    def narration(self) -> str:
        return f"Results by group. {WHY}"

    @on(Tap.Pressed, "#close")
    def action_close(self) -> None:
        if self.is_current:
            self.dismiss(None)
