"""Helpers for the facilitator's Pilot tests: a real store in a temp home, a fixed
clock, reading the screen, and the keys that start a session and cast a vote."""

from __future__ import annotations

import datetime as dt
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass
from pathlib import Path

from textual.app import App
from textual.pilot import Pilot

from kiosk.facilitator.app import FacilitatorApp, make_app
from kiosk.facilitator.console_services import FacilitatorServices
from kiosk.speaking import RecordingSpeaker
from surveys.audit import AuditLog
from surveys.clock import FixedClock
from surveys.operator_pin import OperatorPin, pin_path
from surveys.poll_files import PollSet, builtin_poll_sets, load_poll_set
from surveys.storage.tinydb_tallies import TinyDbTallyStore
from tests.support.pin import fast_hasher

POLLS = Path(__file__).parent / "polls"
TODAY = "2026-11-25"
NOW = dt.datetime(2026, 11, 25, 10, 30, tzinfo=dt.UTC)
SIZE = (80, 24)
SMALL = (60, 20)


def poll_set(name: str = "all-kinds") -> PollSet:
    """A test poll file from ``tests/support/polls``, or a built-in set by name."""
    builtin = builtin_poll_sets()
    path = builtin[name] if name in builtin else POLLS / f"{name}.yaml"
    loaded, problems, _ = load_poll_set(path)
    assert loaded is not None, [p.describe() for p in problems]
    return loaded


def static_text(app: App[object], selector: str) -> str:
    """The whole text a ``Static`` holds (also the part scrolled out of view)."""
    from rich.text import Text
    from textual.widgets import Static

    content = app.screen.query_one(selector, Static).content
    return content.plain if isinstance(content, Text) else str(content)


@dataclass
class Facilitator:
    """One console under test, with its services."""

    app: FacilitatorApp
    services: FacilitatorServices
    store: TinyDbTallyStore
    speaker: RecordingSpeaker
    audit: AuditLog
    home: Path

    @property
    def screen_name(self) -> str:
        """The class name of the screen on top."""
        return type(self.app.screen).__name__

    def tallies(self) -> dict[str, object]:
        """The session's tallies as stored (read afresh from the file by the console's
        store, which holds this session's in-memory key for what is locked)."""
        live = self.app.live
        assert live is not None
        return dict(self.store.tallies(live.session.id))

    def events(self) -> list[str]:
        """The audit log's event names, oldest first."""
        return [str(entry["event"]) for entry in self.audit.entries()]


def build_console(
    home: Path, polls: str | list[str] = "all-kinds", *, unlocked: bool = True, **options: float
) -> Facilitator:
    """A console on real storage under ``home``, with a fixed clock and a recording speaker."""
    clock = FixedClock(NOW)
    audit = AuditLog(home / "audit.jsonl", clock)
    store = TinyDbTallyStore(home / "sessions")
    speaker = RecordingSpeaker()
    pin = OperatorPin(pin_path(home), clock=clock, audit=audit, hasher=fast_hasher())
    services = FacilitatorServices(
        store=store, clock=clock, home=home, audit=audit, pin=pin, speaker=speaker
    )
    names = [polls] if isinstance(polls, str) else polls
    settings: dict[str, float] = {"poll_seconds": 0.05}
    settings.update(options)
    app = make_app(services, [poll_set(n) for n in names], unlocked=unlocked, **settings)
    return Facilitator(app, services, store, speaker, audit, home)


async def settle(pilot: Pilot[object]) -> None:
    """Let messages, callbacks and screen changes finish."""
    await pilot.pause()
    await pilot.pause()


async def press(pilot: Pilot[object], *keys: str) -> None:
    """Press keys and let everything settle."""
    await pilot.press(*keys)
    await settle(pilot)


async def fill(pilot: Pilot[object], box: str, words: str) -> None:
    """Type into a box on the start screen as a person would."""
    app = pilot.app
    app.screen.query_one(f"#{box}").focus()
    await pilot.press(*words)
    await settle(pilot)


async def start_session(
    pilot: Pilot[object],
    *,
    name: str = "Focus group",
    expected: int = 10,
    groups: dict[str, int] | None = None,
) -> None:
    """Fill in the start screen (quickly: values, not keys) and start the session."""
    from textual.widgets import Input

    await settle(pilot)
    screen = pilot.app.screen
    screen.query_one("#name", Input).value = name
    screen.query_one("#expected", Input).value = str(expected)
    for group, count in (groups or {}).items():
        screen.query_one(f"#group-{group}", Input).value = str(count)
    await settle(pilot)
    await pilot.click("#start")
    await settle(pilot)


@asynccontextmanager
async def poll_open(
    home: Path,
    poll_id: str | None = None,
    *,
    expected: int = 10,
    size: tuple[int, int] = SIZE,
    **options: float,
) -> AsyncIterator[tuple[Facilitator, Pilot[object]]]:
    """A running console on ``home`` with a session started for ``expected`` people and
    a poll open (``poll_id``, or the first in the list): what most console tests start
    from. Yields the console and its pilot."""
    console = build_console(home, **options)
    async with console.app.run_test(size=size) as pilot:
        await start_session(pilot, expected=expected)
        if poll_id is not None:
            await select_poll(pilot, poll_id)
        await press(pilot, "o")
        yield console, pilot


async def select_poll(pilot: Pilot[object], poll_id: str) -> None:
    """Highlight a poll in the console's list."""
    from kiosk.facilitator.widgets.poll_list import PollList

    pilot.app.screen.query_one(PollList).select_poll(poll_id)
    await settle(pilot)


VOTE_KEYS: dict[str, tuple[str, ...]] = {
    "day": ("2", "enter"),
    "helped": ("1", "3", "enter"),
    "useful": ("4", "enter"),
    "likely": ("7", "enter"),
    "again": ("1", "enter"),
    "words": (*"kind staff", "enter"),
    "order": ("shift+down", "enter"),
}
"""Keys a voter presses to answer each poll in ``all-kinds.yaml``."""


async def pass_around_vote(
    pilot: Pilot[object], keys: tuple[str, ...], *, group: str | None = None
) -> None:
    """One voter's turn: I'm ready, say a group (a digit) or skip, answer, Send."""
    await press(pilot, "enter")  # "I'm ready to vote"
    if group is None:
        await press(pilot, "f3")  # Skip saying a group
    else:
        await press(pilot, group, "enter")
    await pilot.press(*keys)
    await settle(pilot)
