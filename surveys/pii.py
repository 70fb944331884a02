"""Free-text scrubbing, offline: mask what could identify someone, then a person reviews.

Masked, in this order of precedence, each replaced by a word in brackets:

============================  ==============  ===========================================
what                          becomes         how
============================  ==============  ===========================================
email addresses               ``[email]``     pattern
web links                     ``[link]``      ``http…``, ``www.…`` or a bare web address
NHS numbers                   ``[nhs number]``10 digits passing the mod-11 check
National Insurance numbers    ``[ni number]`` two letters, six digits, A–D
UK postcodes                  ``[postcode]``  full postcodes, any case ("nr4 7tj")
phone numbers                 ``[phone]``     ``phonenumbers`` (region GB), 10+ digits
coordinator's places          ``[place]``     the local names list ("place: Ward 7")
coordinator's names           ``[name]``      the local names list (staff, teams)
titles with a name            ``[name]``      "Dr Patel", "Nurse Jo"
@handles                      ``[name]``      "@jo_smith"
common first names            ``[name]``      the shipped list, plus a following surname
other long numbers            ``[number]``    8+ digits left over (hospital numbers …)
============================  ==============  ===========================================

Decisions (see ``docs/export.md``):

* A 10-digit number that fails the NHS checksum is not called an NHS number; it is
  still masked, as ``[phone]`` or ``[number]``, because it may be a mistyped one.
* Names that are also everyday words (``pii_data/ambiguous_names.txt``: May, Will, Hope, Grace,
  Rose, Mark …) are kept, unless a title comes before ("Dr May") or a capitalised
  surname after ("May Thompson"). So "May was a hard month" keeps "May".
* Only capitalised first names are matched at the start of a sentence or anywhere;
  lower-case ones too, since people type on tablets in lower case ("sarah helped").
* Partial postcodes ("NR4") and dates are kept: alone they identify no one.

Nothing here reaches the network. The result keeps the masked spans (with what was
there, for the coordinator's eyes only) so a review screen can highlight them.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from enum import StrEnum
from functools import cache
from importlib import resources
from pathlib import Path

import phonenumbers


class Mask(StrEnum):
    """What a masked piece of text was."""

    EMAIL = "[email]"
    LINK = "[link]"
    NHS_NUMBER = "[nhs number]"
    NI_NUMBER = "[ni number]"
    POSTCODE = "[postcode]"
    PHONE = "[phone]"
    PLACE = "[place]"
    NAME = "[name]"
    NUMBER = "[number]"


_PRECEDENCE = {mask: rank for rank, mask in enumerate(Mask)}


_TITLES = r"Dr|Doctor|Mr|Mrs|Ms|Miss|Mx|Prof|Professor|Nurse|Sister|Matron|Rev|Father|Auntie|Uncle"
_PLACE_WORDS = re.compile(
    r"\b(ward|unit|hospital|centre|center|clinic|house|college|surgery|street|road|lane|"
    r"avenue|park|court|hall|school|practice|team|service|village|town|city)\b",
    re.IGNORECASE,
)

_EMAIL = re.compile(r"[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}")
_LINK = re.compile(
    r"(?:https?://|www\.)[^\s<>\"']+"
    r"|\b[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.(?:com|org|net|uk|io|info|gov|nhs|ac|edu|me|ly|co)"
    r"\b(?:/[^\s<>\"']*)?",
    re.IGNORECASE,
)
_NHS = re.compile(r"(?<![\d-])(\d{3})[ -]?(\d{3})[ -]?(\d{4})(?![\d-])")
# Any two letters, not only HMRC's allowed prefixes: a mistyped or example number
# ("QQ 12 34 56 C") is masked too.
_NI = re.compile(r"\b[A-Z]{2} ?\d{2} ?\d{2} ?\d{2} ?[A-D]\b", re.IGNORECASE)
_POSTCODE = re.compile(
    r"\b(?:GIR ?0AA|[A-PR-UWYZ](?:\d{1,2}|[A-HK-Y]\d{1,2}|\d[A-HJKPSTUW]|[A-HK-Y]\d[ABEHMNPRVWXY])"
    r" ?\d[ABD-HJLNP-UW-Z]{2})\b",
    re.IGNORECASE,
)
_TITLED = re.compile(
    rf"\b(?:{_TITLES})\.?\s+[A-Z][a-z'’-]+(?:\s+[A-Z][a-z'’-]+)?",
)
_HANDLE = re.compile(r"(?<![\w@])@[A-Za-z0-9_]{2,}")
_LONG_NUMBER = re.compile(r"(?<!\d)\d(?:[ -]?\d){7,}(?!\d)")
_WORD = re.compile(r"[A-Za-z][A-Za-z'’-]*")
_TRAILING = ".,;:!?)]}'\""


@dataclass(frozen=True, slots=True)
class Span:
    """One masked piece: where its placeholder is in the scrubbed text, and what it hid.

    ``original`` is for the coordinator's review screen only; it is never written
    to any file.
    """

    start: int
    end: int
    mask: Mask
    original: str


@dataclass(frozen=True, slots=True)
class Scrubbed:
    """Scrubbed text and its masked spans."""

    text: str
    spans: tuple[Span, ...]

    @property
    def changed(self) -> bool:
        """True when anything was masked."""
        return bool(self.spans)


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
            elif _PLACE_WORDS.search(line):
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
def _word_list(name: str) -> frozenset[str]:
    text = resources.files("surveys").joinpath("pii_data", name).read_text("utf-8")
    return frozenset(
        line.strip() for line in text.splitlines() if line.strip() and not line.startswith("#")
    )


def first_names() -> frozenset[str]:
    """The shipped list of common UK first names (``surveys/pii_data/first_names.txt``)."""
    return _word_list("first_names.txt")


def ambiguous_names() -> frozenset[str]:
    """Names that are also everyday words: masked only in a name context."""
    return _word_list("ambiguous_names.txt")


def nhs_number_valid(digits: str) -> bool:
    """True when 10 digits pass the NHS number mod-11 check."""
    if len(digits) != 10 or not digits.isdigit():
        return False
    total = sum(int(d) * w for d, w in zip(digits[:9], range(10, 1, -1), strict=True))
    check = 11 - total % 11
    if check == 11:
        check = 0
    return check != 10 and check == int(digits[9])


class Scrubber:
    """Masks identifying details in free text. Build once per export; reuse for all text."""

    def __init__(self, local: LocalNames | None = None) -> None:
        local = local or LocalNames()
        self._local = [(_phrase(entry), Mask.PLACE) for entry in _longest_first(local.places)] + [
            (_phrase(entry), Mask.NAME) for entry in _longest_first(local.names)
        ]
        self._first = first_names()
        self._ambiguous = ambiguous_names()
        self._not_surnames = _word_list("not_surnames.txt")
        self._first_lower = {n.lower() for n in self._first}

    def scrub(self, text: str) -> Scrubbed:
        """The text with identifying details masked, and what was masked where."""
        found: list[tuple[int, int, Mask]] = []
        found += _spans(_EMAIL, text, Mask.EMAIL)
        found += [(s, _trim(text, s, e), m) for s, e, m in _spans(_LINK, text, Mask.LINK)]
        found += [
            (m.start(), m.end(), Mask.NHS_NUMBER)
            for m in _NHS.finditer(text)
            if nhs_number_valid("".join(m.groups()))
        ]
        found += _spans(_NI, text, Mask.NI_NUMBER)
        found += _spans(_POSTCODE, text, Mask.POSTCODE)
        found += _phones(text)
        for pattern, mask in self._local:
            found += _spans(pattern, text, mask)
        found += _spans(_TITLED, text, Mask.NAME)
        found += _spans(_HANDLE, text, Mask.NAME)
        found += self._first_names(text)
        found += _spans(_LONG_NUMBER, text, Mask.NUMBER)
        return _apply(text, _choose(found))

    def _first_names(self, text: str) -> list[tuple[int, int, Mask]]:
        words = list(_WORD.finditer(text))
        found: list[tuple[int, int, Mask]] = []
        for position, match in enumerate(words):
            word = match.group().rstrip("'’").removesuffix("'s").removesuffix("’s")
            capital = word[:1].isupper()
            following = words[position + 1] if position + 1 < len(words) else None
            surname = (
                following is not None
                and following.group()[:1].isupper()
                and following.group() not in self._not_surnames
                and text[match.end() : following.start()].strip() == ""
            )
            end = following.end() if surname and following is not None else match.end()
            if word in self._ambiguous:
                # "May Thompson" is a person; "May was hard" is a month. A title
                # before ("Dr May") is caught by the title pattern.
                if surname:
                    found.append((match.start(), end, Mask.NAME))
            elif capital and word in self._first:
                found.append((match.start(), end, Mask.NAME))
            elif not capital and word in self._first_lower and len(word) > 2:
                found.append((match.start(), match.end(), Mask.NAME))
        return found


def scrub(text: str, local: LocalNames | None = None) -> Scrubbed:
    """Scrub one text (builds a ``Scrubber``; reuse one for many texts)."""
    return Scrubber(local).scrub(text)


def _phrase(entry: str) -> re.Pattern[str]:
    words = [re.escape(word) for word in entry.split()]
    return re.compile(r"(?<!\w)" + r"\s+".join(words) + r"(?!\w)", re.IGNORECASE)


def _longest_first(entries: Iterable[str]) -> list[str]:
    return sorted({e for e in entries if e.strip()}, key=lambda e: (-len(e), e))


def _spans(pattern: re.Pattern[str], text: str, mask: Mask) -> list[tuple[int, int, Mask]]:
    return [(m.start(), m.end(), mask) for m in pattern.finditer(text)]


def _trim(text: str, start: int, end: int) -> int:
    while end > start and text[end - 1] in _TRAILING:
        end -= 1
    return end


def _phones(text: str) -> list[tuple[int, int, Mask]]:
    if sum(ch.isdigit() for ch in text) < 10:
        return []
    found = []
    matcher = phonenumbers.PhoneNumberMatcher(text, "GB", leniency=phonenumbers.Leniency.POSSIBLE)
    for match in matcher:
        digits = sum(ch.isdigit() for ch in match.raw_string)
        if digits >= 10 or (match.raw_string.startswith("+") and digits >= 8):
            found.append((match.start, match.end, Mask.PHONE))
    return found


def _choose(found: Sequence[tuple[int, int, Mask]]) -> list[tuple[int, int, Mask]]:
    """Keep non-overlapping spans: higher precedence first, then the longer one."""
    chosen: list[tuple[int, int, Mask]] = []
    for start, end, mask in sorted(found, key=lambda f: (_PRECEDENCE[f[2]], f[0] - f[1], f[0])):
        if end <= start:
            continue
        if all(end <= s or start >= e for s, e, _ in chosen):
            chosen.append((start, end, mask))
    return sorted(chosen)


def _apply(text: str, chosen: Sequence[tuple[int, int, Mask]]) -> Scrubbed:
    parts: list[str] = []
    spans: list[Span] = []
    position = 0
    length = 0
    for start, end, mask in chosen:
        before = text[position:start]
        parts.append(before)
        length += len(before)
        parts.append(mask.value)
        spans.append(Span(length, length + len(mask.value), mask, text[start:end]))
        length += len(mask.value)
        position = end
    parts.append(text[position:])
    return Scrubbed("".join(parts), tuple(spans))
