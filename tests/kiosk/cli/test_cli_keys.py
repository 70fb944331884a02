"""``kiosk keys new``: a passphrase-protected coordinator key replaces the demo key."""

from __future__ import annotations

from pathlib import Path

import pytest

from kiosk import cli
from surveys.sealing import (
    DEMO_PRIVATE_KEY_FILE,
    PUBLIC_KEY_FILE,
    ensure_keys,
    load_private_key,
    load_sealer,
)


@pytest.fixture
def home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("KIOSK_HOME", str(tmp_path / "home"))
    monkeypatch.setattr(cli.sys.stdin, "isatty", lambda: True)
    return tmp_path / "home"


def _answers(monkeypatch: pytest.MonkeyPatch, *typed: str) -> None:
    replies = iter(typed)
    monkeypatch.setattr("getpass.getpass", lambda prompt="": next(replies))


def test_keys_new_replaces_demo_key_and_protects_private_key(
    home: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    ensure_keys(home / "keys")
    assert load_sealer(home / "keys" / PUBLIC_KEY_FILE).demo
    private = tmp_path / "usb" / "coordinator.key"
    _answers(monkeypatch, "correct horse battery", "correct horse battery")
    assert cli.main(["keys", "new", "--private", str(private)]) == 0
    out = capsys.readouterr().out
    assert "Fingerprint" in out
    assert "Move it off this kiosk" in out
    sealer = load_sealer(home / "keys" / PUBLIC_KEY_FILE)
    assert not sealer.demo
    opener = load_private_key(private, "correct horse battery")
    assert opener.open(sealer.seal({"answers": {"q": 1}})) == {"answers": {"q": 1}}
    assert private.stat().st_mode & 0o777 == 0o600
    assert (home / "keys" / DEMO_PRIVATE_KEY_FILE).exists()  # old demo answers stay openable


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        (("short", "short"), "at least 12 characters"),
        (("a long passphrase", "a different one!"), "were different"),
    ],
)
def test_keys_new_refuses_weak_or_mismatched_passphrase(
    home: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    typed: tuple[str, str],
    expected: str,
) -> None:
    _answers(monkeypatch, *typed)
    private = tmp_path / "coordinator.key"
    assert cli.main(["keys", "new", "--private", str(private)]) == 1
    assert expected in capsys.readouterr().out
    assert not private.exists()


def test_keys_new_will_not_silently_replace_a_real_key(
    home: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    _answers(monkeypatch, "first passphrase!", "first passphrase!")
    assert cli.main(["keys", "new", "--private", str(tmp_path / "one.key")]) == 0
    assert cli.main(["keys", "new", "--private", str(tmp_path / "two.key")]) == 1
    assert "already has a coordinator key" in capsys.readouterr().out


def test_keys_with_no_action_says_what_to_type_and_makes_nothing(
    home: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert cli.main(["keys"]) == 1
    out = capsys.readouterr().out
    assert out == "Use:  kiosk keys new\n"
    assert not (home / "keys").exists()
