"""Whatever a plan file holds, the reader answers with a result, never an exception.

The result is either a plan with no errors, or no plan and at least one error; every
problem has a message and a place. A plan that loads can be run from start to end.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from surveys.clock import FixedClock
from surveys.errors import ErrorCode, Problem
from surveys.plan_model import StageKind
from surveys.plan_progress import PlanRun
from surveys.plan_reader import PlanResult, file_kind, load_plan_bytes, load_plan_text

FUZZ = settings(
    max_examples=150,
    deadline=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)


def assert_well_formed(result: object) -> None:
    assert isinstance(result, PlanResult)
    if result.plan is not None:
        assert result.errors == ()
        run = PlanRun(result.plan, FixedClock(dt.datetime(2026, 1, 1, tzinfo=dt.UTC)))
        run.start()
        while not run.finished:
            assert run.stage is not None
            assert run.remaining() == run.stage.seconds
            run.next()
    else:
        assert result.errors, "no plan and no reason why"
    for problem in result.problems:
        assert isinstance(problem, Problem)
        assert isinstance(problem.code, ErrorCode)
        assert problem.message.strip()
        assert problem.line >= 0
        assert problem.column >= 0


_KINDS = [k.value for k in StageKind] + ["idea", "Rank", "", "poll "]
_VALUES = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-5, 200),
    st.floats(allow_nan=False, allow_infinity=False),
    st.text(max_size=20),
    st.lists(st.integers(0, 3), max_size=3),
)
_POLL = st.fixed_dictionaries(
    {
        "id": st.sampled_from(["a", "b", "1x"]),
        "kind": st.sampled_from(["single", "yesno", "info", "x"]),
    },
    optional={"text": st.text(max_size=10), "options": st.lists(st.text(max_size=5), max_size=3)},
)
_STAGE = st.fixed_dictionaries(
    {"kind": st.sampled_from(_KINDS)},
    optional={
        "minutes": st.one_of(st.integers(-1, 130), _VALUES),
        "prompt": _VALUES,
        "title": _VALUES,
        "guide": _VALUES,
        "top": st.one_of(st.integers(-1, 12), _VALUES),
        "dots": st.integers(-1, 25),
        "poll": st.one_of(_POLL, _VALUES),
        "colour": _VALUES,
    },
)
_PLAN = st.fixed_dictionaries(
    {},
    optional={
        "id": st.one_of(st.sampled_from(["plan", "my-plan", "9"]), _VALUES),
        "title": _VALUES,
        "about": _VALUES,
        "stages": st.one_of(st.lists(_STAGE, max_size=8), _VALUES),
        "extra": _VALUES,
    },
)


@FUZZ
@given(_PLAN)
def test_any_plan_shaped_file_gives_a_result(plan: dict[str, Any]) -> None:
    text = yaml.safe_dump(plan, allow_unicode=True, sort_keys=False)
    assert_well_formed(load_plan_text(text))


@FUZZ
@given(
    _PLAN,
    st.integers(0, 2000),
    st.sampled_from(["\t", ":", "[", "{", "*a", "&a ", "'", "\n  - ", "\x00", "\ufeff"]),
)
def test_a_broken_plan_gives_a_result(plan: dict[str, Any], at: int, piece: str) -> None:
    text = yaml.safe_dump(plan, allow_unicode=True, sort_keys=False)
    at = at % (len(text) + 1)
    broken = text[:at] + piece + text[at:]
    assert_well_formed(load_plan_text(broken))
    assert_well_formed(load_plan_bytes(broken.encode("utf-8", "surrogatepass")))
    assert file_kind(broken.encode("utf-8", "surrogatepass")) in {
        "plan",
        "polls",
        "survey",
        "actions",
    }


@FUZZ
@given(st.binary(max_size=300))
def test_any_bytes_give_a_result(data: bytes) -> None:
    assert_well_formed(load_plan_bytes(data))
    assert file_kind(data) in {"plan", "polls", "survey", "actions"}


def test_deep_brackets_are_refused_quickly() -> None:
    result = load_plan_text("stages: " + "[" * 100_000)
    assert [p.code for p in result.problems] == [ErrorCode.YAML_TOO_DEEP]
