"""Reading YAML as located nodes, so every problem can name its line and column.

PyYAML's node tree keeps where each value was written. These helpers read values
from it without ever raising: what they can't read they report as a ``Problem``.

The front end (``decode``, ``report_tab_indents``, ``compose``) turns a file's bytes
into one node tree, putting PyYAML's own complaints into words a survey author can
act on. ``FieldReader`` then reads typed fields (text, yes/no, numbers, lists, ids)
from that tree for the survey and question readers.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass, field
from typing import Any

import yaml
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from surveys.errors import ErrorCode, Problem, Severity

_BOOL_TAG = "tag:yaml.org,2002:bool"
_INT_TAG = "tag:yaml.org,2002:int"
_NULL_TAG = "tag:yaml.org,2002:null"

_ID = re.compile(r"[A-Za-z][A-Za-z0-9_-]{0,63}")
_BOM = b"\xef\xbb\xbf"
_BRACKET = re.compile(r"[\[\]{}]")
MAX_DEPTH = 50
"""Deepest nesting of '[' and '{' a survey file may use (a real one needs 2 or 3)."""
_LINE_BREAK = re.compile("\r\n|[\r\n\x85\u2028\u2029]")
"""What YAML (1.1, as PyYAML reads it) counts as the end of a line."""

# PyYAML's own wording, put into words a survey author can act on.
_YAML_HINTS = {
    "mapping values are not allowed here": (
        "a ':' is in an unexpected place — if the words contain a colon, put them in quotes"
    ),
    "could not find expected ':'": "a line seems to be missing its ':'",
    "did not find expected key": "the indents don't line up with the lines above",
    "did not find expected '-' indicator": "a list item's '-' doesn't line up",
    "found unexpected end of stream": "a quote or bracket is opened but never closed",
    "found undefined alias": "an alias (*) points at nothing",
    "expected <document start>, but found": "there is text after the survey has ended",
    "expected a single document": ("there is a second '---' part; a survey file holds one survey"),
}
_END_OF_FILE = "<stream end>"
"""In PyYAML's wording when the file ends inside an unclosed bracket or quote."""

Fields = dict[str, tuple[Node, Node]]
"""A mapping's fields by name: the key's node (for where it is written) and the value's."""


def describe_type(node: Node) -> str:
    """Plain words for what a node holds, used in 'should be X, but it is Y'."""
    if isinstance(node, MappingNode):
        return "a group of fields"
    if isinstance(node, SequenceNode):
        return "a list"
    if node.tag == _NULL_TAG:
        return "empty"
    if node.tag == _BOOL_TAG:
        return "yes/no"
    if node.tag == _INT_TAG:
        return "a number"
    return "text"


def _message(code: ErrorCode, context: dict[str, Any]) -> str:
    """The filled-in message. A place such as "The survey" or "question 'mood'" gets a
    capital only when it starts the sentence."""
    where = context.get("where")
    if isinstance(where, str) and where:
        starts = str(code.value).startswith("{where}")
        first = where[0].upper() if starts else where[0].lower()
        context = {**context, "where": first + where[1:]}
    return code.format(**context)


@dataclass
class Reporter:
    """Collects problems for one file."""

    path: str
    problems: list[Problem] = field(default_factory=list)

    def add(
        self,
        code: ErrorCode,
        node: Node | None = None,
        severity: Severity = Severity.ERROR,
        **context: Any,
    ) -> None:
        """Record a problem at the node's position (or the top of the file)."""
        line = column = 0
        if node is not None:
            line, column = node.start_mark.line + 1, node.start_mark.column + 1
        self.problems.append(
            Problem(code, _message(code, context), self.path, line, column, severity)
        )

    def at(self, code: ErrorCode, line: int, column: int, **context: Any) -> None:
        """Record a problem at an explicit position."""
        self.problems.append(Problem(code, _message(code, context), self.path, line, column))

    @property
    def has_errors(self) -> bool:
        """True when any problem is an error rather than advice."""
        return any(problem.severity is Severity.ERROR for problem in self.problems)


def mapping_fields(node: MappingNode, report: Reporter) -> Fields:
    """A mapping's fields by name, reporting duplicate and non-text keys."""
    fields: Fields = {}
    for key_node, value_node in node.value:
        if not isinstance(key_node, ScalarNode):
            report.add(ErrorCode.YAML_SYNTAX, key_node, problem="a field name is not plain text")
            continue
        name = str(key_node.value)
        if name in fields:
            report.add(ErrorCode.DUPLICATE_KEY, key_node, key=name)
            continue
        fields[name] = (key_node, value_node)
    return fields


def scalar_text(node: Node) -> str | None:
    """The text exactly as written, for scalars that are words (never coerced to yes/no)."""
    if isinstance(node, ScalarNode) and node.tag != _NULL_TAG:
        return str(node.value)
    return None


def scalar_value(node: Node) -> object:
    """A scalar's typed value (bool, int, str …), or None when it can't be built."""
    if not isinstance(node, ScalarNode):
        return None
    try:
        return yaml.SafeLoader("").construct_object(node, deep=True)
    except (yaml.YAMLError, ValueError, OverflowError):
        return None


def node_bool(node: Node) -> bool | None:
    """True/False when the node is a yes/no value, else None."""
    value = scalar_value(node)
    return value if isinstance(value, bool) else None


def node_int(node: Node) -> int | None:
    """A whole number when the node is one, else None."""
    value = scalar_value(node)
    if isinstance(value, bool) or not isinstance(value, int):
        return None
    return value


# -- the front end: bytes to one node tree ---------------------------------------------


def decode(data: bytes, report: Reporter) -> str | None:
    """The text of a file (without a byte-order mark), or None when it is not UTF-8."""
    data = data.removeprefix(_BOM)
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as error:
        # Everything before the bad byte is good UTF-8. Columns count characters, as an
        # editor does, not bytes.
        lines = _LINE_BREAK.split(data[: error.start].decode("utf-8"))
        report.at(
            ErrorCode.NOT_UTF8, len(lines), len(lines[-1]) + 1, byte=f"0x{data[error.start]:02X}"
        )
        return None


def report_tab_indents(text: str, report: Reporter) -> None:
    """Report every line whose indent holds a tab (YAML indents with spaces only)."""
    for number, line in enumerate(_LINE_BREAK.split(text), start=1):
        indent = line[: len(line) - len(line.lstrip(" \t"))]
        if "\t" in indent:
            report.at(ErrorCode.TAB_CHARACTER, number, indent.index("\t") + 1)


def _position(mark: yaml.Mark | yaml._yaml.Mark | None) -> tuple[int, int]:
    """Line and column (from 1) of a PyYAML mark, or (0, 0) when there is none."""
    return (mark.line + 1, mark.column + 1) if mark is not None else (0, 0)


def _too_deep_at(text: str) -> int | None:
    """Where brackets first nest deeper than any survey needs, or None.

    PyYAML takes time that grows with the square of the bracket depth, so a file of
    a million '[' would never finish; this is counted before the file is parsed.
    Brackets inside quotes are counted too, which only matters for absurd files.
    """
    depth = 0
    for match in _BRACKET.finditer(text):
        if match.group() in "[{":
            depth += 1
            if depth > MAX_DEPTH:
                return match.start()
        else:
            depth = max(depth - 1, 0)
    return None


def compose(text: str, report: Reporter) -> Node | None:
    """The file's one node tree, or None when it can't be read (the reason reported)."""
    deep_at = _too_deep_at(text)
    if deep_at is not None:
        lines = _LINE_BREAK.split(text[:deep_at])
        report.at(ErrorCode.YAML_TOO_DEEP, len(lines), len(lines[-1]) + 1)
        return None
    try:
        # An alias is always written with '*', so most files need no second look.
        events = yaml.parse(text, Loader=yaml.SafeLoader) if "*" in text else ()
        for event in events:
            if isinstance(event, yaml.AliasEvent):
                line, column = _position(event.start_mark)
                report.at(ErrorCode.ALIAS_NOT_ALLOWED, line, column, name=event.anchor)
                return None
        node = yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        problem = str(error.problem or "the layout is off")
        hint = next((h for key, h in _YAML_HINTS.items() if problem.startswith(key)), None)
        if hint is None and _END_OF_FILE in problem:
            hint = _YAML_HINTS["found unexpected end of stream"]
        if hint is None and problem.endswith(("but got '?'", "but got ':'")):
            hint = (
                "inside { } or [ ], words with a '?' or ':' must be put in quotes, "
                'like "How are you?"'
            )
        plain = hint or "the layout is off near here (check the indents and the quotes)"
        line, column = _position(mark)
        report.at(ErrorCode.YAML_SYNTAX, line, column, problem=plain)
        return None
    except yaml.reader.ReaderError as error:
        lines = _LINE_BREAK.split(text[: error.position])
        character = error.character if isinstance(error.character, str) else chr(error.character)
        report.at(
            ErrorCode.YAML_SYNTAX,
            len(lines),
            len(lines[-1]) + 1,
            problem=f"there is a hidden character (U+{ord(character):04X}) that a survey "
            "file can't hold — please delete it",
        )
        return None
    except yaml.YAMLError:
        report.add(ErrorCode.YAML_SYNTAX, problem="the layout is off")
        return None
    except RecursionError:
        report.add(ErrorCode.YAML_TOO_DEEP)
        return None
    if node is None or (isinstance(node, ScalarNode) and node.value == ""):
        # Nothing but comments, or only a '---' line.
        report.add(ErrorCode.EMPTY_FILE)
        return None
    return node


# -- typed fields of a mapping -----------------------------------------------------------


def close_match_hint(word: str, known: set[str] | list[str]) -> str:
    """ " Did you mean 'x'?" for the nearest known word, or nothing when none is near."""
    close = difflib.get_close_matches(word, sorted(known), n=1)
    return f" Did you mean '{close[0]}'?" if close else ""


@dataclass
class FieldReader:
    """Reads typed fields from located nodes, reporting what it can't read."""

    report: Reporter

    def read_text(
        self,
        fields: Fields,
        name: str,
        where: str,
        owner: Node,
        *,
        required: bool = True,
    ) -> str | None:
        """A field's words, stripped; None (reported when required) if missing or blank."""
        if name not in fields:
            if required:
                self.report.add(ErrorCode.MISSING_FIELD, owner, where=where, field=name)
            return None
        node = fields[name][1]
        value = scalar_text(node)
        if value is None:
            if isinstance(node, ScalarNode):  # written but left empty
                self.report.add(ErrorCode.EMPTY_TEXT, node, field=name, where=where)
            else:
                self.report.add(
                    ErrorCode.WRONG_TYPE,
                    node,
                    field=name,
                    where=where,
                    expected="text",
                    actual=describe_type(node),
                )
            return None
        if not value.strip():
            self.report.add(ErrorCode.EMPTY_TEXT, node, field=name, where=where)
            return None
        return value.strip()

    def read_bool(self, fields: Fields, name: str, where: str) -> bool:
        """A yes/no field; False when it is missing or not yes/no (reported)."""
        if name not in fields:
            return False
        node = fields[name][1]
        value = node_bool(node)
        if value is None:
            self.report.add(
                ErrorCode.WRONG_TYPE,
                node,
                field=name,
                where=where,
                expected="true or false",
                actual=describe_type(node),
            )
            return False
        return value

    def read_int(
        self,
        fields: Fields,
        name: str,
        where: str,
        *,
        low: int,
        high: int,
        default: int,
    ) -> int:
        """A whole number from ``low`` to ``high``; ``default`` when missing or out of range."""
        if name not in fields:
            return default
        node = fields[name][1]
        value = node_int(node)
        if value is None or not low <= value <= high:
            self.report.add(ErrorCode.BAD_NUMBER, node, field=name, where=where, low=low, high=high)
            return default
        return value

    def report_unknown(self, fields: Fields, known: set[str], where: str) -> None:
        """Report each field not in ``known``, with the nearest known name as a hint."""
        for name, (key_node, _) in fields.items():
            if name not in known:
                self.report.add(
                    ErrorCode.UNKNOWN_FIELD,
                    key_node,
                    where=where,
                    field=name,
                    hint=close_match_hint(name, known),
                )

    def read_mapping(self, node: Node, name: str, where: str) -> Fields | None:
        """The fields of a group, or None (reported) when the node is not one."""
        if not isinstance(node, MappingNode):
            self.report.add(
                ErrorCode.WRONG_TYPE,
                node,
                field=name,
                where=where,
                expected="a group of fields",
                actual=describe_type(node),
            )
            return None
        return mapping_fields(node, self.report)

    def read_list(self, node: Node, name: str, where: str) -> list[Node] | None:
        """The items of a list, or None (reported) when the node is not one."""
        if not isinstance(node, SequenceNode):
            self.report.add(
                ErrorCode.WRONG_TYPE,
                node,
                field=name,
                where=where,
                expected="a list",
                actual=describe_type(node),
            )
            return None
        return list(node.value)

    def read_id(self, fields: Fields, where: str, owner: Node) -> str | None:
        """The ``id`` field, checked to be letters, numbers, '-' or '_'."""
        value = self.read_text(fields, "id", where, owner)
        if value is not None and not _ID.fullmatch(value):
            self.report.add(ErrorCode.BAD_ID, fields["id"][1], value=value)
            return None
        return value
