"""Easy Read: the stricter wording rules for a survey in the Easy Read style.

``kiosk check --easy-read`` applies them on top of the plain-English advice
(``accessibility.plain_english``), and any of them fails the check. They follow
the UK's Easy Read guidance (Department of Health, "Making written information
easier to understand for people with learning disabilities", and NHS England's
Accessible Information Standard): short sentences of 15 words or fewer with one
idea each, numbers as digits, no percentages, no unexplained short forms, short
choices, and a reading age of 9 or under.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from enum import Enum
from typing import Any

from accessibility.glossary import Glossary, glossary_for
from accessibility.plain_english import (
    ENGLISH,
    SENTENCE_WORD_LIMIT,
    Advice,
    reading_age,
    sentences,
    survey_texts,
    words_in,
)
from surveys.languages import EASY_READ
from surveys.model import Survey, Translation
from surveys.survey_translations import describe_key, in_language, is_name

EASY_READING_AGE = 9
"""Easy Read aims lower than plain English's 11."""
EASY_CHOICE_WORDS = 6
"""A choice is one short idea: 6 words at most."""
READING_AGE_MIN_WORDS = 12


class EasyReadCode(Enum):
    """Every Easy Read rule, with its message for the author."""

    LONG_SENTENCE = (
        'This sentence has {count} words: "{words}". Easy Read sentences have '
        "{limit} words or fewer."
    )
    ONE_IDEA = (
        'This sentence joins ideas together: "{words}". In Easy Read, put one idea '
        "in each sentence."
    )
    SHORT_FORM = '"{words}" is a short form. Write it out in full, or explain it in the glossary.'
    NUMBER_WORD = '"{words}" is a number written as a word. In Easy Read, write it as {digit}.'
    PERCENTAGE = (
        '"{words}" is a percentage, which many people find hard. Say it as "1 in 4" or '
        '"most people" instead.'
    )
    LONG_CHOICE = (
        'This choice has {count} words: "{words}". Keep each choice to {limit} words or fewer.'
    )
    READING_AGE = (
        "This text needs a reading age of about {age}. Easy Read aims for {limit} or "
        "under: use short, everyday words."
    )

    def format(self, **context: Any) -> str:
        """The message with its placeholders filled in."""
        return str(self.value).format(**context)


_JOINERS = re.compile(
    r";|:(?!\d)|\b(?:which|because|although|however|whereas|unless|so that|as well as)\b"
    r"|,\s*(?:and|but|or|so)\b",
    re.IGNORECASE,
)
_SHORT_FORM = re.compile(r"\b[A-Z][A-Z0-9]{1,}s?\b")
_NUMBER_NAMES = (
    "zero one two three four five six seven eight nine ten eleven twelve thirteen "
    "fourteen fifteen sixteen seventeen eighteen nineteen twenty"
)
_NUMBER_WORDS = {
    word: str(number)
    for number, word in enumerate(_NUMBER_NAMES.split())
    if number >= 2  # "one" is too often not a number ("the right one")
}
_NUMBER_WORD = re.compile(r"\b(" + "|".join(_NUMBER_WORDS) + r")\b", re.IGNORECASE)
_PERCENT = re.compile(r"\d+(?:\.\d+)?\s*%|\b\w+\s+per\s*cent\b", re.IGNORECASE)
_ALLOWED_SHORT_FORMS = frozenset({"OK", "TV", "I"})


def _sentence_rules(
    text: str, glossary: Glossary
) -> Iterator[tuple[EasyReadCode, str, dict[str, object]]]:
    explained = {entry.term.upper() for entry in glossary.terms_in(text)}
    for sentence in sentences(text):
        count = len(words_in(sentence))
        if count > SENTENCE_WORD_LIMIT:
            yield EasyReadCode.LONG_SENTENCE, sentence, {"count": count}
        if len(_JOINERS.findall(sentence)) >= 1 and count > 8:
            yield EasyReadCode.ONE_IDEA, sentence, {}
    for match in _SHORT_FORM.finditer(text):
        word = match.group(0)
        if word.rstrip("s") not in _ALLOWED_SHORT_FORMS and word.upper() not in explained:
            yield EasyReadCode.SHORT_FORM, word, {}
    for match in _NUMBER_WORD.finditer(text):
        yield (
            EasyReadCode.NUMBER_WORD,
            match.group(0),
            {"digit": _NUMBER_WORDS[match.group(0).lower()]},
        )
    for match in _PERCENT.finditer(text):
        yield EasyReadCode.PERCENTAGE, match.group(0), {}


def check_easy_text(
    text: str, *, choice: bool = False, glossary: Glossary | None = None
) -> list[tuple[EasyReadCode, str, str]]:
    """Easy Read advice on one text, as (code, words, message) triples; ``choice``
    for an option's words (one short idea)."""
    glossary = glossary or glossary_for()
    found = list(_sentence_rules(text, glossary))
    if choice and len(words_in(text)) > EASY_CHOICE_WORDS:
        found.append((EasyReadCode.LONG_CHOICE, text, {"count": len(words_in(text))}))
    if not choice and len(words_in(text)) >= READING_AGE_MIN_WORDS:
        age = reading_age(text, glossary)
        if round(age) > EASY_READING_AGE:
            found.append((EasyReadCode.READING_AGE, text, {"age": round(age)}))
    return [
        (
            code,
            words,
            code.format(
                words=_short(words),
                limit=_limit(code),
                **context,
            ),
        )
        for code, words, context in found
    ]


def _limit(code: EasyReadCode) -> int:
    if code is EasyReadCode.LONG_CHOICE:
        return EASY_CHOICE_WORDS
    if code is EasyReadCode.READING_AGE:
        return EASY_READING_AGE
    return SENTENCE_WORD_LIMIT


def _short(words: str, limit: int = 90) -> str:
    words = " ".join(words.split())
    return words if len(words) <= limit else words[: limit - 1].rstrip() + "…"


def check_easy_read(survey: Survey, source: str | None = None, path: str = "") -> list[Advice]:
    """Easy Read advice on everything a participant of ``survey`` reads (the shipped
    consent text is checked by its own Easy Read version, not here).

    When the survey carries an Easy Read version, that is what an Easy Read reader
    meets: its own words are checked where they are written (``check_easy_read_version``)
    and the usual words only where it has none."""
    glossary = glossary_for(survey, ENGLISH)
    advice: list[Advice] = []
    items = survey_texts(survey, source)
    version = easy_read_version(survey)
    if version is not None:
        own = set(version.texts.values())
        shown = in_language(survey, EASY_READ)
        items = (item for item in survey_texts(shown, source) if item.text not in own)
        advice += check_easy_read_version(survey, path)
    for item in items:
        for code, words, message in check_easy_text(
            item.text, choice=not item.prose, glossary=glossary
        ):
            advice.append(
                Advice(code, message, words, item.where, item.question_id, item.line, path)
            )
    return advice


# -- a survey's Easy Read version ------------------------------------------------------

_CHOICES = re.compile(
    r"^(?:title|section\.[^.]+\.title|question\..+\.(?:option\..+|scale\.\d+|low_label|high_label))$"
)
"""Keys of short texts checked as choices: titles and the words of each choice."""


def easy_read_version(survey: Survey) -> Translation | None:
    """The survey's Easy Read words (``translations: easy-read:``), if it has them."""
    return next((t for t in survey.translations if t.language == EASY_READ), None)


def check_easy_read_version(survey: Survey, path: str = "") -> list[Advice]:
    """The Easy Read rules on the survey's Easy Read version, each at the line and
    column of the words in the file. ``kiosk check`` always applies them: a version
    that calls itself Easy Read has to be Easy Read."""
    version = easy_read_version(survey)
    if version is None:
        return []
    glossary = glossary_for(survey, ENGLISH)
    advice: list[Advice] = []
    for key, text in version.texts.items():
        if is_name(key):
            continue
        line, column = version.places.get(key, (0, 0))
        where = f"the Easy Read words for {describe_key(key)}"
        question_id = key.split(".")[1] if key.startswith("question.") else None
        for code, words, message in check_easy_text(
            text, choice=bool(_CHOICES.match(key)), glossary=glossary
        ):
            advice.append(Advice(code, message, words, where, question_id, line, path, column))
    return advice
