"""Speech and text libraries stay in the one module each that needs them."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[2] / "accessibility"


@pytest.mark.parametrize(
    ("library", "allowed"),
    [("pyttsx3", "pyttsx3_speaker.py"), ("textstat", "plain_english.py")],
)
def test_only_one_module_imports_each_library(library: str, allowed: str) -> None:
    pattern = re.compile(rf"^\s*(?:import|from)\s+{library}\b", re.MULTILINE)
    importers = sorted(p.name for p in PACKAGE.glob("*.py") if pattern.search(p.read_text()))
    assert importers == [allowed]


def test_libraries_are_imported_lazily_inside_functions() -> None:
    for name in ("pyttsx3_speaker.py", "plain_english.py"):
        top_level = re.findall(
            r"^(?:import|from)\s+(pyttsx3|textstat)\b", (PACKAGE / name).read_text(), re.MULTILINE
        )
        assert top_level == [], name
