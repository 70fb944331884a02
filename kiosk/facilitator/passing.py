"""Pass-the-tablet voting: one voter at a time on a clean screen.

Each turn is a fresh set of screens over a plain backdrop: "I'm ready to vote",
then (if they like) which group the voter is in, then the open poll with the
participant kiosk's own big targets, read-aloud and text sizes. The vote is
counted durably before "Thank you — please pass the tablet on" appears; then the
terminal and its scrollback are cleared, so nothing of one vote is left for the
next person. Only the operator key (F12) and the PIN lead back to the console.

During a focus-group plan (``follow_plan``) the turn follows the plan's stage:
writing one idea or choosing in secret (``kiosk.facilitator.plan_turns``) on an
``ideas`` or ``rank`` stage, the poll turn above on a poll stage.

The part the participant kiosk shares (idle watch, read-aloud as each screen
appears, the voter's tools, clearing the terminal) is a ``SharedDevice``, which this
helper owns and answers for (``DeviceOwner``): it watches only while the tablet is
passed round, and a voter who stops or walks away has nothing counted.
"""

from __future__ import annotations

import time
from typing import TYPE_CHECKING, Any

from accessibility.glossary import glossary_for
from kiosk.facilitator.plan_turns import NOTHING_NOW, PlanTurns, TabletPlan, plan_turn
from kiosk.facilitator.screens.console_screen import ConsoleScreen
from kiosk.facilitator.screens.hand_over_screen import HandOverScreen, Note, Ready, Turn
from kiosk.facilitator.screens.passing_screen import PassingScreen
from kiosk.preferences import Preferences
from kiosk.screens.base import KioskModal, KioskScreen
from kiosk.screens.break_modal import BreakModal
from kiosk.screens.help_modal import HelpModal
from kiosk.screens.pin_modal import PinModal
from kiosk.screens.preferences_screen import PreferencesScreen
from kiosk.screens.question_screen import Move, QuestionOutcome, QuestionScreen
from kiosk.screens.stop_modal import StopModal
from kiosk.shared_device import SharedDevice
from surveys import groups
from surveys.catalogues import N_, _
from surveys.errors import AnswerError
from surveys.model import PREFER_NOT_TO_SAY, Kind, Option, Question
from surveys.polls import PollClosedError, PollStatus, RoomFullError

if TYPE_CHECKING:
    from textual.app import App

    from kiosk.facilitator.host import ConsoleHost, ProblemNoter
    from kiosk.speaking import Speaker
    from surveys.focus_group import FocusGroup
    from surveys.storage.tinydb_plan_progress import TinyDbPlanStore

GROUP_TEXT = N_("Would you like to say which group you are in?")
GROUP_HELP = N_(
    "This helps the facilitator see whether every group has had a say. "
    "Only totals for each group are shown, never who said or chose what. "
    "You can skip this."
)
"""Asked before a vote, an idea or a ranking, so it names none of them."""


def group_question() -> Question:
    """Asked before each vote, in the group's language; Skip and "Prefer not to say"
    both count as not said. The options' values are the groups' ids in every language."""
    return Question(
        id="your_group",
        kind=Kind.SINGLE,
        text=_(GROUP_TEXT),
        help=_(GROUP_HELP),
        options=tuple(Option(_(group.label), group.id) for group in groups.GROUPS),
        prefer_not_to_say=True,
    )


OPEN_FIRST = "Open a poll first (press O), then pass the tablet round."


class PassTheTablet:
    """The voter's turn, from hand-over to thank-you, for the console."""

    speech_off = False
    """The console offers read-aloud to every voter."""
    idle_has_answers = True
    """ "Are you still there?" says a vote not yet sent will go."""

    def __init__(
        self, app: App[Any], host: ConsoleHost, *, idle_seconds: float, countdown_seconds: float
    ) -> None:
        self.app = app
        self.host = host
        self.passing_poll: str | None = None
        self.turn: Turn | None = None
        """What the person holding the tablet is asked to do (None: not passing)."""
        self.turn_text = ""
        """The question of the idea or ranking turn (the poll's is the poll's own)."""
        self.plan: PlanTurns | None = None
        """The plan's ideas and ranking, while the console runs a plan."""
        self.glossary = glossary_for()
        """The built-in glossary: poll files carry no words of their own."""
        self.device = SharedDevice(
            app,
            self,
            idle_seconds=idle_seconds,
            countdown_seconds=countdown_seconds,
            break_seconds=None,  # a voter's break ends when they come back
            now=time.monotonic,
        )

    @property
    def speaker(self) -> Speaker:
        """The console's read-aloud."""
        return self.host.services.speaker

    @property
    def preferences(self) -> Preferences:
        """The current voter's choices."""
        return self.host.preferences

    @property
    def watching(self) -> bool:
        """Idle is watched only while the tablet is passed round."""
        return self.passing

    @property
    def passing(self) -> bool:
        """True while the tablet is being passed round."""
        return self.turn is not None

    @property
    def problems(self) -> ProblemNoter:
        """Where a handled problem is noted (the console's list)."""
        return self.host

    def follow_plan(self, focus: FocusGroup | None, plans: TinyDbPlanStore | None = None) -> None:
        """While the console runs a plan: take ideas and ballots as its stage says
        (``focus`` is the console's own ``FocusGroup``); None to stop following one."""
        if focus is None or plans is None:
            self.plan = None
            return
        self.plan = PlanTurns(self, TabletPlan(focus, plans))

    # -- starting and ending -------------------------------------------------------

    def start(self) -> None:
        """Hand the tablet round for the plan's ideas or ranking, or the open poll."""
        turn = self._plan_turn()
        if turn is None:
            live = self.host.live
            poll_id = live.open_poll() if live is not None else None
            if poll_id is None:
                self.app.notify(OPEN_FIRST if self.plan is None else NOTHING_NOW, markup=False)
                return
            self.passing_poll, turn = poll_id, Turn.POLL
        self.turn = turn
        label = _("Live poll") if self.plan is None else _("Focus group")
        self.app.push_screen(PassingScreen(label))
        self._hand_over(Note.FIRST)

    def _plan_turn(self) -> Turn | None:
        """An idea or ranking turn when the plan's stage now is one (keeping its question)."""
        if self.plan is None:
            return None
        stage = self.plan.plan.stage()
        turn = plan_turn(stage)
        if turn is not None and stage is not None:
            self.turn_text = stage.prompt or ""
        return turn

    def end(self) -> None:
        """Back to the console (after the PIN): every voter screen is removed."""
        self.speaker.stop()
        self.passing_poll = None
        self.turn = None
        self.host.apply_preferences(Preferences())
        stack = self.app.screen_stack
        if any(isinstance(screen, PassingScreen) for screen in stack):
            # Down to whichever console passed the tablet (the poll console or a plan's).
            while len(self.app.screen_stack) > 1 and not isinstance(self.app.screen, PassingScreen):
                self.app.pop_screen()
            self.app.pop_screen()
        else:
            while len(self.app.screen_stack) > 1 and self._above_console():
                self.app.pop_screen()
        self.device.clear_terminal()

    def _above_console(self) -> bool:
        return not isinstance(self.app.screen, ConsoleScreen)

    def operator_key(self) -> None:
        """F12: while voting, the PIN (or straight back when unlocked) to the console."""
        if not self.passing or isinstance(self.app.screen, PinModal):
            return
        pin = self.host.services.pin
        if self.host.unlocked or pin is None:
            self.end()
            return
        self.app.push_screen(PinModal(pin.check), self._pin_answered)

    def _pin_answered(self, unlocked: bool | None) -> None:
        if unlocked:
            self.end()

    # -- one voter's turn ------------------------------------------------------------

    def _poll(self) -> Question | None:
        live = self.host.live
        if live is None or self.passing_poll is None:
            return None
        return live.poll(self.passing_poll)

    def _drop_turn(self) -> None:
        """Remove the voter's screens (and any box on them) down to the backdrop."""
        while len(self.app.screen_stack) > 1 and not isinstance(self.app.screen, PassingScreen):
            if not self._above_console():
                return
            self.app.pop_screen()

    def _next_turn(self) -> tuple[Turn, str] | None:
        """What the next person is asked (the plan may have moved on), and its question."""
        turn = self._plan_turn()
        if turn is not None:
            return turn, self.turn_text
        if self.plan is not None:
            live = self.host.live
            open_poll = live.open_poll() if live is not None else None
            if open_poll is not None:
                self.passing_poll = open_poll
            elif self.turn in (Turn.IDEAS, Turn.RANK):
                # Nothing taken in now (the plan moved on): the last turn's words, and
                # "ready" then says kindly that it has finished.
                return self.turn, self.turn_text
        poll = self._poll()
        return None if poll is None else (Turn.POLL, poll.text)

    def _catch_up(self) -> None:
        """The plan moved on while the tablet was waiting: the next person gets the turn
        the stage takes now (their screens say what it is), if it takes anything."""
        if self.plan is None:
            return
        following = self._next_turn()
        if following is not None:
            self.turn = following[0]

    def _hand_over(self, note: Note) -> None:
        ended = self.turn
        following = self._next_turn()
        if following is None:
            return
        self.turn, text = following
        self.speaker.stop()
        self.host.apply_preferences(Preferences())
        self._drop_turn()
        screen = HandOverScreen(text, note, self.turn, ended)
        self.app.push_screen(screen, self._hand_over_done)

    def finish_turn(self, note: Note) -> None:
        """End this voter's turn: clear everything, then "please pass the tablet on"."""
        self._drop_turn()
        self.device.clear_terminal()
        self._hand_over(note)

    def _hand_over_done(self, ready: Ready | None) -> None:
        self._catch_up()
        if ready is Ready.PREFERENCES:
            self.app.push_screen(PreferencesScreen(self.preferences), self._preferences_done)
        else:
            self.ask_group()

    def _preferences_done(self, preferences: Preferences | None) -> None:
        if preferences is None:
            self._hand_over(Note.FIRST)
            return
        self.host.apply_preferences(preferences)
        self.ask_group()

    def _still_open(self) -> bool:
        live, poll_id = self.host.live, self.passing_poll
        if live is None or poll_id is None:
            return False
        live.refresh()
        return live.tally(poll_id).status is PollStatus.OPEN

    def ask_group(self) -> None:
        """ "Would you like to say which group you are in?", when the turn can still be taken."""
        plan, turn = self.plan, self.turn
        if plan is not None and turn in (Turn.IDEAS, Turn.RANK):
            refused = plan.refused(turn)
            if refused is not None:
                self.finish_turn(refused)
                return
        elif not self._still_open():
            self.finish_turn(Note.CLOSED)
            return
        screen = QuestionScreen(group_question(), number=1, total=2, can_go_back=False)
        self.app.push_screen(screen, self._group_done)

    def _group_done(self, outcome: QuestionOutcome | None) -> None:
        group = groups.NOT_SAID
        if outcome is not None and outcome.move is Move.ANSWER:
            answer = outcome.answer
            if isinstance(answer, str) and answer != PREFER_NOT_TO_SAY and answer in groups.BY_ID:
                group = answer
        if self.plan is not None and self.turn in (Turn.IDEAS, Turn.RANK):
            self.plan.ask(self.turn, group)
            return
        self._ask_vote(group)

    def _ask_vote(self, group: str, message: str | None = None) -> None:
        poll = self._poll()
        if poll is None:
            return
        screen = QuestionScreen(poll, number=2, total=2, can_go_back=True, message=message)
        self.app.push_screen(screen, lambda outcome: self._vote_done(outcome, group))

    def _vote_done(self, outcome: QuestionOutcome | None, group: str) -> None:
        live, poll_id = self.host.live, self.passing_poll
        if outcome is None or live is None or poll_id is None:
            return
        if outcome.move is Move.BACK:
            self.ask_group()
            return
        if outcome.move is not Move.ANSWER:
            self.finish_turn(Note.NOT_COUNTED)
            return
        try:
            live.cast(poll_id, outcome.answer, group)
        except AnswerError as error:
            self._ask_vote(group, error.message)
            return
        except PollClosedError:
            self.finish_turn(Note.CLOSED)
            return
        except RoomFullError:
            self.finish_turn(Note.FULL)
            return
        except OSError as error:
            self.host.log_problem(error, "saving a pass-the-tablet vote")
            self.finish_turn(Note.NOT_SAVED)
            return
        self.finish_turn(Note.THANKS)

    # -- the voter's tools, as the shared device asks (see kiosk.shared_device) ------

    def help_box(self, screen: KioskScreen[Any]) -> KioskModal[Any]:
        """ "What does this mean?" with the built-in glossary; ask the facilitator."""
        help_text, words = screen.meaning()
        terms = self.glossary.terms_in(f"{help_text or ''}\n{words}")
        found = [(entry.term, entry.meaning) for entry in terms]
        return HelpModal(help_text, found, _("the facilitator"))

    def break_box(self) -> KioskModal[Any]:
        return BreakModal()

    def stop_box(self) -> KioskModal[bool]:
        return StopModal(has_answers=False)

    def stopped(self) -> None:
        """Stop voting: nothing is counted."""
        self.finish_turn(Note.NOT_COUNTED)

    def walked_away(self) -> None:
        """A voter who walked away: nothing is counted, and the screen is cleared."""
        self.finish_turn(Note.NOT_COUNTED)
