"""The coordinator's data commands: export, review, bundle, merge, purge, forget-receipts.

Each command prints plain English and returns an exit status (0 done, 1 not done,
2 a file could not be read). No traceback reaches the person at the keyboard: every
failure the exports can raise carries a plain message, and that is what is shown.
"""

from __future__ import annotations

import argparse
import datetime as dt
import getpass
import sys
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

from exports import ExportRequest, default_review_file, prepare_review, run_export
from exports.bundle import BundleError, bundle, merge
from exports.definitions import DefinitionError, load_definitions
from exports.opening import Selection, demo_key_warning
from exports.outcomes import OutcomesError
from exports.retention import RetentionError, forget_old_receipts, purge
from exports.review import ReviewError
from exports.run import ExportError, load_scrubber
from kiosk.settings import (
    DEFAULT_KEEP_DAYS,
    DEFAULT_WITHDRAW_DAYS,
    SETTINGS_FILE,
    SettingsError,
    load_settings,
)
from surveys import paths
from surveys.audit import AuditLog
from surveys.errors import PlainError
from surveys.sealing import DEMO_PRIVATE_KEY_FILE, KeyFileError, Opener, load_private_key
from surveys.storage.tinydb_store import TinyDbResponseStore
from surveys.thresholds import Profile, ThresholdsError, thresholds_for

EXIT_OK = 0
EXIT_NOT_DONE = 1

PLAIN_ERRORS: tuple[type[PlainError], ...] = (
    ExportError,
    DefinitionError,
    ThresholdsError,
    ReviewError,
    BundleError,
    RetentionError,
    OutcomesError,
    KeyFileError,
    SettingsError,
)
"""Failures a coordinator can cause; each carries a message meant for them."""


def add_selection_arguments(parser: argparse.ArgumentParser) -> None:
    """The flags ``kiosk export`` and ``kiosk review`` share: the key, where survey
    files are, which answers, the names list and the review file."""
    parser.add_argument(
        "--key",
        type=Path,
        default=None,
        help="the coordinator's private key file (default: this kiosk's demo key)",
    )
    parser.add_argument(
        "--survey",
        type=Path,
        action="append",
        default=[],
        metavar="FILE",
        help="a survey file the answers came from (repeatable)",
    )
    parser.add_argument(
        "--surveys-dir",
        type=Path,
        action="append",
        default=None,
        metavar="DIR",
        help="a folder of survey files to look in (default: the data folder's surveys)",
    )
    parser.add_argument(
        "--only-survey",
        action="append",
        default=None,
        metavar="ID",
        help="only this survey's answers (repeatable; default: all)",
    )
    parser.add_argument(
        "--session",
        action="append",
        default=None,
        metavar="ID",
        help="only this session's answers (repeatable; default: all)",
    )
    parser.add_argument(
        "--from",
        dest="date_from",
        type=_date,
        default=None,
        metavar="DATE",
        help="only sessions on or after this day, like 2026-11-25",
    )
    parser.add_argument(
        "--to",
        dest="date_to",
        type=_date,
        default=None,
        metavar="DATE",
        help="only sessions on or before this day",
    )
    parser.add_argument(
        "--names", type=Path, default=None, help="local names to mask in comments (one per line)"
    )
    parser.add_argument(
        "--review",
        type=Path,
        default=None,
        help="where the comment review decisions are kept "
        "(default: exports/review.json in the data folder)",
    )


def add_data_commands(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Register the data commands on the ``kiosk`` parser."""
    export = commands.add_parser(
        "export", help="anonymised report and data files for the working group"
    )
    export.add_argument("--out", type=Path, required=True, help="a new folder for the files")
    add_selection_arguments(export)
    export.add_argument(
        "--profile",
        choices=[p.value for p in Profile],
        default=Profile.SMALL_GROUP.value,
        help="small-group (default) or nhs for large pooled data",
    )
    export.add_argument(
        "--cell-min", type=int, default=None, help="hide counts below this (default 5; 8 for nhs)"
    )
    export.add_argument(
        "--outcomes", type=Path, default=None, help='the "you said, we did" file (YAML)'
    )
    export.add_argument("--title", default=None, help="the report's title")
    export.add_argument(
        "--research-extract",
        action="store_true",
        help="also write one row per response (responses.csv, a Responses sheet, data.json "
        "rows), protected but easier to misuse than the report",
    )

    review = commands.add_parser(
        "review",
        help="read each comment before export: keep, edit or drop it",
        epilog="Takes the same options as 'kiosk export' (without --out). Decisions are "
        "saved to the review file, and 'kiosk export' uses them. Comments not reviewed "
        "are left out of the export and counted.",
    )
    add_selection_arguments(review)

    pack = commands.add_parser("bundle", help="pack sealed answers to carry to another computer")
    pack.add_argument("--out", type=Path, required=True, help="a new bundle folder")
    pack.add_argument(
        "--session",
        action="append",
        default=None,
        metavar="ID",
        help="a session to include (default: all)",
    )

    unpack = commands.add_parser("merge", help="bring in bundles from other kiosks")
    unpack.add_argument("bundles", type=Path, nargs="+", metavar="BUNDLE")

    remove = commands.add_parser("purge", help="delete answers older than the keeping period")
    remove.add_argument(
        "--keep-days",
        type=int,
        default=None,
        help=f"days to keep answers (default: keep_days in {SETTINGS_FILE}, "
        f"or {DEFAULT_KEEP_DAYS})",
    )

    forget = commands.add_parser(
        "forget-receipts", help="end withdrawals by code after the cut-off"
    )
    forget.add_argument(
        "--withdraw-days",
        type=int,
        default=None,
        help=f"days people may take answers back (default: withdraw_days in {SETTINGS_FILE}, "
        f"or {DEFAULT_WITHDRAW_DAYS})",
    )


DATA_COMMANDS = ("export", "review", "bundle", "merge", "purge", "forget-receipts")


def run_data_command(args: argparse.Namespace) -> int:
    """Run one of the data commands, turning every plain failure into its message."""
    handlers: dict[str, Callable[[argparse.Namespace], int]] = {
        "export": _export,
        "review": _review,
        "bundle": _bundle,
        "merge": _merge,
        "purge": _purge,
        "forget-receipts": _forget,
    }
    try:
        return handlers[args.command](args)
    except PLAIN_ERRORS as error:
        print(error.message)
        return EXIT_NOT_DONE
    except ValueError as error:  # e.g. a start date after the end date
        print(str(error))
        return EXIT_NOT_DONE


def _date(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError as error:
        raise argparse.ArgumentTypeError(
            f"'{text}' is not a date. Please write it like 2026-11-25."
        ) from error


def _store() -> TinyDbResponseStore:
    return TinyDbResponseStore(paths.sessions_dir())


def _audit() -> AuditLog:
    return AuditLog(paths.audit_path())


def open_key(path: Path | None) -> Opener:
    """The coordinator's key, asking for its passphrase (never echoed) when it has one."""
    key = path or paths.keys_dir() / DEMO_PRIVATE_KEY_FILE
    try:
        return load_private_key(key, None)
    except KeyFileError as error:
        if "passphrase" not in error.message.lower():
            raise
    if not sys.stdin.isatty():
        raise KeyFileError("This key needs its passphrase. Please run this at a keyboard.")
    return load_private_key(key, getpass.getpass("Passphrase for the coordinator key: "))


def _request(args: argparse.Namespace, output: Path) -> ExportRequest:
    """The export request the shared flags describe (asks for the passphrase first).

    Opening the demo key prints a plain warning, for ``kiosk export`` and ``kiosk
    review`` alike (the review screen starts after it, and leaves it on the terminal).
    """
    opener = open_key(args.key)
    warning = demo_key_warning(opener)
    if warning:
        print(warning)
    return ExportRequest(
        store=_store(),
        opener=opener,
        output=output,
        definitions=load_definitions(args.survey),
        survey_folders=args.surveys_dir,
        selection=Selection(
            survey_ids=frozenset(args.only_survey) if args.only_survey else None,
            session_ids=frozenset(args.session) if args.session else None,
            date_from=args.date_from,
            date_to=args.date_to,
        ),
        review_file=args.review or default_review_file(),
        names_file=args.names,
        audit=_audit(),
    )


RESEARCH_EXTRACT_WARNING = (
    "This export also holds one row for each person who answered (a research extract). "
    "Rare answers are hidden, but rows are easier to misuse than the report: "
    "share them only with people who need them, and keep them safe."
)


def _export(args: argparse.Namespace) -> int:
    overrides: dict[str, int | bool] = {}
    if args.cell_min is not None:
        overrides["cell_min"] = args.cell_min
    request = replace(
        _request(args, args.out),
        thresholds=thresholds_for(args.profile, **overrides),
        outcomes_file=args.outcomes,
        research_extract=args.research_extract,
        **({"title": args.title} if args.title else {}),
    )
    if args.research_extract:
        print(RESEARCH_EXTRACT_WARNING)
    print(run_export(request).summary())
    return EXIT_OK


def _review(args: argparse.Namespace) -> int:
    # The passphrase is asked for here, at the terminal, before the review screen starts.
    # The output folder is never written by a review: it only prepares the comments.
    request = _request(args, Path())
    scrubber = load_scrubber(request.names_file)
    review = prepare_review(request, scrubber)
    if not review.comments:
        print("There are no comments to review in the answers chosen.")
        return EXIT_OK
    from kiosk.review.launch import run_review  # noqa: PLC0415 — Textual only for this command

    return run_review(review, scrubber, home=paths.data_home())


def _bundle(args: argparse.Namespace) -> int:
    store = _store()
    chosen = args.session or [session.id for session in store.sessions()]
    print(bundle(store, chosen, args.out, audit=_audit()).summary())
    return EXIT_OK


def _merge(args: argparse.Namespace) -> int:
    result = merge(args.bundles, _store(), _audit(), default_review_file())
    print(result.summary())
    return EXIT_NOT_DONE if result.refused else EXIT_OK


def _purge(args: argparse.Namespace) -> int:
    keep_days = args.keep_days
    if keep_days is None:
        keep_days = load_settings(paths.data_home()).keep_days
    result = purge(_store(), keep_days, dt.date.today(), _audit(), default_review_file())
    print(result.summary())
    return EXIT_OK


def _forget(args: argparse.Namespace) -> int:
    withdraw_days = args.withdraw_days
    if withdraw_days is None:
        withdraw_days = load_settings(paths.data_home()).withdraw_days
    print(forget_old_receipts(_store(), withdraw_days, dt.date.today(), _audit()).summary())
    return EXIT_OK
