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

Nothing here reaches the network. The result keeps the masked spans (with what was
there, for the coordinator's eyes only) so a review screen can highlight them.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from enum import StrEnum
from functools import cache, lru_cache
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
    BANK = "[bank details]"
    PHONE = "[phone]"
    ADDRESS = "[address]"
    DATE = "[date]"
    VEHICLE = "[vehicle reg]"
    PLACE = "[place]"
    NAME = "[name]"
    NUMBER = "[number]"


_PRECEDENCE = {mask: rank for rank, mask in enumerate(Mask)}


def _wordset(words: str) -> frozenset[str]:
    return frozenset(words.split())


_L = r"[^\W\d_]"
"""One letter, any alphabet (Ł, ś, á …)."""
_UP = r"[A-ZÀ-ÖØ-ÞĀĂĄĆĈĊČĎĐĒĔĖĘĚĜĞĠĢĤĦĨĪĬĮİĲĴĶĹĻĽĿŁŃŅŇŊŌŎŐŒŔŖŘŚŜŞŠŢŤŦŨŪŬŮŰŲŴŶŸŹŻŽ]"
"""One capital letter (Latin alphabets)."""
_CAP_WORD = rf"(?<![\w'’-]){_UP}{_L}*(?:['’-]{_L}+)*"
"""A capitalised word: "Patel", "O'Sullivan", "Al-Rashid", "Wiśniewska"."""

_TITLES = (
    r"Dr|Doctor|Mr|Mrs|Ms|Miss|Mx|Prof|Professor|Nurse|Sister|Matron|Rev|Father|Auntie|"
    r"Uncle|Councillor|Cllr|Sir|Dame|Lady|Lord|Imam|Rabbi|Pastor"
)
_PLACE_WORDS = re.compile(
    r"\b(ward|unit|hospital|centre|center|clinic|house|college|surgery|street|road|lane|"
    r"avenue|park|court|hall|school|practice|team|service|village|town|city)\b",
    re.IGNORECASE,
)
_STREETS = (
    r"Street|St|Road|Rd|Avenue|Ave|Lane|Ln|Close|Drive|Way|Crescent|Cres|Court|Gardens|"
    r"Gdns|Terrace|Place|Grove|Hill|Walk|Square|Sq|Row|Mews|Park|View|Rise|Parade|Green|"
    r"Vale|Croft|Estate|Boulevard|Wharf|Yard"
)
_MONTHS = (
    r"January|February|March|April|May|June|July|August|September|October|November|"
    r"December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec"
)
_ORDINAL_WORDS = (
    r"(?:twenty|thirty)?-?\s?(?:first|second|third|fourth|fifth|sixth|seventh|eighth|ninth)|"
    r"tenth|eleventh|twelfth|thirteenth|fourteenth|fifteenth|sixteenth|seventeenth|"
    r"eighteenth|nineteenth|twentieth|thirtieth"
)

_EMAIL = re.compile(
    r"(?<![A-Za-z0-9._%+-])[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}"
)
_TLD = r"(?:com|org|net|uk|io|info|gov|nhs|ac|edu|me|co)"
_DOT = r"(?:\s*[(\[{<]\s*dot\s*[)\]}>]\s*|\s+dot\s+|\.)"
_HIDDEN_EMAIL = re.compile(
    # jo(at)example.org, jo [at] example [dot] co [dot] uk, jo at example dot org
    rf"(?<![A-Za-z0-9._%+-])[A-Za-z0-9._%+-]+\s*[(\[{{<]\s*at\s*[)\]}}>]\s*[A-Za-z0-9-]+(?:{_DOT}[A-Za-z0-9-]+)*"
    rf"{_DOT}{_TLD}\b"
    rf"|(?<![A-Za-z0-9._%+-])[A-Za-z0-9._%+-]+(?:\s+dot\s+[A-Za-z0-9_%+-]+)*\s+at\s+[A-Za-z0-9-]+(?:\s+dot\s+[A-Za-z0-9-]+)*\s+dot\s+{_TLD}\b",
    re.IGNORECASE,
)
_LINK = re.compile(
    r"(?:https?://|www\.)[^\s<>\"']+"
    r"|(?<![A-Za-z0-9.-])[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.(?:com|org|net|uk|io|info|gov|nhs|ac|edu|me|ly|co)"
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
_SORT_CODE = re.compile(r"(?<![\d/.-])(\d{2})([- ])(\d{2})\2(\d{2})(?![\d/.-])")
_SORT_CODE_CUE = re.compile(r"sort\s*code\s*:?\s*$", re.IGNORECASE)
_FUNCTION_WORDS = r"(?:at|in|on|to|of|the|and|a|an|for|from|by|with|times|or|but|is|was)"
_ADDRESS = re.compile(
    # 14 Acacia Avenue, 27b kingsley road, Flat 2, 3 High St
    rf"\b(?:(?:flat|apartment|apt|unit)\s+\d+[a-z]?,?\s+)?\d{{1,4}}[a-z]?,?\s+"
    rf"(?:(?!{_FUNCTION_WORDS}\b){_L}[\w'’-]*\s+){{1,3}}(?:{_STREETS})\b"
    rf"|\b(?:flat|apartment|apt)\s+\d+[a-z]?\b",
    re.IGNORECASE,
)
_STREET = re.compile(
    # "on Kingsley Road", "Acacia Avenue": a capitalised name and a street word
    rf"\b(?:{_CAP_WORD}\s+){{1,2}}(?:Street|Road|Avenue|Lane|Close|Drive|Crescent|Gardens|"
    rf"Terrace|Grove|Mews|Parade|Boulevard)\b"
)
_DAY_MONTH = re.compile(
    rf"\b(?:\d{{1,2}}(?:st|nd|rd|th)?|{_ORDINAL_WORDS})\s+(?:of\s+)?(?:{_MONTHS})\b\.?"
    rf"(?:,?\s+(?:\d{{4}}|'\d{{2}}|nineteen[\w\s-]*?(?=[.,;!?]|$)))?",
    re.IGNORECASE,
)
_MONTH_DAY = re.compile(rf"\b(?:{_MONTHS})\s+\d{{1,2}}(?:st|nd|rd|th)?(?:,?\s+\d{{4}})?\b")
_NUMERIC_DATE = re.compile(
    r"(?<![\d/.-])(\d{1,2})([/.-])(\d{1,2})\2(\d{4}|\d{2})(?![\d/.-]|\.\d)"
    r"|(?<![\d/.-])(\d{4})-(\d{1,2})-(\d{1,2})(?![\d/.-])"
)
_BIRTH_YEAR = re.compile(
    rf"\b(?:born(?:\s+(?:on|in))?|dob|d\.o\.b\.?|date of birth(?:\s+is)?|birthday(?:\s+is)?)"
    rf"\s*:?\s*(?:in\s+)?((?:(?:{_MONTHS})\s+)?(?:19|20)\d{{2}})\b",
    re.IGNORECASE,
)
_VEHICLE = re.compile(
    r"\b[A-Z]{2}\d{2}\s?[A-Z]{3}\b"  # AB12 CDE (since 2001)
    r"|\b[A-HJ-PR-Y]\d{1,3}\s?[A-Z]{3}\b"  # P123 ABC (prefix, 1983-2001)
    r"|\b[A-Z]{3}\s?\d{1,3}[A-HJ-PR-Y]\b"  # ABC 123D (suffix, 1963-1983)
    r"|(?i:\b[a-z]{2}\d{2}\s?[a-z]{3}\b)"  # ab12 cde, typed in lower case
)
_WARD = re.compile(
    rf"\b[Ww]ard\s+(?:\d+[A-Za-z]?|[A-Z]\d*)\b|\b(?:{_CAP_WORD}\s+){{1,2}}(?:Ward|Unit|Wing)\b"
)
_INSTITUTION = re.compile(
    rf"\b(?:(?:St\.?|Saint)\s+)?(?:{_CAP_WORD}\s+){{1,4}}(?:Hospital|Infirmary|Clinic|Surgery|"
    rf"Medical\s+Centre|Health\s+Centre|Centre|Center|Primary|Academy|School|College|Church|Mosque|"
    rf"Temple|Gurdwara|Synagogue|Hospice|Prison|Hostel|Practice)\b"
    rf"|\b(?:St\.?|Saint)\s+{_CAP_WORD}"
)
_TITLED = re.compile(
    rf"\b(?:{_TITLES})\.?\s+{_CAP_WORD}(?:\s+{_CAP_WORD})?",
)
_HANDLE = re.compile(r"(?<![\w@])@[A-Za-z0-9_](?:[A-Za-z0-9_.]*[A-Za-z0-9_])?")
_SOCIAL = re.compile(
    r"\b(?:insta(?:gram)?|ig|twitter|tiktok|snap(?:chat)?|facebook|fb|threads|discord|"
    r"youtube|twitch|reddit)\b(?:\s+(?:handle|name|account|username|user|is|me|at|on))*"
    r"\s*[:\-]?\s*@?([A-Za-z0-9_](?:[A-Za-z0-9_.]*[A-Za-z0-9_])?)",
    re.IGNORECASE,
)
_NAME_CUE = re.compile(
    r"\b(?:my\s+name\s+is|my\s+name'?s|my\s+names|name'?s|i'?m\s+called|i\s+am\s+called|"
    r"call\s+me|known\s+as|named|my\s+surname\s+is|surname)\s+",
    re.IGNORECASE,
)
_WEAK_CUE = re.compile(
    # "thanks to Olamide", "called Bartek": a capitalised word after these is a name
    r"(?i:\b(?:thanks\s+to|thank\s+you|thanks|thank|called|ask\s+for|asked\s+for|speak\s+to|"
    r"spoke\s+to|talk\s+to|talked\s+to|told|named|love\s+to|shout\s*out\s+to|i'?m|i\s+am)\s+)"
    rf"({_CAP_WORD}(?:\s+{_CAP_WORD})?)"
)
_SURNAME_SHAPE = re.compile(
    rf"^(?:(?:O['’]|Mc|Mac)\s?{_UP}{_L}+|(?:Al|El|Abu|Bin|Ibn|Ben|Abd)-{_UP}{_L}+|"
    rf"{_L}{{3,}}(?:ska|ski|cka|cki|dzka|dzki|wicz|czyk|czak|szyk|owska|ewska|enko|escu|oglu|"
    rf"oğlu))$"
)
_DIGIT = re.compile(r"\d")
_AT_WORD = re.compile(r"\bat\b", re.IGNORECASE)
_REMEMBERED = 4096
"""How many scrubbed texts a ``Scrubber`` remembers before starting again."""
_LONG_NUMBER = re.compile(r"(?<!\d)\d(?:[ -]?\d){7,}(?!\d)")
_WORD = re.compile(rf"{_L}+(?:['’-]{_L}+)*['’]?")
_TRAILING = ".,;:!?)]}'\""
_NOT_A_NAME_AFTER_CUE = _wordset(
    """a an the and but or so to of in on at by for with from is was are be been
    not no yes very really just only also too here there this that it me you him her
    them us we they i my your his our their what who when where why how because
    if as than then now still all some any one two"""
)


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


@lru_cache(maxsize=65536)
def _plain(word: str) -> str:
    """A word without accents, lower case: the key names are looked up by."""
    decomposed = unicodedata.normalize("NFKD", word.replace("ł", "l").replace("Ł", "L"))
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch)).lower()


@cache
def _keys(name: str) -> frozenset[str]:
    return frozenset(_plain(word) for word in _word_list(name))


def first_names() -> frozenset[str]:
    """The shipped list of given names of many origins (``pii_data/first_names.txt``)."""
    return _word_list("first_names.txt")


def ambiguous_names() -> frozenset[str]:
    """Names that are also everyday words: masked only in a name context."""
    return _word_list("ambiguous_names.txt")


def surnames() -> frozenset[str]:
    """The shipped list of surnames of many origins (``pii_data/surnames.txt``)."""
    return _word_list("surnames.txt")


def places() -> frozenset[str]:
    """The shipped list of UK places (``pii_data/places.txt``)."""
    return _word_list("places.txt")


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
        self._first = _keys("first_names.txt")
        self._ambiguous = _keys("ambiguous_names.txt")
        self._surnames = _keys("surnames.txt")
        self._not_surnames = _word_list("not_surnames.txt")
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
        digits = _DIGIT.search(text) is not None
        found: list[tuple[int, int, Mask]] = []
        if "@" in text:
            found += _spans(_EMAIL, text, Mask.EMAIL)
        if _AT_WORD.search(text):
            found += _spans(_HIDDEN_EMAIL, text, Mask.EMAIL)
        if "." in text:
            found += [(s, _trim(text, s, e), m) for s, e, m in _spans(_LINK, text, Mask.LINK)]
        if digits:
            found += [
                (m.start(), m.end(), Mask.NHS_NUMBER)
                for m in _NHS.finditer(text)
                if nhs_number_valid("".join(m.groups()))
            ]
            found += _spans(_NI, text, Mask.NI_NUMBER)
            found += _spans(_POSTCODE, text, Mask.POSTCODE)
            found += _sort_codes(text)
            found += _phones(text)
            found += _spans(_ADDRESS, text, Mask.ADDRESS)
            found += _spans(_VEHICLE, text, Mask.VEHICLE)
        found += _not_generic(_spans(_STREET, text, Mask.ADDRESS), text)
        found += _dates(text, digits=digits)
        for pattern, mask in self._local:
            found += _spans(pattern, text, mask)
        found += _spans(_WARD, text, Mask.PLACE)
        found += _not_generic(_spans(_INSTITUTION, text, Mask.PLACE), text)
        found += self._places_in(text)
        found += _spans(_TITLED, text, Mask.NAME)
        if "@" in text:
            found += _spans(_HANDLE, text, Mask.NAME)
        found += [(m.start(1), m.end(1), Mask.NAME) for m in _SOCIAL.finditer(text) if _handle(m)]
        found += self._cued_names(text)
        found += self._weakly_cued(text)
        found += self._names(text)
        if digits:
            found += _spans(_LONG_NUMBER, text, Mask.NUMBER)
        return _apply(text, _choose(found))

    def mask(self, text: str) -> str:
        """Only the scrubbed text."""
        return self.scrub(text).text

    # -- names ---------------------------------------------------------------------

    def _is_surname(self, word: str, *, after_name: bool) -> bool:
        """A surname: on the list, or shaped like one ("O'Brien", "Kowalczyk")."""
        if _plain(word) in self._surnames or _SURNAME_SHAPE.match(word):
            return True
        if after_name and word[:1].isupper() and word not in self._not_surnames:
            return _plain(word) not in _COMMON_CAPITALS
        return False

    def _names(self, text: str) -> list[tuple[int, int, Mask]]:
        words = list(_WORD.finditer(text))
        found: list[tuple[int, int, Mask]] = []
        for position, match in enumerate(words):
            word = _bare(match.group())
            key = _plain(word)
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
                    and self._is_surname(_bare(following.group()), after_name=True)
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
                len(word) > 3 and _SURNAME_SHAPE.match(word) and (capital or "-" not in word)
            ):
                found.append((match.start(), match.end(), Mask.NAME))
        return found

    def _cued_names(self, text: str) -> list[tuple[int, int, Mask]]:
        """ "my name's jo bloggs": up to two words after the cue, in any case."""
        found: list[tuple[int, int, Mask]] = []
        for cue in _NAME_CUE.finditer(text):
            end = cue.end()
            taken = 0
            for match in _WORD.finditer(text, cue.end()):
                between = text[end : match.start()]
                if (taken and between.strip()) or taken == 2:
                    break
                if match.group().lower() in _NOT_A_NAME_AFTER_CUE:
                    break
                end = match.end()
                taken += 1
            if taken:
                found.append((cue.end(), end, Mask.NAME))
        return found

    def _weakly_cued(self, text: str) -> list[tuple[int, int, Mask]]:
        found: list[tuple[int, int, Mask]] = []
        for cue in _WEAK_CUE.finditer(text):
            words = list(_WORD.finditer(text, cue.start(1), cue.end(1)))
            kept = []
            for word in words:
                if (
                    _plain(_bare(word.group())) in _COMMON_CAPITALS
                    or word.group() in self._not_surnames
                ):
                    break
                kept.append(word)
            if kept:
                found.append((kept[0].start(), kept[-1].end(), Mask.NAME))
        return found

    # -- places --------------------------------------------------------------------

    def _places_in(self, text: str) -> list[tuple[int, int, Mask]]:
        words = list(_WORD.finditer(text))
        found: list[tuple[int, int, Mask]] = []
        for position in range(len(words)):
            if not words[position].group()[:1].isupper():
                continue
            for size in range(min(self._place_length, len(words) - position), 0, -1):
                start, end = words[position].start(), words[position + size - 1].end()
                phrase = " ".join(text[start:end].split())
                if phrase in self._places or _bare(phrase) in self._places:
                    found.append((start, end, Mask.PLACE))
                    break
        return found


_COMMON_CAPITALS = _wordset(
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


def _bare(word: str) -> str:
    """A word without a possessive or a trailing apostrophe ("Sarah's" → "Sarah")."""
    if word[-1] not in "s'’":
        return word
    for ending in ("'s", "’s", "'", "’"):
        if word.endswith(ending) and len(word) > len(ending):
            return word[: -len(ending)]
    return word


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
_NUMBERISH = re.compile(r"\d[\d.,:/-]*(?:st|nd|rd|th)?\b", re.IGNORECASE)
_MONTH_WORD = re.compile(rf"\b(?:{_MONTHS})\b")
_DAY_WORDS = re.compile(
    r"\b(?:yesterday|today|tomorrow|monday|tuesday|wednesday|thursday|friday|saturday|sunday)\b",
    re.IGNORECASE,
)
_PLACE_CUE = re.compile(r"\b(?:in|at|from|near|to|by|on|around|outside|into)\s+$", re.IGNORECASE)
_PLACE_HINTS = re.compile(r"ward|hospital|clinic|surgery|street|road|lane|avenue|school|estate")
_SENTENCE_END = re.compile(r"(?:[.!?:;\n]\s*|[\"“(\[\]>*•-]\s*)$")
"""Where a capital is ordinary: the start, after a full stop, a quote, a bracket, a bullet."""


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

    for match in _MONTH_WORD.finditer(text):
        add(match.start(), match.end(), Suspect.DATE)
    for match in _DAY_WORDS.finditer(text):
        add(match.start(), match.end(), Suspect.DATE)
    for match in _NUMBERISH.finditer(text):
        add(match.start(), _trim(text, match.start(), match.end()), Suspect.NUMBER)
    first = _keys("first_names.txt")
    ambiguous = _keys("ambiguous_names.txt")
    family = _keys("surnames.txt")
    place_list = _keys("places.txt")
    for match in _WORD.finditer(text):
        word = _bare(match.group())
        key = _plain(word)
        before = text[max(0, match.start() - 40) : match.start()]
        at_start = (match.start() <= 40 and not before.strip()) or (
            _SENTENCE_END.search(before) and not _AFTER_PLACEHOLDER.search(before)
        )
        if key in place_list:
            add(match.start(), match.end(), Suspect.PLACE)
        elif word[:1].isupper():
            if _PLACE_CUE.search(before) and key not in _COMMON_CAPITALS:
                add(match.start(), match.end(), Suspect.PLACE)
            elif (
                key in first
                or key in ambiguous
                or key in family
                or not (at_start or key in _COMMON_CAPITALS)
            ):
                add(match.start(), match.end(), Suspect.NAME)
        elif (key in first or key in family) and len(key) > 2:
            add(match.start(), match.end(), Suspect.NAME)
        elif _PLACE_HINTS.fullmatch(key):
            add(match.start(), match.end(), Suspect.PLACE)
    return sorted(found, key=lambda f: f.start)


# -- helpers -------------------------------------------------------------------------


def _phrase(entry: str) -> re.Pattern[str]:
    words = [re.escape(word) for word in entry.split()]
    return re.compile(r"(?<!\w)" + r"\s+".join(words) + r"(?!\w)", re.IGNORECASE)


def _longest_first(entries: Iterable[str]) -> list[str]:
    return sorted({e for e in entries if e.strip()}, key=lambda e: (-len(e), e))


_GENERIC_PLACES = frozenset(
    """recovery college|the recovery college|our recovery college|job centre|the job centre|
    jobcentre plus|the jobcentre plus|high street|the high street|health centre|
    the health centre|day centre|the day centre|community centre|the community centre|
    drop-in centre|the drop-in centre""".replace("\n", "")
    .replace("    ", "")
    .split("|")
)
"""Kinds of place every town has ("the Recovery College", "the High Street"): they name
no one, and this product's comments mention them all the time."""


def _not_generic(found: list[tuple[int, int, Mask]], text: str) -> list[tuple[int, int, Mask]]:
    return [
        span
        for span in found
        if " ".join(text[span[0] : span[1]].lower().split()) not in _GENERIC_PLACES
    ]


def _spans(pattern: re.Pattern[str], text: str, mask: Mask) -> list[tuple[int, int, Mask]]:
    return [(m.start(), m.end(), mask) for m in pattern.finditer(text)]


def _trim(text: str, start: int, end: int) -> int:
    while end > start and text[end - 1] in _TRAILING:
        end -= 1
    return end


def _could_be_date(day: int, month: int) -> bool:
    return (1 <= day <= 31 and 1 <= month <= 12) or (1 <= month <= 31 and 1 <= day <= 12)


def _sort_codes(text: str) -> list[tuple[int, int, Mask]]:
    """ "12-34-56" that cannot be a date, or any such after the words "sort code"."""
    found = []
    for match in _SORT_CODE.finditer(text):
        first, second = int(match.group(1)), int(match.group(3))
        cued = _SORT_CODE_CUE.search(text[max(0, match.start() - 20) : match.start()])
        if cued or (match.group(2) == "-" and not _could_be_date(first, second)):
            found.append((match.start(), match.end(), Mask.BANK))
    return found


def _dates(text: str, *, digits: bool = True) -> list[tuple[int, int, Mask]]:
    found = [
        (m.start(), _trim(text, m.start(), m.end()), Mask.DATE) for m in _DAY_MONTH.finditer(text)
    ]
    if not digits:
        return found  # "ninth of june": the only kind without a digit
    found += _spans(_MONTH_DAY, text, Mask.DATE)
    found += [(m.start(1), m.end(1), Mask.DATE) for m in _BIRTH_YEAR.finditer(text)]
    for match in _NUMERIC_DATE.finditer(text):
        if match.group(1) is not None:
            day, month = int(match.group(1)), int(match.group(3))
        else:
            day, month = int(match.group(7)), int(match.group(6))
        if _could_be_date(day, month):
            found.append((match.start(), match.end(), Mask.DATE))
    return found


def _phones(text: str) -> list[tuple[int, int, Mask]]:
    if sum(ch.isdigit() for ch in text) < 10:
        return []
    found = []
    matcher = phonenumbers.PhoneNumberMatcher(text, "GB", leniency=phonenumbers.Leniency.POSSIBLE)
    for match in matcher:
        digits = sum(ch.isdigit() for ch in match.raw_string)
        start = match.start
        while start < match.end and text[start] not in "+(0123456789":
            start += 1  # "[/] 07700 …": the brackets before are not part of the number
        if digits >= 10 or (text[start] == "+" and digits >= 8):
            found.append((start, match.end, Mask.PHONE))
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
