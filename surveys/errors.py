"""Error codes with plain-English messages, in the manner of pyxform's ``ErrorCode``.

Tests assert on the code; people read the message. Every message is written for a
survey author or a participant, never for a programmer: it says what is wrong and,
where it can, what to do instead.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from enum import Enum, StrEnum
from typing import Any

from surveys.catalogues import N_


class Severity(StrEnum):
    """An error stops a survey from running; a warning is advice about wording."""

    ERROR = "error"
    WARNING = "warning"


class ErrorCode(Enum):
    """Every problem the loader can report, with its message template."""

    FILE_NOT_FOUND = "There is no file called {path}."
    FILE_UNREADABLE = "The file {path} could not be opened ({reason})."
    FILE_TOO_LARGE = (
        "The file {path} is {size} — too big for a survey. Survey files are under {limit}."
    )
    EMPTY_FILE = "The file is empty. A survey needs at least an id, a title and questions."
    NOT_UTF8 = (
        "This file has characters that are not saved as UTF-8 text (byte {byte}). "
        "Please save it as UTF-8 in your editor."
    )
    TAB_CHARACTER = "This line starts with a tab. Please use spaces to indent, not tabs."
    YAML_SYNTAX = "The file's layout could not be read here: {problem}."
    YAML_TOO_DEEP = "The file is nested too deeply to read. Please simplify it."
    ALIAS_NOT_ALLOWED = (
        "This file uses a YAML alias (*{name}). Please write the text out in full instead."
    )
    DUPLICATE_KEY = "'{key}' is written twice here. Please keep only one."
    NOT_A_MAPPING = "The survey should start with fields such as 'id:', 'title:' and 'questions:'."
    MISSING_FIELD = "{where} needs '{field}'."
    UNKNOWN_FIELD = "{where} has a field '{field}' that the kiosk does not know.{hint}"
    WRONG_TYPE = "'{field}' in {where} should be {expected}, but it is {actual}."
    EMPTY_TEXT = "'{field}' in {where} is empty. Please write some words."
    BAD_ID = (
        "The id '{value}' can't be used. Use letters, numbers, '-' or '_', "
        "starting with a letter (for example 'sleep_quality')."
    )
    DUPLICATE_ID = "There are two questions called '{id}'. The first one is on line {first_line}."
    UNKNOWN_KIND = "Question '{id}' has kind '{kind}', which the kiosk does not know.{hint}"
    NO_QUESTIONS = "The survey has no questions. Please add at least one."
    OPTIONS_MISSING = "Question '{id}' is a '{kind}' question, so it needs a list of options."
    OPTIONS_EMPTY = "Question '{id}' has an empty list of options. Please add at least two."
    OPTIONS_TOO_FEW = "Question '{id}' has only one option. Please give at least two choices."
    OPTIONS_NOT_ALLOWED = (
        "Question '{id}' is a '{kind}' question, which has its own choices, "
        "so it should not have 'options'."
    )
    DUPLICATE_OPTION = "Question '{id}' has the option '{option}' twice."
    UNKNOWN_SYMBOL = (
        "The symbol '{symbol}' in question '{id}' is not a picture the kiosk knows.{hint} "
        "Use one emoji, such as 🍵, or a picture name, such as {examples}. "
        "docs/survey-format.md lists every name."
    )
    FIELD_NOT_FOR_KIND = "'{field}' does not apply to '{kind}' questions like '{id}'."
    SCALE_LABELS_COUNT = (
        "Question '{id}' has {count} scale words. An agree/disagree scale needs exactly 5."
    )
    INFO_REQUIRED = "Question '{id}' is an information page, so it can't be required."
    BAD_MAX_LENGTH = "Question '{id}' has max_length {value}. Use a number from 1 to {limit}."
    SHOW_IF_BAD = (
        "Question '{id}' has a show_if the kiosk can't follow. Write it as "
        "'question:' plus one of 'equals:', 'in:' or 'answered:'."
    )
    SHOW_IF_UNKNOWN_TARGET = (
        "Question '{id}' shows only if '{target}' is answered, "
        "but there is no question called '{target}'."
    )
    SHOW_IF_SELF = "Question '{id}' shows only if it is answered itself, so it would never show."
    SHOW_IF_LATER_TARGET = (
        "Question '{id}' depends on '{target}', which comes after it. "
        "Move '{target}' earlier, or the question will never show."
    )
    SHOW_IF_CYCLE = "These questions depend on each other in a loop: {cycle}."
    SHOW_IF_INFO_TARGET = (
        "Question '{id}' depends on '{target}', which is an information page with no answer."
    )
    SHOW_IF_RANKING_TARGET = (
        "Question '{id}' depends on the ranking question '{target}'. A ranking always "
        "includes every option, so please use 'answered:' instead."
    )
    SHOW_IF_VALUE_NOT_OPTION = (
        "Question '{id}' shows if '{target}' is '{value}', but '{target}' has no such choice."
    )
    UNKNOWN_SECTION = "Question '{id}' is in section '{section}', but no section has that id."
    UNKNOWN_CONSENT_VERSION = (
        "The consent text '{version}' is not one the kiosk has. Known texts: {known}."
    )
    BAD_NUMBER = "'{field}' in {where} should be a whole number from {low} to {high}."
    NO_SUPPORT = (
        "This survey asks about hard things ({what} is marked sensitive), but it has no "
        "'support:' block. Please add who to talk to in the room and phone lines, so "
        "people are offered support afterwards."
    )
    # -- session plans (surveys.plan_reader) --
    PLAN_NO_STAGES = "The plan has no stages. Please add at least one, such as 'ideas'."
    PLAN_UNKNOWN_STAGE = "A stage has kind '{kind}', which the kiosk does not know.{hint}"
    PLAN_NO_TIMER = (
        "The '{kind}' stage has no timer. Please add 'minutes:' with how long it runs, "
        "for example 'minutes: 10'."
    )
    PLAN_BAD_TIMER = (
        "The '{kind}' stage has a timer of {value}. Please use a whole number of minutes "
        "from {low} to {high}."
    )
    PLAN_NO_PROMPT = (
        "The ideas stage needs a 'prompt:' — the question people write ideas about, "
        "for example 'What would make this service better for you?'"
    )
    PLAN_NEEDS_IDEAS = (
        "The '{kind}' stage comes before any 'ideas' stage, so there would be no ideas "
        "to {what}. Please put an 'ideas' stage before it."
    )
    PLAN_RANK_HOW = (
        "The rank stage needs one of 'top:' (put your top few in order, like 'top: 3') "
        "or 'dots:' (spread a number of dots), not {found}."
    )
    PLAN_TOP_TOO_BIG = (
        "Putting {value} ideas in order is a lot to hold in mind. Please use 'top:' "
        "from 1 to {high}."
    )
    PLAN_TOP_LARGE = (
        "Putting {value} ideas in order is hard work. Most groups use a top 3 or top 5."
    )
    PLAN_BAD_DOTS = "Please give each person from 1 to {high} dots to spend, not {value}."
    PLAN_FIELD_NOT_FOR_STAGE = "'{field}' does not belong on this '{kind}' stage.{hint}"
    PLAN_NOT_A_POLL = (
        "The poll '{id}' is a '{kind}' question, which can't be a live poll. "
        "Please use one of: {kinds}."
    )
    PLAN_RANK_AGAIN = (
        "This second ranking has no 'results' stage before it, so people would rank "
        "again without seeing the first results."
    )
    PLAN_MERGE_AFTER_RANK = (
        "This 'merge' stage comes after a ranking. Combining ideas people have already "
        "ranked changes what they voted for; it is usually done before ranking."
    )
    PLAN_LONG = (
        "This plan runs for {minutes} minutes. Please build in breaks, so nobody has "
        "to keep going for too long."
    )

    UNKNOWN_LANGUAGE = (
        "'{lang}' is not a language the kiosk knows.{hint} Use a short code such as "
        "'cy' for Welsh or 'pl' for Polish."
    )
    TRANSLATION_OF_SOURCE = (
        "The survey is written in {name} ({lang}), so it can't have a {name} translation too."
    )
    TRANSLATION_EXTRA = (
        "The {name} ({lang}) translation has '{key}', but the file has no text by that name.{hint}"
    )
    CONSENT_NOT_TRANSLATED = (
        "The consent text '{version}' is not shipped in {name} yet, so people who "
        "choose {name} would read it in English. Ask for it to be translated, or "
        "tell people in the room."
    )
    EASY_READ_MISSING = (
        "The Easy Read version has no words for {what} ('{key}'), so people who "
        "choose Easy Read would see the usual words there."
    )
    TRANSLATION_MISSING = (
        "The {name} ({lang}) translation has no words for {what} ('{key}'), so people "
        "who choose {name} would see it in {source}."
    )

    # -- the action log, "you said, we did" (surveys.action_reader) --
    ACTION_NOT_A_LOG = (
        "The action log should start with 'actions:', followed by a list of actions, "
        "each starting with '- id:'."
    )
    ACTION_OLD_FORMAT = (
        "This is the old 'you said, we did' list. To make it an action log: put "
        "'actions:' on the first line, indent the list under it by two spaces, and give "
        "each item an 'id:' (like a1), an 'owner:' (a role, such as Service manager) "
        "and a 'due:' date (like 2026-06-30). Then run 'kiosk check' on it again."
    )
    ACTION_MISSING_FIELD = "{where} needs '{field}': {what}."
    ACTION_UNKNOWN_FIELD = "{where} has a field '{field}' that the action log does not know.{hint}"
    ACTION_BAD_DATE = (
        "'{field}' in {where} should be a date written like 2026-06-30 "
        "(year, month, day), but it is {value}."
    )
    ACTION_UNKNOWN_STATUS = (
        "{where} has status '{value}'. Please use planned, in progress, done or not possible.{hint}"
    )
    ACTION_UNKNOWN_SOURCE = (
        "{where} has source '{value}'. Please use by hand, export theme or session idea.{hint}"
    )
    ACTION_NO_REASON = (
        "{where} is 'not possible', so it needs a 'reason:' in plain words. "
        "People are told why it could not be done."
    )
    ACTION_REASON_NOT_USED = (
        "{where} has a reason, but its status is '{status}'. A reason is shown only "
        "when an action is 'not possible'."
    )
    ACTION_DUPLICATE_ID = (
        "There are two actions called '{id}'. The first one is on line {first_line}."
    )
    ACTION_CLOSED_BEFORE_CREATED = (
        "{where} was closed on {closed} but made on {created}. An action can't be "
        "closed before it was made; please check both dates."
    )
    ACTION_NO_CLOSED_ON = (
        "{where} is '{status}' but has no 'closed_on:' date, so the report can't say "
        "whether it was closed on time."
    )
    ACTION_CLOSED_ON_OPEN = (
        "{where} has a 'closed_on:' date but its status is '{status}'. Please change "
        "the status, or take the date out."
    )
    ACTION_OWNER_NAME = (
        "The owner of {where} looks like a person's name ('{value}'). Please write a "
        "role instead, such as 'Service manager', so the log names nobody."
    )
    ACTION_PERSONAL_DETAILS = (
        "'{field}' in {where} may hold personal details ({kinds}). Nothing in the log "
        "should identify a person; please reword it."
    )
    ACTION_TOO_LONG = (
        "'{field}' in {where} is {count} characters long. Please keep it under {limit}."
    )
    ACTION_CARD_LONG = (
        "What people said and what was done in {where} come to {count} words. A kiosk "
        "card holds under {limit}; please make them shorter."
    )
    ACTION_TOO_MANY = (
        "The log has {count} actions. It can hold up to {limit}; please archive old ones."
    )

    def format(self, **context: Any) -> str:
        """The message with its placeholders filled in."""
        return str(self.value).format(**context)


@dataclass(frozen=True, slots=True)
class Problem:
    """One thing wrong with a survey file, located for its author."""

    code: ErrorCode
    message: str
    path: str = ""
    line: int = 0
    column: int = 0
    severity: Severity = Severity.ERROR

    def describe(self) -> str:
        """How the problem is printed: file, line and column first, then the message."""
        where = []
        if self.line:
            where.append(f"line {self.line}")
            if self.column:
                where.append(f"column {self.column}")
        if self.path:
            # The file name is printed as it is spelled; only "Line" gets a capital.
            where.insert(0, self.path)
        elif where:
            where[0] = where[0].capitalize()
        prefix = ", ".join(where)
        label = "" if self.severity is Severity.ERROR else "Advice: "
        text = f"{label}{self.message}"
        if not prefix:
            return text
        return f"{prefix}: {text}"


class AnswerCode(Enum):
    """Why an answer was not accepted, worded kindly for the participant.

    Each value is one whole sentence (the English message, marked for translation).
    A question that may be skipped gets the same words with ", or press Skip" as its
    own whole sentence (``template(skip=True)``), so no sentence is glued from pieces
    and a question that needs an answer never suggests Skip. A caller that says
    nothing about skipping gets the Skip words, as these messages always had.
    """

    NOT_A_CHOICE = N_("Please choose one of the options shown.")
    NOTHING_CHOSEN = N_("Nothing is chosen yet. Please choose one of the options.")
    PREFER_NOT_ALONE = N_("'Prefer not to say' can't be chosen together with other options.")
    REPEATED_CHOICE = N_("Each option can be chosen only once.")
    OUT_OF_RANGE = N_("Please choose a number from {low} to {high}.")
    EMPTY = N_("There's nothing written yet. Please type an answer.")
    TOO_LONG = N_("That's a lot to say — thank you. Please keep it under {limit:,} characters.")
    NOT_ALL_RANKED = N_("Please put every option in order.")
    REQUIRED = N_("This question needs an answer before you go on.")
    NO_ANSWER_NEEDED = N_("This page is for reading only. Press Next to go on.")

    def template(self, *, skip: bool = True, how: str = "") -> str:
        """The whole sentence (English, to be looked up) for this code: with the Skip
        words when ``skip``; for ``NOTHING_CHOSEN``, asking for ``how`` ("one",
        "several" or "number": what this kind of question needs)."""
        if self is AnswerCode.NOTHING_CHOSEN:
            plain, skipping = _NOTHING_CHOSEN.get(how, _NOTHING_CHOSEN["one"])
            return skipping if skip else plain
        if skip and self in _WITH_SKIP:
            return _WITH_SKIP[self]
        return str(self.value)

    def format(self, **context: Any) -> str:
        """The English message with its placeholders filled in (``skip``: bool, and
        ``how`` as in ``template``)."""
        skip = bool(context.pop("skip", True))
        how = str(context.pop("how", ""))
        return self.template(skip=skip, how=how).format(**context)


_NOTHING_CHOSEN: dict[str, tuple[str, str]] = {
    "one": (
        N_("Nothing is chosen yet. Please choose one of the options."),
        N_("Nothing is chosen yet. Please choose one of the options, or press Skip."),
    ),
    "several": (
        N_("Nothing is chosen yet. Please choose at least one option."),
        N_("Nothing is chosen yet. Please choose at least one option, or press Skip."),
    ),
    "number": (
        N_("Nothing is chosen yet. Please choose a number from 0 to 10."),
        N_("Nothing is chosen yet. Please choose a number from 0 to 10, or press Skip."),
    ),
}
"""What "nothing chosen yet" asks for, by kind of question: (needs an answer, may skip)."""

_WITH_SKIP: dict[AnswerCode, str] = {
    AnswerCode.EMPTY: N_("There's nothing written yet. Please type an answer, or press Skip."),
    AnswerCode.TOO_LONG: N_(
        "That's a lot to say — thank you. Please keep it under {limit:,} characters, or press Skip."
    ),
    AnswerCode.NOT_ALL_RANKED: N_("Please put every option in order, or press Skip."),
}
"""The same words for a question that may be skipped, each one whole sentence."""


class Checked:
    """What every checked file's result has: its ``problems``, split into errors
    (the file can't be used as it is) and warnings (advice)."""

    problems: tuple[Problem, ...]

    @property
    def errors(self) -> tuple[Problem, ...]:
        """Problems that stop the file from being used."""
        return tuple(p for p in self.problems if p.severity is Severity.ERROR)

    @property
    def warnings(self) -> tuple[Problem, ...]:
        """Advice that does not stop the file being used."""
        return tuple(p for p in self.problems if p.severity is Severity.WARNING)


class PlainError(Exception):
    """An error whose words are for a person, not a programmer.

    ``message`` is the plain-English sentence to show or print as it is (what went
    wrong and, where it can, what to do), and ``str()`` of the error is the same
    words. Every error of ours that carries such words builds on this class,
    keeping its other bases (``class StorageDamagedError(PlainError, OSError)``), so
    a caller catches ``PlainError`` and shows ``.message``.
    """

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message

    def __str__(self) -> str:
        return self.message


class AnswerError(PlainError, ValueError):
    """An answer the participant gave could not be accepted; ``message`` says why, kindly."""

    def __init__(self, code: AnswerCode, **context: Any) -> None:
        skip = bool(context.pop("skip", True))
        how = str(context.pop("how", ""))
        self.template = code.template(skip=skip, how=how)
        """The whole English sentence before its values are filled in."""
        self.values = context
        super().__init__(self.template.format(**context))
        self.code = code

    def told(self, say: Callable[..., str]) -> str:
        """The message in the words ``say`` gives: the kiosk screen passes
        ``surveys.catalogues._``; a page for one person passes ``words(code)``."""
        return say(self.template, **self.values)
