"""Choosing and opening the sealed responses an export covers.

``OpenedResponse`` is the decrypted response with its storage details. It is
private to the export: no writer accepts it (writers take only
``AnonymisedRecord``), and it is never written anywhere.

``demo_key_warning`` says whether the key that opens them is the passphrase-less
demo key, in the words ``kiosk export`` and ``kiosk review`` print.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field

from exports.language_counts import response_language
from surveys.errors import AnswerError
from surveys.kinds import check_answer
from surveys.model import AnswerValue, Kind, Question, Survey
from surveys.sealing import KeyFileError, Opener
from surveys.session import AIDS
from surveys.storage import ResponseStore, SealedResponse, SessionInfo

DEMO_KEY_WARNING = (
    "These answers were sealed with the demo key. It is for trying the kiosk only: "
    "anyone with this kiosk could open them. Make a real key with 'kiosk keys new' "
    "before real use."
)
"""Printed whenever answers are opened with the demo key (it has no passphrase)."""


def demo_key_warning(opener: Opener) -> str | None:
    """The plain warning when ``opener`` is the demo key; ``None`` for a real key."""
    return DEMO_KEY_WARNING if opener.demo else None


@dataclass(frozen=True)
class Selection:
    """Which responses an export covers. ``None`` means "all"."""

    survey_ids: frozenset[str] | None = None
    session_ids: frozenset[str] | None = None
    date_from: dt.date | None = None
    date_to: dt.date | None = None

    def __post_init__(self) -> None:
        if self.date_from and self.date_to and self.date_from > self.date_to:
            raise ValueError("The start date is after the end date.")

    def sessions(self, store: ResponseStore) -> list[SessionInfo]:
        """The stored sessions this selection covers, oldest first."""
        chosen = []
        for session in store.sessions():
            if self.session_ids is not None and session.id not in self.session_ids:
                continue
            day = _date(session.date)
            if self.date_from and (day is None or day < self.date_from):
                continue
            if self.date_to and (day is None or day > self.date_to):
                continue
            chosen.append(session)
        return chosen

    def wants(self, survey_id: str) -> bool:
        """True when responses to this survey are included."""
        return self.survey_ids is None or survey_id in self.survey_ids

    def responses(
        self, store: ResponseStore, sessions: Iterable[SessionInfo]
    ) -> list[SealedResponse]:
        """The chosen sealed responses of these sessions, still sealed (read once, then opened)."""
        return [r for r in store.responses([s.id for s in sessions]) if self.wants(r.survey_id)]


def _date(text: str) -> dt.date | None:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        return None


@dataclass(frozen=True, slots=True)
class OpenedResponse:
    """One decrypted, checked response. Private to the export; never written."""

    record_id: str
    session_id: str
    session_date: str
    survey_id: str
    version: str
    answers: Mapping[str, AnswerValue]
    quotes: bool
    """True only when the person ticked "You can quote my words"."""
    aids: frozenset[str] = frozenset()
    """The kiosk's aids the person used (``surveys.session.AIDS``); counts only."""
    language: str = "en"
    """The language the response was given in (``exports.language_counts``); counts only."""

    @property
    def session_month(self) -> str:
        """The session's month, ``YYYY-MM`` (the only date an export shows)."""
        return self.session_date[:7]


@dataclass
class OpenReport:
    """What happened while opening: counts of things left out, in plain words."""

    opened: int = 0
    unopenable: int = 0
    wrong_survey: int = 0
    no_definition: Counter[str] = field(default_factory=Counter)
    answers_dropped: int = 0

    def messages(self) -> list[str]:
        """Plain sentences for the coordinator (never in the report: they're about storage)."""
        lines = []
        if self.unopenable:
            lines.append(
                f"{self.unopenable} saved responses could not be opened with this key and were "
                "left out. They may have been locked with a different coordinator key."
            )
        if self.wrong_survey:
            lines.append(
                f"{self.wrong_survey} saved responses did not match the survey they were filed "
                "under and were left out."
            )
        for survey_id, count in sorted(self.no_definition.items()):
            lines.append(
                f"{count} responses to '{survey_id}' were left out because its survey file "
                "was not found."
            )
        if self.answers_dropped:
            lines.append(
                f"{self.answers_dropped} answers did not fit the survey file (perhaps it changed) "
                "and were left out."
            )
        return lines


def open_responses(
    chosen: Iterable[SealedResponse],
    opener: Opener,
    *,
    surveys: Mapping[str, Survey],
    report: OpenReport,
) -> Iterator[OpenedResponse]:
    """Decrypt and check the chosen responses, counting what had to be left out.

    ``chosen`` is what ``Selection.responses`` read (once: the export also takes the
    survey versions from it, before it knows which survey files to open them with).
    """
    by_id = {key: {q.id: q for q in s.questions} for key, s in surveys.items()}
    for sealed in chosen:
        survey = surveys.get(sealed.survey_id)
        if survey is None:
            report.no_definition[sealed.survey_id] += 1
            continue
        opened = _open_one(sealed, opener, survey, by_id[sealed.survey_id], report)
        if opened is not None:
            report.opened += 1
            yield opened


def _open_one(
    sealed: SealedResponse,
    opener: Opener,
    survey: Survey,
    questions: Mapping[str, Question],
    report: OpenReport,
) -> OpenedResponse | None:
    try:
        payload = opener.open(sealed.sealed)
    except (KeyFileError, ValueError, UnicodeDecodeError):
        report.unopenable += 1
        return None
    raw_answers = payload.get("answers")
    if payload.get("survey") != sealed.survey_id or not isinstance(raw_answers, dict):
        report.wrong_survey += 1
        return None
    answers: dict[str, AnswerValue] = {}
    for question_id, raw in raw_answers.items():
        question = questions.get(str(question_id))
        if question is None:
            report.answers_dropped += 1
            continue
        if question.kind is Kind.INFO:
            continue
        try:
            value = check_answer(question, raw)
        except AnswerError:
            report.answers_dropped += 1
            continue
        if isinstance(value, str) and not value.isascii():
            # A lone surrogate (possible in JSON escapes) can't be written as UTF-8.
            value = value.encode("utf-8", "replace").decode("utf-8")
        answers[question.id] = value
    consent = payload.get("consent")
    ticks = consent.get("ticks") if isinstance(consent, dict) else None
    quotes = isinstance(ticks, dict) and ticks.get("quotes") is True
    return OpenedResponse(
        record_id=sealed.id,
        session_id=sealed.session_id,
        session_date=sealed.session_date,
        survey_id=sealed.survey_id,
        version=str(payload.get("version", sealed.survey_version)),
        answers=answers,
        quotes=quotes,
        aids=_aids(payload.get("aids")),
        language=response_language(payload.get("language"), survey),
    )


def _aids(raw: object) -> frozenset[str]:
    """The aids a sealed record says were used (none when it says nothing)."""
    if not isinstance(raw, dict):
        return frozenset()
    return frozenset(aid for aid in AIDS if raw.get(aid) == 1)
