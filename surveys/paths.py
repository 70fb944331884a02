"""Where the kiosk keeps its data: ``KIOSK_HOME`` when set, else the platform's data folder.

Nothing is created at import time; callers ask for a folder when they need it.
"""

from __future__ import annotations

import os
from pathlib import Path

import platformdirs

APP_NAME = "coproduction-kiosk"


def data_home() -> Path:
    """The root data folder (not created here)."""
    override = os.environ.get("KIOSK_HOME")
    if override:
        return Path(override).expanduser()
    return Path(platformdirs.user_data_dir(APP_NAME, appauthor=False))


def sessions_dir(home: Path | None = None) -> Path:
    """Where session files live."""
    return (home or data_home()) / "sessions"


def keys_dir(home: Path | None = None) -> Path:
    """Where the coordinator's public key (and a demo key pair) live."""
    return (home or data_home()) / "keys"


def audit_path(home: Path | None = None) -> Path:
    """The append-only audit log."""
    return (home or data_home()) / "audit.jsonl"


def surveys_dir(home: Path | None = None) -> Path:
    """Copies of the survey files the kiosk has run (``kiosk export`` reads them)."""
    return (home or data_home()) / "surveys"
