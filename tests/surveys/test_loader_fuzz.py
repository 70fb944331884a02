"""Whatever a survey file holds, the loader answers with a result, never an exception.

The result is either a survey with no errors, or no survey and at least one problem.
When a fuzzed file does load, a participant can walk through it to the end.
"""

from __future__ import annotations

import copy
import os
from typing import Any

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from surveys.errors import ErrorCode, Problem
from surveys.loader import LoadResult, load_survey_bytes, load_survey_text
from surveys.model import Kind, Question, Survey
from surveys.session import Stage, SurveySession

_LONG_RUN = int(os.environ.get("FUZZ_EXAMPLES", "0"))
"""Set FUZZ_EXAMPLES=5000 to hunt for new failures with fresh random examples."""

FUZZ = settings(
    max_examples=_LONG_RUN or 300,
    deadline=None,
    derandomize=not _LONG_RUN,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)


def assert_well_formed(result: object) -> None:
    """The only two shapes a load may have."""
    assert isinstance(result, LoadResult)
    if result.survey is not None:
        assert isinstance(result.survey, Survey)
        assert result.errors == ()
        assert result.readable
        walk_to_the_end(result.survey)
    else:
        assert result.problems, "no survey and no reason why"
        assert result.errors
    for problem in result.problems:
        assert isinstance(problem, Problem)
        assert isinstance(problem.code, ErrorCode)
        assert problem.message.strip()
        assert problem.line >= 0
        assert problem.column >= 0
        assert problem.describe()
    lines = [p.line for p in result.problems]
    assert lines == sorted(lines)


def _some_answer(question: Question) -> object:
    if question.kind is Kind.SINGLE:
        return question.option_values()[0]
    if question.kind is Kind.MULTI:
        return [question.option_values()[0]]
    if question.kind is Kind.SCALE:
        return 1
    if question.kind is Kind.RATING:
        return 0
    if question.kind is Kind.YESNO:
        return True
    if question.kind is Kind.RANKING:
        return list(question.option_values())
    return "x"


def walk_to_the_end(survey: Survey) -> None:
    """Agree, answer what must be answered, skip the rest, and send."""
    session = SurveySession(survey)
    session.agree()
    for _ in range(2 * len(survey.questions) + 1):
        if session.stage is not Stage.QUESTION:
            break
        question = session.current
        if not question.asks:
            session.next()
        elif question.required:
            session.answer(_some_answer(question))
        else:
            session.skip()
    assert session.stage is Stage.REVIEW
    completed = session.complete()
    assert set(completed.answers) <= {q.id for q in survey.questions}
    session.mark_sent()


# -- (a) random bytes and (b) random text ---------------------------------------------------


@FUZZ
@given(st.binary(max_size=400))
def test_random_bytes(data: bytes) -> None:
    assert_well_formed(load_survey_bytes(data))


@FUZZ
@given(st.binary(max_size=200))
def test_random_bytes_after_a_valid_start(data: bytes) -> None:
    assert_well_formed(load_survey_bytes(b"id: x\ntitle: " + data))


@FUZZ
@given(st.text(max_size=400))
def test_random_text(text: str) -> None:
    assert_well_formed(load_survey_text(text))


YAML_BITS = [
    "\n",
    "  ",
    " ",
    "- ",
    ": ",
    "id",
    "kind",
    "questions",
    "options",
    "show_if",
    "text",
    "[",
    "]",
    "{",
    "}",
    ",",
    "#",
    "&a ",
    "*a",
    "!!str ",
    "!!int ",
    "!tag ",
    "? ",
    "|",
    ">",
    "'",
    '"',
    "---",
    "...",
    "\t",
    "%YAML 1.1\n",
    "single",
    "yes",
    "~",
    "0x1F",
    "1e3",
    "\ufeff",
    "\x85",
    "\u2028",
    "é",
    "\\",
    "@",
    "`",
    "\r\n",
    "\x00",
    "\x1b",
]


@FUZZ
@given(st.lists(st.sampled_from(YAML_BITS), max_size=60).map("".join))
def test_yaml_token_soup(text: str) -> None:
    assert_well_formed(load_survey_text(text))


# -- (c) random structures and mutations of a valid survey ----------------------------------

scalars = (
    st.none()
    | st.booleans()
    | st.integers(min_value=-(10**20), max_value=10**20)
    | st.floats(allow_nan=True, allow_infinity=True)
    | st.text(max_size=20)
    | st.sampled_from([k.value for k in Kind] + ["mood", "standard-v1", "Prefer not to say"])
)
keys = st.sampled_from(
    [
        "id",
        "title",
        "version",
        "intro",
        "consent",
        "questions",
        "kind",
        "text",
        "options",
        "show_if",
        "question",
        "equals",
        "in",
        "answered",
        "required",
        "labels",
        "max_length",
    ]
) | st.text(max_size=8)
structures = st.recursive(
    scalars,
    lambda children: st.lists(children, max_size=4) | st.dictionaries(keys, children, max_size=5),
    max_leaves=25,
)


def dump(value: object) -> str:
    return yaml.safe_dump(value, allow_unicode=True, sort_keys=False)


@FUZZ
@given(structures)
def test_random_structures(value: object) -> None:
    assert_well_formed(load_survey_text(dump(value)))


@FUZZ
@given(st.dictionaries(keys, structures, max_size=8))
def test_random_top_level_fields(value: dict[str, object]) -> None:
    assert_well_formed(load_survey_text(dump(value)))


VALID: dict[str, Any] = {
    "id": "fuzz",
    "title": "A fuzzed survey",
    "version": "1",
    "intro": "Hello",
    "consent": {
        "text": "standard-v1",
        "organisation": "the college",
        "coordinator": "the coordinator",
        "contact": "the office",
        "withdraw_days": 14,
        "ticks": [{"id": "quote", "text": "You can quote me"}],
    },
    "sections": [{"id": "s1", "title": "About today", "content_note": "Some hard topics"}],
    "glossary": {"co-production": "working together as equals"},
    "questions": [
        {
            "id": "mood",
            "kind": "single",
            "text": "How was today?",
            "options": ["Good", "Bad"],
            "section": "s1",
            "required": True,
        },
        {
            "id": "why",
            "kind": "text",
            "text": "Why?",
            "max_length": 100,
            "show_if": {"question": "mood", "equals": "Bad"},
        },
        {
            "id": "groups",
            "kind": "multi",
            "text": "Groups?",
            "prefer_not_to_say": True,
            "options": [{"label": "A carer", "value": "carer"}, "Peer"],
        },
        {"id": "agree", "kind": "scale", "text": "I felt heard.", "faces": True},
        {
            "id": "score",
            "kind": "rating",
            "text": "Score?",
            "low_label": "Low",
            "high_label": "High",
            "show_if": {"question": "groups", "in": ["carer"]},
        },
        {
            "id": "ok",
            "kind": "yesno",
            "text": "OK?",
            "required": True,
            "show_if": {"question": "agree", "answered": True},
        },
        {"id": "more", "kind": "longtext", "text": "Anything else?"},
        {"id": "rank", "kind": "ranking", "text": "Put these in order", "options": ["a", "b"]},
        {"id": "bye", "kind": "info", "text": "Thank you"},
    ],
}


def test_the_valid_survey_loads() -> None:
    result = load_survey_text(dump(VALID))

    assert result.survey is not None, [p.describe() for p in result.problems]
    walk_to_the_end(result.survey)


def _paths(value: object, here: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    found = [here]
    if isinstance(value, dict):
        for key, child in value.items():
            found += _paths(child, (*here, key))
    elif isinstance(value, list):
        for index, child in enumerate(value):
            found += _paths(child, (*here, index))
    return found


def _parent(root: Any, path: tuple[Any, ...]) -> Any:
    for step in path[:-1]:
        root = root[step]
    return root


@st.composite
def mutated_surveys(draw: st.DrawFn) -> object:
    survey: Any = copy.deepcopy(VALID)
    for _ in range(draw(st.integers(min_value=1, max_value=3))):
        paths = [p for p in _paths(survey) if p]
        if not paths:
            break
        path = draw(st.sampled_from(paths))
        parent = _parent(survey, path)
        key = path[-1]
        action = draw(st.sampled_from(["drop", "retype", "kind", "duplicate", "swap", "copy"]))
        if action == "drop":
            del parent[key]
        elif action == "retype":
            parent[key] = draw(structures)
        elif action == "kind":
            questions = survey.get("questions")
            if isinstance(questions, list) and questions and isinstance(questions[0], dict):
                target = draw(st.sampled_from([q for q in questions if isinstance(q, dict)]))
                target["kind"] = draw(st.sampled_from([k.value for k in Kind] + ["singel"]))
        elif action == "duplicate" and isinstance(parent, list):
            parent.append(copy.deepcopy(parent[key]))
        elif action == "swap" and isinstance(parent, list) and len(parent) > 1:
            other = draw(st.integers(min_value=0, max_value=len(parent) - 1))
            parent[key], parent[other] = parent[other], parent[key]
        elif action == "copy":
            # Put a value from somewhere else here: ids where texts go, lists where ids go.
            source = draw(st.sampled_from(paths))
            if source[: len(path)] != path:
                parent[key] = copy.deepcopy(_parent(survey, source)[source[-1]])
    return survey


@FUZZ
@given(mutated_surveys())
def test_mutated_valid_survey(survey: object) -> None:
    assert_well_formed(load_survey_text(dump(survey)))


@FUZZ
@given(mutated_surveys())
def test_mutated_valid_survey_as_flow_yaml(survey: object) -> None:
    text = yaml.safe_dump(survey, allow_unicode=True, default_flow_style=True, width=60)
    assert_well_formed(load_survey_bytes(text.encode("utf-8")))
