"""A focus group's record in a bundle: its plan, ideas and rankings travel with its session.

``exports.bundle`` puts, in each session's file, a ``focus_group`` object holding
the session's own ``session.json`` rows of three tables, exactly as stored:

* ``plan``: the plan's outline (headings, prompts, timers' lengths) and whether it
  finished — not the console's progress, whose clock times a coordinator never needs;
* ``idea_pool``: the ideas in their random order with random ids, each sealed to
  the coordinator's key (plus the masked words of ideas the room was shown), the
  merges, and how many ideas each group wrote (once writing had stopped);
* ``idea_rounds``: each ranking round's totals (never a ballot); an open round's
  group totals stay locked with the console's session key, which never travels.

Merging keeps whichever copy of a session's focus group is further along (more
rankings closed, more votes, more ideas and merges), so merging an older bundle
again never takes a session back. A bundle whose closed ranking has other totals
than the same closed ranking stored here is refused whole.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from surveys.idea_ranking import RankTally
from surveys.polls import PollStatus
from surveys.storage import ResponseStore, SessionInfo
from surveys.storage.tinydb_ideas import POOL_TABLE, ROUNDS_TABLE
from surveys.storage.tinydb_plan_progress import PLAN_TABLE
from surveys.storage.tinydb_session_files import SessionFiles
from surveys.storage.tinydb_table_copy import replace_tables

TABLES = (PLAN_TABLE, POOL_TABLE, ROUNDS_TABLE)
PLAN_FIELDS = ("outline", "finished")
"""What of the plan row travels: the outline, not the console's clock."""
Rows = dict[str, list[dict[str, Any]]]


def sessions_folder(store: ResponseStore) -> Path | None:
    """The folder of session folders behind a store, or None for one that keeps none."""
    root = getattr(store, "root", None)  # the TinyDB store keeps one folder per session
    return root if isinstance(root, Path) else None


def focus_group_rows(root: Path, session_id: str) -> Rows | None:
    """The session's focus-group tables as a bundle carries them (None: it has none)."""
    files = SessionFiles(root)
    rows = {table: files.session_rows(session_id, table) for table in TABLES}
    if not any(rows.values()):
        return None
    rows[PLAN_TABLE] = [{k: row[k] for k in PLAN_FIELDS if k in row} for row in rows[PLAN_TABLE]]
    return rows


def read_rows(value: object) -> Rows | None:
    """A bundle's ``focus_group`` object, checked (``ValueError`` when not in the form)."""
    if value is None:
        return None
    if not isinstance(value, dict) or set(value) - set(TABLES):
        raise ValueError("bad focus group")
    rows: Rows = {}
    for table in TABLES:
        items = value.get(table, [])
        if not isinstance(items, list) or not all(isinstance(i, dict) for i in items):
            raise ValueError("bad focus group table")
        rows[table] = [dict(i) for i in items]
    if len(rows[PLAN_TABLE]) > 1 or len(rows[POOL_TABLE]) > 1:
        raise ValueError("more than one plan or pool")
    for row in rows[ROUNDS_TABLE]:
        RankTally.from_json(_round_form(row))  # KeyError / ValueError / TypeError if not
    ids = [str(row["round_id"]) for row in rows[ROUNDS_TABLE]]
    if len(set(ids)) != len(ids):
        raise ValueError("the same ranking twice")
    return rows


def _round_form(row: Mapping[str, Any]) -> dict[str, Any]:
    """A stored round row without the parts only an open round has."""
    return {k: v for k, v in row.items() if k not in ("held_totals", "votes", "overall")}


@dataclass(frozen=True, slots=True)
class _Closed:
    voters: dict[str, int]
    points: dict[str, dict[str, int]]


def _closed(rows: Rows) -> dict[str, _Closed]:
    found = {}
    for row in rows[ROUNDS_TABLE]:
        tally = RankTally.from_json(_round_form(row))
        if tally.status is PollStatus.CLOSED:
            found[tally.round_id] = _Closed(
                dict(tally.voters), {g: dict(c) for g, c in tally.points.items()}
            )
    return found


def _votes(row: Mapping[str, Any]) -> int:
    held = row.get("votes")
    if isinstance(held, int) and not isinstance(held, bool):
        return held
    voters = row.get("voters")
    if isinstance(voters, dict):
        return sum(v for v in voters.values() if isinstance(v, int))
    return 0


def _progress(rows: Rows) -> tuple[int, ...]:
    """How far along a focus group's record is; the one further along wins a merge."""
    closed = _closed(rows)
    pool = rows[POOL_TABLE][0] if rows[POOL_TABLE] else {}
    ideas = pool.get("ideas")
    merges = pool.get("merges")
    return (
        len(closed),
        sum(sum(c.voters.values()) for c in closed.values()),
        sum(_votes(row) for row in rows[ROUNDS_TABLE]),
        len(rows[ROUNDS_TABLE]),
        0 if pool.get("collecting", True) else 1,
        len(ideas) if isinstance(ideas, list) else 0,
        len(merges) if isinstance(merges, list) else 0,
        len(rows[PLAN_TABLE]),
    )


def contradiction(root: Path, session_id: str, rows: Rows) -> str | None:
    """Plain words when a closed ranking here has other totals than the bundle's."""
    here = focus_group_rows(root, session_id)
    if here is None:
        return None
    stored = _closed(here)
    for round_id, closed in _closed(rows).items():
        same = stored.get(round_id)
        if same is not None and same != closed:
            return (
                f"The session {session_id} has a finished ranking whose totals differ "
                "from the copy stored here."
            )
    return None


def import_rows(root: Path, session: SessionInfo, rows: Rows) -> bool:
    """Keep the bundle's focus group when it is further along than the one here.

    Returns True when the bundle's copy was taken (under the session's lock, all
    three tables in one atomic write).
    """
    return replace_tables(root, session, rows, lambda here: _progress(rows) > _progress(here))
