"""``kiosk impact``: the co-production impact report for a period.

``kiosk impact --from 2026-01 --to 2026-12 --out DIR`` opens the period's answers
with the coordinator's key (the same ``--key`` and passphrase as ``kiosk export``,
and the same demo-key warning), and writes ``impact.html`` with one CSV per table
(``exports.impact_report``). Only the parser is built when the module is imported: the
exports load when the command runs.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from kiosk.commands.key_options import add_key_and_survey_options
from surveys.thresholds import Profile

EXIT_OK = 0
EXIT_NOT_DONE = 1


def add_impact_parser(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Register ``kiosk impact`` on the ``kiosk`` parser."""
    impact = commands.add_parser(
        "impact",
        help="the co-production impact report for a period, for a board or network",
        epilog="Like 'kiosk export', it needs the coordinator's private key to open the "
        "answers. Numbers about small groups are hidden.",
    )
    impact.add_argument(
        "--from",
        dest="month_from",
        required=True,
        metavar="MONTH",
        help="the first month, like 2026-01",
    )
    impact.add_argument(
        "--to",
        dest="month_to",
        required=True,
        metavar="MONTH",
        help="the last month, like 2026-12",
    )
    impact.add_argument("--out", type=Path, required=True, help="a new folder for the report")
    add_key_and_survey_options(impact)
    impact.add_argument(
        "--actions",
        type=Path,
        default=None,
        metavar="FILE",
        help="the action log (default: actions.yaml in the data folder)",
    )
    impact.add_argument(
        "--names",
        type=Path,
        default=None,
        help="local names to mask in focus-group ideas (one per line), as for 'kiosk export'",
    )
    impact.add_argument(
        "--profile",
        choices=[p.value for p in Profile],
        default=Profile.SMALL_GROUP.value,
        help="small-group (default) or nhs for large pooled data",
    )
    impact.add_argument("--title", default=None, help="the report's title")


def run(args: argparse.Namespace) -> int:
    """Make the report, printing plain words for every problem a coordinator can cause."""
    from exports.definitions import DefinitionError, load_definitions  # noqa: PLC0415 — see above
    from exports.impact_content import ImpactError  # noqa: PLC0415
    from exports.impact_period import PeriodError, period_from  # noqa: PLC0415
    from exports.impact_report import ImpactRequest, run_impact  # noqa: PLC0415
    from exports.opening import demo_key_warning  # noqa: PLC0415
    from kiosk.commands.selection import audit_log, open_key, response_store  # noqa: PLC0415
    from surveys import paths  # noqa: PLC0415
    from surveys.sealing import KeyFileError  # noqa: PLC0415
    from surveys.thresholds import ThresholdsError, thresholds_for  # noqa: PLC0415

    try:
        period = period_from(args.month_from, args.month_to)
        opener = open_key(args.key)
        warning = demo_key_warning(opener)
        if warning:
            print(warning)
        request = ImpactRequest(
            store=response_store(),
            opener=opener,
            output=args.out,
            period=period,
            definitions=load_definitions(args.survey),
            survey_folders=args.surveys_dir,
            thresholds=thresholds_for(args.profile),
            actions_file=args.actions,
            names_file=args.names,
            sessions_root=paths.sessions_dir(),
            audit=audit_log(),
            **({"title": args.title} if args.title else {}),
        )
        print(run_impact(request).summary())
    except (PeriodError, ImpactError, KeyFileError, DefinitionError, ThresholdsError) as error:
        print(error.message)
        return EXIT_NOT_DONE
    return EXIT_OK
