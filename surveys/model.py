"""Frozen domain objects for a survey, as loaded from a checked survey file.

A survey file is YAML (see ``docs/survey-format.md``). The loader turns it into these
objects only when it has no errors, so everything here can be trusted by the flow,
the kiosk screens and the exports.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum
from typing import TypeAlias

from surveys.catalogues import N_

PREFER_NOT_TO_SAY = N_("Prefer not to say")
"""The wording (and stored value) of the option every list may carry; the value
never changes, the words shown are looked up in the screen's language."""

AnswerValue: TypeAlias = str | int | bool | tuple[str, ...]
"""What one answer can be: a choice, a number, yes/no, or several choices in order."""


class Kind(StrEnum):
    """The kinds of question a survey may ask."""

    SINGLE = "single"
    MULTI = "multi"
    SCALE = "scale"
    RATING = "rating"
    YESNO = "yesno"
    TEXT = "text"
    LONGTEXT = "longtext"
    RANKING = "ranking"
    INFO = "info"


DEFAULT_SCALE_LABELS: tuple[str, ...] = (
    N_("Strongly disagree"),
    N_("Disagree"),
    N_("Neither agree nor disagree"),
    N_("Agree"),
    N_("Strongly agree"),
)
"""The five agree/disagree points, lowest first; stored as 1 to 5."""

SCALE_FACES: tuple[str, ...] = ("😞", "🙁", "😐", "🙂", "😀")
"""Faces shown beside the scale words when a survey asks for them."""


class Condition(StrEnum):
    """How a ``show_if`` compares the earlier answer."""

    EQUALS = "equals"
    IN = "in"
    ANSWERED = "answered"


@dataclass(frozen=True, slots=True)
class ShowIf:
    """Show a question only when an earlier answer meets a condition.

    For a multiple-choice target, ``equals`` means "includes that choice".
    """

    question: str
    condition: Condition
    values: tuple[AnswerValue, ...] = ()
    answered: bool = True


@dataclass(frozen=True, slots=True)
class Option:
    """One choice: the words shown, and the value stored (the same unless the file says)."""

    label: str
    value: str
    symbol: str | None = None
    """A picture shown beside the words (one emoji, ``surveys.symbols``); decoration
    only, so it is never read aloud."""


@dataclass(frozen=True, slots=True)
class Question:
    """One question (or information page) as the participant meets it."""

    id: str
    kind: Kind
    text: str
    help: str | None = None
    options: tuple[Option, ...] = ()
    required: bool = False
    show_if: ShowIf | None = None
    identifying: bool = False
    sensitive: bool = False
    section: str | None = None
    scale_labels: tuple[str, ...] = DEFAULT_SCALE_LABELS
    faces: bool = False
    prefer_not_to_say: bool = False
    low_label: str | None = None
    high_label: str | None = None
    max_length: int | None = None
    line: int = 0

    @property
    def asks(self) -> bool:
        """True when the question takes an answer (information pages do not)."""
        return self.kind is not Kind.INFO

    def option_values(self) -> tuple[str, ...]:
        """The stored values of the options, in the order shown."""
        return tuple(option.value for option in self.options)

    def label_for(self, value: str) -> str:
        """The words shown for a stored option value."""
        for option in self.options:
            if option.value == value:
                return option.label
        return value

    def symbol_for(self, value: object) -> str:
        """The picture shown beside a choice's words, or "" when it has none."""
        for option in self.options:
            if option.value == value:
                return option.symbol or ""
        return ""


@dataclass(frozen=True, slots=True)
class Section:
    """A group of questions with an optional content note shown before them."""

    id: str
    title: str
    content_note: str | None = None
    sensitive: bool = False
    """A hard topic: support is offered after it (``Survey.support``)."""


@dataclass(frozen=True, slots=True)
class SupportLine:
    """One place to get help: its name and how to reach it ("Call 116 123, free")."""

    name: str
    how: str


@dataclass(frozen=True, slots=True)
class SupportBlock:
    """Who to talk to in the room, and phone lines; offered after anything hard."""

    talk_to: str
    lines: tuple[SupportLine, ...] = ()


@dataclass(frozen=True, slots=True)
class ConsentTick:
    """A separate, optional agreement, such as "You can quote my words"."""

    id: str
    text: str


@dataclass(frozen=True, slots=True)
class ConsentBlock:
    """Which shipped consent text to show, the details it is filled with, and extra ticks."""

    version: str
    organisation: str
    coordinator: str
    contact: str
    withdraw_days: int = 14
    keep_days: int = 30
    help: str = "the person running this session"
    ticks: tuple[ConsentTick, ...] = ()


@dataclass(frozen=True, slots=True)
class Translation:
    """A survey's words in one more language, by the key of each text
    (``surveys.survey_translations`` lists the keys: "question.q1.text")."""

    language: str
    texts: dict[str, str] = field(default_factory=dict, hash=False)
    places: dict[str, tuple[int, int]] = field(default_factory=dict, hash=False, compare=False)
    """Where each text is written in the survey file: (line, column), counted from 1."""


@dataclass(frozen=True, slots=True)
class Survey:
    """A checked survey, ready to run."""

    id: str
    title: str
    version: str
    intro: str
    consent: ConsentBlock
    questions: tuple[Question, ...]
    run_by: str = ""
    sections: tuple[Section, ...] = ()
    glossary: dict[str, str] = field(default_factory=dict, hash=False)
    """Words and their plain meanings (left out of the hash, so a survey can be a dict key)."""
    support: SupportBlock | None = None
    """Support offered after sensitive sections, on the thank-you and "No thanks" screens."""
    language: str = "en"
    """The language the file is written in."""
    translations: tuple[Translation, ...] = field(default=(), hash=False)
    """The survey's words in other languages; option values are shared, so answers
    merge whatever the language."""

    @property
    def languages(self) -> tuple[str, ...]:
        """Every language the survey can be taken in, its own first."""
        return (self.language, *(t.language for t in self.translations))

    def question_count(self) -> tuple[int, int]:
        """(fewest, most) questions that ask something a person can be shown: the
        fewest when no ``show_if`` question shows, the most when all do. Stable for a
        whole visit, so "Question 3 of up to 10" never changes its total part way."""
        asking = [q for q in self.questions if q.asks]
        return sum(1 for q in asking if q.show_if is None), len(asking)

    def in_sensitive_section(self, question: Question) -> bool:
        """True when the question is in a section marked sensitive (support follows it)."""
        section = self.section(question.section)
        return section is not None and section.sensitive

    def question(self, question_id: str) -> Question:
        """The question with this id (KeyError when there is none)."""
        for question in self.questions:
            if question.id == question_id:
                return question
        raise KeyError(question_id)

    def section(self, section_id: str | None) -> Section | None:
        """The section with this id, or None."""
        for section in self.sections:
            if section.id == section_id:
                return section
        return None
