"""Session plan files: every problem a facilitator can make is named with its line
and column, in plain words; a good plan becomes the stages the console will run."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from surveys.errors import ErrorCode, Severity
from surveys.model import Kind
from surveys.plan_model import RankRule, StageKind
from surveys.plan_reader import PlanResult, file_kind, load_plan, load_plan_bytes, load_plan_text

GOOD = """\
id: priorities
title: What matters most?
about: We choose together.
stages:
  - kind: ideas
    minutes: 10
    prompt: What would make the most difference?
  - kind: share
    minutes: 20
  - kind: merge
    minutes: 15
  - kind: rank
    minutes: 10
    top: 3
  - kind: results
    minutes: 10
"""


def _problems(text: str) -> list[tuple[ErrorCode, int, int]]:
    return [(p.code, p.line, p.column) for p in load_plan_text(text, "plan.yaml").problems]


def _only(text: str) -> tuple[ErrorCode, int, int, str]:
    result = load_plan_text(text, "plan.yaml")
    assert len(result.problems) == 1, [p.describe() for p in result.problems]
    problem = result.problems[0]
    return problem.code, problem.line, problem.column, problem.message


def test_a_good_plan_becomes_its_stages_in_order() -> None:
    result = load_plan_text(GOOD)
    assert result.problems == ()
    plan = result.plan
    assert plan is not None
    assert (plan.id, plan.title, plan.about) == (
        "priorities",
        "What matters most?",
        "We choose together.",
    )
    assert plan.stage_kinds == (
        StageKind.IDEAS,
        StageKind.SHARE,
        StageKind.MERGE,
        StageKind.RANK,
        StageKind.RESULTS,
    )
    assert [s.minutes for s in plan.stages] == [10, 20, 15, 10, 10]
    assert [s.line for s in plan.stages] == [5, 8, 10, 12, 15]
    assert plan.stages[0].prompt == "What would make the most difference?"
    assert plan.stages[0].title == "Writing ideas"  # the kind's own heading
    assert plan.stages[3].rank == RankRule(top=3)
    assert plan.total_minutes == 65


def test_a_poll_between_stages_is_written_as_in_a_poll_file() -> None:
    text = GOOD + (
        "  - kind: poll\n"
        "    title: Before you go\n"
        "    minutes: 3\n"
        "    poll:\n"
        "      id: heard\n"
        "      kind: single\n"
        "      text: How much did you feel heard?\n"
        "      options: [A lot, A little]\n"
    )
    plan = load_plan_text(text).plan
    assert plan is not None
    poll = plan.stages[-1].poll
    assert poll is not None
    assert (poll.id, poll.kind, poll.option_values()) == (
        "heard",
        Kind.SINGLE,
        ("A lot", "A little"),
    )
    assert plan.stages[-1].title == "Before you go"


def test_dots_instead_of_a_top_few() -> None:
    plan = load_plan_text(GOOD.replace("top: 3", "dots: 5")).plan
    assert plan is not None
    assert plan.stages[3].rank == RankRule(dots=5)


def test_a_stage_with_no_timer() -> None:
    code, line, column, message = _only(GOOD.replace("    minutes: 20\n", ""))
    assert (code, line, column) == (ErrorCode.PLAN_NO_TIMER, 8, 5)
    assert message.startswith("The 'share' stage has no timer. Please add 'minutes:'")


@pytest.mark.parametrize("written", ["0", "121", "-5", "1.5", "yes", "soon", "[1]"])
def test_a_timer_that_is_not_1_to_120_whole_minutes(written: str) -> None:
    code, line, column, message = _only(GOOD.replace("minutes: 20", f"minutes: {written}"))
    assert (code, line, column) == (ErrorCode.PLAN_BAD_TIMER, 9, 14)
    assert "from 1 to 120" in message


def test_a_timer_of_120_minutes_is_fine() -> None:
    assert load_plan_text(GOOD.replace("minutes: 20", "minutes: 120")).problems == ()


def test_rank_before_any_ideas() -> None:
    text = GOOD.replace("stages:\n", "stages:\n  - kind: rank\n    minutes: 5\n    top: 3\n", 1)
    result = load_plan_text(text, "plan.yaml")
    assert result.plan is None
    first = result.problems[0]
    assert (first.code, first.line, first.column) == (ErrorCode.PLAN_NEEDS_IDEAS, 5, 5)
    assert "no ideas to rank" in first.message
    assert [p.code for p in result.errors] == [ErrorCode.PLAN_NEEDS_IDEAS]


@pytest.mark.parametrize(
    ("kind", "verb"), [("share", "share"), ("merge", "group"), ("results", "show")]
)
def test_share_merge_or_results_with_no_ideas_stage_before(kind: str, verb: str) -> None:
    text = GOOD.replace("stages:\n", f"stages:\n  - kind: {kind}\n    minutes: 5\n", 1)
    code, line, column, message = _only(text)
    assert (code, line, column) == (ErrorCode.PLAN_NEEDS_IDEAS, 5, 5)
    assert f"The '{kind}' stage comes before any 'ideas' stage" in message
    assert f"no ideas to {verb}" in message


def test_an_unknown_stage_kind_gets_a_did_you_mean() -> None:
    code, line, column, message = _only(GOOD.replace("kind: merge", "kind: marge"))
    assert (code, line, column) == (ErrorCode.PLAN_UNKNOWN_STAGE, 10, 11)
    assert (
        message == "A stage has kind 'marge', which the kiosk does not know. Did you mean 'merge'?"
    )


@pytest.mark.parametrize(("prompt", "column"), [('""', 13), ("'   '", 13), ("", 12)])
def test_an_empty_prompt(prompt: str, column: int) -> None:
    text = GOOD.replace("prompt: What would make the most difference?", f"prompt: {prompt}")
    code, line, found_column, message = _only(text)
    assert (code, line, found_column) == (ErrorCode.PLAN_NO_PROMPT, 7, column)
    assert "the question people write ideas about" in message


def test_an_ideas_stage_with_no_prompt_at_all() -> None:
    code, line, column, _ = _only(
        GOOD.replace("    prompt: What would make the most difference?\n", "")
    )
    assert (code, line, column) == (ErrorCode.PLAN_NO_PROMPT, 5, 5)


@pytest.mark.parametrize("top", ["11", "50"])
def test_a_top_bigger_than_makes_sense(top: str) -> None:
    code, line, column, message = _only(GOOD.replace("top: 3", f"top: {top}"))
    assert (code, line, column) == (ErrorCode.PLAN_TOP_TOO_BIG, 14, 10)
    assert message == (
        f"Putting {top} ideas in order is a lot to hold in mind. Please use 'top:' from 1 to 10."
    )


@pytest.mark.parametrize("top", ["0", "-1", "three", "yes", "2.5"])
def test_a_top_that_is_not_a_whole_number_from_1(top: str) -> None:
    code, line, column, message = _only(GOOD.replace("top: 3", f"top: {top}"))
    assert (code, line, column) == (ErrorCode.BAD_NUMBER, 14, 10)
    assert message == "'top' in the 'rank' stage should be a whole number from 1 to 10."


def test_a_top_over_5_is_advice_not_an_error() -> None:
    result = load_plan_text(GOOD.replace("top: 3", "top: 7"), "plan.yaml")
    assert result.plan is not None
    [problem] = result.problems
    assert (problem.code, problem.line, problem.column) == (ErrorCode.PLAN_TOP_LARGE, 14, 10)
    assert problem.severity is Severity.WARNING
    assert problem.describe().startswith("plan.yaml, line 14, column 10: Advice: ")


@pytest.mark.parametrize("dots", ["0", "21"])
def test_dots_out_of_range(dots: str) -> None:
    code, line, column, _ = _only(GOOD.replace("top: 3", f"dots: {dots}"))
    assert (code, line, column) == (ErrorCode.PLAN_BAD_DOTS, 14, 11)


@pytest.mark.parametrize(
    ("change", "found"), [("top: 3\n    dots: 4", "both"), ("title: Choose", "neither")]
)
def test_rank_needs_top_or_dots_not_both(change: str, found: str) -> None:
    code, line, column, message = _only(GOOD.replace("top: 3", change))
    assert (code, line, column) == (ErrorCode.PLAN_RANK_HOW, 12, 5)
    assert message.endswith(f"not {found}.")


def test_a_field_that_belongs_on_another_stage() -> None:
    code, line, column, message = _only(
        GOOD.replace("    minutes: 15\n", "    minutes: 15\n    top: 3\n")
    )
    assert (code, line, column) == (ErrorCode.PLAN_FIELD_NOT_FOR_STAGE, 12, 5)
    assert message == "'top' does not belong on this 'merge' stage. It belongs on 'rank' stages."


def test_an_unknown_stage_field_gets_a_did_you_mean() -> None:
    code, line, column, message = _only(
        GOOD.replace("minutes: 20", "minutes: 20\n    gide: Be kind")
    )
    assert (code, line, column) == (ErrorCode.UNKNOWN_FIELD, 10, 5)
    assert message.endswith("Did you mean 'guide'?")


def test_an_unknown_plan_field_gets_a_did_you_mean() -> None:
    code, line, column, message = _only(GOOD.replace("about:", "abut:"))
    assert (code, line, column) == (ErrorCode.UNKNOWN_FIELD, 3, 1)
    assert (
        message == "The plan has a field 'abut' that the kiosk does not know. Did you mean 'about'?"
    )


def test_no_stages() -> None:
    text = GOOD.split("stages:", maxsplit=1)[0] + "stages: []\n"
    assert _only(text)[:3] == (ErrorCode.PLAN_NO_STAGES, 4, 9)
    assert _only(GOOD.split("stages:", maxsplit=1)[0] + "stages:\n")[:3] == (
        ErrorCode.PLAN_NO_STAGES,
        4,
        8,
    )


def test_missing_title_and_stages() -> None:
    assert _problems("id: x\n") == [
        (ErrorCode.MISSING_FIELD, 1, 1),
        (ErrorCode.MISSING_FIELD, 1, 1),
    ]


def test_a_second_rank_without_results_between_is_advice() -> None:
    text = GOOD.replace(
        "  - kind: results\n", "  - kind: rank\n    minutes: 5\n    dots: 3\n  - kind: results\n"
    )
    result = load_plan_text(text)
    assert result.plan is not None
    assert [(p.code, p.line, p.severity) for p in result.problems] == [
        (ErrorCode.PLAN_RANK_AGAIN, 15, Severity.WARNING)
    ]


def test_a_second_rank_after_results_is_fine() -> None:
    text = GOOD + "  - kind: rank\n    minutes: 5\n    top: 3\n  - kind: results\n    minutes: 5\n"
    result = load_plan_text(text)
    assert result.problems == ()
    assert result.plan is not None
    assert result.plan.stage_kinds.count(StageKind.RANK) == 2


def test_merging_after_a_ranking_is_advice() -> None:
    result = load_plan_text(GOOD + "  - kind: merge\n    minutes: 5\n")
    assert result.plan is not None
    assert [(p.code, p.line) for p in result.problems] == [(ErrorCode.PLAN_MERGE_AFTER_RANK, 17)]


def test_a_very_long_plan_gets_advice_about_breaks() -> None:
    text = GOOD.replace("minutes: 20", "minutes: 120").replace("minutes: 15", "minutes: 60")
    result = load_plan_text(text)
    assert result.plan is not None
    [problem] = result.problems
    assert (problem.code, problem.line, problem.severity) == (
        ErrorCode.PLAN_LONG,
        4,
        Severity.WARNING,
    )
    assert "210 minutes" in problem.message


def test_a_poll_kind_that_cannot_be_a_live_poll() -> None:
    text = (
        GOOD
        + "  - kind: poll\n    minutes: 3\n    poll:\n"
        + "      id: note\n      kind: info\n      text: Hello\n"
    )
    code, line, column, message = _only(text)
    assert (code, line, column) == (ErrorCode.PLAN_NOT_A_POLL, 20, 7)
    assert "'info' question" in message


def test_a_poll_is_checked_by_the_survey_question_reader() -> None:
    text = GOOD + (
        "  - kind: poll\n    minutes: 3\n    poll:\n      id: day\n      kind: sinlge\n"
        "      text: Which day?\n      options: [Monday, Tuesday]\n"
    )
    code, line, _, message = _only(text)
    assert (code, line) == (ErrorCode.UNKNOWN_KIND, 21)
    assert "Did you mean 'single'?" in message


def test_two_polls_with_one_id() -> None:
    poll = "  - kind: poll\n    minutes: 3\n    poll: {id: day, kind: yesno, text: Go on}\n"
    code, line, _, _ = _only(GOOD + poll + poll)
    assert (code, line) == (ErrorCode.DUPLICATE_ID, 22)


def test_a_poll_stage_without_its_poll() -> None:
    code, line, column, message = _only(GOOD + "  - kind: poll\n    minutes: 3\n")
    assert (code, line, column) == (ErrorCode.MISSING_FIELD, 17, 5)
    assert message == "The 'poll' stage needs 'poll'."


@pytest.mark.parametrize(
    ("text", "code", "line", "column"),
    [
        (GOOD.replace("    minutes: 20", "\tminutes: 20"), ErrorCode.TAB_CHARACTER, 9, 1),
        (
            GOOD.replace("    minutes: 15\n", "    minutes: 15\n    minutes: 16\n"),
            ErrorCode.DUPLICATE_KEY,
            12,
            5,
        ),
        (
            GOOD.replace("title: What", "title: &t What").replace(
                "minutes: 20", "minutes: 20\n    title: *t"
            ),
            ErrorCode.ALIAS_NOT_ALLOWED,
            10,
            12,
        ),
        (GOOD.replace("minutes: 20", "minutes: [20"), ErrorCode.YAML_SYNTAX, 10, 9),
        ("- just\n- a list\n", ErrorCode.WRONG_TYPE, 1, 1),
        ("   \n# only a comment\n", ErrorCode.EMPTY_FILE, 0, 0),
    ],
)
def test_the_survey_front_end_problems_come_out_the_same(
    text: str, code: ErrorCode, line: int, column: int
) -> None:
    assert (code, line, column) in _problems(text)
    assert load_plan_text(text).plan is None


def test_bytes_that_are_not_utf8() -> None:
    result = load_plan_bytes(GOOD.encode() + b"\xff\n")
    assert [p.code for p in result.problems] == [ErrorCode.NOT_UTF8]


def test_a_missing_file_is_unreadable(tmp_path: Path) -> None:
    result = load_plan(tmp_path / "nope.yaml")
    assert not result.readable
    assert [p.code for p in result.problems] == [ErrorCode.FILE_NOT_FOUND]


def test_a_huge_file_is_refused_before_it_is_read(tmp_path: Path) -> None:
    path = tmp_path / "big.yaml"
    path.write_bytes(GOOD.encode() + b"#" * 1_100_000)
    result = load_plan(path)
    assert not result.readable
    assert [p.code for p in result.problems] == [ErrorCode.FILE_TOO_LARGE]


def test_a_plan_file_on_disk(tmp_path: Path) -> None:
    path = tmp_path / "plan.yaml"
    path.write_text("\ufeff" + GOOD, encoding="utf-8")
    result = load_plan(path)
    assert isinstance(result, PlanResult)
    assert result.plan is not None
    assert result.errors == result.warnings == ()


@pytest.mark.parametrize(
    ("data", "kind"),
    [
        (GOOD.encode(), "plan"),
        (b"- id: day\n  kind: yesno\n  text: Go on\n", "polls"),
        (b"id: s\ntitle: A survey\nquestions: []\n", "survey"),
        (b"id: s\n  stages: [\n", "survey"),
        (b"id: s\nstages: [\n", "plan"),
        (b"# polls\n- id: [\n", "polls"),
        (b"\xff\xfe", "survey"),
        (b"title: stages are mentioned only in words\n", "survey"),
    ],
)
def test_what_a_file_holds_is_told_from_its_content(data: bytes, kind: str) -> None:
    assert file_kind(data) == kind


EVERY_PLAN_CODE = {
    ErrorCode.PLAN_NO_STAGES: GOOD.split("stages:", maxsplit=1)[0] + "stages: []\n",
    ErrorCode.PLAN_UNKNOWN_STAGE: GOOD.replace("kind: merge", "kind: marge"),
    ErrorCode.PLAN_NO_TIMER: GOOD.replace("    minutes: 20\n", ""),
    ErrorCode.PLAN_BAD_TIMER: GOOD.replace("minutes: 20", "minutes: 0"),
    ErrorCode.PLAN_NO_PROMPT: GOOD.replace("What would make the most difference?", "''"),
    ErrorCode.PLAN_NEEDS_IDEAS: GOOD.replace("kind: ideas", "kind: talk"),
    ErrorCode.PLAN_RANK_HOW: GOOD.replace("top: 3", "title: Choose"),
    ErrorCode.PLAN_TOP_TOO_BIG: GOOD.replace("top: 3", "top: 11"),
    ErrorCode.PLAN_TOP_LARGE: GOOD.replace("top: 3", "top: 6"),
    ErrorCode.PLAN_BAD_DOTS: GOOD.replace("top: 3", "dots: 0"),
    ErrorCode.PLAN_FIELD_NOT_FOR_STAGE: GOOD.replace("minutes: 20", "minutes: 20\n    dots: 2"),
    ErrorCode.PLAN_NOT_A_POLL: GOOD
    + "  - kind: poll\n    minutes: 1\n    poll: {id: n, kind: info, text: Hi}\n",
    ErrorCode.PLAN_RANK_AGAIN: GOOD
    + "  - kind: rank\n    minutes: 1\n    top: 3\n"
    + "  - kind: rank\n    minutes: 1\n    top: 3\n",
    ErrorCode.PLAN_MERGE_AFTER_RANK: GOOD + "  - kind: merge\n    minutes: 5\n",
    ErrorCode.PLAN_LONG: GOOD.replace("minutes: 20", "minutes: 120").replace(
        "minutes: 15", "minutes: 60"
    ),
}


def test_every_plan_code_has_a_case() -> None:
    assert set(EVERY_PLAN_CODE) == {c for c in ErrorCode if c.name.startswith("PLAN_")}


@pytest.mark.parametrize("code", list(EVERY_PLAN_CODE), ids=lambda code: code.name)
def test_each_plan_code_is_given_with_a_place_and_filled_in_words(code: ErrorCode) -> None:
    result = load_plan_text(EVERY_PLAN_CODE[code], "plan.yaml")
    problem = next(p for p in result.problems if p.code is code)
    assert problem.line > 0
    assert problem.column > 0
    assert not re.search(r"\{[a-z_]+\}|Node\(", problem.message), problem.message
    assert "Invalid" not in problem.message
    warnings = {
        ErrorCode.PLAN_TOP_LARGE,
        ErrorCode.PLAN_RANK_AGAIN,
        ErrorCode.PLAN_MERGE_AFTER_RANK,
        ErrorCode.PLAN_LONG,
    }
    assert (problem.severity is Severity.WARNING) == (code in warnings)
