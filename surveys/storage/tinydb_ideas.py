"""A focus group's ideas, merges and ranking totals, in the session's TinyDB file.

Kept in ``session.json`` beside the live polls' tallies, with the same lock,
atomic writes and session-only keys (``SessionKeys``), so a restarted console
picks up the pool and its rankings where they were. What is on disk:

* **Ideas** in the pool's random order with random ids: each idea's words locked
  with the session key (padded) so the facilitator can moderate them, and sealed
  to the coordinator's public key for the record, like open poll comments. Only
  the masked words of an idea the room has seen are kept readable, and only once
  writing has stopped and every idea has a new id. No idea ever carries a group.
* **How many ideas each group wrote**, for the whole pool: locked while ideas are
  still being written (each new idea rewrites the file and the last three
  versions are kept, so two adjacent copies would tie the newest idea to its
  group), plain once writing has stopped.
* **Ranking totals**: Borda points (or dots) per idea and how many voted, overall
  and per group — never a ballot. As with a poll's votes, the group totals are
  locked while the round is open (written plain once it is closed), the overall
  totals are plain so a reboot loses no vote, and phones' vote marks are sorted.
"""

from __future__ import annotations

import copy
from collections import Counter
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

from tinydb import Query, TinyDB

from surveys import groups
from surveys.idea_ranking import RankTally, cast_ballot
from surveys.ideas import Idea, IdeaPool, IdeaStatus, Merge
from surveys.polls import PollStatus
from surveys.sealing import Sealer
from surveys.storage import SessionInfo
from surveys.storage.tinydb_session_files import SessionFiles
from surveys.storage.tinydb_tallies import PROCESS_KEYS, SessionKeys

T = TypeVar("T")

POOL_TABLE = "idea_pool"
ROUNDS_TABLE = "idea_rounds"
UNREADABLE_IDEA = (
    "(This idea was written before the console restarted. It is sealed: only the "
    "coordinator can read it.)"
)
"""What the pool shows for an idea whose session key is gone."""


class TinyDbIdeaStore:
    """The idea pool and ranking rounds under ``root/<session>/session.json``."""

    def __init__(
        self, root: Path, sealer: Sealer | None = None, keys: SessionKeys | None = None
    ) -> None:
        self.root = root
        self._files = SessionFiles(root)
        self._sealer = sealer
        self._keys = keys or PROCESS_KEYS

    # -- the pool ------------------------------------------------------------------

    def pool(self, session_id: str) -> IdeaPool:
        """The session's idea pool (an empty one before any idea came in)."""
        rows = self._files.session_rows(session_id, POOL_TABLE)
        return self._load_pool(session_id, rows[0]) if rows else IdeaPool()

    def change_pool(self, session: SessionInfo, edit: Callable[[IdeaPool], T]) -> T:
        """Apply one change to the pool under the session's lock; returns what ``edit`` does.

        An error from ``edit`` (a refused merge, say) saves nothing.
        """

        def apply(database: TinyDB) -> T:
            pool, stored = self._read_pool(session.id, database)
            result = edit(pool)
            self._save_pool(session.id, database, pool, stored)
            return result

        return self._files.change_session(session, apply)

    def _save_pool(
        self, session_id: str, database: TinyDB, pool: IdeaPool, stored: dict[int, Any]
    ) -> None:
        """Write the pool; ``stored`` holds each idea's row as read (by the idea object,
        since the end of writing gives every idea a new id)."""
        before = {idea.id: stored[id(idea)] for idea in pool.ideas if id(idea) in stored}
        self._write(database.table(POOL_TABLE), self._dump_pool(session_id, pool, before))

    def _read_pool(self, session_id: str, database: TinyDB) -> tuple[IdeaPool, dict[int, Any]]:
        """The pool, and each idea's stored row by the idea object."""
        rows = database.table(POOL_TABLE).all()
        if not rows:
            return IdeaPool(), {}
        pool = self._load_pool(session_id, dict(rows[0]))
        stored = {str(item.get("id")): item for item in rows[0].get("ideas") or []}
        return pool, {id(idea): stored[idea.id] for idea in pool.ideas if idea.id in stored}

    @staticmethod
    def _write(table: Any, stored: dict[str, Any], match: Any = None) -> None:
        rows = table.search(match) if match is not None else table.all()
        if rows:

            def replace_row(row: dict[str, Any]) -> None:
                row.clear()  # the whole row in one write: no field of an older form lingers
                row.update(stored)

            table.update(replace_row, doc_ids=[rows[0].doc_id])
        else:
            table.insert(stored)

    def _dump_pool(
        self, session_id: str, pool: IdeaPool, before: dict[str, dict[str, Any]]
    ) -> dict[str, Any]:
        stored: dict[str, Any] = {
            "ideas": [
                self._dump_idea(session_id, idea, before.get(idea.id), pool.collecting)
                for idea in pool.ideas
            ],
            "collecting": pool.collecting,
            "on_screen": pool.on_screen,
            "merges": [{"idea_id": m.idea_id, "on_screen": m.on_screen} for m in pool.merges],
            "frozen": pool.frozen,
        }
        if pool.collecting:
            stored["held_writers"] = self._keys.lock(session_id, dict(pool.writers))
        else:
            stored["writers"] = dict(pool.writers)
        return stored

    def _dump_idea(
        self, session_id: str, idea: Idea, before: dict[str, Any] | None, collecting: bool
    ) -> dict[str, Any]:
        stored: dict[str, Any] = {
            "id": idea.id,
            "status": idea.status.value,
            "clarified": idea.clarified,
            "combines": list(idea.combines),
            "merged_into": idea.merged_into,
        }
        if before is not None and self._keys.locked_elsewhere(session_id, before.get("held")):
            # Locked by an earlier run (only its shown words, if any, are readable):
            # kept exactly as it was, so the coordinator's sealed copy of the
            # original words is never lost.
            stored |= {k: before[k] for k in ("held", "sealed") if k in before}
        elif idea.text != UNREADABLE_IDEA:
            stored["held"] = self._keys.lock(session_id, {"text": idea.text})
            if self._sealer is not None:
                record: dict[str, object] = {"kind": "focus-group-idea", "text": idea.text}
                stored["sealed"] = self._sealer.seal(record)
        if idea.status is IdeaStatus.SHOWN and not collecting:
            # Only once writing has stopped (and the ids are new): a shown idea's
            # words under the id it arrived with would tie them to that moment.
            stored["shown"] = idea.display_text
        return stored

    def _load_pool(self, session_id: str, row: dict[str, Any]) -> IdeaPool:
        ideas = [self._load_idea(session_id, item) for item in row.get("ideas") or []]
        writers = row.get("writers")
        if writers is None:
            writers = self._keys.unlock(session_id, row.get("held_writers"))
        if not isinstance(writers, dict):
            # Locked by an earlier run: the ideas stand, their groups are unknown.
            written = sum(1 for idea in ideas if not idea.combines)
            writers = {groups.NOT_SAID: written} if written else {}
        on_screen = row.get("on_screen")
        return IdeaPool(
            ideas=ideas,
            writers=Counter({str(g): int(n) for g, n in writers.items()}),
            collecting=bool(row.get("collecting", True)),
            on_screen=None if on_screen is None else str(on_screen),
            merges=[
                Merge(
                    str(m["idea_id"]), None if m.get("on_screen") is None else str(m["on_screen"])
                )
                for m in row.get("merges") or []
            ],
            frozen=bool(row.get("frozen", False)),
        )

    def _load_idea(self, session_id: str, stored: dict[str, Any]) -> Idea:
        status = IdeaStatus(str(stored.get("status", IdeaStatus.HELD.value)))
        words = self._keys.unlock(session_id, stored.get("held"))
        if isinstance(words, dict) and isinstance(words.get("text"), str):
            text = str(words["text"])
        elif status is IdeaStatus.SHOWN and isinstance(stored.get("shown"), str):
            text = str(stored["shown"])
        else:
            text = UNREADABLE_IDEA
        merged_into = stored.get("merged_into")
        return Idea(
            str(stored["id"]),
            text,
            status,
            bool(stored.get("clarified", False)),
            tuple(str(i) for i in stored.get("combines") or []),
            None if merged_into is None else str(merged_into),
        )

    # -- ranking rounds --------------------------------------------------------------

    def rounds(self, session_id: str) -> dict[str, RankTally]:
        """Every ranking round of the session, by id."""
        rows = self._files.session_rows(session_id, ROUNDS_TABLE)
        return {str(row["round_id"]): self._load_round(session_id, row) for row in rows}

    def change_round(
        self, session: SessionInfo, round_id: str, edit: Callable[[RankTally, IdeaPool], None]
    ) -> RankTally:
        """Apply one change to a round (and the pool, which opening a round freezes)."""

        def apply(database: TinyDB) -> RankTally:
            pool, stored = self._read_pool(session.id, database)
            unchanged = copy.deepcopy(pool)
            table = database.table(ROUNDS_TABLE)
            rows = table.search(Query().round_id == round_id)
            tally = self._load_round(session.id, dict(rows[0])) if rows else RankTally(round_id)
            edit(tally, pool)
            if pool != unchanged:
                # The pool first (each table is its own write): a kill between the
                # two leaves a frozen pool and an unopened round, which opens again.
                self._save_pool(session.id, database, pool, stored)
            self._write(table, self._dump_round(session.id, tally), Query().round_id == round_id)
            return tally

        return self._files.change_session(session, apply)

    def cast(
        self,
        session: SessionInfo,
        round_id: str,
        ballot: object,
        group: str = groups.NOT_SAID,
        *,
        marker: str | None = None,
    ) -> RankTally:
        """Check and count one ballot under the lock (``BallotError`` and the rest as
        ``cast_ballot``); only the totals are saved."""

        def count(tally: RankTally, pool: IdeaPool) -> None:
            cast_ballot(tally, pool, ballot, group, marker=marker)

        return self.change_round(session, round_id, count)

    def _dump_round(self, session_id: str, tally: RankTally) -> dict[str, Any]:
        data = tally.to_json()
        if tally.status is not PollStatus.CLOSED:
            data["held_totals"] = self._keys.lock(
                session_id, {"voters": data.pop("voters"), "points": data.pop("points")}
            )
            overall: Counter[str] = Counter()
            for points in tally.points.values():
                overall.update(points)
            data["votes"], data["overall"] = tally.votes, dict(overall)
        return data

    def _load_round(self, session_id: str, row: dict[str, Any]) -> RankTally:
        data = dict(row)
        held = data.pop("held_totals", None)
        votes, overall = data.pop("votes", 0), data.pop("overall", {})
        if held is not None:
            totals = self._keys.unlock(session_id, held)
            if isinstance(totals, dict):
                data.update(totals)
            elif votes:
                # Locked by an earlier run: the votes stand, their groups are unknown.
                data["voters"] = {groups.NOT_SAID: votes}
                data["points"] = {groups.NOT_SAID: overall}
        return RankTally.from_json(data)
