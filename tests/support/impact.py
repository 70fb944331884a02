"""Four quarters of real sealed sessions for the impact report's tests.

Every response is walked through ``SurveySession`` and sent with ``send_response``
(the kiosk's own writing path) into a real TinyDB store, sealed with the test key.
The answers are made by hand so that each figure in the report can be worked out
on paper (see ``PRINCIPLES`` and ``CHECKLIST``).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from surveys.sending import send_response
from surveys.session import Stage, SurveySession
from surveys.storage import SessionInfo
from tests.support.exports import Kiosk, template

QUARTER_DAYS = ("2026-02-10", "2026-05-12", "2026-08-11", "2026-11-10")

PRINCIPLES: Mapping[str, Sequence[Mapping[str, int]]] = {
    # Per quarter: how many answered poor / average / good.
    # 0% good, then too few to show, then 50%, then 50%: improving (first 0%, last 50%).
    "principle_collaboration": (
        {"poor": 5, "average": 5},
        {"poor": 2, "good": 2},
        {"average": 5, "good": 5},
        {"average": 5, "good": 5},
    ),
    # 50% good in the first and last quarters: about the same.
    "principle_power_sharing": (
        {"average": 5, "good": 5},
        {"poor": 2, "good": 2},
        {"poor": 5, "good": 5},
        {"poor": 5, "good": 5},
    ),
    # 100% good, then 50%: getting worse.
    "principle_solutions_focused": (
        {"good": 10},
        {"good": 4},
        {"good": 10},
        {"poor": 5, "good": 5},
    ),
}
"""The other two principles are never answered: not enough answers to tell."""

CHECKLIST: Mapping[str, Sequence[Mapping[str, int]]] = {
    # 50% yes, then 100% yes: improving.
    "carers_views": (
        {"Yes": 5, "No": 5},
        {"Yes": 3, "No": 1},
        {"Yes": 5, "Not sure": 5},
        {"Yes": 10},
    ),
}

GROUPS: Sequence[Sequence[tuple[str, ...]]] = (
    # Per quarter, each person's "about you" stakeholder groups. Peer support workers
    # are a small group in the first quarter (2 people) but not in the second (6), and
    # carers are a small group in the last (3).
    (("Someone with lived experience",),) * 8
    + (("Someone with lived experience", "A peer support worker"),) * 2
    + (("A clinician or health professional",),) * 6,
    (("Someone with lived experience",),) * 3
    + (("Someone with lived experience", "A peer support worker"),) * 6
    + (("A clinician or health professional",),) * 7,
    (("Someone with lived experience",),) * 10 + (("A clinician or health professional",),) * 6,
    (("Someone with lived experience",),) * 7
    + (("A family member, carer or supporter",),) * 3
    + (("A clinician or health professional",),) * 6,
)

PHONE_EVERY = 4
"""Every 4th "about you" response is sent from a phone, the rest on the kiosk."""


@dataclass(frozen=True)
class Made:
    """What was stored: sessions and responses per quarter."""

    sessions: int
    responses: tuple[int, ...]
    phone: tuple[int, ...]


def send(
    kiosk: Kiosk, survey_name: str, session: SessionInfo, answers: dict[str, object], channel: str
) -> None:
    """Walk the survey giving these answers (others skipped) and send it this way."""
    survey = template(survey_name)
    walk = SurveySession(survey)
    walk.agree({"quotes"})
    while walk.stage is Stage.QUESTION:
        question = walk.current
        if not question.asks:
            walk.next()
        elif question.id in answers:
            walk.answer(answers[question.id])
        else:
            walk.skip()
    send_response(
        walk.complete(), sealer=kiosk.sealer, store=kiosk.store, session=session, channel=channel
    )


def _people(
    plan: Mapping[str, Sequence[Mapping[str, int]]], quarter: int
) -> list[dict[str, object]]:
    """One answer set per person: person i gives the i-th answer of each item's list."""
    columns = {
        question: [value for value, n in counts[quarter].items() for _ in range(n)]
        for question, counts in plan.items()
    }
    size = max(len(values) for values in columns.values())
    return [{q: values[i] for q, values in columns.items() if i < len(values)} for i in range(size)]


def four_quarters(kiosk: Kiosk) -> Made:
    """Two sessions a quarter in 2026 (one survey session, one focus group day)."""
    responses, phones, sessions = [], [], 0
    for quarter, day in enumerate(QUARTER_DAYS):
        survey_day = SessionInfo.new(day)
        other_day = SessionInfo.new(day[:-2] + "20")
        sessions += 2
        count = phone = 0
        for person in _people(PRINCIPLES, quarter):
            send(kiosk, "principles-self-assessment", survey_day, person, "kiosk")
            count += 1
        for person in _people(CHECKLIST, quarter):
            send(kiosk, "coproduction-checklist", other_day, person, "kiosk")
            count += 1
        for number, groups in enumerate(GROUPS[quarter]):
            channel = "phone" if number % PHONE_EVERY == 0 else "kiosk"
            phone += channel == "phone"
            send(kiosk, "about-you", other_day, {"stakeholder_group": list(groups)}, channel)
            count += 1
        responses.append(count)
        phones.append(phone)
    return Made(sessions, tuple(responses), tuple(phones))
