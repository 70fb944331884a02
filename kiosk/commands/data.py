"""The coordinator's data commands: export, review, bundle, merge, purge, forget-receipts.

``review`` is registered here (it shares export's flags and plain failures) and run by
``kiosk.commands.review``; the flags both use are in ``kiosk.commands.selection``.

Each command prints plain English and returns an exit status (0 done, 1 not done,
2 a file could not be read). No traceback reaches the person at the keyboard: every
failure the exports can raise carries a plain message, and that is what is shown.
"""

from __future__ import annotations

import argparse
import datetime as dt
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

from exports import default_review_file, run_export
from exports.bundle import BundleError, bundle, merge
from exports.comment_review import ReviewError
from exports.definitions import DefinitionError
from exports.outcomes import OutcomesError, load_outcomes
from exports.pipeline import ExportError
from exports.report_words import report_languages
from exports.retention import RetentionError, forget_old_receipts, purge
from kiosk.commands.selection import (
    add_selection_arguments,
    audit_log,
    export_request,
    response_store,
)
from kiosk.settings import (
    DEFAULT_KEEP_DAYS,
    DEFAULT_WITHDRAW_DAYS,
    SETTINGS_FILE,
    SettingsError,
    load_settings,
)
from surveys import paths
from surveys.action_reader import default_action_log
from surveys.errors import PlainError
from surveys.sealing import KeyFileError
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
        "--outcomes",
        type=Path,
        default=None,
        metavar="FILE",
        help="the action log for 'you said, we did' (default: actions.yaml in the data "
        "folder, if there is one)",
    )
    export.add_argument("--title", default=None, help="the report's title")
    export.add_argument(
        "--lang",
        choices=report_languages(),
        default="en",
        help="the language the report is written in (default en; data file column names "
        "stay in English)",
    )
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


def run(args: argparse.Namespace) -> int:
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


RESEARCH_EXTRACT_WARNING = (
    "This export also holds one row for each person who answered (a research extract). "
    "Rare answers are hidden, but rows are easier to misuse than the report: "
    "share them only with people who need them, and keep them safe."
)


def _action_log(args: argparse.Namespace) -> Path | None:
    """The action log for the report: ``--outcomes``, else the data folder's, if there is one.

    It is checked here, before the key is opened, so a log that needs putting right
    stops the export before anyone types a passphrase.
    """
    path: Path | None = args.outcomes
    if path is None and default_action_log().is_file():
        path = default_action_log()
        print(f"The report's 'you said, we did' comes from the action log {path}.")
    load_outcomes(path, dt.date.today())  # raises OutcomesError in plain words
    return path


def _export(args: argparse.Namespace) -> int:
    outcomes = _action_log(args)
    overrides: dict[str, int | bool] = {}
    if args.cell_min is not None:
        overrides["cell_min"] = args.cell_min
    request = replace(
        export_request(args, args.out),
        thresholds=thresholds_for(args.profile, **overrides),
        outcomes_file=outcomes,
        research_extract=args.research_extract,
        language=args.lang,
        **({"title": args.title} if args.title else {}),
    )
    if args.research_extract:
        print(RESEARCH_EXTRACT_WARNING)
    print(run_export(request).summary())
    return EXIT_OK


def _review(args: argparse.Namespace) -> int:
    # Registered with the data commands (it shares export's flags and plain failures);
    # its module loads Textual, so only for this command.
    from kiosk.commands import review  # noqa: PLC0415 — as above

    return review.run(args)


def _bundle(args: argparse.Namespace) -> int:
    store = response_store()
    chosen = args.session or [session.id for session in store.sessions()]
    print(bundle(store, chosen, args.out, audit=audit_log()).summary())
    return EXIT_OK


def _merge(args: argparse.Namespace) -> int:
    result = merge(args.bundles, response_store(), audit_log(), default_review_file())
    print(result.summary())
    return EXIT_NOT_DONE if result.refused else EXIT_OK


def _purge(args: argparse.Namespace) -> int:
    keep_days = args.keep_days
    if keep_days is None:
        keep_days = load_settings(paths.data_home()).keep_days
    result = purge(response_store(), keep_days, dt.date.today(), audit_log(), default_review_file())
    print(result.summary())
    return EXIT_OK


def _forget(args: argparse.Namespace) -> int:
    withdraw_days = args.withdraw_days
    if withdraw_days is None:
        withdraw_days = load_settings(paths.data_home()).withdraw_days
    print(
        forget_old_receipts(response_store(), withdraw_days, dt.date.today(), audit_log()).summary()
    )
    return EXIT_OK
