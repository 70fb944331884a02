"""Live polls: anonymous tallies and what the facilitator may show.

A vote never becomes a row about a person. Casting a vote adds to counters — per
choice, per stakeholder group, per ranking position, per word — like slips into a
ballot box. Open comments are the one exception: their words are kept, apart from
any group, in a queue the facilitator moderates before anything is shown. Each
comment goes in at a random place with a random id, so neither the queue nor the
reveal follows the order people voted in (with a tablet passed round, that order
is where they sit).

Everything here is pure: storage lives in ``surveys.storage``, and what a reveal
shows (through the disclosure engine) in ``surveys.poll_results``.
"""

from __future__ import annotations

import re
import secrets
from collections import Counter
from dataclasses import dataclass, field
from enum import StrEnum

from surveys import groups, pii
from surveys.errors import PlainError
from surveys.kinds import check_answer
from surveys.model import AnswerValue, Kind, Question

POLL_KINDS = frozenset(
    {
        Kind.SINGLE,
        Kind.MULTI,
        Kind.SCALE,
        Kind.RATING,
        Kind.YESNO,
        Kind.RANKING,
        Kind.TEXT,
        Kind.LONGTEXT,
    }
)
"""Which question kinds can be polls: short text is a word cloud, long text open comments."""

_STOP_WORDS = frozenset(
    (
        "a",
        "an",
        "and",
        "are",
        "as",
        "at",
        "be",
        "but",
        "by",
        "for",
        "from",
        "had",
        "has",
        "have",
        "i",
        "if",
        "in",
        "is",
        "it",
        "its",
        "me",
        "my",
        "no",
        "not",
        "of",
        "on",
        "or",
        "our",
        "so",
        "that",
        "the",
        "their",
        "them",
        "they",
        "this",
        "to",
        "too",
        "was",
        "we",
        "were",
        "what",
        "when",
        "with",
        "you",
        "your",
        "very",
        "just",
        "really",
    )
)
_WORD = re.compile(r"[^\W\d_][\w'’-]*", re.UNICODE)


class PollStatus(StrEnum):
    """Where a poll is in its life."""

    WAITING = "waiting"
    OPEN = "open"
    CLOSED = "closed"


class CommentStatus(StrEnum):
    """Moderation state of one open comment."""

    PENDING = "pending"
    SHOWN = "shown"
    DROPPED = "dropped"


@dataclass
class Comment:
    """One open comment awaiting (or after) moderation."""

    id: str
    text: str
    status: CommentStatus = CommentStatus.PENDING
    edited: str | None = None

    @property
    def display_text(self) -> str:
        """What the shared screen shows: the facilitator's edit, contact details masked."""
        return mask_contact_details(self.edited if self.edited is not None else self.text)


def mask_contact_details(text: str) -> str:
    """Mask what could identify someone before a comment is shown, even to the facilitator.

    The project's one PII engine (``surveys.pii``), the same as the export's: names,
    phone numbers, emails, addresses, dates, places and the rest.
    """
    return pii.mask_text(text)


@dataclass
class Tally:
    """The ballot box for one poll."""

    poll_id: str
    votes: int = 0
    by_group: Counter[str] = field(default_factory=Counter)
    counts: Counter[str] = field(default_factory=Counter)
    group_counts: dict[str, Counter[str]] = field(default_factory=dict)
    positions: dict[str, list[int]] = field(default_factory=dict)
    words: Counter[str] = field(default_factory=Counter)
    comments: list[Comment] = field(default_factory=list)
    status: PollStatus = PollStatus.WAITING
    revealed: bool = False
    turned_away: int = 0
    """Votes refused because the room (or the voter's group) was already full."""
    markers: set[str] = field(default_factory=set)
    """One random-looking mark per phone that voted (a keyed hash of its cookie and
    this poll, never its vote), so a phone can't vote twice, even after a restart."""
    was_shown: bool = False
    """True once the results have been shown: the poll can't take votes again, or
    the change between two reveals would give the late votes away."""

    @property
    def showing(self) -> bool:
        """True when the results may be on screen: revealed, and voting has stopped."""
        return self.revealed and self.status is PollStatus.CLOSED

    def to_json(self) -> dict[str, object]:
        """The stored form (counters only; comments without any voter detail)."""
        return {
            "poll_id": self.poll_id,
            "votes": self.votes,
            "by_group": dict(self.by_group),
            "counts": dict(self.counts),
            "group_counts": {g: dict(c) for g, c in self.group_counts.items()},
            "positions": {k: list(v) for k, v in self.positions.items()},
            "words": dict(self.words),
            "comments": [
                {"id": c.id, "text": c.text, "status": c.status.value, "edited": c.edited}
                for c in self.comments
            ],
            "status": self.status.value,
            "revealed": self.revealed,
            "was_shown": self.was_shown,
            "turned_away": self.turned_away,
            "markers": sorted(self.markers),
        }

    @staticmethod
    def from_json(data: dict[str, object]) -> Tally:
        """Read the stored form back."""

        def counter(value: object) -> Counter[str]:
            return Counter({str(k): int(v) for k, v in dict(value or {}).items()})  # type: ignore[call-overload]

        comments = [
            Comment(
                str(c["id"]),
                str(c["text"]),
                CommentStatus(str(c["status"])),
                None if c.get("edited") is None else str(c["edited"]),
            )
            for c in list(data.get("comments") or [])  # type: ignore[call-overload]
        ]
        return Tally(
            poll_id=str(data["poll_id"]),
            votes=int(data.get("votes", 0)),  # type: ignore[call-overload]
            by_group=counter(data.get("by_group")),
            counts=counter(data.get("counts")),
            group_counts={
                str(g): counter(c)
                for g, c in dict(data.get("group_counts") or {}).items()  # type: ignore[call-overload]
            },
            positions={
                str(k): [int(n) for n in v]
                for k, v in dict(data.get("positions") or {}).items()  # type: ignore[call-overload]
            },
            words=counter(data.get("words")),
            comments=comments,
            status=PollStatus(str(data.get("status", PollStatus.WAITING.value))),
            revealed=bool(data.get("revealed", False)),
            was_shown=bool(data.get("was_shown", data.get("revealed", False))),
            turned_away=int(data.get("turned_away", 0)),  # type: ignore[call-overload]
            markers={str(m) for m in list(data.get("markers") or [])},  # type: ignore[call-overload]
        )


class PollClosedError(Exception):
    """A vote arrived for a poll that is not open; nothing was counted."""


class RoomFullError(Exception):
    """More votes than people: the room's headcount (or the group's) is reached.

    Nothing was counted; the tally's ``turned_away`` says how often it happened.
    """


class AlreadyVotedError(Exception):
    """This phone's mark is already on this poll: nothing was counted."""


class RevealError(PlainError):
    """A reveal or re-opening that could let someone's vote be seen arriving.

    ``message`` is plain words for the facilitator.
    """


CLOSE_FIRST = (
    "Close the poll first (press C). Results are shown only once voting has stopped, "
    "so nobody's vote can be seen arriving."
)
ALREADY_SHOWN = (
    "This poll's results have been shown, so it can't take more votes: the change "
    "would show how the late votes went. Use the next poll instead."
)


def open_for_votes(tally: Tally) -> None:
    """Start (or restart) taking votes; results are hidden while votes come in.

    A poll whose results have been shown can't be opened again (``RevealError``):
    comparing the results before and after would give away the new votes.
    """
    if tally.was_shown:
        raise RevealError(ALREADY_SHOWN)
    tally.status = PollStatus.OPEN
    tally.revealed = False


def close_for_votes(tally: Tally) -> None:
    """Stop taking votes (a vote arriving after this is refused)."""
    tally.status = PollStatus.CLOSED


def set_revealed(tally: Tally, shown: bool) -> None:
    """Show or hide the results. Showing needs a closed poll (``RevealError``)."""
    if shown and tally.status is not PollStatus.CLOSED:
        raise RevealError(CLOSE_FIRST)
    tally.revealed = shown
    tally.was_shown = tally.was_shown or shown


def new_comment_id() -> str:
    """A random id for an open comment (never a sequence that would show order)."""
    return f"c{secrets.token_hex(4)}"


def _key(value: AnswerValue) -> str:
    if isinstance(value, bool):
        return "Yes" if value else "No"
    return str(value)


def words_of(text: str) -> list[str]:
    """The words a word cloud counts: lower case, common little words left out."""
    return [
        word
        for word in (w.lower().strip("'’-") for w in _WORD.findall(text))
        if len(word) >= 3 and word not in _STOP_WORDS
    ]


def add_vote(
    tally: Tally,
    question: Question,
    raw: object,
    group: str = groups.NOT_SAID,
) -> None:
    """Count one vote. Raises ``AnswerError`` (kindly worded) when it can't be used.

    ``group`` is a stakeholder group id or ``groups.NOT_SAID``. An open comment goes
    into the queue at a random place, with a random id.
    """
    if group != groups.NOT_SAID and group not in groups.BY_ID:
        group = groups.NOT_SAID
    value = check_answer(question, raw)
    per_group = tally.group_counts.setdefault(group, Counter())
    if question.kind is Kind.MULTI:
        assert isinstance(value, tuple)
        for item in value:
            tally.counts[item] += 1
            per_group[item] += 1
    elif question.kind is Kind.RANKING:
        assert isinstance(value, tuple)
        for place, item in enumerate(value):
            row = tally.positions.setdefault(item, [0] * len(question.options))
            row[place] += 1
    elif question.kind is Kind.TEXT:
        assert isinstance(value, str)
        tally.words.update(words_of(value))
    elif question.kind is Kind.LONGTEXT:
        assert isinstance(value, str)
        place = secrets.randbelow(len(tally.comments) + 1)
        tally.comments.insert(place, Comment(new_comment_id(), value.strip()))
    else:
        tally.counts[_key(value)] += 1
        per_group[_key(value)] += 1
    tally.votes += 1
    tally.by_group[group] += 1


def add_vote_if_open(
    tally: Tally,
    question: Question,
    raw: object,
    group: str = groups.NOT_SAID,
    *,
    room: Room | None = None,
    marker: str | None = None,
) -> None:
    """Count one vote only while the poll is open, else raise ``PollClosedError``.

    Call it inside the store's locked change (``TallyStore.change``), so the status
    read here is the one the vote is saved against: a poll closed a moment ago
    counts nothing.

    With a ``room``, its headcount is the ceiling: once as many votes are counted
    as people are expected — or, when the room's groups were counted, as many from
    the voter's group as are there — the vote is refused (``RoomFullError``) and
    ``turned_away`` goes up, so the console can say so. With a ``marker`` (a
    phone's keyed hash), a second vote with the same mark is refused
    (``AlreadyVotedError``).
    """
    if tally.status is not PollStatus.OPEN:
        raise PollClosedError
    if marker is not None and marker in tally.markers:
        raise AlreadyVotedError
    if group != groups.NOT_SAID and group not in groups.BY_ID:
        group = groups.NOT_SAID
    if room is not None and room_is_full(tally, room, group):
        tally.turned_away += 1
        raise RoomFullError
    add_vote(tally, question, raw, group)
    if marker is not None:
        tally.markers.add(marker)


def room_is_full(tally: Tally, room: Room, group: str = groups.NOT_SAID) -> bool:
    """True when one more vote (from ``group``) would be more than the room holds."""
    if room.expected and tally.votes >= room.expected:
        return True
    if room.groups and group != groups.NOT_SAID:
        return tally.by_group.get(group, 0) >= room.groups.get(group, 0)
    return False


# -- the room ----------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Room:
    """Who is here today: a headcount and, optionally, numbers per group (never names)."""

    name: str
    date: str
    expected: int
    groups: dict[str, int] = field(default_factory=dict)


def representation_warnings(room: Room) -> list[str]:
    """Plain warnings when a key group is missing or one group is over half the room."""
    if not room.groups:
        return []
    warnings = []
    for group_id in groups.KEY_GROUPS:
        if room.groups.get(group_id, 0) == 0:
            plural = groups.BY_ID[group_id].plural
            warnings.append(f"No {plural} are here today.")
    total = sum(room.groups.values())
    for group_id, count in room.groups.items():
        if total and count * 2 > total:
            plural = groups.BY_ID[group_id].plural if group_id in groups.BY_ID else group_id
            warnings.append(
                f"More than half the room are {plural} ({count} of {total}). "
                "Think about how other voices will be heard."
            )
    return warnings


def voted_line(tally: Tally, room: Room) -> str:
    """ "7 of 10 have voted" — never who (and never more than the room)."""
    if room.expected:
        return f"{min(tally.votes, room.expected)} of {room.expected} have voted"
    return f"{tally.votes} have voted"
