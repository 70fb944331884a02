"""Everything one export publishes, already protected: what every writer receives.

Only anonymised and protected pieces go in: ``AnonymisedRecord`` rows, ``Quote``
objects, ``QuestionTable`` results and the list of hidden numbers. Writers are
typed to take an ``ExportContent`` and nothing else.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from exports.anonymise import KEPT_NO_THEME, AnonymisedData, CommentSummary
from exports.group_decisions import SessionDecisions
from exports.language_counts import LanguageTable, language_suppressions
from exports.outcomes import Outcomes
from exports.records import Quote
from exports.report_words import reason_text, report_words
from exports.tables import Row, SurveyTables
from surveys.catalogues import N_
from surveys.disclosure import Reason, Released, Suppression
from surveys.model import Question, Survey
from surveys.thresholds import Thresholds

NO_THEME = N_("No theme given")


@dataclass(frozen=True)
class FreeText:
    """One free-text question: what happened to its comments, themes, and quotes."""

    survey_id: str
    question: Question
    summary: CommentSummary
    themes: tuple[Row, ...]
    quotes: tuple[Quote, ...]

    @property
    def hides_any(self) -> bool:
        """True when any count about these comments is hidden."""
        cells = self.summary.cells.values()
        return any(row.count.hidden for row in self.themes) or any(c.hidden for c in cells)

    def count(self, name: str) -> Released:
        """A published count: written, kept, dropped, pending, kept_not_quotable, quoted."""
        return self.summary.cells[name]

    @property
    def withheld(self) -> bool:
        """True when no count about these comments may be shown."""
        return self.summary.cells["respondents"].hidden


@dataclass(frozen=True)
class ExportContent:
    """One export, ready to write."""

    title: str
    made_on: dt.date
    months: tuple[str, ...]
    session_count: int
    surveys: tuple[SurveyTables, ...]
    declines: Released
    data: AnonymisedData
    free_text: tuple[FreeText, ...]
    outcomes: Outcomes
    thresholds: Thresholds
    notes: tuple[str, ...] = ()
    demo_key: bool = False
    """True when the answers were opened with the demo key: the report says so."""
    extra_suppressions: tuple[Suppression, ...] = field(default=())
    group_decisions: tuple[SessionDecisions, ...] = ()
    """What each focus-group session decided (closed rankings only), already protected."""
    languages: tuple[LanguageTable, ...] = ()
    """Per survey, how many responses were given in each language (protected)."""
    language: str = "en"
    """The language the report is written in (data keys and headers stay English)."""

    @property
    def suppressions(self) -> tuple[Suppression, ...]:
        """Every hidden number, in report order."""
        tables = tuple(s for survey in self.surveys for s in survey.suppressions)
        w = report_words(self.language)
        languages = tuple(
            line
            for table in self.languages
            for line in language_suppressions(
                table, self.survey(table.survey_id).title, w, self.thresholds
            )
        )
        return (*self.extra_suppressions, *languages, *tables, *self.data.suppressions)

    def survey(self, survey_id: str) -> Survey:
        """The definition of an exported survey."""
        for tables in self.surveys:
            if tables.survey.id == survey_id:
                return tables.survey
        raise KeyError(survey_id)


def free_text_sections(
    surveys: tuple[SurveyTables, ...],
    data: AnonymisedData,
    thresholds: Thresholds,
    language: str = "en",
) -> tuple[tuple[FreeText, ...], tuple[Suppression, ...]]:
    """Free-text results per question, with theme counts protected like any counts.

    ``anonymise`` has already merged every theme whose count would be hidden into
    "no theme" (on rows and quotes too), so only that one can be hidden here.
    """
    w = report_words(language)
    no_theme = w(NO_THEME)
    sections: list[FreeText] = []
    log: list[Suppression] = []
    by_question = {(c.survey_id, c.question_id): c for c in data.comments}
    for tables in surveys:
        survey = tables.survey
        for question in survey.questions:
            summary = by_question.get((survey.id, question.id))
            if summary is None:
                continue
            rows: tuple[Row, ...] = ()
            where = w(
                N_("{survey}: themes in \u201c{question}\u201d"),
                survey=survey.title,
                question=question.text,
            )
            if summary.themes:
                cells = summary.theme_cells
                rows = tuple(Row(theme or no_theme, cells[theme]) for theme, _ in summary.themes)
                log += [
                    Suppression(
                        where,
                        row.label,
                        row.count.reason,
                        reason_text(w, row.count.reason, thresholds),
                    )
                    for row in rows
                    if row.count.reason is not None
                ]
            if summary.themes_merged:
                log.append(
                    Suppression(
                        where,
                        w(N_("Themes given to too few comments")),
                        Reason.SMALL,
                        w(
                            N_(
                                "Counted under \u201c{no_theme}\u201d, and given no theme on "
                                "their rows (\u201c{kept}\u201d) and quotes either, so that a "
                                "small number can't be counted back."
                            ),
                            no_theme=no_theme,
                            kept=KEPT_NO_THEME,
                        ),
                    )
                )
            quotes = tuple(
                q for q in data.quotes if q.survey_id == survey.id and q.question_id == question.id
            )
            sections.append(FreeText(survey.id, question, summary, rows, quotes))
    return tuple(sections), tuple(log)
