"""What the phone shows in a focus group's ideas and ranking stages, as plain data.

The templates stay simple (loops and ifs); here the ideas on the ballot become rows
with their masked words (``Idea.display_text``, through the one PII scrubber), what
a combined idea brings together, and what this phone already chose — read back
from the form it sent, so a ballot with a problem keeps every choice. Nothing here
stores or reads the disk.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from kiosk.web.forms import Fields
from surveys import groups
from surveys.idea_ranking import RankTally, Style
from surveys.ideas import IdeaError, IdeaPool

IDEA_FIELD = "idea"
"""The text box of the idea form."""
PLACE_FIELD = "place-{}"
"""The drop-down list for one place of a top-k ranking (from 1)."""
DOTS_FIELD = "dots-{}"
"""The number box for one idea's dots."""

_SUFFIXES = {1: "st", 2: "nd", 3: "rd"}

GROUP_CHOICES = (
    *({"id": group.id, "label": group.label} for group in groups.GROUPS),
    {"id": groups.NOT_SAID, "label": groups.label(groups.NOT_SAID)},
)
"""The optional "Which group are you in?" choices, as on the poll page."""


def ordinal(place: int) -> str:
    """ "1st", "2nd", "3rd", "4th", … "11th", "12th", "13th", "21st"."""
    suffix = "th" if 10 <= place % 100 <= 20 else _SUFFIXES.get(place % 10, "th")
    return f"{place}{suffix}"


@dataclass(frozen=True, slots=True)
class IdeaRow:
    """One idea on the ballot: its number on the list, its masked words, and, for a
    combined idea, the masked words it brings together."""

    id: str
    number: int
    words: str
    originals: tuple[str, ...] = ()
    dots: str = ""
    """What this phone typed in its dots box (kept when the ballot has a problem)."""

    @property
    def combines(self) -> str:
        """ "Brings together 3 ideas" for a combined idea, "" for any other."""
        return f"Brings together {len(self.originals)} ideas" if self.originals else ""

    @property
    def dots_field(self) -> str:
        return DOTS_FIELD.format(self.id)


@dataclass(frozen=True, slots=True)
class PlaceRow:
    """One place of a top-k ranking: "1st choice", and the idea chosen for it."""

    field: str
    label: str
    chosen: str


@dataclass(frozen=True, slots=True)
class RankView:
    """Everything the ranking page needs."""

    round_id: str
    style: str
    """"top" or "dots"."""
    size: int
    ideas: tuple[IdeaRow, ...]
    places: tuple[PlaceRow, ...] = ()

    @property
    def dots(self) -> bool:
        return self.style == Style.DOTS.value


def rank_view(tally: RankTally, pool: IdeaPool, fields: Fields | None = None) -> RankView:
    """The ballot for ``tally``'s ideas, filled in from ``fields`` when a form came back."""
    sent: Fields = fields or {}
    rows = []
    for number, idea_id in enumerate(tally.candidates, 1):
        try:
            idea = pool.find(idea_id)
        except IdeaError:  # gone from the pool (never, while the round is open)
            continue
        history = tuple(pool.history(idea_id)) if idea.combines else ()
        words = idea.display_text
        typed = _one(sent, DOTS_FIELD.format(idea_id))[:6]
        rows.append(IdeaRow(idea_id, number, words, history, typed))
    places: tuple[PlaceRow, ...] = ()
    if tally.style is Style.TOP:
        places = tuple(
            PlaceRow(
                PLACE_FIELD.format(place),
                f"{ordinal(place)} choice",
                _one(sent, PLACE_FIELD.format(place)),
            )
            for place in range(1, tally.size + 1)
        )
    return RankView(tally.round_id, tally.style.value, tally.size, tuple(rows), places)


MOST_PLACES = 50
"""The most places a top-k form is read for (a plan's k is far smaller)."""


def ballot_from(fields: Fields) -> object:
    """The ballot the form sends, as ``FocusGroup.cast`` takes it.

    Top-k (``place-N`` fields): the ideas chosen, first place first (empty places
    left out, so a missing choice is counted short and the core says how many are
    needed). Dots (``dots-<idea>`` fields): each idea's dots; an empty box is no
    dots. The core checks the ballot against the round's own style and size.
    """
    prefix = DOTS_FIELD.format("")
    if not any(name.startswith(prefix) for name in fields):
        places = (PLACE_FIELD.format(p) for p in range(1, MOST_PLACES + 1))
        return [idea for idea in (_one(fields, name) for name in places if name in fields) if idea]
    ballot: dict[str, str] = {}
    for name, values in fields.items():
        if name.startswith(prefix):
            typed = values[0].strip() if len(values) == 1 else "x"
            ballot[name[len(prefix) :]] = typed or "0"
    return ballot


def _one(fields: Mapping[str, Sequence[str]], name: str) -> str:
    values = fields.get(name, ())
    return values[0] if len(values) == 1 else ""
