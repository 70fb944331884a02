"""The flags every command that opens sealed answers shares: the coordinator's key
and where the survey files are. Light on purpose: building the ``kiosk`` parser
imports it, so nothing heavy is loaded here."""

from __future__ import annotations

import argparse
from pathlib import Path


def add_key_and_survey_options(parser: argparse.ArgumentParser) -> None:
    """``--key``, ``--survey`` (repeatable) and ``--surveys-dir`` (repeatable)."""
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
