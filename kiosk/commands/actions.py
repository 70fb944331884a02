"""``kiosk actions [FILE]``: keep the "you said, we did" action log.

Opens the editor (``kiosk.actions``) on FILE, by default ``<data folder>/actions.yaml``
(made on the first change). ``--from-export DIR`` opens it with an export's themes
and a session's top ideas offered as new actions. ``--poster OUT`` writes the
printable poster of the actions ready to share instead of opening the editor.
"""

from __future__ import annotations

import argparse
import importlib
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from surveys.action_model import ActionLog

EXIT_OK = 0
EXIT_PROBLEMS = 1


def add_actions_parser(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """The ``actions`` command and its options."""
    actions = commands.add_parser(
        "actions",
        help="keep the 'you said, we did' action log (add, edit, close, overdue)",
        epilog="Every change is saved at once. 'kiosk check FILE' checks a log edited by hand.",
    )
    actions.add_argument(
        "file",
        type=Path,
        nargs="?",
        default=None,
        metavar="FILE",
        help="the action log (default: actions.yaml in the kiosk's data folder)",
    )
    actions.add_argument(
        "--from-export",
        type=Path,
        default=None,
        metavar="DIR",
        help="offer the themes and top ideas in this export folder as new actions",
    )
    actions.add_argument(
        "--poster",
        type=Path,
        default=None,
        metavar="OUT",
        help="write a printable poster of the actions ready to share, then stop",
    )


def run(args: argparse.Namespace) -> int:
    """Open the editor, or write the poster."""
    from surveys.action_reader import default_action_log  # noqa: PLC0415 — starts fast

    path: Path = args.file or default_action_log()
    if args.poster is not None:
        return write_poster(path, args.poster)
    return open_editor(path, from_export=args.from_export)


def write_poster(path: Path, out: Path) -> int:
    """``--poster OUT``: the actions ready to share, as a poster (``exports.poster``)."""
    from surveys.action_reader import load_action_log  # noqa: PLC0415 — only this option
    from surveys.errors import PlainError  # noqa: PLC0415 — as above

    result = load_action_log(path)
    if result.log is None:
        for problem in result.errors or result.problems:
            print(problem.describe())
        print(f"No poster was made. Put the log right (kiosk check {path}), then try again.")
        return EXIT_PROBLEMS
    # exports.poster (written by the poster's own change) loads only for this option.
    try:
        poster: Callable[[ActionLog, Path], object] = importlib.import_module(
            "exports.poster"
        ).write_poster
    except (ImportError, AttributeError):
        print("This kiosk can't make posters yet. Please update it, then try again.")
        return EXIT_PROBLEMS
    try:
        written = poster(result.log, out)
    except PlainError as error:
        print(error.message)
        # The HTML written but no PDF made (the error names the HTML) still gives a poster.
        return EXIT_OK if getattr(error, "html", None) is not None else EXIT_PROBLEMS
    files = [str(p) for p in written] if isinstance(written, list) else [str(out)]
    print(f"The poster is ready: {', '.join(files)}.")
    return EXIT_OK


def open_editor(path: Path, *, from_export: Path | None = None) -> int:
    """Run the editor on the log at ``path``."""
    from kiosk.actions.action_desk import ActionDesk  # noqa: PLC0415 — Textual only here
    from kiosk.actions.app import GIVE_UP, ActionsApp  # noqa: PLC0415 — as above
    from kiosk.problems import ProblemLog  # noqa: PLC0415 — as above
    from surveys import paths  # noqa: PLC0415 — as above

    app = ActionsApp(ActionDesk.open(path), ProblemLog(paths.data_home()), from_export)
    try:
        app.run()
    except Exception as error:
        if app.problem_log is not None:
            app.problem_log.record(error, "kiosk actions")
        print(GIVE_UP)
        return EXIT_PROBLEMS
    desk = app.desk
    if desk.blocked:
        print(desk.blocked)
        for problem in desk.problems:
            print(problem.describe())
        return EXIT_PROBLEMS
    sentence = desk.overdue_line()
    print(f"The action log is saved in {path}. {sentence}")
    return app.return_code or EXIT_OK
