"""Load a survey file, collecting every problem at once.

``load_survey(path)`` never raises for anything a file can contain: it returns a
``LoadResult`` holding either a checked ``Survey`` or the list of problems, each
with a stable code and a plain-English message that names the line and column.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TypedDict

import yaml
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from surveys import consent
from surveys.errors import ErrorCode, Problem, Severity
from surveys.kinds import KINDS, LONGTEXT_LIMIT
from surveys.model import (
    DEFAULT_SCALE_LABELS,
    PREFER_NOT_TO_SAY,
    AnswerValue,
    Condition,
    ConsentBlock,
    ConsentTick,
    Kind,
    Option,
    Question,
    Section,
    ShowIf,
    SupportBlock,
    SupportLine,
    Survey,
)
from surveys.yaml_nodes import (
    Reporter,
    describe_type,
    mapping_fields,
    node_bool,
    node_int,
    scalar_text,
)

MAX_FILE_BYTES = 1_000_000
"""Survey files are small; anything larger is refused before it is parsed."""

_ID = re.compile(r"[A-Za-z][A-Za-z0-9_-]{0,63}")
_BOM = b"\xef\xbb\xbf"
_BRACKET = re.compile(r"[\[\]{}]")
MAX_DEPTH = 50
"""Deepest nesting of '[' and '{' a survey file may use (a real one needs 2 or 3)."""
_LINE_BREAK = re.compile("\r\n|[\r\n\x85\u2028\u2029]")
"""What YAML (1.1, as PyYAML reads it) counts as the end of a line."""

_SURVEY_FIELDS = {
    "id",
    "title",
    "version",
    "intro",
    "run_by",
    "consent",
    "sections",
    "glossary",
    "questions",
    "support",
}
_CONSENT_FIELDS = {
    "text",
    "organisation",
    "coordinator",
    "contact",
    "withdraw_days",
    "keep_days",
    "help",
    "ticks",
}
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


class _KindExtras(TypedDict, total=False):
    """The fields of ``Question`` that only some kinds carry."""

    prefer_not_to_say: bool
    faces: bool
    scale_labels: tuple[str, ...]
    low_label: str | None
    high_label: str | None
    max_length: int


@dataclass(frozen=True)
class LoadResult:
    """A survey, or the problems that stopped it. ``readable`` is False when the
    file could not be opened at all (missing, unreadable, far too big)."""

    survey: Survey | None
    problems: tuple[Problem, ...] = ()
    readable: bool = True

    @property
    def errors(self) -> tuple[Problem, ...]:
        """Problems that stop the survey from running."""
        return tuple(p for p in self.problems if p.severity is Severity.ERROR)

    @property
    def warnings(self) -> tuple[Problem, ...]:
        """Advice that does not stop the survey."""
        return tuple(p for p in self.problems if p.severity is Severity.WARNING)


def load_survey(path: str | Path) -> LoadResult:
    """Read and check a survey file."""
    path = Path(path)
    name = str(path)
    report = Reporter(name)
    try:
        if not path.exists():
            report.add(ErrorCode.FILE_NOT_FOUND, path=name)
            return LoadResult(None, tuple(report.problems), readable=False)
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            return _too_large(report, size)
        with path.open("rb") as handle:
            data = handle.read(MAX_FILE_BYTES + 1)
    except OSError as error:
        report.add(ErrorCode.FILE_UNREADABLE, path=name, reason=error.strerror or "no access")
        return LoadResult(None, tuple(report.problems), readable=False)
    if len(data) > MAX_FILE_BYTES:
        return _too_large(report, len(data))
    return load_survey_bytes(data, name)


def load_survey_bytes(data: bytes, name: str = "<survey>") -> LoadResult:
    """Check survey text given as bytes (what a file holds)."""
    report = Reporter(name)
    if len(data) > MAX_FILE_BYTES:
        return _too_large(report, len(data))
    data = data.removeprefix(_BOM)
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        # Everything before the bad byte is good UTF-8. Columns count characters, as an
        # editor does, not bytes.
        lines = _LINE_BREAK.split(data[: error.start].decode("utf-8"))
        report.at(
            ErrorCode.NOT_UTF8, len(lines), len(lines[-1]) + 1, byte=f"0x{data[error.start]:02X}"
        )
        return LoadResult(None, tuple(report.problems))
    return load_survey_text(text, name)


def load_survey_text(text: str, name: str = "<survey>") -> LoadResult:
    """Check survey text."""
    report = Reporter(name)
    if len(text) > MAX_FILE_BYTES:
        return _too_large(report, len(text.encode("utf-8", "surrogatepass")))
    text = text.removeprefix("\ufeff")
    if not text.strip():
        report.add(ErrorCode.EMPTY_FILE)
        return LoadResult(None, tuple(report.problems))
    for number, line in enumerate(_LINE_BREAK.split(text), start=1):
        indent = line[: len(line) - len(line.lstrip(" \t"))]
        if "\t" in indent:
            report.at(ErrorCode.TAB_CHARACTER, number, indent.index("\t") + 1)
    if report.problems:
        return LoadResult(None, tuple(report.problems))
    root = _compose(text, report)
    if root is None:
        return LoadResult(None, tuple(report.problems))
    survey = _SurveyReader(report).read(root)
    problems = tuple(sorted(report.problems, key=lambda p: (p.line, p.column)))
    if report.has_errors:
        return LoadResult(None, problems)
    return LoadResult(survey, problems)


def _too_large(report: Reporter, size: int) -> LoadResult:
    report.add(
        ErrorCode.FILE_TOO_LARGE, path=report.path, size=_size(size), limit=_size(MAX_FILE_BYTES)
    )
    return LoadResult(None, tuple(report.problems), readable=False)


def _size(count: int) -> str:
    if count >= 1_000_000:
        return f"{count / 1_000_000:.1f} MB"
    return f"{count / 1000:.0f} KB"


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


def _compose(text: str, report: Reporter) -> Node | None:
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


def _hint(word: str, known: set[str] | list[str]) -> str:
    close = difflib.get_close_matches(word, sorted(known), n=1)
    return f" Did you mean '{close[0]}'?" if close else ""


@dataclass
class _SurveyReader:
    """Walks the node tree once, building the survey and reporting problems."""

    report: Reporter
    question_lines: dict[str, int] = field(default_factory=dict)
    sensitive_nodes: dict[str, Node] = field(default_factory=dict)
    """What is marked sensitive (in file order), for the support advice."""

    # -- small typed readers ---------------------------------------------------

    def _text(
        self,
        fields: dict[str, tuple[Node, Node]],
        name: str,
        where: str,
        owner: Node,
        *,
        required: bool = True,
    ) -> str | None:
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

    def _bool(self, fields: dict[str, tuple[Node, Node]], name: str, where: str) -> bool:
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

    def _int(
        self,
        fields: dict[str, tuple[Node, Node]],
        name: str,
        where: str,
        *,
        low: int,
        high: int,
        default: int,
    ) -> int:
        if name not in fields:
            return default
        node = fields[name][1]
        value = node_int(node)
        if value is None or not low <= value <= high:
            self.report.add(ErrorCode.BAD_NUMBER, node, field=name, where=where, low=low, high=high)
            return default
        return value

    def _unknown(self, fields: dict[str, tuple[Node, Node]], known: set[str], where: str) -> None:
        for name, (key_node, _) in fields.items():
            if name not in known:
                self.report.add(
                    ErrorCode.UNKNOWN_FIELD,
                    key_node,
                    where=where,
                    field=name,
                    hint=_hint(name, known),
                )

    def _mapping(self, node: Node, name: str, where: str) -> dict[str, tuple[Node, Node]] | None:
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

    def _list(self, node: Node, name: str, where: str) -> list[Node] | None:
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

    def _id(self, fields: dict[str, tuple[Node, Node]], where: str, owner: Node) -> str | None:
        value = self._text(fields, "id", where, owner)
        if value is not None and not _ID.fullmatch(value):
            self.report.add(ErrorCode.BAD_ID, fields["id"][1], value=value)
            return None
        return value

    # -- the survey --------------------------------------------------------------

    def read(self, root: Node) -> Survey | None:
        if not isinstance(root, MappingNode):
            self.report.add(ErrorCode.NOT_A_MAPPING, root)
            return None
        fields = mapping_fields(root, self.report)
        where = "The survey"
        self._unknown(fields, _SURVEY_FIELDS, where)
        survey_id = self._id(fields, where, root)
        title = self._text(fields, "title", where, root)
        version = self._text(fields, "version", where, root)
        intro = self._text(fields, "intro", where, root)
        run_by = self._text(fields, "run_by", where, root, required=False) or ""
        consent_block = self._consent(fields, root)
        sections = self._sections(fields)
        glossary = self._glossary(fields)
        support = self._support(fields)
        questions = self._questions(fields, root, {s.id for s in sections})
        if "support" not in fields:
            self._advise_support()
        if (
            self.report.has_errors
            or survey_id is None
            or title is None
            or version is None
            or intro is None
            or consent_block is None
        ):
            return None
        return Survey(
            id=survey_id,
            title=title,
            version=version,
            intro=intro,
            consent=consent_block,
            questions=tuple(questions),
            run_by=run_by,
            sections=tuple(sections),
            glossary=glossary,
            support=support,
        )

    def _consent(self, fields: dict[str, tuple[Node, Node]], root: Node) -> ConsentBlock | None:
        where = "The consent block"
        if "consent" not in fields:
            self.report.add(ErrorCode.MISSING_FIELD, root, where="The survey", field="consent")
            return None
        node = fields["consent"][1]
        block = self._mapping(node, "consent", "the survey")
        if block is None:
            return None
        self._unknown(block, _CONSENT_FIELDS, where)
        version = self._text(block, "text", where, node)
        known = consent.known_versions()
        if version is not None and version not in known:
            self.report.add(
                ErrorCode.UNKNOWN_CONSENT_VERSION,
                block["text"][1],
                version=version,
                known=", ".join(known),
            )
            version = None
        organisation = self._text(block, "organisation", where, node)
        coordinator = self._text(block, "coordinator", where, node)
        contact = self._text(block, "contact", where, node)
        help_text = self._text(block, "help", where, node, required=False)
        withdraw_days = self._int(block, "withdraw_days", where, low=0, high=365, default=14)
        keep_days = self._int(block, "keep_days", where, low=1, high=3650, default=30)
        ticks = self._ticks(block)
        if version is None or organisation is None or coordinator is None or contact is None:
            return None
        return ConsentBlock(
            version=version,
            organisation=organisation,
            coordinator=coordinator,
            contact=contact,
            withdraw_days=withdraw_days,
            keep_days=keep_days,
            help=help_text or "the person running this session",
            ticks=tuple(ticks),
        )

    def _ticks(self, block: dict[str, tuple[Node, Node]]) -> list[ConsentTick]:
        if "ticks" not in block:
            return []
        items = self._list(block["ticks"][1], "ticks", "the consent block")
        ticks: list[ConsentTick] = []
        seen: set[str] = set()
        for item in items or []:
            tick = self._mapping(item, "ticks", "the consent block")
            if tick is None:
                continue
            where = "A consent tick"
            self._unknown(tick, {"id", "text"}, where)
            tick_id = self._id(tick, where, item)
            text = self._text(tick, "text", where, item)
            if tick_id and tick_id in seen:
                self.report.add(ErrorCode.DUPLICATE_KEY, item, key=tick_id)
            elif tick_id and text:
                seen.add(tick_id)
                ticks.append(ConsentTick(tick_id, text))
        return ticks

    def _sections(self, fields: dict[str, tuple[Node, Node]]) -> list[Section]:
        if "sections" not in fields:
            return []
        sections: list[Section] = []
        for item in self._list(fields["sections"][1], "sections", "the survey") or []:
            section = self._mapping(item, "sections", "the survey")
            if section is None:
                continue
            where = "A section"
            self._unknown(section, {"id", "title", "content_note", "sensitive"}, where)
            section_id = self._id(section, where, item)
            title = self._text(section, "title", where, item)
            note = self._text(section, "content_note", where, item, required=False)
            sensitive = self._bool(section, "sensitive", where)
            if sensitive and section_id:
                self.sensitive_nodes.setdefault(f"section '{section_id}'", item)
            if section_id and section_id in {s.id for s in sections}:
                self.report.add(ErrorCode.DUPLICATE_KEY, section["id"][1], key=section_id)
            elif section_id and title:
                sections.append(Section(section_id, title, note, sensitive))
        return sections

    def _support(self, fields: dict[str, tuple[Node, Node]]) -> SupportBlock | None:
        """The ``support:`` block: ``talk_to`` (who, in the room) and ``lines``."""
        if "support" not in fields:
            return None
        node = fields["support"][1]
        where = "The support block"
        block = self._mapping(node, "support", "the survey")
        if block is None:
            return None
        self._unknown(block, {"talk_to", "lines"}, where)
        talk_to = self._text(block, "talk_to", where, node)
        lines: list[SupportLine] = []
        if "lines" in block:
            for item in self._list(block["lines"][1], "lines", "the support block") or []:
                line = self._mapping(item, "lines", "the support block")
                if line is None:
                    continue
                self._unknown(line, {"name", "how"}, "A support line")
                name = self._text(line, "name", "A support line", item)
                how = self._text(line, "how", "A support line", item)
                if name and how:
                    lines.append(SupportLine(name, how))
        if talk_to is None:
            return None
        return SupportBlock(talk_to, tuple(lines))

    def _advise_support(self) -> None:
        """Advice (not an error) when something is sensitive but no support is offered:
        once, at the first sensitive section or question in the file."""
        if self.sensitive_nodes:
            what, node = min(
                self.sensitive_nodes.items(), key=lambda pair: pair[1].start_mark.index
            )
            self.report.add(ErrorCode.NO_SUPPORT, node, Severity.WARNING, what=what)

    def _glossary(self, fields: dict[str, tuple[Node, Node]]) -> dict[str, str]:
        if "glossary" not in fields:
            return {}
        entries = self._mapping(fields["glossary"][1], "glossary", "the survey")
        glossary: dict[str, str] = {}
        for word, (_, value_node) in (entries or {}).items():
            meaning = scalar_text(value_node)
            if meaning is None or not meaning.strip():
                self.report.add(ErrorCode.EMPTY_TEXT, value_node, field=word, where="the glossary")
                continue
            glossary[word] = meaning.strip()
        return glossary

    # -- questions -----------------------------------------------------------------

    def _questions(
        self, fields: dict[str, tuple[Node, Node]], root: Node, section_ids: set[str]
    ) -> list[Question]:
        if "questions" not in fields:
            self.report.add(ErrorCode.MISSING_FIELD, root, where="The survey", field="questions")
            return []
        node = fields["questions"][1]
        if describe_type(node) == "empty":
            self.report.add(ErrorCode.NO_QUESTIONS, node)
            return []
        items = self._list(node, "questions", "the survey")
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
        return self._resolve_show_ifs(questions, show_ifs)

    def _question(
        self, item: Node, position: int, section_ids: set[str]
    ) -> tuple[Question, Node | None] | None:
        fields = self._mapping(item, f"question {position}", "the questions")
        if fields is None:
            return None
        question_id = self._id(fields, f"Question {position}", item)
        where = f"question '{question_id}'" if question_id else f"question {position}"
        self._unknown(fields, _QUESTION_FIELDS, where)
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
        text = self._text(fields, "text", where, item)
        help_text = self._text(fields, "help", where, item, required=False)
        required = self._bool(fields, "required", where)
        identifying = self._bool(fields, "identifying", where)
        sensitive = self._bool(fields, "sensitive", where)
        if sensitive:
            self.sensitive_nodes.setdefault(f"question '{label}'", item)
        section = self._text(fields, "section", where, item, required=False)
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

    def _kind(self, fields: dict[str, tuple[Node, Node]], label: str, item: Node) -> Kind | None:
        value = self._text(fields, "kind", f"question '{label}'", item)
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
                hint=_hint(value, [k.value for k in Kind])
                or " Kinds are: " + ", ".join(k.value for k in Kind) + ".",
            )
            return None

    def _options(
        self, fields: dict[str, tuple[Node, Node]], kind: Kind, label: str, item: Node
    ) -> list[Option]:
        takes = KINDS[kind].takes_options
        if "options" not in fields:
            if takes:
                self.report.add(ErrorCode.OPTIONS_MISSING, item, id=label, kind=kind.value)
            return []
        key_node, node = fields["options"]
        if not takes:
            self.report.add(ErrorCode.OPTIONS_NOT_ALLOWED, key_node, id=label, kind=kind.value)
            return []
        items = self._list(node, "options", f"question '{label}'")
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
        fields = self._mapping(node, "option", f"question '{label}'")
        if fields is None:
            return None
        where = f"an option of question '{label}'"
        self._unknown(fields, {"label", "value"}, where)
        words = self._text(fields, "label", where, node)
        value = self._text(fields, "value", where, node, required=False)
        if words is None:
            return None
        return Option(words, value or words)

    def _kind_fields(
        self,
        fields: dict[str, tuple[Node, Node]],
        kind: Kind,
        label: str,
        where: str,
        owner: Node,
    ) -> _KindExtras:
        extra: _KindExtras = {}
        allowed = KINDS[kind].fields
        if "prefer_not_to_say" in allowed:
            extra["prefer_not_to_say"] = self._bool(fields, "prefer_not_to_say", where)
        if "faces" in allowed:
            extra["faces"] = self._bool(fields, "faces", where)
        if "labels" in allowed and "labels" in fields:
            node = fields["labels"][1]
            items = self._list(node, "labels", where)
            if items is not None:
                words = [scalar_text(n) for n in items]
                if len(items) != len(DEFAULT_SCALE_LABELS):
                    self.report.add(ErrorCode.SCALE_LABELS_COUNT, node, id=label, count=len(items))
                elif any(w is None or not w.strip() for w in words):
                    self.report.add(ErrorCode.EMPTY_TEXT, node, field="labels", where=where)
                else:
                    extra["scale_labels"] = tuple(str(w).strip() for w in words)
        if "low_label" in allowed:
            extra["low_label"] = self._text(fields, "low_label", where, owner, required=False)
        if "high_label" in allowed:
            extra["high_label"] = self._text(fields, "high_label", where, owner, required=False)
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

    # -- show_if -------------------------------------------------------------------

    def _resolve_show_ifs(
        self, questions: list[Question], show_ifs: list[tuple[Question, Node]]
    ) -> list[Question]:
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
        fields = self._mapping(node, "show_if", f"question '{question.id}'")
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
            if target_id not in self.question_lines:
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
            listed = self._list(value_node, "in", f"the show_if of question '{question.id}'")
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
