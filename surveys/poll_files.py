"""Poll files: a list of questions (or a whole survey file) run as live polls.

A poll file uses the survey file format. Its top level may simply be a list of
questions; it is checked by the same loader, so authors get the same plain
messages with the same line numbers.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from importlib import resources
from pathlib import Path

import yaml

from surveys.errors import ErrorCode, Problem, Severity
from surveys.loader import MAX_FILE_BYTES, LoadResult, load_survey, load_survey_text
from surveys.model import Question, Survey
from surveys.polls import POLL_KINDS

_HEADER = """\
id: {id}
title: {title}
version: "1"
intro: Live polls.
consent:
  text: standard-v1
  organisation: this session
  coordinator: the coordinator
  contact: the facilitator
questions:
"""


@dataclass(frozen=True)
class PollSet:
    """The polls a facilitator can open, in order."""

    id: str
    title: str
    polls: tuple[Question, ...]


def _identifier(path: Path) -> str:
    stem = "".join(ch if ch.isalnum() or ch in "-_" else "-" for ch in path.stem)
    return stem if stem[:1].isalpha() else f"polls-{stem}"


def load_poll_set(path: str | Path) -> tuple[PollSet | None, tuple[Problem, ...], bool]:
    """Read a poll file. Returns (poll set or None, problems, whether the file was readable)."""
    path = Path(path)
    try:
        raw = path.read_bytes() if path.exists() and path.stat().st_size <= MAX_FILE_BYTES else None
    except OSError:
        raw = None
    if raw is None:
        result = load_survey(path)  # reports missing, unreadable or too big plainly
        return None, result.problems, result.readable
    text = raw.decode("utf-8", errors="strict") if _is_utf8(raw) else None
    if text is None or not _is_list(text):
        return _from_result(load_survey(path), path)
    header = _HEADER.format(id=_identifier(path), title=path.stem.replace("-", " ").title())
    offset = header.count("\n")
    result = load_survey_text(header + text.removeprefix("\ufeff"), str(path))
    shifted = tuple(
        replace(p, line=p.line - offset if p.line > offset else p.line) for p in result.problems
    )
    return _from_result(LoadResult(result.survey, shifted, result.readable), path)


def _is_utf8(raw: bytes) -> bool:
    try:
        raw.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True


def _is_list(text: str) -> bool:
    try:
        for event in yaml.parse(text, Loader=yaml.SafeLoader):
            if isinstance(event, yaml.SequenceStartEvent):
                return True
            if isinstance(event, (yaml.MappingStartEvent, yaml.ScalarEvent)):
                return False
    except (yaml.YAMLError, RecursionError):
        return False
    return False


def _from_result(
    result: LoadResult, path: Path
) -> tuple[PollSet | None, tuple[Problem, ...], bool]:
    if result.survey is None:
        return None, result.problems, result.readable
    survey: Survey = result.survey
    problems = list(result.problems)
    for question in survey.questions:
        if question.kind not in POLL_KINDS:
            problems.append(
                Problem(
                    ErrorCode.FIELD_NOT_FOR_KIND,
                    f"Question '{question.id}' is a '{question.kind.value}' question, which can't "
                    "be a live poll. It will be left out.",
                    str(path),
                    question.line,
                    0,
                    Severity.WARNING,
                )
            )
    polls = tuple(q for q in survey.questions if q.kind in POLL_KINDS)
    return PollSet(survey.id, survey.title, polls), tuple(problems), True


def builtin_poll_sets() -> dict[str, Path]:
    """The poll sets shipped with the kiosk, by name."""
    folder = resources.files("surveys").joinpath("poll_sets")
    return {
        entry.name.removesuffix(".yaml"): Path(str(entry))
        for entry in folder.iterdir()
        if entry.name.endswith(".yaml")
    }
