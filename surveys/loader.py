"""Load a survey file, collecting every problem at once.

``load_survey(path)`` never raises for anything a file can contain: it returns a
``LoadResult`` holding either a checked ``Survey`` or the list of problems, each
with a stable code and a plain-English message that names the line and column.

The work is shared by three modules: ``surveys.yaml_nodes`` turns the bytes into
located YAML nodes and reads typed fields; this module reads the survey, its consent
block, sections, glossary and support block; ``surveys.question_reader`` reads the
questions, and ``surveys.show_if`` checks the conditions between them.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from pathlib import Path

from yaml.nodes import MappingNode, Node

from surveys import consent
from surveys.errors import Checked, ErrorCode, Problem, Severity
from surveys.model import (
    ConsentBlock,
    ConsentTick,
    Section,
    SupportBlock,
    SupportLine,
    Survey,
)
from surveys.question_reader import QuestionReader
from surveys.survey_translations import TranslationReader, source_nodes
from surveys.yaml_nodes import (
    FieldReader,
    Fields,
    Reporter,
    compose,
    decode,
    mapping_fields,
    report_tab_indents,
    scalar_text,
)

MAX_FILE_BYTES = 1_000_000
"""Survey files are small; anything larger is refused before it is parsed."""

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
    "language",
    "translations",
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


@dataclass(frozen=True)
class LoadResult(Checked):
    """A survey, or the problems that stopped it. ``readable`` is False when the
    file could not be opened at all (missing, unreadable, far too big)."""

    survey: Survey | None
    problems: tuple[Problem, ...] = ()
    readable: bool = True


def read_checked_bytes(path: str | Path) -> bytes | tuple[Problem, ...]:
    """What a file holds, or the checker's plain words for why it can't be read:
    missing, unreadable, or far too big (it is never read past the limit). Every
    file the checker reads — survey, plan, action log — comes through here."""
    path = Path(path)
    name = str(path)
    report = Reporter(name)
    try:
        if not path.exists():
            report.add(ErrorCode.FILE_NOT_FOUND, path=name)
            return tuple(report.problems)
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            return _too_large(report, size).problems
        with path.open("rb") as handle:
            data = handle.read(MAX_FILE_BYTES + 1)
    except OSError as error:
        report.add(ErrorCode.FILE_UNREADABLE, path=name, reason=error.strerror or "no access")
        return tuple(report.problems)
    if len(data) > MAX_FILE_BYTES:
        return _too_large(report, len(data)).problems
    return data


def load_survey(path: str | Path) -> LoadResult:
    """Read and check a survey file."""
    data = read_checked_bytes(path)
    if isinstance(data, tuple):
        return LoadResult(None, data, readable=False)
    return load_survey_bytes(data, str(path))


def load_survey_bytes(data: bytes, name: str = "<survey>") -> LoadResult:
    """Check survey text given as bytes (what a file holds)."""
    report = Reporter(name)
    if len(data) > MAX_FILE_BYTES:
        return _too_large(report, len(data))
    text = decode(data, report)
    if text is None:
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
    report_tab_indents(text, report)
    if report.problems:
        return LoadResult(None, tuple(report.problems))
    root = compose(text, report)
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


@dataclass
class _SurveyReader(FieldReader):
    """Walks the node tree once, building the survey and reporting problems."""

    sensitive_nodes: dict[str, Node] = field(default_factory=dict)
    """What is marked sensitive (in file order), for the support advice."""

    # -- the survey --------------------------------------------------------------

    def read(self, root: Node) -> Survey | None:
        if not isinstance(root, MappingNode):
            self.report.add(ErrorCode.NOT_A_MAPPING, root)
            return None
        fields = mapping_fields(root, self.report)
        where = "The survey"
        self.report_unknown(fields, _SURVEY_FIELDS, where)
        survey_id = self.read_id(fields, where, root)
        title = self.read_text(fields, "title", where, root)
        version = self.read_text(fields, "version", where, root)
        intro = self.read_text(fields, "intro", where, root)
        run_by = self.read_text(fields, "run_by", where, root, required=False) or ""
        consent_block = self._consent(fields, root)
        sections = self._sections(fields)
        glossary = self._glossary(fields)
        support = self._support(fields)
        questions = QuestionReader(self.report, self.sensitive_nodes).read_questions(
            fields, root, {s.id for s in sections}
        )
        if "support" not in fields:
            self._advise_support()
        words = TranslationReader(self.report)
        language = words.read_language(fields)
        if (
            self.report.has_errors
            or survey_id is None
            or title is None
            or version is None
            or intro is None
            or consent_block is None
        ):
            return None
        survey = Survey(
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
            language=language,
        )
        translations = words.read_translations(fields, survey, source_nodes(root))
        return replace(survey, translations=translations)

    def _consent(self, fields: Fields, root: Node) -> ConsentBlock | None:
        where = "The consent block"
        if "consent" not in fields:
            self.report.add(ErrorCode.MISSING_FIELD, root, where="The survey", field="consent")
            return None
        node = fields["consent"][1]
        block = self.read_mapping(node, "consent", "the survey")
        if block is None:
            return None
        self.report_unknown(block, _CONSENT_FIELDS, where)
        version = self.read_text(block, "text", where, node)
        known = consent.known_versions()
        if version is not None and version not in known:
            self.report.add(
                ErrorCode.UNKNOWN_CONSENT_VERSION,
                block["text"][1],
                version=version,
                known=", ".join(known),
            )
            version = None
        organisation = self.read_text(block, "organisation", where, node)
        coordinator = self.read_text(block, "coordinator", where, node)
        contact = self.read_text(block, "contact", where, node)
        help_text = self.read_text(block, "help", where, node, required=False)
        withdraw_days = self.read_int(block, "withdraw_days", where, low=0, high=365, default=14)
        keep_days = self.read_int(block, "keep_days", where, low=1, high=3650, default=30)
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

    def _ticks(self, block: Fields) -> list[ConsentTick]:
        if "ticks" not in block:
            return []
        items = self.read_list(block["ticks"][1], "ticks", "the consent block")
        ticks: list[ConsentTick] = []
        seen: set[str] = set()
        for item in items or []:
            tick = self.read_mapping(item, "ticks", "the consent block")
            if tick is None:
                continue
            where = "A consent tick"
            self.report_unknown(tick, {"id", "text"}, where)
            tick_id = self.read_id(tick, where, item)
            text = self.read_text(tick, "text", where, item)
            if tick_id and tick_id in seen:
                self.report.add(ErrorCode.DUPLICATE_KEY, item, key=tick_id)
            elif tick_id and text:
                seen.add(tick_id)
                ticks.append(ConsentTick(tick_id, text))
        return ticks

    def _sections(self, fields: Fields) -> list[Section]:
        if "sections" not in fields:
            return []
        sections: list[Section] = []
        for item in self.read_list(fields["sections"][1], "sections", "the survey") or []:
            section = self.read_mapping(item, "sections", "the survey")
            if section is None:
                continue
            where = "A section"
            self.report_unknown(section, {"id", "title", "content_note", "sensitive"}, where)
            section_id = self.read_id(section, where, item)
            title = self.read_text(section, "title", where, item)
            note = self.read_text(section, "content_note", where, item, required=False)
            sensitive = self.read_bool(section, "sensitive", where)
            if sensitive and section_id:
                self.sensitive_nodes.setdefault(f"section '{section_id}'", item)
            if section_id and section_id in {s.id for s in sections}:
                self.report.add(ErrorCode.DUPLICATE_KEY, section["id"][1], key=section_id)
            elif section_id and title:
                sections.append(Section(section_id, title, note, sensitive))
        return sections

    def _support(self, fields: Fields) -> SupportBlock | None:
        """The ``support:`` block: ``talk_to`` (who, in the room) and ``lines``."""
        if "support" not in fields:
            return None
        node = fields["support"][1]
        where = "The support block"
        block = self.read_mapping(node, "support", "the survey")
        if block is None:
            return None
        self.report_unknown(block, {"talk_to", "lines"}, where)
        talk_to = self.read_text(block, "talk_to", where, node)
        lines: list[SupportLine] = []
        if "lines" in block:
            for item in self.read_list(block["lines"][1], "lines", "the support block") or []:
                line = self.read_mapping(item, "lines", "the support block")
                if line is None:
                    continue
                self.report_unknown(line, {"name", "how"}, "A support line")
                name = self.read_text(line, "name", "A support line", item)
                how = self.read_text(line, "how", "A support line", item)
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

    def _glossary(self, fields: Fields) -> dict[str, str]:
        if "glossary" not in fields:
            return {}
        entries = self.read_mapping(fields["glossary"][1], "glossary", "the survey")
        glossary: dict[str, str] = {}
        for word, (_, value_node) in (entries or {}).items():
            meaning = scalar_text(value_node)
            if meaning is None or not meaning.strip():
                self.report.add(ErrorCode.EMPTY_TEXT, value_node, field=word, where="the glossary")
                continue
            glossary[word] = meaning.strip()
        return glossary
