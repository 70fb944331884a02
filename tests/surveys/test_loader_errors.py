"""Every way a survey file can be wrong: one stable code, the right line, no traceback.

Each row of ``CASES`` is a whole file (usually a few question lines wrapped by
``tests.support.survey_yaml.survey_yaml``), the code it must produce, and the text of the line
the problem must point at. ``test_every_error_code_has_a_case`` fails when someone
adds an ``ErrorCode`` without adding a row here.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest

from surveys.errors import ErrorCode, Problem, Severity
from surveys.loader import (
    MAX_FILE_BYTES,
    LoadResult,
    load_survey,
    load_survey_bytes,
    load_survey_text,
)
from surveys.model import Kind
from tests.support.survey_yaml import CONSENT_YAML, HEADER_LINES, build_survey, survey_yaml


def q(questions_yaml: str, **top: str | None) -> bytes:
    """A survey file (as bytes) with these questions."""
    return survey_yaml(questions_yaml, **top).encode("utf-8")


MOOD = """
- id: mood
  kind: single
  text: How was today?
  options: [Good, OK, Not so good]
"""
"""A valid first question that others can depend on."""


@dataclass(frozen=True)
class Case:
    """One bad file and what the loader must say about it."""

    name: str
    source: bytes
    code: ErrorCode
    at: str | None = None
    """Text the problem's line must hold (the last line of its first occurrence), or None."""
    says: str | None = None
    """Words the message must contain."""
    column: int | None = None


def case(
    name: str,
    source: bytes,
    code: ErrorCode,
    at: str | None = None,
    says: str | None = None,
    column: int | None = None,
) -> Case:
    return Case(f"{code.name}-{name}", source, code, at, says, column)


CASES = [
    # -- the bytes themselves --------------------------------------------------------
    case("empty", b"", ErrorCode.EMPTY_FILE, says="The file is empty"),
    case("whitespace-only", b"  \n\n   \r\n\n", ErrorCode.EMPTY_FILE),
    case("bom-only", b"\xef\xbb\xbf", ErrorCode.EMPTY_FILE),
    case("comments-only", b"# a survey, one day\n# more to come\n", ErrorCode.EMPTY_FILE),
    case("document-marker-only", b"---\n", ErrorCode.EMPTY_FILE),
    case("latin-1", b"id: caf\xe9\n", ErrorCode.NOT_UTF8, at="id:", says="byte 0xE9", column=8),
    case(
        "bad-byte-after-accents",
        "id: x\ntitle: café ".encode() + b"\xff\n",
        ErrorCode.NOT_UTF8,
        at="title:",
        says="byte 0xFF",
        column=13,
    ),
    case(
        "bad-byte-crlf",
        b"id: x\r\ntitle: y\r\nintro: \x80\r\n",
        ErrorCode.NOT_UTF8,
        at="intro:",
        column=8,
    ),
    case("utf-16", "id: x\n".encode("utf-16"), ErrorCode.NOT_UTF8),
    case(
        "tab-indent",
        b"id: x\n\ttitle: y\n",
        ErrorCode.TAB_CHARACTER,
        at="title",
        says="use spaces to indent, not tabs",
        column=1,
    ),
    case(
        "tab-after-spaces",
        q(MOOD).replace(b"    text:", b"  \ttext:"),
        ErrorCode.TAB_CHARACTER,
        at="text: How",
        column=3,
    ),
    case(
        "control-character",
        q(MOOD).replace(b"How was", b"How\x0cwas"),
        ErrorCode.YAML_SYNTAX,
        at="text: How",
        says="hidden character (U+000C)",
    ),
    case(
        "escape-character",
        b"id: x\ntitle: \x1b[31mred\n",
        ErrorCode.YAML_SYNTAX,
        at="title:",
        column=8,
    ),
    # -- YAML layout -----------------------------------------------------------------
    case(
        "unclosed-bracket", b"id: [unclosed\n", ErrorCode.YAML_SYNTAX, says="could not be read here"
    ),
    case(
        "colon-in-text",
        q(MOOD.replace("How was today?", "Today: how was it?")),
        ErrorCode.YAML_SYNTAX,
        at="text: Today",
        says="put them in quotes",
    ),
    case(
        "bad-indent",
        q(MOOD.replace("  options:", " options:")),
        ErrorCode.YAML_SYNTAX,
        at="options:",
    ),
    case(
        "question-mark-in-braces",
        q("- {id: ok, kind: yesno, text: OK?}"),
        ErrorCode.YAML_SYNTAX,
        at="OK?",
        says="must be put in quotes",
    ),
    case("unclosed-quote", b'id: x\ntitle: "A survey\nintro: hi\n', ErrorCode.YAML_SYNTAX),
    case("two-documents", b"id: x\n---\nid: y\n", ErrorCode.YAML_SYNTAX),
    case("deep-flow", b"id: " + b"[" * 200 + b"]" * 200 + b"\n", ErrorCode.YAML_TOO_DEEP, at="id:"),
    case("deep-flow-unclosed", b"{" * 100_000, ErrorCode.YAML_TOO_DEEP),
    case("deep-block", b"- " * 3000 + b"x\n", ErrorCode.YAML_TOO_DEEP),
    case(
        "alias",
        b"id: x\ntitle: &t A survey\nintro: *t\n",
        ErrorCode.ALIAS_NOT_ALLOWED,
        at="intro:",
        says="(*t)",
    ),
    case(
        "merge-key",
        q(MOOD + "- &base {id: b, kind: yesno, text: Hi}\n- <<: *base\n  id: c"),
        ErrorCode.ALIAS_NOT_ALLOWED,
        at="<<",
    ),
    case(
        "top-level-key-twice",
        q(MOOD).replace(b"intro:", b"title: B\nintro:"),
        ErrorCode.DUPLICATE_KEY,
        at="title: B",
        says="'title' is written twice",
    ),
    case(
        "question-key-twice", q(MOOD + "  text: Again?"), ErrorCode.DUPLICATE_KEY, at="text: Again"
    ),
    case(
        "tick-id-twice",
        q(
            MOOD,
            consent=CONSENT_YAML + "  ticks:\n    - {id: quote, text: Quote me}\n"
            "    - {id: quote, text: Quote me again}\n",
        ),
        ErrorCode.DUPLICATE_KEY,
        at="Quote me again",
    ),
    case(
        "section-id-twice",
        q(MOOD, sections="  - {id: s1, title: One}\n  - {id: s1, title: Two}"),
        ErrorCode.DUPLICATE_KEY,
        at="title: Two",
    ),
    case("list-at-top", b"- id: x\n- title: y\n", ErrorCode.NOT_A_MAPPING, at="- id"),
    case("words-at-top", b"just some words\n", ErrorCode.NOT_A_MAPPING, at="just"),
    # -- fields ----------------------------------------------------------------------
    case(
        "no-title", q(MOOD, title=None), ErrorCode.MISSING_FIELD, says="The survey needs 'title'."
    ),
    case("no-consent", q(MOOD, consent=None), ErrorCode.MISSING_FIELD, says="'consent'"),
    case(
        "no-questions-field",
        b"id: x\ntitle: T\nversion: 1\nintro: Hi\nconsent:\n" + CONSENT_YAML.encode(),
        ErrorCode.MISSING_FIELD,
        says="'questions'",
    ),
    case(
        "question-no-text",
        q("- id: mood\n  kind: yesno"),
        ErrorCode.MISSING_FIELD,
        at="- id: mood",
        says="needs 'text'",
    ),
    case(
        "question-no-kind",
        q("- id: mood\n  text: Hi"),
        ErrorCode.MISSING_FIELD,
        at="- id: mood",
        says="needs 'kind'",
    ),
    case(
        "consent-no-contact",
        q(MOOD, consent=CONSENT_YAML.replace("  contact: the college office\n", "")),
        ErrorCode.MISSING_FIELD,
        says="'contact'",
    ),
    case(
        "top-level-typo",
        q(MOOD, titel="Oops"),
        ErrorCode.UNKNOWN_FIELD,
        at="titel",
        says="Did you mean 'title'?",
    ),
    case(
        "question-typo",
        q(MOOD + "  requierd: true"),
        ErrorCode.UNKNOWN_FIELD,
        at="requierd",
        says="Did you mean 'required'?",
    ),
    case("not-a-field-at-all", q(MOOD + "  colour: blue"), ErrorCode.UNKNOWN_FIELD, at="colour"),
    case(
        "title-is-list",
        q(MOOD, title="[A, B]"),
        ErrorCode.WRONG_TYPE,
        at="title:",
        says="'title' in the survey should be text, but it is a list.",
    ),
    case(
        "required-maybe",
        q(MOOD + "  required: maybe"),
        ErrorCode.WRONG_TYPE,
        at="required",
        says="should be true or false",
    ),
    case(
        "options-is-text",
        q("- id: mood\n  kind: single\n  text: Hi\n  options: Good"),
        ErrorCode.WRONG_TYPE,
        at="options:",
        says="should be a list",
    ),
    case(
        "questions-is-text",
        b"id: x\ntitle: T\nversion: 1\nintro: Hi\nconsent:\n"
        + CONSENT_YAML.encode()
        + b"questions: lots\n",
        ErrorCode.WRONG_TYPE,
        at="questions:",
    ),
    case(
        "question-is-text",
        q(MOOD + "- just words"),
        ErrorCode.WRONG_TYPE,
        at="- just words",
        says="group of fields",
    ),
    case("consent-is-text", q(MOOD, consent="standard-v1"), ErrorCode.WRONG_TYPE, at="consent:"),
    case(
        "show-if-is-text",
        q(MOOD + "- {id: b, kind: yesno, text: Hi, show_if: mood}"),
        ErrorCode.WRONG_TYPE,
        at="id: b",
    ),
    case("empty-title", q(MOOD, title='""'), ErrorCode.EMPTY_TEXT, at="title:"),
    case(
        "blank-text",
        q("- id: mood\n  kind: yesno\n  text:  # to do"),
        ErrorCode.EMPTY_TEXT,
        at="# to do",
    ),
    case(
        "spaces-text",
        q("- id: mood\n  kind: yesno\n  text: '   '"),
        ErrorCode.EMPTY_TEXT,
        at="text: '",
    ),
    case(
        "empty-option",
        q("- id: mood\n  kind: single\n  text: Hi\n  options: [a, '', b]"),
        ErrorCode.EMPTY_TEXT,
        at="options:",
    ),
    case(
        "glossary-blank",
        q(MOOD, glossary="\n  co-production:"),
        ErrorCode.EMPTY_TEXT,
        at="co-production",
    ),
    case(
        "id-with-space",
        q("- id: sleep quality\n  kind: yesno\n  text: Hi"),
        ErrorCode.BAD_ID,
        at="id: sleep",
        says="'sleep quality'",
    ),
    case(
        "id-starts-with-digit",
        q("- id: 2nd\n  kind: yesno\n  text: Hi"),
        ErrorCode.BAD_ID,
        at="id: 2nd",
    ),
    case("survey-id-two-lines", q(MOOD, id='"ok\\nmore"'), ErrorCode.BAD_ID, at="id:"),
    case(
        "number-bad",
        q(MOOD, consent=CONSENT_YAML + "  withdraw_days: -1\n"),
        ErrorCode.BAD_NUMBER,
        at="withdraw_days",
        says="from 0 to 365",
    ),
    case(
        "number-is-words",
        q(MOOD, consent=CONSENT_YAML + "  keep_days: a month\n"),
        ErrorCode.BAD_NUMBER,
        at="keep_days",
    ),
    case(
        "number-is-bool",
        q(MOOD, consent=CONSENT_YAML + "  keep_days: true\n"),
        ErrorCode.BAD_NUMBER,
        at="keep_days",
    ),
    case(
        "consent-version",
        q(MOOD, consent=CONSENT_YAML.replace("v1", "v9")),
        ErrorCode.UNKNOWN_CONSENT_VERSION,
        at="text: standard-v9",
        says="standard-v1",
    ),
    # -- questions -------------------------------------------------------------------
    case("no-questions", q("", questions="[]"), ErrorCode.NO_QUESTIONS, at="questions: []"),
    case("questions-blank", q(""), ErrorCode.NO_QUESTIONS, at="questions:"),
    case(
        "same-id-twice",
        q(MOOD + MOOD.replace("- id: mood", "- id: mood  # again")),
        ErrorCode.DUPLICATE_ID,
        at="id: mood  # again",
        says=f"The first one is on line {HEADER_LINES + 1}.",
    ),
    case(
        "kind-typo",
        q("- id: mood\n  kind: singel\n  text: Hi\n  options: [a, b]"),
        ErrorCode.UNKNOWN_KIND,
        at="kind: singel",
        says="Did you mean 'single'?",
    ),
    case(
        "kind-capital",
        q("- id: mood\n  kind: Yesno\n  text: Hi"),
        ErrorCode.UNKNOWN_KIND,
        says="Did you mean 'yesno'?",
    ),
    case(
        "kind-unlike-any",
        q("- id: mood\n  kind: dropdown\n  text: Hi"),
        ErrorCode.UNKNOWN_KIND,
        says="Kinds are: single, multi",
    ),
    case(
        "options-missing",
        q("- id: mood\n  kind: multi\n  text: Hi"),
        ErrorCode.OPTIONS_MISSING,
        at="- id: mood",
    ),
    case(
        "ranking-options-missing",
        q("- id: mood\n  kind: ranking\n  text: Hi"),
        ErrorCode.OPTIONS_MISSING,
        at="- id: mood",
    ),
    case(
        "options-empty",
        q("- id: mood\n  kind: single\n  text: Hi\n  options: []"),
        ErrorCode.OPTIONS_EMPTY,
        at="options: []",
    ),
    case(
        "one-option",
        q("- id: mood\n  kind: single\n  text: Hi\n  options: [Only]"),
        ErrorCode.OPTIONS_TOO_FEW,
        at="options:",
        says="only one option",
    ),
    case(
        "one-option-and-prefer-not",
        q("- id: mood\n  kind: multi\n  text: Hi\n  options: [Only, Prefer not to say]"),
        ErrorCode.OPTIONS_TOO_FEW,
        at="options:",
    ),
    case(
        "options-on-yesno",
        q("- id: ok\n  kind: yesno\n  text: Hi\n  options: [a, b]"),
        ErrorCode.OPTIONS_NOT_ALLOWED,
        at="options:",
    ),
    case(
        "option-twice",
        q(
            "- id: mood\n  kind: single\n  text: Hi\n  options:\n"
            "    - Good\n    - Bad\n    - Good  # again"
        ),
        ErrorCode.DUPLICATE_OPTION,
        at="Good  # again",
        says="'Good'",
    ),
    case(
        "option-value-twice",
        q(
            "- id: mood\n  kind: single\n  text: Hi\n  options:\n"
            "    - {label: Yes please, value: y}\n    - {label: Yes, value: y}"
        ),
        ErrorCode.DUPLICATE_OPTION,
        at="label: Yes, value",
    ),
    case(
        "max-length-on-single",
        q(MOOD + "  max_length: 10"),
        ErrorCode.FIELD_NOT_FOR_KIND,
        at="max_length",
        says="'max_length' does not apply to 'single' questions",
    ),
    case(
        "faces-on-rating",
        q("- id: r\n  kind: rating\n  text: Hi\n  faces: true"),
        ErrorCode.FIELD_NOT_FOR_KIND,
        at="faces",
    ),
    case(
        "prefer-not-on-text",
        q("- id: t\n  kind: text\n  text: Hi\n  prefer_not_to_say: true"),
        ErrorCode.FIELD_NOT_FOR_KIND,
        at="prefer_not_to_say",
    ),
    case(
        "three-scale-words",
        q("- id: s\n  kind: scale\n  text: Hi\n  labels: [Low, Mid, High]"),
        ErrorCode.SCALE_LABELS_COUNT,
        at="labels:",
        says="has 3 scale words",
    ),
    case(
        "info-required",
        q("- id: i\n  kind: info\n  text: Read me\n  required: true"),
        ErrorCode.INFO_REQUIRED,
        at="required",
    ),
    case(
        "max-length-zero",
        q("- id: t\n  kind: text\n  text: Hi\n  max_length: 0"),
        ErrorCode.BAD_MAX_LENGTH,
        at="max_length",
        says="max_length 0",
    ),
    case(
        "max-length-huge",
        q("- id: t\n  kind: longtext\n  text: Hi\n  max_length: 99999"),
        ErrorCode.BAD_MAX_LENGTH,
        at="max_length",
    ),
    case(
        "max-length-words",
        q("- id: t\n  kind: text\n  text: Hi\n  max_length: lots"),
        ErrorCode.BAD_MAX_LENGTH,
        says="max_length lots",
    ),
    case(
        "max-length-list",
        q("- id: t\n  kind: text\n  text: Hi\n  max_length: [1, 2]"),
        ErrorCode.BAD_MAX_LENGTH,
        says="max_length a list.",
    ),
    case(
        "unknown-section",
        q(MOOD + "  section: later"),
        ErrorCode.UNKNOWN_SECTION,
        at="section: later",
    ),
    # -- show_if ---------------------------------------------------------------------
    case(
        "show-if-no-condition",
        q(MOOD + "- id: b\n  kind: yesno\n  text: Hi\n  show_if:\n    question: mood"),
        ErrorCode.SHOW_IF_BAD,
        at="    question: mood",
    ),
    case(
        "show-if-two-conditions",
        q(
            MOOD + "- id: b\n  kind: yesno\n  text: Hi\n"
            "  show_if: {question: mood, equals: Good, answered: true}"
        ),
        ErrorCode.SHOW_IF_BAD,
        at="show_if",
    ),
    case(
        "show-if-unknown-word",
        q(MOOD + "- id: b\n  kind: yesno\n  text: Hi\n  show_if: {question: mood, is: Good}"),
        ErrorCode.SHOW_IF_BAD,
        at="show_if",
    ),
    case(
        "show-if-answered-maybe",
        q(
            MOOD + "- id: b\n  kind: yesno\n  text: Hi\n"
            "  show_if: {question: mood, answered: maybe}"
        ),
        ErrorCode.SHOW_IF_BAD,
        at="show_if",
    ),
    case(
        "show-if-in-empty",
        q(MOOD + "- id: b\n  kind: yesno\n  text: Hi\n  show_if: {question: mood, in: []}"),
        ErrorCode.SHOW_IF_BAD,
        at="show_if",
    ),
    case(
        "show-if-equals-list",
        q(MOOD + "- id: b\n  kind: yesno\n  text: Hi\n  show_if: {question: mood, equals: [Good]}"),
        ErrorCode.SHOW_IF_BAD,
        at="show_if",
    ),
    case(
        "show-if-equals-blank",
        q(MOOD + "- id: b\n  kind: yesno\n  text: Hi\n  show_if: {question: mood, equals: }"),
        ErrorCode.SHOW_IF_BAD,
        at="show_if",
    ),
    case(
        "show-if-unknown-target",
        q(
            "- id: sleep\n  kind: scale\n  text: I slept well.\n  show_if:\n"
            "    question: mood\n    answered: true"
        ),
        ErrorCode.SHOW_IF_UNKNOWN_TARGET,
        at="    question: mood",
        says="Question 'sleep' shows only if 'mood' is answered, "
        "but there is no question called 'mood'.",
    ),
    case(
        "show-if-self",
        q(MOOD + "- id: b\n  kind: yesno\n  text: Hi\n  show_if: {question: b, answered: true}"),
        ErrorCode.SHOW_IF_SELF,
        at="show_if",
    ),
    case(
        "show-if-later",
        q("- id: b\n  kind: yesno\n  text: Hi\n  show_if: {question: mood, equals: Good}\n" + MOOD),
        ErrorCode.SHOW_IF_LATER_TARGET,
        at="show_if",
        says="Move 'mood' earlier",
    ),
    case(
        "show-if-cycle",
        q(
            "- id: a\n  kind: yesno\n  text: A?\n  show_if: {question: b, answered: true}\n"
            "- id: b\n  kind: yesno\n  text: B?\n  show_if: {question: a, answered: true}"
        ),
        ErrorCode.SHOW_IF_CYCLE,
        at="show_if: {question: b",
        says="a → b → a",
    ),
    case(
        "show-if-cycle-of-three",
        q(
            MOOD + "- id: a\n  kind: yesno\n  text: A?\n  show_if: {question: c, answered: true}\n"
            "- id: b\n  kind: yesno\n  text: B?\n  show_if: {question: a, answered: true}\n"
            "- id: c\n  kind: yesno\n  text: C?\n  show_if: {question: b, answered: true}"
        ),
        ErrorCode.SHOW_IF_CYCLE,
        at="show_if: {question: c",
        says="a → c → b → a",
    ),
    case(
        "show-if-info-target",
        q(
            "- id: i\n  kind: info\n  text: Read me\n"
            "- id: b\n  kind: yesno\n  text: Hi\n  show_if: {question: i, answered: true}"
        ),
        ErrorCode.SHOW_IF_INFO_TARGET,
        at="show_if",
    ),
    case(
        "show-if-ranking-target",
        q(
            "- id: r\n  kind: ranking\n  text: Order these\n  options: [Tea, Cake]\n"
            "- id: b\n  kind: yesno\n  text: Hi\n  show_if: {question: r, equals: Tea}"
        ),
        ErrorCode.SHOW_IF_RANKING_TARGET,
        at="show_if",
        says="please use 'answered:' instead",
    ),
    case(
        "show-if-not-an-option",
        q(
            MOOD + "- id: b\n  kind: yesno\n  text: Hi\n  show_if:\n    question: mood\n"
            "    equals: Great"
        ),
        ErrorCode.SHOW_IF_VALUE_NOT_OPTION,
        at="equals: Great",
        says="shows if 'mood' is 'Great', but 'mood' has no such choice",
    ),
    case(
        "show-if-in-one-wrong",
        q(
            MOOD + "- id: b\n  kind: yesno\n  text: Hi\n  show_if:\n    question: mood\n"
            "    in: [Good, Grand]"
        ),
        ErrorCode.SHOW_IF_VALUE_NOT_OPTION,
        at="in: [Good",
        says="'Grand'",
    ),
    case(
        "show-if-rating-11",
        q(
            "- id: r\n  kind: rating\n  text: Score?\n"
            "- id: b\n  kind: yesno\n  text: Hi\n  show_if: {question: r, equals: 11}"
        ),
        ErrorCode.SHOW_IF_VALUE_NOT_OPTION,
        at="show_if",
    ),
    case(
        "show-if-yesno-perhaps",
        q(
            "- id: y\n  kind: yesno\n  text: OK?\n"
            "- id: b\n  kind: yesno\n  text: Hi\n  show_if: {question: y, equals: perhaps}"
        ),
        ErrorCode.SHOW_IF_VALUE_NOT_OPTION,
        at="show_if",
    ),
    case(
        "show-if-prefer-not-when-off",
        q(
            MOOD + "- id: b\n  kind: yesno\n  text: Hi\n"
            "  show_if: {question: mood, equals: Prefer not to say}"
        ),
        ErrorCode.SHOW_IF_VALUE_NOT_OPTION,
        at="show_if",
    ),
]


def _line_of(source: bytes, fragment: str) -> int:
    text = source.decode("utf-8", "replace").replace("\r\n", "\n")
    last_line_starts = text.index(fragment) + fragment.rfind("\n") + 1
    return text.count("\n", 0, last_line_starts) + 1


@pytest.mark.parametrize("bad", CASES, ids=lambda bad: bad.name)
def test_bad_file_gives_its_code_on_its_line(bad: Case) -> None:
    result = load_survey_bytes(bad.source, "survey.yaml")

    assert result.survey is None
    assert result.readable
    matching = [p for p in result.problems if p.code is bad.code]
    assert matching, [p.describe() for p in result.problems]
    problem = matching[0]
    assert problem.path == "survey.yaml"
    assert problem.severity is Severity.ERROR
    if bad.at is not None:
        assert problem.line == _line_of(bad.source, bad.at), problem.describe()
    if bad.column is not None:
        assert problem.column == bad.column, problem.describe()
    if bad.says is not None:
        assert bad.says in problem.message
    for each in result.problems:
        assert not re.search(r"\{[a-z_]+\}|Node\(", each.message), each.message


def _codes_in_cases() -> set[ErrorCode]:
    return {bad.code for bad in CASES}


FILE_CODES = {ErrorCode.FILE_NOT_FOUND, ErrorCode.FILE_UNREADABLE, ErrorCode.FILE_TOO_LARGE}
"""Codes about opening the file, tested below with real paths."""


ADVICE_CODES = {ErrorCode.NO_SUPPORT}
"""Codes given as advice (the survey still runs), tested below."""


PLAN_CODES = {code for code in ErrorCode if code.name.startswith("PLAN_")}
"""Codes only session plans give, each with a case in tests/surveys/test_plan_reader.py."""
ACTION_CODES = {code for code in ErrorCode if code.name.startswith("ACTION_")}
"""Codes only action logs give, each with a case in tests/surveys/test_action_reader.py."""


TRANSLATION_CODES = {c for c in ErrorCode if c.name.startswith("TRANSLATION_")} | {
    ErrorCode.UNKNOWN_LANGUAGE,
    ErrorCode.CONSENT_NOT_TRANSLATED,
}
"""Codes of survey translations: each has a case in tests/surveys/test_survey_translations.py."""
EASY_READ_CODES = {ErrorCode.EASY_READ_MISSING, ErrorCode.UNKNOWN_SYMBOL}
"""Codes of the Easy Read version and symbols: cases in tests/surveys/test_easy_read_version.py."""


def test_every_error_code_has_a_case() -> None:
    missing = (
        set(ErrorCode)
        - _codes_in_cases()
        - FILE_CODES
        - ADVICE_CODES
        - PLAN_CODES
        - ACTION_CODES
        - TRANSLATION_CODES
        - EASY_READ_CODES
    )
    assert not missing, f"add a row to CASES for: {sorted(c.name for c in missing)}"


# -- opening the file ----------------------------------------------------------------------


def test_missing_file_is_not_readable(tmp_path: Path) -> None:
    result = load_survey(tmp_path / "nope.yaml")

    assert result.survey is None
    assert not result.readable
    assert [p.code for p in result.problems] == [ErrorCode.FILE_NOT_FOUND]
    assert str(tmp_path / "nope.yaml") in result.problems[0].message


@pytest.mark.parametrize(
    ("path", "code"),
    [
        ("survey\x00.yaml", ErrorCode.FILE_NOT_FOUND),
        ("x" * 5000 + ".yaml", ErrorCode.FILE_UNREADABLE),
    ],
    ids=["nul-in-name", "name-too-long"],
)
def test_impossible_file_names_are_reported(path: str, code: ErrorCode) -> None:
    result = load_survey(path)

    assert not result.readable
    assert [p.code for p in result.problems] == [code]


def test_folder_is_unreadable(tmp_path: Path) -> None:
    result = load_survey(tmp_path)

    assert not result.readable
    assert [p.code for p in result.problems] == [ErrorCode.FILE_UNREADABLE]


def test_five_megabyte_file_is_refused_unread(tmp_path: Path) -> None:
    survey = tmp_path / "survey.yaml"
    survey.write_bytes(b"a" * 5_000_000)

    result = load_survey(survey)

    assert not result.readable
    assert [p.code for p in result.problems] == [ErrorCode.FILE_TOO_LARGE]
    assert "5.0 MB" in result.problems[0].message


@pytest.mark.parametrize(
    "load",
    [
        lambda: load_survey_bytes(b"a" * 5_000_000),
        lambda: load_survey_text("a" * 5_000_000),
        lambda: load_survey_bytes(b"id: x\n" + b"#" * MAX_FILE_BYTES),
    ],
    ids=["bytes", "text", "just-over"],
)
def test_too_large_in_memory_is_refused(load: Callable[[], LoadResult]) -> None:
    result = load()

    assert isinstance(result, LoadResult)
    assert not result.readable
    assert [p.code for p in result.problems] == [ErrorCode.FILE_TOO_LARGE]


def test_file_just_under_the_limit_is_read(tmp_path: Path) -> None:
    text = survey_yaml(MOOD)
    padding = "#" * (MAX_FILE_BYTES - len(text) - 1) + "\n"
    survey = tmp_path / "survey.yaml"
    survey.write_text(text + padding, encoding="utf-8")

    assert survey.stat().st_size == MAX_FILE_BYTES
    assert load_survey(survey).survey is not None


def test_valid_file_loads_from_disk(tmp_path: Path) -> None:
    survey = tmp_path / "survey.yaml"
    survey.write_text(survey_yaml(MOOD), encoding="utf-8")

    result = load_survey(survey)

    assert result.survey is not None
    assert result.problems == ()
    assert result.readable


# -- files that must load ------------------------------------------------------------------


@pytest.mark.parametrize(
    "source",
    [
        b"\xef\xbb\xbf" + q(MOOD),
        q(MOOD).replace(b"\n", b"\r\n"),
        b"\xef\xbb\xbf" + q(MOOD).replace(b"\n", b"\r\n"),
        b"---\n" + q(MOOD) + b"...\n",
        b"# A comment first\n" + q(MOOD),
    ],
    ids=["bom", "crlf", "bom-crlf", "document-markers", "comment"],
)
def test_valid_file_variants_load(source: bytes) -> None:
    result = load_survey_bytes(source)

    assert result.survey is not None, [p.describe() for p in result.problems]
    assert result.survey.question("mood").options[0].label == "Good"


def test_bom_in_text_is_ignored() -> None:
    with_bom = load_survey_text("\ufeff" + survey_yaml(MOOD))
    without = load_survey_text(survey_yaml(MOOD))

    assert without.survey is not None
    assert with_bom.survey == without.survey
    assert with_bom.problems == without.problems


def test_lines_are_right_after_a_bom_and_crlf() -> None:
    source = b"\xef\xbb\xbf" + q(MOOD + "  colour: blue").replace(b"\n", b"\r\n")

    (problem,) = load_survey_bytes(source).problems

    assert problem.code is ErrorCode.UNKNOWN_FIELD
    assert problem.line == HEADER_LINES + 5


def test_words_that_look_like_other_types_stay_words() -> None:
    survey = build_survey(
        """
        - id: answer
          kind: single
          text: yes
          options: [yes, no, 1, 2.5, null-ish, "true"]
    """,
        version="1.0",
        title="123",
    )

    assert survey.version == "1.0"
    assert survey.title == "123"
    assert survey.question("answer").text == "yes"
    assert survey.question("answer").option_values() == (
        "yes",
        "no",
        "1",
        "2.5",
        "null-ish",
        "true",
    )


def test_markup_and_braces_in_text_are_kept_as_written() -> None:
    survey = build_survey("""
        - id: mood
          kind: yesno
          text: "[bold]Really?[/] {name} %s"
    """)

    assert survey.question("mood").text == "[bold]Really?[/] {name} %s"


def test_prefer_not_to_say_on_choice_questions_loads() -> None:
    survey = build_survey("""
        - id: group
          kind: multi
          text: Which groups are you part of?
          options: [Carer, Clinician]
          prefer_not_to_say: true
        - id: follow
          kind: yesno
          text: Thank you
          show_if: {question: group, equals: Prefer not to say}
    """)

    assert survey.question("group").prefer_not_to_say
    show_if = survey.question("follow").show_if
    assert show_if is not None
    assert show_if.values == ("Prefer not to say",)


def test_show_if_values_are_stored_as_the_answer_type() -> None:
    survey = build_survey("""
        - id: ok
          kind: yesno
          text: OK?
        - id: score
          kind: rating
          text: Score?
        - id: a
          kind: text
          text: Why not?
          show_if: {question: ok, equals: no}
        - id: b
          kind: text
          text: Why so low?
          show_if: {question: score, in: [0, 1, "2"]}
    """)

    assert survey.question("a").show_if.values == (False,)  # type: ignore[union-attr]
    assert survey.question("b").show_if.values == (0, 1, 2)  # type: ignore[union-attr]


def test_every_kind_loads() -> None:
    survey = build_survey("""
        - {id: a, kind: single, text: A, options: [x, y]}
        - {id: b, kind: multi, text: B, options: [x, y]}
        - {id: c, kind: scale, text: C, faces: true, labels: [1, 2, 3, 4, 5]}
        - {id: d, kind: rating, text: D, low_label: Bad, high_label: Good}
        - {id: e, kind: yesno, text: E, prefer_not_to_say: true}
        - {id: f, kind: text, text: F, max_length: 50}
        - {id: g, kind: longtext, text: G}
        - {id: h, kind: ranking, text: H, options: [x, y, z]}
        - {id: i, kind: info, text: I}
    """)

    assert [question.kind for question in survey.questions] == list(Kind)


# -- many problems at once -----------------------------------------------------------------


def test_every_problem_is_collected_and_sorted_by_line() -> None:
    # Questions come before the consent block here, so the order the loader finds the
    # problems in is not the order of the lines.
    source = (
        "id: test\n"
        "questions:\n"
        "  - id: mood\n"
        "    kind: singel\n"  # line 4
        "    text: How was today?\n"
        "    options: [Good, OK]\n"
        "  - id: sleep\n"
        "    kind: scale\n"
        "    text: I slept well.\n"
        "    show_if: {question: dreams, answered: true}\n"  # line 10
        "  - id: mood\n"  # line 11
        "    kind: yesno\n"
        "    text: Again?\n"
        "title: A survey\n"
        "version: 1\n"
        "intro: Hello\n"
        "consent:\n"
        "  text: standard-v2\n"  # line 18
        "  organisation: O\n"
        "  coordinator: C\n"
        "  contact: X\n"
    )

    result = load_survey_text(source, "survey.yaml")

    assert result.survey is None
    assert [(p.code, p.line) for p in result.problems] == [
        (ErrorCode.UNKNOWN_KIND, 4),
        (ErrorCode.SHOW_IF_UNKNOWN_TARGET, 10),
        (ErrorCode.DUPLICATE_ID, 11),
        (ErrorCode.UNKNOWN_CONSENT_VERSION, 18),
    ]


def test_a_broken_question_is_not_also_called_missing() -> None:
    # 'mood' exists but has its own problem: saying "there is no question called 'mood'"
    # as well would send the author looking for the wrong thing.
    result = load_survey_bytes(
        q("""
        - id: mood
          kind: singel
          text: How was today?
          options: [Good, OK]
        - id: sleep
          kind: yesno
          text: Did you sleep?
          show_if: {question: mood, answered: true}
    """)
    )

    assert [p.code for p in result.problems] == [ErrorCode.UNKNOWN_KIND]


def test_duplicate_question_does_not_confuse_show_if() -> None:
    sleep = "- {id: sleep, kind: yesno, text: Slept, show_if: {question: mood, equals: Good}}\n"
    result = load_survey_bytes(q(MOOD + sleep + MOOD))

    assert [p.code for p in result.problems] == [ErrorCode.DUPLICATE_ID]


def test_long_show_if_chain_is_checked_quickly() -> None:
    # A loop-finder that re-walks the chain from every question takes minutes here.
    count = 3000
    items = ["- {id: q0, kind: yesno, text: Q}"]
    items += [
        f"- {{id: q{i}, kind: yesno, text: Q, show_if: {{question: q{i - 1}, answered: true}}}}"
        for i in range(1, count)
    ]
    survey = build_survey("\n".join(items))

    assert len(survey.questions) == count


# -- how a problem reads -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("problem", "printed"),
    [
        (
            Problem(ErrorCode.EMPTY_FILE, "The file is empty.", "survey.yaml", 14, 5),
            "survey.yaml, line 14, column 5: The file is empty.",
        ),
        (
            Problem(ErrorCode.EMPTY_FILE, "Empty.", "surveys/demo.yaml", 3),
            "surveys/demo.yaml, line 3: Empty.",
        ),
        (Problem(ErrorCode.EMPTY_FILE, "Empty.", "", 3, 2), "Line 3, column 2: Empty."),
        (Problem(ErrorCode.EMPTY_FILE, "Empty.", "survey.yaml"), "survey.yaml: Empty."),
        (Problem(ErrorCode.EMPTY_FILE, "Empty."), "Empty."),
        (
            Problem(ErrorCode.EMPTY_FILE, "Hard word.", "s.yaml", 2, 1, Severity.WARNING),
            "s.yaml, line 2, column 1: Advice: Hard word.",
        ),
    ],
)
def test_describe(problem: Problem, printed: str) -> None:
    assert problem.describe() == printed


def test_describe_from_a_real_load() -> None:
    result = load_survey_bytes(q(MOOD + "  colour: blue"), "survey.yaml")

    assert result.problems[0].describe() == (
        f"survey.yaml, line {HEADER_LINES + 5}, column 5: Question 'mood' has a field "
        "'colour' that the kiosk does not know."
    )


def test_loaded_survey_can_be_hashed_and_compared() -> None:
    first = build_survey(MOOD, glossary="\n  co-production: working together")
    again = build_survey(MOOD, glossary="\n  co-production: working together")

    assert first == again
    assert hash(first) == hash(again)
    assert first.glossary == {"co-production": "working together"}


def test_a_sensitive_question_without_support_gets_advice_at_its_line() -> None:
    source = q(MOOD + "- id: low\n  kind: yesno\n  sensitive: true\n  text: Low?\n")
    result = load_survey_bytes(source, "survey.yaml")
    assert result.survey is not None  # advice, not an error
    advice = [p for p in result.problems if p.code is ErrorCode.NO_SUPPORT]
    assert len(advice) == 1
    assert advice[0].severity is Severity.WARNING
    assert advice[0].line == _line_of(source, "- id: low")
    assert "question 'low' is marked sensitive" in advice[0].message
