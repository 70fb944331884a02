"""One participant's walk through a survey, held in memory only.

``SurveySession`` decides what comes next: it applies ``show_if``, lets the person
answer, skip, go back, review, change an answer from the review, and finally hands
over a ``CompletedResponse`` to be sealed and stored. Stopping discards everything;
nothing here ever touches the disk.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum

from surveys.consent import ConsentRecord, give_consent
from surveys.errors import AnswerCode, AnswerError
from surveys.kinds import check_answer
from surveys.model import AnswerValue, Condition, Kind, Question, Survey


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

    def to_json(self) -> dict[str, object]:
        """Plain data for sealing (tuples become lists)."""
        return {
            "survey": self.survey_id,
            "version": self.survey_version,
            "answers": {
                key: list(value) if isinstance(value, tuple) else value
                for key, value in self.answers.items()
            },
            "consent": self.consent.to_json(),
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
    """The flow for one person. Create one per participant; throw it away after."""

    survey: Survey
    stage: Stage = Stage.CONSENT
    consent: ConsentRecord | None = None
    _answers: dict[str, AnswerValue] = field(default_factory=dict)
    _position: int = 0
    _history: list[int] = field(default_factory=list)
    _changing: bool = False

    # -- consent -------------------------------------------------------------------

    def agree(self, ticked: set[str] | frozenset[str] = frozenset()) -> None:
        """The person chose "Yes, I agree" (with any optional ticks)."""
        self._expect(Stage.CONSENT)
        self.consent = give_consent(self.survey.consent, ticked)
        self.stage = Stage.QUESTION
        self._position = self._next_visible(0)
        if self._position >= len(self.survey.questions):
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
            q.id: self._answers[q.id]
            for q in self.visible_questions()
            if q.id in self._answers
        }

    def answer_for(self, question_id: str) -> AnswerValue | None:
        """The answer already given to a question, if any (to pre-fill a screen)."""
        return self._answers.get(question_id)

    def visible_questions(self) -> list[Question]:
        """The questions this person will see, given their answers so far."""
        shown: list[Question] = []
        answers: dict[str, AnswerValue] = {}
        for question in self.survey.questions:
            if shows(question, answers):
                shown.append(question)
                if question.id in self._answers:
                    answers[question.id] = self._answers[question.id]
        return shown

    def progress(self) -> tuple[int, int]:
        """(number of this question, how many questions) among those that ask something."""
        asking = [q for q in self.visible_questions() if q.asks]
        if self.stage is not Stage.QUESTION:
            return len(asking), len(asking)
        current = self.current
        if not current.asks:
            done = sum(1 for q in asking if q.line < current.line)
            return done, len(asking)
        return asking.index(current) + 1, len(asking)

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
        return bool(self._history) or self.stage is Stage.REVIEW

    def back(self) -> None:
        """Return to the previous question (from the review, to the last one shown)."""
        if self.stage is Stage.REVIEW:
            visible = self.visible_questions()
            if not visible:
                return
            self._position = self.survey.questions.index(visible[-1])
            self.stage = Stage.QUESTION
            self._changing = False
            return
        self._expect(Stage.QUESTION)
        if self._changing:
            self._changing = False
            self.stage = Stage.REVIEW
            return
        if self._history:
            self._position = self._history.pop()

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
        self._position = self.survey.questions.index(question)
        self._changing = True
        self.stage = Stage.QUESTION

    @property
    def missing_required(self) -> list[Question]:
        """Required questions that are shown but not answered yet."""
        return [q for q in self.visible_questions() if q.required and q.id not in self._answers]

    def complete(self) -> CompletedResponse:
        """The response to seal. Only answers to questions still shown are kept."""
        self._expect(Stage.REVIEW)
        if self.missing_required:
            raise AnswerError(AnswerCode.REQUIRED)
        assert self.consent is not None  # agree() always comes before review
        return CompletedResponse(
            self.survey.id, self.survey.version, self.answers, self.consent
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
        self._history.clear()
        self.consent = None
        self._position = 0
        self._changing = False

    def _expect(self, stage: Stage) -> None:
        if self.stage is not stage:
            raise RuntimeError(f"expected stage {stage}, at {self.stage}")

    def _next_visible(self, start: int) -> int:
        questions = self.survey.questions
        position = start
        while position < len(questions) and not shows(questions[position], self._answers):
            position += 1
        return position

    def _advance(self) -> None:
        if self._changing:
            self._changing = False
            # A changed answer may reveal a question that was hidden: ask it before review.
            hidden_now_shown = self._first_unvisited_shown()
            if hidden_now_shown is None:
                self.stage = Stage.REVIEW
                return
            self._position = hidden_now_shown
            return
        following = self._next_visible(self._position + 1)
        self._history.append(self._position)
        if following >= len(self.survey.questions):
            self.stage = Stage.REVIEW
        else:
            self._position = following

    def _first_unvisited_shown(self) -> int | None:
        seen = set(self._history) | {self._position}
        for question in self.visible_questions():
            index = self.survey.questions.index(question)
            if index not in seen and question.asks and question.id not in self._answers:
                self._history.append(self._position)
                return index
        return None
