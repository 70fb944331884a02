"""The part of the plan console that changes with the stage: what that stage needs.

One child per kind of stage, and one before the start and after the end; only
the current stage's child shows. ``show`` draws it from the plan and the pool
and returns the short line the console shows above it ("12 ideas in · …").
"""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Vertical, VerticalScroll
from textual.widgets import ContentSwitcher, Static

from kiosk.facilitator.plan_steps import PlanSteps
from kiosk.facilitator.widgets.idea_queue import IdeaQueue
from kiosk.facilitator.widgets.merge_picker import MergePicker, merge_record
from kiosk.facilitator.widgets.poll_panel import PollPanel
from kiosk.facilitator.widgets.stage_texts import TALK, rank_text, results_text, share_text
from surveys.ideas import IdeaPool
from surveys.plan_model import StageKind
from surveys.plurals import counted

WORK = {
    StageKind.IDEAS: "work-ideas",
    StageKind.TALK: "work-talk",
    StageKind.SHARE: "work-share",
    StageKind.MERGE: "work-merge",
    StageKind.RANK: "work-rank",
    StageKind.RESULTS: "work-results",
    StageKind.POLL: "work-poll",
}
"""The child that shows each kind of stage."""

STAGE_KEYS: dict[str, StageKind] = {
    "show": StageKind.IDEAS,
    "hold": StageKind.IDEAS,
    "drop": StageKind.IDEAS,
    "show_all": StageKind.IDEAS,
    "next_idea": StageKind.SHARE,
    "previous_idea": StageKind.SHARE,
    "clarified": StageKind.SHARE,
    "read": StageKind.SHARE,
    "combine": StageKind.MERGE,
    "undo": StageKind.MERGE,
    "close_poll": StageKind.POLL,
    "reveal": StageKind.POLL,
}
"""Keys that only work in one kind of stage (hidden from the footer elsewhere)."""


def put(widget: Static, content: Text | str) -> None:
    """Show ``content`` unless it is already shown (an update costs a layout)."""
    if widget.content != content:
        widget.update(content)


def outline_text(steps: PlanSteps) -> Text:
    """Before the start: how long the plan is and how to begin; after the end: done."""
    if steps.run.finished:
        return Text("Every stage is done. Press B to look back at the last one, or Q to close.")
    plan = steps.plan
    out = Text(f"{counted(len(plan.stages), 'stage')}, about {plan.total_minutes} minutes.\n")
    out.append("Press T to start the first stage.", style="bold")
    return out


class StageWork(ContentSwitcher):
    """The current stage's work: the idea queue, the idea shared, the ticks, the counts."""

    DEFAULT_CSS = """
    StageWork {
        height: 1fr;
        margin: 1 0 0 0;
    }
    StageWork > Static, StageWork > VerticalScroll > Static {
        height: auto;
        padding: 0 1;
    }
    StageWork IdeaQueue, StageWork MergePicker {
        height: 1fr;
    }
    StageWork #idea-full {
        height: auto;
        max-height: 4;
        padding: 0 1;
    }
    StageWork #merge-record {
        height: auto;
        max-height: 45%;
        padding: 0 1;
    }
    """

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id, initial="work-none")

    def compose(self) -> ComposeResult:
        yield Static("", id="work-none", markup=False)
        with Vertical(id="work-ideas"):
            yield IdeaQueue(id="idea-queue")
            yield Static("", id="idea-full", markup=False)
        yield Static(TALK, id="work-talk", markup=False)
        yield Static("", id="work-share", markup=False)
        with Vertical(id="work-merge"):
            yield MergePicker(id="merge-picker")
            yield Static("", id="merge-record", markup=False)
        yield Static("", id="work-rank", markup=False)
        with VerticalScroll(id="work-results"):
            yield Static("", id="results-text", markup=False)
        yield PollPanel(id="work-poll")

    def focus_work(self) -> None:
        """Put the keyboard on the current stage's list (or nowhere in particular)."""
        if self.current == WORK[StageKind.MERGE]:
            self.query_one(MergePicker).focus()
        elif self.current == WORK[StageKind.IDEAS]:
            self.query_one(IdeaQueue).focus()
        elif self.current is not None:
            self.get_child_by_id(self.current).focus()

    def on_idea_queue_highlighted(self, event: IdeaQueue.Highlighted) -> None:
        """The highlighted idea's whole words, under the one-line list."""
        full = self.query_one("#idea-full", Static)
        words = self.query_one(IdeaQueue).highlighted_line
        if full.content != words:
            full.update(words)

    def show(self, steps: PlanSteps, pool: IdeaPool | None) -> str:
        """Draw the current stage's work; returns the line to show above it."""
        pool = pool or IdeaPool()
        stage = steps.stage
        note = steps.problem
        if stage is None:
            put(self.query_one("#work-none", Static), outline_text(steps))
            if self.current != "work-none":
                self.current = "work-none"
            return note
        kind = stage.kind
        if kind is StageKind.IDEAS:
            self.query_one(IdeaQueue).show(pool)
            waiting = len(pool.held())
            writing = "writing is open" if pool.collecting else "writing has finished"
            note = note or (
                f"{counted(len(pool.ideas), 'idea')} in · {waiting} waiting for you · {writing}"
            )
        elif kind is StageKind.SHARE:
            put(self.query_one("#work-share", Static), share_text(pool))
        elif kind is StageKind.MERGE:
            picker = self.query_one(MergePicker)
            picker.show(pool)
            record = self.query_one("#merge-record", Static)
            put(record, merge_record(pool))
            record.display = bool(record.content)
            note = note or (
                f"{len(picker.selected)} ticked · Space ticks an idea, M combines, U undoes"
            )
        elif kind is StageKind.RANK:
            tally = steps.rank_tally()
            put(self.query_one("#work-rank", Static), rank_text(tally, steps.live.room.expected))
        elif kind is StageKind.RESULTS:
            put(self.query_one("#results-text", Static), results_text(steps.results(), pool))
        elif kind is StageKind.POLL and stage.poll is not None:
            steps.live.refresh()
            self.query_one(PollPanel).show_poll(steps.live, stage.poll.id)
        if self.current != WORK[kind]:
            self.current = WORK[kind]
        return note
