"""``kiosk check``, ``kiosk templates`` and ``kiosk new``: the survey files themselves.

Checking a file prints every problem with its line and column, and plain-English
advice on hard wording; the templates are the built-in surveys a new one starts from.
"""

from __future__ import annotations

import argparse
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from surveys.plurals import counted

if TYPE_CHECKING:
    from surveys.model import Survey

EXIT_OK = 0
EXIT_PROBLEMS = 1
EXIT_UNREADABLE = 2


def run(args: argparse.Namespace) -> int:
    """``kiosk check``, ``kiosk templates`` or ``kiosk new``, as ``args.command`` says."""
    if args.command == "check":
        return check_files(args.files, strict=args.strict)
    if args.command == "templates":
        return list_templates()
    return new_from_template(args.template, args.file)


def check_files(files: Sequence[Path], *, strict: bool = False) -> int:
    """``kiosk check``: 0 when every file is fine, 1 on errors, 2 when one can't be read.

    Wording advice (plain English, ``accessibility.plain_english``) is printed too; it
    fails the check only with ``strict``, like any other advice.
    """
    from surveys.errors import Severity  # noqa: PLC0415 — imported late so other commands start fast
    from surveys.loader import load_survey  # noqa: PLC0415 — as above

    status = EXIT_OK
    for path in files:
        result = load_survey(path)
        errors = [p for p in result.problems if p.severity is Severity.ERROR]
        advice = [p for p in result.problems if p.severity is Severity.WARNING]
        for problem in result.problems:
            print(problem.describe())
        if not result.readable:
            status = EXIT_UNREADABLE
        elif errors:
            status = max(status, EXIT_PROBLEMS)
            print(f"{path}: {counted(len(errors), 'problem')} to fix before this survey can run.")
        else:
            wording = _wording_advice(path, result.survey)
            for line in wording:
                print(line)
            pieces = len(advice) + len(wording)
            if strict and pieces:
                status = max(status, EXIT_PROBLEMS)
                print(f"{path}: {counted(pieces, 'piece')} of advice to act on (--strict).")
                continue
            extra = f" ({counted(pieces, 'piece')} of advice above)" if pieces else ""
            print(f"{path}: ready to use{extra}.")
    return status


def _wording_advice(path: Path, survey: Survey | None) -> list[str]:
    """The plain-English advice for a survey, one printed line each."""
    if survey is None:
        return []
    from accessibility.plain_english import check_wording, describe_all  # noqa: PLC0415 — only this command

    try:
        source: str | None = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        source = None
    return describe_all(check_wording(survey, source, str(path)))


def list_templates() -> int:
    """``kiosk templates``."""
    from surveys import templates  # noqa: PLC0415 — imported late so other commands start fast

    print("Built-in survey templates:")
    for info in templates.list_templates():
        print(f"  {info.name:<28} {info.title} — {info.description}")
    print("Start one with:  kiosk new TEMPLATE my-survey.yaml")
    return EXIT_OK


def new_from_template(name: str, destination: Path) -> int:
    """``kiosk new TEMPLATE FILE``."""
    from surveys import templates  # noqa: PLC0415 — imported late so other commands start fast

    try:
        written = templates.copy_template(name, destination)
    except KeyError:
        print(f"There is no template called '{name}'. 'kiosk templates' lists them.")
        return EXIT_PROBLEMS
    except FileExistsError:
        print(f"{destination} already exists. Choose another name so nothing is overwritten.")
        return EXIT_PROBLEMS
    except FileNotFoundError:
        print(f"The folder {destination.parent} does not exist.")
        return EXIT_PROBLEMS
    except OSError as error:
        print(f"{destination} could not be written ({error.strerror}).")
        return EXIT_PROBLEMS
    print(f"Made {written}. Edit it, then run:  kiosk check {written}")
    return EXIT_OK
