"""The release ledger: which responses each export covered, so exports remember each other.

Two exports whose responses differ by one person give that person's answers away:
every table moves by their answers, every count of comments by theirs. So each
export notes, in ``<data home>/exports/releases.json`` (beside the review file, never
in the shared export folder), the set of responses it covered per survey — as keyed
hashes of the stored record ids, never answers — and an export whose responses
differ from an earlier overlapping one by 1 to ``cell_min - 1`` responses is refused
with a plain message. Exporting exactly the same responses again is allowed (and
gives the same figures), as is a difference of ``cell_min`` or more.

This is the "refuse" answer to differencing; see docs/export.md for why not noise.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path

from surveys.errors import PlainError
from surveys.storage.atomic import DamagedFileError, dump_json, read_json, write_bytes_atomic

LEDGER_FILE = "releases.json"
COMMENTS_KEPT = "/kept"
COMMENTS_QUOTED = "/quoted"
"""Group names end so for a free-text question's kept and quoted comments."""
LEDGER_KIND = "coproduction-kiosk release ledger"

Population = Mapping[str, frozenset[str]]
"""Survey id → the keyed hashes of the responses an export covers."""


class LedgerError(PlainError):
    """The export would let a comparison with an earlier one show someone's answers."""


def population(secret: bytes, responses: Iterable[tuple[str, str]]) -> dict[str, frozenset[str]]:
    """Per survey, keyed hashes of (survey id, record id) pairs: nothing about answers."""
    found: dict[str, set[str]] = {}
    for survey_id, record_id in responses:
        digest = hmac.new(secret, record_id.encode("utf-8"), hashlib.sha256).hexdigest()[:24]
        found.setdefault(survey_id, set()).add(digest)
    return {survey: frozenset(ids) for survey, ids in found.items()}


def ledger_secret(review_secret: bytes) -> bytes:
    """The ledger's own key, from the coordinator's key (so the file names no record)."""
    return hashlib.sha256(b"coproduction-kiosk release ledger v1" + review_secret).digest()


def _is_comments(group: str) -> bool:
    return group.endswith((COMMENTS_KEPT, COMMENTS_QUOTED))


def too_close(earlier: frozenset[str], now: frozenset[str], cell_min: int) -> bool:
    """True when two overlapping populations differ by 1 to ``cell_min - 1`` responses."""
    if not earlier & now:
        return False
    return 0 < len(earlier ^ now) < cell_min


@dataclass(frozen=True)
class Ledger:
    """The earlier releases kept in one file."""

    path: Path

    def releases(self) -> list[dict[str, object]]:
        """The recorded releases (oldest first). Raises ``LedgerError`` when damaged."""
        try:
            document = read_json(self.path)
        except (DamagedFileError, OSError) as error:
            raise LedgerError(self._damaged()) from error
        if document is None:
            return []
        if not isinstance(document, dict) or document.get("kind") != LEDGER_KIND:
            raise LedgerError(self._damaged())
        releases = document.get("releases")
        if not isinstance(releases, list) or not all(isinstance(r, dict) for r in releases):
            raise LedgerError(self._damaged())
        return releases

    def _damaged(self) -> str:
        return (
            f"The list of earlier exports ({self.path}) could not be read, so this export "
            "can't be checked against them. Nothing was exported. If you have a copy of "
            "that file, put it back; otherwise ask the person who looks after the data."
        )

    def check(self, now: Population, cell_min: int) -> None:
        """Raise ``LedgerError`` when ``now`` is too close to an earlier release."""
        for release in self.releases():
            surveys = release.get("surveys")
            if not isinstance(surveys, dict):
                raise LedgerError(self._damaged())
            # Responses first: that message says the most when both differ.
            for survey_id, ids in sorted(now.items(), key=lambda item: _is_comments(item[0])):
                earlier = surveys.get(survey_id)
                if not isinstance(earlier, list) or not too_close(
                    frozenset(earlier), ids, cell_min
                ):
                    continue
                if _is_comments(survey_id):
                    raise LedgerError(
                        f"Since the export made on {release.get('made_on', 'an earlier day')}, "
                        f"fewer than {cell_min} comments have been kept, left out or given a "
                        "new theme. Comparing the two exports could show one person's comment "
                        f"and theme, so nothing was exported. Review at least {cell_min} more "
                        "comments first, or re-export with the same review decisions."
                    )
                raise LedgerError(
                    f"This export covers almost the same people as the export made on "
                    f"{release.get('made_on', 'an earlier day')}: fewer than {cell_min} "
                    "answers are different. Comparing the two could show how those people "
                    f"answered, so nothing was exported. Wait until at least {cell_min} "
                    "more people have answered, or re-export the same data."
                )

    def record(self, now: Population, made_on: dt.date) -> None:
        """Add this release (unless the very same responses are already recorded)."""
        releases = self.releases()
        entry = {"made_on": made_on.isoformat(), "surveys": {s: sorted(i) for s, i in now.items()}}
        if any(r.get("surveys") == entry["surveys"] for r in releases):
            return
        document = {"kind": LEDGER_KIND, "releases": [*releases, entry]}
        self.path.parent.mkdir(parents=True, exist_ok=True)
        write_bytes_atomic(self.path, dump_json(document), mode=0o600)
