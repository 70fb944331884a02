"""A focus group's idea pool: ideas in, moderated, shared one at a time, merged with a record.

Nothing here records who wrote what. Each idea goes in at a random place with a
random id, so neither the list nor the round-robin follows the order people wrote
in (with a tablet passed round, that order is where they sit). The writer's
stakeholder group, when they say it, only adds one to a count for the whole pool;
no idea carries a group. Words are shown only through the project's one PII
scrubber (``surveys.pii``), like open comments in polls.

A merge keeps a record: the combined idea lists the ideas it combines, whose own
words stay attached and visible, and undoing it puts the pool back exactly as it
was. Everything here is pure; storage is ``surveys.storage.tinydb_ideas``.
"""

from __future__ import annotations

import secrets
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from enum import StrEnum

from surveys import groups, pii
from surveys.catalogues import N_
from surveys.errors import PlainError
from surveys.plurals import counted

MOST_WORDS = 280
"""Longest idea, in characters (a sentence or two)."""


class IdeaStatus(StrEnum):
    """Moderation state of one idea: held until the facilitator shows or drops it."""

    HELD = "held"
    SHOWN = "shown"
    DROPPED = "dropped"


class IdeaError(PlainError):
    """An idea, a merge or an undo that can't be done; ``message`` says why, kindly."""

    def __init__(self, template: str, **values: object) -> None:
        super().__init__(template.format(**values) if values else template)
        self.template = template
        self.values = values

    def told(self, say: Callable[..., str]) -> str:
        """The message in the words ``say`` gives: the passed tablet passes the group's
        words, a phone page its own."""
        return say(self.template, **self.values)


@dataclass
class Idea:
    """One idea: its words, never its writer.

    A combined idea has ``combines`` (the ids of the ideas it brings together, whose
    words stay in the pool); an idea that was combined has ``merged_into``.
    """

    id: str
    text: str
    status: IdeaStatus = IdeaStatus.HELD
    clarified: bool = False
    combines: tuple[str, ...] = ()
    merged_into: str | None = None

    @property
    def display_text(self) -> str:
        """What any screen shows: the words with personal details masked."""
        return pii.mask_text(self.text)

    @property
    def in_play(self) -> bool:
        """True for an idea on the list the room works with: shown and not combined away."""
        return self.status is IdeaStatus.SHOWN and self.merged_into is None

    @property
    def combined_words(self) -> str:
        """ "combines 3 ideas" for a combined idea, "" for any other."""
        return f"combines {counted(len(self.combines), 'idea')}" if self.combines else ""


@dataclass(frozen=True, slots=True)
class Merge:
    """The record of one merge, enough to undo it exactly."""

    idea_id: str
    """The combined idea the merge made."""
    on_screen: str | None
    """Which idea was on the screen before the merge."""


@dataclass
class IdeaPool:
    """Every idea of a session, in a random order, and the room's round-robin place."""

    ideas: list[Idea] = field(default_factory=list)
    writers: Counter[str] = field(default_factory=Counter)
    """How many ideas came from each stakeholder group, for the whole pool only."""
    collecting: bool = True
    """True while ideas are being written (the group counts are then kept locked)."""
    on_screen: str | None = None
    """The idea on the shared screen in the round-robin, or None."""
    merges: list[Merge] = field(default_factory=list)
    frozen: bool = False
    """True once ranking has begun: ballots name ideas, so merges can't change."""

    def find(self, idea_id: str) -> Idea:
        """The idea with this id (``IdeaError`` when there is none)."""
        for idea in self.ideas:
            if idea.id == idea_id:
                return idea
        raise IdeaError("That idea isn't in the list any more.")

    def in_play(self) -> list[Idea]:
        """The ideas the room works with, in the pool's random order."""
        return [idea for idea in self.ideas if idea.in_play]

    def held(self) -> list[Idea]:
        """Ideas waiting for the facilitator to show or drop them."""
        return [idea for idea in self.ideas if idea.status is IdeaStatus.HELD]

    def originals(self, idea_id: str) -> list[Idea]:
        """The ideas a combined idea brings together (empty for any other)."""
        return [self.find(i) for i in self.find(idea_id).combines]

    def history(self, idea_id: str) -> list[str]:
        """Every original wording behind an idea, masked: its own, or those it combines."""
        idea = self.find(idea_id)
        if not idea.combines:
            return [idea.display_text]
        return [words for i in idea.combines for words in self.history(i)]


def new_idea_id() -> str:
    """A random id (never a sequence, which would show the order ideas came in)."""
    return f"i{secrets.token_hex(4)}"


def add_idea(pool: IdeaPool, text: str, group: str = groups.NOT_SAID) -> Idea:
    """Put one idea into the moderation queue at a random place.

    Blank or over-long ideas are refused kindly (``IdeaError``). ``group`` only
    adds one to the pool's count for that group; the idea itself carries none.
    """
    words = " ".join(str(text).split())
    if not words:
        raise IdeaError(N_("Please write an idea first, or choose Pass."))
    if len(words) > MOST_WORDS:
        raise IdeaError(
            N_(
                "That idea is a bit long. Please keep it under {most} letters, "
                "or split it into two ideas."
            ),
            most=MOST_WORDS,
        )
    if not pool.collecting:
        raise IdeaError(N_("Writing ideas has finished for now. Thank you."))
    if group != groups.NOT_SAID and group not in groups.BY_ID:
        group = groups.NOT_SAID
    idea = Idea(new_idea_id(), words)
    pool.ideas.insert(secrets.randbelow(len(pool.ideas) + 1), idea)
    pool.writers[group] += 1
    return idea


def moderate(pool: IdeaPool, idea_id: str, status: IdeaStatus) -> None:
    """Hold, show or drop one idea (a combined-away idea keeps its own status)."""
    idea = pool.find(idea_id)
    if idea.combines and status is not IdeaStatus.SHOWN:
        raise IdeaError("Undo the merge first: a combined idea stays on the list.")
    idea.status = status
    if pool.on_screen == idea_id and not idea.in_play:
        pool.on_screen = None


def stop_collecting(pool: IdeaPool) -> None:
    """Writing time is over: no more ideas are taken.

    The pool is shuffled once more and every idea gets a new random id, so what the
    room is shown from now on can't be matched with the moment each idea came in
    (say, by comparing copies of the session file made while people wrote).
    """
    if not pool.collecting:
        return
    pool.collecting = False
    fresh = {idea.id: new_idea_id() for idea in pool.ideas}
    for idea in pool.ideas:
        idea.id = fresh[idea.id]
        idea.combines = tuple(fresh[i] for i in idea.combines)
        idea.merged_into = None if idea.merged_into is None else fresh[idea.merged_into]
    pool.merges = [
        Merge(fresh[m.idea_id], None if m.on_screen is None else fresh[m.on_screen])
        for m in pool.merges
    ]
    pool.on_screen = None if pool.on_screen is None else fresh[pool.on_screen]
    secrets.SystemRandom().shuffle(pool.ideas)


# -- round-robin ---------------------------------------------------------------------


def step(pool: IdeaPool, by: int) -> Idea | None:
    """Move the round-robin ``by`` ideas on (1: next, -1: previous) and return it.

    The first step shows the first idea. Stops at either end (None on an empty list).
    """
    playing = pool.in_play()
    if not playing:
        pool.on_screen = None
        return None
    ids = [idea.id for idea in playing]
    if pool.on_screen not in ids:
        index = 0 if by >= 0 else len(ids) - 1
    else:
        index = min(max(ids.index(pool.on_screen) + by, 0), len(ids) - 1)
    pool.on_screen = ids[index]
    return playing[index]


def mark_clarified(pool: IdeaPool, idea_id: str, clarified: bool = True) -> None:
    """Mark an idea as talked through (or not)."""
    pool.find(idea_id).clarified = clarified


def round_words(pool: IdeaPool) -> str:
    """ "Idea 3 of 12" for the console, or "" when none is on the screen."""
    ids = [idea.id for idea in pool.in_play()]
    if pool.on_screen not in ids:
        return ""
    return f"Idea {ids.index(pool.on_screen) + 1} of {len(ids)}"


# -- merging ----------------------------------------------------------------------


def merge(pool: IdeaPool, idea_ids: Sequence[str], wording: str) -> Idea:
    """Combine two or more ideas into one with the facilitator's ``wording``.

    The originals stay in the pool, marked as combined, and their words stay
    visible through ``history``. Raises ``IdeaError`` with plain words when it
    can't be done (nothing changes then).
    """
    if pool.frozen:
        raise IdeaError("Ranking has started, so ideas can't be combined now.")
    chosen = list(dict.fromkeys(idea_ids))
    if len(chosen) < 2:
        raise IdeaError("Choose two or more ideas to combine.")
    ideas = [pool.find(i) for i in chosen]
    if any(not idea.in_play for idea in ideas):
        raise IdeaError("Only ideas on the list can be combined.")
    words = " ".join(str(wording).split())
    if not words:
        raise IdeaError("Please give the combined idea some words.")
    if len(words) > MOST_WORDS:
        raise IdeaError(f"Please keep the combined idea under {MOST_WORDS} letters.")
    combined = Idea(new_idea_id(), words, IdeaStatus.SHOWN, combines=tuple(chosen))
    pool.merges.append(Merge(combined.id, pool.on_screen))
    pool.ideas.insert(secrets.randbelow(len(pool.ideas) + 1), combined)
    for idea in ideas:
        idea.merged_into = combined.id
    if pool.on_screen in chosen:
        pool.on_screen = combined.id
    return combined


def undo_merge(pool: IdeaPool, idea_id: str | None = None) -> list[Idea]:
    """Undo a merge (the latest when ``idea_id`` is None); returns the ideas freed.

    The pool goes back exactly as it was before that merge. A merge that a later
    merge built on is undone only after that later one (``IdeaError`` otherwise).
    """
    if pool.frozen:
        raise IdeaError("Ranking has started, so merges can't be undone now.")
    if not pool.merges:
        raise IdeaError("There is no merge to undo.")
    record = pool.merges[-1] if idea_id is None else None
    for candidate in pool.merges:
        if candidate.idea_id == idea_id:
            record = candidate
    if record is None:
        raise IdeaError("That idea wasn't made by a merge.")
    combined = pool.find(record.idea_id)
    if combined.merged_into is not None:
        raise IdeaError("Undo the later merge that used this idea first.")
    freed = [pool.find(i) for i in combined.combines]
    for idea in freed:
        idea.merged_into = None
    pool.ideas.remove(combined)
    pool.merges.remove(record)
    if pool.on_screen == combined.id:
        pool.on_screen = record.on_screen
    return freed
