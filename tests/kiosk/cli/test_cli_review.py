"""``kiosk review`` on the command line: the same selection flags as ``kiosk export``,
the passphrase asked before the screen starts, and plain words when there's nothing."""

from __future__ import annotations

import argparse
from pathlib import Path

import pytest

from exports.comment_review import ReviewSession
from kiosk import cli
from kiosk.commands.data import add_data_commands
from kiosk.commands.data import run as run_data_command
from kiosk.commands.selection import add_selection_arguments
from surveys.pii import Scrubber
from surveys.sealing import load_sealer, new_key_pair
from tests.support.review import SURVEY_YAML, Desk

PASSPHRASE = "a long enough passphrase"


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="kiosk")
    add_data_commands(parser.add_subparsers(dest="command"))
    return parser


def _run(*argv: str) -> int:
    return run_data_command(_parser().parse_args(argv))


def _dests(parser: argparse.ArgumentParser) -> set[str]:
    return {action.dest for action in parser._actions if action.dest != "help"}


def test_review_takes_exactly_the_selection_flags_export_takes() -> None:
    shared = argparse.ArgumentParser()
    add_selection_arguments(shared)
    subcommands = next(
        a for a in _parser()._actions if isinstance(a, argparse._SubParsersAction)
    ).choices
    assert _dests(subcommands["review"]) == _dests(shared)
    assert _dests(shared) == {
        "key",
        "survey",
        "surveys_dir",
        "only_survey",
        "session",
        "date_from",
        "date_to",
        "names",
        "review",
    }
    assert _dests(shared) < _dests(subcommands["export"])


def test_review_is_a_command_of_the_real_parser(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit):
        cli.main(["review", "--help"])
    out = capsys.readouterr().out
    assert "--only-survey" in out
    assert "same options as 'kiosk export'" in out


def test_review_on_a_computer_with_no_key_says_so_plainly(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("KIOSK_HOME", str(tmp_path / "empty"))
    assert cli.main(["review"]) == 1
    out = capsys.readouterr().out
    assert out.startswith("There is no key file at")
    assert "Traceback" not in out


def test_review_with_no_comments_says_so_and_starts_nothing(
    desk: Desk, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setattr("kiosk.commands.review.run_review", _no_screen)
    survey = desk.home.parent / "hillside.yaml"
    survey.write_text(SURVEY_YAML, encoding="utf-8")
    assert _run("review", "--survey", str(survey), "--from", "2030-01-01") == 1
    assert "nothing to export" in capsys.readouterr().out
    assert _run("review", "--survey", str(survey), "--only-survey", "other") == 0
    assert "There are no comments to review" in capsys.readouterr().out


def _no_screen(*args: object, **kwargs: object) -> int:
    raise AssertionError("the review screen must not start")


def test_review_asks_for_the_passphrase_before_the_screen_starts(
    desk: Desk, monkeypatch: pytest.MonkeyPatch
) -> None:
    # A real coordinator key with a passphrase; the comments sealed to it.
    keys = desk.home / "keys"
    private = desk.home.parent / "coordinator.key"
    new_key_pair(keys / "coordinator.pub", private, PASSPHRASE)
    desk.kiosk.sealer = load_sealer(keys / "coordinator.pub")
    session = desk.kiosk.session("2026-03-20")
    desk.kiosk.send(desk.survey, session, {"better": "Call Priya on 07911 123456"})
    survey = desk.home.parent / "hillside.yaml"
    survey.write_text(SURVEY_YAML, encoding="utf-8")

    events: list[str] = []

    def getpass(prompt: str) -> str:
        events.append(f"asked: {prompt}")
        return PASSPHRASE

    def run_review(review: ReviewSession, scrubber: Scrubber, *, home: Path) -> int:
        events.append("screen")
        assert review.path == desk.review_file  # the default review file
        assert [c.text for c in review.comments] == ["Call [name] on [phone]"]
        assert home == desk.home
        return 0

    monkeypatch.setattr("sys.stdin.isatty", lambda: True)
    monkeypatch.setattr("getpass.getpass", getpass)
    monkeypatch.setattr("kiosk.commands.review.run_review", run_review)
    status = _run("review", "--key", str(private), "--survey", str(survey), "--from", "2026-03-20")
    assert status == 0
    assert events == ["asked: Passphrase for the coordinator key: ", "screen"]


def test_review_with_a_wrong_passphrase_says_so_plainly(
    desk: Desk, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    private = desk.home.parent / "coordinator.key"
    new_key_pair(desk.home.parent / "other.pub", private, PASSPHRASE)
    monkeypatch.setattr("sys.stdin.isatty", lambda: True)
    monkeypatch.setattr("getpass.getpass", lambda prompt: "not the passphrase")
    monkeypatch.setattr("kiosk.commands.review.run_review", _no_screen)
    assert _run("review", "--key", str(private)) == 1
    out = capsys.readouterr().out
    assert "passphrase" in out.lower()
    assert "Traceback" not in out
