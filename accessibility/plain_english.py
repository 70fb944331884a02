"""Wording advice for survey authors: is the survey in plain English?

``check_wording(survey)`` reads every word a participant meets — title, intro,
section notes, questions, help, choices, consent ticks, the survey's glossary and
the filled-in consent text — and returns ``Advice``: long sentences, jargon with a
plainer word to use, a reading age above 11, questions that ask two things at once,
and double negatives. Each item has a stable ``WordingCode`` (tests assert it) and a
message for the author, printed as "file, line N: Advice: …".

Advice is a warning: a survey still runs. With ``strict`` (``kiosk check --strict``)
any advice counts as a failure, and the shipped templates and consent text pass it.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, replace
from enum import Enum
from typing import Any

from accessibility.glossary import Glossary, glossary_for
from accessibility.jargon import find_jargon
from surveys import catalogues
from surveys.consent import consent_text
from surveys.model import ConsentBlock, Kind, Question, Survey

SENTENCE_WORD_LIMIT = 15
"""Easy Read guidance: sentences over 15 words are harder to follow."""
READING_AGE_LIMIT = 11
"""NHS guidance: aim for a reading age of 9 to 11."""
ENGLISH = catalogues.words("en")
"""The checks read the author's English, whatever language the kiosk's screen is in."""
READING_AGE_MIN_WORDS = 12
"""Texts shorter than this are too short for a reading-age formula to mean much."""
CONSENT_PATH = "surveys/consent_texts/{version}.txt"


class WordingCode(Enum):
    """Every kind of wording advice, with its message template."""

    LONG_SENTENCE = (
        'This sentence has {count} words: "{words}". Sentences of {limit} words or '
        "fewer are easier to read. Try splitting it in two."
    )
    JARGON = '"{words}" may be hard to understand. Try "{suggestion}" instead.'
    READING_AGE = (
        "This text needs a reading age of about {age}. Aim for {limit} or under: "
        "use shorter sentences and everyday words."
    )
    TWO_QUESTIONS = (
        'This seems to ask two things at once ("{words}"). People may feel '
        "differently about each. Ask them as separate questions."
    )
    DOUBLE_NEGATIVE = (
        '"{words}" has two negatives, which is hard to follow. Say it the positive way.'
    )

    def format(self, **context: Any) -> str:
        """The message with its placeholders filled in."""
        return str(self.value).format(**context)


@dataclass(frozen=True, slots=True)
class Advice:
    """One piece of wording advice, located for the survey's author."""

    code: Enum
    """A ``WordingCode``, or an ``EasyReadCode`` for the Easy Read rules."""
    message: str
    words: str
    """The words the advice is about, as written."""
    where: str
    """Which text: "question 'felt_safe'", "the intro", "the consent text", …"""
    question_id: str | None = None
    line: int = 0
    path: str = ""

    def describe(self) -> str:
        """ "file, line N: Advice: In question 'x', …" — the form ``kiosk check`` prints."""
        place = ", ".join(
            part for part in (self.path, f"line {self.line}" if self.line else "") if part
        )
        text = f"Advice: In {self.where}: {self.message}"
        return f"{place}: {text}" if place else text


def describe_all(advice: Iterable[Advice], path: str = "") -> list[str]:
    """Each advice as a printed line, with ``path`` filled in where it has none."""
    return [
        (replace(item, path=path) if path and not item.path else item).describe() for item in advice
    ]


def failed(advice: Iterable[Advice], *, strict: bool) -> bool:
    """Whether the check fails: advice never fails it, unless ``strict`` is on."""
    return strict and any(True for _ in advice)


# -- the checks on one piece of text ------------------------------------------------------

_SENTENCE_END = re.compile(r"(?<=[.!?…])[\"')\]]*\s+|\n+")
_WORD = re.compile(r"[A-Za-z0-9£$€][\w'’\-]*")


def sentences(text: str) -> list[str]:
    """``text`` split into sentences (at . ! ? … followed by a space, and at line ends)."""
    return [part.strip() for part in _SENTENCE_END.split(text) if part and part.strip()]


def words_in(text: str) -> list[str]:
    """The words of ``text`` (numbers count as words; punctuation does not)."""
    return _WORD.findall(text)


_QUESTION_START = (
    r"(?:how|what|why|when|where|who|which|would|could|should|do|does|did|is|are|was|"
    r"were|will|can|have|has)"
)
_TWO_QUESTIONS = (
    re.compile(r"\band\s*/\s*or\b", re.IGNORECASE),
    re.compile(rf"(?:,\s*|\s)(?:and|or)\s+{_QUESTION_START}\s+\w+", re.IGNORECASE),
    re.compile(r"\bhow\s+(\w+)\s+and\s+(\w+)\s+(?:was|were|is|are|did|do)\b", re.IGNORECASE),
)
_NEGATIVE = re.compile(
    r"\b(?:not|no|never|none|nobody|nothing|nowhere|neither|nor|cannot|without)\b"
    r"|\b\w+n['’]t\b",
    re.IGNORECASE,
)
_NOT_A_NEGATIVE = re.compile(
    r"\b(?:say|says|said|saying)\s+no\b|\bno\s+thanks\b|\bneither\b[^.?!]*?\bnor\b|^no\b",
    re.IGNORECASE,
)
_NOT_UN = re.compile(
    r"\b(?:not|never|\w+n['’]t)\s+(?:(?:at\s+all|very|so|too)\s+)?"
    r"(?!under|unit|univ|until|unless)(un\w{3,}|dis(?:agree|like|approve|satisf)\w*)",
    re.IGNORECASE,
)


def _long_sentences(text: str) -> Iterator[tuple[WordingCode, str, dict[str, object]]]:
    for sentence in sentences(text):
        count = len(words_in(sentence))
        if count > SENTENCE_WORD_LIMIT:
            yield (
                WordingCode.LONG_SENTENCE,
                sentence,
                {"count": count, "limit": SENTENCE_WORD_LIMIT},
            )


def _jargon(text: str) -> Iterator[tuple[WordingCode, str, dict[str, object]]]:
    for found, suggestion in find_jargon(text):
        yield WordingCode.JARGON, found, {"suggestion": suggestion}


def _double_negatives(text: str) -> Iterator[tuple[WordingCode, str, dict[str, object]]]:
    for sentence in sentences(text):
        match = _NOT_UN.search(sentence)
        if match:
            yield WordingCode.DOUBLE_NEGATIVE, match.group(0), {}
            continue
        cleared = _NOT_A_NEGATIVE.sub(" ", sentence)
        negatives = _NEGATIVE.findall(cleared)
        if len(negatives) >= 2:
            yield WordingCode.DOUBLE_NEGATIVE, sentence, {}


def _two_questions(text: str) -> Iterator[tuple[WordingCode, str, dict[str, object]]]:
    if text.count("?") >= 2:
        yield WordingCode.TWO_QUESTIONS, text, {}
        return
    for sentence in sentences(text):
        if not sentence.endswith("?"):
            continue
        for pattern in _TWO_QUESTIONS:
            match = pattern.search(sentence)
            if match:
                yield WordingCode.TWO_QUESTIONS, match.group(0).strip(" ,"), {}
                return


def reading_age(text: str, glossary: Glossary | None = None) -> float:
    """UK reading age of ``text``: Flesch-Kincaid grade + 5 (textstat 0.7.3, offline).

    Words the glossary explains on screen are counted as one-syllable words, since
    the participant can look them up where they meet them.
    """
    # textstat ships no type hints; only this function uses it, imported lazily so the
    # kiosk's start-up never pays for it.
    import textstat  # type: ignore[import-untyped]  # noqa: PLC0415

    if glossary is not None:
        for entry in glossary.terms_in(text):
            text = re.sub(re.escape(entry.term), "word", text, flags=re.IGNORECASE)
    grade = float(textstat.flesch_kincaid_grade(text))
    return max(5.0, grade + 5)


def _reading_age(
    text: str, glossary: Glossary | None
) -> Iterator[tuple[WordingCode, str, dict[str, object]]]:
    if len(words_in(text)) < READING_AGE_MIN_WORDS:
        return
    age = reading_age(text, glossary)
    if age > READING_AGE_LIMIT:
        yield WordingCode.READING_AGE, text, {"age": round(age), "limit": READING_AGE_LIMIT}


def check_text(
    text: str,
    *,
    question: bool = False,
    prose: bool = True,
    glossary: Glossary | None = None,
) -> list[tuple[WordingCode, str, str]]:
    """Advice for one piece of text, as (code, words, message) triples.

    ``question`` adds the "two things at once" check; ``prose`` (False for choice
    labels) adds the reading-age and double-negative checks.
    """
    checks = [_long_sentences(text), _jargon(text)]
    if prose:
        checks += [_double_negatives(text), _reading_age(text, glossary)]
    if question:
        checks.append(_two_questions(text))
    return [_with_message(found) for check in checks for found in check]


def _with_message(
    found: tuple[WordingCode, str, dict[str, object]],
) -> tuple[WordingCode, str, str]:
    code, words, context = found
    return code, words, code.format(words=_short(words), **context)


def _short(words: str, limit: int = 90) -> str:
    words = " ".join(words.split())
    return words if len(words) <= limit else words[: limit - 1].rstrip() + "…"


# -- the survey as a whole --------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class SurveyText:
    """One text a participant reads, where it is, and how to check it."""

    text: str
    where: str
    question_id: str | None = None
    line: int = 0
    question: bool = False
    prose: bool = True


def _find_line(source: str | None, text: str, after: int = 0) -> int:
    """The line of ``source`` (from ``after`` on) where ``text`` starts, or 0."""
    if not source or not text.strip():
        return 0
    lines = source.splitlines()
    head = " ".join(text.split()[:4])
    for wanted in (head, " ".join(text.split()[:2])):
        for number in range(max(after, 1), len(lines) + 1):
            if wanted and wanted in " ".join(lines[number - 1].split()):
                return number
    return after


def _question_texts(question: Question, source: str | None) -> Iterator[SurveyText]:
    where = f"question '{question.id}'"
    line = question.line

    def at(text: str) -> int:
        return _find_line(source, text, line) or line

    asks = question.kind is not Kind.INFO
    yield SurveyText(question.text, where, question.id, at(question.text), question=asks)
    if question.help:
        yield SurveyText(question.help, f"the help for {where}", question.id, at(question.help))
    labels = [option.label for option in question.options]
    if question.kind is Kind.SCALE:
        labels += list(question.scale_labels)
    labels += [label for label in (question.low_label, question.high_label) if label]
    for label in labels:
        yield SurveyText(label, f"a choice of {where}", question.id, at(label), prose=False)


def survey_texts(survey: Survey, source: str | None) -> Iterator[SurveyText]:
    yield SurveyText(survey.title, "the title", line=_find_line(source, survey.title), prose=False)
    yield SurveyText(survey.intro, "the intro", line=_find_line(source, survey.intro))
    for section in survey.sections:
        yield SurveyText(
            section.title,
            f"section '{section.id}'",
            prose=False,
            line=_find_line(source, section.title),
        )
        if section.content_note:
            yield SurveyText(
                section.content_note,
                f"the note for section '{section.id}'",
                line=_find_line(source, section.content_note),
            )
    for tick in survey.consent.ticks:
        yield SurveyText(tick.text, f"consent tick '{tick.id}'", line=_find_line(source, tick.text))
    for word, meaning in survey.glossary.items():
        yield SurveyText(
            meaning, f"the glossary entry for '{word}'", line=_find_line(source, meaning)
        )
    for question in survey.questions:
        yield from _question_texts(question, source)


def _advise(items: Iterable[SurveyText], glossary: Glossary, path: str = "") -> list[Advice]:
    advice = []
    for item in items:
        for code, words, message in check_text(
            item.text, question=item.question, prose=item.prose, glossary=glossary
        ):
            advice.append(
                Advice(code, message, words, item.where, item.question_id, item.line, path)
            )
    return advice


def _advise_reading_age(whole: SurveyText, glossary: Glossary, path: str) -> list[Advice]:
    """Reading-age advice (only) on texts joined into one."""
    return [
        Advice(code, message, words, whole.where, whole.question_id, whole.line, path)
        for code, words, message in map(_with_message, _reading_age(whole.text, glossary))
    ]


def check_consent(block: ConsentBlock, glossary: Glossary | None = None) -> list[Advice]:
    """Advice on the consent text as this survey fills it in, located in the shipped file.

    Each line of the template is checked on its own (with the survey's details filled
    in), and the text as a whole for its reading age.
    """
    glossary = glossary or glossary_for(None, ENGLISH)
    path = CONSENT_PATH.format(version=block.version)
    # Details are single-line, so line N of the filled text is line N of the template.
    filled = consent_text(block).splitlines()
    items = [
        SurveyText(text, "the consent text", line=number, prose=True)
        for number, text in enumerate(filled, 1)
        if text.strip()
    ]
    advice = [
        item for item in _advise(items, glossary, path) if item.code is not WordingCode.READING_AGE
    ]
    whole = SurveyText(" ".join(filled), "the consent text as a whole", line=1)
    return advice + _advise_reading_age(whole, glossary, path)


def check_wording(survey: Survey, source: str | None = None, path: str = "") -> list[Advice]:
    """Wording advice for everything a participant of ``survey`` reads.

    ``source`` (the survey file's text) lets advice outside questions carry a line
    number; ``path`` names the file in printed advice.
    """
    glossary = glossary_for(survey, ENGLISH)
    texts = list(survey_texts(survey, source))
    advice = _advise(texts, glossary, path)
    whole = " ".join(sentence_end(item.text) for item in texts if item.prose)
    advice += _advise_reading_age(SurveyText(whole, "the survey as a whole"), glossary, path)
    return advice + check_consent(survey.consent, glossary)


def sentence_end(text: str) -> str:
    """``text`` ending with a full stop if it had no end mark (so texts join as sentences).

    Not ``accessibility.narration.sentence``: that leaves a ";" as it is (a pause is
    enough for speech), but two texts are two sentences for a reading age.
    """
    text = text.strip()
    return text if text[-1:] in ".?!…:" else f"{text}."


__all__ = [
    "Advice",
    "WordingCode",
    "check_consent",
    "check_text",
    "check_wording",
    "describe_all",
    "failed",
    "reading_age",
    "sentences",
    "words_in",
]
