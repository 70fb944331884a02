"""The "you said, we did" action log as plain values: no files, no Textual.

The coordinator keeps one log per service: each action says what people said (an
anonymised theme or quote, or a top idea from a focus-group session), what will
be done, which role owns it, when it is due, where it stands, and when it was fed
back. The reader and checker (``surveys/action_reader.py``), the editor
(``kiosk actions``), the kiosk's cards, the poster and the impact report all work
on these values.

Nothing here names a person: an owner is a role ("Recovery College manager"),
and the words people said are the export's masked themes and quotes, or a
session's ranked ideas, never a raw answer.
"""

from __future__ import annotations

import datetime as dt
import enum
from dataclasses import dataclass


class ActionStatus(enum.Enum):
    """Where an action stands."""

    PLANNED = "planned"
    IN_PROGRESS = "in progress"
    DONE = "done"
    NOT_POSSIBLE = "not possible"

    @property
    def label(self) -> str:
        """The words shown for it: "In progress"."""
        return self.value.capitalize()

    @property
    def is_closed(self) -> bool:
        """Done or not possible: nothing more will happen."""
        return self in (ActionStatus.DONE, ActionStatus.NOT_POSSIBLE)


class ActionSource(enum.Enum):
    """Where what people said came from."""

    BY_HAND = "by hand"
    EXPORT_THEME = "export theme"
    SESSION_IDEA = "session idea"


class Timeliness(enum.Enum):
    """How an action stands against its due date (for the report and the menu)."""

    ON_TIME = "closed on time"
    LATE = "closed late"
    OVERDUE = "overdue"
    NOT_DUE = "not due yet"
    NOT_POSSIBLE = "not possible"


@dataclass(frozen=True, slots=True)
class Action:
    """One "you said, we did" item."""

    id: str
    """A short stable id ("a7"), unique in the log; never derived from a person."""
    you_said: str
    """What people said: a theme, a masked quote, or a session's top idea."""
    we_did: str
    """What will be (or was) done, in plain words."""
    owner: str
    """A role, not a personal name."""
    due: dt.date
    status: ActionStatus = ActionStatus.PLANNED
    reason: str = ""
    """Why it is not possible, in plain words (needed for NOT_POSSIBLE only)."""
    closed_on: dt.date | None = None
    """When it became done or not possible (for "closed on time" or "late")."""
    fed_back_on: dt.date | None = None
    """When it was fed back to the people who took part."""
    share: bool = False
    """Ready to share: shown on the kiosk's cards, the phone pages and the poster."""
    source: ActionSource = ActionSource.BY_HAND
    source_ref: str = ""
    """Which theme or session it came from ("theme: Getting there", "session s-3f…")."""
    created_on: dt.date | None = None

    def timeliness(self, today: dt.date) -> Timeliness:
        """How this action stands on ``today``."""
        if self.status is ActionStatus.NOT_POSSIBLE:
            return Timeliness.NOT_POSSIBLE
        if self.status is ActionStatus.DONE:
            closed = self.closed_on or today
            return Timeliness.ON_TIME if closed <= self.due else Timeliness.LATE
        return Timeliness.OVERDUE if today > self.due else Timeliness.NOT_DUE

    def is_overdue(self, today: dt.date) -> bool:
        """Still open after its due date."""
        return self.timeliness(today) is Timeliness.OVERDUE


@dataclass(frozen=True, slots=True)
class ActionLog:
    """The whole log: its actions and where results are shared."""

    actions: tuple[Action, ...] = ()
    results_shared: str = ""
    """When and where results are shared, for the thank-you screen
    ("Results are shared at the Recovery College café on the first Monday of the month")."""
    title: str = ""
    """The service's name for the poster and report, if given."""

    def find(self, action_id: str) -> Action | None:
        """The action with this id, or None."""
        return next((a for a in self.actions if a.id == action_id), None)

    def to_share(self) -> tuple[Action, ...]:
        """The actions marked ready to share, in the log's order."""
        return tuple(a for a in self.actions if a.share)

    def overdue(self, today: dt.date) -> tuple[Action, ...]:
        """The actions still open after their due date."""
        return tuple(a for a in self.actions if a.is_overdue(today))


def overdue_sentence(count: int) -> str:
    """ "3 actions are overdue" (empty when none are)."""
    if count <= 0:
        return ""
    if count == 1:
        return "1 action is overdue"
    return f"{count} actions are overdue"
