"""The impact report's actions: "you said, we did" by status and by timeliness.

Counts of actions, not of people: nothing here needs hiding. An action belongs to
the period when it was due in it. Timeliness is judged on the day the report is
made (an action due in March and still open is overdue), using
``surveys.action_model.Action.timeliness``.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass

from surveys.action_model import Action, ActionLog, ActionStatus, Timeliness

TIMELINESS_ORDER = (
    Timeliness.ON_TIME,
    Timeliness.LATE,
    Timeliness.OVERDUE,
    Timeliness.NOT_POSSIBLE,
    Timeliness.NOT_DUE,
)


@dataclass(frozen=True)
class ActionSummary:
    """Counts of the period's actions, and the overdue ones to follow up."""

    by_status: tuple[tuple[str, int], ...]
    by_timeliness: tuple[tuple[str, int], ...]
    overdue: tuple[Action, ...]
    fed_back: int
    total: int
    note: str = ""
    """Why there are no actions to show (no log, or it could not be read)."""

    def count(self, timeliness: Timeliness) -> int:
        """How many actions stand this way."""
        return dict(self.by_timeliness).get(timeliness.value.capitalize(), 0)


def summarise(log: ActionLog, first: dt.date, last: dt.date, today: dt.date) -> ActionSummary:
    """The actions due from ``first`` to ``last``, judged on ``today``."""
    chosen = [a for a in log.actions if first <= a.due <= last]
    statuses = Counter(a.status for a in chosen)
    timeliness = Counter(a.timeliness(today) for a in chosen)
    return ActionSummary(
        by_status=tuple((s.label, statuses.get(s, 0)) for s in ActionStatus),
        by_timeliness=tuple((t.value.capitalize(), timeliness.get(t, 0)) for t in TIMELINESS_ORDER),
        overdue=tuple(sorted((a for a in chosen if a.is_overdue(today)), key=lambda a: a.due)),
        fed_back=sum(1 for a in chosen if a.fed_back_on is not None),
        total=len(chosen),
    )


def no_actions(note: str) -> ActionSummary:
    """An empty summary that says why."""
    return ActionSummary((), (), (), 0, 0, note)
