"""How people took part in live sessions: votes and rankings from the tablet passed
round the group, and from people's own phones, counted by quarter.

Nothing new is recorded for this: every phone's vote leaves a mark beside the totals
(a keyed hash, so the same phone can't vote twice), and the passed tablet's votes
never do, so a closed poll's or ranking's votes minus its marks are the tablet's.
Only closed polls and rankings are counted; the counts are of votes, not people
(one person votes in many polls), and go through the same hiding as every table.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from pathlib import Path

from exports.impact_period import Period
from surveys.polls import PollStatus
from surveys.storage.tinydb_ideas import TinyDbIdeaStore
from surveys.storage.tinydb_tallies import TinyDbTallyStore

TABLET, PHONE = "tablet", "phone"
LIVE_ROWS = ((TABLET, "On the tablet passed round"), (PHONE, "On their own phone"))
"""The ways of voting the report counts, in the order shown."""


def live_votes(root: Path, period: Period) -> Counter[tuple[str, str]]:
    """Votes and ranking ballots in the period's closed polls and rankings, by
    (``TABLET`` or ``PHONE``, quarter key)."""
    counts: Counter[tuple[str, str]] = Counter()
    if not root.is_dir():
        return counts
    tallies, ideas = TinyDbTallyStore(root), TinyDbIdeaStore(root)
    for found in tallies.poll_sessions():
        quarter = period.quarter_of(dt.date.fromisoformat(found.session.date))
        if quarter is None:
            continue
        session_id = found.session.id
        boxes = [(t.votes, len(t.markers), t.status) for t in tallies.tallies(session_id).values()]
        boxes += [(r.votes, len(r.markers), r.status) for r in ideas.rounds(session_id).values()]
        for votes, phones, status in boxes:
            if status is not PollStatus.CLOSED:
                continue
            counts[(PHONE, quarter.key)] += min(phones, votes)
            counts[(TABLET, quarter.key)] += max(votes - phones, 0)
    return counts
