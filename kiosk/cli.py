"""The ``kiosk`` command line: parse the arguments, then run the chosen command.

Each command is a module of ``kiosk.commands`` with a ``run(args)`` that returns the
exit status (``COMMANDS`` says which module runs which command).

Every command prints plain English and exits with a clear status; none lets a
traceback reach the person at the keyboard.
"""

from __future__ import annotations

import argparse
import importlib
import sys
from collections.abc import Callable, Sequence
from contextlib import nullcontext
from pathlib import Path

from kiosk.startup import collection_paused

EXIT_PROBLEMS = 1


DATA_COMMANDS = ("export", "review", "bundle", "merge", "purge", "forget-receipts")
"""The coordinator's data commands (``kiosk.commands.data``). That module imports the
exports, which take longer to load than Textual, so it is loaded only when needed."""


def _wants_data_commands(argv: Sequence[str]) -> bool:
    words = [word for word in argv if not word.startswith("-")]
    helping = any(word in ("-h", "--help") for word in argv) and not words
    return helping or (bool(words) and words[0] in DATA_COMMANDS)


def _minutes(text: str) -> float:
    """A number of minutes for ``--break-minutes``, more than 0 (argparse says so kindly)."""
    try:
        minutes = float(text)
    except ValueError:
        minutes = 0.0
    if not minutes > 0 or minutes > 24 * 60:
        raise argparse.ArgumentTypeError(
            f"'{text}' is not a number of minutes the kiosk can use. Try a number like 10."
        )
    return minutes


def _phone_options(parser: argparse.ArgumentParser, *, top: bool = False) -> None:
    """``--phones`` and ``--public-host`` (a subcommand's copy never hides the top one's)."""
    default = None if top else argparse.SUPPRESS
    parser.add_argument(
        "--phones",
        default=default,
        metavar="HOST:PORT",
        help="turn on the phone page at this address, like 192.168.1.20:8080 (off unless given)",
    )
    parser.add_argument(
        "--public-host",
        default=default,
        metavar="NAME",
        help="the address phones should open, when --phones listens on 0.0.0.0",
    )


def _parser(*, data_commands: bool = False) -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="kiosk",
        description="The co-production kiosk: surveys, live polls and consent, offline.",
    )
    parser.add_argument(
        "--unlocked",
        action="store_true",
        help="run the demo survey without an operator PIN (for trying out only)",
    )
    _phone_options(parser, top=True)
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")

    run = commands.add_parser(
        "run",
        help="run the participant kiosk on a survey file",
        epilog="The kiosk is locked: no key closes it. The operator key is F12, which asks for "
        "the PIN (set it with 'kiosk pin set') and then offers: see counts, withdraw answers "
        "by receipt code, close the kiosk.",
    )
    run.add_argument("survey", type=Path, help="the survey file (YAML)")
    run.add_argument(
        "--unlocked", action="store_true", help="run without an operator PIN (for trying out only)"
    )
    run.add_argument(
        "--idle-seconds",
        type=float,
        default=None,
        metavar="SECONDS",
        help="time with no touch or key before 'Are you still there?' (default 120)",
    )
    run.add_argument(
        "--break-minutes",
        type=_minutes,
        default=None,
        metavar="MINUTES",
        help="how long 'Take a break' keeps a visit before 'Are you still there?' (default 10)",
    )
    _phone_options(run)

    facilitate = commands.add_parser(
        "facilitate", help="run live polls, or a session plan, for a group"
    )
    facilitate.add_argument(
        "polls", type=Path, nargs="?", default=None, help="the poll file or session plan (YAML)"
    )
    facilitate.add_argument(
        "--unlocked", action="store_true", help="run without an operator PIN (for trying out only)"
    )
    facilitate.add_argument(
        "--present",
        action="store_true",
        help="the shared results screen only (read-only, for a projector)",
    )
    facilitate.add_argument(
        "--lang",
        default=None,
        metavar="CODE",
        help="the group's language on the passed tablet and shared screen, like cy",
    )
    _phone_options(facilitate)

    pin = commands.add_parser("pin", help="the operator PIN that locks the kiosk")
    pin_commands = pin.add_subparsers(dest="pin_command", metavar="ACTION")
    pin_commands.add_parser("set", help="set or change the operator PIN (6 or more digits)")

    check = commands.add_parser(
        "check", help="check survey, poll set, session plan or action log files and report problems"
    )
    check.add_argument("files", type=Path, nargs="+", metavar="FILE")
    check.add_argument(
        "--strict", action="store_true", help="count wording advice as a problem (exit 1)"
    )
    check.add_argument(
        "--easy-read",
        action="store_true",
        help="also apply the Easy Read rules to surveys; any of them fails the check",
    )

    from kiosk.commands.serve import add_serve_parser  # noqa: PLC0415 — light; the web server loads on use

    add_serve_parser(commands)

    from kiosk.commands.actions import add_actions_parser  # noqa: PLC0415 — light; the editor loads on use

    add_actions_parser(commands)

    commands.add_parser("templates", help="list the built-in survey templates and session plans")
    new = commands.add_parser("new", help="start a survey or session plan file from a template")
    new.add_argument("template", help="template name (see 'kiosk templates')")
    new.add_argument("file", type=Path, help="the new file to write")

    translate = commands.add_parser(
        "translate", help="write a survey's words for a translator, or merge a translation in"
    )
    translate.add_argument("survey", type=Path, metavar="SURVEY")
    translate.add_argument("--lang", default=None, help="the language to translate into, like cy")
    translate.add_argument(
        "--out", type=Path, default=None, help="the file to write: NAME.po or NAME.yaml"
    )
    translate.add_argument(
        "--merge", type=Path, default=None, metavar="FILE", help="a filled-in .po or .yaml file"
    )

    keys = commands.add_parser("keys", help="coordinator keys")
    key_commands = keys.add_subparsers(dest="keys_command", metavar="ACTION")
    key_new = key_commands.add_parser("new", help="make a coordinator key pair")
    key_new.add_argument(
        "--private",
        type=Path,
        default=None,
        help="where to write the private key (keep it off the kiosk)",
    )
    key_new.add_argument(
        "--force", action="store_true", help="replace this kiosk's current public key"
    )

    # kiosk impact: the co-production impact report (issue 16)
    from kiosk.commands.impact import add_impact_parser  # noqa: PLC0415 — light; exports load on use

    add_impact_parser(commands)

    # kiosk paper: the printable Easy Read paper form, and keying it in (issue 17)
    from kiosk.commands.paper import add_paper_parser  # noqa: PLC0415 — light; exports load on use

    add_paper_parser(commands)

    take_back = commands.add_parser("withdraw", help="delete answers by their receipt code")
    take_back.add_argument("code", help="the receipt code, like 7K3QD-M9XTA")
    if data_commands:
        from kiosk.commands.data import add_data_commands  # noqa: PLC0415 — see DATA_COMMANDS

        add_data_commands(commands)
    return parser


COMMANDS: dict[str | None, str] = {
    None: "run",
    "run": "run",
    "facilitate": "facilitate",
    "pin": "pin",
    "serve": "serve",
    "actions": "actions",
    "check": "survey_files",
    "templates": "survey_files",
    "new": "survey_files",
    "keys": "keys",
    "withdraw": "keys",
    "translate": "translate",
    "impact": "impact",
    "paper": "paper",
    **dict.fromkeys(DATA_COMMANDS, "data"),  # review too: it shares export's flags
}
"""The module of ``kiosk.commands`` whose ``run(args)`` runs each command. A module is
imported only when its command is chosen, so every command starts fast."""


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit status."""
    words = list(sys.argv[1:] if argv is None else argv)
    args = _parser(data_commands=_wants_data_commands(words)).parse_args(words)
    try:
        if args.command in (None, "run", "facilitate"):
            # --phones and --public-host become one checked address (or None) for the command.
            args.phone_address = None
            if args.phones is not None or args.public_host is not None:
                from kiosk.web.address import AddressError, phones_from_options  # noqa: PLC0415 — starts fast

                try:
                    args.phone_address = phones_from_options(args.phones, args.public_host)
                except AddressError as error:
                    print(error.message)
                    return EXIT_PROBLEMS
        name = COMMANDS[args.command]
        # The kiosk's start pauses the collector until the first screen is up (kiosk.startup).
        with collection_paused() if name == "run" else nullcontext():
            command = importlib.import_module(f"kiosk.commands.{name}")
            run: Callable[[argparse.Namespace], int] = command.run
            return run(args)
    except KeyboardInterrupt:
        print("\nStopped.")
        return EXIT_PROBLEMS
