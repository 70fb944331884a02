"""Read and write the action log ("you said, we did"), every problem with its line and column.

The log is a YAML file the coordinator may edit by hand or with ``kiosk actions``::

    title: Recovery College
    results_shared: At the café, on the first Monday of the month
    actions:
    - id: a1
      you_said: The room was too cold.
      we_did: We moved the course to the library.
      owner: Recovery College manager
      due: 2026-03-31
      status: done
      closed_on: 2026-03-20
      share: true

``load_action_log(path)`` never raises for anything a file can contain: it uses the
same YAML front end as survey and plan files (``surveys.yaml_nodes``), so tabs,
aliases and duplicate keys are reported the same way. What would make the log wrong
is an error; what a coordinator may want to look at again (an owner that looks like
a name, a card too long for the kiosk) is advice. ``save_action_log`` writes a log
atomically in the same layout, with no comments, and reads it back before replacing
the file, so what is saved always reads back exactly.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from surveys import paths
from surveys.action_model import Action, ActionLog, ActionSource, ActionStatus
from surveys.action_values import (
    CARD_WORDS,
    action_fields,
    dump_yaml,
    owner_looks_like_a_name,
    parse_date,
    personal_details,
)
from surveys.errors import Checked, ErrorCode, PlainError, Problem, Severity
from surveys.loader import read_checked_bytes
from surveys.storage.atomic import make_folder, write_bytes_atomic
from surveys.yaml_nodes import (
    FieldReader,
    Fields,
    Reporter,
    close_match_hint,
    compose,
    decode,
    describe_type,
    mapping_fields,
    report_tab_indents,
    scalar_text,
)

MAX_FILE_BYTES = 1_000_000
MAX_ACTIONS = 2_000
LIMITS = {
    "you_said": 600,
    "we_did": 600,
    "reason": 600,
    "owner": 80,
    "source_ref": 200,
    "title": 120,
    "results_shared": 300,
}
"""The longest each text may be, in characters."""
BACKUPS = 3
FILE_NAME = "actions.yaml"

_LOG_FIELDS = {"title", "results_shared", "actions"}
_NEEDED = {
    "id": "a short name for it, like a1",
    "you_said": "what people said, in their words or as a theme",
    "we_did": "what will be done, in plain words",
    "owner": "the role that looks after it, such as 'Service manager'",
    "due": "the date it should be done by, like 2026-06-30",
}
_DATES = ("due", "closed_on", "fed_back_on", "created_on")
_ACTION_FIELDS = set(_NEEDED) | set(_DATES) | {"status", "reason", "share", "source", "source_ref"}
_OLD_FIELDS = {"you_said", "we_did", "status"}


class ActionLogError(PlainError):
    """The log could not be saved; the message is plain and nothing was changed."""


@dataclass(frozen=True)
class ActionLogResult(Checked):
    """A log, or the problems that stopped it. ``readable`` is False when the file
    could not be opened at all (missing, unreadable, far too big)."""

    log: ActionLog | None
    problems: tuple[Problem, ...] = ()
    readable: bool = True


def default_action_log(home: Path | None = None) -> Path:
    """Where the log is kept unless another file is named: ``<data folder>/actions.yaml``."""
    return (home or paths.data_home()) / FILE_NAME


def is_action_log(root: Node) -> bool:
    """Whether a file's top node is an action log (or the old "you said, we did" list)."""
    if isinstance(root, MappingNode):
        return any(isinstance(k, ScalarNode) and k.value == "actions" for k, _ in root.value)
    if isinstance(root, SequenceNode) and root.value:
        first = root.value[0]
        return isinstance(first, MappingNode) and any(
            isinstance(k, ScalarNode) and k.value == "you_said" for k, _ in first.value
        )
    return False


def load_action_log(path: str | Path) -> ActionLogResult:
    """Read and check an action log file."""
    data = read_checked_bytes(path)
    if isinstance(data, tuple):
        return ActionLogResult(None, data, readable=False)
    return load_action_bytes(data, str(path))


def load_action_bytes(data: bytes, name: str = "<actions>") -> ActionLogResult:
    """Check an action log given as bytes (what a file holds)."""
    report = Reporter(name)
    text = decode(data, report)
    if text is None:
        return ActionLogResult(None, tuple(report.problems))
    return load_action_text(text, name)


def load_action_text(text: str, name: str = "<actions>") -> ActionLogResult:
    """Check action log text."""
    report = Reporter(name)
    text = text.removeprefix("\ufeff")
    if not text.strip():
        # A new, empty log is fine: the editor starts one.
        return ActionLogResult(ActionLog())
    report_tab_indents(text, report)
    if report.problems:
        return ActionLogResult(None, tuple(report.problems))
    root = compose(text, report)
    log = None if root is None else _LogReader(report).read(root)
    problems = tuple(sorted(report.problems, key=lambda p: (p.line, p.column)))
    if report.has_errors:
        return ActionLogResult(None, problems)
    return ActionLogResult(log, problems)


class _LogReader(FieldReader):
    """Walks a log's node tree once, building the log and reporting problems."""

    def read(self, root: Node) -> ActionLog | None:
        if isinstance(root, SequenceNode) and is_action_log(root):
            self.report.add(ErrorCode.ACTION_OLD_FORMAT, root)
            return None
        if not isinstance(root, MappingNode):
            self.report.add(ErrorCode.ACTION_NOT_A_LOG, root)
            return None
        fields = mapping_fields(root, self.report)
        self._unknown(fields, _LOG_FIELDS, "The log")
        title = self._text(fields, "title", "the log", root) or ""
        shared = self._text(fields, "results_shared", "the log", root) or ""
        if "actions" not in fields:
            what = "the list of actions (it may be empty: 'actions: []')"
            self.report.add(
                ErrorCode.ACTION_MISSING_FIELD, root, where="The log", field="actions", what=what
            )
            return None
        node = fields["actions"][1]
        items = [] if describe_type(node) == "empty" else self.read_list(node, "actions", "the log")
        if items is None:
            return None
        if len(items) > MAX_ACTIONS:
            self.report.add(ErrorCode.ACTION_TOO_MANY, node, count=len(items), limit=MAX_ACTIONS)
            return None
        actions: list[Action] = []
        first_lines: dict[str, int] = {}
        for position, item in enumerate(items, start=1):
            action = self._action(item, position)
            if action is None:
                continue
            line = item.start_mark.line + 1
            if action.id in first_lines:
                self.report.add(
                    ErrorCode.ACTION_DUPLICATE_ID,
                    item,
                    id=action.id,
                    first_line=first_lines[action.id],
                )
                continue
            first_lines[action.id] = line
            actions.append(action)
        if self.report.has_errors:
            return None
        return ActionLog(tuple(actions), results_shared=shared, title=title)

    def _unknown(self, fields: Fields, known: set[str], where: str) -> None:
        for name, (key_node, _) in fields.items():
            if name not in known:
                hint = close_match_hint(name, known)
                self.report.add(
                    ErrorCode.ACTION_UNKNOWN_FIELD, key_node, where=where, field=name, hint=hint
                )

    def _text(
        self, fields: Fields, name: str, where: str, owner: Node, *, required: bool = False
    ) -> str | None:
        """A text field, its spaces tidied to single spaces, checked for length."""
        if required and name not in fields:
            self.report.add(
                ErrorCode.ACTION_MISSING_FIELD, owner, where=where, field=name, what=_NEEDED[name]
            )
            return None
        value = self.read_text(fields, name, where, owner, required=False)
        if value is None:
            return None
        value = " ".join(value.split())
        limit = LIMITS.get(name)
        if limit is not None and len(value) > limit:
            self.report.add(
                ErrorCode.ACTION_TOO_LONG,
                fields[name][1],
                field=name,
                where=where,
                count=len(value),
                limit=limit,
            )
            return None
        return value

    def _action(self, item: Node, position: int) -> Action | None:
        fields = self.read_mapping(item, "actions", "the log")
        if fields is None:
            return None
        action_id = self._text(fields, "id", f"Action {position}", item, required=True)
        if action_id is not None:
            before = len(self.report.problems)
            self.read_id(fields, f"Action {position}", item)
            if len(self.report.problems) > before:
                action_id = None
        where = f"Action '{action_id}'" if action_id else f"Action {position}"
        self._unknown(fields, _ACTION_FIELDS, where)
        said = self._text(fields, "you_said", where, item, required=True)
        did = self._text(fields, "we_did", where, item, required=True)
        owner = self._text(fields, "owner", where, item, required=True)
        dates = {name: self._date(fields, name, where, item) for name in _DATES}
        status = self._choice(
            fields, "status", where, ActionStatus, ErrorCode.ACTION_UNKNOWN_STATUS
        )
        source = self._choice(
            fields, "source", where, ActionSource, ErrorCode.ACTION_UNKNOWN_SOURCE
        )
        reason = self._text(fields, "reason", where, item) or ""
        share = self.read_bool(fields, "share", where)
        source_ref = self._text(fields, "source_ref", where, item) or ""
        self._advise(fields, where, said, did, owner)
        if status is not None:
            self._check_status(fields, where=where, status=status, reason=reason, dates=dates)
        due = dates["due"]
        if (
            action_id is None
            or said is None
            or did is None
            or owner is None
            or due is None
            or status is None
            or source is None
        ):
            return None
        return Action(
            id=action_id,
            you_said=said,
            we_did=did,
            owner=owner,
            due=due,
            status=status,
            reason=reason,
            closed_on=dates["closed_on"],
            fed_back_on=dates["fed_back_on"],
            share=share,
            source=source,
            source_ref=source_ref,
            created_on=dates["created_on"],
        )

    def _date(self, fields: Fields, name: str, where: str, item: Node) -> dt.date | None:
        if name not in fields:
            if name == "due":
                self.report.add(
                    ErrorCode.ACTION_MISSING_FIELD,
                    item,
                    where=where,
                    field=name,
                    what=_NEEDED[name],
                )
            return None
        node = fields[name][1]
        written = scalar_text(node)
        day = parse_date(written) if written is not None else None
        if day is None:
            shown = f"'{written}'" if written is not None else describe_type(node)
            self.report.add(ErrorCode.ACTION_BAD_DATE, node, field=name, where=where, value=shown)
        return day

    def _choice(self, fields: Fields, name: str, where: str, kind: Any, code: ErrorCode) -> Any:
        """An enum field by its words ("in progress"), any case; the first value when missing."""
        values = list(kind)
        if name not in fields:
            return values[0]
        written = self.read_text(fields, name, where, fields[name][0])
        if written is None:
            return None
        words = " ".join(written.replace("_", " ").split()).lower()
        for value in values:
            if value.value == words:
                return value
        hint = close_match_hint(words, [v.value for v in values])
        self.report.add(code, fields[name][1], where=where, value=written, hint=hint)
        return None

    def _check_status(
        self,
        fields: Fields,
        *,
        where: str,
        status: ActionStatus,
        reason: str,
        dates: dict[str, dt.date | None],
    ) -> None:
        if status is ActionStatus.NOT_POSSIBLE and not reason:
            node = fields["reason"][1] if "reason" in fields else fields["status"][1]
            self.report.add(ErrorCode.ACTION_NO_REASON, node, where=where)
        if reason and status is not ActionStatus.NOT_POSSIBLE:
            self.report.add(
                ErrorCode.ACTION_REASON_NOT_USED,
                fields["reason"][0],
                Severity.WARNING,
                where=where.lower(),
                status=status.value,
            )
        closed, created = dates["closed_on"], dates["created_on"]
        if status.is_closed and closed is None and "closed_on" not in fields:
            self.report.add(
                ErrorCode.ACTION_NO_CLOSED_ON,
                fields["status"][1],
                Severity.WARNING,
                where=where,
                status=status.value,
            )
        if not status.is_closed and "closed_on" in fields:
            self.report.add(
                ErrorCode.ACTION_CLOSED_ON_OPEN,
                fields["closed_on"][0],
                where=where,
                status=status.value,
            )
        if closed is not None and created is not None and closed < created:
            self.report.add(
                ErrorCode.ACTION_CLOSED_BEFORE_CREATED,
                fields["closed_on"][1],
                where=where,
                closed=closed.isoformat(),
                created=created.isoformat(),
            )

    def _advise(
        self, fields: Fields, where: str, said: str | None, did: str | None, owner: str | None
    ) -> None:
        """Advice: an owner that looks like a name, personal details, a card too long."""
        if owner is not None and owner_looks_like_a_name(owner):
            self.report.add(
                ErrorCode.ACTION_OWNER_NAME,
                fields["owner"][1],
                Severity.WARNING,
                where=where.lower(),
                value=owner,
            )
        for name, text in (("you_said", said), ("we_did", did)):
            kinds = personal_details(text) if text else []
            if kinds:
                self.report.add(
                    ErrorCode.ACTION_PERSONAL_DETAILS,
                    fields[name][1],
                    Severity.WARNING,
                    field=name,
                    where=where.lower(),
                    kinds=", ".join(kinds),
                )
        if said is not None and did is not None:
            words = len(said.split()) + len(did.split())
            if words >= CARD_WORDS:
                self.report.add(
                    ErrorCode.ACTION_CARD_LONG,
                    fields["you_said"][1],
                    Severity.WARNING,
                    where=where.lower(),
                    count=words,
                    limit=CARD_WORDS,
                )


# -- writing ----------------------------------------------------------------------------


def dump_action_log(log: ActionLog) -> str:
    """The log as the YAML text ``save_action_log`` writes."""
    data: dict[str, object] = {}
    if log.title:
        data["title"] = log.title
    if log.results_shared:
        data["results_shared"] = log.results_shared
    data["actions"] = [action_fields(action) for action in log.actions]
    return dump_yaml(data)


def save_action_log(log: ActionLog, path: str | Path) -> None:
    """Write the log atomically (the last three versions kept as ``actions.yaml.1`` …).

    The text is read back before the file is replaced: a log that would not read back
    exactly as it is (an empty owner, a duplicate id …) raises ``ActionLogError`` and
    the file on disk is left as it was.
    """
    path = Path(path)
    text = dump_action_log(log)
    result = load_action_text(text, str(path))
    if result.log != log:
        first = result.errors[0].message if result.errors else "It would not read back the same."
        raise ActionLogError(f"The action log was not saved, so nothing changed. {first}")
    try:
        make_folder(path.parent)
        write_bytes_atomic(path, text.encode("utf-8"), backups=BACKUPS)
    except OSError as error:
        reason = error.strerror or "the disk refused it"
        raise ActionLogError(f"The action log could not be saved to {path} ({reason}).") from error
