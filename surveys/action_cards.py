""" "You said — We did" cards: the words one shared action shows, on every surface.

The kiosk's welcome and idle screens, the phone pages and the poster all show an
action the same way: "You said: …" then, by where it stands, "We did: …", "We are
doing: …", "We will: …" or "We could not do this because …". Only actions the
coordinator marked ready to share become cards, and only when the whole card is
short enough to read at a glance (``CARD_MOST_WORDS``); the checker warns about
longer ones so the coordinator can shorten them. What people said passes through
the one PII scrubber (``surveys.pii``) once more before it is shown.
"""

from __future__ import annotations

from dataclasses import dataclass

from surveys.action_model import Action, ActionLog, ActionStatus

CARD_MOST_WORDS = 40
"""A card has fewer words than this; a longer one is not shown (the checker warns)."""

TITLE = "You said — We did"
"""The heading of every list of cards (kiosk, phone page, poster)."""

YOU_SAID = "You said:"

_OPENINGS = {
    ActionStatus.DONE: "We did:",
    ActionStatus.IN_PROGRESS: "We are doing:",
    ActionStatus.PLANNED: "We will:",
}
NOT_POSSIBLE = "We could not do this because"

_SMALL_STARTS = frozenset(
    [
        "a",
        "an",
        "it",
        "its",
        "no",
        "not",
        "our",
        "the",
        "their",
        "there",
        "these",
        "they",
        "this",
        "those",
        "we",
    ]
)
"""First words of a reason that read better in lower case after "because"."""


@dataclass(frozen=True, slots=True)
class Card:
    """One action as a card: what people said, then what came of it, each after its
    own opening words ("You said:", "We did:" …)."""

    action_id: str
    said: str
    """What people said, scrubbed, as one sentence."""
    done_opening: str
    """ "We did:", "We are doing:", "We will:" or "We could not do this because"."""
    done: str
    """What was done (or why it could not be), as one sentence."""

    @property
    def you_said(self) -> str:
        """ "You said: …"."""
        return f"{YOU_SAID} {self.said}"

    @property
    def we_did(self) -> str:
        """ "We did: …", "We are doing: …", "We will: …" or "We could not do this because …"."""
        return f"{self.done_opening} {self.done}"

    @property
    def lines(self) -> tuple[str, str]:
        """The two parts, one per line."""
        return self.you_said, self.we_did

    @property
    def text(self) -> str:
        """The whole card as one passage (for reading aloud)."""
        return f"{self.you_said} {self.we_did}"


def _sentence(text: str) -> str:
    """``text`` tidied to one line, ending with a full stop."""
    words = " ".join(text.split())
    if words and words[-1] not in ".!?":
        words += "."
    return words


def _after_because(reason: str) -> str:
    """A reason as it reads after "because": "The room closed" becomes "the room closed"."""
    words = " ".join(reason.split())
    first = words.split(" ", 1)[0]
    if first[:1].isupper() and first.lower() in _SMALL_STARTS:
        return first.lower() + words[len(first) :]
    return words


def card_for(action: Action) -> Card:
    """The card for ``action`` (whatever its length: see ``fits_card``)."""
    # What people said goes through the one scrubber again, in case a name or a
    # place was typed into the log by hand. Loaded here, not at import: the kiosk's
    # first screen imports this module for its words and needs no scrubber to draw.
    from surveys.pii import mask_text  # noqa: PLC0415

    said = _sentence(mask_text(action.you_said))
    if action.status is ActionStatus.NOT_POSSIBLE:
        reason = _after_because(action.reason) or "it was not possible"
        return Card(action.id, said, NOT_POSSIBLE, _sentence(reason))
    return Card(action.id, said, _OPENINGS[action.status], _sentence(action.we_did))


FIND_OUT = "You can find out what happened next"
_WHEN_OR_WHERE = frozenset(
    ["at", "on", "in", "every", "each", "by", "from", "after", "once", "online", "through"]
)
"""First words that mean the log's words say when or where, and read on from ``FIND_OUT``."""


def results_sentence(results_shared: str) -> str:
    """The thank-you screen's words for when and where results are shared:
    "At the café, on Mondays" becomes "You can find out what happened next at the
    café, on Mondays."; anything else follows ``FIND_OUT`` as its own sentence."""
    text = " ".join(results_shared.split())
    if not text:
        return ""
    first = text.split(" ", 1)[0].rstrip(",:")
    if first.lower() in _WHEN_OR_WHERE and (len(first) == 1 or first[1:].islower()):
        return _sentence(f"{FIND_OUT} {first.lower()}{text[len(first) :]}")
    return f"{FIND_OUT}. {_sentence(text)}"


def card_words(action: Action) -> int:
    """How many words the card for ``action`` holds: what people said and what was
    done (or, for "not possible", why), counted as the action log's checker counts."""
    done = action.reason if action.status is ActionStatus.NOT_POSSIBLE else action.we_did
    return len(action.you_said.split()) + len(done.split())


def fits_card(action: Action) -> bool:
    """True when the card for ``action`` is short enough to show (fewer than
    ``CARD_MOST_WORDS`` words; the checker warns about longer ones)."""
    return card_words(action) < CARD_MOST_WORDS and (
        len(action.you_said.split()) + len(action.we_did.split()) < CARD_MOST_WORDS
    )


def shared_cards(log: ActionLog) -> tuple[Card, ...]:
    """The cards to show: actions ready to share, short enough, in the log's order."""
    return tuple(card_for(action) for action in log.to_share() if fits_card(action))
