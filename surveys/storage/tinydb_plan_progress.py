"""A running plan's place, kept in the session's ``session.json`` (table ``plan``).

One row: the plan's outline (headings and prompts, no answers), the console's
progress (``PlanRun.save()``, so a restarted console resumes at its stage with its
timer) and the stage now (``StageNow``), which the phone page, the passed tablet
and the shared screen read to know what to take in and show. Written under the
session's lock with the same atomic writes and backups as the rest of the file.
Nothing here is secret or tied to a person: it is the facilitator's plan and
where the room has got to.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from tinydb import TinyDB

from surveys.plan_progress import PlanRun
from surveys.plan_record import PlanOutline, StageNow
from surveys.storage import SessionInfo
from surveys.storage.tinydb_session_files import SessionFiles

PLAN_TABLE = "plan"


class TinyDbPlanStore:
    """Where a session's plan stands, under ``root/<session>/session.json``."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self._files = SessionFiles(root)

    def save(self, session: SessionInfo, run: PlanRun) -> None:
        """Keep the run's place (after every step the facilitator takes)."""
        stage = StageNow.of(run)
        row: dict[str, Any] = {
            "outline": PlanOutline.of(run.plan).to_dict(),
            "progress": run.save(),
            "now": None if stage is None else stage.to_dict(),
            "finished": run.finished,
        }

        def write(database: TinyDB) -> None:
            table = database.table(PLAN_TABLE)
            table.truncate()
            table.insert(row)

        self._files.change_session(session, write)

    def _row(self, session_id: str) -> dict[str, Any] | None:
        rows = self._files.session_rows(session_id, PLAN_TABLE)
        return dict(rows[0]) if rows else None

    def progress(self, session_id: str) -> object | None:
        """The saved progress for ``PlanRun.restore`` (None when no plan has run)."""
        row = self._row(session_id)
        return None if row is None else row.get("progress")

    def now(self, session_id: str) -> StageNow | None:
        """The stage now (None before the start, after the end, or when unreadable)."""
        row = self._row(session_id)
        return None if row is None else StageNow.from_dict(row.get("now"))

    def outline(self, session_id: str) -> PlanOutline | None:
        """The plan the session ran, or None."""
        row = self._row(session_id)
        return None if row is None else PlanOutline.from_dict(row.get("outline"))
