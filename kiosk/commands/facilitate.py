"""``kiosk facilitate``: start the facilitator's console (or its shared screen).

Load the polls (or a session plan, told apart by what the file holds), check the
operator PIN, build the services, run the app. A poll file or plan with problems
is described plainly, with line and column, never with a traceback; a start
refused for want of a PIN leaves no trace."""

from __future__ import annotations

import argparse
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from surveys.errors import Problem, Severity
from surveys.plan_model import SessionPlan
from surveys.poll_files import PollSet, builtin_poll_sets, load_poll_set, polls_in_language

if TYPE_CHECKING:
    from textual.app import App

    from kiosk.web.address import PhoneAddress

EXIT_OK = 0
EXIT_PROBLEMS = 1
EXIT_UNREADABLE = 2

NO_PIN = (
    "No operator PIN is set, so the console could not be locked while the tablet is\n"
    "passed round. Set one first with:   kiosk pin set\n"
    "Or, only to try it out:   kiosk facilitate POLLS.yaml --unlocked"
)
GIVE_UP = "The console had a problem and closed. Votes already counted are safe."
PRESENT_NO_PHONES = (
    "The shared screen only shows the session; the console serves the phone page.\n"
    "Use --phones with:   kiosk facilitate POLLS.yaml --phones HOST:PORT"
)


def _describe(problems: Sequence[Problem], severity: Severity) -> list[str]:
    return ["  " + p.describe() for p in problems if p.severity is severity]


def load_polls(poll_file: Path | None) -> tuple[list[PollSet], int, list[str]]:
    """The poll sets to offer, an exit status (0 when they can run) and lines to print."""
    if poll_file is None:
        sets: list[PollSet] = []
        lines: list[str] = []
        for name, path in sorted(builtin_poll_sets().items()):
            poll_set, problems, _ = load_poll_set(path)
            if poll_set is None or not poll_set.polls:
                lines.append(f"The built-in poll set '{name}' could not be read.")
                lines += _describe(problems, Severity.ERROR)
            else:
                sets.append(poll_set)
        return sets, EXIT_OK if sets else EXIT_PROBLEMS, lines
    poll_set, problems, readable = load_poll_set(poll_file)
    if poll_set is None:
        lines = [f"The poll file {poll_file} can't run yet:"]
        lines += _describe(problems, Severity.ERROR) or ["  " + p.describe() for p in problems]
        return [], EXIT_PROBLEMS if readable else EXIT_UNREADABLE, lines
    lines = _describe(problems, Severity.WARNING)
    if not poll_set.polls:
        lines.append(f"The poll file {poll_file} has no questions that can be live polls.")
        return [], EXIT_PROBLEMS, lines
    if lines:
        lines.insert(0, f"Notes on {poll_file}:")
    return [poll_set], EXIT_OK, lines


# -- session plans (kiosk facilitate PLAN.yaml) ------------------------------------


def is_plan_file(path: Path | None) -> bool:
    """True when ``path`` holds a session plan (a ``stages:`` field at the top)."""
    from surveys.loader import MAX_FILE_BYTES  # noqa: PLC0415 — only for files given
    from surveys.plan_reader import file_kind  # noqa: PLC0415 — as above

    if path is None:
        return False
    try:
        if not path.is_file() or path.stat().st_size > MAX_FILE_BYTES:
            return False
        return file_kind(path.read_bytes()) == "plan"
    except OSError:
        return False


def plan_polls(plan: SessionPlan) -> PollSet:
    """The plan's poll stages as a poll set for the live-poll flow (id: the plan's)."""
    polls = tuple(stage.poll for stage in plan.stages if stage.poll is not None)
    return PollSet(plan.id, plan.title, polls)


def load_plan_file(path: Path) -> tuple[SessionPlan | None, int, list[str]]:
    """The checked plan (None when it can't run), an exit status and lines to print."""
    from surveys.plan_reader import load_plan  # noqa: PLC0415 — only for plan files

    result = load_plan(path)
    if result.plan is None:
        lines = [f"The plan file {path} can't run yet:"]
        lines += _describe(result.problems, Severity.ERROR) or [
            "  " + p.describe() for p in result.problems
        ]
        return None, EXIT_PROBLEMS if result.readable else EXIT_UNREADABLE, lines
    lines = _describe(result.problems, Severity.WARNING)
    if lines:
        lines.insert(0, f"Notes on {path}:")
    return result.plan, EXIT_OK, lines


def _load(poll_file: Path | None) -> tuple[list[PollSet], SessionPlan | None, int, list[str]]:
    if is_plan_file(poll_file):
        assert poll_file is not None
        plan, status, lines = load_plan_file(poll_file)
        return ([plan_polls(plan)] if plan is not None else []), plan, status, lines
    poll_sets, status, lines = load_polls(poll_file)
    return poll_sets, None, status, lines


def run(args: argparse.Namespace) -> int:
    """``kiosk facilitate``: the options as ``kiosk.cli`` parsed them."""
    return run_facilitator(
        args.polls,
        unlocked=args.unlocked,
        present=args.present,
        phones=args.phone_address,
        lang=getattr(args, "lang", None),
    )


def language_refusal(code: str) -> str | None:
    """Why the tablet and shared screen can't be shown in ``code``, or None when they can."""
    from surveys.catalogues import shipped_languages  # noqa: PLC0415 — only when --lang is given
    from surveys.languages import language  # noqa: PLC0415 — as above

    known = language(code)
    if known is None or code not in shipped_languages():
        names = ", ".join(
            f"{c} ({found.english_name})"
            for c in shipped_languages()
            if (found := language(c)) is not None
        )
        return f"The kiosk has no words in the language {code!r} yet. It has: {names}."
    if known.right_to_left:
        return (
            f"{known.english_name} is written right to left, which this screen can't draw "
            "properly. People can use the phone pages instead: start the console with "
            "--phones HOST:PORT and they take part on their own phones."
        )
    return None


def run_facilitator(
    poll_file: Path | None,
    *,
    unlocked: bool,
    present: bool,
    home: Path | None = None,
    phones: PhoneAddress | None = None,
    lang: str | None = None,
) -> int:
    """``kiosk facilitate [POLLS.yaml | PLAN.yaml] [--unlocked] [--present]
    [--phones HOST:PORT] [--lang CODE]``; returns an exit status. ``lang`` is the
    group's language on the passed tablet and the shared screen (the facilitator's
    own console stays in English)."""
    if present and phones is not None:
        print(PRESENT_NO_PHONES)
        return EXIT_PROBLEMS
    code = (lang or "en").strip().lower()
    refusal = language_refusal(code)
    if refusal is not None:
        print(refusal)
        return EXIT_PROBLEMS
    try:
        poll_sets, plan, status, lines = _load(poll_file)
    except Exception:  # the loader reports problems itself; this is a last guard
        print(f"The poll file {poll_file} could not be read.")
        return EXIT_UNREADABLE
    for line in lines:
        print(line)
    if status != EXIT_OK:
        return status
    if plan is not None and code != "en":
        from surveys.plan_translations import plan_in_language  # noqa: PLC0415 — only for a group's language

        # The plan's own words in the group's language, where the plan has them.
        plan = plan_in_language(plan, code)
        poll_sets = [plan_polls(plan)]
    elif code != "en":
        # The polls' own words in the group's language, where the poll file has them.
        poll_sets = [polls_in_language(poll_set, code) for poll_set in poll_sets]

    from surveys.catalogues import use_language  # noqa: PLC0415 — imported late so a bad file is reported fast

    # The tablet and the shared screen; the console's own words stay English.
    use_language(code, first="group")

    from kiosk.commands.pin import pin_refusal  # noqa: PLC0415 — imported late so a bad file is reported fast
    from surveys import paths  # noqa: PLC0415 — as above

    home = home or paths.data_home()
    if not present and not unlocked:
        # Checked before anything is created, so a refused start leaves no trace.
        refusal = pin_refusal(home, NO_PIN)
        if refusal is not None:
            print(refusal)
            return EXIT_PROBLEMS

    from kiosk.facilitator.console_services import build_facilitator_services  # noqa: PLC0415 — as above

    try:
        services = build_facilitator_services(home, speech=not present)
    except OSError as error:
        print(f"The kiosk's data folder could not be opened ({error.strerror or error}).")
        return EXIT_PROBLEMS
    for message in services.recoveries:
        print(message)

    if present:
        from kiosk.facilitator.presentation_app import PresentationApp  # noqa: PLC0415 — imported late so other commands start fast

        app: App[int] = PresentationApp(services, poll_sets, plan=plan)
    else:
        from kiosk.facilitator.app import make_app  # noqa: PLC0415 — imported late so other commands start fast

        app = make_app(services, poll_sets, unlocked=unlocked, phones=phones, plan=plan)
    try:
        app.run()
    except Exception as error:
        if services.problems is not None:
            services.problems.record(error, "facilitator run")
        print(GIVE_UP)
        return EXIT_PROBLEMS
    finally:
        services.close()
    return app.return_code or EXIT_OK
