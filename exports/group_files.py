"""What focus groups decided, as the export's files hold it: two CSVs, workbook sheets, JSON.

Everything here comes from ``exports.group_decisions`` (already protected and
masked). Every text cell goes through ``safe_cell``, so an idea that starts with
``=`` can never run as a formula; the CSVs are UTF-8 with a BOM, like
``responses.csv``, so Excel reads them.

``group_decisions.csv`` has one row per ranked idea, top first, with exactly the
columns in ``DECISION_COLUMNS``; ``group_ideas.csv`` one row per original wording
of each combined idea.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Iterator, Sequence

from exports.cells import safe_cell
from exports.group_decisions import EVERYONE, SCORE_WORDS, SessionDecisions
from exports.records import Cell
from surveys.disclosure import Released

DECISIONS_CSV = "group_decisions.csv"
IDEAS_CSV = "group_ideas.csv"
DECISION_COLUMNS = (
    "session_date",
    "plan",
    "round",
    "place",
    "idea",
    "combines",
    "score",
    "score_kind",
    "voters",
)
IDEA_COLUMNS = ("session_date", "plan", "idea", "original")
DECISIONS_SHEET = "What the group decided"
IDEAS_SHEET = "Ideas put together"


def _csv(header: Sequence[str], rows: Iterable[Sequence[Cell]]) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(header)
    for row in rows:
        writer.writerow(["" if v is None else safe_cell(v) for v in row])
    return buffer.getvalue().encode("utf-8-sig")


def decision_rows(decisions: Sequence[SessionDecisions]) -> Iterator[list[Cell]]:
    """``group_decisions.csv``'s rows: one per ranked idea, top first."""
    for session in decisions:
        for ranking in session.rounds:
            for idea in ranking.ideas:
                yield [
                    session.date,
                    session.plan,
                    ranking.title,
                    idea.place,
                    idea.idea,
                    idea.combines,
                    idea.score,
                    ranking.score_kind,
                    ranking.voters,
                ]


def idea_rows(decisions: Sequence[SessionDecisions]) -> Iterator[list[Cell]]:
    """``group_ideas.csv``'s rows: each combined idea with each original wording."""
    for session in decisions:
        for combined in session.combined:
            for original in combined.originals:
                yield [session.date, session.plan, combined.idea, original]


def decisions_csv(decisions: Sequence[SessionDecisions]) -> bytes:
    """group_decisions.csv."""
    return _csv(DECISION_COLUMNS, decision_rows(decisions))


def ideas_csv(decisions: Sequence[SessionDecisions]) -> bytes:
    """group_ideas.csv."""
    return _csv(IDEA_COLUMNS, idea_rows(decisions))


def decisions_sheet(decisions: Sequence[SessionDecisions]) -> Iterator[list[Cell]]:
    """The workbook's sheet: everyone's order, then each group's as far as it may be shown."""
    yield [
        "Session date",
        "Plan",
        "Round",
        "Who",
        "Voted",
        "Place",
        "Idea",
        "Combines",
        "Score",
        "Score is",
        "Rank sum",
        "Note",
    ]
    for session in decisions:
        for ranking in session.rounds:
            head: list[Cell] = [session.date, session.plan, ranking.title]
            kind = SCORE_WORDS[ranking.score_kind]
            if not ranking.ideas:
                yield [*head, EVERYONE, None, None, None, None, None, None, None, ranking.note]
                continue
            for idea in ranking.ideas:
                yield [
                    *head,
                    EVERYONE,
                    ranking.voters,
                    idea.place,
                    idea.idea,
                    idea.combines,
                    idea.score,
                    kind,
                    idea.rank_sum,
                    None,
                ]
            for group in ranking.groups:
                if group.scores is None:
                    hidden: list[Cell] = [None, None, None, "hidden", None, None, group.why]
                    yield [*head, group.group, group.voters, *hidden]
                    continue
                for words, score in group.scores:
                    yield [*head, group.group, group.voters, None, words, None, score, kind]
            for line in ranking.agreements:
                yield [*head, "Where groups agree", None, None, None, None, None, None, None, line]


def ideas_sheet(decisions: Sequence[SessionDecisions]) -> Iterator[list[Cell]]:
    """The workbook's sheet of combined ideas and the wordings they bring together."""
    yield ["Session date", "Plan", "Idea", "Original wording"]
    yield from idea_rows(decisions)


def _released(value: Released) -> dict[str, object]:
    return {
        "count": value.value,
        "shown": value.shown,
        "hidden_because": value.reason.value if value.reason else None,
    }


def decisions_json(decisions: Sequence[SessionDecisions]) -> list[dict[str, object]]:
    """data.json's ``group_decisions``."""
    return [
        {
            "session_date": session.date,
            "plan": session.plan,
            "stages": [
                {"kind": s.kind, "title": s.title, "minutes": s.minutes} for s in session.stages
            ],
            "ideas_written": {
                "total": _released(session.ideas_total),
                "by_group": [
                    {"group": name, **_released(count)} for name, count in session.ideas_written
                ],
            },
            "rounds": [
                {
                    "round": ranking.title,
                    "style": ranking.style,
                    "size": ranking.size,
                    "score_kind": ranking.score_kind,
                    "voters": _released(ranking.voters_shown),
                    "note": ranking.note or None,
                    "ideas": [
                        {
                            "place": idea.place,
                            "idea": idea.idea,
                            "combines": idea.combines,
                            "originals": list(idea.originals),
                            "score": idea.score,
                            "rank_sum": idea.rank_sum,
                        }
                        for idea in ranking.ideas
                    ],
                    "groups": [
                        {
                            "group": group.group,
                            "voters": group.voters,
                            "scores": None
                            if group.scores is None
                            else [{"idea": w, "score": s} for w, s in group.scores],
                            "hidden_because": group.why or None,
                        }
                        for group in ranking.groups
                    ],
                    "agreements": list(ranking.agreements),
                }
                for ranking in session.rounds
            ],
            "combined_ideas": [
                {"idea": c.idea, "originals": list(c.originals)} for c in session.combined
            ],
        }
        for session in decisions
    ]
