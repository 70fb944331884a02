"""Show-if conditions: which answer to an earlier question shows a later one.

A question's ``show_if`` names another question and one condition (``equals``,
``in`` or ``answered``). Once every question of a survey has been read, each
condition is checked against the question it names (it must exist, ask something,
come earlier, and offer the value compared with), and conditions that depend on
each other in a loop are reported once, at the first question of the loop.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass, field, replace

from yaml.nodes import Node

from surveys.errors import ErrorCode
from surveys.model import PREFER_NOT_TO_SAY, AnswerValue, Condition, Kind, Question, ShowIf
from surveys.yaml_nodes import FieldReader, node_bool, node_int, scalar_text


def resolve_show_ifs(
    reader: FieldReader,
    questions: list[Question],
    show_ifs: list[tuple[Question, Node]],
    written_ids: Collection[str],
) -> list[Question]:
    """``questions`` with their show_ifs attached, reporting each one that can't be followed.

    ``show_ifs`` pairs a question with its ``show_if`` node; ``written_ids`` holds the
    id of every question in the file, including those left out for their own problems
    (a show_if naming one of those is not reported a second time).
    """
    return _ShowIfReader(reader.report, written_ids).resolve(questions, show_ifs)


@dataclass
class _ShowIfReader(FieldReader):
    written_ids: Collection[str] = field(default_factory=set)

    def resolve(
        self, questions: list[Question], show_ifs: list[tuple[Question, Node]]
    ) -> list[Question]:
        """The questions, each with its show_if checked and attached."""
        by_id = {q.id: q for q in questions}
        order = {q.id: i for i, q in enumerate(questions)}
        resolved: dict[str, ShowIf] = {}
        nodes: dict[str, Node] = {}
        for question, node in show_ifs:
            show_if = self._show_if(question, node, by_id)
            if show_if is not None:
                resolved[question.id] = show_if
                nodes[question.id] = node
        in_cycle = self._report_cycles(resolved, nodes, order)
        for question_id, show_if in resolved.items():
            if question_id in in_cycle:
                continue
            if order[show_if.question] > order[question_id]:
                self.report.add(
                    ErrorCode.SHOW_IF_LATER_TARGET,
                    nodes[question_id],
                    id=question_id,
                    target=show_if.question,
                )
        return [_with_show_if(q, resolved[q.id]) if q.id in resolved else q for q in questions]

    def _show_if(self, question: Question, node: Node, by_id: dict[str, Question]) -> ShowIf | None:
        fields = self.read_mapping(node, "show_if", f"question '{question.id}'")
        conditions = [c for c in Condition if c.value in (fields or {})]
        if (
            fields is None
            or "question" not in fields
            or len(conditions) != 1
            or set(fields) - {"question", *(c.value for c in Condition)}
        ):
            if fields is not None:
                self.report.add(ErrorCode.SHOW_IF_BAD, node, id=question.id)
            return None
        target_id = scalar_text(fields["question"][1])
        if target_id is None:
            self.report.add(ErrorCode.SHOW_IF_BAD, node, id=question.id)
            return None
        if target_id == question.id:
            self.report.add(ErrorCode.SHOW_IF_SELF, node, id=question.id)
            return None
        target = by_id.get(target_id)
        if target is None:
            # A question that exists but has its own problems is reported there already.
            if target_id not in self.written_ids:
                self.report.add(
                    ErrorCode.SHOW_IF_UNKNOWN_TARGET,
                    fields["question"][1],
                    id=question.id,
                    target=target_id,
                )
            return None
        if not target.asks:
            self.report.add(ErrorCode.SHOW_IF_INFO_TARGET, node, id=question.id, target=target_id)
            return None
        condition = conditions[0]
        value_node = fields[condition.value][1]
        if target.kind is Kind.RANKING and condition is not Condition.ANSWERED:
            self.report.add(
                ErrorCode.SHOW_IF_RANKING_TARGET, node, id=question.id, target=target_id
            )
            return None
        if condition is Condition.ANSWERED:
            answered = node_bool(value_node)
            if answered is None:
                self.report.add(ErrorCode.SHOW_IF_BAD, value_node, id=question.id)
                return None
            return ShowIf(target_id, condition, (), answered)
        if condition is Condition.EQUALS:
            raw_nodes = [value_node]
        else:
            listed = self.read_list(value_node, "in", f"the show_if of question '{question.id}'")
            if listed is None:
                return None
            raw_nodes = listed
        if not raw_nodes or any(scalar_text(raw) is None for raw in raw_nodes):
            # Nothing to compare with (an empty list, a blank, or a list inside a list).
            self.report.add(ErrorCode.SHOW_IF_BAD, value_node, id=question.id)
            return None
        values: list[AnswerValue] = []
        for raw in raw_nodes:
            value = _target_value(target, raw)
            if value is None:
                self.report.add(
                    ErrorCode.SHOW_IF_VALUE_NOT_OPTION,
                    raw,
                    id=question.id,
                    target=target_id,
                    value=scalar_text(raw),
                )
                continue
            values.append(value)
        if len(values) != len(raw_nodes):
            return None
        return ShowIf(target_id, condition, tuple(values))

    def _report_cycles(
        self, resolved: dict[str, ShowIf], nodes: dict[str, Node], order: dict[str, int]
    ) -> set[str]:
        # Each question depends on at most one other, so following the links from every
        # question once, and never walking a link twice, finds each loop in linear time.
        in_cycle: set[str] = set()
        done: set[str] = set()
        for start in sorted(resolved, key=order.__getitem__):
            path: dict[str, int] = {}
            current = start
            while current in resolved and current not in done and current not in path:
                path[current] = len(path)
                current = resolved[current].question
            if current in path:  # came back to a question on this walk: a loop
                walked = list(path)
                loop = walked[path[current] :]
                first = min(loop, key=order.__getitem__)
                loop = loop[loop.index(first) :] + loop[: loop.index(first)]
                in_cycle.update(loop)
                self.report.add(
                    ErrorCode.SHOW_IF_CYCLE, nodes[first], cycle=" → ".join([*loop, loop[0]])
                )
            done.update(path)
        return in_cycle


def _target_value(target: Question, node: Node) -> AnswerValue | None:
    """The stored value a show_if compares with, checked against the target's answers."""
    text = scalar_text(node)
    if text is None:
        return None
    if target.prefer_not_to_say and text.strip() == PREFER_NOT_TO_SAY:
        return PREFER_NOT_TO_SAY
    if target.kind is Kind.YESNO:
        flag = node_bool(node)
        if flag is None and text.lower() in {"yes", "no"}:
            flag = text.lower() == "yes"
        return flag
    if target.kind in (Kind.SCALE, Kind.RATING):
        number = node_int(node)
        if number is None and text.strip().isdecimal() and text.strip().isascii():
            number = int(text)  # written in quotes, such as "5"
        high = len(target.scale_labels) if target.kind is Kind.SCALE else 10
        low = 1 if target.kind is Kind.SCALE else 0
        if number is not None and low <= number <= high:
            return number
        return None
    if target.kind in (Kind.SINGLE, Kind.MULTI, Kind.RANKING):
        return text if text in target.option_values() else None
    return text


def _with_show_if(question: Question, show_if: ShowIf) -> Question:
    return replace(question, show_if=show_if)
