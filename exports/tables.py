"""Per-question counts, protected: what the report and the summary sheet show.

Each question's counts go through ``surveys.disclosure`` as one grid together
with every other view of the same answers (an agree/disagree scale and its merged
agree / neutral / disagree rows; a 0–10 rating and its low / middle / high bands),
so a number hidden in one view can't be worked out from another.
A ``QuestionTable`` can only be built here, from protected counts.
"""

from __future__ import annotations

import statistics
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace

from exports.comment_review import FREE_TEXT
from exports.records import is_about_you
from exports.report_words import EVERY_NUMBER, reason_text, report_words
from surveys.catalogues import N_, Words
from surveys.disclosure import (
    CountGrid,
    Forced,
    Reason,
    Released,
    Suppression,
    percent,
    protect,
    round_to,
)
from surveys.model import PREFER_NOT_TO_SAY, AnswerValue, Kind, Question, Survey
from surveys.thresholds import Thresholds

SCALE_MERGED = (
    (N_("Agree"), (4, 5)),
    (N_("Neither agree nor disagree"), (3,)),
    (N_("Disagree"), (1, 2)),
)
RATING_BANDS = (
    (N_("7 to 10"), range(7, 11)),
    (N_("4 to 6"), range(4, 7)),
    (N_("0 to 3"), range(0, 4)),
)
PREFER_NOT_TO_SAY_WORDS = N_("Prefer not to say")


@dataclass(frozen=True, slots=True)
class Row:
    """One line of a table: an answer, its count (or why hidden) and its percentage."""

    label: str
    count: Released
    percent: str | None = None


@dataclass(frozen=True)
class QuestionTable:
    """A question's protected results."""

    survey_id: str
    question_id: str
    text: str
    kind: Kind
    sensitive: bool
    about_you: bool
    rows: tuple[Row, ...] = ()
    total: Released = field(default_factory=lambda: Released(None, "hidden", Reason.TOO_FEW))
    merged: tuple[Row, ...] = ()
    merged_title: str | None = None
    stats: tuple[tuple[str, str], ...] = ()
    note: str | None = None
    several: bool = False
    """True for multiple choice: people can pick several, so rows don't add up."""
    recoded: bool = False
    """True when the answers are shown in coarser groups only (agree / neither /
    disagree, 0 to 3 / 4 to 6 / 7 to 10), because the full scale would hide numbers."""

    @property
    def withheld(self) -> bool:
        """True when no numbers are shown at all."""
        return self.note is not None

    @property
    def hides_any(self) -> bool:
        """True when any count in the table is hidden."""
        return self.withheld or any(r.count.hidden for r in (*self.rows, *self.merged))


@dataclass
class SurveyTables:
    """One survey's protected results."""

    survey: Survey
    responses: Released
    tables: list[QuestionTable]
    suppressions: list[Suppression]


def protect_count(value: int, thresholds: Thresholds) -> Released:
    """A count published on its own (no sum ties it to others)."""
    if 0 < value < thresholds.cell_min:
        return Released(None, thresholds.small_label, Reason.SMALL)
    shown = round_to(value, thresholds.rounding_base)
    return Released(shown, str(shown))


def protect_group_size(value: int, thresholds: Thresholds, language: str = "en") -> Released:
    """How many responded: shown only from ``min_respondents`` up."""
    if value < thresholds.min_respondents:
        w = report_words(language)
        fewer = w(N_("fewer than {count}"), count=thresholds.min_respondents)
        return Released(None, fewer, Reason.TOO_FEW)
    return protect_count(value, thresholds)


def survey_tables(
    survey: Survey,
    answers: Sequence[Mapping[str, AnswerValue]],
    thresholds: Thresholds,
    language: str = "en",
) -> SurveyTables:
    """Protected tables for every counted question of a survey, in the report's
    ``language`` (the survey's own words: pass it through ``in_language`` first)."""
    builder = _Builder(survey, thresholds, report_words(language))
    responses = protect_group_size(len(answers), thresholds, language)
    tables: list[QuestionTable] = []
    built: dict[str, QuestionTable] = {}
    for question in survey.questions:
        if not question.asks or question.identifying or question.kind in FREE_TEXT:
            continue
        values = [a[question.id] for a in answers if question.id in a]
        table = builder.build(question, values, len(answers), built)
        built[question.id] = table
        tables.append(table)
    return SurveyTables(survey, responses, tables, builder.log)


class _Builder:
    def __init__(self, survey: Survey, thresholds: Thresholds, w: Words) -> None:
        self.survey = survey
        self.t = thresholds
        self.w = w
        self.log: list[Suppression] = []

    def where(self, question: Question) -> str:
        return f"{self.survey.title}: {question.text}"

    def note(self, question: Question, reason: Reason) -> str:
        if question.sensitive:
            # Why a sensitive question is withheld (say, nearly everyone gave one answer)
            # can itself tell the room the answer, so every reason reads the same.
            reason = Reason.WITHHELD
        self._suppress(question, self.w(EVERY_NUMBER), reason)
        return reason_text(self.w, reason, self.t)

    def build(
        self,
        question: Question,
        values: list[AnswerValue],
        respondents: int,
        built: Mapping[str, QuestionTable],
    ) -> QuestionTable:
        base = QuestionTable(
            self.survey.id,
            question.id,
            question.text,
            question.kind,
            question.sensitive,
            is_about_you(self.survey, question),
            several=question.kind is Kind.MULTI,
        )
        if respondents < self.t.min_respondents or len(values) < self.t.min_respondents:
            return _with(base, note=self.note(question, Reason.TOO_FEW))
        parent = question.show_if.question if question.show_if else None
        if parent is not None and parent in built and built[parent].hides_any:
            return _with(base, note=self.note(question, Reason.LINKED))
        if question.kind is Kind.MULTI:
            return self._multi(base, question, values, respondents)
        categories = _categories(question, self.w)
        if question.kind is Kind.RANKING:
            counted: list[AnswerValue] = [v[0] for v in values if isinstance(v, tuple) and v]
        else:
            counted = values
        counts = Counter(_key(v) for v in counted)
        detail = [(key, label, counts.get(key, 0)) for key, label in categories]
        if (
            question.sensitive
            and self.t.dominance
            and len(values) - max(c for _, _, c in detail) < self.t.cell_min
        ):
            return _with(base, note=self.note(question, Reason.DOMINANCE))
        grid = CountGrid()
        for key, _, count in detail:
            grid.add(f"d:{key}", count)
        grid.add("total", len(values))
        grid.tie([f"d:{key}" for key, _, _ in detail], "total")
        merged_spec = tuple((self.w(label), members) for label, members in _merged(question))
        for label, members in merged_spec:
            grid.add(f"m:{label}", sum(counts.get(_key(m), 0) for m in members))
            grid.tie([f"d:{_key(m)}" for m in members], f"m:{label}")
        _add_margin(grid, respondents, len(values))
        released = protect(grid, self.t)
        if released[RESPONDENTS].hidden:
            return _with(base, note=self.note(question, Reason.SECONDARY))
        if merged_spec and any(released[f"d:{key}"].hidden for key, _, _ in detail):
            coarse = self._coarse(
                base,
                question,
                merged_spec=merged_spec,
                counts=counts,
                detail=detail,
                respondents=respondents,
            )
            if coarse is not None:
                return coarse
        total = released["total"]
        rows = tuple(
            self._row(question, label, released[f"d:{key}"], total) for key, label, _ in detail
        )
        title = self.w(_merged_title(question))
        merged = tuple(
            self._row(question, label, released[f"m:{label}"], total, view=title)
            for label, _ in merged_spec
        )
        if merged and PREFER_NOT_TO_SAY in {key for key, _ in categories}:
            merged += (rows[-1],)
        hides_any = total.hidden or any(r.count.hidden for r in (*rows, *merged))
        stats = self._stats(question, values, hides_any)
        self._log_percent(question, rows, total)
        return _with(
            base,
            rows=rows,
            total=total,
            merged=merged,
            stats=stats,
            merged_title=title if merged else None,
        )

    def _coarse(
        self,
        base: QuestionTable,
        question: Question,
        *,
        merged_spec: Sequence[tuple[str, tuple[int, ...]]],
        counts: Mapping[str, int],
        detail: Sequence[tuple[str, str, int]],
        respondents: int,
    ) -> QuestionTable | None:
        """Recode before hiding: the coarse groups alone, when the full scale would hide
        numbers. None when even the groups can't be shown safely."""
        grid = CountGrid()
        parts = []
        for label, members in merged_spec:
            parts.append(grid.add(f"m:{label}", sum(counts.get(_key(m), 0) for m in members)))
        extra = [(key, label, n) for key, label, n in detail if key == PREFER_NOT_TO_SAY]
        parts += [grid.add(f"d:{key}", n) for key, _, n in extra]
        grid.add("total", sum(n for _, _, n in detail))
        grid.tie(parts, "total")
        _add_margin(grid, respondents, sum(n for _, _, n in detail))
        released = protect(grid, self.t)
        if released[RESPONDENTS].hidden:
            return None
        total = released["total"]
        rows = tuple(
            self._row(question, label, released[f"m:{label}"], total) for label, _ in merged_spec
        ) + tuple(
            self._row(question, label, released[f"d:{key}"], total) for key, label, _ in extra
        )
        if question.kind is Kind.RATING:
            self._suppress(question, self.w(AVERAGE_AND_MIDDLE), Reason.NO_AVERAGE)
        self._log_percent(question, rows, total)
        return _with(base, rows=rows, total=total, recoded=True)

    def _multi(
        self, base: QuestionTable, question: Question, values: list[AnswerValue], respondents: int
    ) -> QuestionTable:
        answered = len(values)
        counts = Counter(choice for v in values if isinstance(v, tuple) for choice in v)
        grid = CountGrid()
        grid.add("total", answered)
        forced: dict[str, Forced] = {}
        options = _choice_options(question, self.w)
        for value, _ in options:
            chosen = counts.get(value, 0)
            grid.add(f"c:{value}", chosen)
            grid.add(f"n:{value}", answered - chosen, published=False)
            grid.tie([f"c:{value}", f"n:{value}"], "total")
            if (
                question.sensitive
                and self.t.dominance
                and chosen > 0
                and answered - chosen < self.t.cell_min
            ):
                low = max(answered - self.t.cell_min + 1, 1)
                forced[f"c:{value}"] = Forced(Reason.WITHHELD, low, answered)
        _add_margin(grid, respondents, answered)
        released = protect(grid, self.t, forced)
        if released[RESPONDENTS].hidden:
            return _with(base, note=self.note(question, Reason.SECONDARY))
        total = released["total"]
        rows = tuple(
            self._row(question, label, released[f"c:{value}"], total) for value, label in options
        )
        self._log_percent(question, rows, total)
        return _with(base, rows=rows, total=total)

    def _row(
        self, question: Question, label: str, count: Released, total: Released, view: str = ""
    ) -> Row:
        if question.sensitive and count.hidden and count.reason is not Reason.SMALL:
            # One word for every other reason, so the list can't tell which answer dominated.
            count = replace(count, reason=Reason.WITHHELD)
        if count.hidden and count.reason is not None:
            item = f"{view}: {label}" if view else label
            self._suppress(question, item, count.reason)
        return Row(label, count, percent(count, total, self.t))

    def _log_percent(self, question: Question, rows: Sequence[Row], total: Released) -> None:
        if total.value is not None and total.value < self.t.percent_min_denominator:
            self._suppress(question, self.w(N_("percentages")), Reason.NO_PERCENT)

    def _stats(
        self, question: Question, values: list[AnswerValue], hides_any: bool
    ) -> tuple[tuple[str, str], ...]:
        """Averages and medians: only of ``stats_min_n`` values or more, and only when
        no count of the question is hidden (each is one more sum a reader could use)."""
        if question.kind is Kind.RANKING:
            return self._ranking_stats(question, values, hides_any)
        if question.kind is not Kind.RATING:
            return ()
        numbers = [v for v in values if isinstance(v, int) and not isinstance(v, bool)]
        if len(numbers) < self.t.stats_min_n or hides_any:
            self._suppress(question, self.w(AVERAGE_AND_MIDDLE), Reason.NO_AVERAGE)
            return ()
        return (
            (self.w(N_("Average")), f"{statistics.fmean(numbers):.1f}"),
            (self.w(N_("Middle value (median)")), f"{statistics.median(numbers):g}"),
        )

    def _suppress(self, question: Question, what: str, reason: Reason) -> None:
        """Add one line to the list of hidden numbers: where, what, and why in words."""
        why = reason_text(self.w, reason, self.t)
        self.log.append(Suppression(self.where(question), what, reason, why))

    def _ranking_stats(
        self, question: Question, values: list[AnswerValue], hides_any: bool
    ) -> tuple[tuple[str, str], ...]:
        orders = [v for v in values if isinstance(v, tuple) and v]
        if len(orders) < self.t.stats_min_n or hides_any:
            self._suppress(question, self.w(N_("average places")), Reason.NO_AVERAGE)
            return ()
        places = {
            o.value: statistics.fmean(order.index(o.value) + 1 for order in orders)
            for o in question.options
            if all(o.value in order for order in orders)
        }
        return tuple(
            (
                self.w(N_("Average place: {answer}"), answer=question.label_for(value)),
                f"{place:.1f}",
            )
            for value, place in sorted(places.items(), key=lambda item: (item[1], item[0]))
        )


RESPONDENTS = "respondents"
AVERAGE_AND_MIDDLE = N_("average and middle value")


def _add_margin(grid: CountGrid, respondents: int, answered: int) -> None:
    """The survey's response count, published at the top, as one more sum: those who
    answered and those who skipped (never shown) add up to it."""
    grid.add(RESPONDENTS, respondents)
    grid.add("skipped", respondents - answered, published=False)
    grid.tie(["total", "skipped"], RESPONDENTS)


def _with(base: QuestionTable, **changes: object) -> QuestionTable:
    return replace(base, **changes)  # type: ignore[arg-type]


def _key(value: AnswerValue | int) -> str:
    if isinstance(value, bool):
        return "yes" if value else "no"
    return str(value)


def _choice_options(question: Question, w: Words) -> list[tuple[str, str]]:
    options = [(o.value, o.label) for o in question.options]
    if question.prefer_not_to_say and PREFER_NOT_TO_SAY not in {v for v, _ in options}:
        options.append((PREFER_NOT_TO_SAY, w(PREFER_NOT_TO_SAY_WORDS)))
    return options


def _categories(question: Question, w: Words) -> list[tuple[str, str]]:
    kind = question.kind
    if kind in (Kind.SINGLE, Kind.RANKING):
        return [(_key(v), label) for v, label in _choice_options(question, w)]
    pnts = [(PREFER_NOT_TO_SAY, w(PREFER_NOT_TO_SAY_WORDS))] if question.prefer_not_to_say else []
    if kind is Kind.YESNO:
        return [("yes", w(N_("Yes"))), ("no", w(N_("No"))), *pnts]
    if kind is Kind.SCALE:
        return [(str(i), label) for i, label in enumerate(question.scale_labels, 1)] + pnts
    if kind is Kind.RATING:
        labels = {0: question.low_label, 10: question.high_label}
        return [
            (str(i), f"{i} ({labels[i]})" if labels.get(i) else str(i)) for i in range(11)
        ] + pnts
    raise ValueError(f"no table for {kind}")


def _merged(question: Question) -> tuple[tuple[str, tuple[int, ...]], ...]:
    if question.kind is Kind.SCALE:
        return SCALE_MERGED
    if question.kind is Kind.RATING:
        return tuple((label, tuple(members)) for label, members in RATING_BANDS)
    return ()


def _merged_title(question: Question) -> str:
    if question.kind is Kind.SCALE:
        return N_("Agree, neither, or disagree")
    return N_("Low, middle or high")
