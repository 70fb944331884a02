"""Helpers for export tests: a real TinyDB store with the demo key (the ``kiosk``
fixture in ``tests/conftest.py`` makes one), and a way to send many realistic
responses through ``send_response``."""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from exports.anonymise import AnonymisedData, anonymise
from exports.comment_review import Comment, Decision, Written
from exports.definitions import Definitions
from exports.opening import OpenedResponse, Selection
from exports.pipeline import ExportRequest
from exports.research_extract import research_extract
from surveys import templates
from surveys.loader import load_survey
from surveys.model import PREFER_NOT_TO_SAY, Kind, Question, Survey
from surveys.sealing import Opener, Sealer
from surveys.sending import Receipt, record_decline, send_response
from surveys.session import Stage, SurveySession
from surveys.storage import SessionInfo
from surveys.storage.tinydb_store import TinyDbResponseStore
from surveys.thresholds import SMALL_GROUP, Thresholds

COMMENTS = (
    "It was calm and I could go at my own pace.",
    "Sarah on reception made me feel welcome.",
    "ring me on 07700 900123 if you want more",
    "More breaks please",
    "The room was too cold",
    '=HYPERLINK("http://evil.example","click")',
    "<script>alert('x')</script> nice course",
)


def template(name: str) -> Survey:
    survey = load_survey(templates.template_path(name)).survey
    assert survey is not None
    return survey


@dataclass
class Kiosk:
    """A store, the keys and a session to send into."""

    home: Path
    store: TinyDbResponseStore
    sealer: Sealer
    opener: Opener

    def session(self, date: str = "2026-03-12") -> SessionInfo:
        return SessionInfo.new(date)

    def send(
        self,
        survey: Survey,
        session: SessionInfo,
        answers: dict[str, object],
        *,
        quotes: bool = True,
    ) -> Receipt:
        """Walk the survey giving these answers (others skipped) and send it."""
        walk = SurveySession(survey)
        walk.agree({"quotes"} if quotes else set())
        while walk.stage is Stage.QUESTION:
            question = walk.current
            if not question.asks:
                walk.next()
            elif question.id in answers:
                walk.answer(answers[question.id])
            else:
                walk.skip()
        completed = walk.complete()
        return send_response(completed, sealer=self.sealer, store=self.store, session=session)

    def decline(self, session: SessionInfo) -> None:
        record_decline(self.store, session)

    def request(self, output: Path, *surveys: Survey, **changes: object) -> ExportRequest:
        base = ExportRequest(
            store=self.store,
            opener=self.opener,
            output=output,
            definitions=Definitions({s.id: s for s in surveys}, {s.id: "test" for s in surveys}),
            survey_folders=[],
            selection=Selection(),
            today=dt.date(2026, 4, 1),
            rng=random.Random(7),
        )
        from dataclasses import replace

        return replace(base, **changes)  # type: ignore[arg-type]


def random_answer(question: Question, rng: random.Random) -> object | None:
    """A plausible answer, or None to skip (about one time in eight)."""
    if rng.random() < 0.125:
        return None
    real = [o.value for o in question.options if o.value != PREFER_NOT_TO_SAY]
    makers: dict[Kind, Callable[[], object]] = {
        Kind.SINGLE: lambda: rng.choice(real),
        Kind.MULTI: lambda: rng.sample(real, rng.randint(1, min(2, len(real)))),
        Kind.SCALE: lambda: rng.choice([3, 4, 4, 5, 5, 2]),
        Kind.RATING: lambda: rng.randint(4, 10),
        Kind.YESNO: lambda: rng.random() < 0.7,
        Kind.TEXT: lambda: rng.choice(COMMENTS),
        Kind.LONGTEXT: lambda: rng.choice(COMMENTS),
        Kind.RANKING: lambda: rng.sample(real, len(real)),
    }
    return makers[question.kind]()


def random_answers(survey: Survey, rng: random.Random) -> dict[str, object]:
    answers = {}
    for question in survey.questions:
        if question.asks:
            value = random_answer(question, rng)
            if value is not None:
                answers[question.id] = value
    return answers


def with_rows(
    responses: list[OpenedResponse],
    surveys: list[Survey],
    *,
    written: list[list[Written]] | None = None,
    comments: Sequence[Comment] = (),
    decisions: Mapping[str, Decision] | None = None,
    thresholds: Thresholds = SMALL_GROUP,
    rng: random.Random | None = None,
    hidden_in_report: frozenset[tuple[str, str]] = frozenset(),
) -> AnonymisedData:
    """``anonymise`` then ``research_extract``: the rows' own protection, in isolation."""
    texts = written if written is not None else [[] for _ in responses]
    data = anonymise(
        responses,
        written=texts,
        comments=comments,
        decisions=decisions or {},
        surveys=surveys,
        thresholds=thresholds,
        rng=rng,
    )
    return research_extract(
        data,
        responses,
        written=texts,
        decisions=decisions or {},
        surveys=surveys,
        hidden_in_report=hidden_in_report,
        thresholds=thresholds,
        rng=rng,
    )
