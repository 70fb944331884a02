"""``kiosk translate``: a survey's words for a translator, and their words back in.

``kiosk translate SURVEY --lang cy --out cy.po`` (or ``cy.yaml``) writes every text
of the survey to fill in; ``kiosk translate SURVEY --merge cy.po`` puts the filled
in words into the survey's ``translations:`` block, checks the survey, and writes
it only when it still runs (the old file is kept beside it as ``.bak``).
"""

from __future__ import annotations

import argparse
import os
from pathlib import Path

EXIT_OK = 0
EXIT_PROBLEMS = 1
EXIT_UNREADABLE = 2

USE = (
    "Use:  kiosk translate SURVEY.yaml --lang cy --out cy.po   (a file to fill in)\n"
    "      kiosk translate SURVEY.yaml --merge cy.po           (put the words back in)"
)


def run(args: argparse.Namespace) -> int:
    """``kiosk translate``: the options as ``kiosk.cli`` parsed them."""
    from surveys.loader import load_survey  # noqa: PLC0415 — only this command needs it
    from surveys.translation_files import (  # noqa: PLC0415
        TranslationFileError,
        po_text,
        yaml_text,
    )

    if (args.merge is None) == (args.lang is None or args.out is None):
        print(USE)
        return EXIT_PROBLEMS
    try:
        if args.merge is not None:
            return _merge(args.survey, args.merge)
        result = load_survey(args.survey)
        if result.survey is None:
            print(f"Please fix the problems in {args.survey} first:")
            for problem in result.errors or result.problems:
                print("  " + problem.describe())
            return EXIT_PROBLEMS if result.readable else EXIT_UNREADABLE
        out: Path = args.out
        if out.suffix.lower() in (".po", ".pot"):
            out.write_bytes(po_text(result.survey, args.lang))
        elif out.suffix.lower() in (".yaml", ".yml"):
            out.write_text(yaml_text(result.survey, args.lang), encoding="utf-8")
        else:
            print("Please name the file to write NAME.po (for translation tools) or NAME.yaml.")
            return EXIT_PROBLEMS
    except TranslationFileError as error:
        print(error.message)
        return EXIT_PROBLEMS
    except OSError as error:
        print(f"{args.out} could not be written ({error.strerror or 'no access'}).")
        return EXIT_PROBLEMS
    print(f"Wrote {out}. When it is filled in:  kiosk translate {args.survey} --merge {out}")
    return EXIT_OK


def _merge(survey: Path, filled: Path) -> int:
    """Merge a filled-in file into the survey; ``TranslationFileError`` when it can't."""
    from surveys.translation_files import merge_into, read_translation_file  # noqa: PLC0415

    outcome = merge_into(survey, read_translation_file(filled))
    if outcome.result.survey is None:
        print("The survey would not run with these words, so it was not changed:")
        for problem in outcome.result.errors:
            print("  " + problem.describe())
        return EXIT_PROBLEMS
    backup = survey.with_name(survey.name + ".bak")
    backup.write_bytes(survey.read_bytes())
    temporary = survey.with_name(survey.name + ".tmp")
    temporary.write_text(outcome.text, encoding="utf-8")
    os.replace(temporary, survey)
    print(f"{outcome.summary} The survey was updated; the old file is {backup.name}.")
    return EXIT_OK
