"""The languages people used: counts only, through the one disclosure engine.

A response's language is sealed with its answers (``CompletedResponse.language``;
an older record without one was given in the survey's own language). An export
shows it in one way only: a count per language for each survey, protected as one
grid tied to the survey's response count, so the small-number and complementary
hiding are the same as for every other count.

The strict rule for free text (a comment's words show its language, marked or not):

- a language that fewer than ``cell_min`` people used is *held back*: comments
  written in it are never quoted in the shared files (they still count in their
  theme, like any kept comment), and the coordinator's review lists them with a
  plain reason;
- a quote is *marked* with its language only where that language's count is shown
  in the export (so at least ``cell_min`` people used it, and it was not hidden to
  protect another number) and the survey was answered in more than one language.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from exports.report_words import EVERY_NUMBER, language_name, reason_text
from surveys.catalogues import N_, Words
from surveys.disclosure import CountGrid, Reason, Released, Suppression, protect
from surveys.languages import SOURCE_LANGUAGE, language
from surveys.model import Survey
from surveys.thresholds import Thresholds

TOTAL = "total"
HELD_BACK = (
    "Written in a language that fewer than {count} people used, so its words are kept out "
    "of the shared report: they could tell who wrote it. It still counts in its theme."
)
LANGUAGES_PLACE = N_("{survey}: Languages people used")
"""The plain reason the coordinator's review gives for a held-back comment."""


@dataclass(frozen=True, slots=True)
class LanguageRow:
    """One language and how many responses were given in it (or why that is hidden)."""

    code: str
    count: Released


@dataclass(frozen=True)
class LanguageTable:
    """One survey's "Languages people used", already protected."""

    survey_id: str
    rows: tuple[LanguageRow, ...]
    total: Released
    withheld: Reason | None = None
    """Why no number in the table is shown (too few people, or the total would be
    hidden); None when the rows are shown."""
    marked: frozenset[str] = field(default_factory=frozenset)
    """The languages a quote may be marked with (see the module's rule)."""
    held_back: frozenset[str] = field(default_factory=frozenset)
    """The languages whose comments stay out of the shared files."""

    @property
    def hides_any(self) -> bool:
        """True when any count in the table is hidden."""
        return self.withheld is not None or any(row.count.hidden for row in self.rows)


def response_language(raw: object, survey: Survey) -> str:
    """The language a sealed record says it was given in; the survey's own language
    when it says nothing (older records) or names no language the kiosk knows."""
    if isinstance(raw, str) and (raw in survey.languages or language(raw) is not None):
        return raw
    return survey.language or SOURCE_LANGUAGE


def language_table(
    survey: Survey, languages: Iterable[str], thresholds: Thresholds
) -> LanguageTable:
    """The protected counts for one survey, from each response's language."""
    counts = Counter(languages)
    codes = list(dict.fromkeys([*survey.languages, *sorted(counts)]))
    respondents = sum(counts.values())
    held_back = frozenset(c for c in codes if 0 < counts[c] < thresholds.cell_min)
    if respondents < thresholds.min_respondents:
        hidden = Released(None, "hidden", Reason.TOO_FEW)
        rows = tuple(LanguageRow(code, hidden) for code in codes)
        return LanguageTable(survey.id, rows, hidden, Reason.TOO_FEW, held_back=held_back)
    grid = CountGrid()
    cells = [grid.add(f"l:{code}", counts[code]) for code in codes]
    grid.add(TOTAL, respondents)
    grid.tie(cells, TOTAL)
    released = protect(grid, thresholds)
    total = released[TOTAL]
    if total.hidden:
        hidden = Released(None, "hidden", Reason.SECONDARY)
        rows = tuple(LanguageRow(code, hidden) for code in codes)
        return LanguageTable(survey.id, rows, hidden, Reason.SECONDARY, held_back=held_back)
    rows = tuple(LanguageRow(code, released[f"l:{code}"]) for code in codes)
    used = [code for code in codes if counts[code]]
    marked = frozenset(
        row.code
        for row in rows
        if len(used) > 1 and not row.count.hidden and counts[row.code] >= thresholds.cell_min
    )
    return LanguageTable(survey.id, rows, total, None, marked, held_back)


def language_tables(
    surveys: Iterable[Survey],
    languages: Mapping[str, Iterable[str]],
    thresholds: Thresholds,
) -> dict[str, LanguageTable]:
    """Every exported survey's table, by survey id (``languages``: survey id → the
    language of each of its responses)."""
    return {s.id: language_table(s, languages.get(s.id, ()), thresholds) for s in surveys}


def language_suppressions(
    table: LanguageTable, survey_title: str, w: Words, thresholds: Thresholds
) -> tuple[Suppression, ...]:
    """The table's lines for the list of hidden numbers, in the report's words."""
    where = w(LANGUAGES_PLACE, survey=survey_title)
    if table.withheld is not None:
        why = reason_text(w, table.withheld, thresholds)
        return (Suppression(where, w(EVERY_NUMBER), table.withheld, why),)
    return tuple(
        Suppression(
            where,
            language_name(w, row.code),
            row.count.reason,
            reason_text(w, row.count.reason, thresholds),
        )
        for row in table.rows
        if row.count.reason is not None
    )
