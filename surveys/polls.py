"""Live polls: anonymous tallies and what the facilitator may show.

A vote never becomes a row about a person. Casting a vote adds to counters — per
choice, per stakeholder group, per ranking position, per word — like slips into a
ballot box. Open comments are the one exception: their words are kept, apart from
any group, in a queue the facilitator moderates before anything is shown. Each
comment goes in at a random place with a random id, so neither the queue nor the
reveal follows the order people voted in (with a tablet passed round, that order
is where they sit).

Everything here is pure: storage lives in ``surveys.storage``.
"""

from __future__ import annotations

import functools
import re
import secrets
import statistics
from collections import Counter
from dataclasses import dataclass, field, replace
from enum import StrEnum

from surveys import groups, pii
from surveys.disclosure import PollRelease, Reason, Released, protect_poll
from surveys.errors import PlainError
from surveys.kinds import check_answer, choices
from surveys.model import AnswerValue, Kind, Question
from surveys.thresholds import SMALL_GROUP, Thresholds

GROUP_MINIMUM = 5
"""Fewest voters a group needs before its results are shown on their own."""

POLL_THRESHOLDS = replace(SMALL_GROUP, min_respondents=GROUP_MINIMUM, stats_min_n=GROUP_MINIMUM)
"""The project's small-group rules as live polls use them: counts 1 to 4 hidden (with
whatever else must go so they can't be worked out), no numbers for fewer than 5 votes,
and nothing that shows a group all giving one answer. Shown to a room, not published,
so a poll needs 5 votes rather than the report's 10."""

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


# -- results (only ever shown after the facilitator reveals them) ---------------------


@dataclass(frozen=True, slots=True)
class Bar:
    """One bar of a chart; a hidden count has ``count`` 0 and says what to show instead."""

    label: str
    count: int
    hidden: str = ""
    """"<5" or "hidden" when the count may not be shown; "" when it is shown."""


@dataclass(frozen=True, slots=True)
class Results:
    """What the facilitator's reveal shows for one poll."""

    votes: int
    bars: tuple[Bar, ...] = ()
    middle: float | None = None
    order: tuple[tuple[str, int], ...] = ()
    words: tuple[tuple[str, int], ...] = ()
    comments: tuple[str, ...] = ()
    note: str = ""
    """Why some or all of the numbers are not shown ("" when all are)."""

    @property
    def withheld(self) -> bool:
        """True when nothing but the number of votes may be shown."""
        return bool(self.note) and not self.bars and not self.order and not self.words


TOO_FEW_NOTE = f"Fewer than {GROUP_MINIMUM} votes, so no numbers are shown yet."
HIDDEN_NOTE = (
    "Some numbers are hidden, so that nobody's vote can be worked out "
    f"(counts of 1 to {GROUP_MINIMUM - 1}, and any that would give them away)."
)
ALL_HIDDEN_NOTE = "The numbers are hidden: showing them would let people work out how others voted."
GROUP_NOTES = {
    Reason.TOO_FEW: "too few to show separately",
    Reason.SMALL: "hidden so that nobody's answer can be worked out",
    Reason.DOMINANCE: "hidden so that nobody's answer can be worked out",
    Reason.SECONDARY: "hidden so the smaller groups' answers can't be worked out",
}
"""Why a group is not shown. Held back for its own answers and for being all of one
answer read the same, so the words give nothing away."""


def _option_keys(question: Question) -> list[tuple[str, str]]:
    """(stored key, words) for every answer a bar is drawn for."""
    if question.kind is Kind.SCALE:
        labels = [(str(i + 1), word) for i, word in enumerate(question.scale_labels)]
    elif question.kind is Kind.RATING:
        labels = [(str(i), str(i)) for i in range(11)]
    elif question.kind is Kind.YESNO:
        labels = [("Yes", "Yes"), ("No", "No")]
    else:
        labels = [(v, question.label_for(v)) for v in choices(question)]
    if question.prefer_not_to_say and question.kind in (Kind.SCALE, Kind.RATING, Kind.YESNO):
        labels.append(("Prefer not to say", "Prefer not to say"))
    return labels


def _bars(question: Question, counts: Counter[str]) -> tuple[Bar, ...]:
    return tuple(Bar(words, counts.get(key, 0)) for key, words in _option_keys(question))


_GROUP_ORDER = [g.id for g in groups.GROUPS] + [groups.NOT_SAID]


def disclosure(
    question: Question, tally: Tally, thresholds: Thresholds = POLL_THRESHOLDS
) -> PollRelease:
    """What the disclosure engine lets a choice, scale, rating or yes/no poll show.

    Every screen that shows a poll's numbers (the console, the shared screen, the
    group view) asks here, so they all keep the same rules.
    """
    keys = [key for key, _ in _option_keys(question)]
    stray = {k for counts in tally.group_counts.values() for k in counts} - set(keys)
    keys += sorted(stray)  # never drawn, but a reader may know them: counted in the rules
    order = _GROUP_ORDER + sorted(g for g in tally.by_group if g not in _GROUP_ORDER)
    voters = tuple((g, tally.by_group[g]) for g in order if tally.by_group.get(g, 0))
    counts = tuple(
        (g, tuple(sorted(tally.group_counts.get(g, Counter()).items()))) for g, _ in voters
    )
    return _protected(counts, voters, tuple(keys), thresholds, question.kind is not Kind.MULTI)


@functools.lru_cache(maxsize=64)
def _protected(
    counts: tuple[tuple[str, tuple[tuple[str, int], ...]], ...],
    voters: tuple[tuple[str, int], ...],
    keys: tuple[str, ...],
    thresholds: Thresholds,
    one_answer: bool,
) -> PollRelease:
    """The engine's decision, remembered: a revealed poll's tally no longer changes,
    and the console and shared screen redraw it many times."""
    return protect_poll(
        {g: dict(c) for g, c in counts}, dict(voters), keys, thresholds, one_answer=one_answer
    )


def _released_bars(question: Question, release: PollRelease) -> tuple[Bar, ...]:
    return tuple(_bar(words, release.overall[key]) for key, words in _option_keys(question))


def _bar(words: str, released: Released) -> Bar:
    if released.hidden:
        return Bar(words, 0, released.shown)
    return Bar(words, released.value or 0)


def _middle(question: Question, counts: Counter[str]) -> float | None:
    if question.kind not in (Kind.SCALE, Kind.RATING):
        return None
    values = [int(k) for k, n in counts.items() if k.isdigit() for _ in range(n)]
    return float(statistics.median(values)) if values else None


def borda(question: Question, positions: dict[str, list[int]]) -> tuple[tuple[str, int], ...]:
    """Ranking order by Borda points: first place earns n-1 points, last earns 0."""
    size = len(question.options)
    points = {
        option.value: sum(
            n * (size - 1 - place)
            for place, n in enumerate(positions.get(option.value, [0] * size))
        )
        for option in question.options
    }
    ordered = sorted(question.options, key=lambda o: (-points[o.value], question.options.index(o)))
    return tuple((o.label, points[o.value]) for o in ordered)


def results(question: Question, tally: Tally, top_words: int = 20) -> Results:
    """Everything the reveal shows, computed from the tally alone.

    Numbers go through the disclosure engine: with fewer than 5 votes none are
    shown; counts of 1 to 4, and any that would give them away, are hidden; and
    nothing is shown that would tell the room that everyone in a group (or
    everyone) gave the same answer.
    """
    shown = tuple(c.display_text for c in tally.comments if c.status is CommentStatus.SHOWN)
    if question.kind is Kind.LONGTEXT:
        return Results(tally.votes, comments=shown)
    if tally.votes < POLL_THRESHOLDS.min_respondents:
        return Results(tally.votes, note=TOO_FEW_NOTE)
    if question.kind is Kind.RANKING:
        return Results(tally.votes, order=borda(question, tally.positions))
    if question.kind is Kind.TEXT:
        common = sorted(tally.words.items(), key=lambda item: (-item[1], item[0]))[:top_words]
        return Results(tally.votes, words=tuple(common))
    release = disclosure(question, tally)
    bars = _released_bars(question, release)
    if all(bar.hidden for bar in bars):
        reason = next(iter(release.overall.values())).reason if release.overall else None
        note = TOO_FEW_NOTE if reason is Reason.TOO_FEW else ALL_HIDDEN_NOTE
        return Results(tally.votes, note=note)
    if any(bar.hidden for bar in bars):
        # A middle value could narrow down the hidden counts: left out.
        return Results(tally.votes, bars, None, note=HIDDEN_NOTE)
    return Results(tally.votes, bars, _middle(question, tally.counts))


@dataclass(frozen=True, slots=True)
class GroupResults:
    """One group's results, or why they are not shown."""

    group: str
    voters: int
    bars: tuple[Bar, ...] | None
    note: str = ""


def results_by_group(question: Question, tally: Tally) -> list[GroupResults]:
    """Results split by stakeholder group, as the disclosure engine allows.

    A group is shown on its own only when it has 5 or more voters, every count in
    it is 0 or 5 or more, not all of it gave one answer, and showing it (with the
    overall results) lets nobody work out a hidden group's answers. Only choice,
    scale, rating and yes/no polls split by group (rankings, words and comments are
    not kept per group, so they cannot give anyone away).
    """
    out: list[GroupResults] = []
    if question.kind in (Kind.RANKING, Kind.TEXT, Kind.LONGTEXT):
        return out
    release = disclosure(question, tally)
    order = _GROUP_ORDER + sorted(g for g in tally.by_group if g not in _GROUP_ORDER)
    for group_id in order:
        voters = tally.by_group.get(group_id, 0)
        if not voters:
            continue
        name = groups.label(group_id)
        if group_id in release.groups:
            counts = release.groups[group_id]
            bars = tuple(_bar(words, counts[key]) for key, words in _option_keys(question))
            out.append(GroupResults(name, voters, bars))
        else:
            reason = release.group_reasons.get(group_id, Reason.SECONDARY)
            note = GROUP_NOTES.get(reason, GROUP_NOTES[Reason.SMALL])
            out.append(GroupResults(name, voters, None, note))
    return out


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


# -- masking on the shared screen ----------------------------------------------------


def mask_contact_details(text: str) -> str:
    """Mask what could identify someone before a comment is shown, even to the facilitator.

    The project's one PII engine (``surveys.pii``), the same as the export's: names,
    phone numbers, emails, addresses, dates, places and the rest.
    """
    return pii.mask_text(text)
