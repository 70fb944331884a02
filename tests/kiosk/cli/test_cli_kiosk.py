"""``kiosk pin set`` and starting the kiosk: locked unless a PIN is set or --unlocked."""

from __future__ import annotations

import json
import stat
from pathlib import Path

import pytest

from kiosk import cli
from kiosk.commands.pin import set_pin
from surveys.operator_pin import OperatorPin, pin_path
from tests.support.kiosk import SURVEYS
from tests.support.pin import fast_hasher

SURVEY = str(SURVEYS / "short.yaml")


def asker(*answers: str) -> object:
    queue = list(answers)
    return lambda prompt: queue.pop(0)


def test_pin_set_asks_twice_and_keeps_only_a_hash(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert set_pin(tmp_path, asker("246810", "246810")) == 0  # type: ignore[arg-type]
    assert "Operator PIN set" in capsys.readouterr().out
    path = pin_path(tmp_path)
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert "246810" not in path.read_text()
    assert json.loads(path.read_text())["hash"].startswith("$argon2id$")
    assert OperatorPin(path, hasher=fast_hasher()).check("246810").ok


@pytest.mark.parametrize(
    ("answers", "says"),
    [
        (("1234", "1234"), "at least 6"),
        (("24681x", "24681x"), "numbers only"),
        (("246810", "246811"), "were different"),
        (("123456", "123456"), "numbers in a row"),
        (("654321", "654321"), "numbers in a row"),
        (("890123", "890123"), "numbers in a row"),
        (("121212", "121212"), "easy to guess"),
        (("159753", "159753"), "easy to guess"),
        (("777777", "777777"), "same number"),
    ],
)
def test_pin_set_refuses_and_changes_nothing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], answers: tuple[str, str], says: str
) -> None:
    assert set_pin(tmp_path, asker(*answers)) == 1  # type: ignore[arg-type]
    out = capsys.readouterr().out
    assert says in out
    assert "Nothing was changed" in out
    assert not pin_path(tmp_path).exists()


def test_cli_pin_set_uses_kiosk_home(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("KIOSK_HOME", str(tmp_path))
    monkeypatch.setattr("getpass.getpass", asker("135792", "135792"))
    assert cli.main(["pin", "set"]) == 0
    assert pin_path(tmp_path).exists()
    assert [e["event"] for e in map(json.loads, (tmp_path / "audit.jsonl").open())] == ["pin-set"]


def test_kiosk_without_a_pin_says_how_to_set_one_and_does_not_start(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("KIOSK_HOME", str(tmp_path))
    assert cli.main(["run", SURVEY]) == 1
    out = capsys.readouterr().out
    assert "kiosk pin set" in out
    assert "--unlocked" in out
    assert list(tmp_path.iterdir()) == []  # a refused start leaves nothing behind


def test_kiosk_with_a_damaged_pin_file_does_not_start(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("KIOSK_HOME", str(tmp_path))
    pin_path(tmp_path).write_text("not json")
    assert cli.main(["run", SURVEY]) == 1
    assert "damaged" in capsys.readouterr().out


def test_kiosk_runs_locked_when_a_pin_is_set(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("KIOSK_HOME", str(tmp_path))
    OperatorPin(pin_path(tmp_path), hasher=fast_hasher()).set("246810")
    started: list[dict[str, object]] = []

    class FakeApp:
        return_code = 0

        def run(self) -> None:
            started.append({})

    def fake_make_app(survey: object, services: object, **options: object) -> FakeApp:
        started.append(options)
        return FakeApp()

    monkeypatch.setattr("kiosk.app.make_app", fake_make_app)
    assert cli.main(["run", SURVEY, "--idle-seconds", "45"]) == 0
    options = started[0]
    assert {key: options[key] for key in ("unlocked", "idle_seconds", "phones", "home")} == {
        "unlocked": False,
        "idle_seconds": 45.0,
        "phones": None,
        "home": tmp_path,
    }
