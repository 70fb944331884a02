"""A survey carried in Welsh and Urdu for the phone pages' language tests, and a way
to find any of the phone pages' own English words left on a page.

The English words are the messages of the ``phone`` catalogue (``phone.pot``): each
one that the language has its own words for becomes a pattern (its ``{value}`` and
``%(value)s`` places match anything), looked for with word boundaries and matching
case, so "Send" is found and the Welsh "Anfon" is not mistaken for it.
"""

from __future__ import annotations

import re
from functools import cache

from babel.messages.pofile import read_po

from kiosk.web.page_language import phone_words
from surveys.catalogues import LOCALE_DIR
from surveys.loader import load_survey_text
from surveys.model import Survey

COURSE = """\
id: course
title: Course feedback
version: "1"
intro: Thank you for helping us.
language: en
consent:
  text: standard-v1
  organisation: the Recovery College
  coordinator: the course coordinator
  contact: Sam Jones on 01234 567890
  ticks:
    - id: quote
      text: You can quote my words.
questions:
  - id: how
    kind: single
    text: How was the course?
    help: Choose the one that fits best.
    options:
      - Good
      - {label: Not so good, value: poor}
  - id: again
    kind: yesno
    text: Would you come again?
  - id: more
    kind: longtext
    text: Anything else?
support:
  talk_to: the course tutor
  lines:
    - {name: Samaritans, how: Call 116 123}
translations:
  cy:
    title: Adborth am y cwrs
    intro: Diolch am ein helpu ni.
    consent.organisation: y Coleg Adfer
    consent.coordinator: cydlynydd y cwrs
    consent.help: y person sy'n rhedeg y sesiwn hon
    consent.tick.quote: Gallwch ddyfynnu fy ngeiriau.
    question.how.text: Sut oedd y cwrs?
    question.how.help: Dewiswch yr un sy'n gweddu orau.
    question.how.option.Good: Da
    question.how.option.poor: Ddim cystal
    question.again.text: Fyddech chi'n dod eto?
    question.more.text: Unrhyw beth arall? <b>"dim"</b>
    support.talk_to: tiwtor y cwrs
    support.line.1.name: Samariaid
    support.line.1.how: Ffoniwch 116 123
  ur:
    title: کورس کے بارے میں رائے
    intro: ہماری مدد کرنے کا شکریہ۔
    consent.organisation: ریکوری کالج
    consent.coordinator: کورس کے کوآرڈینیٹر
    consent.help: اس سیشن کو چلانے والا شخص
    consent.tick.quote: آپ میرے الفاظ نقل کر سکتے ہیں۔
    question.how.text: کورس کیسا تھا؟
    question.how.help: وہ چنیں جو سب سے بہتر لگے۔
    question.how.option.Good: اچھا
    question.how.option.poor: اتنا اچھا نہیں
    question.again.text: کیا آپ دوبارہ آئیں گے؟
    question.more.text: کچھ اور؟
    support.talk_to: کورس کے استاد
    support.line.1.name: سماریٹنز
    support.line.1.how: 116 123 پر فون کریں
"""
"""Welsh and Urdu translations of every text (the Welsh question text carries markup,
which must show as the characters it is)."""


def course_survey() -> Survey:
    """The course survey, in English with Welsh and Urdu translations."""
    result = load_survey_text(COURSE, "course.yaml")
    assert result.survey is not None, [p.describe() for p in result.problems]
    assert not result.errors, [p.describe() for p in result.problems]
    return result.survey


@cache
def phone_messages() -> tuple[tuple[str, ...], ...]:
    """Every message of the phone catalogue: (singular,) or (singular, plural)."""
    with (LOCALE_DIR / "phone.pot").open("rb") as file:
        catalog = read_po(file)
    return tuple(
        tuple(message.id) if isinstance(message.id, tuple) else (message.id,)
        for message in catalog
        if message.id
    )


_PLACE = re.compile(r"%\(\w+\)s|\{\w+\}")


def _pattern(text: str) -> re.Pattern[str] | None:
    """``text`` as a pattern with its values matching anything; None when nothing
    but values, punctuation and a short joining word would be left to find."""
    pieces = _PLACE.split(text)
    letters = sum(len(re.findall(r"[A-Za-z]", piece)) for piece in pieces)
    if letters < 2 or (len(pieces) > 1 and letters < 4):
        # Only values and a short joining word ("{first} and {last}"): that word
        # alone would be found in anyone's English idea or survey text.
        return None
    body = ".+?".join(re.escape(piece) for piece in pieces)
    return re.compile(rf"(?<![A-Za-z]){body}(?![A-Za-z])")


def english_left(shown: str, language: str) -> list[str]:
    """The phone pages' own English messages found in ``shown`` (a page's visible
    text, title and accessible names), among those ``language`` has its own words for."""
    own = phone_words(language)
    found: list[str] = []
    for forms in phone_messages():
        if not own.has(forms[0]):
            continue  # the same in both languages (a number and a label, say)
        for form in forms:
            pattern = _pattern(form)
            if pattern is not None and pattern.search(shown):
                found.append(form)
    return found
