"""The core stays headless: importing it never pulls in Textual, Rich or speech."""

from __future__ import annotations

import json
import pkgutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
CORE_PACKAGES = ("surveys", "accessibility", "exports")
FORBIDDEN_IN_CORE = ("textual", "rich", "pyttsx3", "kiosk")


def _modules(package: str) -> list[str]:
    folder = ROOT / package
    names = [package]
    for info in pkgutil.walk_packages([str(folder)], prefix=f"{package}."):
        names.append(info.name)
    return names


def _loaded_after_import(modules: list[str]) -> set[str]:
    script = (
        "import importlib, json, sys\n"
        f"for name in {modules!r}:\n"
        "    importlib.import_module(name)\n"
        "print(json.dumps(sorted(sys.modules)))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", script], cwd=ROOT, capture_output=True, text=True, check=True
    )
    return set(json.loads(result.stdout))


@pytest.mark.parametrize("package", CORE_PACKAGES)
def test_core_package_imports_no_ui_or_speech(package: str) -> None:
    loaded = _loaded_after_import(_modules(package))
    leaked = {
        name
        for name in loaded
        for banned in FORBIDDEN_IN_CORE
        if name == banned or name.startswith(banned + ".")
    }
    assert not leaked, f"{package} pulled in {sorted(leaked)}"


def test_only_the_tinydb_storage_modules_import_tinydb() -> None:
    offenders = []
    for package in (*CORE_PACKAGES, "kiosk"):
        for path in (ROOT / package).rglob("*.py"):
            text = path.read_text(encoding="utf-8")
            if ("import tinydb" in text or "from tinydb" in text) and not path.name.startswith(
                "tinydb_"
            ):
                offenders.append(str(path.relative_to(ROOT)))
    assert offenders == []


def test_surveys_imports_nothing_else_of_ours() -> None:
    offenders = []
    for path in (ROOT / "surveys").rglob("*.py"):
        for line in path.read_text(encoding="utf-8").splitlines():
            stripped = line.strip()
            if stripped.startswith(("import ", "from ")) and any(
                f" {other}" in stripped.split(" import ")[0]
                for other in ("kiosk", "accessibility", "exports")
            ):
                offenders.append(f"{path.relative_to(ROOT)}: {stripped}")
    assert offenders == []
