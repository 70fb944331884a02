"""What writers may receive: anonymised rows, publishable quotes and the codebook.

``AnonymisedRecord`` and ``Quote`` can only be made by ``exports.anonymise``: each
checks a private seal when it is created, and the writers' signatures accept
nothing else, so a decrypted ``OpenedResponse`` cannot reach a file — mypy says so
before the code runs, and the seal says so if someone tries anyway.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cache
from typing import TypeAlias

from surveys import templates
from surveys.loader import load_survey
from surveys.model import Question, Survey

Cell: TypeAlias = str | int | None
"""One value in a row: text, a number, or empty."""

HIDDEN = "(hidden)"
"""What a value hidden in the row-level data shows."""

ABOUT_YOU = "about-you"


class _Seal:
    """Only ``exports.anonymise`` holds the instance."""


SEAL = _Seal()


@dataclass(frozen=True, slots=True)
class Column:
    """One column of the row-level data, as described in the codebook."""

    name: str
    survey_id: str
    question_id: str
    text: str
    kind: str
    values: str
    """What the values mean, in plain words."""
    about_you: bool = False
    sensitive: bool = False


@dataclass(frozen=True, slots=True)
class AnonymisedRecord:
    """One response as it may leave the export: no ids, no identifying answers, month only.

    ``row`` is a fresh number given after the rows were shuffled.
    """

    row: int
    survey_id: str
    survey_version: str
    session_month: str
    columns: tuple[str, ...]
    """The column names (one tuple shared by every record of an export)."""
    values: tuple[Cell, ...]
    """The values, in ``columns`` order."""
    seal: object = field(default=None, repr=False, compare=False)

    def __post_init__(self) -> None:
        if self.seal is not SEAL:
            raise TypeError("An AnonymisedRecord can only be made by exports.anonymise.")

    def value(self, column: str) -> Cell:
        """The value in a column (None when empty or not asked)."""
        return self.values[self.columns.index(column)] if column in self.columns else None


@dataclass(frozen=True, slots=True)
class Quote:
    """A reviewed comment whose writer agreed to be quoted. Not linked to any row."""

    survey_id: str
    question_id: str
    text: str
    theme: str | None
    seal: object = field(default=None, repr=False, compare=False)
    language: str | None = None
    """The language it is marked with, only where that can't single anyone out
    (``exports.language_counts``); None: not marked."""

    def __post_init__(self) -> None:
        if self.seal is not SEAL:
            raise TypeError("A Quote can only be made by exports.anonymise.")


@cache
def about_you_ids() -> frozenset[str]:
    """Question ids of the built-in "about you" template (copied into other surveys)."""
    try:
        survey = load_survey(templates.template_path(ABOUT_YOU)).survey
    except KeyError:
        survey = None
    if survey is None:
        return frozenset({"stakeholder_group", "age_band"})
    return frozenset(q.id for q in survey.questions if q.asks)


def is_about_you(survey: Survey, question: Question) -> bool:
    """True for "who are you" questions: one-way counts only, never crossed with answers."""
    return survey.id == ABOUT_YOU or question.id in about_you_ids()
