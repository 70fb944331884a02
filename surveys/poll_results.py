"""What a poll's reveal shows: its results, overall and by group, as the rules allow.

Computed from the tally alone and only ever shown after the facilitator reveals them.
Every number goes through the project's disclosure engine (``surveys.disclosure``),
so the console, the shared screen and the group view all keep the same rules.
"""

from __future__ import annotations

import functools
import statistics
from collections import Counter
from dataclasses import dataclass, replace

from surveys import groups
from surveys.disclosure import Reason, Released
from surveys.disclosure_polls import PollRelease, protect_poll
from surveys.kinds import choices
from surveys.model import Kind, Question
from surveys.polls import CommentStatus, Tally
from surveys.thresholds import SMALL_GROUP, Thresholds

GROUP_MINIMUM = 5
"""Fewest voters a group needs before its results are shown on their own."""

POLL_THRESHOLDS = replace(SMALL_GROUP, min_respondents=GROUP_MINIMUM, stats_min_n=GROUP_MINIMUM)
"""The project's small-group rules as live polls use them: counts 1 to 4 hidden (with
whatever else must go so they can't be worked out), no numbers for fewer than 5 votes,
and nothing that shows a group all giving one answer. Shown to a room, not published,
so a poll needs 5 votes rather than the report's 10."""


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
