"""One error base: every error whose words are for a person is a ``PlainError``.

Callers (the data commands, ``kiosk pin set``, the kiosk's start-up) catch
``PlainError`` and show ``.message``; an error class that carried words without
building on it would fall through to a programmer's wording or a traceback.
"""

from __future__ import annotations

import ast
import importlib
from pathlib import Path

import pytest

from surveys.errors import AnswerCode, AnswerError, PlainError

ROOT = Path(__file__).resolve().parents[2]
PACKAGES = ("surveys", "exports", "kiosk", "accessibility")

PLAIN = {
    "AnswerError",
    "KeyFileError",
    "RevealError",
    "ThresholdsError",
    "StorageDamagedError",
    "DamagedFileError",
    "PinError",
    "ReviewError",
    "LedgerError",
    "OutcomesError",
    "DefinitionError",
    "ExportError",
    "BundleError",
    "RetentionError",
    "SettingsError",
    "AddressError",
    "TooLongForQrError",
    "PlanStateError",
    "IdeaError",
    "BallotError",
    "ActionLogError",
    "OffersError",
    "TranslationFileError",
    "ImpactError",
    "PeriodError",
}
"""Every error class that carries words for a person (found by name wherever it lives,
so moving one to another module needs no edit here)."""

SIGNALS = {
    "PollClosedError",
    "RoomFullError",
    "AlreadyVotedError",
    "_BudgetError",
    "_ShapeMismatchError",
    "WritingClosedError",
}
"""Errors raised with no words at all: the code that catches them says what happened."""

EXTRA_BASES = {
    "AnswerError": ValueError,
    "ThresholdsError": ValueError,
    "StorageDamagedError": OSError,
    "DamagedFileError": ValueError,
    "AddressError": ValueError,
    "TooLongForQrError": ValueError,
    "PlanStateError": ValueError,
}
"""The other base each keeps, so callers that catch it by that base still do."""


def _error_classes() -> dict[str, tuple[str, ast.ClassDef]]:
    """Every class named ``…Error`` in our packages: name → (module, its definition)."""
    found: dict[str, tuple[str, ast.ClassDef]] = {}
    for package in PACKAGES:
        for path in sorted((ROOT / package).rglob("*.py")):
            module = ".".join(path.relative_to(ROOT).with_suffix("").parts)
            for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
                if isinstance(node, ast.ClassDef) and node.name.endswith("Error"):
                    found[node.name] = (module, node)
    return found


ERROR_CLASSES = _error_classes()


def test_every_error_class_is_either_plain_or_a_wordless_signal() -> None:
    """A new error class must choose: words for a person (a PlainError) or none."""
    assert set(ERROR_CLASSES) - {"PlainError"} == PLAIN | SIGNALS


def test_no_error_class_declares_its_own_message() -> None:
    """``.message`` is set in one place, ``PlainError.__init__``."""
    for name, (module, node) in ERROR_CLASSES.items():
        if name == "PlainError":
            continue
        assigned = [
            target.attr
            for statement in ast.walk(node)
            if isinstance(statement, ast.Assign)
            for target in statement.targets
            if isinstance(target, ast.Attribute)
        ]
        assert "message" not in assigned, f"{module}.{name}"


@pytest.mark.parametrize("name", sorted(PLAIN))
def test_each_plain_error_shows_its_message_as_its_words(name: str) -> None:
    cls = getattr(importlib.import_module(ERROR_CLASSES[name][0]), name)
    assert issubclass(cls, PlainError)
    if name in EXTRA_BASES:
        assert issubclass(cls, EXTRA_BASES[name])
    words = "That file could not be opened. Please try again."
    if cls is AnswerError:
        error = AnswerError(AnswerCode.OUT_OF_RANGE, low=1, high=5)
        words = "Please choose a number from 1 to 5."
    else:
        error = cls(words)
    assert error.message == words
    assert str(error) == words
    with pytest.raises(PlainError) as caught:
        raise error
    assert caught.value.message == words


def test_a_damaged_storage_error_is_still_an_os_error_with_plain_words() -> None:
    """``StorageDamagedError`` is handled like a full disk by callers that catch OSError."""
    from surveys.storage.tinydb_session_files import StorageDamagedError

    words = "The file s1.json is damaged and could not be repaired."
    error = StorageDamagedError(words)
    assert isinstance(error, OSError)
    assert str(error) == words
    assert error.args == (words,)
