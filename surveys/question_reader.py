"""Reading a survey's questions: each one's kind, words, options and kind's own fields.

``QuestionReader.read_questions`` reads the ``questions:`` list of a survey file,
reporting every problem with its line and column, then checks the show_if
conditions between the questions (``surveys.show_if``).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TypedDict

from yaml.nodes import Node

from surveys.errors import ErrorCode
from surveys.kinds import KINDS, LONGTEXT_LIMIT
from surveys.model import DEFAULT_SCALE_LABELS, PREFER_NOT_TO_SAY, Kind, Option, Question
from surveys.show_if import resolve_show_ifs
from surveys.symbols import PICTURES, picture
from surveys.yaml_nodes import (
    FieldReader,
    Fields,
    close_match_hint,
    describe_type,
    node_int,
    scalar_text,
)

_COMMON_QUESTION_FIELDS = {
    "id",
    "kind",
    "text",
    "help",
    "options",
    "required",
    "show_if",
    "identifying",
    "sensitive",
    "section",
}
_KIND_FIELDS = set().union(*(rule.fields for rule in KINDS.values()))
_QUESTION_FIELDS = _COMMON_QUESTION_FIELDS | _KIND_FIELDS


class _KindExtras(TypedDict, total=False):
    """The fields of ``Question`` that only some kinds carry."""

    prefer_not_to_say: bool
    faces: bool
    scale_labels: tuple[str, ...]
    low_label: str | None
    high_label: str | None
    max_length: int


@dataclass
class QuestionReader(FieldReader):
    """Reads the questions of one survey file."""

    sensitive_nodes: dict[str, Node] = field(default_factory=dict)
    """What is marked sensitive (shared with the survey reader), for the support advice."""
    question_lines: dict[str, int] = field(default_factory=dict)
    """The line of each question id written in the file, to name the first of two."""

    def read_questions(self, fields: Fields, root: Node, section_ids: set[str]) -> list[Question]:
        if "questions" not in fields:
            self.report.add(ErrorCode.MISSING_FIELD, root, where="The survey", field="questions")
            return []
        node = fields["questions"][1]
        if describe_type(node) == "empty":
            self.report.add(ErrorCode.NO_QUESTIONS, node)
            return []
        items = self.read_list(node, "questions", "the survey")
        if items is None:
            return []
        if not items:
            self.report.add(ErrorCode.NO_QUESTIONS, node)
            return []
        questions: list[Question] = []
        show_ifs: list[tuple[Question, Node]] = []
        for position, item in enumerate(items, start=1):
            built = self._question(item, position, section_ids)
            # A second question with the same id is reported, and left out so it can't
            # confuse the show_if checks that follow.
            if built is not None and built[0].id not in {q.id for q in questions}:
                questions.append(built[0])
                if built[1] is not None:
                    show_ifs.append((built[0], built[1]))
        return resolve_show_ifs(self, questions, show_ifs, self.question_lines)

    def _question(
        self, item: Node, position: int, section_ids: set[str]
    ) -> tuple[Question, Node | None] | None:
        fields = self.read_mapping(item, f"question {position}", "the questions")
        if fields is None:
            return None
        question_id = self.read_id(fields, f"Question {position}", item)
        where = f"question '{question_id}'" if question_id else f"question {position}"
        self.report_unknown(fields, _QUESTION_FIELDS, where)
        if question_id is not None:
            if question_id in self.question_lines:
                self.report.add(
                    ErrorCode.DUPLICATE_ID,
                    fields["id"][1],
                    id=question_id,
                    first_line=self.question_lines[question_id],
                )
            else:
                self.question_lines[question_id] = item.start_mark.line + 1
        label = question_id or str(position)
        kind = self._kind(fields, label, item)
        text = self.read_text(fields, "text", where, item)
        help_text = self.read_text(fields, "help", where, item, required=False)
        required = self.read_bool(fields, "required", where)
        identifying = self.read_bool(fields, "identifying", where)
        sensitive = self.read_bool(fields, "sensitive", where)
        if sensitive:
            self.sensitive_nodes.setdefault(f"question '{label}'", item)
        section = self.read_text(fields, "section", where, item, required=False)
        if section is not None and section not in section_ids:
            self.report.add(
                ErrorCode.UNKNOWN_SECTION, fields["section"][1], id=label, section=section
            )
        if kind is None or text is None or question_id is None:
            return None
        for name in set(fields) & _KIND_FIELDS - KINDS[kind].fields:
            self.report.add(
                ErrorCode.FIELD_NOT_FOR_KIND,
                fields[name][0],
                field=name,
                kind=kind.value,
                id=label,
            )
        if kind is Kind.INFO and required:
            self.report.add(ErrorCode.INFO_REQUIRED, fields["required"][1], id=label)
        options = self._options(fields, kind, label, item)
        extra = self._kind_fields(fields, kind, label, where, item)
        question = Question(
            id=question_id,
            kind=kind,
            text=text,
            help=help_text,
            options=tuple(options),
            required=required and kind is not Kind.INFO,
            identifying=identifying,
            sensitive=sensitive,
            section=section,
            line=item.start_mark.line + 1,
            **extra,
        )
        show_if_node = fields["show_if"][1] if "show_if" in fields else None
        return question, show_if_node

    def _kind(self, fields: Fields, label: str, item: Node) -> Kind | None:
        value = self.read_text(fields, "kind", f"question '{label}'", item)
        if value is None:
            return None
        try:
            return Kind(value)
        except ValueError:
            self.report.add(
                ErrorCode.UNKNOWN_KIND,
                fields["kind"][1],
                id=label,
                kind=value,
                hint=close_match_hint(value, [k.value for k in Kind])
                or " Kinds are: " + ", ".join(k.value for k in Kind) + ".",
            )
            return None

    def _options(self, fields: Fields, kind: Kind, label: str, item: Node) -> list[Option]:
        takes = KINDS[kind].takes_options
        if "options" not in fields:
            if takes:
                self.report.add(ErrorCode.OPTIONS_MISSING, item, id=label, kind=kind.value)
            return []
        key_node, node = fields["options"]
        if not takes:
            self.report.add(ErrorCode.OPTIONS_NOT_ALLOWED, key_node, id=label, kind=kind.value)
            return []
        items = self.read_list(node, "options", f"question '{label}'")
        if items is None:
            return []
        if not items:
            self.report.add(ErrorCode.OPTIONS_EMPTY, node, id=label)
            return []
        options: list[Option] = []
        seen: set[str] = set()
        for option_node in items:
            option = self._option(option_node, label)
            if option is None:
                continue
            if option.value in seen:
                self.report.add(
                    ErrorCode.DUPLICATE_OPTION, option_node, id=label, option=option.label
                )
                continue
            seen.add(option.value)
            options.append(option)
        real = [o for o in options if o.value != PREFER_NOT_TO_SAY]
        if len(real) < 2 and len(options) == len(items):
            self.report.add(ErrorCode.OPTIONS_TOO_FEW, node, id=label)
        return options

    def _option(self, node: Node, label: str) -> Option | None:
        text = scalar_text(node)
        if text is not None:
            if not text.strip():
                self.report.add(
                    ErrorCode.EMPTY_TEXT, node, field="option", where=f"question '{label}'"
                )
                return None
            return Option(text.strip(), text.strip())
        fields = self.read_mapping(node, "option", f"question '{label}'")
        if fields is None:
            return None
        where = f"an option of question '{label}'"
        self.report_unknown(fields, {"label", "value", "symbol"}, where)
        words = self.read_text(fields, "label", where, node)
        value = self.read_text(fields, "value", where, node, required=False)
        symbol = self._symbol(fields, label, where, node)
        if words is None:
            return None
        return Option(words, value or words, symbol)

    def _symbol(self, fields: Fields, label: str, where: str, owner: Node) -> str | None:
        """An option's picture (``surveys.symbols``), reported where it is unknown."""
        written = self.read_text(fields, "symbol", where, owner, required=False)
        if written is None:
            return None
        found = picture(written)
        if found is None:
            self.report.add(
                ErrorCode.UNKNOWN_SYMBOL,
                fields["symbol"][1],
                symbol=written,
                id=label,
                hint=close_match_hint(written.lower(), set(PICTURES)),
                examples="thumbs-up, tea or home",
            )
        return found

    def _kind_fields(
        self,
        fields: Fields,
        kind: Kind,
        label: str,
        where: str,
        owner: Node,
    ) -> _KindExtras:
        extra: _KindExtras = {}
        allowed = KINDS[kind].fields
        if "prefer_not_to_say" in allowed:
            extra["prefer_not_to_say"] = self.read_bool(fields, "prefer_not_to_say", where)
        if "faces" in allowed:
            extra["faces"] = self.read_bool(fields, "faces", where)
        if "labels" in allowed and "labels" in fields:
            node = fields["labels"][1]
            items = self.read_list(node, "labels", where)
            if items is not None:
                words = [scalar_text(n) for n in items]
                if len(items) != len(DEFAULT_SCALE_LABELS):
                    self.report.add(ErrorCode.SCALE_LABELS_COUNT, node, id=label, count=len(items))
                elif any(w is None or not w.strip() for w in words):
                    self.report.add(ErrorCode.EMPTY_TEXT, node, field="labels", where=where)
                else:
                    extra["scale_labels"] = tuple(str(w).strip() for w in words)
        if "low_label" in allowed:
            extra["low_label"] = self.read_text(fields, "low_label", where, owner, required=False)
        if "high_label" in allowed:
            extra["high_label"] = self.read_text(fields, "high_label", where, owner, required=False)
        if "max_length" in allowed and "max_length" in fields:
            node = fields["max_length"][1]
            value = node_int(node)
            if value is None or not 1 <= value <= LONGTEXT_LIMIT:
                written = scalar_text(node)
                self.report.add(
                    ErrorCode.BAD_MAX_LENGTH,
                    node,
                    id=label,
                    value=describe_type(node) if written is None else written,
                    limit=LONGTEXT_LIMIT,
                )
            else:
                extra["max_length"] = value
        return extra
