"""File and folder times carry the day only, never the time of a send.

The audit log stamps each send with the day alone; a file's modification time to
the second would undo that (the newest part file's time is the last send's time).
Every file and folder the kiosk writes gets midnight UTC of the day it was
written — the same day the session dates and the audit log use.

``logs/kiosk.log`` is left out: it records start-ups and problems (never sends)
with their times, on purpose, for the person looking after the kiosk.
"""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

import pytest

from exports.retention import forget_old_receipts
from kiosk.commands.run import open_kiosk
from surveys import templates
from surveys.audit import AuditLog
from surveys.sending import record_decline, send_response
from surveys.storage import SessionInfo
from surveys.storage.atomic import day_start
from surveys.storage.tinydb_store import TinyDbResponseStore, part_name
from tests.support.durability import completed_response, demo_keys
from tests.support.exports import template

DAY = 86_400


def not_at_midnight(home: Path, *, access: bool = False) -> list[str]:
    """Every path under ``home`` (``home`` too) whose time isn't a midnight UTC.

    Folders are listed without touching their access times (``O_NOATIME``), so the
    check itself changes nothing it checks.
    """
    wrong = []

    def visit(folder: Path, relative: str) -> None:
        descriptor = os.open(folder, os.O_RDONLY | os.O_DIRECTORY | os.O_NOATIME)
        try:
            check(os.stat(descriptor), relative or ".")
            with os.scandir(descriptor) as entries:
                names = sorted((e.name, e.is_dir(follow_symlinks=False)) for e in entries)
            for name, is_folder in names:
                inner = f"{relative}/{name}" if relative else name
                if inner == "logs":
                    continue
                if is_folder:
                    visit(folder / name, inner)
                else:
                    check(os.stat(name, dir_fd=descriptor, follow_symlinks=False), inner)
        finally:
            os.close(descriptor)

    def check(found: os.stat_result, relative: str) -> None:
        times = [found.st_mtime] + ([found.st_atime] if access else [])
        if any(value % DAY for value in times):
            wrong.append(relative)

    visit(home, "")
    return wrong


def test_sends_withdrawals_and_repairs_leave_only_day_times(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    home = tmp_path / "home"
    monkeypatch.setenv("KIOSK_HOME", str(home))
    path = templates.template_path("course-feedback")
    survey = template("course-feedback")
    services = open_kiosk(path, path.read_bytes(), survey, news=[], checked_now=True)
    assert (home / "cache").is_dir()
    assert (home / "surveys").is_dir()

    session = services.session
    receipts = [
        send_response(
            completed_response(f"m{n}"),
            sealer=services.sealer,
            store=services.store,
            session=session,
            audit=services.audit,
        )
        for n in range(8)
    ]
    record_decline(services.store, session, services.audit)
    # Straight after the sends, before anything reads the files: both times, for
    # everything the sends wrote (keys and survey copies are read at start-up).
    sent = {"audit.jsonl", "audit.jsonl.lock", "sessions", f"sessions/{session.id}"}
    assert [
        name
        for name in not_at_midnight(home, access=True)
        if name in sent or name.startswith(f"sessions/{session.id}/")
    ] == []

    assert services.withdraw(receipts[2].code)[0]
    part = home / "sessions" / session.id / part_name(1)
    os.truncate(part, part.stat().st_size // 2)
    assert services.store.recover()  # a damaged copy is set aside
    forget_old_receipts(services.store, 0, dt.date(2099, 1, 1))
    assert not_at_midnight(home) == []


def test_day_start_is_midnight_utc() -> None:
    assert day_start(1_765_000_000.5) == 1_764_979_200.0  # 2025-12-06 00:00:00 UTC
    assert day_start(1_764_979_200.0) == 1_764_979_200.0


def test_a_new_session_folder_and_its_lock_get_the_day(tmp_path: Path) -> None:
    sealer, _ = demo_keys(tmp_path / "keys")
    store = TinyDbResponseStore(tmp_path / "sessions")
    send_response(
        completed_response(), sealer=sealer, store=store, session=SessionInfo("s-1", "2026-03-12")
    )
    assert not_at_midnight(tmp_path) == []


def test_reading_the_answers_back_leaves_file_access_times_alone(tmp_path: Path) -> None:
    """An export reads every stored file; their access times still say the day only."""
    sealer, _ = demo_keys(tmp_path / "keys")
    store = TinyDbResponseStore(tmp_path / "sessions")
    audit = AuditLog(tmp_path / "audit.jsonl")
    session = SessionInfo("s-read", "2026-03-12")
    for n in range(3):
        send_response(
            completed_response(f"r{n}"), sealer=sealer, store=store, session=session, audit=audit
        )
    assert len(list(store.responses())) == 3
    assert store.declines(session.id) == 0
    assert audit.verify() is None
    assert len(audit.entries()) == 3
    wrong = not_at_midnight(tmp_path, access=True)
    read = [n for n in wrong if n == "audit.jsonl" or n.startswith("sessions/s-read/")]
    assert [n for n in read if (tmp_path / n).is_file()] == []
