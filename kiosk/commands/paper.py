"""``kiosk paper``: a printable Easy Read paper form of a survey, and keying it in.

``kiosk paper SURVEY --lang cy --out DIR`` writes ``paper-form.html`` and
``paper-form.pdf`` (A4) in DIR (``exports.paper_form``). ``kiosk paper SURVEY --lang cy
--enter`` opens the keying-in screen (``kiosk.paper_entry``): each form's ticks are
keyed in with the letters printed on it and stored, sealed, as a "paper" response in
this kiosk's data folder. See ``docs/paper.md``.
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from exports.paper_layout import PaperForm
    from kiosk.paper_entry import PaperEntryApp
    from kiosk.services import KioskServices
    from surveys.model import Survey

EXIT_OK = 0
EXIT_PROBLEMS = 1
EXIT_UNREADABLE = 2


def add_paper_parser(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """``kiosk paper``'s options."""
    paper = commands.add_parser(
        "paper", help="print an Easy Read paper form of a survey, or key filled-in forms in"
    )
    paper.add_argument("survey", type=Path, metavar="SURVEY")
    paper.add_argument(
        "--lang",
        default=None,
        help="the form's language, like cy (default: the survey's own; English uses the "
        "survey's Easy Read words when it has them)",
    )
    paper.add_argument(
        "--out", type=Path, default=Path(), help="the folder to write the form in (default: here)"
    )
    paper.add_argument(
        "--enter", action="store_true", help="key in filled-in forms (in the form's --lang)"
    )


def language_problem(survey: Survey, code: str) -> str | None:
    """Why ``survey`` can't be put on paper in ``code`` (None when it can)."""
    from surveys.languages import language  # noqa: PLC0415 — only this command needs it

    if code in survey.languages:
        return None
    names = ", ".join(
        f"{found.own_name} ({known})" if (found := language(known)) else known
        for known in survey.languages
    )
    return (
        f"This survey has no words in '{code}' yet, so no form can be made in it. "
        f"It can be put on paper in: {names}."
    )


def run(args: argparse.Namespace) -> int:
    """``kiosk paper``: the options as ``kiosk.cli`` parsed them."""
    from surveys.loader import load_survey  # noqa: PLC0415 — only this command needs it

    result = load_survey(args.survey)
    if result.survey is None:
        print(f"Please fix the problems in {args.survey} first:")
        for problem in result.errors or result.problems:
            print("  " + problem.describe())
        return EXIT_PROBLEMS if result.readable else EXIT_UNREADABLE
    survey = result.survey
    code = args.lang or survey.language
    refusal = language_problem(survey, code)
    if refusal is not None:
        print(refusal)
        return EXIT_PROBLEMS
    if args.enter:
        return enter_forms(survey, code, args.survey)
    return write_form(survey, code, args.out, args.survey)


def write_form(survey: Survey, code: str, out: Path, path: Path) -> int:
    """Write the form's HTML and PDF; say where they are."""
    from exports.paper_form import PaperWithoutPdf, write_paper_form  # noqa: PLC0415

    try:
        html, pdf = write_paper_form(survey, code, out)
    except PaperWithoutPdf as error:
        print(error.message)
        return EXIT_OK
    except OSError as error:
        print(f"The form could not be written in {out} ({error.strerror or 'no access'}).")
        return EXIT_PROBLEMS
    print(f"Wrote {pdf} (print it on A4) and {html} (the same form for a web browser).")
    print(f"To key in filled-in forms:  kiosk paper {path} --lang {code} --enter")
    return EXIT_OK


def paper_form(survey: Survey, code: str) -> PaperForm:
    """The form as laid out for ``code`` (the same numbers and letters as printed)."""
    from exports.paper_layout import lay_out  # noqa: PLC0415
    from surveys.catalogues import words  # noqa: PLC0415

    return lay_out(survey, code, words(code))


def make_entry_app(
    survey: Survey, code: str, services: KioskServices, source: bytes | None = None
) -> PaperEntryApp:
    """The keying-in app, storing into ``services`` (the seam tests use). With the
    survey file's ``source`` bytes, a copy is kept in the data folder as the kiosk
    does, so ``kiosk export`` and ``kiosk impact`` find its wording."""
    from kiosk.commands.run import keep_survey_copy  # noqa: PLC0415 — as below
    from kiosk.paper_entry import PaperEntryApp  # noqa: PLC0415 — Textual only when keying in
    from kiosk.problems import ProblemLog  # noqa: PLC0415 — as above
    from surveys.sending import store_keyed_in  # noqa: PLC0415 — as above
    from surveys.session import CompletedResponse  # noqa: PLC0415 — as above

    def store(completed: CompletedResponse) -> None:
        store_keyed_in(
            completed,
            sealer=services.sealer,
            store=services.store,
            session=services.session,
            channel="paper",
            audit=services.audit,
        )

    log = ProblemLog(services.home)
    if source is not None:
        try:
            copy = keep_survey_copy(source, survey, services.home)
        except OSError as error:
            log.note(f"A copy of the survey file could not be kept ({error.strerror or error}).")
        else:
            if copy.note:
                log.note(copy.note)
    return PaperEntryApp(paper_form(survey, code), store, log)


def enter_forms(survey: Survey, code: str, path: Path) -> int:
    """Run the keying-in screen on this kiosk's data folder; say how many were stored."""
    from kiosk.paper_entry import GIVE_UP  # noqa: PLC0415 — Textual only when keying in
    from kiosk.problems import ProblemLog  # noqa: PLC0415 — as above
    from kiosk.services import build_services  # noqa: PLC0415 — as above

    try:
        services = build_services()
    except OSError as error:
        print(f"The kiosk's data folder could not be opened ({error.strerror or error}).")
        return EXIT_PROBLEMS
    app = make_entry_app(survey, code, services, path.read_bytes())
    try:
        stored = app.run()
    except Exception as error:
        ProblemLog(services.home).record(error, "kiosk paper --enter")
        print(GIVE_UP)
        return EXIT_PROBLEMS
    if app.return_code:
        return app.return_code
    count = stored or 0
    print(f"{count} paper {'form' if count == 1 else 'forms'} stored. Remember to shred them.")
    return EXIT_OK
