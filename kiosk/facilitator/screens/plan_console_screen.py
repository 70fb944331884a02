"""The console for a session plan: the stages, the one on now, its timer, and its work.

Left, the plan's stages with the current one marked. Right, the stage's title,
its prompt, the facilitator's own ``guide`` words, a large timer, and what the
stage needs: the moderation queue while ideas are written, one idea at a time
while they are shared, ticks to combine ideas, "7 of 10 have ranked" while a
ranking is open (its results hidden), the results, or an ordinary live poll.

Every step goes through ``PlanSteps``, which saves the plan's place after each
one, so a restarted console carries on at the same stage with its timer. The
timer never ends a stage: it says when time is up, and the facilitator moves on.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, ClassVar, cast

from textual import events, on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.screen import Screen
from textual.widgets import Footer, Static

from kiosk.facilitator.plan_steps import PlanSteps
from kiosk.facilitator.screens.join_modal import JoinModal
from kiosk.facilitator.screens.plan_modals import LeaveRankModal, MergeWordingModal
from kiosk.facilitator.screens.quit_modal import QuitModal
from kiosk.facilitator.widgets.idea_queue import IdeaQueue
from kiosk.facilitator.widgets.merge_picker import MergePicker
from kiosk.facilitator.widgets.plan_timer import PlanTimer
from kiosk.facilitator.widgets.stage_list import StageList
from kiosk.facilitator.widgets.stage_work import STAGE_KEYS, StageWork, put
from kiosk.messages import LiveChanged
from kiosk.problems import Guarded
from kiosk.safe_text import safe_text
from kiosk.widgets.tap import Tap
from surveys.errors import PlainError
from surveys.ideas import IdeaPool, IdeaStatus
from surveys.polls import PollStatus

if TYPE_CHECKING:
    from kiosk.facilitator.host import ConsoleHost

NARROW_BELOW = 70
"""Under this many columns the stage list is left out (the title says which stage)."""
SHORT_BELOW = 24
"""Under this many rows the prompt and guide take at most two lines each."""
TICK_SECONDS = 0.5
NOT_SAVED = "That change couldn't be saved. Please check the kiosk's storage and try again."


TAPS = {
    "tap-timer": "timer",
    "tap-add": "add_minute",
    "tap-back": "back_stage",
    "tap-next": "next_stage",
}
"""The buttons beside the timer, and the key's action each one does."""


class PlanConsoleScreen(Guarded, Screen[None]):
    """Runs a session plan, one stage at a time."""

    # The stage's own keys first: at 60 columns the footer shows only the first few,
    # and T, +, N and B are also buttons beside the timer.
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("s", "show", "Show", id="idea-show"),
        Binding("h", "hold", "Hold", id="idea-hold"),
        Binding("d", "drop", "Drop", id="idea-drop"),
        Binding("a", "show_all", "Show all", id="idea-show-all"),
        Binding("right", "next_idea", "Next idea", key_display="→"),
        Binding("left", "previous_idea", "Previous", key_display="←"),
        Binding("c", "clarified", "Clarified", id="idea-clarified"),
        Binding("r", "read", "Read", id="idea-read"),
        Binding("m", "combine", "Combine", id="idea-combine"),
        Binding("u", "undo", "Undo", id="idea-undo"),
        # The same keys as the live-poll console (the poll panel names them).
        Binding("c", "close_poll", "Close poll", id="poll-close"),
        Binding("r", "reveal", "Results", id="poll-reveal"),
        Binding("n", "next_stage", "Next", id="plan-next"),
        Binding("b", "back_stage", "Back", id="plan-back"),
        Binding("q", "quit", "Quit", id="plan-quit"),
        Binding("t", "timer", "Timer", id="plan-timer"),
        Binding("plus,equals_sign", "add_minute", "+1 min", key_display="+", id="plan-add"),
        Binding("v", "vote", "Vote", show=False, id="plan-vote"),
        Binding("p", "phones", "Phones", show=False, id="plan-phones"),
    ]
    AUTO_FOCUS = ""
    _phones_words = ""
    _shown_stage: int | None = None
    _drawn_state: tuple[int, bool, bool] | None = None

    DEFAULT_CSS = """
    PlanConsoleScreen #session-line {
        height: 1;
        padding: 0 1;
        background: $panel;
        text-style: bold;
    }
    PlanConsoleScreen #phones-line {
        height: auto;
        padding: 0 1;
        background: $panel;
        display: none;
    }
    PlanConsoleScreen #phones-line.-shown {
        display: block;
    }
    PlanConsoleScreen #plan-body {
        height: 1fr;
    }
    PlanConsoleScreen #stages {
        width: 32%;
        max-width: 36;
    }
    PlanConsoleScreen.-narrow #stages {
        display: none;
    }
    PlanConsoleScreen #stage-side {
        width: 1fr;
        padding: 0 1;
    }
    PlanConsoleScreen #stage-title {
        height: auto;
        text-style: bold;
        color: $primary;
    }
    PlanConsoleScreen #timer-row {
        height: auto;
    }
    PlanConsoleScreen #plan-taps {
        height: auto;
        width: 1fr;
        padding: 1 0 0 2;
    }
    PlanConsoleScreen #plan-taps > Horizontal {
        height: 1;
    }
    PlanConsoleScreen #plan-taps > Horizontal:first-child {
        margin: 0 0 1 0;
    }
    PlanConsoleScreen #plan-taps Tap {
        height: 1;
        width: 1fr;
        max-width: 14;
        margin: 0 1 0 0;
        padding: 0 1;
    }
    PlanConsoleScreen #stage-prompt {
        height: auto;
        max-height: 3;
    }
    PlanConsoleScreen #stage-guide {
        height: auto;
        max-height: 3;
        color: $text-muted;
    }
    PlanConsoleScreen.-short #stage-prompt, PlanConsoleScreen.-short #stage-guide {
        max-height: 2;
    }
    PlanConsoleScreen.-short StageWork {
        margin: 0;
    }
    PlanConsoleScreen.-short #idea-full {
        max-height: 2;
    }
    PlanConsoleScreen #stage-note {
        height: auto;
        max-height: 2;
        color: $accent;
        text-style: bold;
    }
    """

    def __init__(self, steps: PlanSteps) -> None:
        super().__init__()
        self.steps = steps
        self._pool: IdeaPool | None = None

    @property
    def facilitator(self) -> ConsoleHost:
        """The app, with its session."""
        return cast("ConsoleHost", self.app)

    def compose(self) -> ComposeResult:
        live = self.steps.live
        line = f"{live.room.name} · {live.room.date} · {self.steps.plan.title}"
        yield Static(safe_text(line, one_line=True), id="session-line")
        yield Static("", id="phones-line", markup=False)
        with Horizontal(id="plan-body"):
            yield StageList(id="stages")
            with Vertical(id="stage-side"):
                yield Static("", id="stage-title", markup=False)
                with Horizontal(id="timer-row"):
                    yield PlanTimer(id="timer")
                    with Vertical(id="plan-taps"):
                        with Horizontal():
                            yield Tap("Start", id="tap-timer")
                            yield Tap("+1 min", id="tap-add")
                        with Horizontal():
                            yield Tap("◀ Back", id="tap-back")
                            yield Tap("Next ▶", id="tap-next")
                yield Static("", id="stage-prompt", markup=False)
                yield Static("", id="stage-guide", markup=False)
                yield Static("", id="stage-note", markup=False)
                yield StageWork(id="work")
        yield Footer()

    def on_mount(self) -> None:
        self.set_interval(TICK_SECONDS, self.tick, name="plan timer")
        self.refresh_view()

    def on_resize(self, event: events.Resize) -> None:
        self.set_class(event.size.width < NARROW_BELOW, "-narrow")
        self.set_class(event.size.height < SHORT_BELOW, "-short")

    def on_screen_resume(self) -> None:
        self.refresh_view()

    def on_live_changed(self, event: LiveChanged) -> None:
        self.refresh_view()

    def tick(self) -> None:
        """Redraw the timer (twice a second)."""
        self.query_one(PlanTimer).show(self.steps.run)

    @on(Tap.Pressed, "#plan-taps Tap")
    def _tapped(self, event: Tap.Pressed) -> None:
        name = TAPS.get(event.tap.id or "")
        if name is not None and self.check_action(name, ()):
            getattr(self, f"action_{name}")()

    # -- drawing ---------------------------------------------------------------------

    def refresh_view(self) -> None:
        """Redraw from the plan and the session's latest state (only what changed)."""
        if not self.is_mounted:
            return
        steps, run = self.steps, self.steps.run
        self._pool = steps.group.pool
        self.query_one(StageList).show(steps.plan, steps.index, run.progress.sealed)
        self.query_one(PlanTimer).show(run)
        label = "Start" if not run.started else ("Carry on" if run.paused else "Pause")
        put(self.query_one("#tap-timer", Tap), label)
        self._show_phones()
        state = (steps.index, run.started, self.facilitator.phones.join is not None)
        if state != self._drawn_state:
            self._drawn_state = state
            self._show_heading()
            self.refresh_bindings()  # the keys that work depend on the stage
        work = self.query_one(StageWork)
        self._note(work.show(steps, self._pool))
        if self._shown_stage != steps.index:
            self._shown_stage = steps.index
            work.focus_work()

    def _show_heading(self) -> None:
        steps, stage = self.steps, self.steps.stage
        title = self.query_one("#stage-title", Static)
        prompt = self.query_one("#stage-prompt", Static)
        guide = self.query_one("#stage-guide", Static)
        if stage is None:
            where = "Finished" if steps.run.finished else "Not started yet"
            title.update(safe_text(f"{where} · {steps.plan.title}", one_line=True))
            prompt.update(safe_text(steps.plan.about))
            prompt.display = bool(steps.plan.about)
            guide.display = False
            return
        count = len(steps.plan.stages)
        title.update(
            safe_text(f"Stage {steps.index + 1} of {count} · {stage.title}", one_line=True)
        )
        prompt.update(safe_text(stage.prompt or ""))
        prompt.display = bool(stage.prompt)
        guide.update(safe_text(f"For you: {stage.guide}") if stage.guide else "")
        guide.display = bool(stage.guide)

    def _note(self, words: str) -> None:
        note = self.query_one("#stage-note", Static)
        put(note, words)
        if note.display != bool(words):
            note.display = bool(words)

    def _show_phones(self) -> None:
        phones = self.facilitator.phones
        words = phones.status_words
        if words != self._phones_words:
            self._phones_words = words
            line = self.query_one("#phones-line", Static)
            line.update(words)
            line.set_class(bool(words), "-shown")

    # -- keys ------------------------------------------------------------------------

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "phones":
            return self.facilitator.phones.join is not None
        if action in STAGE_KEYS:
            stage = self.steps.stage
            return stage is not None and stage.kind is STAGE_KEYS[action]
        if action == "add_minute":
            return self.steps.stage is not None
        if action == "back_stage":
            return self.steps.index > 0
        if action == "next_stage":
            return self.steps.run.started and not self.steps.run.finished
        return True

    def _change(self, action: Callable[[], object]) -> None:
        try:
            action()
        except PlainError as refused:
            self.notify(refused.message, markup=False)
        except OSError as error:
            self.facilitator.log_problem(error, "saving a step of the plan")
            self.notify(NOT_SAVED, severity="error", markup=False)
        self.refresh_view()

    def action_timer(self) -> None:
        """T: start the plan, or pause or resume the timer."""
        self._change(self.steps.pause_or_resume)

    def action_add_minute(self) -> None:
        """+: one more minute on this stage's timer."""
        self._change(self.steps.add_minute)

    def action_next_stage(self) -> None:
        """N: on to the next stage (asking first when that closes a ranking)."""
        self._move(self.steps.next, self.steps.index + 1)

    def action_back_stage(self) -> None:
        """B: back to the stage before (asking first when that closes a ranking)."""
        self._move(self.steps.back, self.steps.index - 1)

    def _move(self, step: Callable[[], None], target: int) -> None:
        wait = self.steps.blocked(target)
        if wait:
            self.notify(wait, markup=False)
            return
        if not self.steps.leaving_closes_votes():
            self._change(step)
            return

        def answered(leave: bool | None) -> None:
            if leave:
                self._change(step)

        self.app.push_screen(LeaveRankModal(), answered)

    # -- ideas --------------------------------------------------------------------------

    def _moderate(self, status: IdeaStatus) -> None:
        idea_id = self.query_one(IdeaQueue).highlighted_id
        if idea_id is None:
            self.notify("No ideas have come in yet.", markup=False)
            return
        self._change(lambda: self.steps.group.moderate(idea_id, status))

    def action_show(self) -> None:
        """S: put the highlighted idea on the list the room works with."""
        self._moderate(IdeaStatus.SHOWN)

    def action_hold(self) -> None:
        """H: keep the highlighted idea waiting."""
        self._moderate(IdeaStatus.HELD)

    def action_drop(self) -> None:
        """D: leave the highlighted idea out."""
        self._moderate(IdeaStatus.DROPPED)

    def action_show_all(self) -> None:
        """A: show every idea still waiting."""
        waiting = [idea.id for idea in (self._pool or IdeaPool()).held()]

        def show_all() -> None:
            for idea_id in waiting:
                self.steps.group.moderate(idea_id, IdeaStatus.SHOWN)

        self._change(show_all)

    # -- sharing ------------------------------------------------------------------------

    def action_next_idea(self) -> None:
        """→: the next idea on the shared screen."""
        self._change(self.steps.group.next)

    def action_previous_idea(self) -> None:
        """←: the idea before."""
        self._change(self.steps.group.previous)

    def action_clarified(self) -> None:
        """C: mark the idea on the screen as talked through (or not)."""
        idea = self.steps.group.on_screen()
        if idea is None:
            self.notify("Show an idea first (press →).", markup=False)
            return
        self._change(lambda: self.steps.group.clarified(idea.id, not idea.clarified))

    def action_read(self) -> None:
        """R: read the idea on the screen aloud."""
        idea = self.steps.group.on_screen()
        if idea is None:
            self.notify("Show an idea first (press →).", markup=False)
            return
        self.facilitator.services.speaker.say(idea.display_text)

    # -- merging ------------------------------------------------------------------------

    @on(MergePicker.SelectedChanged)
    def _ticked(self) -> None:
        self.refresh_view()

    def action_combine(self) -> None:
        """M: combine the ticked ideas, with words the facilitator can change."""
        picker = self.query_one(MergePicker)
        chosen = list(picker.selected)
        if len(chosen) < 2:
            self.notify("Tick two or more ideas first (Space).", markup=False)
            return
        pool = self._pool or IdeaPool()
        first = pool.find(chosen[0]).display_text  # personal details stay masked

        def worded(words: str | None) -> None:
            if words is None:
                return
            self._change(lambda: self.steps.group.merge(chosen, words))
            picker.deselect_all()

        self.app.push_screen(MergeWordingModal(len(chosen), first), worded)

    def action_undo(self) -> None:
        """U: undo the highlighted combined idea's merge, or else the latest merge."""
        idea_id = self.query_one(MergePicker).highlighted_id
        pool = self._pool or IdeaPool()
        chosen = idea_id if idea_id is not None and pool.find(idea_id).combines else None
        self._change(lambda: self.steps.group.undo_merge(chosen))

    # -- polls --------------------------------------------------------------------------

    def _poll_id(self) -> str | None:
        stage = self.steps.stage
        return stage.poll.id if stage is not None and stage.poll is not None else None

    def action_close_poll(self) -> None:
        """C: stop taking votes in this stage's poll."""
        poll_id = self._poll_id()
        if poll_id is None or self.steps.live.tally(poll_id).status is not PollStatus.OPEN:
            self.notify("This poll isn't open.", markup=False)
            return
        self._change(lambda: self.steps.live.close(poll_id))

    def action_reveal(self) -> None:
        """R: show (or hide) this poll's results, once it is closed."""
        poll_id = self._poll_id()
        if poll_id is None:
            return
        tally = self.steps.live.tally(poll_id)
        if tally.status is not PollStatus.CLOSED:
            self.notify("Close the poll first (press C), then show the results.", markup=False)
            return
        self._change(lambda: self.steps.live.reveal(poll_id, not tally.showing))

    # -- the rest -----------------------------------------------------------------------

    def action_vote(self) -> None:
        """V: hand the tablet round."""
        self.facilitator.start_passing()

    def action_phones(self) -> None:
        """P: the join QR code, big, for the room to scan."""
        join = self.facilitator.phones.join
        if join is not None:
            self.app.push_screen(JoinModal(join))

    def action_quit(self) -> None:
        """Q: close the console, after asking (the plan's place is kept)."""

        def answered(close: bool | None) -> None:
            if close:
                self.app.exit(0)

        self.app.push_screen(QuitModal(), answered)
