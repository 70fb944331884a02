"""What the action log editor does, without Textual: the log, its filter, and every change.

Every change is saved at once through ``surveys.action_reader.save_action_log``, so
closing the editor never loses anything. The desk refuses to write when the file
could not be read when it was opened (it is shown, never overwritten), or when it
was changed on disk since (someone edited it by hand): the change is then not
made and a plain sentence says why.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from enum import Enum
from pathlib import Path

from exports.action_offers import Offer, offers_from_export
from surveys.action_model import Action, ActionLog, ActionSource, ActionStatus, overdue_sentence
from surveys.action_reader import (
    ActionLogError,
    load_action_log,
    load_action_text,
    save_action_log,
)
from surveys.action_values import action_fields, dump_yaml, parse_date
from surveys.errors import Problem, Severity

TO_DECIDE = "To be decided."
"""What an action made from results will do, until the coordinator writes it."""
DEFAULT_DUE_DAYS = 90
"""An action made from results is due this many days after it is made, unless changed."""
FORM_FIELDS = (
    "you_said",
    "we_did",
    "owner",
    "due",
    "status",
    "reason",
    "closed_on",
    "fed_back_on",
    "source_ref",
)
"""The fields the form edits (as text), besides ``share``."""


class Filter(Enum):
    """Which actions the list shows."""

    OVERDUE = "overdue"
    OPEN = "open"
    ALL = "all"


@dataclass(frozen=True, slots=True)
class Checked:
    """A form checked: the action it makes, or the plain words that say what to fix."""

    action: Action | None
    message: str = ""
    advice: tuple[str, ...] = ()


def _fingerprint(path: Path) -> str | None:
    try:
        return hashlib.sha256(path.read_bytes()).hexdigest()
    except FileNotFoundError:
        return None
    except OSError:
        return "unreadable"


@dataclass
class ActionDesk:
    """The log being edited, and the one place it is changed and saved."""

    path: Path
    today: Callable[[], dt.date] = dt.date.today
    log: ActionLog = field(default_factory=ActionLog)
    blocked: str = ""
    """Why the log can't be changed here (empty when it can)."""
    problems: tuple[Problem, ...] = ()
    """What is wrong with the file, when it could not be read."""
    filter: Filter = Filter.ALL
    _seen: str | None = None

    @classmethod
    def open(cls, path: Path, today: Callable[[], dt.date] = dt.date.today) -> ActionDesk:
        """Open the log at ``path``; a file that isn't there yet is a new, empty log."""
        desk = cls(path, today)
        desk._seen = _fingerprint(path)
        if desk._seen is None:
            return desk
        result = load_action_log(path)
        if result.log is None:
            desk.problems = result.errors or result.problems
            desk.blocked = (
                f"The action log {path} can't be changed here until it is put right, so "
                "nothing in it has been touched. Fix what is listed below (or run "
                f"'kiosk check {path}'), then open it again."
            )
            return desk
        desk.log = result.log
        if overdue := desk.overdue():
            desk.filter = Filter.OVERDUE if len(overdue) < len(desk.log.actions) else Filter.ALL
        return desk

    # -- what is shown -----------------------------------------------------------------

    def overdue(self) -> tuple[Action, ...]:
        """The actions still open after their due date."""
        return self.log.overdue(self.today())

    def overdue_line(self) -> str:
        """ "3 actions are overdue" (or that none are; nothing when the log can't be read)."""
        if self.blocked:
            return ""
        sentence = overdue_sentence(len(self.overdue()))
        return f"{sentence}." if sentence else "No actions are overdue."

    def shown(self) -> tuple[Action, ...]:
        """The actions the filter lets through, in the log's order."""
        today = self.today()
        if self.filter is Filter.OVERDUE:
            return self.log.overdue(today)
        if self.filter is Filter.OPEN:
            return tuple(a for a in self.log.actions if not a.status.is_closed)
        return self.log.actions

    # -- changes -------------------------------------------------------------------------

    def next_id(self) -> str:
        """A new id, one past the highest 'a' number in the log."""
        numbers = [
            int(a.id[1:]) for a in self.log.actions if a.id[:1] == "a" and a.id[1:].isdigit()
        ]
        return f"a{max(numbers, default=0) + 1}"

    def check(self, values: dict[str, str], share: bool, editing: Action | None = None) -> Checked:
        """Make an action from the form's words, in the checker's own words when it can't be."""
        tidy = {name: " ".join(values.get(name, "").split()) for name in FORM_FIELDS}
        status = tidy["status"] or ActionStatus.PLANNED.value
        closing = status in (ActionStatus.DONE.value, ActionStatus.NOT_POSSIBLE.value)
        if closing and not tidy["closed_on"]:
            tidy["closed_on"] = self.today().isoformat()
        if not closing:
            tidy["closed_on"] = ""
        if status != ActionStatus.NOT_POSSIBLE.value:
            tidy["reason"] = ""
        fields: dict[str, object] = {"id": editing.id if editing else self.next_id()}
        fields |= {name: text for name, text in tidy.items() if text}
        fields["status"] = status
        fields["share"] = share
        if editing is not None and editing.source is not ActionSource.BY_HAND:
            fields["source"] = editing.source.value
        created = editing.created_on if editing else self.today()
        if created is not None:
            fields["created_on"] = created.isoformat()
        text = dump_yaml({"actions": [fields]})
        result = load_action_text(text, "")
        if result.log is None:
            return Checked(None, _first_message(result.problems, fields["id"]))
        advice = tuple(
            _about_this(p.message, fields["id"])
            for p in result.problems
            if p.severity is Severity.WARNING
        )
        return Checked(result.log.actions[0], advice=advice)

    def add(self, action: Action) -> str:
        """Add a new action; returns what went wrong, or nothing."""
        return self._commit(replace(self.log, actions=(*self.log.actions, action)))

    def update(self, action: Action) -> str:
        """Put the edited action in place of the one with its id."""
        actions = tuple(action if a.id == action.id else a for a in self.log.actions)
        return self._commit(replace(self.log, actions=actions))

    def close(self, action_id: str, *, done: bool, reason: str = "") -> str:
        """Close an action as done, or as not possible with the reason why."""
        action = self.log.find(action_id)
        if action is None:
            return "That action is no longer in the log."
        reason = " ".join(reason.split())
        if not done and not reason:
            return "Please say why it is not possible, in plain words. People are told why."
        status = ActionStatus.DONE if done else ActionStatus.NOT_POSSIBLE
        closed = replace(
            action, status=status, reason="" if done else reason, closed_on=self.today()
        )
        return self.update(closed)

    def toggle_share(self, action_id: str) -> str:
        """Mark an action ready to share, or not."""
        action = self.log.find(action_id)
        if action is None:
            return "That action is no longer in the log."
        return self.update(replace(action, share=not action.share))

    def adopt(self, offers: Sequence[Offer], owner: str, due: str) -> str:
        """Add offers from results as planned actions, each with its source filled in."""
        owner = " ".join(owner.split())
        day = parse_date(due)
        if not owner:
            return "Please say which role owns these actions, such as 'Service manager'."
        if day is None:
            return "Please write the due date like 2026-06-30 (year, month, day)."
        first = int(self.next_id()[1:])
        made = tuple(
            Action(
                id=f"a{first + number}",
                you_said=offer.you_said[:600],
                we_did=TO_DECIDE,
                owner=owner[:80],
                due=day,
                source=offer.source,
                source_ref=offer.source_ref,
                created_on=self.today(),
            )
            for number, offer in enumerate(offers)
        )
        return self._commit(replace(self.log, actions=(*self.log.actions, *made)))

    def find_offers(self, folder: Path) -> tuple[Offer, ...]:
        """What an export folder offers that the log does not hold (raises ``OffersError``)."""
        return offers_from_export(folder, self.log)

    def set_details(self, title: str, results_shared: str) -> str:
        """The service's name and when and where results are shared."""
        tidy_title, tidy_shared = " ".join(title.split()), " ".join(results_shared.split())
        return self._commit(replace(self.log, title=tidy_title, results_shared=tidy_shared))

    def default_due(self) -> str:
        """The due date offered for actions made from results."""
        return (self.today() + dt.timedelta(days=DEFAULT_DUE_DAYS)).isoformat()

    def _commit(self, log: ActionLog) -> str:
        if self.blocked:
            return self.blocked
        if _fingerprint(self.path) != self._seen:
            return (
                f"{self.path} was changed outside this editor since it was opened, so this "
                "change was not saved and nothing in the file was lost. Close the editor "
                "and open it again to see the file as it is now."
            )
        try:
            save_action_log(log, self.path)
        except ActionLogError as error:
            return error.message
        self.log = log
        self._seen = _fingerprint(self.path)
        return ""


def _first_message(problems: Sequence[Problem], action_id: object) -> str:
    """The first error, about "this action" rather than its id."""
    errors = [p for p in problems if p.severity is Severity.ERROR] or list(problems)
    if not errors:
        return "That could not be saved."
    return _about_this(errors[0].message, action_id)


def _about_this(message: str, action_id: object) -> str:
    """A checker's message about "this action" rather than its id (the form has no ids)."""
    this = message.replace(f"Action '{action_id}'", "This action")
    return this.replace(f"action '{action_id}'", "this action")


def form_values(action: Action) -> dict[str, str]:
    """An action's fields as the words the form shows."""
    written = action_fields(action)
    return {name: _shown(written.get(name)) for name in FORM_FIELDS}


def _shown(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value)
