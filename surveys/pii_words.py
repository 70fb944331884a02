"""The word lists the PII engine (``surveys.pii``) reads, and the coordinator's own list.

The shipped lists (``pii_data/``: given names, surnames, places of many origins) are
read once, on first use. Names are looked up by a key without accents and in lower
case, so Ciarán and Ciaran are the same name. Also here: the everyday capitalised
words that are never a name, and the kinds of place every town has.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache, lru_cache
from importlib import resources
from pathlib import Path

from surveys.pii_patterns import PLACE_WORDS


def wordset(words: str) -> frozenset[str]:
    """A set of words written out with spaces and line breaks."""
    return frozenset(words.split())


NOT_A_NAME_AFTER_CUE = wordset(
    """a an the and but or so to of in on at by for with from is was are be been
    not no yes very really just only also too here there this that it me you him her
    them us we they i my your his our their what who when where why how because
    if as than then now still all some any one two back later again anytime soon
    tomorrow today tonight first please whenever"""
)


@dataclass(frozen=True, slots=True)
class LocalNames:
    """The coordinator's names list: people (staff, teams) and places (wards, towns)."""

    names: tuple[str, ...] = ()
    places: tuple[str, ...] = ()

    @staticmethod
    def parse(text: str) -> LocalNames:
        """Read the list: one per line, ``#`` starts a comment.

        ``place: Ward 7`` and ``name: Priya`` say which it is; an unmarked line is a
        place when it has a word like ward, unit, hospital or road in it, else a name.
        """
        names: list[str] = []
        places: list[str] = []
        for raw in text.splitlines():
            line = raw.split("#", 1)[0].strip()
            if not line:
                continue
            label, _, rest = line.partition(":")
            kind = label.strip().lower()
            if rest.strip() and kind in {"place", "name", "person", "staff"}:
                (places if kind == "place" else names).append(rest.strip())
            elif PLACE_WORDS.search(line):
                places.append(line)
            else:
                names.append(line)
        return LocalNames(tuple(names), tuple(places))

    @staticmethod
    def load(path: Path | None) -> LocalNames:
        """Read the list from a file (none given: an empty list).

        Raises ``OSError``/``UnicodeDecodeError`` for the caller to put in plain words.
        """
        if path is None:
            return LocalNames()
        return LocalNames.parse(path.read_text(encoding="utf-8-sig"))


@cache
def word_list(name: str) -> frozenset[str]:
    """One shipped list in ``pii_data/`` (blank lines and ``#`` comments left out)."""
    text = resources.files("surveys").joinpath("pii_data", name).read_text("utf-8")
    return frozenset(
        line.strip() for line in text.splitlines() if line.strip() and not line.startswith("#")
    )


@lru_cache(maxsize=65536)
def name_key(word: str) -> str:
    """A word without accents, lower case: the key names are looked up by."""
    decomposed = unicodedata.normalize("NFKD", word.replace("ł", "l").replace("Ł", "L"))
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch)).lower()


@cache
def name_keys(name: str) -> frozenset[str]:
    """A shipped list as look-up keys (``name_key`` of each word)."""
    return frozenset(name_key(word) for word in word_list(name))


def first_names() -> frozenset[str]:
    """The shipped list of given names of many origins (``pii_data/first_names.txt``)."""
    return word_list("first_names.txt")


def ambiguous_names() -> frozenset[str]:
    """Names that are also everyday words: masked only in a name context."""
    return word_list("ambiguous_names.txt")


def surnames() -> frozenset[str]:
    """The shipped list of surnames of many origins (``pii_data/surnames.txt``)."""
    return word_list("surnames.txt")


def places() -> frozenset[str]:
    """The shipped list of UK places (``pii_data/places.txt``)."""
    return word_list("places.txt")


COMMON_CAPITALS = wordset(
    """i i'm i've i'd i'll im ive the a an and but or so if then this that these those it
    its he she they we you my our your his her their there here what when where why how
    who which thank thanks please yes no not nhs gp ok okay mental health recovery group
    team staff service services college centre center hospital ward unit clinic course
    session sessions monday tuesday wednesday thursday friday saturday sunday january
    february march april june july august september october november december christmas
    easter eid diwali ramadan english british scottish welsh irish polish god
    muslim jewish christian catholic hindu sikh buddhist atheist autistic deaf blind
    disabled black white asian mixed gay lesbian bi trans queer help nobody everyone
    anyone someone really very just so glad happy sad mind samaritans"""
)


def bare_word(word: str) -> str:
    """A word without a possessive or a trailing apostrophe ("Sarah's" → "Sarah")."""
    if word[-1] not in "s'’":
        return word
    for ending in ("'s", "’s", "'", "’"):
        if word.endswith(ending) and len(word) > len(ending):
            return word[: -len(ending)]
    return word


GENERIC_PLACES = frozenset(
    """recovery college|the recovery college|our recovery college|job centre|the job centre|
    jobcentre plus|the jobcentre plus|high street|the high street|health centre|
    the health centre|day centre|the day centre|community centre|the community centre|
    drop-in centre|the drop-in centre""".replace("\n", "")
    .replace("    ", "")
    .split("|")
)
"""Kinds of place every town has ("the Recovery College", "the High Street"): they name
no one, and this product's comments mention them all the time."""


def phrase_pattern(entry: str) -> re.Pattern[str]:
    """A local-list entry as a pattern: whole words, any case, any spacing between."""
    words = [re.escape(word) for word in entry.split()]
    return re.compile(r"(?<!\w)" + r"\s+".join(words) + r"(?!\w)", re.IGNORECASE)


def longest_first(entries: Iterable[str]) -> list[str]:
    """Entries without repeats, longest first, so "Ward 7 East" wins over "Ward 7"."""
    return sorted({e for e in entries if e.strip()}, key=lambda e: (-len(e), e))
