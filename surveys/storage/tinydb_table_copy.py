"""Putting a copy of some tables into a session's ``session.json``, in one atomic write.

``kiosk merge`` uses it to bring a focus group's tables (its plan, ideas and
rankings) from a bundle: under the session's lock, the tables here are read, a
caller's rule decides whether the copy replaces them, and if so every named table
is written in one go (temp file, fsync, replace), so a power cut leaves the old
tables or the new ones, never half of each.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from pathlib import Path
from typing import Any

from tinydb import TinyDB

from surveys.storage import SessionInfo
from surveys.storage.tinydb_session_files import SessionFiles

Tables = dict[str, list[dict[str, Any]]]


def replace_tables(
    root: Path,
    session: SessionInfo,
    copy: Mapping[str, Sequence[Mapping[str, Any]]],
    wanted: Callable[[Tables], bool],
) -> bool:
    """Replace the session's tables named in ``copy`` when ``wanted(tables here)`` says so.

    Returns True when they were replaced. The session's file is made if it isn't there.
    """

    def write(database: TinyDB) -> bool:
        here: Tables = {name: [dict(r) for r in database.table(name).all()] for name in copy}
        if not wanted(here):
            return False
        document = database.storage.read() or {}
        for name, rows in copy.items():
            document[name] = {str(n): dict(row) for n, row in enumerate(rows, start=1)}
        database.storage.write(document)
        return True

    return SessionFiles(root).change_session(session, write)
