"""Fixtures for the accessibility Pilot tests: a kiosk with a recording speaker."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from accessibility.speech import RecordingSpeaker
from kiosk.app import make_app
from kiosk.services import build_services
from surveys import receipts
from surveys.loader import load_survey
from surveys.model import Survey
from surveys.operator_pin import OperatorPin, pin_path
from tests.ui.kit import SURVEYS as UI_SURVEYS
from tests.ui.kit import Kiosk, fast_hasher

SURVEYS = Path(__file__).parent / "surveys"
RECEIPT = "7K3QD-M9XTA"


def survey(name: str) -> Survey:
    """A survey from this folder, or else from ``tests/ui/surveys``."""
    path = SURVEYS / f"{name}.yaml"
    loaded = load_survey(path if path.exists() else UI_SURVEYS / f"{name}.yaml")
    assert loaded.survey is not None, [p.describe() for p in loaded.problems]
    return loaded.survey


@pytest.fixture(autouse=True)
def fixed_receipt(monkeypatch: pytest.MonkeyPatch) -> None:
    """Every kiosk here hands out the same receipt code."""
    monkeypatch.setattr(receipts, "new_code", lambda: RECEIPT)


@pytest.fixture
def make_kiosk(tmp_path: Path) -> Iterator[Callable[..., Kiosk]]:
    """Build unlocked kiosks that speak into a ``RecordingSpeaker``; afterwards, fail if
    any met an unexpected error."""
    made: list[Kiosk] = []

    def make(name: str = "reading", *, problem: str | None = None, **options: object) -> Kiosk:
        home = tmp_path / f"home{len(made)}"
        services = build_services(home)
        speaker = RecordingSpeaker(problem=problem)
        pin = OperatorPin(
            pin_path(home), clock=services.clock, audit=services.audit, hasher=fast_hasher()
        )
        settings: dict[str, object] = {"unlocked": True, "speaker": speaker, "operator_pin": pin}
        settings.update(options)
        app = make_app(survey(name), services, **settings)  # type: ignore[arg-type]
        kiosk = Kiosk(app, services, speaker, home)  # type: ignore[arg-type]
        made.append(kiosk)
        return kiosk

    yield make
    for kiosk in made:
        assert kiosk.app.problems == [], "the kiosk met an unexpected error"
