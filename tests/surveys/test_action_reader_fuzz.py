"""Whatever an action log holds, the reader answers with a result, never an exception;
whatever it accepts is saved and read back exactly."""

from __future__ import annotations

from pathlib import Path

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from surveys.action_reader import ActionLogResult, dump_action_log, load_action_text
from surveys.errors import ErrorCode

FUZZ = settings(
    max_examples=150,
    deadline=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)

_VALUES = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-5, 3000),
    st.sampled_from(["2026-06-30", "2026-02-30", "planned", "done", "not possible", "In Progress"]),
    st.text(max_size=30),
    st.lists(st.integers(0, 3), max_size=3),
)
_FIELDS = st.sampled_from(
    [
        "id",
        "you_said",
        "we_did",
        "owner",
        "due",
        "status",
        "reason",
        "closed_on",
        "fed_back_on",
        "created_on",
        "share",
        "source",
        "source_ref",
        "own",
    ]
)
_ACTION = st.dictionaries(_FIELDS, _VALUES, max_size=12)
_LOG = st.fixed_dictionaries(
    {"actions": st.lists(_ACTION, max_size=4)},
    optional={"title": _VALUES, "results_shared": _VALUES},
)


def _well_formed(result: ActionLogResult) -> None:
    assert isinstance(result, ActionLogResult)
    if result.log is None:
        assert result.errors, "no log and no reason why"
    else:
        assert result.errors == ()
        again = load_action_text(dump_action_log(result.log))
        assert again.log == result.log
    for problem in result.problems:
        assert isinstance(problem.code, ErrorCode)
        assert problem.message.strip()
        assert problem.line >= 0
        assert problem.column >= 0


@FUZZ
@given(_LOG)
def test_any_shape_of_log_gets_an_answer_and_what_loads_round_trips(data: object) -> None:
    _well_formed(load_action_text(yaml.safe_dump(data, allow_unicode=True)))


@FUZZ
@given(st.text(max_size=300))
def test_any_text_gets_an_answer(text: str) -> None:
    _well_formed(load_action_text(text))


_WORDS = st.text(min_size=1, max_size=40)
_GOOD = st.fixed_dictionaries(
    {
        "id": st.from_regex(r"a[0-9]{1,3}", fullmatch=True),
        "you_said": _WORDS,
        "we_did": _WORDS,
        "owner": _WORDS,
        "due": st.dates().map(lambda d: d.isoformat()),
    },
    optional={
        "status": st.sampled_from(["planned", "in progress", "done"]),
        "share": st.booleans(),
        "source_ref": _WORDS,
        "fed_back_on": st.dates(),
    },
)


@FUZZ
@given(st.lists(_GOOD, max_size=3), _WORDS)
def test_any_words_in_a_good_log_round_trip(actions: list[object], title: str) -> None:
    data = {"title": title, "actions": actions}
    _well_formed(load_action_text(yaml.safe_dump(data, allow_unicode=True)))


def test_a_log_made_by_hand_round_trips(tmp_path: Path) -> None:
    text = (
        "actions:\n- id: a1\n  you_said: 'yes'\n  we_did: '123'\n  owner: '~'\n  due: 2026-01-01\n"
    )
    result = load_action_text(text)
    _well_formed(result)
    assert result.log is not None
    assert (result.log.actions[0].you_said, result.log.actions[0].owner) == ("yes", "~")
