"""What each focus group decided, as an export may publish it: ``session_decisions``.

A focus-group session keeps, in its ``session.json``, the plan it ran (table
``plan``), its ideas (``idea_pool``) and its ranking rounds (``idea_rounds``).
This reads them for the export (and the impact report) and gives back only
what may leave the room:

* the session's day, the plan's title and its stages (headings and timers);
* each **closed** ranking round: the ideas in order with their Borda points (or
  dots) and rank sums, how many voted, and by stakeholder group only what the
  one disclosure engine lets be shown (``surveys.idea_ranking.results``, which
  asks ``surveys.disclosure_polls.protect_scores``; a group of fewer than 5 is
  shown as "<5", its scores hidden), with the sentences saying where groups
  agree. A round still open is left out entirely: nothing about it changes an
  export, so two exports either side of one more ballot are the same;
* each combined idea with the original wordings it brings together;
* how many ideas each group wrote, for the whole pool only, through the same
  engine's one-way rules. No idea is ever tied to a group.

Every idea's words are put through the one PII scrubber (``surveys.pii``), the
export's own ``Scrubber`` with the coordinator's names list, as quotes are. The
words are taken from the copy sealed to the coordinator's key when the key is
given; otherwise from what the session could still read (the masked words the
room was shown).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from exports.report_words import reason_text
from surveys import groups
from surveys.catalogues import N_, Words, words
from surveys.disclosure import (
    Reason,
    Released,
    Suppression,
    protect_one_way,
    release,
)
from surveys.errors import PlainError
from surveys.idea_ranking import (
    ALL_HIDDEN_NOTE,
    TOO_FEW_NOTE,
    RankResults,
    RankTally,
    Score,
    Style,
    places,
    results,
)
from surveys.ideas import Idea, IdeaPool
from surveys.languages import SOURCE_LANGUAGE
from surveys.pii import Scrubber
from surveys.plan_model import StageKind
from surveys.plan_record import PlanOutline, round_id_for
from surveys.poll_results import POLL_THRESHOLDS
from surveys.polls import PollStatus
from surveys.sealing import Opener
from surveys.storage import SessionInfo
from surveys.storage.tinydb_ideas import POOL_TABLE, UNREADABLE_IDEA, TinyDbIdeaStore
from surveys.storage.tinydb_plan_progress import TinyDbPlanStore
from surveys.storage.tinydb_session_files import SessionFiles

BORDA = "borda"
DOTS = "dots"
SCORE_WORDS = {BORDA: "points", DOTS: "dots"}
EVERYONE = "Everyone"
SEALED_WORDS = N_("(The words of this idea are sealed, and this key could not open them.)")
GROUP_RULES = POLL_THRESHOLDS
"""The rules a ranking's numbers were shown to the room under, and are exported under."""
ENGLISH = words(SOURCE_LANGUAGE)

SHARED_WORDS = (
    # surveys.groups: each group's name and its plural, as the report names them.
    N_("Someone with lived experience"),
    N_("A family member, carer or supporter"),
    N_("A clinician or health professional"),
    N_("A peer support worker"),
    N_("Someone from a charity or voluntary group (third sector)"),
    N_("Someone from government or a commissioner"),
    N_("Other"),
    N_("people with lived experience"),
    N_("carers or family members"),
    N_("clinicians or health professionals"),
    N_("peer support workers"),
    N_("people from charities or voluntary groups"),
    N_("government or commissioners"),
    N_("people from other groups"),
    # surveys.idea_ranking: where groups agree, and the lists of groups in it.
    N_("people who didn't say"),
    N_("{groups} both put {idea} in their top {top}."),
    N_("{groups} all put {idea} in their top {top}."),
    N_("{groups} put {idea} in their top {top}, but {others} did not."),
    N_("{first} and {second}"),
    N_("{items} and {last}"),
    N_("The results are hidden: showing them would let people work out how others voted."),
)
"""Messages written in ``surveys`` (in English) that the report says in its own
language: marked here so they are in the report's catalogue (a test checks each is
still word for word the core's)."""
TOO_FEW_VOTES = N_("Fewer than {count} votes, so no results are shown.")


@dataclass(frozen=True, slots=True)
class Stage:
    """One stage of the plan the session ran."""

    kind: str
    title: str
    minutes: int


@dataclass(frozen=True, slots=True)
class RankedIdea:
    """One idea in a round's overall order (best first)."""

    place: int | None
    """1 for the top; ideas with the same score share a place ("1, 2, 2, 4"); None
    for an idea whose total is not shown (they come last, in no order)."""
    idea: str
    """The wording, personal details masked."""
    combines: int
    """How many ideas it brings together (0 for an idea that combines none)."""
    originals: tuple[str, ...]
    """For a combined idea, the original wordings (masked)."""
    score: int | str
    """Borda points for a top-k ranking, dots for dots; "<5" for a total of 1 to 4
    and "hidden" for one hidden so that it can't be worked out."""
    rank_sum: int | None
    """Top-k only: lower is better (an idea outside someone's top k counts k + 1)."""


@dataclass(frozen=True, slots=True)
class GroupResult:
    """One stakeholder group's part in a round, as the disclosure engine allows."""

    group: str
    """The group in plain words."""
    voters: str
    """How many in the group voted: a number, or "<5"."""
    scores: tuple[tuple[str, int | str], ...] | None
    """(idea wording, score) in the round's overall order; None when hidden."""
    why: str = ""
    """Why the scores are hidden, in plain words."""
    reason: Reason | None = None


@dataclass(frozen=True, slots=True)
class RoundDecision:
    """One closed ranking round."""

    round_id: str
    title: str
    style: str
    """"top" (put a top few in order) or "dots"."""
    size: int
    """k for a top-k ranking, the dots each person had for dots."""
    score_kind: str
    """``BORDA`` or ``DOTS``."""
    voters: int
    ideas: tuple[RankedIdea, ...]
    """Best first; empty when the numbers may not be shown (``note`` says why)."""
    groups: tuple[GroupResult, ...]
    agreements: tuple[str, ...]
    note: str = ""

    @property
    def voters_shown(self) -> Released:
        """How many voted, as published: 1 to 4 is "<5" (the room's rules)."""
        small = 0 < self.voters < GROUP_RULES.cell_min
        return release(self.voters, Reason.SMALL if small else None, GROUP_RULES)


@dataclass(frozen=True, slots=True)
class CombinedIdea:
    """An idea on the list that brings others together, with their original wordings."""

    idea: str
    originals: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class SessionDecisions:
    """One focus-group session, ready to publish."""

    date: str
    """The day only, ``YYYY-MM-DD``."""
    plan: str
    """The plan's title ("" when the session kept no plan)."""
    stages: tuple[Stage, ...]
    rounds: tuple[RoundDecision, ...]
    combined: tuple[CombinedIdea, ...]
    ideas_written: tuple[tuple[str, Released], ...]
    """How many ideas each group wrote, for the whole pool (protected)."""
    ideas_total: Released
    hidden: tuple[Suppression, ...]
    """Every number hidden here, for the export's list of hidden numbers."""

    @property
    def name(self) -> str:
        """How lists name the session: "Priority setting (2026-11-25)"."""
        return _name(self.plan, self.date)


def _name(plan: str, date: str, say: Words = ENGLISH) -> str:
    if plan:
        return say(N_("{plan} ({date})"), plan=plan, date=date)
    return say(N_("Focus group ({date})"), date=date)


def session_decisions(
    sessions_root: Path,
    sessions: Iterable[SessionInfo],
    *,
    opener: Opener | None = None,
    scrubber: Scrubber | None = None,
    say: Words = ENGLISH,
) -> tuple[SessionDecisions, ...]:
    """What each focus-group session among ``sessions`` decided (oldest first).

    ``sessions_root`` is the folder of session folders (the response store's
    root). Sessions that ran no plan and hold no ideas are left out. ``opener``
    (the coordinator's key) opens each idea's sealed words; ``scrubber`` masks
    personal details in them (the shared scrubber when None).
    """
    scrub = scrubber or Scrubber()
    files = SessionFiles(sessions_root)
    plans = TinyDbPlanStore(sessions_root)
    ideas = TinyDbIdeaStore(sessions_root)
    found = []
    for session in sorted(sessions, key=lambda s: (s.date, s.id)):
        outline = plans.outline(session.id)
        pool = ideas.pool(session.id)
        tallies = ideas.rounds(session.id)
        if outline is None and not pool.ideas and not tallies:
            continue
        rows = files.session_rows(session.id, POOL_TABLE)
        stored = rows[0].get("ideas") if rows else None
        _put_words(pool, stored if isinstance(stored, list) else [], opener, scrub, say)
        found.append(_session(session, outline, pool, tallies, say))
    return tuple(found)


class _MaskedIdea(Idea):
    """An idea whose ``text`` is already masked by the export's scrubber.

    Masking masked words again can change them ("named [name]" gives "[name]]"),
    so what the ranking results and agreement sentences show is the text as it is.
    """

    @property
    def display_text(self) -> str:
        return self.text


def _put_words(
    pool: IdeaPool,
    stored: Sequence[object],
    opener: Opener | None,
    scrub: Scrubber,
    say: Words = ENGLISH,
) -> None:
    """Give each idea its best readable words, masked once by the export's scrubber."""
    by_id = {str(row.get("id")): row for row in stored if isinstance(row, dict)}
    masked: list[Idea] = []
    for idea in pool.ideas:
        row = by_id.get(idea.id, {})
        text = _unsealed(row.get("sealed"), opener)
        if text is None and idea.text != UNREADABLE_IDEA:
            text = idea.text
        shown = row.get("shown")
        if text is None and isinstance(shown, str):
            text = shown  # already masked once, by the shared scrubber
        words = say(SEALED_WORDS) if text is None else scrub.scrub(" ".join(text.split())).text
        masked.append(
            _MaskedIdea(
                idea.id, words, idea.status, idea.clarified, idea.combines, idea.merged_into
            )
        )
    pool.ideas = masked


def _unsealed(sealed: object, opener: Opener | None) -> str | None:
    if opener is None or not isinstance(sealed, str):
        return None
    try:
        record = opener.open(sealed)
    except PlainError:  # sealed to another key: fall back to what the session can read
        return None
    text = record.get("text")
    return text if record.get("kind") == "focus-group-idea" and isinstance(text, str) else None


def _session(
    session: SessionInfo,
    outline: PlanOutline | None,
    pool: IdeaPool,
    tallies: dict[str, RankTally],
    say: Words = ENGLISH,
) -> SessionDecisions:
    plan = outline.title if outline else ""
    stages = (
        tuple(Stage(s.kind.value, s.title, s.minutes) for s in outline.stages) if outline else ()
    )
    titles = _round_titles(outline)
    order = list(titles)
    closed = sorted(
        (t for t in tallies.values() if t.status is PollStatus.CLOSED),
        key=lambda t: (
            order.index(t.round_id) if t.round_id in order else len(order),
            t.round_id,
        ),
    )
    where = _name(plan, session.date, say)
    hidden: list[Suppression] = []
    rounds = []
    for number, tally in enumerate(closed, start=1):
        title = titles.get(tally.round_id) or say(N_("Ranking {number}"), number=number)
        decided = _round(tally, pool, title, say)
        rounds.append(decided)
        hidden += [
            Suppression(
                say(N_("{session}: {ranking}"), session=where, ranking=title),
                say(N_("{group}'s scores"), group=g.group),
                g.reason or Reason.TOO_FEW,
                g.why,
            )
            for g in decided.groups
            if g.scores is None
        ]
    written, total, written_hidden = _ideas_written(pool, where, say)
    combined = tuple(
        CombinedIdea(idea.text, tuple(pool.history(idea.id)))
        for idea in pool.in_play()
        if idea.combines
    )
    return SessionDecisions(
        session.date, plan, stages, tuple(rounds), combined, written, total,
        (*hidden, *written_hidden),
    )  # fmt: skip


def _round_titles(outline: PlanOutline | None) -> dict[str, str]:
    """Round id → its stage's heading, in the plan's order."""
    if outline is None:
        return {}
    return {
        round_id_for(i): stage.title
        for i, stage in enumerate(outline.stages)
        if stage.kind is StageKind.RANK
    }


def _round(tally: RankTally, pool: IdeaPool, title: str, say: Words = ENGLISH) -> RoundDecision:
    top = tally.size if tally.style is Style.TOP else 3
    shown: RankResults = results(tally, pool, top, say)
    kind = BORDA if tally.style is Style.TOP else DOTS
    ideas = _places(shown.overall, pool)
    words = {s.idea_id: s.words for s in shown.overall}
    group_results = []
    for part in shown.by_group:
        name = _group_words(part.group, say)
        voters = GROUP_RULES.small_label if part.voters < GROUP_RULES.cell_min else str(part.voters)
        if part.scores is None:
            reason = part.reason or Reason.TOO_FEW
            why = _why(reason, say)
            group_results.append(GroupResult(name, voters, None, why, reason))
        else:
            by_idea = {s.idea_id: _value(s) for s in part.scores}
            scores = tuple((words[s.idea_id], by_idea.get(s.idea_id, 0)) for s in shown.overall)
            group_results.append(GroupResult(name, voters, scores))
    return RoundDecision(
        tally.round_id,
        title,
        tally.style.value,
        tally.size,
        kind,
        shown.votes,
        ideas,
        tuple(group_results),
        shown.agreements,
        _note(shown.note, say),
    )


def _note(note: str, say: Words) -> str:
    """Why a round shows no results, in the report's language."""
    if note == TOO_FEW_NOTE:
        return say(TOO_FEW_VOTES, count=GROUP_RULES.min_respondents)
    if note == ALL_HIDDEN_NOTE:
        return say(ALL_HIDDEN_NOTE)
    return note


NOT_SAID_WORDS = N_("People who didn't say their group")


def _group_words(group_id: str, say: Words = ENGLISH) -> str:
    """A group in plain words ("Prefer not to say" is what a voter chose, not a group)."""
    return say(NOT_SAID_WORDS if group_id == groups.NOT_SAID else groups.label(group_id))


def _why(reason: Reason, say: Words = ENGLISH) -> str:
    """Why a group's scores are not shown, in plain words."""
    if reason is Reason.TOO_FEW:
        return say(
            N_(
                "Fewer than {count} people in this group voted, so their "
                "choices are not shown on their own."
            ),
            count=GROUP_RULES.cell_min,
        )
    if reason is Reason.SECONDARY:
        return say(
            N_(
                "Not shown on their own, so that a smaller group's choices can't be "
                "worked out from the totals."
            )
        )
    if reason is Reason.SMALL:
        return say(
            N_(
                "Some of this group's totals are 1 to {small} points, which come from "
                "one or two people's choices, so they are not shown on their own."
            ),
            small=GROUP_RULES.cell_min - 1,
        )
    return reason_text(say, reason, GROUP_RULES)  # in English word for word ``explain``


def _why_ideas(reason: Reason, say: Words = ENGLISH) -> str:
    """Why a count of ideas written is not shown, in plain words."""
    if reason is Reason.SMALL:
        return say(
            N_("Between 1 and {small} ideas: hidden so that nobody's ideas can be singled out."),
            small=GROUP_RULES.cell_min - 1,
        )
    if reason is Reason.TOO_FEW:
        return say(
            N_("Fewer than {count} ideas in all, so no numbers are shown."),
            count=GROUP_RULES.min_respondents,
        )
    return reason_text(say, reason, GROUP_RULES)  # in English word for word ``explain``


def _value(score: Score) -> int | str:
    """A score as shown: its number, or the label standing in for it."""
    return score.points if score.points is not None else score.shown


def _places(overall: Sequence[Score], pool: IdeaPool) -> tuple[RankedIdea, ...]:
    """The overall order with places; equal scores share a place; a total that is not
    shown has no place."""
    ranked = []
    for place, score in zip(places(overall), overall, strict=True):
        idea: Idea = pool.find(score.idea_id)
        ranked.append(
            RankedIdea(
                place=place,
                idea=score.words,
                combines=len(idea.combines),
                originals=score.originals,
                score=_value(score),
                rank_sum=score.rank_sum,
            )
        )
    return tuple(ranked)


def _ideas_written(
    pool: IdeaPool, where: str, say: Words = ENGLISH
) -> tuple[tuple[tuple[str, Released], ...], Released, tuple[Suppression, ...]]:
    """How many ideas each group wrote, protected as one list of counts."""
    if pool.collecting or not pool.writers:
        # While people are still writing the group counts stay locked: none are given.
        return (), Released(None, "hidden", Reason.WITHHELD), ()
    order = [g.id for g in groups.GROUPS] + [groups.NOT_SAID]
    counts = {g: pool.writers[g] for g in order if pool.writers.get(g, 0)}
    counts |= {g: n for g, n in sorted(pool.writers.items()) if g not in counts and n}
    cells, total = protect_one_way(counts, GROUP_RULES)
    named = tuple((_group_words(g, say), cells[g]) for g in counts)
    hidden = tuple(
        Suppression(
            say(N_("{session}: ideas written"), session=where),
            name,
            cell.reason,
            _why_ideas(cell.reason, say),
        )
        for name, cell in named
        if cell.reason is not None
    )
    return named, total, hidden
