"""``kiosk check``, ``kiosk templates`` and ``kiosk new``: survey, poll and plan files.

Checking a file prints every problem with its line and column, and plain-English
advice on hard wording; the templates are the built-in surveys and session plans a
new one starts from.
"""

from __future__ import annotations

import argparse
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from surveys.plurals import counted

if TYPE_CHECKING:
    from surveys.errors import Problem
    from surveys.model import Survey
    from surveys.plan_model import SessionPlan

EXIT_OK = 0
EXIT_PROBLEMS = 1
EXIT_UNREADABLE = 2


def run(args: argparse.Namespace) -> int:
    """``kiosk check``, ``kiosk templates`` or ``kiosk new``, as ``args.command`` says."""
    if args.command == "check":
        return check_files(args.files, strict=args.strict, easy_read=args.easy_read)
    if args.command == "templates":
        return list_templates()
    return new_from_template(args.template, args.file)


def check_files(files: Sequence[Path], *, strict: bool = False, easy_read: bool = False) -> int:
    """``kiosk check``: 0 when every file is fine, 1 on errors, 2 when one can't be read.

    Each file is read as what its content shows it is: a survey, a poll set (a list
    of questions), a session plan (a ``stages:`` list) or an action log (an
    ``actions:`` list, ``surveys.action_reader``). Wording advice (plain
    English, ``accessibility.plain_english``) is printed for surveys too; it fails
    the check only with ``strict``, like any other advice. ``easy_read`` adds the
    Easy Read rules (``accessibility.easy_read``) for surveys, and any of them fails.
    A survey's Easy Read version (``translations: easy-read:``) always keeps those
    rules, flag or not.
    """
    status = EXIT_OK
    for path in files:
        status = max(status, _check_file(path, strict=strict, easy_read=easy_read))
    return status


def _check_file(path: Path, *, strict: bool, easy_read: bool = False) -> int:
    from surveys.errors import Severity  # noqa: PLC0415 — imported late so other commands start fast

    noun, problems, readable, wording = _read_any(path)
    errors = [p for p in problems if p.severity is Severity.ERROR]
    advice = [p for p in problems if p.severity is Severity.WARNING]
    for problem in problems:
        print(problem.describe())
    if not readable:
        return EXIT_UNREADABLE
    if errors:
        can = "can be used" if noun == "action log" else "can run"
        print(f"{path}: {counted(len(errors), 'problem')} to fix before this {noun} {can}.")
        return EXIT_PROBLEMS
    for line in wording:
        print(line)
    if noun == "survey":
        easy = _easy_read_advice(path, whole=easy_read)
        for line in easy:
            print(line)
        if easy:
            print(f"{path}: {counted(len(easy), 'piece')} of Easy Read advice to act on.")
            return EXIT_PROBLEMS
    pieces = len(advice) + len(wording)
    if strict and pieces:
        print(f"{path}: {counted(pieces, 'piece')} of advice to act on (--strict).")
        return EXIT_PROBLEMS
    extra = f" ({counted(pieces, 'piece')} of advice above)" if pieces else ""
    print(f"{path}: ready to use{extra}.")
    return EXIT_OK


def _read_any(path: Path) -> tuple[str, Sequence[Problem], bool, list[str]]:
    """What the file is, its problems, whether it could be read, and wording advice."""
    from surveys.loader import MAX_FILE_BYTES, load_survey  # noqa: PLC0415 — as above
    from surveys.plan_reader import file_kind, load_plan  # noqa: PLC0415 — as above
    from surveys.poll_files import load_poll_set  # noqa: PLC0415 — as above

    kind = "survey"
    try:
        if path.is_file() and path.stat().st_size <= MAX_FILE_BYTES:
            kind = file_kind(path.read_bytes())
    except OSError:
        kind = "survey"  # the survey checker says plainly why it can't be read
    if kind == "plan":
        plan = load_plan(path)
        wording = _plan_wording(path, plan.plan) if plan.plan is not None else []
        return "plan", plan.problems, plan.readable, wording
    if kind == "actions":
        from surveys.action_reader import load_action_log  # noqa: PLC0415 — as above

        log = load_action_log(path)
        return "action log", log.problems, log.readable, []
    if kind == "polls":
        _, problems, readable = load_poll_set(path)
        return "poll set", problems, readable, []
    result = load_survey(path)
    wording = _wording_advice(path, result.survey) if not result.errors else []
    return "survey", result.problems, result.readable, wording


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


def _easy_read_advice(path: Path, *, whole: bool) -> list[str]:
    """The Easy Read advice for a survey that checked clean, one printed line each:
    on the whole survey (``--easy-read``), or else on its Easy Read version only."""
    from accessibility.easy_read import (  # noqa: PLC0415 — only this command
        check_easy_read,
        check_easy_read_version,
    )
    from accessibility.plain_english import describe_all  # noqa: PLC0415
    from surveys.loader import load_survey  # noqa: PLC0415

    survey = load_survey(path).survey
    if survey is None:
        return []
    if not whole:
        return describe_all(check_easy_read_version(survey, str(path)))
    try:
        source: str | None = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        source = None
    return describe_all(check_easy_read(survey, source, str(path)))


def _plan_wording(path: Path, plan: SessionPlan) -> list[str]:
    """Plain-English advice on what people in the room read in a plan, by stage."""
    from accessibility.plain_english import Advice, check_text, describe_all  # noqa: PLC0415 — only this command

    advice: list[Advice] = []
    for number, stage in enumerate(plan.stages, start=1):
        where = f"stage {number} ('{stage.kind.value}')"
        texts = [(stage.title, False, False), (stage.prompt, True, True)]
        texts.append((stage.guide, False, True))
        if stage.poll is not None:
            texts.append((stage.poll.text, True, True))
            texts += [(option.label, False, False) for option in stage.poll.options]
        for text, question, prose in texts:
            if not text:
                continue
            for code, words, message in check_text(text, question=question, prose=prose):
                advice.append(Advice(code, message, words, where, None, stage.line))
    return describe_all(advice, str(path))


def list_templates() -> int:
    """``kiosk templates``: the survey templates, then the session plans."""
    from surveys import plan_templates, templates  # noqa: PLC0415 — imported late so other commands start fast

    print("Built-in survey templates:")
    for info in templates.list_templates():
        print(f"  {info.name:<28} {info.title} — {info.description}")
    print("Start one with:  kiosk new TEMPLATE my-survey.yaml")
    print()
    print("Built-in session plans:")
    for plan in plan_templates.list_plans():
        shape = f"{counted(plan.stage_count, 'stage')}, about {plan.minutes} minutes"
        print(f"  {plan.name:<28} {plan.title} — {plan.description} ({shape})")
    print("Start one with:  kiosk new PLAN my-plan.yaml")
    return EXIT_OK


def new_from_template(name: str, destination: Path) -> int:
    """``kiosk new TEMPLATE FILE``: a survey template or a session plan."""
    from surveys import plan_templates, templates  # noqa: PLC0415 — imported late so other commands start fast

    try:
        if name in plan_templates.plan_names():
            written = plan_templates.copy_plan(name, destination)
        else:
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
