"""A printable Easy Read paper form of any survey and its consent, for people who
prefer paper.

``write_paper_form(survey, language, out)`` writes ``paper-form.html`` (A4 print CSS,
large type, one question a block, big tick boxes each with the number or letter a
facilitator keys in later, and the option's symbol where the survey gives one) and,
through the computer's headless Chromium as the poster does, ``paper-form.pdf``.
Where no PDF can be made the HTML is still written and ``PaperWithoutPdf`` says so.

The layout (numbers, letters, the Easy Read wording for English) is
``exports.paper_layout``; the form's own words are the ``paper`` catalogues in the
form's language, with ``lang`` and ``dir`` set on the page. The consent printed is
the paper text (``surveys.consent.PAPER_VERSION``), true of paper: who reads the
form, the box, that it cannot be given back.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from jinja2 import Environment, PackageLoader, StrictUndefined, select_autoescape

from exports.paper_layout import (
    EASY_READ,
    Keying,
    PaperForm,
    PaperQuestion,
    lay_out,
)
from exports.poster import WithoutPdf, write_printable
from surveys.catalogues import N_, Words, words
from surveys.languages import language as language_named
from surveys.model import Kind, Survey

HTML_NAME = "paper-form.html"
PDF_NAME = "paper-form.pdf"

HOW_TO = {
    Keying.ONE: N_("Tick one box."),
    Keying.ANY: N_("Tick all the boxes that fit."),
    Keying.ORDER: N_("Write 1 in the box of what matters most to you, 2 for the next, and so on."),
    Keying.WRITE: N_("Write your answer in the space."),
}
"""What a person does for each kind of question."""


class PaperWithoutPdf(WithoutPdf):
    """The HTML form was written, but no PDF could be made (``.html`` is its path)."""


@dataclass(frozen=True, slots=True)
class Block:
    """One block of the printed form: a section's note, information, or a question."""

    question: PaperQuestion | None = None
    heading: str = ""
    lines: tuple[str, ...] = ()
    how: str = ""
    write_lines: int = 0


def _blocks(form: PaperForm) -> list[Block]:
    w = form.words
    blocks: list[Block] = []
    section: str | None = None
    for item in form.questions:
        question = item.question
        if question.section != section:
            section = question.section
            found = form.survey.section(section)
            if found is not None:
                note = (found.content_note,) if found.content_note else ()
                blocks.append(Block(heading=found.title, lines=note))
        if item.keying is Keying.NONE:
            lines = (question.text, *((question.help,) if question.help else ()))
            blocks.append(Block(lines=lines))
            continue
        rows = 0
        if item.keying is Keying.WRITE:
            rows = 6 if question.kind is Kind.LONGTEXT else 3
        blocks.append(
            Block(
                question=item,
                heading=w(N_("Question {number}"), number=item.number),
                how=w(HOW_TO[item.keying]),
                write_lines=rows,
            )
        )
    return blocks


def _environment(w: Words) -> Environment:
    environment = Environment(
        loader=PackageLoader("exports", "templates"),
        autoescape=select_autoescape(default=True, default_for_string=True),
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        extensions=["jinja2.ext.i18n"],
    )
    environment.policies["ext.i18n.trimmed"] = True
    environment.install_gettext_callables(  # type: ignore[attr-defined]
        gettext=w, ngettext=w.n, newstyle=True
    )
    return environment


def render_paper_form(survey: Survey, code: str) -> str:
    """The paper form of ``survey`` in language ``code`` as one HTML document (every
    word from the survey escaped)."""
    w = words(code, first="paper")
    form = lay_out(survey, code, w)
    spoken = language_named(code)
    right_to_left = spoken is not None and spoken.right_to_left
    own_name = "Easy Read" if form.language == EASY_READ else (spoken.own_name if spoken else code)
    return (
        _environment(w)
        .get_template("paper-form.html.j2")
        .render(
            form=form,
            lang=form.html_lang,
            dir="rtl" if right_to_left else "ltr",
            blocks=_blocks(form),
            title=form.survey.title,
            support=form.survey.support,
            form_note=w(
                N_("Form {survey}, version {version}, {language}"),
                survey=survey.id,
                version=survey.version,
                language=own_name,
            ),
        )
    )


def write_paper_form(
    survey: Survey, code: str, out: Path, *, chromium: Path | bool | None = True
) -> list[Path]:
    """Write ``paper-form.html`` and ``paper-form.pdf`` into the folder ``out``;
    returns the files written. ``chromium``: ``True`` finds the computer's own,
    ``None``/``False`` makes no PDF. Raises ``PaperWithoutPdf`` (the HTML is written)
    when no PDF could be made."""
    html_path, pdf_path = out / HTML_NAME, out / PDF_NAME
    return write_printable(
        render_paper_form(survey, code),
        html_path,
        pdf_path,
        chromium=chromium,
        what="The paper form",
        without_pdf=PaperWithoutPdf,
    )
