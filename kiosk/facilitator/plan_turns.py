"""The passed tablet during a focus-group plan: write one idea, or choose in secret.

When the console runs a plan, its pass-the-tablet follows the stage now (saved by
the console with the session, ``TinyDbPlanStore.now``): on an ``ideas`` stage each
person gets "Your turn — write one idea, or pass", on a ``rank`` stage a secret
ballot (top-k or dots), and on a poll stage the ordinary poll turn. Before anything
is sent, the stage is read again (``StageNow.accepts``); the rest is left to
``FocusGroup``, whose errors say when a ranking has closed or a ballot can't count.

Nothing of a turn is kept unless the person sends it: Pass, Stop and walking away
keep nothing, and nothing here remembers what was written or chosen once the turn
is over. The tablet never shows results.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Protocol

from kiosk.facilitator.screens.ballot_screen import (
    BallotMove,
    BallotOutcome,
    BallotScreen,
)
from kiosk.facilitator.screens.hand_over_screen import Note, Turn
from kiosk.facilitator.screens.idea_turn_screen import IdeaMove, IdeaOutcome, IdeaTurnScreen
from surveys.catalogues import _, active_language, words
from surveys.focus_group import FocusGroup
from surveys.idea_ranking import BallotError
from surveys.ideas import IdeaError
from surveys.plan_model import StageKind
from surveys.plan_record import StageNow
from surveys.polls import AlreadyVotedError, PollClosedError, PollStatus
from surveys.storage.tinydb_plan_progress import TinyDbPlanStore

if TYPE_CHECKING:
    from textual.app import App

    from kiosk.facilitator.host import ProblemNoter

NOTHING_NOW = (
    "There is nothing to pass round at this stage. The tablet takes ideas while people "
    "write, choices while they rank, and votes while a poll is open."
)
"""For the facilitator, when they press V on a stage with nothing to take in."""

TURNS = {StageKind.IDEAS: Turn.IDEAS, StageKind.RANK: Turn.RANK}


@dataclass
class TabletPlan:
    """What the passed tablet needs of a running plan: the session's ideas and
    rankings (the console's own ``FocusGroup``) and where the plan has got to."""

    focus: FocusGroup
    plans: TinyDbPlanStore

    def stage(self) -> StageNow | None:
        """The stage now, as the console last saved it."""
        return self.plans.now(self.focus.session.id)


def plan_turn(stage: StageNow | None) -> Turn | None:
    """The turn a stage gives the tablet: ideas, rank, or None (a poll or nothing)."""
    return None if stage is None else TURNS.get(stage.kind)


class TurnOwner(Protocol):
    """The pass-the-tablet helper, as a plan turn sees it."""

    app: App[Any]

    @property
    def problems(self) -> ProblemNoter:
        """Where a handled problem is noted (type and where only)."""
        ...

    def finish_turn(self, note: Note) -> None:
        """End this person's turn and hand the tablet on."""
        ...

    def ask_group(self) -> None:
        """Ask the group question again (Back from the turn)."""
        ...


class PlanTurns:
    """One person's idea or ballot, from the group question to "please pass it on"."""

    def __init__(self, owner: TurnOwner, plan: TabletPlan) -> None:
        self.owner = owner
        self.plan = plan

    # -- is the stage taking this? -------------------------------------------------

    def refused(self, turn: Turn) -> Note | None:
        """Why this turn can't be taken now (None when it can)."""
        stage = self.plan.stage()
        if stage is None or not stage.accepts(StageKind(turn.value)):
            return Note.CLOSED
        if turn is Turn.RANK:
            status = self.plan.focus.round(stage.round_id).status
            if status is PollStatus.WAITING:
                return Note.NOT_YET
            if status is not PollStatus.OPEN:
                return Note.CLOSED
        return None

    def ask(self, turn: Turn, group: str) -> None:
        """Show the idea screen or the ballot (or hand on, when the stage has moved)."""
        note = self.refused(turn)
        stage = self.plan.stage()
        if note is not None or stage is None:
            self.owner.finish_turn(note or Note.CLOSED)
            return
        if turn is Turn.IDEAS:
            self._ask_idea(stage.prompt or "", group)
        else:
            self._ask_ballot(stage, group)

    # -- ideas ---------------------------------------------------------------------

    def _ask_idea(
        self, prompt: str, group: str, text: str = "", message: str | None = None
    ) -> None:
        screen = IdeaTurnScreen(prompt, text=text, message=message)
        self.owner.app.push_screen(screen, lambda outcome: self._idea_done(outcome, group))

    def _idea_done(self, outcome: IdeaOutcome | None, group: str) -> None:
        if outcome is None:
            return
        if outcome.move is IdeaMove.BACK:
            self.owner.ask_group()
            return
        if outcome.move is not IdeaMove.SEND:
            self.owner.finish_turn(Note.NOT_COUNTED)  # Pass: nothing is kept
            return
        note = self.refused(Turn.IDEAS)
        if note is not None:
            self.owner.finish_turn(note)
            return
        try:
            self.plan.focus.add(outcome.text, group)
        except IdeaError as error:
            stage = self.plan.stage()
            prompt = (stage.prompt or "") if stage is not None else ""
            self._ask_idea(prompt, group, outcome.text, error.told(_))
            return
        except OSError as error:
            self.owner.problems.log_problem(error, "saving an idea from the passed tablet")
            self.owner.finish_turn(Note.NOT_SAVED)
            return
        self.owner.finish_turn(Note.THANKS)

    # -- ballots -------------------------------------------------------------------

    def ballot_ideas(self, round_id: str) -> list[tuple[str, str]]:
        """(id, words) of the ideas in the round, in the pool's order, masked."""
        focus = self.plan.focus
        pool = focus.pool
        ideas = []
        for idea_id in focus.round(round_id).candidates:
            try:
                ideas.append((idea_id, pool.find(idea_id).display_text))
            except IdeaError:
                continue
        return ideas

    def _ask_ballot(
        self,
        stage: StageNow,
        group: str,
        outcome: BallotOutcome | None = None,
        message: str | None = None,
    ) -> None:
        tally = self.plan.focus.round(stage.round_id)
        given = outcome.ballot if outcome is not None else None
        screen = BallotScreen(
            self.ballot_ideas(stage.round_id),
            tally.style,
            tally.size,
            chosen=given if isinstance(given, list) else (),
            dots=given if isinstance(given, dict) else None,
            message=message,
        )
        self.owner.app.push_screen(
            screen, lambda done: self._ballot_done(done, stage.round_id, group)
        )

    def _ballot_done(self, outcome: BallotOutcome | None, round_id: str, group: str) -> None:
        if outcome is None:
            return
        if outcome.move is BallotMove.BACK:
            self.owner.ask_group()
            return
        stage = self.plan.stage()
        if stage is None or stage.round_id != round_id or self.refused(Turn.RANK) is not None:
            self.owner.finish_turn(Note.CLOSED)
            return
        try:
            self.plan.focus.cast(round_id, outcome.ballot, group)
        except BallotError as error:
            self._ask_ballot(stage, group, outcome, error.told(words(active_language(), "group")))
            return
        except PollClosedError:
            self.owner.finish_turn(Note.CLOSED)
            return
        except AlreadyVotedError:
            self.owner.finish_turn(Note.NOT_COUNTED)
            return
        except OSError as error:
            self.owner.problems.log_problem(error, "saving a ballot from the passed tablet")
            self.owner.finish_turn(Note.NOT_SAVED)
            return
        self.owner.finish_turn(Note.THANKS)
