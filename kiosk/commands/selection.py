"""What ``kiosk export`` and ``kiosk review`` share (not a command of its own).

The flags that choose the answers, opening the coordinator's key (asking for its
passphrase, never echoed), and the export request those describe.
"""

from __future__ import annotations

import argparse
import datetime as dt
import getpass
import sys
from pathlib import Path

from exports import ExportRequest, default_review_file
from exports.definitions import load_definitions
from exports.opening import Selection, demo_key_warning
from kiosk.commands.key_options import add_key_and_survey_options
from surveys import paths
from surveys.audit import AuditLog
from surveys.sealing import DEMO_PRIVATE_KEY_FILE, KeyFileError, Opener, load_private_key
from surveys.storage.tinydb_store import TinyDbResponseStore


def add_selection_arguments(parser: argparse.ArgumentParser) -> None:
    """The flags ``kiosk export`` and ``kiosk review`` share: the key, where survey
    files are, which answers, the names list and the review file."""
    add_key_and_survey_options(parser)
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


def _date(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError as error:
        raise argparse.ArgumentTypeError(
            f"'{text}' is not a date. Please write it like 2026-11-25."
        ) from error


def response_store() -> TinyDbResponseStore:
    """This kiosk's stored answers."""
    return TinyDbResponseStore(paths.sessions_dir())


def audit_log() -> AuditLog:
    """This kiosk's audit log."""
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


def export_request(args: argparse.Namespace, output: Path) -> ExportRequest:
    """The export request the shared flags describe (asks for the passphrase first).

    Opening the demo key prints a plain warning, for ``kiosk export`` and ``kiosk
    review`` alike (the review screen starts after it, and leaves it on the terminal).
    """
    opener = open_key(args.key)
    warning = demo_key_warning(opener)
    if warning:
        print(warning)
    return ExportRequest(
        store=response_store(),
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
        audit=audit_log(),
    )
