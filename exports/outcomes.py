"""The action log in the export: "you said, we did", with status and timeliness.

``kiosk export --outcomes FILE`` (by default the data folder's ``actions.yaml``, when
there is one) reads the action log through ``surveys.action_reader``, the same
reader and checker as ``kiosk actions`` and ``kiosk check``. The report, the
workbook's "You said, we did" sheet and ``data.json`` list the actions marked ready
to share, each with its status and how it stands against its due date, and count
every action by timeliness (closed on time, closed late, overdue, not possible,
not due yet).

What people said and what was done go through the one PII scrubber again before
they are published, as every other text in an export does, and are shown as plain
text (escaped), never as markup. Owners and sources stay in the log.

The old outcomes list (``- you_said: … we_did: … status: …``, no ids, owners or due
dates) is not guessed at: the export stops with the checker's plain message, which
says how to turn it into an action log in three small edits.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, replace
from pathlib import Path

from surveys.action_model import Action, Timeliness
from surveys.action_reader import load_action_log
from surveys.errors import PlainError
from surveys.pii import mask_text
from surveys.plurals import counted

HEADINGS = ("You said", "We did", "Status", "Due", "Timeliness", "Why not", "Fed back on")
"""The columns of the workbook's "You said, we did" sheet."""
ORDER = (
    Timeliness.ON_TIME,
    Timeliness.LATE,
    Timeliness.OVERDUE,
    Timeliness.NOT_POSSIBLE,
    Timeliness.NOT_DUE,
)


class OutcomesError(PlainError):
    """The action log could not be used; the message is plain."""


@dataclass(frozen=True, slots=True)
class Outcomes:
    """The action log as an export shows it."""

    shared: tuple[Action, ...] = ()
    """The actions ready to share, in the log's order, their words scrubbed again."""
    today: dt.date = dt.date.min
    counts: tuple[tuple[Timeliness, int], ...] = ()
    """Every action in the log by timeliness (only the kinds there are)."""

    @property
    def total(self) -> int:
        """How many actions the log holds."""
        return sum(count for _, count in self.counts)

    def timeliness(self, action: Action) -> str:
        """ "Closed on time", "Overdue" … on the day of the export."""
        return action.timeliness(self.today).value.capitalize()

    def summary(self) -> str:
        """ "Of 12 actions: 5 closed on time, 3 overdue and 4 not due yet." """
        if not self.total:
            return ""
        parts = [f"{count} {kind.value}" for kind, count in self.counts]
        listed = parts[0] if len(parts) == 1 else f"{', '.join(parts[:-1])} and {parts[-1]}"
        return f"Of {counted(self.total, 'action')}: {listed}."

    def row(self, action: Action) -> tuple[str, ...]:
        """One action as the workbook's sheet shows it (see ``HEADINGS``)."""
        fed_back = action.fed_back_on.isoformat() if action.fed_back_on else ""
        return (
            action.you_said,
            action.we_did,
            action.status.label,
            action.due.isoformat(),
            self.timeliness(action),
            action.reason,
            fed_back,
        )


def load_outcomes(path: Path | None, today: dt.date) -> Outcomes:
    """The action log at ``path`` as the export shows it (none given: nothing).

    Raises ``OutcomesError`` with the checker's own words when the log can't be used.
    """
    if path is None:
        return Outcomes(today=today)
    result = load_action_log(path)
    if result.log is None:
        problems = result.errors or result.problems
        first = problems[0].describe() if problems else f"{path} could not be read."
        more = len(problems) - 1
        also = f" ({counted(more, 'more problem')}: run 'kiosk check {path}' to see them all.)"
        raise OutcomesError(
            f"The action log can't be used for the report yet. {first}{also if more else ''}"
        )
    log = result.log
    tally = dict.fromkeys(ORDER, 0)
    for action in log.actions:
        tally[action.timeliness(today)] += 1
    shared = tuple(
        replace(
            action,
            you_said=mask_text(action.you_said),
            we_did=mask_text(action.we_did),
            reason=mask_text(action.reason),
        )
        for action in log.to_share()
    )
    counts = tuple((kind, tally[kind]) for kind in ORDER if tally[kind])
    return Outcomes(shared, today, counts)
