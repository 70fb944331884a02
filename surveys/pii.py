"""Free-text scrubbing, offline: mask what could identify someone, then a person reviews.

This is the project's one PII engine: the export, the review screen, the live-poll
moderation queue and the shared screen all use it. Masked, in this order of
precedence, each replaced by a word in brackets:

============================  ==================  =======================================
what                          becomes             how
============================  ==================  =======================================
email addresses               ``[email]``         pattern, also ``jo(at)example.org``,
                                                  ``jo at example dot org``
web links                     ``[link]``          ``http…``, ``www.…`` or a bare address
NHS numbers                   ``[nhs number]``    10 digits passing the mod-11 check
National Insurance numbers    ``[ni number]``     two letters, six digits, A–D
UK postcodes                  ``[postcode]``      full postcodes, any case ("nr4 7tj")
bank sort codes               ``[bank details]``  ``12-34-56`` that is not a date
phone numbers                 ``[phone]``         ``phonenumbers`` (region GB), 10+ digits
house addresses               ``[address]``       "14 Acacia Avenue", "Flat 2", "Kingsley
                                                  Road"
dates                         ``[date]``          "03/05/87", "3rd of May 1987", "born
                                                  1987"
vehicle registrations         ``[vehicle reg]``   "AB12 CDE" and older formats
coordinator's places          ``[place]``         the local names list ("place: Ward 7")
wards, hospitals, schools     ``[place]``         "Ward 7", "St Mary's Hospital"
UK places                     ``[place]``         ``pii_data/places.txt`` (capitalised)
coordinator's names           ``[name]``          the local names list (staff, teams)
titles with a name            ``[name]``          "Dr Patel", "Mrs Wiśniewska"
@handles                      ``[name]``          "@jo_smith", "insta jo.b_87"
names after "my name is"      ``[name]``          any case: "my name's jo bloggs"
given names and surnames      ``[name]``          the shipped lists, of many origins
surname shapes                ``[name]``          O'…, Mc…, Al-…, -ska/-ski/-wicz/-czyk
other long numbers            ``[number]``        8+ digits left over (hospital numbers …)
============================  ==================  =======================================

Decisions (see ``docs/export.md``):

* A 10-digit number that fails the NHS checksum is not called an NHS number; it is
  still masked, as ``[phone]`` or ``[number]``, because it may be a mistyped one.
* Names that are also everyday words (``pii_data/ambiguous_names.txt``: May, Will, Hope,
  Grace, Rose, Mark …) are kept, unless a title comes before ("Dr May"), a capitalised
  surname after ("May Thompson") or "my name is" before. So "May was a hard month"
  keeps "May".
* Given names are matched capitalised anywhere, and lower-case too, since people type
  on tablets in lower case ("sarah helped"). Accents are ignored (Ciarán = Ciaran).
* A month alone ("in May"), a year alone ("in 2023") and partial postcodes ("NR4") are
  kept: alone they identify no one. A day with a month, a full date in numbers and a
  year after "born" or "DOB" are masked.

``suspicious`` is a second, looser detector for people's eyes: it points at every token
left that still looks like a name, number, date or place, so the moderation and review
screens can highlight it. It masks nothing.

The patterns live in ``pii_patterns``, the word lists and the coordinator's local list
in ``pii_words``; this module is the engine that uses them. Nothing here reaches the
network. The result keeps the masked spans (with what was there, for the
coordinator's eyes only) so a review screen can highlight them.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from enum import StrEnum

from surveys import pii_patterns as patterns
from surveys.pii_words import (
    COMMON_CAPITALS,
    GENERIC_PLACES,
    NOT_A_NAME_AFTER_CUE,
    LocalNames,
    bare_word,
    longest_first,
    name_key,
    name_keys,
    phrase_pattern,
    places,
    word_list,
)


class Mask(StrEnum):
    """What a masked piece of text was."""

    EMAIL = "[email]"
    LINK = "[link]"
    NHS_NUMBER = "[nhs number]"
    NI_NUMBER = "[ni number]"
    POSTCODE = "[postcode]"
    BANK = "[bank details]"
    PHONE = "[phone]"
    ADDRESS = "[address]"
    DATE = "[date]"
    VEHICLE = "[vehicle reg]"
    PLACE = "[place]"
    NAME = "[name]"
    NUMBER = "[number]"


_PRECEDENCE = {mask: rank for rank, mask in enumerate(Mask)}


# Any two letters, not only HMRC's allowed prefixes: a mistyped or example number
# ("QQ 12 34 56 C") is masked too.
_REMEMBERED = 4096
"""How many scrubbed texts a ``Scrubber`` remembers before starting again."""


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


class Suspect(StrEnum):
    """What a token left after masking still looks like (for highlighting only)."""

    NAME = "name"
    NUMBER = "number"
    DATE = "date"
    PLACE = "place"


@dataclass(frozen=True, slots=True)
class Suspicious:
    """One token a person should check: ``start``/``end`` index the text it was found in."""

    start: int
    end: int
    kind: Suspect


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
        self._local = [
            (phrase_pattern(entry), Mask.PLACE) for entry in longest_first(local.places)
        ] + [(phrase_pattern(entry), Mask.NAME) for entry in longest_first(local.names)]
        self._first = name_keys("first_names.txt")
        self._ambiguous = name_keys("ambiguous_names.txt")
        self._surnames = name_keys("surnames.txt")
        self._not_surnames = word_list("not_surnames.txt")
        self._places = places()
        self._place_length = max((len(p.split()) for p in self._places), default=1)
        self._seen: dict[str, Scrubbed] = {}
        """Texts already scrubbed (many people write the same words)."""

    def scrub(self, text: str) -> Scrubbed:
        """The text with identifying details masked, and what was masked where."""
        known = self._seen.get(text)
        if known is None:
            known = self._scrub(text)
            if len(self._seen) >= _REMEMBERED:
                self._seen.clear()
            self._seen[text] = known
        return known

    def _scrub(self, text: str) -> Scrubbed:
        digits = patterns.DIGIT.search(text) is not None
        found: list[tuple[int, int, Mask]] = []
        if "@" in text:
            found += _spans(patterns.EMAIL, text, Mask.EMAIL)
        if patterns.AT_WORD.search(text):
            found += _spans(patterns.HIDDEN_EMAIL, text, Mask.EMAIL)
        if "." in text:
            found += [
                (s, patterns.trim_end(text, s, e), m)
                for s, e, m in _spans(patterns.LINK, text, Mask.LINK)
            ]
        if digits:
            found += [
                (m.start(), m.end(), Mask.NHS_NUMBER)
                for m in patterns.NHS.finditer(text)
                if nhs_number_valid("".join(m.groups()))
            ]
            found += _spans(patterns.NI, text, Mask.NI_NUMBER)
            found += _spans(patterns.POSTCODE, text, Mask.POSTCODE)
            found += _tagged(patterns.sort_codes(text), Mask.BANK)
            found += _tagged(patterns.phones(text), Mask.PHONE)
            found += _spans(patterns.ADDRESS, text, Mask.ADDRESS)
            found += _spans(patterns.VEHICLE, text, Mask.VEHICLE)
        found += _not_generic(_spans(patterns.STREET, text, Mask.ADDRESS), text)
        found += _tagged(patterns.dates(text, digits=digits), Mask.DATE)
        for pattern, mask in self._local:
            found += _spans(pattern, text, mask)
        found += _spans(patterns.WARD, text, Mask.PLACE)
        found += _not_generic(_spans(patterns.INSTITUTION, text, Mask.PLACE), text)
        found += self._places_in(text)
        found += _spans(patterns.TITLED, text, Mask.NAME)
        if "@" in text:
            found += _spans(patterns.HANDLE, text, Mask.NAME)
        found += [
            (m.start(1), m.end(1), Mask.NAME) for m in patterns.SOCIAL.finditer(text) if _handle(m)
        ]
        found += self._cued_names(text)
        found += self._weakly_cued(text)
        found += self._names(text)
        if digits:
            found += _spans(patterns.LONG_NUMBER, text, Mask.NUMBER)
        if "[" in text:
            # Already masked words stay as they are: masking twice changes nothing.
            kept = [(m.start(), m.end()) for m in _PLACEHOLDER.finditer(text)]
            found = [f for f in found if not any(f[0] < e and s < f[1] for s, e in kept)]
        return _apply(text, _choose(found))

    def mask(self, text: str) -> str:
        """Only the scrubbed text."""
        return self.scrub(text).text

    # -- names ---------------------------------------------------------------------

    def _is_surname(self, word: str, *, after_name: bool) -> bool:
        """A surname: on the list, or shaped like one ("O'Brien", "Kowalczyk")."""
        if name_key(word) in self._surnames or patterns.SURNAME_SHAPE.match(word):
            return True
        if after_name and word[:1].isupper() and word not in self._not_surnames:
            return name_key(word) not in COMMON_CAPITALS
        return False

    def _names(self, text: str) -> list[tuple[int, int, Mask]]:
        words = list(patterns.WORD.finditer(text))
        found: list[tuple[int, int, Mask]] = []
        for position, match in enumerate(words):
            word = bare_word(match.group())
            key = name_key(word)
            capital = word[:1].isupper()
            ambiguous = key in self._ambiguous
            given = not ambiguous and (
                (key in self._first and (capital or len(key) > 2))
                or (capital and "-" in key and any(p in self._first for p in key.split("-")))
            )
            if ambiguous or given:
                following = words[position + 1] if position + 1 < len(words) else None
                surname = (
                    following is not None
                    and not text[match.end() : following.start()].strip()
                    and self._is_surname(bare_word(following.group()), after_name=True)
                    and (following.group()[:1].isupper() or not capital)
                )
                end = following.end() if surname and following is not None else match.end()
                # "May Thompson" is a person; "May was hard" is a month. A title
                # before ("Dr May") is caught by the title pattern.
                if given or (
                    surname
                    and capital
                    and following is not None
                    and following.group()[:1].isupper()
                ):
                    found.append((match.start(), end, Mask.NAME))
            elif (capital and key in self._surnames) or (
                len(word) > 3
                and patterns.SURNAME_SHAPE.match(word)
                and (capital or "-" not in word)
            ):
                found.append((match.start(), match.end(), Mask.NAME))
        return found

    def _cued_names(self, text: str) -> list[tuple[int, int, Mask]]:
        """ "my name's jo bloggs": up to two words after the cue, in any case."""
        found: list[tuple[int, int, Mask]] = []
        for cue in patterns.NAME_CUE.finditer(text):
            end = cue.end()
            taken = 0
            for match in patterns.WORD.finditer(text, cue.end()):
                between = text[end : match.start()]
                if (taken and between.strip()) or taken == 2:
                    break
                if match.group().lower() in NOT_A_NAME_AFTER_CUE:
                    break
                end = match.end()
                taken += 1
            if taken:
                found.append((cue.end(), end, Mask.NAME))
        return found

    def _weakly_cued(self, text: str) -> list[tuple[int, int, Mask]]:
        found: list[tuple[int, int, Mask]] = []
        for cue in patterns.WEAK_CUE.finditer(text):
            words = list(patterns.WORD.finditer(text, cue.start(1), cue.end(1)))
            kept = []
            for word in words:
                if (
                    name_key(bare_word(word.group())) in COMMON_CAPITALS
                    or word.group() in self._not_surnames
                ):
                    break
                kept.append(word)
            if kept:
                found.append((kept[0].start(), kept[-1].end(), Mask.NAME))
        return found

    # -- places --------------------------------------------------------------------

    def _places_in(self, text: str) -> list[tuple[int, int, Mask]]:
        words = list(patterns.WORD.finditer(text))
        found: list[tuple[int, int, Mask]] = []
        for position in range(len(words)):
            if not words[position].group()[:1].isupper():
                continue
            for size in range(min(self._place_length, len(words) - position), 0, -1):
                start, end = words[position].start(), words[position + size - 1].end()
                phrase = " ".join(text[start:end].split())
                if phrase in self._places or bare_word(phrase) in self._places:
                    found.append((start, end, Mask.PLACE))
                    break
        return found


def _handle(match: re.Match[str]) -> bool:
    """A social-media name after "insta"/"twitter": has a digit, underscore or dot."""
    name = match.group(1)
    return len(name) >= 3 and any(ch.isdigit() or ch in "_." for ch in name)


_DEFAULT: list[Scrubber] = []


def default_scrubber() -> Scrubber:
    """One shared scrubber with no local names list (built on first use)."""
    if not _DEFAULT:
        _DEFAULT.append(Scrubber())
    return _DEFAULT[0]


def scrub(text: str, local: LocalNames | None = None) -> Scrubbed:
    """Scrub one text (no local list: the shared scrubber; else builds a ``Scrubber``)."""
    return (default_scrubber() if local is None else Scrubber(local)).scrub(text)


def mask_text(text: str) -> str:
    """The text with identifying details masked (the shared scrubber)."""
    return default_scrubber().scrub(text).text


# -- what still looks like something -------------------------------------------------

_PLACEHOLDER = re.compile("|".join(re.escape(mask.value) for mask in Mask))
_AFTER_PLACEHOLDER = re.compile(rf"(?:{_PLACEHOLDER.pattern})\s*$")


def placeholders(text: str) -> list[tuple[int, int, Mask]]:
    """Where ``[name]``, ``[phone]`` … stand in a text (for highlighting edited wording)."""
    return [(m.start(), m.end(), Mask(m.group())) for m in _PLACEHOLDER.finditer(text)]


def suspicious(text: str) -> list[Suspicious]:
    """Tokens left in ``text`` that still look like a name, number, date or place.

    Looser than masking on purpose: it is for highlighting, so a person checks each
    one. Placeholders such as ``[name]`` are not reported; overlapping finds are
    merged, the first kind found winning (date, number, place, name).
    """
    taken = bytearray(len(text))  # 1 where a placeholder or an earlier find is
    for match in _PLACEHOLDER.finditer(text):
        taken[match.start() : match.end()] = b"\x01" * (match.end() - match.start())
    found: list[Suspicious] = []

    def add(start: int, end: int, kind: Suspect) -> None:
        if end <= start or any(taken[start:end]):
            return
        taken[start:end] = b"\x01" * (end - start)
        found.append(Suspicious(start, end, kind))

    for match in patterns.MONTH_WORD.finditer(text):
        add(match.start(), match.end(), Suspect.DATE)
    for match in patterns.DAY_WORDS.finditer(text):
        add(match.start(), match.end(), Suspect.DATE)
    for match in patterns.NUMBERISH.finditer(text):
        add(match.start(), patterns.trim_end(text, match.start(), match.end()), Suspect.NUMBER)
    first = name_keys("first_names.txt")
    ambiguous = name_keys("ambiguous_names.txt")
    family = name_keys("surnames.txt")
    place_list = name_keys("places.txt")
    for match in patterns.WORD.finditer(text):
        word = bare_word(match.group())
        key = name_key(word)
        before = text[max(0, match.start() - 40) : match.start()]
        at_start = (match.start() <= 40 and not before.strip()) or (
            patterns.SENTENCE_END.search(before) and not _AFTER_PLACEHOLDER.search(before)
        )
        if key in place_list:
            add(match.start(), match.end(), Suspect.PLACE)
        elif word[:1].isupper():
            if patterns.PLACE_CUE.search(before) and key not in COMMON_CAPITALS:
                add(match.start(), match.end(), Suspect.PLACE)
            elif (
                key in first
                or key in ambiguous
                or key in family
                or not (at_start or key in COMMON_CAPITALS)
            ):
                add(match.start(), match.end(), Suspect.NAME)
        elif (key in first or key in family) and len(key) > 2:
            add(match.start(), match.end(), Suspect.NAME)
        elif patterns.PLACE_HINTS.fullmatch(key):
            add(match.start(), match.end(), Suspect.PLACE)
    return sorted(found, key=lambda f: f.start)


# -- helpers -------------------------------------------------------------------------


def _not_generic(found: list[tuple[int, int, Mask]], text: str) -> list[tuple[int, int, Mask]]:
    return [
        span
        for span in found
        if " ".join(text[span[0] : span[1]].lower().split()) not in GENERIC_PLACES
    ]


def _spans(pattern: re.Pattern[str], text: str, mask: Mask) -> list[tuple[int, int, Mask]]:
    return [(m.start(), m.end(), mask) for m in pattern.finditer(text)]


def _tagged(spans: list[tuple[int, int]], mask: Mask) -> list[tuple[int, int, Mask]]:
    return [(start, end, mask) for start, end in spans]


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
