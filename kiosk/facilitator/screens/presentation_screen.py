"""The shared screen for a projector: the current poll, how many have voted, and —
only once the facilitator reveals them — the results in large text.

Following a session plan, it shows the stage ("Stage 2 of 8"), its title and
prompt, a big timer, and what that stage may show the room (``stage_board``).

It only reads. It never shows results that are hidden, comments that were not
chosen for showing, ideas still being written, or anything about who voted.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, cast

from rich.text import Text
from textual import events
from textual.app import ComposeResult
from textual.containers import Container, Horizontal, Vertical, VerticalScroll
from textual.screen import Screen
from textual.widgets import Static

from accessibility.big_text import big_text
from accessibility.big_text import characters_per_line as big_characters
from kiosk.facilitator.poll_charts import results_text
from kiosk.facilitator.stage_board import stage_body, stage_title, stage_where
from kiosk.facilitator.widgets.stage_timer import StageTimer
from kiosk.messages import LiveChanged
from kiosk.problems import Guarded
from kiosk.safe_text import safe_text
from kiosk.web.codes import display_code
from kiosk.widgets.qr_code import QRCodeWidget
from surveys.catalogues import N_, _, n_
from surveys.facilitation import SessionView
from surveys.model import Kind
from surveys.plan_model import StageKind
from surveys.plan_record import StageNow

if TYPE_CHECKING:
    from kiosk.facilitator.host import PresenterHost
    from kiosk.facilitator.plan_view import PlanView
    from surveys.storage.tallies import PhoneJoin

JOIN_WORDS = N_("Vote on your phone: go to {address} and type {code}")
"""The top line when the console serves phones (blank when it doesn't)."""
PLAN_JOIN_WORDS = N_("Take part on your phone: go to {address} and type {code}")
"""The same line in a session plan, where phones also send ideas."""
WAITING = N_("Waiting for the facilitator to start the polls.")
PLAN_WAITING = N_("Waiting for the facilitator to start the session.")
PLAN_FINISHED = N_("That is the end of the session. Thank you for taking part.")
TICK_SECONDS = 0.5
"""How often the stage's timer is drawn again (it counts between reads of the file)."""
HIDDEN = N_("Results are hidden for now. Everyone votes first, then we look together.")
HIDDEN_COMMENTS = N_("Comments appear here after the facilitator has read them.")


def voted_big(view: SessionView, poll_id: str, width: int) -> Text:
    """ "7 of 10" in big glyphs (when it fits), with "have voted" under it."""
    tally = view.tally(poll_id)
    expected = view.room.expected
    shown = min(tally.votes, expected) if expected else tally.votes
    count = _("{count} of {total}", count=shown, total=expected) if expected else str(shown)
    text = Text()
    if len(count) <= big_characters(width):
        text.append("\n".join(big_text(count, width)), style="bold")
        text.append("\n" + n_("has voted", "have voted", shown))
    else:
        text.append(view.voted(poll_id), style="bold")
    return text


class PresentationScreen(Guarded, Screen[None]):
    """Follows the session; redraws on ``LiveChanged``."""

    DEFAULT_CSS = """
    PresentationScreen #present-top {
        height: 1;
        background: $panel;
        padding: 0 1;
    }
    PresentationScreen #present-session {
        width: 1fr;
    }
    PresentationScreen #present-join {
        height: auto;
        padding: 0 1;
        background: $panel;
        text-style: bold;
        display: none;
    }
    PresentationScreen #present-join.-shown {
        display: block;
    }
    PresentationScreen #present-stage {
        height: auto;
        padding: 0 1 0 2;
        border-bottom: solid $primary;
        display: none;
    }
    PresentationScreen #present-stage.-shown {
        display: block;
    }
    PresentationScreen #present-heading {
        width: 1fr;
        height: auto;
    }
    PresentationScreen #present-heading > Static {
        width: 100%;
        height: auto;
    }
    PresentationScreen #present-stage-where {
        color: $foreground 70%;
    }
    PresentationScreen #present-stage-title {
        text-style: bold;
    }
    PresentationScreen #present-stage-prompt {
        text-style: bold;
        color: $accent;
    }
    PresentationScreen #present-body {
        padding: 1 2;
    }
    PresentationScreen #present-body > Static {
        height: auto;
        width: 100%;
    }
    PresentationScreen #present-where {
        color: $foreground 70%;
    }
    PresentationScreen #present-question {
        text-style: bold;
        margin: 0 0 1 0;
    }
    PresentationScreen #present-voted {
        color: $accent;
        margin: 0 0 1 0;
    }
    PresentationScreen #present-qr {
        width: auto;
        height: auto;
        display: none;
    }
    PresentationScreen #present-qr.-shown {
        display: block;
    }
    """

    @property
    def presenter(self) -> PresenterHost:
        """The app, with the session it follows."""
        return cast("PresenterHost", self.app)

    def compose(self) -> ComposeResult:
        with Horizontal(id="present-top"):
            yield Static("", id="present-session", markup=False)
        yield Static("", id="present-join", markup=False)
        with Horizontal(id="present-stage"):
            with Vertical(id="present-heading"):
                yield Static("", id="present-stage-where", markup=False)
                yield Static("", id="present-stage-title", markup=False)
                yield Static("", id="present-stage-prompt", markup=False)
            yield StageTimer(id="present-timer")
        with VerticalScroll(id="present-body"):
            yield Static("", id="present-where", markup=False)
            yield Static("", id="present-question", markup=False)
            yield Static("", id="present-voted", markup=False)
            yield Static("", id="present-results", markup=False)
            yield Container(id="present-qr")

    def on_mount(self) -> None:
        self.show()
        self.set_interval(TICK_SECONDS, self._tick, name="stage timer")

    def on_live_changed(self, event: LiveChanged) -> None:
        self.show()

    def on_resize(self, event: events.Resize) -> None:
        self.show()

    def _set(self, name: str, content: Text | str) -> None:
        self.query_one(f"#present-{name}", Static).update(content)

    def _show_qr(self, url: str | None) -> None:
        holder = self.query_one("#present-qr", Container)
        shown = [widget.data for widget in holder.query(QRCodeWidget)]
        if shown != ([url] if url else []):
            holder.remove_children()
            if url:
                holder.mount(QRCodeWidget(url, id="present-join-qr"))
        holder.set_class(bool(url), "-shown")

    def _stage_now(self) -> StageNow | None:
        plan = self.presenter.plan
        return None if plan is None else plan.now

    def _tick(self) -> None:
        now = self._stage_now()
        if now is not None:
            self.query_one(StageTimer).show(now, self.presenter.clock_now())

    def _show_stage(self, now: StageNow | None) -> None:
        """The stage's heading and timer (hidden outside a plan's stage)."""
        self.query_one("#present-stage").set_class(now is not None, "-shown")
        if now is None:
            return
        self._set("stage-where", stage_where(now))
        self._set("stage-title", safe_text(stage_title(now)))
        self._set("stage-prompt", safe_text(now.prompt or ""))
        self.query_one("#present-stage-prompt").display = bool(now.prompt)
        self.query_one(StageTimer).show(now, self.presenter.clock_now())

    def _body_rows(self, now: StageNow, width: int) -> int:
        """About how many rows the body has under the stage's heading."""
        prompt = now.prompt or ""
        heading = 2 + (len(prompt) // max(width - 22, 10) + 1 if prompt else 0)
        join = 1 if self.query_one("#present-join").has_class("-shown") else 0
        return self.size.height - 1 - join - max(heading, 4) - 1 - 2

    def show(self) -> None:
        """Draw the current poll (or the plan's stage) as it is now."""
        view = self.presenter.view
        width = max(self.size.width - 4, 20)
        now = self._stage_now() if view is not None else None
        self._show_stage(now)
        if view is None:
            self.query_one("#present-question").display = True
            for name in ("session", "join", "where", "voted", "results"):
                self._set(name, "")
            self.query_one("#present-join").set_class(False, "-shown")
            self._show_qr(None)
            waiting = WAITING if self.presenter.plan_title is None else PLAN_WAITING
            self._set("question", _(waiting))
            return
        join = self._show_session(view)
        plan = self.presenter.plan
        # A plan given to this screen, or saved with the session by the console.
        planned = self.presenter.plan_title is not None
        staged = plan is not None and planned and (now is None or now.kind is not StageKind.POLL)
        self.query_one("#present-where").display = not staged and now is None
        self.query_one("#present-voted").display = not staged
        self.query_one("#present-question").display = not staged or now is None
        if plan is not None and staged:
            self._show_plan(plan, now, view, join, width)
        else:
            self._show_poll(view, view.current if now is None else now.poll_id, join, width)

    def _show_session(self, view: SessionView) -> PhoneJoin | None:
        """The top lines: the session, and how phones join."""
        session = f"{view.room.name} · {view.room.date}"
        if self.presenter.plan_title is not None:
            session = f"{self.presenter.plan_title} · {session}"
        self._set("session", safe_text(session, one_line=True))
        join = view.join
        words = ""
        if join is not None:
            wording = JOIN_WORDS if self.presenter.plan_title is None else PLAN_JOIN_WORDS
            words = _(wording, address=join.address, code=display_code(join.code))
        self._set("join", words)
        self.query_one("#present-join").set_class(bool(words), "-shown")
        return join

    def _show_plan(
        self,
        plan: PlanView,
        now: StageNow | None,
        view: SessionView,
        join: PhoneJoin | None,
        width: int,
    ) -> None:
        """A plan's stage (other than a poll), or the words before and after the plan."""
        self._show_qr(join.url if join and now is None and not plan.finished else None)
        for name in ("where", "question", "voted"):
            self._set(name, "")
        if now is None:
            self._set("question", _(PLAN_FINISHED if plan.finished else PLAN_WAITING))
            self._set("results", "")
            return
        rows = self._body_rows(now, width)
        self._set("results", stage_body(plan, now, width, rows, view.room.expected))

    def _show_poll(
        self, view: SessionView, poll_id: str | None, join: PhoneJoin | None, width: int
    ) -> None:
        """One poll: how many voted, and its results once revealed."""
        if poll_id is None or poll_id not in {q.id for q in view.polls}:
            for name in ("where", "voted", "results"):
                self._set(name, "")
            self._set("question", _("The first poll will appear here soon."))
            # Before the first poll is the time to join: the code, big, for the room.
            self._show_qr(join.url if join else None)
            return
        self._show_qr(None)
        question = view.poll(poll_id)
        ids = [q.id for q in view.polls]
        self._set(
            "where", _("Poll {number} of {total}", number=ids.index(poll_id) + 1, total=len(ids))
        )
        self._set("question", safe_text(question.text))
        tally = view.tally(poll_id)
        if not tally.showing:
            self._set("voted", voted_big(view, poll_id, width))
            hidden = HIDDEN_COMMENTS if question.kind is Kind.LONGTEXT else HIDDEN
            self._set("results", Text(_(hidden), style="italic"))
            return
        self._set("voted", Text(view.voted(poll_id), style="bold"))
        self._set("results", results_text(question, view.results(poll_id), width, large=True))
