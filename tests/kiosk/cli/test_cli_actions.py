"""``kiosk actions``: the default file, and ``--poster OUT`` handing the log to the poster."""

from __future__ import annotations

import sys
import types
from pathlib import Path

import pytest

from kiosk.cli import main
from surveys.action_model import ActionLog
from surveys.errors import PlainError

LOG = """\
actions:
- id: a1
  you_said: The room was too cold.
  we_did: We moved the course to the library.
  owner: Service manager
  due: 2026-03-31
  share: true
"""


@pytest.fixture
def poster_calls(monkeypatch: pytest.MonkeyPatch) -> list[tuple[ActionLog, Path]]:
    """A stand-in for exports.poster (written and tested on its own), recording each call."""
    calls: list[tuple[ActionLog, Path]] = []
    module = types.ModuleType("exports.poster")
    module.write_poster = lambda log, out: calls.append((log, out))  # type: ignore[attr-defined]
    monkeypatch.setitem(sys.modules, "exports.poster", module)
    return calls


def test_poster_gets_the_log_from_the_data_folder(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    poster_calls: list[tuple[ActionLog, Path]],
    capsys: pytest.CaptureFixture[str],
) -> None:
    monkeypatch.setenv("KIOSK_HOME", str(tmp_path))
    (tmp_path / "actions.yaml").write_text(LOG, encoding="utf-8")
    assert main(["actions", "--poster", str(tmp_path / "poster")]) == 0
    ((log, out),) = poster_calls
    assert [a.id for a in log.to_share()] == ["a1"]
    assert out == tmp_path / "poster"
    assert capsys.readouterr().out == f"The poster is ready: {tmp_path / 'poster'}.\n"


def test_no_poster_from_a_log_with_problems(
    tmp_path: Path, poster_calls: list[tuple[ActionLog, Path]], capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "mine.yaml"
    path.write_text(LOG.replace("2026-03-31", "soon"), encoding="utf-8")
    assert main(["actions", str(path), "--poster", str(tmp_path / "out")]) == 1
    assert poster_calls == []
    printed = capsys.readouterr().out
    assert "line 6, column 8: 'due' in action 'a1' should be a date" in printed
    assert printed.endswith(
        f"No poster was made. Put the log right (kiosk check {path}), then try again.\n"
    )


def test_a_poster_without_a_pdf_is_still_a_poster(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    class NoPdfError(PlainError):
        def __init__(self, message: str, html: Path) -> None:
            super().__init__(message)
            self.html = html

    def write(log: ActionLog, out: Path) -> list[Path]:
        raise NoPdfError(f"The poster is ready to print from a web browser: {out}.", out)

    module = types.ModuleType("exports.poster")
    module.write_poster = write  # type: ignore[attr-defined]
    monkeypatch.setitem(sys.modules, "exports.poster", module)
    path = tmp_path / "actions.yaml"
    path.write_text(LOG, encoding="utf-8")
    assert main(["actions", str(path), "--poster", str(tmp_path / "p.html")]) == 0
    assert "ready to print from a web browser" in capsys.readouterr().out
