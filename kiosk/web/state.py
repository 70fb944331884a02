"""What the phone server remembers, in memory only, and for how long.

- ``Handoffs``: one-time codes the kiosk handed out. Each lasts a fixed time and is
  claimed by the first phone that opens it; only that phone may open it again.
- ``Visits``: one participant's survey on a phone, keyed by a random cookie. Nothing
  in a visit is stored until Send; stopping, sending or going quiet for too long
  forgets it.
- ``Ballots``: which phone has voted in which poll, as (poll id, keyed hash of the
  phone's cookie) pairs — never with the vote itself.
- ``RateLimiter``: a token bucket per remote address.

Nothing here touches the disk or the network; time comes from the injected clock.
"""

from __future__ import annotations

import datetime as dt
from collections import OrderedDict
from dataclasses import dataclass, field
from enum import Enum

from kiosk.web.codes import display_code
from surveys.session import SurveySession


@dataclass(frozen=True, slots=True)
class Handoff:
    """A one-time link for one person's survey, as the kiosk shows it."""

    code: str
    url: str
    expires_at: dt.datetime

    @property
    def display_code(self) -> str:
        """The code in two groups of three, for reading and typing."""
        return display_code(self.code)


class Claim(Enum):
    """What happened when a phone opened a handoff link."""

    NEW = "new"
    """This phone is the first: a fresh visit starts."""
    SAME_PHONE = "same-phone"
    """The phone that claimed it opened it again (a reload)."""
    GONE = "gone"
    """Unknown, expired, or claimed by another phone: all look the same from outside."""


@dataclass(slots=True)
class _Pending:
    handoff: Handoff
    claimed_by: str | None = None


class Handoffs:
    """The codes handed out and not yet expired, at most ``limit`` at once."""

    def __init__(self, limit: int) -> None:
        self._limit = limit
        self._pending: OrderedDict[str, _Pending] = OrderedDict()

    def add(self, handoff: Handoff) -> None:
        """Remember a new handoff (the oldest is dropped past the limit)."""
        self._pending[handoff.code] = _Pending(handoff)
        while len(self._pending) > self._limit:
            self._pending.popitem(last=False)

    def __contains__(self, code: str) -> bool:
        return code in self._pending

    def get(self, code: str) -> Handoff | None:
        """The handoff for a code still remembered (claimed or not)."""
        pending = self._pending.get(code)
        return pending.handoff if pending is not None else None

    def claim(self, code: str, visit_id: str | None, now: dt.datetime) -> Claim:
        """Claim ``code`` for the phone holding ``visit_id`` (None: a phone with no visit)."""
        pending = self._pending.get(code)
        if pending is None or now >= pending.handoff.expires_at:
            return Claim.GONE
        if pending.claimed_by is None:
            return Claim.NEW
        if visit_id is not None and pending.claimed_by == visit_id:
            return Claim.SAME_PHONE
        return Claim.GONE

    def bind(self, code: str, visit_id: str) -> None:
        """Mark ``code`` as used by the visit ``visit_id``."""
        self._pending[code].claimed_by = visit_id

    def discard(self, code: str) -> None:
        """Forget ``code`` if no phone has claimed it (a claimed code stays with its phone)."""
        pending = self._pending.get(code)
        if pending is not None and pending.claimed_by is None:
            del self._pending[code]

    def sweep(self, now: dt.datetime) -> None:
        """Forget every expired code."""
        for code in [c for c, p in self._pending.items() if now >= p.handoff.expires_at]:
            del self._pending[code]

    def clear(self) -> None:
        """Forget everything."""
        self._pending.clear()


@dataclass(slots=True)
class Visit:
    """One participant's survey on a phone, in memory until Send or Stop."""

    id: str
    flow: SurveySession
    csrf: str
    last_seen: dt.datetime
    language: str = "en"
    """The language this person chose (``?lang=``): the survey's and the page's words."""


class Visits:
    """Visits by cookie, forgotten after ``idle`` without a request."""

    def __init__(self, idle: dt.timedelta, limit: int) -> None:
        self._idle = idle
        self._limit = limit
        self._visits: OrderedDict[str, Visit] = OrderedDict()

    def __len__(self) -> int:
        return len(self._visits)

    def __contains__(self, visit_id: str) -> bool:
        return visit_id in self._visits

    def add(self, visit: Visit) -> None:
        """Start remembering a visit (the one idle longest is dropped past the limit)."""
        self._visits[visit.id] = visit
        while len(self._visits) > self._limit:
            _, oldest = self._visits.popitem(last=False)
            oldest.flow.stop()

    def get(self, visit_id: str | None, now: dt.datetime) -> Visit | None:
        """The live visit for a cookie, touched; an expired one is forgotten."""
        if visit_id is None:
            return None
        visit = self._visits.get(visit_id)
        if visit is None:
            return None
        if now - visit.last_seen >= self._idle:
            self.forget(visit_id)
            return None
        visit.last_seen = now
        self._visits.move_to_end(visit_id)
        return visit

    def forget(self, visit_id: str) -> None:
        """Stop and drop a visit: everything it held is gone."""
        visit = self._visits.pop(visit_id, None)
        if visit is not None:
            visit.flow.stop()

    def sweep(self, now: dt.datetime) -> None:
        """Forget every visit idle for too long."""
        for visit_id in [v.id for v in self._visits.values() if now - v.last_seen >= self._idle]:
            self.forget(visit_id)

    def clear(self) -> None:
        """Forget every visit."""
        for visit_id in list(self._visits):
            self.forget(visit_id)


@dataclass
class Ballots:
    """Which (poll, phone) pairs have voted. The phone is a keyed hash, the vote absent."""

    _voted: set[tuple[str, str]] = field(default_factory=set)

    def __len__(self) -> int:
        return len(self._voted)

    def take(self, poll_id: str, phone: str) -> bool:
        """Mark a vote as started; False when this phone already voted in this poll."""
        pair = (poll_id, phone)
        if pair in self._voted:
            return False
        self._voted.add(pair)
        return True

    def give_back(self, poll_id: str, phone: str) -> None:
        """Undo ``take`` when the vote could not be counted, so the phone may try again."""
        self._voted.discard((poll_id, phone))

    def has_voted(self, poll_id: str, phone: str) -> bool:
        """True when this phone's vote in this poll was taken."""
        return (poll_id, phone) in self._voted

    def pairs(self) -> frozenset[tuple[str, str]]:
        """Everything remembered (for tests: there is nothing else)."""
        return frozenset(self._voted)

    def clear(self) -> None:
        """Forget every pair."""
        self._voted.clear()


@dataclass(slots=True)
class _Bucket:
    tokens: float
    at: float


class RateLimiter:
    """A token bucket per remote address: ``burst`` requests at once, ``rate`` a second after.

    At most ``limit`` addresses are remembered; the least recently seen is dropped
    first (it gets a full bucket when it comes back, which only errs on the kind side).
    """

    def __init__(self, rate: float, burst: int, limit: int = 10_000) -> None:
        self.rate = rate
        self.burst = burst
        self._limit = limit
        self._buckets: OrderedDict[str, _Bucket] = OrderedDict()

    def allow(self, address: str, now: float) -> float:
        """Take one token; returns 0 when allowed, else seconds until one is free."""
        bucket = self._buckets.get(address)
        if bucket is None:
            bucket = _Bucket(float(self.burst), now)
            self._buckets[address] = bucket
            while len(self._buckets) > self._limit:
                self._buckets.popitem(last=False)
        else:
            self._buckets.move_to_end(address)
            elapsed = max(0.0, now - bucket.at)
            bucket.tokens = min(float(self.burst), bucket.tokens + elapsed * self.rate)
            bucket.at = now
        if bucket.tokens >= 1.0:
            bucket.tokens -= 1.0
            return 0.0
        return (1.0 - bucket.tokens) / self.rate if self.rate > 0 else 60.0

    def sweep(self, now: float) -> None:
        """Forget addresses whose buckets would be full again anyway."""
        if self.rate <= 0:
            return
        full_after = self.burst / self.rate
        for address in [a for a, b in self._buckets.items() if now - b.at >= full_after]:
            del self._buckets[address]

    def clear(self) -> None:
        """Forget every address."""
        self._buckets.clear()
