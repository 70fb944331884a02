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
from kiosk.web.page_language import phone_words
from surveys.catalogues import N_, Words
from surveys.idea_ranking import RankTally, Style
from surveys.ideas import IdeaError, IdeaPool

IDEA_FIELD = "idea"
"""The text box of the idea form."""
PLACE_FIELD = "place-{}"
"""The drop-down list for one place of a top-k ranking (from 1)."""
DOTS_FIELD = "dots-{}"
"""The number box for one idea's dots."""

PLACES = (
    N_("1st choice"),
    N_("2nd choice"),
    N_("3rd choice"),
    N_("4th choice"),
    N_("5th choice"),
    N_("6th choice"),
    N_("7th choice"),
    N_("8th choice"),
    N_("9th choice"),
    N_("10th choice"),
)
"""Each place of a top-k ranking, one whole message each (every language says
ordinals its own way); a plan's k is far smaller than ten."""


def place_words(place: int, w: Words) -> str:
    """ "1st choice" … "10th choice" in the page's language; "Choice 11" after that."""
    if 1 <= place <= len(PLACES):
        return w(PLACES[place - 1])
    return w(N_("Choice {number}"), number=place)


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
    combines: str = ""
    """ "Brings together 3 ideas" (in the page's language) for a combined idea."""

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


def rank_view(
    tally: RankTally, pool: IdeaPool, fields: Fields | None = None, w: Words | None = None
) -> RankView:
    """The ballot for ``tally``'s ideas, filled in from ``fields`` when a form came back,
    with the page's own words in ``w``'s language (English when not given)."""
    w = w or phone_words("en")
    sent: Fields = fields or {}
    rows = []
    for number, idea_id in enumerate(tally.candidates, 1):
        try:
            idea = pool.find(idea_id)
        except IdeaError:  # gone from the pool (never, while the round is open)
            continue
        history = tuple(pool.history(idea_id)) if idea.combines else ()
        shown = idea.display_text
        typed = _one(sent, DOTS_FIELD.format(idea_id))[:6]
        ngettext = w.n  # marks the message for extraction as a plural
        combines = (
            ngettext("Brings together {count} idea", "Brings together {count} ideas", len(history))
            if history
            else ""
        )
        rows.append(IdeaRow(idea_id, number, shown, history, typed, combines))
    places: tuple[PlaceRow, ...] = ()
    if tally.style is Style.TOP:
        places = tuple(
            PlaceRow(
                PLACE_FIELD.format(place),
                place_words(place, w),
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
