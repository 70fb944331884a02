"""Keying in a paper form: what the facilitator types, read against the printed
form's numbers and letters (``exports.paper_layout``), and the response it makes.

Headless (no Textual), so the rules are tested on their own; the screen is
``kiosk.paper_entry``. Nothing typed is ever logged or written anywhere but the
sealed response.

- The consent step takes the letters of the ticked consent boxes: A is "Yes, I
  agree"; without it the form is not stored.
- A question takes the letters (or, for a scale or a rating, the number) of the
  ticked boxes, the letters in the order the person numbered them for an order
  question, or the words written. Empty means left blank.
- Answers to a question that was only for some people (``show_if``) are kept only
  when the earlier answers say it was for this person, as on the kiosk.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from exports.paper_layout import AGREE_KEY, Keying, PaperForm, PaperQuestion
from surveys.consent import give_consent, on_paper
from surveys.errors import AnswerCode, AnswerError, PlainError
from surveys.kinds import check_answer
from surveys.model import AnswerValue
from surveys.session import CompletedResponse, shows

_SEPARATORS = str.maketrans(dict.fromkeys(",;/.+-", " "))


class KeyingProblem(PlainError):  # noqa: N818 — a plain outcome the facilitator reads
    """What was typed does not match the form; ``message`` says what to type instead."""


def _keys_listed(item: PaperQuestion) -> str:
    return ", ".join(mark.key for mark in item.marks)


def _tokens(typed: str, *, numbered: bool) -> list[str]:
    """The keys in what was typed: numbers separated by spaces or commas, letters one
    by one (spaces and commas allowed)."""
    cleaned = typed.translate(_SEPARATORS).upper()
    if numbered:
        return cleaned.split()
    return [c for c in cleaned if not c.isspace()]


def read_consent(form: PaperForm, typed: str) -> tuple[bool, frozenset[str]]:
    """(consent box ticked, the ids of the other consent boxes ticked)."""
    ticked: set[str] = set()
    agreed = False
    known = {mark.key: mark for mark in form.consent_marks}
    for key in _tokens(typed, numbered=False):
        mark = known.get(key)
        if mark is None:
            raise KeyingProblem(
                f"There is no consent box {key}. The boxes are "
                f"{', '.join(known)}. Type the letters of the ticked ones."
            )
        if key == AGREE_KEY:
            agreed = True
        else:
            ticked.add(str(mark.value))
    return agreed, frozenset(ticked)


def read_answer(item: PaperQuestion, typed: str) -> AnswerValue | None:
    """The answer the keys typed for ``item`` stand for; None when left blank.
    ``KeyingProblem`` says plainly when the keys don't fit the question."""
    number = item.number
    if item.keying is Keying.NONE or not typed.strip():
        return None
    if item.keying is Keying.WRITE:
        raw: object = typed.strip()
    else:
        numbered = any(mark.key.isdigit() for mark in item.marks)
        values: list[AnswerValue] = []
        for key in _tokens(typed, numbered=numbered):
            mark = item.mark(key)
            if mark is None:
                raise KeyingProblem(
                    f"Question {number} has no box {key}. Its boxes are {_keys_listed(item)}."
                )
            values.append(mark.value)
        if item.keying is Keying.ONE:
            if len(values) > 1:
                raise KeyingProblem(
                    f"Question {number} takes one tick. If more than one box is ticked, "
                    "leave it empty: we cannot tell which the person meant."
                )
            raw = values[0]
        else:
            raw = values
    try:
        return check_answer(item.question, raw)
    except AnswerError as error:
        raise KeyingProblem(_problem(item, error)) from error


def _problem(item: PaperQuestion, error: AnswerError) -> str:
    number = item.number
    if error.code is AnswerCode.NOT_ALL_RANKED:
        return (
            f"Question {number} needs every letter once, in the order the person numbered "
            f"them (like {''.join(m.key for m in item.marks)}). If they did not number "
            "every box, leave it empty."
        )
    if error.code is AnswerCode.REPEATED_CHOICE:
        return f"A letter is typed twice for question {number}. Type each ticked box once."
    if error.code is AnswerCode.PREFER_NOT_ALONE:
        return (
            f'Question {number} has "Prefer not to say" ticked with other boxes. Key in '
            "only the other boxes, or leave it empty."
        )
    if error.code is AnswerCode.TOO_LONG:
        return f"That is longer than question {number} allows. Please shorten it."
    return f"That does not fit question {number}. {error.message}"


@dataclass
class KeyedForm:
    """One paper form being keyed in: the consent ticks, then each question's keys."""

    form: PaperForm
    consent_typed: str = ""
    typed: dict[int, str] = field(default_factory=dict)
    """What was typed for each question, by its printed number."""

    def kept_answers(self) -> tuple[dict[str, AnswerValue], list[int]]:
        """The answers to store, and the numbers of questions answered on paper but
        not for this person (their ``show_if`` does not hold), which are left out."""
        answers: dict[str, AnswerValue] = {}
        left_out: list[int] = []
        for item in self.form.asking:
            value = read_answer(item, self.typed.get(item.number, ""))
            if value is None:
                continue
            if shows(item.question, answers):
                answers[item.question.id] = value
            else:
                left_out.append(item.number)
        return answers, left_out

    def agreed(self) -> bool:
        """Whether the form's "Yes, I agree" box is keyed in as ticked."""
        return read_consent(self.form, self.consent_typed)[0]

    def completed(self) -> CompletedResponse:
        """The response to seal, with the paper consent record in the form's language."""
        _, ticked = read_consent(self.form, self.consent_typed)
        answers, _ = self.kept_answers()
        survey = self.form.survey
        response = CompletedResponse(
            survey_id=survey.id,
            survey_version=survey.version,
            answers=answers,
            consent=give_consent(on_paper(survey.consent), ticked, self.form.language),
        )
        with_language = getattr(response, "with_language", None)
        if callable(with_language):
            chosen: CompletedResponse = with_language(self.form.language)
            return chosen
        return response
