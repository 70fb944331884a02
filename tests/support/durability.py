"""Shared pieces for the storage tests: a realistic response, keys, and child processes.

The durability tests run real Python processes against a real store in ``tmp_path``;
``run_child`` starts one with the repository on its import path.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from surveys.consent import ConsentRecord
from surveys.model import AnswerValue
from surveys.sealing import DEMO_PRIVATE_KEY_FILE, Opener, Sealer, ensure_keys, load_private_key
from surveys.session import CompletedResponse
from surveys.storage.atomic import is_good

ROOT = Path(__file__).resolve().parents[2]

FREE_TEXT = (
    "The facilitator was kind and I felt listened to. "
    "It would help to have the slides printed in large text next time."
)


def completed_response(marker: str = "", answers: int = 20) -> CompletedResponse:
    """A response like a real one: choices, scales, ratings, yes/no, ranking and free text.

    ``marker`` is put into one free-text answer, so a test can search files for it.
    """
    values: list[AnswerValue] = [
        "agree",
        7,
        True,
        ("more-breaks", "large-print"),
        FREE_TEXT,
        "carer",
        3,
        False,
        ("peer-support", "online", "evening"),
        "Short answer",
    ]
    chosen: dict[str, AnswerValue] = {
        f"q{number:02d}": values[number % len(values)] for number in range(answers)
    }
    if marker:
        chosen["q_text"] = f"{FREE_TEXT} {marker}"
    consent = ConsentRecord("standard-v1", "a" * 64, {"quote": True})
    return CompletedResponse("course-feedback", "2", chosen, consent)


def demo_keys(folder: Path) -> tuple[Sealer, Opener]:
    """A demo key pair in ``folder``: the sealer and the matching opener."""
    sealer, _ = ensure_keys(folder)
    return sealer, load_private_key(folder / DEMO_PRIVATE_KEY_FILE, None)


def child_env() -> dict[str, str]:
    """The environment for a child Python: this repository importable."""
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(ROOT), env.get("PYTHONPATH")]))
    env["PYTHONUNBUFFERED"] = "1"
    return env


def start_child(script: str, *args: str) -> subprocess.Popen[str]:
    """Start ``python -c script args…`` with stdout piped (text, line by line)."""
    return subprocess.Popen(
        [sys.executable, "-c", script, *args],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        stdin=subprocess.PIPE,
        text=True,
        env=child_env(),
        cwd=ROOT,
    )


def json_files(root: Path) -> list[Path]:
    """Every stored JSON file and backup under ``root`` (not temps or set-aside copies)."""
    return sorted(
        path
        for path in root.rglob("*.json*")
        if path.is_file() and ".damaged-" not in path.name and not path.name.startswith(".tmp-")
    )


def unparsable(root: Path) -> list[str]:
    """Names of stored files under ``root`` that don't parse as JSON objects."""
    return [str(p.relative_to(root)) for p in json_files(root) if not is_good(p)]


def stray_temps(root: Path) -> list[Path]:
    """Half-written temp files under ``root``."""
    return sorted(root.rglob(".tmp-*"))


def load_lines(text: str) -> list[str]:
    """Complete lines only (a line cut off by a kill has no newline and is ignored)."""
    complete = text[: text.rfind("\n") + 1] if "\n" in text else ""
    return [line for line in complete.splitlines() if line]


def read_json(path: Path) -> object:
    """Parse a JSON file."""
    return json.loads(path.read_text(encoding="utf-8"))
