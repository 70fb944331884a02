"""The ``kiosk`` command line: parse arguments, build services, run the chosen command.

Every command prints plain English and exits with a clear status; none lets a
traceback reach the person at the keyboard.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from kiosk.startup import collection_paused
from surveys import paths

if TYPE_CHECKING:
    from surveys.model import Survey

EXIT_OK = 0
EXIT_PROBLEMS = 1
EXIT_UNREADABLE = 2


DATA_COMMANDS = ("export", "review", "bundle", "merge", "purge", "forget-receipts")
"""The coordinator's data commands (``kiosk.data_commands``). That module imports the
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

    facilitate = commands.add_parser("facilitate", help="run live polls for a group")
    facilitate.add_argument(
        "polls", type=Path, nargs="?", default=None, help="the poll file (YAML)"
    )
    facilitate.add_argument(
        "--unlocked", action="store_true", help="run without an operator PIN (for trying out only)"
    )
    facilitate.add_argument(
        "--present",
        action="store_true",
        help="the shared results screen only (read-only, for a projector)",
    )
    _phone_options(facilitate)

    pin = commands.add_parser("pin", help="the operator PIN that locks the kiosk")
    pin_commands = pin.add_subparsers(dest="pin_command", metavar="ACTION")
    pin_commands.add_parser("set", help="set or change the operator PIN (6 or more digits)")

    check = commands.add_parser("check", help="check survey files and report problems")
    check.add_argument("files", type=Path, nargs="+", metavar="FILE")
    check.add_argument(
        "--strict", action="store_true", help="count wording advice as a problem (exit 1)"
    )

    from kiosk.serve import add_serve_parser  # noqa: PLC0415 — light; the web server loads on use

    add_serve_parser(commands)

    commands.add_parser("templates", help="list the built-in survey templates")
    new = commands.add_parser("new", help="start a survey file from a template")
    new.add_argument("template", help="template name (see 'kiosk templates')")
    new.add_argument("file", type=Path, help="the new survey file to write")

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

    take_back = commands.add_parser("withdraw", help="delete answers by their receipt code")
    take_back.add_argument("code", help="the receipt code, like 7K3QD-M9XTA")
    if data_commands:
        from kiosk.data_commands import add_data_commands  # noqa: PLC0415 — see DATA_COMMANDS

        add_data_commands(commands)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit status."""
    words = list(sys.argv[1:] if argv is None else argv)
    args = _parser(data_commands=_wants_data_commands(words)).parse_args(words)
    try:
        if args.command in DATA_COMMANDS:
            from kiosk.data_commands import run_data_command  # noqa: PLC0415 — see DATA_COMMANDS

            return run_data_command(args)
        phones = None
        wants_phones = args.phones is not None or args.public_host is not None
        if args.command in (None, "run", "facilitate") and wants_phones:
            from kiosk.web.address import AddressError, phones_from_options  # noqa: PLC0415 — starts fast

            try:
                phones = phones_from_options(args.phones, args.public_host)
            except AddressError as error:
                print(error.message)
                return EXIT_PROBLEMS
        if args.command in (None, "run"):
            with collection_paused():  # until the first screen is up (see kiosk.startup)
                from kiosk.launch import run_kiosk  # noqa: PLC0415 — imported late so other commands start fast

                return run_kiosk(
                    getattr(args, "survey", None),
                    unlocked=args.unlocked,
                    idle_seconds=getattr(args, "idle_seconds", None),
                    break_minutes=getattr(args, "break_minutes", None),
                    phones=phones,
                )
        if args.command == "facilitate":
            from kiosk.facilitator.launch import run_facilitator  # noqa: PLC0415 — starts fast

            return run_facilitator(
                args.polls, unlocked=args.unlocked, present=args.present, phones=phones
            )
        if args.command == "pin":
            from kiosk.pin_command import set_pin  # noqa: PLC0415 — imported late so other commands start fast

            if args.pin_command != "set":
                print("Use:  kiosk pin set")
                return EXIT_PROBLEMS
            return set_pin()
        if args.command == "serve":
            from kiosk.serve import serve_command  # noqa: PLC0415 — imported late so other commands start fast

            return serve_command(args)
        if args.command == "check":
            return check_files(args.files, strict=args.strict)
        if args.command == "templates":
            return list_templates()
        if args.command == "new":
            return new_from_template(args.template, args.file)
        if args.command == "keys":
            return make_keys(args.private, force=args.force)
        if args.command == "withdraw":
            return withdraw_code(args.code)
    except KeyboardInterrupt:
        print("\nStopped.")
        return EXIT_PROBLEMS
    return EXIT_OK


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
            print(f"{path}: {_count(len(errors), 'problem')} to fix before this survey can run.")
        else:
            wording = _wording_advice(path, result.survey)
            for line in wording:
                print(line)
            pieces = len(advice) + len(wording)
            if strict and pieces:
                status = max(status, EXIT_PROBLEMS)
                print(f"{path}: {_count(pieces, 'piece')} of advice to act on (--strict).")
                continue
            extra = f" ({_count(pieces, 'piece')} of advice above)" if pieces else ""
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


def _count(number: int, word: str) -> str:
    return f"{number} {word}{'' if number == 1 else 's'}"


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


def make_keys(private_path: Path | None, *, force: bool) -> int:
    """``kiosk keys new``: a coordinator key pair with a passphrase-protected private key."""
    import getpass  # noqa: PLC0415 — imported late so other commands start fast

    from surveys.audit import AuditLog  # noqa: PLC0415 — as above
    from surveys.sealing import (  # noqa: PLC0415 — as above
        DEMO_PRIVATE_KEY_FILE,
        PUBLIC_KEY_FILE,
        KeyFileError,
        fingerprint,
        new_key_pair,
    )

    keys = paths.keys_dir()
    public_path = keys / PUBLIC_KEY_FILE
    demo_private = keys / DEMO_PRIVATE_KEY_FILE
    if public_path.exists() and not _is_demo_public(public_path) and not force:
        print("This kiosk already has a coordinator key. Add --force to replace it.")
        print("Answers already sent stay locked to the old key.")
        return EXIT_PROBLEMS
    target = private_path or Path.cwd() / "coordinator.key"
    if target.exists():
        print(f"{target} already exists. Choose another place with --private.")
        return EXIT_PROBLEMS
    if not sys.stdin.isatty():
        print("Please run this at a keyboard: it asks for a passphrase.")
        return EXIT_PROBLEMS
    passphrase = getpass.getpass("Choose a passphrase for the private key (12+ characters): ")
    if len(passphrase) < 12:
        print("That passphrase is short. Please use at least 12 characters.")
        return EXIT_PROBLEMS
    if getpass.getpass("Type it again: ") != passphrase:
        print("The two passphrases were different. Nothing was changed.")
        return EXIT_PROBLEMS
    try:
        public_key = new_key_pair(public_path, target, passphrase)
    except (OSError, KeyFileError) as error:
        print(f"The keys could not be written: {error}")
        return EXIT_PROBLEMS
    if demo_private.exists():
        print("Answers sent before now used the demo key, which anyone with this kiosk can")
        print("open. Export or delete them before real use.")
    AuditLog(paths.audit_path()).record("keys-new", fingerprint=fingerprint(public_key))
    print(f"New coordinator key made. Fingerprint: {fingerprint(public_key)}")
    print(f"The private key is at {target}. Move it off this kiosk and keep it safe:")
    print("without it and its passphrase, nobody can read the answers.")
    return EXIT_OK


def _is_demo_public(path: Path) -> bool:
    from surveys.sealing import KeyFileError, load_sealer  # noqa: PLC0415 — only for 'keys new'

    try:
        return load_sealer(path).demo
    except KeyFileError:
        return False


def withdraw_code(code: str) -> int:
    """``kiosk withdraw CODE``; past the settings' cut-off, the message says so."""
    from exports.retention import withdraw_by_code  # noqa: PLC0415 — only this command
    from exports.run import default_review_file  # noqa: PLC0415 — as above
    from kiosk.settings import SettingsError, load_settings  # noqa: PLC0415 — as above
    from surveys.audit import AuditLog  # noqa: PLC0415 — as above
    from surveys.storage.tinydb_store import TinyDbResponseStore  # noqa: PLC0415 — as above

    store = TinyDbResponseStore(paths.sessions_dir())
    try:
        days: int | None = load_settings(paths.data_home()).withdraw_days
    except SettingsError:
        days = None  # the message still says the time for taking answers back may have passed
    done, message = withdraw_by_code(
        code,
        store,
        AuditLog(paths.audit_path()),
        withdraw_days=days,
        review_file=default_review_file(),
    )
    print(message)
    return EXIT_OK if done else EXIT_PROBLEMS
