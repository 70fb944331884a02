"""Helpers for the kiosk's Pilot tests: a real kiosk home, reading the screen, opening
what was stored."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from textual.pilot import Pilot

from kiosk.app import KioskApp, make_app
from kiosk.services import KioskServices, build_services
from kiosk.speaking import RecordingSpeaker
from surveys.loader import load_survey
from surveys.model import Survey
from surveys.operator_pin import OperatorPin, pin_path
from surveys.sealing import DEMO_PRIVATE_KEY_FILE, load_private_key
from tests.support.pin import fast_hasher

SURVEYS = Path(__file__).parent / "surveys"
SIZE = (80, 24)
RECEIPT = "7K3QD-M9XTA"
"""The receipt code every kiosk hands out in tests that use the ``fixed_receipt`` fixture."""


def survey(name: str) -> Survey:
    """A test survey from ``tests/support/surveys``."""
    loaded = load_survey(SURVEYS / f"{name}.yaml")
    assert loaded.survey is not None, [p.describe() for p in loaded.problems]
    return loaded.survey


@dataclass
class Kiosk:
    """One kiosk under test with a real TinyDB store and a real key pair in ``home``."""

    app: KioskApp
    services: KioskServices
    speaker: RecordingSpeaker
    home: Path
    expect_problems: bool = False

    def responses(self) -> list[dict[str, object]]:
        """Every stored response, opened with the demo private key."""
        opener = load_private_key(self.home / "keys" / DEMO_PRIVATE_KEY_FILE, None)
        return [opener.open(r.sealed) for r in self.services.store.responses()]

    def answers(self) -> list[dict[str, object]]:
        """The answers of every stored response."""
        return [response["answers"] for response in self.responses()]  # type: ignore[misc]

    def declines(self) -> int:
        """How many "No thanks" this session counted."""
        return self.services.store.declines(self.services.session.id)

    @property
    def screen_name(self) -> str:
        """The class name of the screen on top."""
        return type(self.app.screen).__name__


def build_kiosk(
    home: Path, name: str = "all_kinds", *, problem: str | None = None, **options: object
) -> Kiosk:
    """A kiosk on a test survey, unlocked unless told otherwise, with short timers; its
    ``RecordingSpeaker`` reports ``problem`` (a ``SpeechProblem`` value) if given."""
    services = build_services(home)
    speaker = RecordingSpeaker(problem=problem)
    pin = OperatorPin(
        pin_path(home), clock=services.clock, audit=services.audit, hasher=fast_hasher()
    )
    settings: dict[str, object] = {"unlocked": True, "speaker": speaker, "operator_pin": pin}
    settings.update(options)
    app = make_app(survey(name), services, **settings)  # type: ignore[arg-type]
    return Kiosk(app, services, speaker, home)


def kiosk_maker(
    tmp_path: Path, build: Callable[..., Kiosk], default: str
) -> Iterator[Callable[..., Kiosk]]:
    """The body of every ``make_kiosk`` fixture: build kiosks with ``build`` (survey
    ``default`` unless named), each in its own home under ``tmp_path``; afterwards, fail
    if any met an unexpected error."""
    made: list[Kiosk] = []

    def make(name: str = default, **options: Any) -> Kiosk:
        kiosk = build(tmp_path / f"home{len(made)}", name, **options)
        made.append(kiosk)
        return kiosk

    yield make
    for kiosk in made:
        if not kiosk.expect_problems:
            assert kiosk.app.problems == [], (
                f"the kiosk met an unexpected error: {kiosk.app.problems}"
            )


async def settle(pilot: Pilot[object]) -> None:
    """Let messages, callbacks and screen changes finish."""
    await pilot.pause()


async def read_consent(pilot: Pilot[object]) -> None:
    """On the consent screen: "Next part" until the last part is shown (and "Yes, I agree"
    with it)."""
    screen = pilot.app.screen
    for _ in range(40):
        await settle(pilot)  # the parts are measured once the screen is drawn
        if screen.query_one("#agree").visible:
            return
        if screen.query_one("#consent-pager").display:
            await pilot.click("#page-more")
    raise AssertionError("the last part of the consent never came")


async def agree(pilot: Pilot[object]) -> None:
    """On the consent screen: read every part, then "Yes, I agree"."""
    await read_consent(pilot)
    await tap(pilot, "#agree")


async def begin(pilot: Pilot[object], *, ticks: tuple[str, ...] = ()) -> None:
    """From the welcome screen to the first question: Start, Next, (ticks), Yes, I agree."""
    await settle(pilot)
    await pilot.click("#start")
    await settle(pilot)
    await pilot.click("#next")
    await settle(pilot)
    await read_consent(pilot)
    for tick in ticks:
        app = pilot.app
        item = next(i for i in app.screen.query("ChoiceItem") if getattr(i, "value", None) == tick)
        await pilot.click(item)
    await pilot.click("#agree")
    await settle(pilot)


async def press(pilot: Pilot[object], *keys: str) -> None:
    """Press keys and let everything settle."""
    await pilot.press(*keys)
    await settle(pilot)


async def wait_until(pilot: Pilot[object], check: object, seconds: float = 5.0) -> None:
    """Pause until ``check()`` is true (fails the test after ``seconds``)."""
    import time

    deadline = time.monotonic() + seconds
    while not check():  # type: ignore[operator]
        if time.monotonic() > deadline:
            raise AssertionError("waited too long")
        await pilot.pause(0.02)
    await settle(pilot)


async def tap(pilot: Pilot[object], target: object) -> None:
    """Scroll a widget (or the widget a selector names) into view, then click it."""
    widget = pilot.app.screen.query_one(target) if isinstance(target, str) else target
    widget.scroll_visible(animate=False, immediate=True)  # type: ignore[attr-defined]
    await settle(pilot)
    await pilot.click(widget)  # type: ignore[arg-type]
    await settle(pilot)


class FakeClock:
    """A monotonic clock that moves only when told: idle and break tests wait for the
    clock, never for real seconds that a busy machine might spend elsewhere."""

    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now

    def advance(self, seconds: float) -> None:
        self.now += seconds
