"""Read a session plan file, collecting every problem at once with its line and column.

``load_plan(path)`` never raises for anything a file can contain. It uses the same
YAML front end as survey files (``surveys.yaml_nodes``: tabs, aliases, duplicate
keys and unknown fields are all reported the same way) and the poll questions in a
plan are read by the survey question reader, so a poll is written exactly as in a
poll file. What would stop a session is an error; what a facilitator may want to
think about again (a long plan, a top 7) is advice.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Literal

from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from surveys.action_reader import is_action_log
from surveys.errors import Checked, ErrorCode, Problem, Severity
from surveys.loader import MAX_FILE_BYTES, read_checked_bytes
from surveys.model import Question
from surveys.plan_model import (
    ADVISED_TOP,
    DEFAULT_TITLES,
    LONG_PLAN_MINUTES,
    MAX_DOTS,
    MAX_MINUTES,
    MAX_TOP,
    MIN_MINUTES,
    PlanStage,
    RankRule,
    SessionPlan,
    StageKind,
)
from surveys.plan_translations import read_plan_translations
from surveys.polls import POLL_KINDS
from surveys.question_reader import QuestionReader
from surveys.survey_translations import TranslationReader, question_texts
from surveys.yaml_nodes import (
    Fields,
    Reporter,
    close_match_hint,
    compose,
    decode,
    describe_type,
    mapping_fields,
    node_int,
    report_tab_indents,
    scalar_text,
)

_PLAN_FIELDS = {"id", "title", "about", "stages", "translations"}
_COMMON_STAGE_FIELDS = {"kind", "minutes", "title", "guide"}
_STAGE_FIELDS: dict[StageKind, set[str]] = {
    StageKind.IDEAS: {"prompt"},
    StageKind.TALK: {"prompt"},
    StageKind.SHARE: set(),
    StageKind.MERGE: set(),
    StageKind.RANK: {"prompt", "top", "dots"},
    StageKind.RESULTS: set(),
    StageKind.POLL: {"poll"},
}
_ALL_STAGE_FIELDS = _COMMON_STAGE_FIELDS.union(*_STAGE_FIELDS.values())
_NEEDS_IDEAS = {
    StageKind.SHARE: "share",
    StageKind.MERGE: "group",
    StageKind.RANK: "rank",
    StageKind.RESULTS: "show",
}
"""Stages that work on the ideas, and what they would do with them (for the message)."""


@dataclass(frozen=True)
class PlanResult(Checked):
    """A plan, or the problems that stopped it. ``readable`` is False when the file
    could not be opened at all (missing, unreadable, far too big)."""

    plan: SessionPlan | None
    problems: tuple[Problem, ...] = ()
    readable: bool = True


FileKind = Literal["plan", "polls", "survey", "actions"]


def file_kind(data: bytes) -> FileKind:
    """What a file holds, from its content: a session plan (a ``stages:`` field at
    the top), an action log (an ``actions:`` field at the top, or the old "you said,
    we did" list), a poll set (a list at the top, or a ``polls:`` field with no
    ``questions:``) or a survey (anything else).

    A file that can't be read as YAML is judged by its lines: a ``stages:`` line
    with no indent makes it a plan, a first line starting with ``-`` a poll set.
    Either way, the reader then says why it can't be read, in the same words.
    """
    report = Reporter("")
    text = decode(data, report)
    if text is None:
        return "survey"
    text = text.removeprefix("\ufeff")
    root = compose(text, report)
    if root is None:
        return _kind_by_lines(text)
    if is_action_log(root):
        return "actions"
    if isinstance(root, SequenceNode):
        return "polls"
    names = (
        {key.value for key, _ in root.value if isinstance(key, ScalarNode)}
        if isinstance(root, MappingNode)
        else set()
    )
    if "stages" in names:
        return "plan"
    if "polls" in names and "questions" not in names:
        return "polls"
    return "survey"


def _kind_by_lines(text: str) -> FileKind:
    lines = [line for line in text.splitlines() if line.strip() and not line.startswith("#")]
    if any(line.startswith("stages:") for line in lines):
        return "plan"
    if any(line.startswith("polls:") for line in lines):
        return "polls"
    if any(line.startswith("actions:") for line in lines):
        return "actions"
    if lines and lines[0].startswith("-") and not lines[0].startswith("---"):
        return "polls"
    return "survey"


def load_plan(path: str | Path) -> PlanResult:
    """Read and check a plan file."""
    data = read_checked_bytes(path)
    if isinstance(data, tuple):
        return PlanResult(None, data, readable=False)
    return load_plan_bytes(data, str(path))


def load_plan_bytes(data: bytes, name: str = "<plan>") -> PlanResult:
    """Check plan text given as bytes (what a file holds)."""
    report = Reporter(name)
    if len(data) > MAX_FILE_BYTES:
        return PlanResult(None, _too_big(name, len(data)), readable=False)
    text = decode(data, report)
    if text is None:
        return PlanResult(None, tuple(report.problems))
    return load_plan_text(text, name)


def _too_big(name: str, size: int) -> tuple[Problem, ...]:
    """The survey checker's words for a file that is far too big."""
    report = Reporter(name)
    limit = f"{MAX_FILE_BYTES / 1_000_000:.1f} MB"
    report.add(ErrorCode.FILE_TOO_LARGE, path=name, size=f"{size / 1_000_000:.1f} MB", limit=limit)
    return tuple(report.problems)


def load_plan_text(text: str, name: str = "<plan>") -> PlanResult:
    """Check plan text."""
    report = Reporter(name)
    text = text.removeprefix("\ufeff")
    if not text.strip():
        report.add(ErrorCode.EMPTY_FILE)
        return PlanResult(None, tuple(report.problems))
    report_tab_indents(text, report)
    if report.problems:
        return PlanResult(None, tuple(report.problems))
    root = compose(text, report)
    plan = None if root is None else _PlanReader(report).read(root)
    problems = tuple(sorted(report.problems, key=lambda p: (p.line, p.column)))
    if report.has_errors:
        return PlanResult(None, problems)
    return PlanResult(plan, problems)


@dataclass
class _PlanReader(TranslationReader):
    """Walks a plan's node tree once, building the plan and reporting problems."""

    polls: QuestionReader | None = None
    seen: list[StageKind] = field(default_factory=list)
    """The kinds of the stages read so far, for the checks on their order."""
    sources: dict[str, Node] = field(default_factory=dict)
    """Where each text a translation may give is written, by its key (for advice)."""

    def read(self, root: Node) -> SessionPlan | None:
        if not isinstance(root, MappingNode):
            self.report.add(
                ErrorCode.WRONG_TYPE,
                root,
                field="the plan",
                where="the file",
                expected="a group of fields such as 'title:' and 'stages:'",
                actual=describe_type(root),
            )
            return None
        fields = mapping_fields(root, self.report)
        where = "The plan"
        self.report_unknown(fields, _PLAN_FIELDS, where)
        plan_id = self.read_id(fields, where, root)
        title = self.read_text(fields, "title", where, root)
        about = self.read_text(fields, "about", where, root, required=False) or ""
        stages = self._stages(fields, root)
        total = sum(stage.minutes for stage in stages)
        if total > LONG_PLAN_MINUTES:
            self.report.add(
                ErrorCode.PLAN_LONG, fields["stages"][0], Severity.WARNING, minutes=total
            )
        if self.report.has_errors or plan_id is None or title is None:
            return None
        for key in ("title", "about"):
            if key in fields:
                self.sources[key] = fields[key][1]
        plan = SessionPlan(plan_id, title, tuple(stages), about)
        translations = read_plan_translations(self, fields, plan, self.sources)
        return None if self.report.has_errors else replace(plan, translations=translations)

    def _stages(self, fields: Fields, root: Node) -> list[PlanStage]:
        if "stages" not in fields:
            self.report.add(ErrorCode.MISSING_FIELD, root, where="The plan", field="stages")
            return []
        node = fields["stages"][1]
        items = [] if describe_type(node) == "empty" else self.read_list(node, "stages", "the plan")
        if items is None:
            return []
        if not items:
            self.report.add(ErrorCode.PLAN_NO_STAGES, node)
            return []
        stages: list[PlanStage] = []
        for position, item in enumerate(items, start=1):
            stage = self._stage(item, position)
            if stage is not None:
                stages.append(stage)
        return stages

    def _stage(self, item: Node, position: int) -> PlanStage | None:
        fields = self.read_mapping(item, "stages", "the plan")
        if fields is None:
            return None
        where = f"Stage {position}"
        kind = self._kind(fields, where, item)
        if kind is None:
            self.report_unknown(fields, _ALL_STAGE_FIELDS, where)
            return None
        where = f"the '{kind.value}' stage"
        self._fields_for(kind, fields, where)
        minutes = self._minutes(fields, kind, item)
        title = self.read_text(fields, "title", where, item, required=False)
        guide = self.read_text(fields, "guide", where, item, required=False)
        prompt = self._prompt(fields, kind, where, item)
        for name in ("title", "prompt"):
            if name in fields:
                self.sources[f"stage.{position}.{name}"] = fields[name][1]
        rank = self._rank(fields, item) if kind is StageKind.RANK else None
        poll = self._poll(fields, item) if kind is StageKind.POLL else None
        self._check_order(kind, item)
        self.seen.append(kind)
        if minutes is None or (kind is StageKind.RANK and rank is None):
            return None
        if kind is StageKind.POLL and poll is None:
            return None
        return PlanStage(
            kind=kind,
            minutes=minutes,
            title=title or DEFAULT_TITLES[kind],
            prompt=prompt,
            guide=guide,
            rank=rank,
            poll=poll,
            line=item.start_mark.line + 1,
        )

    def _kind(self, fields: Fields, where: str, item: Node) -> StageKind | None:
        value = self.read_text(fields, "kind", where, item)
        if value is None:
            return None
        try:
            return StageKind(value)
        except ValueError:
            self.report.add(
                ErrorCode.PLAN_UNKNOWN_STAGE,
                fields["kind"][1],
                kind=value,
                hint=close_match_hint(value, [k.value for k in StageKind]),
            )
            return None

    def _fields_for(self, kind: StageKind, fields: Fields, where: str) -> None:
        """Report fields no stage knows, and fields that belong to another kind of stage."""
        own = _COMMON_STAGE_FIELDS | _STAGE_FIELDS[kind]
        for name, (key_node, _) in fields.items():
            if name in own:
                continue
            if name not in _ALL_STAGE_FIELDS:
                self.report.add(
                    ErrorCode.UNKNOWN_FIELD,
                    key_node,
                    where=where,
                    field=name,
                    hint=close_match_hint(name, own),
                )
                continue
            homes = [k.value for k, names in _STAGE_FIELDS.items() if name in names]
            hint = f" It belongs on {' or '.join(repr(h) for h in homes)} stages."
            self.report.add(
                ErrorCode.PLAN_FIELD_NOT_FOR_STAGE, key_node, field=name, kind=kind.value, hint=hint
            )

    def _minutes(self, fields: Fields, kind: StageKind, item: Node) -> int | None:
        if "minutes" not in fields:
            self.report.add(ErrorCode.PLAN_NO_TIMER, item, kind=kind.value)
            return None
        node = fields["minutes"][1]
        value = node_int(node)
        if value is None or not MIN_MINUTES <= value <= MAX_MINUTES:
            written = scalar_text(node)
            shown = f"'{written}'" if written is not None else describe_type(node)
            self.report.add(
                ErrorCode.PLAN_BAD_TIMER,
                node,
                kind=kind.value,
                value=shown,
                low=MIN_MINUTES,
                high=MAX_MINUTES,
            )
            return None
        return value

    def _prompt(self, fields: Fields, kind: StageKind, where: str, item: Node) -> str | None:
        if kind is not StageKind.IDEAS:
            return self.read_text(fields, "prompt", where, item, required=False)
        node = fields["prompt"][1] if "prompt" in fields else item
        written = scalar_text(node) if "prompt" in fields else None
        if written is None or not written.strip():
            if "prompt" in fields and not isinstance(node, ScalarNode):
                return self.read_text(fields, "prompt", where, item)  # reports the wrong type
            self.report.add(ErrorCode.PLAN_NO_PROMPT, node)
            return None
        return written.strip()

    def _rank(self, fields: Fields, item: Node) -> RankRule | None:
        has_top, has_dots = "top" in fields, "dots" in fields
        if has_top == has_dots:
            found = "both" if has_top else "neither"
            self.report.add(ErrorCode.PLAN_RANK_HOW, item, found=found)
            return None
        if has_top:
            node = fields["top"][1]
            top = node_int(node)
            if top is None or top < 1:
                where = "the 'rank' stage"
                self.report.add(
                    ErrorCode.BAD_NUMBER, node, field="top", where=where, low=1, high=MAX_TOP
                )
                return None
            if top > MAX_TOP:
                self.report.add(ErrorCode.PLAN_TOP_TOO_BIG, node, value=top, high=MAX_TOP)
                return None
            if top > ADVISED_TOP:
                self.report.add(ErrorCode.PLAN_TOP_LARGE, node, Severity.WARNING, value=top)
            return RankRule(top=top)
        node = fields["dots"][1]
        dots = node_int(node)
        if dots is None or not 1 <= dots <= MAX_DOTS:
            shown = scalar_text(node) or describe_type(node)
            self.report.add(ErrorCode.PLAN_BAD_DOTS, node, value=shown, high=MAX_DOTS)
            return None
        return RankRule(dots=dots)

    def _poll(self, fields: Fields, item: Node) -> Question | None:
        if "poll" not in fields:
            self.report.add(ErrorCode.MISSING_FIELD, item, where="The 'poll' stage", field="poll")
            return None
        key_node, node = fields["poll"]
        if self.read_mapping(node, "poll", "the 'poll' stage") is None:
            return None
        if self.polls is None:
            # One reader for every poll in the plan, so two polls can't share an id.
            self.polls = QuestionReader(self.report)
        wrapped = SequenceNode("tag:yaml.org,2002:seq", [node], node.start_mark, node.end_mark)
        read = self.polls.read_questions({"questions": (key_node, wrapped)}, item, set())
        if not read:
            return None
        question = read[0]
        if question.kind not in POLL_KINDS:
            self.report.add(
                ErrorCode.PLAN_NOT_A_POLL,
                node,
                id=question.id,
                kind=question.kind.value,
                kinds=", ".join(sorted(k.value for k in POLL_KINDS)),
            )
            return None
        for key in question_texts(question):
            self.sources[key] = node
        return question

    def _check_order(self, kind: StageKind, item: Node) -> None:
        if kind in _NEEDS_IDEAS and StageKind.IDEAS not in self.seen:
            self.report.add(
                ErrorCode.PLAN_NEEDS_IDEAS, item, kind=kind.value, what=_NEEDS_IDEAS[kind]
            )
            return
        ranked = StageKind.RANK in self.seen
        if kind is StageKind.RANK and ranked:
            last_rank = len(self.seen) - 1 - self.seen[::-1].index(StageKind.RANK)
            if StageKind.RESULTS not in self.seen[last_rank:]:
                self.report.add(ErrorCode.PLAN_RANK_AGAIN, item, Severity.WARNING)
        if kind is StageKind.MERGE and ranked:
            self.report.add(ErrorCode.PLAN_MERGE_AFTER_RANK, item, Severity.WARNING)
