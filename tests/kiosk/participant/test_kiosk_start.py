"""Starting the kiosk: it keeps a copy of its survey file (so ``kiosk export`` needs no
``--survey``), tidies up as the settings say, and the operator sees the last tidy-up."""

from __future__ import annotations

import argparse
import datetime as dt
from collections.abc import Callable
from pathlib import Path

import pytest
from textual.widgets import Static

from kiosk import cli
from kiosk.app import make_app
from kiosk.commands.data import add_data_commands
from kiosk.commands.data import run as run_data_command
from kiosk.commands.run import keep_survey_copy
from kiosk.services import KioskServices, tidy_up
from kiosk.speaking import RecordingSpeaker
from surveys.loader import load_survey
from surveys.model import Survey
from surveys.sealing import load_sealer
from surveys.sending import send_response
from surveys.session import SurveySession
from surveys.storage import SessionInfo
from tests.support.kiosk import SIZE, SURVEYS, begin, build_kiosk, press, settle, tap
from tests.support.screen import screen_text

SHORT = SURVEYS / "short.yaml"


def _short() -> Survey:
    survey = load_survey(SHORT).survey
    assert survey is not None
    return survey


class FakeApp:
    """Stands in for the kiosk: opens its data as the real one does after its first
    screen, and is then driven by the test instead."""

    return_code = 0

    def __init__(self, open_services: Callable[[], KioskServices], made: list[KioskServices]):
        self.open_services = open_services
        self.made = made

    def run(self) -> None:
        self.made.append(self.open_services())


def _fake_kiosk(
    monkeypatch: pytest.MonkeyPatch, surveys_run: list[object] | None = None
) -> list[KioskServices]:
    made: list[KioskServices] = []

    def fake_make_app(
        survey: object, services: Callable[[], KioskServices], **options: object
    ) -> FakeApp:
        assert callable(services)  # opened only once the first screen is up
        if surveys_run is not None:
            surveys_run.append(survey)
        return FakeApp(services, made)

    monkeypatch.setattr("kiosk.app.make_app", fake_make_app)
    return made


@pytest.fixture
def started(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> tuple[KioskServices, str]:
    """``kiosk run short.yaml --unlocked`` to the end; its services and output."""
    monkeypatch.setenv("KIOSK_HOME", str(tmp_path / "home"))
    made = _fake_kiosk(monkeypatch)
    assert cli.main(["run", str(SHORT), "--unlocked"]) == 0
    return made[0], capsys.readouterr().out


def test_starting_keeps_a_copy_of_the_survey_and_tidies_up(
    started: tuple[KioskServices, str],
) -> None:
    services, out = started
    copy = services.home / "surveys" / "short-1.yaml"
    assert copy.read_bytes() == SHORT.read_bytes()
    assert services.tidy is not None
    assert services.tidy.done
    assert "Last tidy-up:" in out
    assert "No sessions older than 30 days to delete" in out
    log = (services.home / "logs" / "kiosk.log").read_text(encoding="utf-8")
    assert "No sessions older than 30 days to delete" in log


def test_the_next_start_uses_the_checked_survey_kept_by_the_first(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("KIOSK_HOME", str(tmp_path / "home"))
    surveys_run: list[object] = []
    made = _fake_kiosk(monkeypatch, surveys_run)
    assert cli.main(["run", str(SHORT), "--unlocked"]) == 0
    kept = list((tmp_path / "home" / "cache").glob("survey-*.json"))
    assert len(kept) == 1
    checked_in_full = _short()

    def no_full_check(*args: object, **kwargs: object) -> object:
        raise AssertionError("the file was checked in full again")

    monkeypatch.setattr("surveys.loader.load_survey", no_full_check)
    monkeypatch.setattr("surveys.loader.load_survey_bytes", no_full_check)
    assert cli.main(["run", str(SHORT), "--unlocked"]) == 0
    assert surveys_run[1] == surveys_run[0] == checked_in_full
    assert len(made) == 2

    # A changed file is checked in full (and a broken one refused) as on a first start.
    changed = tmp_path / "changed.yaml"
    changed.write_bytes(SHORT.read_bytes().replace(b"id: short", b"id: [short"))
    monkeypatch.undo()
    monkeypatch.setenv("KIOSK_HOME", str(tmp_path / "home"))
    _fake_kiosk(monkeypatch, surveys_run)
    capsys.readouterr()
    assert cli.main(["run", str(changed), "--unlocked"]) == 1
    assert "can't run yet" in capsys.readouterr().out


def test_the_copy_kept_is_the_survey_that_ran_even_if_the_file_is_edited_meanwhile(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("KIOSK_HOME", str(tmp_path / "home"))
    running = tmp_path / "running.yaml"
    running.write_bytes(SHORT.read_bytes())

    def edit_then_open(survey: object, services: Callable[[], KioskServices], **options: object):
        # The data folder is opened after the first screen: edit the file before that.
        running.write_bytes(SHORT.read_bytes().replace(b"How was today?", b"Edited later?"))
        return FakeApp(services, [])

    monkeypatch.setattr("kiosk.app.make_app", edit_then_open)
    assert cli.main(["run", str(running), "--unlocked"]) == 0
    copy = tmp_path / "home" / "surveys" / "short-1.yaml"
    assert copy.read_bytes() == SHORT.read_bytes()


def test_a_survey_copy_never_overwrites_a_different_file(tmp_path: Path) -> None:
    survey = _short()
    first = keep_survey_copy(SHORT.read_bytes(), survey, tmp_path)
    assert first.note is None
    same = keep_survey_copy(SHORT.read_bytes(), survey, tmp_path)
    assert same == first  # the same file: left alone
    changed = tmp_path / "changed.yaml"
    changed.write_bytes(SHORT.read_bytes().replace(b"How was today?", b"How was the day?"))
    second = keep_survey_copy(changed.read_bytes(), survey, tmp_path)
    assert second.path != first.path
    assert second.path.name.startswith("short-1-")
    assert second.note is not None
    assert "Both are kept" in second.note
    assert first.path.read_bytes() == SHORT.read_bytes()
    assert second.path.read_bytes() == changed.read_bytes()
    assert keep_survey_copy(changed.read_bytes(), survey, tmp_path).path == second.path
    assert sorted(p.name for p in (tmp_path / "surveys").glob("*.yaml")) == sorted(
        [first.path.name, second.path.name]
    )


def test_a_version_with_odd_characters_makes_a_safe_file_name(tmp_path: Path) -> None:
    from dataclasses import replace

    survey = replace(_short(), version="spring 2026/../x")
    copy = keep_survey_copy(SHORT.read_bytes(), survey, tmp_path)
    assert copy.path.parent == tmp_path / "surveys"
    assert copy.path.name == "short-spring_2026_.._x.yaml"


def test_a_survey_the_kiosk_promises_differently_is_pointed_out(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    home = tmp_path / "home"
    home.mkdir()
    (home / "settings.yaml").write_text("withdraw_days: 7\nkeep_days: 45\n", encoding="utf-8")
    monkeypatch.setenv("KIOSK_HOME", str(home))
    _fake_kiosk(monkeypatch)
    assert cli.main(["run", str(SHORT), "--unlocked"]) == 0
    out = capsys.readouterr().out
    assert "take answers back within 14 days, but this kiosk forgets receipt codes after 7" in out
    assert "deleted within 30 days, but this kiosk keeps them for 45 days" in out


async def _send_one(services: KioskServices, note: str) -> None:
    app = make_app(_short(), services, unlocked=True, speaker=RecordingSpeaker())
    async with app.run_test(size=SIZE) as pilot:
        await begin(pilot)
        await press(pilot, "1", "enter", "1", "enter", *note, "enter")
        await tap(pilot, "#send")
        assert type(app.screen).__name__ == "ThanksScreen"
    assert app.problems == []


def _export(*argv: str) -> int:
    parser = argparse.ArgumentParser(prog="kiosk")
    add_data_commands(parser.add_subparsers(dest="command"))
    return run_data_command(parser.parse_args(["export", *argv]))


async def test_export_finds_the_kiosks_survey_with_no_survey_flag(
    started: tuple[KioskServices, str], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    services, _ = started
    for note in ("More tea", "Kind staff", "Quiet room"):
        await _send_one(services, note)
    assert _export("--out", str(tmp_path / "out")) == 0
    out = capsys.readouterr().out
    assert "Exported 3 responses" in out
    assert "not its survey file" not in out
    report = (tmp_path / "out" / "report.html").read_text(encoding="utf-8")
    assert "Anything else?" in report  # the wording came from the kept copy

    # The same export without the copy can't name the questions: the copy is what worked.
    (services.home / "surveys" / "short-1.yaml").unlink()
    assert _export("--out", str(tmp_path / "out2")) == 0
    assert "Answers for the survey 'short' were found, but not its survey file" in (
        capsys.readouterr().out
    )


async def test_operator_menu_shows_the_last_tidy_up_and_the_cut_off(tmp_path: Path) -> None:
    kiosk = build_kiosk(tmp_path / "home", "short")
    services = kiosk.services
    old_session = SessionInfo.new((dt.date.today() - dt.timedelta(days=20)).isoformat())
    walk = SurveySession(_short())
    walk.agree(set())
    walk.answer("Good")
    walk.skip()
    walk.skip()
    receipt = send_response(
        walk.complete(),
        sealer=load_sealer(services.home / "keys" / "coordinator.pub"),
        store=services.store,
        session=old_session,
    )
    tidy_up(services)
    async with kiosk.app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await press(pilot, "f12")
        text = screen_text(kiosk.app)
        assert "Last tidy-up:" in text
        assert "forgot 1 receipt code older than 14 days" in " ".join(text.split())
        await pilot.click("#code")
        await press(pilot, *receipt.code, "enter")
        message = str(kiosk.app.screen.query_one("#withdraw-message", Static).content)
        assert message.startswith("We couldn't find answers with that code.")
        assert message.endswith(
            "within 14 days of the day they were sent. After that, withdrawal is no longer "
            "possible."
        )
    assert len(list(services.store.responses())) == 1
    assert kiosk.app.problems == []
