"""What the impact report shows, as plain values: only protected, anonymised pieces.

``exports.impact_report`` gathers them; ``exports.impact_page`` and ``exports.impact_files``
write them.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from exports.group_decisions import SessionDecisions
from exports.impact_actions import ActionSummary
from exports.impact_period import Period, Quarter
from exports.impact_tally import Tables
from surveys.errors import PlainError
from surveys.thresholds import Thresholds


class ImpactError(PlainError):
    """The report could not be made; the message says why in plain words."""


@dataclass(frozen=True)
class FocusGroups:
    """Focus-group sessions held, and what each decided (masked wording, protected scores),
    from ``exports.group_decisions.session_decisions``."""

    decisions: tuple[SessionDecisions, ...] = ()
    note: str = ""

    @property
    def sessions(self) -> int:
        """Focus-group sessions held."""
        return len(self.decisions)


@dataclass(frozen=True)
class ImpactContent:
    """Everything the page and the CSV files show: only protected, anonymised pieces."""

    title: str
    period: Period
    quarters: tuple[Quarter, ...]
    made_on: dt.date
    sessions: tuple[int, ...]
    """Sessions held in each quarter (sessions, not people: shown as they are)."""
    tables: Tables
    focus: FocusGroups
    actions: ActionSummary
    thresholds: Thresholds
    demo_key: bool = False

    @property
    def session_total(self) -> int:
        """Sessions held in the period."""
        return sum(self.sessions)

    @property
    def empty(self) -> bool:
        """Nothing happened in the period: no sessions and no actions."""
        return not self.session_total and not self.actions.total
