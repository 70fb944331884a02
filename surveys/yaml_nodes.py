"""Reading YAML as located nodes, so every problem can name its line and column.

PyYAML's node tree keeps where each value was written. These helpers read values
from it without ever raising: what they can't read they report as a ``Problem``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import yaml
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from surveys.errors import ErrorCode, Problem, Severity

_BOOL_TAG = "tag:yaml.org,2002:bool"
_INT_TAG = "tag:yaml.org,2002:int"
_NULL_TAG = "tag:yaml.org,2002:null"


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


def mapping_fields(node: MappingNode, report: Reporter) -> dict[str, tuple[Node, Node]]:
    """A mapping's fields by name, reporting duplicate and non-text keys."""
    fields: dict[str, tuple[Node, Node]] = {}
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
