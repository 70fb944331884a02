"""The paper form's layout: which survey, which words, and the number and letters
of every question and tick box.

The printed form (``exports.paper_form``) and the facilitator's keying-in screen
(``kiosk.paper_entry``) both take their numbers and letters from here, so the box a
person ticked is always keyed in with the letter printed beside it.

- Questions that ask something are numbered 1, 2, 3… in the survey's order;
  information pages are printed with no number and keyed in with nothing.
- Choices (one, several, yes/no, an order) are lettered A, B, C… (never I or O,
  which look like 1 and 0); "Prefer not to say" is the last letter. A list longer
  than the letters is numbered 1, 2, 3… instead.
- A scale is keyed by its printed numbers (1 to 5), a 0–10 rating by the number,
  and "Prefer not to say" beside either by X.
- The consent boxes: A is "Yes, I agree", then B, C… the survey's own ticks.

The form's own words come from the ``paper`` catalogues (``surveys.catalogues.
words``): this serves many people at once, so it never uses the kiosk's ``_``.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from surveys.catalogues import N_, Words
from surveys.consent import consent_text, on_paper
from surveys.languages import SOURCE_LANGUAGE
from surveys.model import (
    DEFAULT_SCALE_LABELS,
    PREFER_NOT_TO_SAY,
    SCALE_FACES,
    AnswerValue,
    Kind,
    Question,
    Survey,
)
from surveys.survey_translations import in_language

EASY_READ = "easy-read"
"""The code of a survey's Easy Read wording (carried like a translation)."""
LETTERS = "ABCDEFGHJKLMNPQRSTUVWXYZ"
"""Box letters: no I or O, which a hurried eye reads as 1 and 0."""
PREFER_KEY = "X"
"""The key for "Prefer not to say" beside a scale or a rating (numbered boxes)."""
AGREE_KEY = "A"
"""The consent box that says "Yes, I agree"."""

SCALE_WORDS = (
    N_("Strongly disagree"),
    N_("Disagree"),
    N_("Neither agree nor disagree"),
    N_("Agree"),
    N_("Strongly agree"),
)
YES = N_("Yes")
NO = N_("No")
PREFER = N_("Prefer not to say")
AGREE = N_("Yes, I agree to take part")


class Keying(StrEnum):
    """How a question's answer is keyed in."""

    ONE = "one"
    """The key of one ticked box."""
    ANY = "any"
    """The keys of every ticked box."""
    ORDER = "order"
    """The keys of the boxes in the order the person numbered them."""
    WRITE = "write"
    """The words the person wrote."""
    NONE = "none"
    """Nothing: an information page."""


@dataclass(frozen=True, slots=True)
class Mark:
    """One tick box: what is printed beside it and the answer it stands for."""

    key: str
    label: str
    value: AnswerValue
    symbol: str | None = None


@dataclass(frozen=True, slots=True)
class PaperQuestion:
    """One question as the form prints it: its number (0 for information), its marks."""

    number: int
    question: Question
    keying: Keying
    marks: tuple[Mark, ...] = ()
    only_if: str = ""
    """When it is for some people only: which earlier answer it follows, in words."""

    def mark(self, key: str) -> Mark | None:
        """The box with this key (any case), or None."""
        wanted = key.strip().upper()
        return next((m for m in self.marks if m.key == wanted), None)


@dataclass(frozen=True, slots=True)
class PaperForm:
    """A survey laid out for paper in one language."""

    survey: Survey
    language: str
    """The form's language: a code such as "cy", or "easy-read"."""
    words: Words
    questions: tuple[PaperQuestion, ...]
    consent: tuple[str, ...]
    """The paper consent text, one sentence group a line."""
    consent_marks: tuple[Mark, ...]

    @property
    def asking(self) -> tuple[PaperQuestion, ...]:
        """The numbered questions (those that take an answer)."""
        return tuple(q for q in self.questions if q.keying is not Keying.NONE)

    @property
    def html_lang(self) -> str:
        """The page's ``lang``: English for the Easy Read wording."""
        return SOURCE_LANGUAGE if self.language == EASY_READ else self.language


def form_language(survey: Survey, code: str) -> str:
    """The wording a form in ``code`` uses: the survey's Easy Read variant for
    English when it has one, otherwise ``code`` itself."""
    if code == SOURCE_LANGUAGE and EASY_READ in survey.languages:
        return EASY_READ
    return code


def lay_out(survey: Survey, code: str, words: Words) -> PaperForm:
    """``survey`` as a paper form in ``code``, its own words from ``words``."""
    language = form_language(survey, code)
    shown = in_language(survey, language)
    numbered: dict[str, int] = {}
    questions: list[PaperQuestion] = []
    for question in shown.questions:
        if not question.asks:
            questions.append(PaperQuestion(0, question, Keying.NONE))
            continue
        numbered[question.id] = len(numbered) + 1
        keying, marks = _marks(question, words)
        questions.append(
            PaperQuestion(
                numbered[question.id],
                question,
                keying,
                marks,
                _only_if(question, shown, numbered, words),
            )
        )
    block = on_paper(shown.consent)
    consent_marks = (
        Mark(AGREE_KEY, words(AGREE), True),
        *(Mark(LETTERS[n], tick.text, tick.id) for n, tick in enumerate(block.ticks, start=1)),
    )
    text = consent_text(block, code if language == EASY_READ else language)
    return PaperForm(
        shown,
        language,
        words,
        tuple(questions),
        tuple(line for line in text.splitlines() if line.strip()),
        consent_marks,
    )


def _lettered(labels: list[tuple[str, AnswerValue, str | None]]) -> tuple[Mark, ...]:
    """Boxes lettered A, B, C…; numbered 1, 2, 3… when there are more than letters."""
    if len(labels) > len(LETTERS):
        return tuple(
            Mark(str(n), label, value, symbol)
            for n, (label, value, symbol) in enumerate(labels, start=1)
        )
    return tuple(
        Mark(LETTERS[n], label, value, symbol) for n, (label, value, symbol) in enumerate(labels)
    )


def _marks(question: Question, w: Words) -> tuple[Keying, tuple[Mark, ...]]:
    prefer: list[tuple[str, AnswerValue, str | None]] = (
        [(w(PREFER), PREFER_NOT_TO_SAY, None)] if question.prefer_not_to_say else []
    )
    kind = question.kind
    if kind in (Kind.SINGLE, Kind.MULTI, Kind.RANKING):
        options: list[tuple[str, AnswerValue, str | None]] = [
            (o.label, o.value, getattr(o, "symbol", None)) for o in question.options
        ]
        if kind is not Kind.RANKING and PREFER_NOT_TO_SAY not in question.option_values():
            options += prefer
        keying = {Kind.SINGLE: Keying.ONE, Kind.MULTI: Keying.ANY}.get(kind, Keying.ORDER)
        return keying, _lettered(options)
    if kind is Kind.YESNO:
        return Keying.ONE, _lettered([(w(YES), True, None), (w(NO), False, None), *prefer])
    extra = (Mark(PREFER_KEY, w(PREFER), PREFER_NOT_TO_SAY),) if question.prefer_not_to_say else ()
    if kind is Kind.SCALE:
        labels = question.scale_labels
        if labels == DEFAULT_SCALE_LABELS:
            labels = tuple(w(label) for label in SCALE_WORDS)
        return Keying.ONE, (
            *(
                Mark(str(n), label, n, _face(question, n, len(labels)))
                for n, label in enumerate(labels, start=1)
            ),
            *extra,
        )
    if kind is Kind.RATING:
        return Keying.ONE, (*(Mark(str(n), str(n), n) for n in range(11)), *extra)
    return Keying.WRITE, ()


def _face(question: Question, number: int, points: int) -> str | None:
    """The face beside a scale point, when the survey asks for faces."""
    if question.faces and points == len(SCALE_FACES):
        return SCALE_FACES[number - 1]
    return None


def _only_if(question: Question, survey: Survey, numbered: dict[str, int], w: Words) -> str:
    rule = question.show_if
    if rule is None or rule.question not in numbered:
        return ""
    number = numbered[rule.question]
    if not rule.values:
        if rule.answered:
            return w(N_("Answer this only if you answered question {number}."), number=number)
        return w(N_("Answer this only if you left question {number} blank."), number=number)
    earlier = survey.question(rule.question)
    _, marks = _marks(earlier, w)
    keys = [m.key for m in marks if m.value in rule.values]
    return w(
        N_("Answer this only if you ticked {boxes} in question {number}."),
        boxes=", ".join(keys),
        number=number,
    )
