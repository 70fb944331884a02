"""The report for the core working group: one self-contained, printable HTML page.

Rendered with Jinja2 with autoescaping on, so every word from a survey file, an
answer, a quote or the outcomes file is escaped. Charts are inline SVG from
``exports.charts`` (escaped there). A Content-Security-Policy forbids scripts
and anything fetched from elsewhere, so the page works the same offline.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace

from jinja2 import Environment, PackageLoader, StrictUndefined, select_autoescape
from markupsafe import Markup

from exports.charts import MERGED_COLOURS, bar_chart
from exports.content import ExportContent, FreeText
from exports.group_decisions import GROUP_RULES
from exports.records import Quote
from exports.report_words import (
    EVERY_NUMBER,
    day_in,
    html_language,
    lang_tag,
    language_name,
    month_in,
    outcomes_summary,
    reason_text,
    report_words,
    settings_text,
    shown,
    status_words,
    template_functions,
    timeliness_words,
)
from exports.tables import QuestionTable, Row
from surveys.catalogues import N_, Words
from surveys.disclosure import Reason, Released
from surveys.model import Survey

CHECKLIST_ID = "coproduction-checklist"
PRINCIPLE_PREFIX = "principle_"
PRINCIPLE_LEVELS = ("poor", "average", "good")
LEVEL_WORDS = (N_("Poor"), N_("Average"), N_("Good"))
QUOTES_PER_THEME = 12
"""Quotes shown per theme in the report (the shuffled order picks which); all are in the
workbook's Comments sheet and data.json."""


@dataclass(frozen=True)
class Matrix:
    """Several questions with the same answers, shown as one table (checklist, principles)."""

    title: str
    intro: str
    columns: tuple[str, ...]
    rows: tuple[tuple[str, tuple[Row | None, ...], Released, str | None], ...]
    """(question text, a cell per column, total, note when withheld)."""


def _matrix(
    survey: Survey,
    tables: Sequence[QuestionTable],
    title: str,
    intro: str,
    columns: Sequence[tuple[str, str]],
) -> Matrix:
    """``columns`` are (heading, option value); a cell is the question's row for that value."""
    rows = []
    for table in tables:
        question = survey.question(table.question_id)
        by_label = {row.label: row for row in table.rows}
        cells = tuple(
            by_label.get(question.label_for(value)) or by_label.get(heading)
            for heading, value in columns
        )
        rows.append((table.text, cells, table.total, table.note))
    return Matrix(title, intro, tuple(h for h, _ in columns), tuple(rows))


def special_sections(
    survey: Survey, tables: Sequence[QuestionTable], w: Words | None = None
) -> tuple[list[Matrix], set[str]]:
    """The checklist and principles tables for a survey, and the questions they cover."""
    w = w or report_words("en")
    matrices: list[Matrix] = []
    covered: set[str] = set()
    principles = [
        t
        for t in tables
        if t.question_id.startswith(PRINCIPLE_PREFIX)
        and survey.question(t.question_id).option_values() == PRINCIPLE_LEVELS
    ]
    if principles:
        matrices.append(
            _matrix(
                survey,
                principles,
                w(N_("The five principles: poor, average or good")),
                w(N_("How people rated the way the group worked, one principle per row.")),
                [
                    (w(heading), level)
                    for heading, level in zip(LEVEL_WORDS, PRINCIPLE_LEVELS, strict=True)
                ],
            )
        )
        covered |= {t.question_id for t in principles}
    if survey.id == CHECKLIST_ID:
        items = [t for t in tables if t.kind.value in ("single", "yesno") and not t.about_you]
        headings: list[str] = []
        for table in items:
            for row in table.rows:
                if row.label not in headings:
                    headings.append(row.label)
        if items:
            matrices.append(
                _matrix(
                    survey,
                    items,
                    w(N_("The co-production checklist")),
                    w(N_("How many people answered yes, no or not sure to each item.")),
                    [(h, h) for h in headings],
                )
            )
            covered |= {t.question_id for t in items}
    return matrices, covered


class _Charts:
    def __init__(self, w: Words) -> None:
        self.count = 0
        self.w = w
        self.colours = {w(label): colour for label, colour in MERGED_COLOURS.items()}

    def __call__(
        self, rows: Sequence[Row], title: str, total: Released, merged: bool = False
    ) -> Markup:
        self.count += 1
        said = [replace(r, count=replace(r.count, shown=shown(self.w, r.count))) for r in rows]
        svg = bar_chart(
            said, title, f"chart{self.count}", total=total, merged=merged, colours=self.colours
        )
        return Markup(svg)  # noqa: S704 - escaped in bar_chart


def _environment(w: Words) -> Environment:
    """Jinja with autoescaping and the i18n extension, its words from ``w``: the
    templates' ``_``/``n_`` fill named ``{braces}`` (``template_functions``)."""
    environment = Environment(
        loader=PackageLoader("exports", "templates"),
        autoescape=select_autoescape(default=True, default_for_string=True),
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        extensions=["jinja2.ext.i18n"],
    )
    environment.install_gettext_callables(  # type: ignore[attr-defined]
        gettext=w,
        ngettext=w.n,
        newstyle=True,
    )
    environment.globals.update(template_functions(w))
    return environment


def _strong(text: object) -> Markup:
    return Markup("<strong>{}</strong>").format(text)


def _link(href: str, text: object) -> Markup:
    return Markup('<a href="{}">{}</a>').format(href, text)


def render_report(content: ExportContent) -> str:
    """The report as one HTML document, in ``content.language``."""
    w = report_words(content.language)
    template = _environment(w).get_template("report.html.j2")
    surveys = []
    for tables in content.surveys:
        matrices, covered = special_sections(tables.survey, tables.tables, w)
        counted = {
            t.question_id: t
            for t in tables.tables
            if not t.about_you and t.question_id not in covered
        }
        written = {f.question.id: f for f in content.free_text if f.survey_id == tables.survey.id}
        blocks = [  # in the order the survey asks its questions
            (question.id, counted.get(question.id), written.get(question.id))
            for question in tables.survey.questions
            if question.id in counted or question.id in written
        ]
        surveys.append(
            {
                "tables": tables,
                "matrices": matrices,
                "blocks": blocks,
                "about_you": [t for t in tables.tables if t.about_you],
            }
        )
    grouped = hidden_list(content)
    titles = {t.survey.id: t.survey.title for t in content.surveys}
    languages = [(titles.get(t.survey_id, t.survey_id), t) for t in content.languages]
    return template.render(
        content=content,
        surveys=surveys,
        hidden=grouped,
        languages=languages,
        html_lang=html_language(content.language),
        settings=settings_text(w, content.thresholds),
        chart=_Charts(w),
        section_title=_section_title,
        month=lambda month: month_in(w, month),
        day=lambda day: day_in(w, day),
        shown=lambda released: shown(w, released),
        reason=lambda why: reason_text(w, Reason(why), content.thresholds),
        language_name=lambda code: language_name(w, code),
        lang_tag=lang_tag,
        outcomes_summary=outcomes_summary(
            w, [(kind.value, count) for kind, count in content.outcomes.counts]
        ),
        status=lambda action: status_words(w, action.status.value),
        timeliness=lambda action: timeliness_words(
            w, action.timeliness(content.outcomes.today).value
        ),
        strong=_strong,
        link=_link,
        group_rules=GROUP_RULES,
        theme_quotes=_theme_quotes,
    )


def hidden_list(content: ExportContent) -> dict[str, dict[str, list[str]]]:
    """The list of hidden numbers: per survey (or other place), one line per reason,
    naming each question once with what was hidden in it, in plain words."""
    titles = sorted((t.survey.title for t in content.surveys), key=len, reverse=True)
    whole = report_words(content.language)(EVERY_NUMBER)
    found: dict[str, dict[str, dict[str, list[str]]]] = {}
    for entry in content.suppressions:
        place, question = entry.where, ""
        for title in titles:
            if entry.where.startswith(f"{title}: "):
                place, question = title, entry.where[len(title) + 2 :]
                break
        items = found.setdefault(place, {}).setdefault(entry.why, {})
        listed = items.setdefault(question, [])
        if entry.item not in listed and entry.item != whole:
            listed.append(entry.item)
    return {
        place: {
            why: [
                f"\u201c{question}\u201d" + (f": {', '.join(what)}" if what else "")
                if question
                else ", ".join(what)
                for question, what in questions.items()
            ]
            for why, questions in reasons.items()
        }
        for place, reasons in found.items()
    }


def month_name(month: str) -> str:
    """ "2026-03" → "March 2026" (left as it is when it isn't a month)."""
    return month_in(report_words("en"), month)


def day_name(day: str) -> str:
    """ "2026-03-12" → "12 March 2026" (left as it is when it isn't a day)."""
    return day_in(report_words("en"), day)


def _section_title(survey: Survey, question_id: str) -> str | None:
    section = survey.section(survey.question(question_id).section)
    return section.title if section else None


def _theme_quotes(free: FreeText) -> list[tuple[str, list[Quote], int]]:
    """(theme, quotes to show, how many more are only in the workbook) per theme.

    A theme too small to show has already been taken off its quotes by ``anonymise``,
    so those quotes come under "Other comments" here and in every other file.
    """
    grouped: dict[str, list[Quote]] = {}
    for quote in free.quotes:
        grouped.setdefault(quote.theme or "", []).append(quote)
    return [
        (theme, quotes[:QUOTES_PER_THEME], max(len(quotes) - QUOTES_PER_THEME, 0))
        for theme, quotes in sorted(grouped.items(), key=lambda item: (item[0] == "", item[0]))
    ]
