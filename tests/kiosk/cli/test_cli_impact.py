"""``kiosk impact`` run as a coordinator would: the key, the period, plain messages."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from exports.opening import DEMO_KEY_WARNING
from kiosk.cli import main
from surveys import paths
from tests.support.exports import Kiosk
from tests.support.impact import send


def _fill(kiosk: Kiosk, count: int, date: str = "2026-05-20") -> None:
    session = kiosk.session(date)
    for _ in range(count):
        send(kiosk, "about-you", session, {"stakeholder_group": ["Other"]}, "kiosk")


def test_impact_with_the_demo_key_warns_and_writes_the_report(
    kiosk: Kiosk, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _fill(kiosk, 11)
    out = tmp_path / "impact"
    status = main(["impact", "--from", "2026-01", "--to", "2026-12", "--out", str(out)])
    printed = capsys.readouterr().out
    assert status == 0
    assert DEMO_KEY_WARNING in printed
    assert "It covers 1 session and 11 responses." in printed
    page = (out / "impact.html").read_text(encoding="utf-8")
    assert "Made with the demo key" in page
    assert "In 2026, people answered our surveys 11 times, in 1 session." in page
    events = [json.loads(line) for line in paths.audit_path().read_text().splitlines()]
    made = [e for e in events if e["event"] == "impact"]
    assert len(made) == 1
    assert made[0]["count"] == 11
    assert "Other" not in json.dumps(made[0])  # the audit never holds answers


@pytest.mark.parametrize(
    ("start", "end", "words"),
    [
        ("2026-00", "2026-12", "'2026-00' has no month 0: months go from 01 to 12."),
        ("2026-06", "2026-01", "The first month (2026-06) is after the last month (2026-01)."),
        ("next year", "2026-12", "'next year' is not a month the report understands."),
    ],
)
def test_a_bad_period_gets_a_plain_message_and_writes_nothing(
    kiosk: Kiosk,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    start: str,
    end: str,
    words: str,
) -> None:
    out = tmp_path / "impact"
    status = main(["impact", "--from", start, "--to", end, "--out", str(out)])
    captured = capsys.readouterr()
    assert status == 1
    assert words in captured.out
    assert "Traceback" not in captured.out + captured.err
    assert not out.exists()


def test_a_missing_key_file_is_said_plainly(
    kiosk: Kiosk, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _fill(kiosk, 2)
    status = main(
        [
            "impact",
            "--from",
            "2026-01",
            "--to",
            "2026-12",
            "--out",
            str(tmp_path / "impact"),
            "--key",
            str(tmp_path / "none.key"),
        ]
    )
    assert status == 1
    assert "There is no key file" in capsys.readouterr().out


def test_an_empty_period_is_a_kind_page_not_an_error(
    kiosk: Kiosk, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "impact"
    status = main(["impact", "--from", "2024-04", "--to", "2025-03", "--out", str(out)])
    assert status == 0
    page = (out / "impact.html").read_text(encoding="utf-8")
    assert "Nothing to report for April 2024 to March 2025 yet" in page
