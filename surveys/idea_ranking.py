"""Secret ranking of a focus group's ideas: ballots checked, counted as tallies only.

A ballot is a top-k ranking (first choice first) or N dots spread over ideas. It
is checked against the ideas in play when the ranking opened, then it only adds
to totals: Borda points per idea, overall and per stakeholder group, and how many
in each group voted. No ballot is kept. Like a poll's, a phone's mark (a keyed
hash, never its ballot) stops it voting twice.

Results stay hidden until the ranking is closed (``RevealError`` before). Then:
rank sums (lower is better; an idea outside someone's top k scores k + 1) and
Borda points (first of k earns k points, last earns 1), overall and by group —
by group only through the disclosure engine (``protect_scores``), and statements
of where groups agree or differ only about groups that engine lets be shown.
"""

from __future__ import annotations

import functools
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from enum import StrEnum

from surveys import groups
from surveys.catalogues import N_, Words, words
from surveys.disclosure import Reason, Released
from surveys.disclosure_polls import PollRelease, protect_scores
from surveys.errors import PlainError
from surveys.ideas import IdeaPool, stop_collecting
from surveys.languages import SOURCE_LANGUAGE
from surveys.poll_results import POLL_THRESHOLDS
from surveys.polls import AlreadyVotedError, PollClosedError, PollStatus, RevealError
from surveys.thresholds import Thresholds


class Style(StrEnum):
    """How people vote: put their top k in order, or spread dots."""

    TOP = "top"
    DOTS = "dots"


def ngettext(singular: str, plural: str, count: int) -> tuple[str, str, int]:
    """Mark a counted message for translation (extracted like ``n_``) without
    choosing its words yet: a ballot's error is told in the voter's own language."""
    return singular, plural, count


class BallotError(PlainError):
    """A ballot that can't be counted; ``message`` says why, kindly, in English, and
    ``told(words(code))`` says it in the voter's language. Nothing was counted.

    The phone page passes the phone's ``Words``; the passed tablet the kiosk
    screen's (``words(active_language())``).
    """

    def __init__(self, message: str | tuple[str, str, int], /, **values: object) -> None:
        self.words_for = message
        """The English message (``N_``), or a counted one (``ngettext``)."""
        self.values = values
        super().__init__(self.told(words(SOURCE_LANGUAGE)))

    def told(self, say: Words) -> str:
        """The message in ``say``'s language, its values filled in."""
        if isinstance(self.words_for, tuple):
            singular, plural, count = self.words_for
            return say.n(singular, plural, count, **self.values)
        return say(self.words_for, **self.values)


NOT_YET = (
    "The ranking results are hidden until voting has finished. "
    "Close the ranking first, so nobody's vote can be seen arriving."
)


@dataclass
class RankTally:
    """The ballot box for one ranking round: totals only, never a ballot."""

    round_id: str
    style: Style = Style.TOP
    size: int = 3
    """k for a top-k ranking, N for dots."""
    candidates: tuple[str, ...] = ()
    """The ideas in play when the round opened, in the pool's order."""
    status: PollStatus = PollStatus.WAITING
    voters: Counter[str] = field(default_factory=Counter)
    """How many in each group voted."""
    points: dict[str, Counter[str]] = field(default_factory=dict)
    """Per group, each idea's Borda points (top-k) or dots."""
    markers: set[str] = field(default_factory=set)
    """One keyed hash per phone that voted, never its ballot."""

    @property
    def votes(self) -> int:
        """How many ballots were counted."""
        return sum(self.voters.values())

    @property
    def most_each(self) -> int:
        """The most one voter can give one idea."""
        return self.size

    def to_json(self) -> dict[str, object]:
        """The stored form: totals only."""
        return {
            "round_id": self.round_id,
            "style": self.style.value,
            "size": self.size,
            "candidates": list(self.candidates),
            "status": self.status.value,
            "voters": dict(self.voters),
            "points": {g: dict(c) for g, c in self.points.items()},
            "markers": sorted(self.markers),
        }

    @staticmethod
    def from_json(data: Mapping[str, object]) -> RankTally:
        """Read the stored form back."""

        def counter(value: object) -> Counter[str]:
            items = value.items() if isinstance(value, dict) else ()
            return Counter({str(k): int(v) for k, v in items})

        points = data.get("points")
        candidates = data.get("candidates")
        markers = data.get("markers")
        return RankTally(
            round_id=str(data["round_id"]),
            style=Style(str(data.get("style", Style.TOP.value))),
            size=int(str(data.get("size", 3))),
            candidates=tuple(str(c) for c in candidates) if isinstance(candidates, list) else (),
            status=PollStatus(str(data.get("status", PollStatus.WAITING.value))),
            voters=counter(data.get("voters")),
            points={str(g): counter(c) for g, c in points.items()}
            if isinstance(points, dict)
            else {},
            markers={str(m) for m in markers} if isinstance(markers, list) else set(),
        )


def open_round(tally: RankTally, pool: IdeaPool, style: Style, size: int) -> None:
    """Open a ranking round over the ideas in play: no more ideas or merge changes now."""
    if tally.status is not PollStatus.WAITING:
        raise RevealError("This ranking has already been used. Start a new round instead.")
    stop_collecting(pool)
    candidates = tuple(idea.id for idea in pool.in_play())
    if len(candidates) < 2:
        raise PlainError("Show at least two ideas before the ranking starts.")
    if size < 1:
        raise PlainError("Each person needs at least one choice or one dot.")
    tally.style, tally.candidates = style, candidates
    tally.size = min(size, len(candidates)) if style is Style.TOP else size
    tally.status = PollStatus.OPEN
    pool.frozen = True


def close_round(tally: RankTally) -> None:
    """Voting has finished: a ballot arriving now is refused, results may be shown."""
    tally.status = PollStatus.CLOSED


def check_ballot(tally: RankTally, pool: IdeaPool, ballot: object) -> dict[str, int]:
    """The points a ballot gives each idea, or ``BallotError`` with plain words.

    Top-k: a list of idea ids, first choice first, exactly k of them, no repeats.
    Dots: a mapping of idea id to dots, whole numbers, adding up to at most N.
    """
    if tally.style is Style.TOP:
        if isinstance(ballot, str | bytes) or not isinstance(ballot, Sequence):
            raise BallotError(
                ngettext(
                    "Please put {count} idea in order.",
                    "Please put {count} ideas in order.",
                    tally.size,
                )
            )
        chosen = [str(item) for item in ballot]
        given: dict[str, int] = {}
    else:
        if not isinstance(ballot, Mapping):
            raise BallotError(N_("Please put your dots on the ideas you choose."))
        given = {str(k): _whole(v) for k, v in ballot.items()}
        chosen = [k for k, v in given.items() if v]
    for item in chosen:
        _check_idea(tally, pool, item)
    if tally.style is Style.TOP:
        if len(set(chosen)) != len(chosen):
            raise BallotError(
                N_("Each idea can only be chosen once. Please choose different ideas.")
            )
        if len(chosen) != tally.size:
            raise BallotError(
                ngettext(
                    "Please choose {count} idea, in order. You have chosen {chosen}.",
                    "Please choose {count} ideas, in order. You have chosen {chosen}.",
                    tally.size,
                ),
                chosen=len(chosen),
            )
        return {item: tally.size - place for place, item in enumerate(chosen)}
    if any(v < 0 for v in given.values()):
        raise BallotError(N_("Dots can't be taken away. Please use whole dots."))
    spent = sum(given.values())
    if spent < 1:
        raise BallotError(N_("Please put at least one dot on an idea."))
    if spent > tally.size:
        raise BallotError(
            ngettext(
                "You have {count} dot to spend, and have used {spent}. Please take some off.",
                "You have {count} dots to spend, and have used {spent}. Please take some off.",
                tally.size,
            ),
            spent=spent,
        )
    return {item: n for item, n in given.items() if n}


def _whole(value: object) -> int:
    if isinstance(value, bool) or not isinstance(value, int | str):
        raise BallotError(N_("Please use whole dots, like 1 or 2."))
    try:
        return int(value)
    except ValueError:
        raise BallotError(N_("Please use whole dots, like 1 or 2.")) from None


def _check_idea(tally: RankTally, pool: IdeaPool, idea_id: str) -> None:
    if idea_id in tally.candidates:
        return
    for idea in pool.ideas:
        if idea.id == idea_id and idea.merged_into is not None:
            raise BallotError(
                N_("That idea was combined with others. Please choose the combined idea instead.")
            )
    raise BallotError(N_("One of those ideas isn't on the list. Please choose again."))


def cast_ballot(
    tally: RankTally,
    pool: IdeaPool,
    ballot: object,
    group: str = groups.NOT_SAID,
    *,
    marker: str | None = None,
) -> None:
    """Check a ballot and add it to the totals; the ballot itself is not kept.

    Raises ``PollClosedError`` when the round isn't open, ``AlreadyVotedError`` for
    a phone that voted already, ``BallotError`` for a ballot that can't be used.
    Call it inside the store's locked change, like a poll vote.
    """
    if tally.status is not PollStatus.OPEN:
        raise PollClosedError
    if marker is not None and marker in tally.markers:
        raise AlreadyVotedError
    points = check_ballot(tally, pool, ballot)
    if group != groups.NOT_SAID and group not in groups.BY_ID:
        group = groups.NOT_SAID
    tally.points.setdefault(group, Counter()).update(points)
    tally.voters[group] += 1
    if marker is not None:
        tally.markers.add(marker)


# -- results --------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Score:
    """One idea's result: Borda points (or dots) and, for top-k, its rank sum."""

    idea_id: str
    points: int | None
    """None when the total may not be shown (see ``label``)."""
    rank_sum: int | None
    words: str = ""
    """The idea's words as shown (personal details masked)."""
    originals: tuple[str, ...] = ()
    """For a combined idea, the original wordings it brings together (masked)."""
    label: str = ""
    """What to show for the points: the number, or "<5" for a total of 1 to 4
    (a few points come from one or two ballots), or "hidden"."""

    @property
    def shown(self) -> str:
        """The points as shown: the number, "<5" or "hidden"."""
        return self.label or ("" if self.points is None else str(self.points))


@dataclass(frozen=True, slots=True)
class GroupScores:
    """One group's scores, or why they are not shown (``scores`` None)."""

    group: str
    voters: int
    scores: tuple[Score, ...] | None
    reason: Reason | None = None


@dataclass(frozen=True, slots=True)
class RankResults:
    """What the results show: overall order, groups, and where groups agree."""

    votes: int
    overall: tuple[Score, ...]
    """Best first; empty when the numbers may not be shown."""
    by_group: tuple[GroupScores, ...]
    agreements: tuple[str, ...]
    note: str = ""
    dots: bool = False
    """True for a dots round (scores are dots, with no rank sum)."""


TOO_FEW_NOTE = f"Fewer than {POLL_THRESHOLDS.min_respondents} votes, so no results are shown."
ALL_HIDDEN_NOTE = "The results are hidden: showing them would let people work out how others voted."
_GROUP_ORDER = [g.id for g in groups.GROUPS] + [groups.NOT_SAID]
_WHOLLY_HIDDEN = (Reason.TOO_FEW, Reason.DOMINANCE)
"""Overall totals hidden for these reasons hide the whole result."""


def _scores(
    tally: RankTally, pool: IdeaPool, released: Mapping[str, Released], voters: int
) -> tuple[Score, ...]:
    """Scores best first; totals that may not be shown come last, in the pool's order
    (they are never larger than a shown one: only the smallest totals are hidden)."""
    out = []
    for idea in tally.candidates:
        got = released[idea]
        points = None if got.hidden else (got.value or 0)
        rank_sum = None
        if points is not None and tally.style is Style.TOP:
            rank_sum = (tally.size + 1) * voters - points
        found = pool.find(idea)
        originals = tuple(pool.history(idea)) if found.combines else ()
        out.append(Score(idea, points, rank_sum, found.display_text, originals, got.shown))
    order = {idea: i for i, idea in enumerate(tally.candidates)}

    def place(score: Score) -> tuple[int, int, int]:
        if score.points is not None:
            return (0, -score.points, order[score.idea_id])
        return (1, 0, order[score.idea_id])

    return tuple(sorted(out, key=place))


def release(tally: RankTally, thresholds: Thresholds = POLL_THRESHOLDS) -> PollRelease:
    """What the disclosure engine lets this round show (refused while it is open)."""
    if tally.status is not PollStatus.CLOSED:
        raise RevealError(NOT_YET)
    order = _GROUP_ORDER + sorted(g for g in tally.voters if g not in _GROUP_ORDER)
    voters = tuple((g, tally.voters[g]) for g in order if tally.voters.get(g, 0))
    points = tuple((g, tuple(sorted(tally.points.get(g, {}).items()))) for g, _ in voters)
    spent = sum(range(1, tally.size + 1)) if tally.style is Style.TOP else None
    return _protected(points, voters, tally.candidates, thresholds, (tally.most_each, spent))


@functools.lru_cache(maxsize=32)
def _protected(
    points: tuple[tuple[str, tuple[tuple[str, int], ...]], ...],
    voters: tuple[tuple[str, int], ...],
    candidates: tuple[str, ...],
    thresholds: Thresholds,
    budget: tuple[int, int | None],
) -> PollRelease:
    """The engine's decision, remembered: a closed round's totals no longer change,
    and the console and shared screen redraw them many times. ``budget`` is the
    most one voter gives one idea and what each voter gives in all (None: varies)."""
    return protect_scores(
        {g: dict(p) for g, p in points},
        dict(voters),
        candidates,
        thresholds,
        most_each=budget[0],
        spent_each=budget[1],
    )


def results(
    tally: RankTally, pool: IdeaPool, top: int = 3, say: Words | None = None
) -> RankResults:
    """The round's results, overall and by group, as the disclosure engine allows;
    the agreement sentences in ``say``'s language (English when None).

    Raises ``RevealError`` while the round is still open.
    """
    decided = release(tally)
    votes = tally.votes
    if votes < POLL_THRESHOLDS.min_respondents:
        return RankResults(votes, (), (), (), TOO_FEW_NOTE)
    if any(r.reason in _WHOLLY_HIDDEN for r in decided.overall.values()):
        return RankResults(votes, (), (), (), ALL_HIDDEN_NOTE)
    overall = _scores(tally, pool, decided.overall, votes)
    by_group = []
    for g, count in ((g, tally.voters[g]) for g in _GROUP_ORDER if tally.voters.get(g, 0)):
        if g in decided.groups:
            by_group.append(GroupScores(g, count, _scores(tally, pool, decided.groups[g], count)))
        else:
            by_group.append(GroupScores(g, count, None, decided.group_reasons.get(g)))
    # Agreement is between stakeholder groups: those who didn't say are no group.
    shown = [s for s in by_group if s.scores is not None and s.group in groups.BY_ID]
    return RankResults(
        votes,
        overall,
        tuple(by_group),
        agreement_lines(shown, pool, top, say),
        dots=tally.style is Style.DOTS,
    )


def places(scores: Sequence[Score]) -> list[int | None]:
    """Each score's place, best first: equal scores share one ("1, 2, 2, 4"); a total
    that is not shown has no place."""
    shown = [s.points for s in scores if s.points is not None]
    return [None if s.points is None else 1 + sum(1 for p in shown if p > s.points) for s in scores]


def _tops(scores: Sequence[Score], top: int) -> set[str]:
    """Ideas in a group's top ``top``: fewer than ``top`` ideas scored strictly better."""
    return {
        s.idea_id
        for s in scores
        if s.points is not None
        and sum(1 for o in scores if o.points is not None and o.points > s.points) < top
    }


NOT_SAID_PLURAL = "people who didn't say"
AGREE_TWO = "{groups} both put {idea} in their top {top}."
AGREE_ALL = "{groups} all put {idea} in their top {top}."
AGREE_SOME = "{groups} put {idea} in their top {top}, but {others} did not."
LIST_TWO = "{first} and {second}"
LIST_MORE = "{items} and {last}"
"""The agreement sentences, each one whole message with named values, and the
patterns joining a list of groups. They are marked for translation (``N_``) where a
language other than English is asked for: the report's catalogue
(``exports.group_decisions``); ``words`` looks them up there."""


def _names(group_ids: Sequence[str], say: Words) -> str:
    """The groups' plural names joined in ``say``'s language ("a, b and c")."""
    names = [
        say(groups.BY_ID[g].plural) if g in groups.BY_ID else say(NOT_SAID_PLURAL)
        for g in group_ids
    ]
    if len(names) == 1:
        text = names[0]
    elif len(names) == 2:
        text = say(LIST_TWO, first=names[0], second=names[1])
    else:
        text = say(LIST_MORE, items=", ".join(names[:-1]), last=names[-1])
    return text


def _sentence(text: str) -> str:
    """A sentence starts with a capital, wherever its list of groups falls in it."""
    return text[:1].upper() + text[1:]


def agreement_lines(
    shown: Sequence[GroupScores], pool: IdeaPool, top: int = 3, say: Words | None = None
) -> tuple[str, ...]:
    """Where the shown groups agree and differ, in plain words (in ``say``'s language,
    English when None); hidden groups never named."""
    if len(shown) < 2:
        return ()
    say = say or words(SOURCE_LANGUAGE)
    tops = {s.group: _tops(s.scores or (), top) for s in shown}
    ids = [s.idea_id for s in shown[0].scores or ()]
    lines = []
    for idea_id in ids:
        idea = f"\u201c{pool.find(idea_id).display_text}\u201d"
        having = [s.group for s in shown if idea_id in tops[s.group]]
        if len(having) == len(shown):
            message = AGREE_TWO if len(shown) == 2 else AGREE_ALL
            lines.append(_sentence(say(message, groups=_names(having, say), idea=idea, top=top)))
        elif having:
            missing = [s.group for s in shown if s.group not in having]
            lines.append(
                _sentence(
                    say(
                        AGREE_SOME,
                        groups=_names(having, say),
                        idea=idea,
                        top=top,
                        others=_names(missing, say),
                    )
                )
            )
    return tuple(lines)
