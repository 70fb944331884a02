"""``--phones HOST:PORT`` on the command line: a bad address or a port already in use
is told plainly, with a non-zero exit and no traceback, before anything starts."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.support.kiosk import SURVEYS

ROOT = Path(__file__).resolve().parents[3]
SURVEY = str(SURVEYS / "short.yaml")


def kiosk(home: Path, *words: str) -> subprocess.CompletedProcess[str]:
    """Run ``python -m kiosk WORDS`` with its own data folder and no terminal."""
    env = {**os.environ, "KIOSK_HOME": str(home)}
    return subprocess.run(
        [sys.executable, "-m", "kiosk", *words],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
        stdin=subprocess.DEVNULL,
        check=False,
    )


@pytest.fixture
def busy_port() -> Iterator[int]:
    """A loopback port another program is listening on."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        yield int(taken.getsockname()[1])


@pytest.mark.parametrize(
    ("words", "says"),
    [
        (["--unlocked", "--phones", "8080"], "as HOST:PORT"),
        (["--unlocked", "--phones", "127.0.0.1:http"], "The port must be a number"),
        (["--unlocked", "--phones", "127.0.0.1:70000"], "from 1 to 65535"),
        (["--unlocked", "--phones", "0.0.0.0:8080"], "--public-host"),
        (["--unlocked", "--public-host", "192.168.1.20"], "goes with --phones"),
        (["--unlocked", "--phones", "my kiosk:8080"], "is not an address phones can use"),
        (["run", SURVEY, "--unlocked", "--phones", "::1:8080"], "square brackets"),
        (["facilitate", "--unlocked", "--phones", ":8080"], "as HOST:PORT"),
    ],
)
def test_a_bad_phones_address_is_told_plainly(tmp_path: Path, words: list[str], says: str) -> None:
    result = kiosk(tmp_path, *words)
    assert result.returncode == 1
    assert says in result.stdout
    assert "Traceback" not in result.stdout + result.stderr
    assert "usage:" not in result.stderr


@pytest.mark.parametrize(
    "words",
    [
        ["--unlocked"],
        ["run", SURVEY, "--unlocked"],
        ["facilitate", "--unlocked"],
    ],
)
def test_a_port_already_in_use_is_told_plainly(
    tmp_path: Path, busy_port: int, words: list[str]
) -> None:
    result = kiosk(tmp_path, *words, "--phones", f"127.0.0.1:{busy_port}")
    assert result.returncode == 1
    assert f"port {busy_port} is already in use" in result.stdout
    assert "Traceback" not in result.stdout + result.stderr
    assert not (tmp_path / "sessions").exists()  # refused before anything was made


def test_the_shared_screen_does_not_serve_phones(tmp_path: Path) -> None:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    result = kiosk(tmp_path, "facilitate", "--present", "--phones", f"127.0.0.1:{port}")
    assert result.returncode == 1
    assert "the console serves the phone page" in result.stdout
    assert "Traceback" not in result.stdout + result.stderr


def test_the_help_names_the_phones_option(tmp_path: Path) -> None:
    for words in ([], ["run"], ["facilitate"]):
        result = kiosk(tmp_path, *words, "--help")
        assert result.returncode == 0
        assert "--phones HOST:PORT" in result.stdout


def free_port(host: str = "127.0.0.1") -> int:
    with socket.socket() as probe:
        probe.bind((host, 0))
        return int(probe.getsockname()[1])


class FakeApp:
    """Stands in for a Textual app: records that it ran."""

    return_code = 0

    def run(self) -> None:
        return None


@pytest.mark.parametrize(
    "words",
    [
        ["--unlocked", "--phones", "127.0.0.1:{port}"],
        ["--phones", "127.0.0.1:{port}", "run", SURVEY, "--unlocked"],
        ["run", SURVEY, "--unlocked", "--phones", "127.0.0.1:{port}"],
    ],
)
def test_the_address_reaches_the_kiosk(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, words: list[str]
) -> None:
    from kiosk import cli
    from kiosk.web.address import PhoneAddress

    monkeypatch.setenv("KIOSK_HOME", str(tmp_path))
    port = free_port()
    made: list[dict[str, object]] = []

    def fake_make_app(survey: object, services: object, **options: object) -> FakeApp:
        made.append(options)
        return FakeApp()

    monkeypatch.setattr("kiosk.app.make_app", fake_make_app)
    assert cli.main([word.format(port=port) for word in words]) == 0
    assert made[0]["phones"] == PhoneAddress("127.0.0.1", port)


def test_the_address_reaches_the_console(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from kiosk import cli
    from kiosk.web.address import PhoneAddress

    monkeypatch.setenv("KIOSK_HOME", str(tmp_path))
    made: list[dict[str, object]] = []

    def fake_make_app(services: object, poll_sets: object, **options: object) -> FakeApp:
        made.append(options)
        return FakeApp()

    monkeypatch.setattr("kiosk.facilitator.app.make_app", fake_make_app)
    port = free_port("0.0.0.0")
    words = ["facilitate", "--unlocked", "--phones", f"0.0.0.0:{port}"]
    words += ["--public-host", "kiosk.lan"]
    assert cli.main(words) == 0
    assert made[0]["phones"] == PhoneAddress("0.0.0.0", port, "kiosk.lan")
