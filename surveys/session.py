"""One participant's walk through a survey, held in memory only.

``SurveySession`` decides what comes next: it applies ``show_if``, lets the person
answer, skip, go back, review, change an answer from the review, and finally hands
over a ``CompletedResponse`` to be sealed and stored. Stopping discards everything;
nothing here ever touches the disk.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from enum import StrEnum

from surveys.consent import ConsentRecord, give_consent
from surveys.errors import AnswerCode, AnswerError
from surveys.kinds import check_answer
from surveys.languages import SOURCE_LANGUAGE
from surveys.model import AnswerValue, Condition, Kind, Question, Survey

READ_ALOUD = "read_aloud"
LARGE_TEXT = "large_text"
AIDS = (READ_ALOUD, LARGE_TEXT)
"""The kiosk's aids whose use is kept (sealed, with the answers) for the impact
report's counts: read aloud switched on, a larger text size chosen."""


class Stage(StrEnum):
    """Where the participant is."""

    CONSENT = "consent"
    QUESTION = "question"
    REVIEW = "review"
    SENT = "sent"
    STOPPED = "stopped"
    DECLINED = "declined"


@dataclass(frozen=True, slots=True)
class CompletedResponse:
    """Everything that will be sealed for one participant."""

    survey_id: str
    survey_version: str
    answers: dict[str, AnswerValue]
    consent: ConsentRecord
    aids: frozenset[str] = frozenset()
    """Which of ``AIDS`` the person used on the kiosk during this visit."""
    language: str = SOURCE_LANGUAGE
    """The language the person took part in (a code such as "cy"): sealed with the
    answers, counted in exports, never written anywhere in clear."""

    def with_aids(self, aids: set[str] | frozenset[str]) -> CompletedResponse:
        """The same response, noting which aids were used."""
        return replace(self, aids=frozenset(aid for aid in aids if aid in AIDS))

    def with_language(self, code: str) -> CompletedResponse:
        """The same response, noting the language it was given in."""
        return replace(self, language=code)

    def to_json(self) -> dict[str, object]:
        """Plain data for sealing (tuples become lists). Every aid is written, as 0 or
        1, so the sealed record's length never tells whether one was used."""
        return {
            "survey": self.survey_id,
            "version": self.survey_version,
            "answers": {
                key: list(value) if isinstance(value, tuple) else value
                for key, value in self.answers.items()
            },
            "consent": self.consent.to_json(),
            "aids": {aid: int(aid in self.aids) for aid in AIDS},
            "language": self.language,  # always written: the record's shape never tells
        }


@dataclass(frozen=True, slots=True)
class ReviewItem:
    """One line of "Check your answers"."""

    question: Question
    answer: AnswerValue | None

    @property
    def skipped(self) -> bool:
        """True when the person skipped this question."""
        return self.answer is None


def shows(question: Question, answers: dict[str, AnswerValue]) -> bool:
    """Whether a question is shown, given the answers so far."""
    rule = question.show_if
    if rule is None:
        return True
    answer = answers.get(rule.question)
    if rule.condition is Condition.ANSWERED:
        return (answer is not None) == rule.answered
    if answer is None:
        return False
    given = answer if isinstance(answer, tuple) else (answer,)
    return any(value in given for value in rule.values)


@dataclass
class SurveySession:
    """The flow for one person. Create one per participant; throw it away after.

    ``survey`` is the survey in the language the person chose
    (``surveys.survey_translations.in_language``): the consent recorded is the one
    shown in that language, and the response says which language it was (sealed).
    """

    survey: Survey
    stage: Stage = Stage.CONSENT
    consent: ConsentRecord | None = None
    _answers: dict[str, AnswerValue] = field(default_factory=dict)
    _position: int = 0
    _seen: set[str] = field(default_factory=set)
    """Ids of the questions this person has had on screen (answered or skipped)."""
    _changing: bool = False
    """True while changing an answer from the review: the next step is back to the review."""

    # -- consent -------------------------------------------------------------------

    def agree(self, ticked: set[str] | frozenset[str] = frozenset()) -> None:
        """The person chose "Yes, I agree" (with any optional ticks)."""
        self._expect(Stage.CONSENT)
        self.consent = give_consent(self.survey.consent, ticked, self.survey.language)
        self.stage = Stage.QUESTION
        shown = self._shown_positions()
        if shown:
            self._go_to(shown[0])
        else:
            self.stage = Stage.REVIEW

    def decline(self) -> None:
        """The person chose "No thanks": nothing of theirs is kept."""
        self._expect(Stage.CONSENT)
        self._forget()
        self.stage = Stage.DECLINED

    # -- questions -----------------------------------------------------------------

    @property
    def current(self) -> Question:
        """The question on screen (only while answering)."""
        self._expect(Stage.QUESTION)
        return self.survey.questions[self._position]

    @property
    def answers(self) -> dict[str, AnswerValue]:
        """A copy of the answers given to questions that are still shown."""
        return {
            q.id: self._answers[q.id] for q in self.visible_questions() if q.id in self._answers
        }

    def answer_for(self, question_id: str) -> AnswerValue | None:
        """The answer already given to a question, if any (to pre-fill a screen)."""
        return self._answers.get(question_id)

    def visible_questions(self) -> list[Question]:
        """The questions this person will see, given their answers so far."""
        return [self.survey.questions[i] for i in self._shown_positions()]

    def progress(self) -> tuple[int, int]:
        """(number of this question, how many questions) among those that ask something.

        On an information page the first number is how many asking questions come
        before it; after the questions it is the total.
        """
        shown = self._shown_positions()
        asking = [i for i in shown if self.survey.questions[i].asks]
        if self.stage is not Stage.QUESTION:
            return len(asking), len(asking)
        done = sum(1 for i in asking if i < self._position)
        if self.current.asks:
            return done + 1, len(asking)
        return done, len(asking)

    def answer(self, raw: object) -> AnswerValue:
        """Accept an answer to the current question and move on.

        Raises ``AnswerError`` (with a kind message) when the answer can't be used;
        the person stays on the same question.
        """
        question = self.current
        if question.kind is Kind.INFO:
            self._advance()
            return ""
        value = check_answer(question, raw)
        self._answers[question.id] = value
        self._advance()
        return value

    def next(self) -> None:
        """Move on from an information page."""
        if self.current.asks:
            raise AnswerError(AnswerCode.REQUIRED if self.current.required else AnswerCode.EMPTY)
        self._advance()

    def skip(self) -> None:
        """Skip the current question (unless the survey says it must be answered)."""
        question = self.current
        if question.required:
            raise AnswerError(AnswerCode.REQUIRED)
        self._answers.pop(question.id, None)
        self._advance()

    @property
    def can_go_back(self) -> bool:
        """True when there is an earlier screen to return to."""
        if self.stage is Stage.REVIEW:
            return bool(self._shown_positions())
        if self.stage is Stage.QUESTION:
            return self._changing or self._previous_shown() is not None
        return False

    def back(self) -> None:
        """Return to the previous question (from the review, to the last one shown).

        While changing an answer from the review, Back returns to the review.
        """
        if self.stage is Stage.REVIEW:
            shown = self._shown_positions()
            if not shown:
                return
            self._changing = False
            self.stage = Stage.QUESTION
            self._go_to(shown[-1])
            return
        self._expect(Stage.QUESTION)
        if self._changing:
            self._changing = False
            self.stage = Stage.REVIEW
            return
        previous = self._previous_shown()
        if previous is not None:
            self._go_to(previous)

    # -- review and send -----------------------------------------------------------

    def review(self) -> list[ReviewItem]:
        """Every shown question that asks something, with its answer or None if skipped."""
        return [
            ReviewItem(question, self._answers.get(question.id))
            for question in self.visible_questions()
            if question.asks
        ]

    def change(self, question_id: str) -> None:
        """From the review, go to one question; answering it returns to the review."""
        self._expect(Stage.REVIEW)
        question = self.survey.question(question_id)
        if question not in self.visible_questions():
            raise KeyError(question_id)
        self._changing = True
        self.stage = Stage.QUESTION
        self._go_to(self.survey.questions.index(question))

    @property
    def missing_required(self) -> list[Question]:
        """Required questions that are shown but not answered yet."""
        return [q for q in self.visible_questions() if q.required and q.id not in self._answers]

    def complete(self) -> CompletedResponse:
        """The response to seal. Only answers to questions still shown are kept."""
        self._expect(Stage.REVIEW)
        if self.missing_required:
            raise AnswerError(AnswerCode.REQUIRED)
        if self.consent is None:  # agree() always comes before review
            raise RuntimeError("no consent recorded")
        survey = self.survey
        return CompletedResponse(
            survey.id, survey.version, self.answers, self.consent, language=survey.language
        )

    def mark_sent(self) -> None:
        """After the response is stored: forget everything held in memory."""
        self._expect(Stage.REVIEW)
        self._forget()
        self.stage = Stage.SENT

    def stop(self) -> None:
        """Stop and delete: everything given so far is forgotten."""
        self._forget()
        self.stage = Stage.STOPPED

    # -- internals -----------------------------------------------------------------

    def _forget(self) -> None:
        self._answers.clear()
        self._seen.clear()
        self.consent = None
        self._position = 0
        self._changing = False

    def _expect(self, stage: Stage) -> None:
        if self.stage is not stage:
            raise RuntimeError(f"expected stage {stage}, at {self.stage}")

    def _shown_positions(self) -> list[int]:
        """Positions of the questions shown, judged only by answers to shown questions.

        An answer kept for a question that a later change hid does not count, so a
        question that depends on it is hidden too.
        """
        shown: list[int] = []
        answers: dict[str, AnswerValue] = {}
        for position, question in enumerate(self.survey.questions):
            if shows(question, answers):
                shown.append(position)
                if question.id in self._answers:
                    answers[question.id] = self._answers[question.id]
        return shown

    def _previous_shown(self) -> int | None:
        earlier = [i for i in self._shown_positions() if i < self._position]
        return earlier[-1] if earlier else None

    def _go_to(self, position: int) -> None:
        self._position = position
        self._seen.add(self.survey.questions[position].id)

    def _advance(self) -> None:
        shown = self._shown_positions()
        if self._changing:
            # A changed answer may reveal questions that were hidden: ask them, in
            # order, before going back to the review.
            revealed = [i for i in shown if self.survey.questions[i].id not in self._seen]
            if revealed:
                self._go_to(revealed[0])
                return
            self._changing = False
            self.stage = Stage.REVIEW
            return
        following = [i for i in shown if i > self._position]
        if following:
            self._go_to(following[0])
        else:
            self.stage = Stage.REVIEW
