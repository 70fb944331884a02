"""The action log file: every problem a coordinator can make is named with its line
and column, in plain words; a good log becomes its actions; what is saved reads back
exactly and stays a file a person can edit."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from surveys.action_model import Action, ActionLog, ActionSource, ActionStatus
from surveys.action_reader import (
    ActionLogError,
    dump_action_log,
    load_action_log,
    load_action_text,
    save_action_log,
)
from surveys.errors import ErrorCode, Severity

GOOD = """\
title: Recovery College
results_shared: At the café, on the first Monday of the month
actions:
- id: a1
  you_said: The room was too cold.
  we_did: We moved the course to the library.
  owner: Recovery College manager
  due: 2026-03-31
  status: done
  closed_on: 2026-03-20
  fed_back_on: 2026-04-02
  share: true
  source: export theme
  source_ref: 'theme: Feeling welcome'
  created_on: 2026-01-10
- id: a2
  you_said: More evening sessions.
  we_did: We asked for a room on Thursday evenings.
  owner: Service manager
  due: 2026-06-30
  status: not possible
  reason: The building closes at five.
  closed_on: 2026-05-01
"""

ONE = """\
actions:
- id: a1
  you_said: The room was too cold.
  we_did: We moved the course to the library.
  owner: Service manager
  due: 2026-03-31
"""


def _with(*lines: str, drop: str = "") -> str:
    """ONE with extra lines in the action (indented for it) and maybe one line dropped."""
    text = "".join(line for line in ONE.splitlines(keepends=True) if not drop or drop not in line)
    return text + "".join(f"  {line}\n" for line in lines)


def _only(text: str) -> tuple[ErrorCode, int, int, str, Severity]:
    result = load_action_text(text, "actions.yaml")
    assert len(result.problems) == 1, [p.describe() for p in result.problems]
    p = result.problems[0]
    return p.code, p.line, p.column, p.message, p.severity


def test_a_good_log_becomes_its_actions() -> None:
    result = load_action_text(GOOD)
    assert result.problems == ()
    log = result.log
    assert log is not None
    assert log.title == "Recovery College"
    assert log.results_shared.startswith("At the café")
    first, second = log.actions
    assert first == Action(
        id="a1",
        you_said="The room was too cold.",
        we_did="We moved the course to the library.",
        owner="Recovery College manager",
        due=dt.date(2026, 3, 31),
        status=ActionStatus.DONE,
        closed_on=dt.date(2026, 3, 20),
        fed_back_on=dt.date(2026, 4, 2),
        share=True,
        source=ActionSource.EXPORT_THEME,
        source_ref="theme: Feeling welcome",
        created_on=dt.date(2026, 1, 10),
    )
    assert second.status is ActionStatus.NOT_POSSIBLE
    assert second.reason == "The building closes at five."
    assert log.to_share() == (first,)


def test_an_empty_file_is_an_empty_log_and_an_empty_list_too() -> None:
    assert load_action_text("").log == ActionLog()
    assert load_action_text("actions: []\n").log == ActionLog()
    assert load_action_text("actions:\n").log == ActionLog()


def test_a_missing_field_says_what_it_is_for() -> None:
    code, line, column, message, severity = _only(ONE.replace("  owner: Service manager\n", ""))
    assert (code, line, column, severity) == (ErrorCode.ACTION_MISSING_FIELD, 2, 3, Severity.ERROR)
    assert message == (
        "Action 'a1' needs 'owner': the role that looks after it, such as 'Service manager'."
    )


def test_a_log_without_actions_is_told_how_to_start() -> None:
    code, line, *_ = _only("title: Recovery College\n")
    assert (code, line) == (ErrorCode.ACTION_MISSING_FIELD, 1)


def test_an_action_without_an_id_is_named_by_its_place() -> None:
    code, line, _, message, _ = _only(ONE.replace("- id: a1\n  you_said", "- you_said"))
    assert (code, line) == (ErrorCode.ACTION_MISSING_FIELD, 2)
    assert message.startswith("Action 1 needs 'id'")


def test_an_unknown_field_suggests_the_nearest() -> None:
    code, line, column, message, _ = _only(_with("fed_back: 2026-04-01"))
    assert (code, line, column) == (ErrorCode.ACTION_UNKNOWN_FIELD, 7, 3)
    assert "Did you mean 'fed_back_on'?" in message


def test_an_unknown_field_at_the_top_too() -> None:
    code, line, column, message, _ = _only("titel: Hello\n" + ONE)
    assert (code, line, column) == (ErrorCode.ACTION_UNKNOWN_FIELD, 1, 1)
    assert "Did you mean 'title'?" in message


@pytest.mark.parametrize("written", ["2026-3-1", "31/03/2026", "2026-02-30", "next week"])
def test_a_date_that_is_not_a_date(written: str) -> None:
    code, line, column, message, _ = _only(ONE.replace("2026-03-31", written))
    assert (code, line, column) == (ErrorCode.ACTION_BAD_DATE, 6, 8)
    assert f"but it is '{written}'" in message


def test_a_date_that_is_a_list() -> None:
    code, *_, message, _ = _only(_with("closed_on: [1, 2]", "status: done"))
    assert code is ErrorCode.ACTION_BAD_DATE
    assert message.endswith("but it is a list.")


def test_an_unknown_status_suggests_the_nearest() -> None:
    code, line, column, message, _ = _only(_with("status: in progres"))
    assert (code, line, column) == (ErrorCode.ACTION_UNKNOWN_STATUS, 7, 11)
    assert message.endswith("Did you mean 'in progress'?")


def test_status_words_in_any_case_or_with_an_underscore() -> None:
    log = load_action_text(_with("status: In_Progress")).log
    assert log is not None
    assert log.actions[0].status is ActionStatus.IN_PROGRESS


def test_an_unknown_source_suggests_the_nearest() -> None:
    code, line, _, message, _ = _only(_with("source: export themes"))
    assert (code, line) == (ErrorCode.ACTION_UNKNOWN_SOURCE, 7)
    assert message.endswith("Did you mean 'export theme'?")


def test_not_possible_needs_a_reason() -> None:
    code, line, column, message, _ = _only(_with("status: not possible", "closed_on: 2026-03-01"))
    assert (code, line, column) == (ErrorCode.ACTION_NO_REASON, 7, 11)
    assert "needs a 'reason:'" in message


def test_a_reason_on_an_open_action_is_advice() -> None:
    code, line, _, _, severity = _only(_with("reason: Money ran out."))
    assert (code, line, severity) == (ErrorCode.ACTION_REASON_NOT_USED, 7, Severity.WARNING)


def test_two_actions_with_one_id() -> None:
    second = ONE.removeprefix("actions:\n")
    code, line, _, message, _ = _only(ONE + second)
    assert (code, line) == (ErrorCode.ACTION_DUPLICATE_ID, 7)
    assert "The first one is on line 2." in message


def test_closed_before_it_was_made() -> None:
    text = _with("status: done", "created_on: 2026-02-01", "closed_on: 2026-01-15")
    code, line, column, message, _ = _only(text)
    assert (code, line, column) == (ErrorCode.ACTION_CLOSED_BEFORE_CREATED, 9, 14)
    assert "closed on 2026-01-15 but made on 2026-02-01" in message


def test_done_without_a_closing_date_is_advice() -> None:
    code, line, _, _, severity = _only(_with("status: done"))
    assert (code, line, severity) == (ErrorCode.ACTION_NO_CLOSED_ON, 7, Severity.WARNING)


def test_a_closing_date_on_an_open_action() -> None:
    code, line, *_ = _only(_with("closed_on: 2026-03-01"))
    assert (code, line) == (ErrorCode.ACTION_CLOSED_ON_OPEN, 7)


def test_a_personal_name_as_owner_is_advice() -> None:
    code, line, column, message, severity = _only(ONE.replace("Service manager", "Sarah Jones"))
    assert (code, line, column, severity) == (
        ErrorCode.ACTION_OWNER_NAME,
        5,
        10,
        Severity.WARNING,
    )
    assert "('Sarah Jones')" in message


@pytest.mark.parametrize(
    "owner", ["Service manager", "Recovery College manager", "Peer support lead", "Ward 7 team"]
)
def test_roles_are_not_taken_for_names(owner: str) -> None:
    result = load_action_text(ONE.replace("Service manager", owner))
    assert result.problems == ()


def test_personal_details_in_what_people_said_are_advice() -> None:
    text = ONE.replace("The room was too cold.", "Ring me on 07700 900123 about the room.")
    code, line, _, message, severity = _only(text)
    assert (code, line, severity) == (ErrorCode.ACTION_PERSONAL_DETAILS, 3, Severity.WARNING)
    assert "(phone)" in message


def test_text_too_long() -> None:
    code, line, _, message, _ = _only(ONE.replace("Service manager", "x" * 81))
    assert (code, line) == (ErrorCode.ACTION_TOO_LONG, 5)
    assert "81 characters long. Please keep it under 80." in message


def test_a_card_of_forty_words_is_advice() -> None:
    said = " ".join(["word"] * 33)  # with the 7 words of we_did: 40
    code, line, _, message, severity = _only(ONE.replace("The room was too cold.", said))
    assert (code, line, severity) == (ErrorCode.ACTION_CARD_LONG, 3, Severity.WARNING)
    assert "come to 40 words" in message
    fewer = ONE.replace("The room was too cold.", " ".join(["word"] * 32))
    assert load_action_text(fewer).problems == ()


def test_the_top_must_be_a_log() -> None:
    code, line, *_ = _only("just some words\n")
    assert (code, line) == (ErrorCode.ACTION_NOT_A_LOG, 1)


def test_the_old_outcomes_list_is_told_how_to_become_a_log() -> None:
    old = "- you_said: The room was too cold.\n  we_did: We moved.\n  status: done\n"
    code, line, column, message, _ = _only(old)
    assert (code, line, column) == (ErrorCode.ACTION_OLD_FORMAT, 1, 1)
    assert "put 'actions:' on the first line" in message


def test_too_many_actions(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("surveys.action_reader.MAX_ACTIONS", 1)
    second = ONE.removeprefix("actions:\n").replace("a1", "a2")
    code, line, *_ = _only(ONE + second)
    assert (code, line) == (ErrorCode.ACTION_TOO_MANY, 2)


def test_yaml_problems_are_the_survey_checker_s() -> None:
    assert _only("actions:\n\t- id: a1\n")[0] is ErrorCode.TAB_CHARACTER
    code, *_ = _only(ONE + "  owner: Twice\n")
    assert code is ErrorCode.DUPLICATE_KEY
    code, *_ = _only(ONE.replace("id: a1", "id: 1a"))
    assert code is ErrorCode.BAD_ID
    code, *_ = _only(_with("share: maybe"))
    assert code is ErrorCode.WRONG_TYPE


def test_a_missing_file_is_not_readable(tmp_path: Path) -> None:
    result = load_action_log(tmp_path / "actions.yaml")
    assert (result.readable, result.log) == (False, None)
    assert result.problems[0].code is ErrorCode.FILE_NOT_FOUND


# -- saving -----------------------------------------------------------------------------

TRICKY = (
    "[bold red]Free[/] text: with a colon",
    "yes",
    "2026-01-01",
    "'quoted' and \"double\" — café ✓",
    "# not a comment",
    "- not a list",
    "null",
    "&anchor *alias",
)


@pytest.mark.parametrize("text", TRICKY)
def test_saved_text_reads_back_exactly_and_as_plain_text(tmp_path: Path, text: str) -> None:
    log = load_action_text(GOOD).log
    assert log is not None
    first = log.actions[0]
    changed = ActionLog(
        (Action(**{**_as_dict(first), "you_said": text, "we_did": text}), *log.actions[1:]),
        results_shared=text,
        title=log.title,
    )
    path = tmp_path / "actions.yaml"
    save_action_log(changed, path)
    assert load_action_log(path).log == changed


def _as_dict(action: Action) -> dict[str, object]:
    return {name: getattr(action, name) for name in Action.__slots__}


def test_a_saved_log_is_the_same_file_a_person_would_write(tmp_path: Path) -> None:
    log = load_action_text(GOOD).log
    assert log is not None
    path = tmp_path / "actions.yaml"
    save_action_log(log, path)
    text = path.read_text(encoding="utf-8")
    assert "#" not in text
    assert text == dump_action_log(log)
    assert "  status: not possible\n" in text
    assert "  due: 2026-06-30\n" in text
    assert "  reason: The building closes at five.\n" in text
    assert "café" in text  # written as it reads, not escaped
    save_action_log(log, path)
    assert path.read_text(encoding="utf-8") == text


def test_a_log_that_would_not_read_back_is_not_saved(tmp_path: Path) -> None:
    path = tmp_path / "actions.yaml"
    path.write_text(ONE, encoding="utf-8")
    good = load_action_log(path).log
    assert good is not None
    broken = ActionLog((good.actions[0], good.actions[0]))
    with pytest.raises(ActionLogError, match="not saved, so nothing changed"):
        save_action_log(broken, path)
    blank_owner = ActionLog((Action(**{**_as_dict(good.actions[0]), "owner": " "}),))
    with pytest.raises(ActionLogError):
        save_action_log(blank_owner, path)
    assert path.read_text(encoding="utf-8") == ONE


def test_saving_makes_the_folder(tmp_path: Path) -> None:
    path = tmp_path / "new" / "actions.yaml"
    save_action_log(ActionLog(), path)
    assert load_action_log(path).log == ActionLog()


def test_every_action_code_has_a_test_here() -> None:
    source = Path(__file__).read_text(encoding="utf-8")
    untested = [c.name for c in ErrorCode if c.name.startswith("ACTION_") and c.name not in source]
    assert untested == []


def test_one_date_shared_by_two_actions_is_written_out_twice(tmp_path: Path) -> None:
    day = dt.date(2026, 5, 1)
    made = [
        Action(f"a{n}", "Said.", "Did.", "Service manager", day, created_on=day) for n in (1, 2)
    ]
    log = ActionLog(tuple(made))
    path = tmp_path / "actions.yaml"
    save_action_log(log, path)
    assert "*" not in path.read_text(encoding="utf-8")
    assert load_action_log(path).log == log
