"""The patterns the PII engine (``surveys.pii``) matches: emails, numbers, dates, places …

Compiled once at import. Which mask each one gives, and in what order of precedence,
is decided by the engine; ``suspicious``'s looser patterns come after them, and last
the finders that need more than one pattern (sort codes, dates, phone numbers).
"""

from __future__ import annotations

import re

import phonenumbers

L = r"[^\W\d_]"
"""One letter, any alphabet (Ł, ś, á …)."""

UP = r"[A-ZÀ-ÖØ-ÞĀĂĄĆĈĊČĎĐĒĔĖĘĚĜĞĠĢĤĦĨĪĬĮİĲĴĶĹĻĽĿŁŃŅŇŊŌŎŐŒŔŖŘŚŜŞŠŢŤŦŨŪŬŮŰŲŴŶŸŹŻŽ]"
"""One capital letter (Latin alphabets)."""

CAP_WORD = rf"(?<![\w'’-]){UP}{L}*(?:['’-]{L}+)*"
"""A capitalised word: "Patel", "O'Sullivan", "Al-Rashid", "Wiśniewska"."""

TITLES = (
    r"Dr|Doctor|Mr|Mrs|Ms|Miss|Mx|Prof|Professor|Nurse|Sister|Matron|Rev|Father|Auntie|"
    r"Uncle|Councillor|Cllr|Sir|Dame|Lady|Lord|Imam|Rabbi|Pastor"
)

PLACE_WORDS = re.compile(
    r"\b(ward|unit|hospital|centre|center|clinic|house|college|surgery|street|road|lane|"
    r"avenue|park|court|hall|school|practice|team|service|village|town|city)\b",
    re.IGNORECASE,
)

STREETS = (
    r"Street|St|Road|Rd|Avenue|Ave|Lane|Ln|Close|Drive|Way|Crescent|Cres|Court|Gardens|"
    r"Gdns|Terrace|Place|Grove|Hill|Walk|Square|Sq|Row|Mews|Park|View|Rise|Parade|Green|"
    r"Vale|Croft|Estate|Boulevard|Wharf|Yard"
)

MONTHS = (
    r"January|February|March|April|May|June|July|August|September|October|November|"
    r"December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec"
)

ORDINAL_WORDS = (
    r"(?:twenty|thirty)?-?\s?(?:first|second|third|fourth|fifth|sixth|seventh|eighth|ninth)|"
    r"tenth|eleventh|twelfth|thirteenth|fourteenth|fifteenth|sixteenth|seventeenth|"
    r"eighteenth|nineteenth|twentieth|thirtieth"
)

EMAIL = re.compile(
    r"(?<![A-Za-z0-9._%+-])[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}"
)

TLD = r"(?:com|org|net|uk|io|info|gov|nhs|ac|edu|me|co)"

DOT = r"(?:\s*[(\[{<]\s*dot\s*[)\]}>]\s*|\s+dot\s+|\.)"

HIDDEN_EMAIL = re.compile(
    # jo(at)example.org, jo [at] example [dot] co [dot] uk, jo at example dot org
    rf"(?<![A-Za-z0-9._%+-])[A-Za-z0-9._%+-]+\s*[(\[{{<]\s*at\s*[)\]}}>]\s*[A-Za-z0-9-]+(?:{DOT}[A-Za-z0-9-]+)*"
    rf"{DOT}{TLD}\b"
    rf"|(?<![A-Za-z0-9._%+-])[A-Za-z0-9._%+-]+(?:\s+dot\s+[A-Za-z0-9_%+-]+)*\s+at\s+[A-Za-z0-9-]+(?:\s+dot\s+[A-Za-z0-9-]+)*\s+dot\s+{TLD}\b",
    re.IGNORECASE,
)

LINK = re.compile(
    r"(?:https?://|www\.)[^\s<>\"']+"
    r"|(?<![A-Za-z0-9.-])[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.(?:com|org|net|uk|io|info|gov|nhs|ac|edu|me|ly|co)"
    r"\b(?:/[^\s<>\"']*)?",
    re.IGNORECASE,
)

NHS = re.compile(r"(?<![\d-])(\d{3})[ -]?(\d{3})[ -]?(\d{4})(?![\d-])")

NI = re.compile(r"\b[A-Z]{2} ?\d{2} ?\d{2} ?\d{2} ?[A-D]\b", re.IGNORECASE)

POSTCODE = re.compile(
    r"\b(?:GIR ?0AA|[A-PR-UWYZ](?:\d{1,2}|[A-HK-Y]\d{1,2}|\d[A-HJKPSTUW]|[A-HK-Y]\d[ABEHMNPRVWXY])"
    r" ?\d[ABD-HJLNP-UW-Z]{2})\b",
    re.IGNORECASE,
)

SORT_CODE = re.compile(r"(?<![\d/.-])(\d{2})([- ])(\d{2})\2(\d{2})(?![\d/.-])")

SORT_CODE_CUE = re.compile(r"sort\s*code\s*:?\s*$", re.IGNORECASE)

FUNCTION_WORDS = r"(?:at|in|on|to|of|the|and|a|an|for|from|by|with|times|or|but|is|was)"

ADDRESS = re.compile(
    # 14 Acacia Avenue, 27b kingsley road, Flat 2, 3 High St
    rf"\b(?:(?:flat|apartment|apt|unit)\s+\d+[a-z]?,?\s+)?\d{{1,4}}[a-z]?,?\s+"
    rf"(?:(?!{FUNCTION_WORDS}\b){L}[\w'’-]*\s+){{1,3}}(?:{STREETS})\b"
    rf"|\b(?:flat|apartment|apt)\s+\d+[a-z]?\b",
    re.IGNORECASE,
)

STREET = re.compile(
    # "on Kingsley Road", "Acacia Avenue": a capitalised name and a street word
    rf"\b(?:{CAP_WORD}\s+){{1,2}}(?:Street|Road|Avenue|Lane|Close|Drive|Crescent|Gardens|"
    rf"Terrace|Grove|Mews|Parade|Boulevard)\b"
)

DAY_MONTH = re.compile(
    rf"\b(?:\d{{1,2}}(?:st|nd|rd|th)?|{ORDINAL_WORDS})\s+(?:of\s+)?(?:{MONTHS})\b\.?"
    rf"(?:,?\s+(?:\d{{4}}|'\d{{2}}|nineteen[\w\s-]*?(?=[.,;!?]|$)))?",
    re.IGNORECASE,
)

MONTH_DAY = re.compile(rf"\b(?:{MONTHS})\s+\d{{1,2}}(?:st|nd|rd|th)?(?:,?\s+\d{{4}})?\b")

NUMERIC_DATE = re.compile(
    r"(?<![\d/.-])(\d{1,2})([/.-])(\d{1,2})\2(\d{4}|\d{2})(?![\d/.-]|\.\d)"
    r"|(?<![\d/.-])(\d{4})-(\d{1,2})-(\d{1,2})(?![\d/.-])"
)

BIRTH_YEAR = re.compile(
    rf"\b(?:born(?:\s+(?:on|in))?|dob|d\.o\.b\.?|date of birth(?:\s+is)?|birthday(?:\s+is)?)"
    rf"\s*:?\s*(?:in\s+)?((?:(?:{MONTHS})\s+)?(?:19|20)\d{{2}})\b",
    re.IGNORECASE,
)

VEHICLE = re.compile(
    r"\b[A-Z]{2}\d{2}\s?[A-Z]{3}\b"  # AB12 CDE (since 2001)
    r"|\b[A-HJ-PR-Y]\d{1,3}\s?[A-Z]{3}\b"  # P123 ABC (prefix, 1983-2001)
    r"|\b[A-Z]{3}\s?\d{1,3}[A-HJ-PR-Y]\b"  # ABC 123D (suffix, 1963-1983)
    r"|(?i:\b[a-z]{2}\d{2}\s?[a-z]{3}\b)"  # ab12 cde, typed in lower case
)

WARD = re.compile(
    rf"\b[Ww]ard\s+(?:\d+[A-Za-z]?|[A-Z]\d*)\b|\b(?:{CAP_WORD}\s+){{1,2}}(?:Ward|Unit|Wing)\b"
)

INSTITUTION = re.compile(
    rf"\b(?:(?:St\.?|Saint)\s+)?(?:{CAP_WORD}\s+){{1,4}}(?:Hospital|Infirmary|Clinic|Surgery|"
    rf"Medical\s+Centre|Health\s+Centre|Centre|Center|Primary|Academy|School|College|Church|Mosque|"
    rf"Temple|Gurdwara|Synagogue|Hospice|Prison|Hostel|Practice)\b"
    rf"|\b(?:St\.?|Saint)\s+{CAP_WORD}"
)

TITLED = re.compile(
    rf"\b(?:{TITLES})\.?\s+{CAP_WORD}(?:\s+{CAP_WORD})?",
)

HANDLE = re.compile(r"(?<![\w@])@[A-Za-z0-9_](?:[A-Za-z0-9_.]*[A-Za-z0-9_])?")

SOCIAL = re.compile(
    r"\b(?:insta(?:gram)?|ig|twitter|tiktok|snap(?:chat)?|facebook|fb|threads|discord|"
    r"youtube|twitch|reddit)\b(?:\s+(?:handle|name|account|username|user|is|me|at|on))*"
    r"\s*[:\-]?\s*@?([A-Za-z0-9_](?:[A-Za-z0-9_.]*[A-Za-z0-9_])?)",
    re.IGNORECASE,
)

NAME_CUE = re.compile(
    r"\b(?:my\s+name\s+is|my\s+name'?s|my\s+names|name'?s|i'?m\s+called|i\s+am\s+called|"
    r"call\s+me|known\s+as|my\s+surname\s+is|surname)\s+",
    re.IGNORECASE,
)

WEAK_CUE = re.compile(
    # "thanks to Olamide", "called Bartek": a capitalised word after these is a name
    r"(?i:\b(?:thanks\s+to|thank\s+you|thanks|thank|called|ask\s+for|asked\s+for|speak\s+to|"
    r"spoke\s+to|talk\s+to|talked\s+to|told|named|love\s+to|shout\s*out\s+to|i'?m|i\s+am)\s+)"
    rf"({CAP_WORD}(?:\s+{CAP_WORD})?)"
)

SURNAME_SHAPE = re.compile(
    rf"^(?:(?:O['’]|Mc|Mac)\s?{UP}{L}+|(?:Al|El|Abu|Bin|Ibn|Ben|Abd)-{UP}{L}+|"
    rf"{L}{{3,}}(?:ska|ski|cka|cki|dzka|dzki|wicz|czyk|czak|szyk|owska|ewska|enko|escu|oglu|"
    rf"oğlu))$"
)

DIGIT = re.compile(r"\d")

AT_WORD = re.compile(r"\bat\b", re.IGNORECASE)

LONG_NUMBER = re.compile(r"(?<!\d)\d(?:[ -]?\d){7,}(?!\d)")

WORD = re.compile(rf"{L}+(?:['’-]{L}+)*['’]?")

TRAILING = ".,;:!?)]}'\""

NUMBERISH = re.compile(r"\d[\d.,:/-]*(?:st|nd|rd|th)?\b", re.IGNORECASE)

MONTH_WORD = re.compile(rf"\b(?:{MONTHS})\b")

DAY_WORDS = re.compile(
    r"\b(?:yesterday|today|tomorrow|monday|tuesday|wednesday|thursday|friday|saturday|sunday)\b",
    re.IGNORECASE,
)

PLACE_CUE = re.compile(r"\b(?:in|at|from|near|to|by|on|around|outside|into)\s+$", re.IGNORECASE)

PLACE_HINTS = re.compile(r"ward|hospital|clinic|surgery|street|road|lane|avenue|school|estate")

SENTENCE_END = re.compile(r"(?:[.!?:;\n]\s*|[\"“(\[\]>*•-]\s*)$")
"""Where a capital is ordinary: the start, after a full stop, a quote, a bracket, a bullet."""


def trim_end(text: str, start: int, end: int) -> int:
    """Where a find ends without the full stop, comma or bracket after it."""
    while end > start and text[end - 1] in TRAILING:
        end -= 1
    return end


def could_be_date(day: int, month: int) -> bool:
    """True when two numbers could be a day and a month, either way round."""
    return (1 <= day <= 31 and 1 <= month <= 12) or (1 <= month <= 31 and 1 <= day <= 12)


def sort_codes(text: str) -> list[tuple[int, int]]:
    """ "12-34-56" that cannot be a date, or any such after the words "sort code"."""
    found = []
    for match in SORT_CODE.finditer(text):
        first, second = int(match.group(1)), int(match.group(3))
        cued = SORT_CODE_CUE.search(text[max(0, match.start() - 20) : match.start()])
        if cued or (match.group(2) == "-" and not could_be_date(first, second)):
            found.append((match.start(), match.end()))
    return found


def dates(text: str, *, digits: bool = True) -> list[tuple[int, int]]:
    """Days with a month, dates in numbers, and a year after "born" or "DOB"."""
    found = [(m.start(), trim_end(text, m.start(), m.end())) for m in DAY_MONTH.finditer(text)]
    if not digits:
        return found  # "ninth of june": the only kind without a digit
    found += [(m.start(), m.end()) for m in MONTH_DAY.finditer(text)]
    found += [(m.start(1), m.end(1)) for m in BIRTH_YEAR.finditer(text)]
    for match in NUMERIC_DATE.finditer(text):
        if match.group(1) is not None:
            day, month = int(match.group(1)), int(match.group(3))
        else:
            day, month = int(match.group(7)), int(match.group(6))
        if could_be_date(day, month):
            found.append((match.start(), match.end()))
    return found


def phones(text: str) -> list[tuple[int, int]]:
    """Phone numbers (``phonenumbers``, region GB): 10+ digits, or 8+ after a ``+``."""
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
            found.append((start, match.end))
    return found
