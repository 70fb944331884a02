"""Keeping data only as long as promised, on the kiosk itself: the settings file, the
start-up tidy-up, the withdrawal cut-off message, and purge / forget-receipts defaults."""

from __future__ import annotations

import argparse
import datetime as dt
from pathlib import Path

import pytest

from kiosk import cli
from kiosk.commands.data import add_data_commands
from kiosk.commands.data import run as run_data_command
from kiosk.services import KioskServices, build_services, tidy_up
from kiosk.settings import KioskSettings, SettingsError, load_settings, settings_path
from surveys.clock import FixedClock
from surveys.sending import Receipt
from tests.support.exports import Kiosk, template

TODAY = dt.datetime(2026, 4, 1, 9, 30, tzinfo=dt.UTC)
OLD, MIDDLE, RECENT = "2026-02-01", "2026-03-10", "2026-03-25"
"""60, 22 and 7 days before TODAY: past keeping, past withdrawal, still open."""


def _settings(home: Path, text: str) -> None:
    home.mkdir(parents=True, exist_ok=True)
    settings_path(home).write_text(text, encoding="utf-8")


def _fill(kiosk: Kiosk) -> dict[str, Receipt]:
    survey = template("session-debrief")
    return {
        date: kiosk.send(survey, kiosk.session(date), {"overall": 8})
        for date in (OLD, MIDDLE, RECENT)
    }


def _services(home: Path) -> KioskServices:
    return build_services(home, clock=FixedClock(TODAY))


# -- the settings file ---------------------------------------------------------------


def test_no_settings_file_means_the_defaults(tmp_path: Path) -> None:
    assert load_settings(tmp_path) == KioskSettings(keep_days=30, withdraw_days=14)


def test_settings_file_sets_both_periods(tmp_path: Path) -> None:
    _settings(tmp_path, "# our trust's schedule\nkeep_days: 60\nwithdraw_days: 7\n")
    assert load_settings(tmp_path) == KioskSettings(keep_days=60, withdraw_days=7)


@pytest.mark.parametrize(
    ("text", "says"),
    [
        ("keepdays: 60\n", "has 'keepdays', which the kiosk doesn't know. Did you mean keep_days?"),
        ("keep_days: a month\n", "keep_days should be a whole number of days from 1 to 3650"),
        ("keep_days: true\n", "keep_days should be a whole number of days from 1 to 3650"),
        ("keep_days: 0\n", "keep_days should be a whole number of days from 1 to 3650"),
        ("withdraw_days: -1\n", "withdraw_days should be a whole number of days from 0 to 365"),
        ("keep_days: [30\n", "is not written correctly (line 2)"),
        ("- keep_days\n", "should have lines like  keep_days: 30"),
    ],
)
def test_a_bad_settings_file_is_refused_in_plain_words(
    tmp_path: Path, text: str, says: str
) -> None:
    _settings(tmp_path, text)
    with pytest.raises(SettingsError) as caught:
        load_settings(tmp_path)
    assert says in caught.value.message
    assert str(settings_path(tmp_path)) in caught.value.message


# -- the start-up tidy-up ------------------------------------------------------------


def test_tidy_up_deletes_old_sessions_and_forgets_old_codes(kiosk: Kiosk) -> None:
    codes = _fill(kiosk)
    services = _services(kiosk.home)
    tidy = tidy_up(services)
    assert tidy.done
    assert tidy.line == (
        "Deleted 1 response from 1 session older than 30 days; forgot 1 receipt code older "
        "than 14 days (those answers can no longer be taken back)."
    )
    assert services.tidy is tidy
    assert tidy.describe().startswith("Last tidy-up: 01 Apr 2026, ")
    assert sorted(s.date for s in kiosk.store.sessions()) == [MIDDLE, RECENT]
    hashes = {r.session_date: r.receipt_hash for r in kiosk.store.responses()}
    assert hashes[MIDDLE] is None
    assert hashes[RECENT] is not None
    events = [(e["event"], e.get("count")) for e in services.audit.entries()]
    assert ("purge", 1) in events
    assert ("forget-receipts", 1) in events
    # The withdrawal cut-off, said plainly (operator menu and 'kiosk withdraw' alike).
    done, message = services.withdraw(codes[MIDDLE].code)
    assert not done
    assert "within 14 days of the day they were sent" in message
    assert "withdrawal is no longer possible" in message
    assert services.withdraw(codes[RECENT].code)[0]


def test_tidy_up_follows_the_settings_file(kiosk: Kiosk) -> None:
    _fill(kiosk)
    _settings(kiosk.home, "keep_days: 90\nwithdraw_days: 30\n")
    tidy = tidy_up(_services(kiosk.home))
    assert tidy.line == (
        "No sessions older than 90 days to delete; forgot 1 receipt code older than "
        "30 days (those answers can no longer be taken back)."
    )
    assert len(kiosk.store.sessions()) == 3


def test_tidy_up_with_nothing_to_do_says_so(kiosk: Kiosk) -> None:
    tidy = tidy_up(_services(kiosk.home))
    assert tidy.line == (
        "No sessions older than 30 days to delete; no receipt codes older than 14 days to forget."
    )


def test_a_bad_settings_file_deletes_nothing_and_says_why(kiosk: Kiosk) -> None:
    _fill(kiosk)
    _settings(kiosk.home, "keep_days: 3 days\n")
    services = _services(kiosk.home)
    assert services.settings == KioskSettings()
    tidy = tidy_up(services)
    assert not tidy.done
    assert tidy.line.startswith("Not done, so nothing was deleted. In the settings file")
    assert len(list(kiosk.store.responses())) == 3
    assert all(r.receipt_hash for r in kiosk.store.responses())
    done, message = services.withdraw("7K3QD-M9XTA")
    assert not done
    assert "days" not in message  # the cut-off isn't known, so no number is promised


def test_a_failing_store_does_not_stop_the_kiosk(
    kiosk: Kiosk, monkeypatch: pytest.MonkeyPatch
) -> None:
    services = _services(kiosk.home)

    def broken(*args: object) -> int:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(services.store, "forget_receipts", broken)
    tidy = tidy_up(services)
    assert not tidy.done
    assert tidy.line == (
        "Not finished: No space left on device. It will be tried again when the kiosk next starts."
    )


# -- the command line ----------------------------------------------------------------


def _run(*argv: str) -> int:
    parser = argparse.ArgumentParser(prog="kiosk")
    add_data_commands(parser.add_subparsers(dest="command"))
    return run_data_command(parser.parse_args(argv))


def test_withdraw_command_past_the_cut_off_names_the_configured_days(
    kiosk: Kiosk, capsys: pytest.CaptureFixture[str]
) -> None:
    codes = _fill(kiosk)
    _settings(kiosk.home, "withdraw_days: 7\n")
    kiosk.store.forget_receipts(MIDDLE)  # what the tidy-up did for the OLD session
    assert cli.main(["withdraw", codes[OLD].code]) == 1
    out = capsys.readouterr().out
    assert out.startswith("We couldn't find answers with that code.")
    assert "within 7 days of the day they were sent. After that, withdrawal is no longer" in out
    assert cli.main(["withdraw", codes[RECENT].code]) == 0


def test_purge_and_forget_receipts_default_to_the_settings_file(
    kiosk: Kiosk, capsys: pytest.CaptureFixture[str]
) -> None:
    today = dt.date.today()
    survey = template("session-debrief")
    for days in (40, 100):
        kiosk.send(survey, kiosk.session((today - dt.timedelta(days=days)).isoformat()), {})
    _settings(kiosk.home, "keep_days: 60\nwithdraw_days: 50\n")
    assert _run("purge") == 0
    assert "Deleted 1 responses from 1 sessions" in capsys.readouterr().out
    assert _run("forget-receipts") == 0
    assert "No receipt codes" in capsys.readouterr().out  # 40 days < 50
    assert _run("forget-receipts", "--withdraw-days", "30") == 0  # a flag still wins
    assert "Forgot 1 receipt codes" in capsys.readouterr().out


def test_purge_with_a_bad_settings_file_and_no_flag_refuses(
    kiosk: Kiosk, capsys: pytest.CaptureFixture[str]
) -> None:
    _fill(kiosk)
    _settings(kiosk.home, "keep_days: soon\n")
    assert _run("purge") == 1
    assert "keep_days should be a whole number" in capsys.readouterr().out
    assert len(list(kiosk.store.responses())) == 3


def test_tidy_up_writes_no_codes_to_the_audit_log(kiosk: Kiosk) -> None:
    codes = _fill(kiosk)
    services = _services(kiosk.home)
    tidy_up(services)
    text = services.audit.path.read_text(encoding="utf-8")
    assert '"event": "forget-receipts"' in text.replace('":"', '": "')
    for receipt in codes.values():
        assert receipt.code not in text
        assert receipt.code.replace("-", "") not in text
