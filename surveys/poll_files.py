"""Poll files: a list of questions (or a whole survey file) run as live polls.

A poll file uses the survey file format. Its top level may simply be a list of
questions; it is checked by the same loader, so authors get the same plain
messages with the same line numbers.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from importlib import resources
from pathlib import Path
from typing import Literal

import yaml

from surveys.errors import ErrorCode, Problem, Severity
from surveys.loader import MAX_FILE_BYTES, LoadResult, load_survey, load_survey_text
from surveys.model import Question, Survey, Translation
from surveys.polls import POLL_KINDS
from surveys.survey_translations import question_in_language

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
    translations: tuple[Translation, ...] = ()
    """The polls' words in other languages (keys as a survey's: "question.ID.text")."""


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
    shape = None if text is None else _shape(text)
    if text is None or shape is None:
        return _from_result(load_survey(path), path)
    header = _HEADER.format(id=_identifier(path), title=path.stem.replace("-", " ").title())
    text = text.removeprefix("\ufeff")
    if shape == "polls":
        # "polls:" and "translations:": read as a survey's "questions:" and its translations.
        header = header.removesuffix("questions:\n")
        text = _POLLS_LINE.sub("questions:", text, count=1)
    offset = header.count("\n")
    result = load_survey_text(header + text, str(path))
    shifted = tuple(
        replace(p, line=p.line - offset if p.line > offset else p.line)
        for p in result.problems
        # The header's own texts (title, intro, consent) are never shown with the polls.
        if not (p.code in _HEADER_ADVICE and "('question." not in p.message)
        and p.code is not ErrorCode.CONSENT_NOT_TRANSLATED
    )
    return _from_result(LoadResult(result.survey, shifted, result.readable), path)


_POLLS_LINE = re.compile(r"^polls:(?=\s)", re.MULTILINE)
_HEADER_ADVICE = {ErrorCode.TRANSLATION_MISSING, ErrorCode.EASY_READ_MISSING}


def _shape(text: str) -> Literal["list", "polls"] | None:
    """ "list" for a list of polls, "polls" for a ``polls:`` field (with
    ``translations:``) at the top, None for anything else (a whole survey file)."""
    if _is_list(text):
        return "list"
    return "polls" if _POLLS_LINE.search(text) and not _has_questions(text) else None


def _has_questions(text: str) -> bool:
    return re.search(r"^questions:", text, re.MULTILINE) is not None


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
    return PollSet(survey.id, survey.title, polls, survey.translations), tuple(problems), True


def polls_in_language(poll_set: PollSet, code: str) -> PollSet:
    """The polls as people who chose ``code`` see them: each translated question, help
    and option label in that language, the rest as written. Ids and option values
    stay the same, so the votes in every language are counted together."""
    chosen = next((t for t in poll_set.translations if t.language == code), None)
    if chosen is None:
        return poll_set
    words = chosen.texts

    def say(key: str, default: str) -> str:
        return words.get(key, default)

    return replace(poll_set, polls=tuple(question_in_language(q, say) for q in poll_set.polls))


def builtin_poll_sets() -> dict[str, Path]:
    """The poll sets shipped with the kiosk, by name."""
    folder = resources.files("surveys").joinpath("poll_sets")
    return {
        entry.name.removesuffix(".yaml"): Path(str(entry))
        for entry in folder.iterdir()
        if entry.name.endswith(".yaml")
    }
