"""``research_extract``: the rows release, added to what ``anonymise`` gives.

The default release has no per-response rows. Rows are a separate release, asked for
by name (``kiosk export --research-extract``), and ``research_extract``

* leaves out every ``identifying`` question, receipt hash, record id and session id,
* gives no rows for a survey fewer than ``min_respondents`` people answered,
* shows "(hidden)" on every row for a question whose report table hides any number,
  so counting the rows can never give back a number the report hides,
* recodes before hiding: a 5-point scale as agree / neither / disagree, a 0–10
  rating as 0 to 3 / 4 to 6 / 7 to 10,
* keeps the session's month only, shuffles the rows (``secrets.SystemRandom``) and
  numbers them afresh, and gives free text as its reviewed theme only,
* makes every mix of month, survey, version and "about you" answers shared by at
  least ``k_anonymity`` rows, hiding values where needed, and hides a sensitive
  answer in a group where one answer has 80 % or more.
"""

from __future__ import annotations

import random
import secrets
from collections import Counter, defaultdict
from collections.abc import Mapping, Sequence, Set
from dataclasses import replace

from exports.anonymise import KEPT_NO_THEME, AnonymisedData
from exports.comment_review import FREE_TEXT, Action, Decision, Written
from exports.opening import OpenedResponse
from exports.records import (
    HIDDEN,
    SEAL,
    AnonymisedRecord,
    Cell,
    Column,
    is_about_you,
)
from exports.tables import RATING_BANDS, SCALE_MERGED
from surveys.disclosure import Reason, Suppression
from surveys.model import PREFER_NOT_TO_SAY, AnswerValue, Kind, Question, Survey
from surveys.thresholds import Thresholds

DATA_FILES = "The research extract: one line for each person (responses.csv and others)"
DIVERSITY_MAX_SHARE = 0.8
"""In the research extract, a sensitive answer is hidden in a group of rows where one
answer has this share or more (so a 6:1 group fails, not only a 7:0 one)."""
FIXED_COLUMNS = ("row", "survey", "survey_version", "session_month")


def columns_for(surveys: Sequence[Survey]) -> list[tuple[Column, Survey, Question]]:
    """The codebook columns for the chosen surveys, in survey then question order.

    A column is named by its question id, or ``survey.question`` when two chosen
    surveys share a question id.
    """
    seen: Counter[str] = Counter(
        q.id for s in surveys for q in s.questions if q.asks and not q.identifying
    )
    result = []
    for survey in surveys:
        for question in survey.questions:
            if not question.asks or question.identifying:
                continue
            name = question.id if seen[question.id] == 1 else f"{survey.id}.{question.id}"
            column = Column(
                name=name,
                survey_id=survey.id,
                question_id=question.id,
                text=question.text,
                kind=question.kind.value,
                values=_describe_values(question),
                about_you=is_about_you(survey, question),
                sensitive=question.sensitive,
            )
            result.append((column, survey, question))
    return result


def _describe_values(question: Question) -> str:
    pnts = f"; or \u201c{PREFER_NOT_TO_SAY}\u201d" if question.prefer_not_to_say else ""
    kind = question.kind
    if kind is Kind.SCALE:
        points = "; ".join(f"{i} = {label}" for i, label in enumerate(question.scale_labels, 1))
        return points + pnts
    if kind is Kind.RATING:
        low = f" ({question.low_label})" if question.low_label else ""
        high = f" ({question.high_label})" if question.high_label else ""
        return f"0{low} to 10{high}{pnts}"
    if kind is Kind.YESNO:
        return "Yes; No" + pnts
    if kind in (Kind.SINGLE, Kind.MULTI, Kind.RANKING):
        listed = "; ".join(
            o.value if o.value == o.label else f"{o.value} = {o.label}" for o in question.options
        )
        how = {
            Kind.SINGLE: "one of",
            Kind.MULTI: "any of, joined by ' | '",
            Kind.RANKING: "all, most important first, joined by ' > '",
        }[kind]
        return f"{how}: {listed}" + pnts
    return f"the theme given in review, or \u201c{KEPT_NO_THEME}\u201d; the words are not here"


def cell_value(question: Question, answer: AnswerValue | None) -> Cell:
    """An answer as one row value."""
    if answer is None:
        return None
    if isinstance(answer, tuple):
        return (" > " if question.kind is Kind.RANKING else " | ").join(answer)
    if isinstance(answer, bool):
        return "Yes" if answer else "No"
    return answer


def research_extract(
    data: AnonymisedData,
    responses: Sequence[OpenedResponse],
    *,
    written: Sequence[Sequence[Written]],
    decisions: Mapping[str, Decision],
    surveys: Sequence[Survey],
    hidden_in_report: Set[tuple[str, str]],
    thresholds: Thresholds,
    rng: random.Random | None = None,
) -> AnonymisedData:
    """``data`` with rows added: the research extract, asked for on its own.

    ``hidden_in_report`` names every (survey, question) whose report table hides any
    number (or is withheld). Those columns show "(hidden)" on every row of that
    survey, so counting the rows can never give back a number the report hides.
    """
    rng = rng or secrets.SystemRandom()
    plan = columns_for(surveys)
    columns = tuple(replace(column, values=_recoded_values(q)) for column, _, q in plan)
    by_question = {(c.survey_id, c.question_id): c for c in columns}
    left_out = list(data.left_out)
    merged = data.merged_themes

    # A row is a list: the session month first, then one value per column, then the
    # survey's version and the survey itself (quasi-identifiers; see ``_protect_rows``).
    slot = {c.name: number for number, c in enumerate(columns, start=1)}
    fill = [
        (slot[column.name], survey.id, question)
        for column, survey, question in plan
        if question.kind not in FREE_TEXT
    ]
    per_survey = Counter(r.survey_id for r in responses)
    too_few = {s for s, n in per_survey.items() if n < thresholds.min_respondents}
    for survey in surveys:
        if survey.id in too_few:
            left_out.append(
                f"No rows for \u201c{survey.title}\u201d: fewer than "
                f"{thresholds.min_respondents} people answered it."
            )
    blanked = {
        (survey_id, slot[c.name])
        for (survey_id, question_id), c in by_question.items()
        if (survey_id, question_id) in hidden_in_report
    }
    rows: list[list[Cell]] = []
    meta: list[tuple[str, str]] = []
    versions: dict[tuple[str, str], str] = {}  # one string per survey version, shared by rows
    for response, texts in zip(responses, written, strict=True):
        if response.survey_id in too_few:
            continue
        survey_version = (response.survey_id, response.version)
        version = versions.setdefault(survey_version, "\x1f".join(survey_version))
        row: list[Cell] = [
            response.session_month,
            *([None] * len(columns)),
            version,
            response.survey_id,
        ]
        for position, survey_id, question in fill:
            if survey_id == response.survey_id:
                row[position] = recode(question, response.answers.get(question.id))
        for item in texts:
            decision = decisions.get(item.key)
            where = (item.survey_id, item.question_id)
            target = by_question.get(where)
            if target is not None and decision is not None and decision.action is not Action.DROP:
                theme = decision.theme if decision.theme not in merged.get(where, ()) else None
                row[slot[target.name]] = theme or KEPT_NO_THEME
        for survey_id, position in blanked:
            if survey_id == response.survey_id:
                row[position] = HIDDEN
        rows.append(row)
        meta.append(survey_version)

    withheld = sorted({c.text for (s, q), c in by_question.items() if (s, q) in hidden_in_report})
    suppressions = [
        Suppression(
            where=DATA_FILES,
            item=f"\u201c{text}\u201d",
            reason=Reason.ROW_GROUP,
            why=(
                "Hidden for everyone in the extract: the report hides some of its numbers, "
                "so the extract can't be counted to find them."
            ),
        )
        for text in withheld
    ]
    suppressions += _protect_rows(rows, columns, thresholds)

    order = list(range(len(rows)))
    rng.shuffle(order)
    names = tuple(c.name for c in columns)
    records = []
    for number, index in enumerate(order, start=1):
        row = rows[index]
        records.append(
            AnonymisedRecord(
                row=number,
                survey_id=meta[index][0],
                survey_version=HIDDEN if row[-2] == HIDDEN else meta[index][1],
                session_month=str(row[0]),
                columns=names,
                values=tuple(row[1:-2]),
                seal=SEAL,
            )
        )
        rows[index] = []  # let the working copy go as the records are made
    return replace(
        data,
        columns=columns,
        records=tuple(records),
        suppressions=(*data.suppressions, *suppressions),
        left_out=tuple(left_out),
        extract=True,
    )


def recode(question: Question, answer: AnswerValue | None) -> Cell:
    """An answer as a row value, in coarse bands: a 5-point scale as agree / neither /
    disagree, a 0–10 rating as 0 to 3 / 4 to 6 / 7 to 10 (recoding before hiding)."""
    if question.kind is Kind.SCALE and isinstance(answer, int) and not isinstance(answer, bool):
        return next((label for label, members in SCALE_MERGED if answer in members), answer)
    if question.kind is Kind.RATING and isinstance(answer, int) and not isinstance(answer, bool):
        return next((label for label, members in RATING_BANDS if answer in members), answer)
    return cell_value(question, answer)


def _recoded_values(question: Question) -> str:
    pnts = f"; or \u201c{PREFER_NOT_TO_SAY}\u201d" if question.prefer_not_to_say else ""
    if question.kind is Kind.SCALE:
        return "; ".join(label for label, _ in SCALE_MERGED) + " (the 5 points in 3 groups)" + pnts
    if question.kind is Kind.RATING:
        return "; ".join(label for label, _ in RATING_BANDS) + " (0 to 10 in 3 bands)" + pnts
    return _describe_values(question)


def _protect_rows(
    rows: list[list[Cell]], columns: Sequence[Column], thresholds: Thresholds
) -> list[Suppression]:
    """k-anonymity over every published quasi-identifier, then the diversity rule.

    The key is the month, every "about you" answer, the survey version and the survey
    itself: each is printed on every row and known to someone who was in the room.
    The survey is never hidden (each has at least ``min_respondents`` rows), so every
    group, the group of fully hidden rows included, lies within one survey.
    """
    k = thresholds.k_anonymity
    version = len(columns) + 1
    survey = len(columns) + 2
    hideable = [0, *(n for n, c in enumerate(columns, start=1) if c.about_you), version]
    quasi = [*hideable, survey]
    hidden_in: set[int] = set()

    # 1. A value fewer than k rows of its survey share is hidden wherever it appears.
    for position in hideable:
        tally = Counter((row[survey], row[position]) for row in rows)
        for row in rows:
            if row[position] not in (None, HIDDEN) and tally[(row[survey], row[position])] < k:
                row[position] = HIDDEN
                hidden_in.add(position)

    # 2. Rows whose whole mix is still rarer than k lose every quasi value; then each
    #    survey's group of such rows is grown to k, so no one is found by elimination.
    def key(row: list[Cell]) -> tuple[Cell, ...]:
        return tuple(row[position] for position in quasi)

    def hide_all(row: list[Cell]) -> None:
        # A blank (not asked) becomes "(hidden)" too, so all such rows look alike.
        for position in hideable:
            if row[position] != HIDDEN:
                if row[position] is not None:
                    hidden_in.add(position)
                row[position] = HIDDEN

    def everything_hidden(survey_id: Cell) -> tuple[Cell, ...]:
        return (*(HIDDEN for _ in hideable), survey_id)

    groups = Counter(key(row) for row in rows)
    for row in rows:
        if groups[key(row)] < k:
            hide_all(row)
    for survey_id in sorted({str(row[survey]) for row in rows}):
        while True:
            groups = Counter(key(row) for row in rows)
            blank = everything_hidden(survey_id)
            if not 0 < groups.get(blank, 0) < k:
                break
            others = [g for g in groups if g != blank and g[-1] == survey_id]
            if not others:
                break  # cannot happen: a survey has at least min_respondents rows
            smallest = min(others, key=lambda g: (groups[g], str(g)))
            for row in rows:
                if key(row) == smallest:
                    hide_all(row)

    # 3. Diversity: in each group, no sensitive answer may be given by 80 % or more.
    sensitive = [n for n, c in enumerate(columns, start=1) if c.sensitive and not c.about_you]
    members: dict[tuple[Cell, ...], list[list[Cell]]] = defaultdict(list)
    for row in rows:
        members[key(row)].append(row)
    for position in sensitive:
        for group in members.values():
            answers = Counter(row[position] for row in group if row[position] not in (None, HIDDEN))
            if not answers:
                continue
            top = max(answers.values())
            if len(answers) < thresholds.l_diversity or top >= DIVERSITY_MAX_SHARE * sum(
                answers.values()
            ):
                for row in group:
                    if row[position] is not None:
                        row[position] = HIDDEN
                hidden_in.add(position)

    titles = ["Month of the session", *(c.text for c in columns), "Survey version"]
    entries = []
    for position in sorted(hidden_in):
        reason = Reason.ROW_SENSITIVE if position in sensitive else Reason.ROW_GROUP
        entries.append(
            Suppression(
                where=DATA_FILES,
                item=f"{titles[position]}, for some people",
                reason=reason,
                why=_ROW_WHY[reason].format(k=k),
            )
        )
    return entries


_ROW_WHY = {
    Reason.ROW_GROUP: (
        "So that every mix of month, survey, version and \u201cabout you\u201d answers "
        "is shared by at least {k} people."
    ),
    Reason.ROW_SENSITIVE: "So that no one's answer can be guessed from the people like them.",
}
