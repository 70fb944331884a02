"""Pictures of the shared screen following a session plan, at a laptop's 80x24 and a
projector's 120x36: the ideas stage (a count and the big timer), the share stage
(one idea, big) and the results (through the disclosure engine).

Ideas normally go in at random places with random ids; here the randomness is
fixed so each picture is the same every time.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable
from pathlib import Path
from types import SimpleNamespace

import pytest

import surveys.ideas
from kiosk.facilitator.presentation_app import PresentationApp
from surveys.plan_model import StageKind
from tests.support.plan_screen_room import PlanRoom, fixed_clock, plan_of, presenter

SnapCompare = Callable[..., bool]
SIZES = [(80, 24), (120, 36)]
IDEAS = (
    "More evening sessions",
    "Evening groups please",
    "Cheaper bus tickets",
    "A quiet room to wait in",
    "Peer support workers",
)


@pytest.fixture(autouse=True)
def same_order(monkeypatch: pytest.MonkeyPatch) -> None:
    """Each idea goes at the end, ids count up, and nothing is shuffled."""
    numbers = itertools.count(1)

    def no_shuffle(items: list[object]) -> None:
        return None

    monkeypatch.setattr(
        surveys.ideas,
        "secrets",
        SimpleNamespace(
            randbelow=lambda n: n - 1,
            token_hex=lambda _n: f"{next(numbers):08x}",
            SystemRandom=lambda: SimpleNamespace(shuffle=no_shuffle),
        ),
    )


def _room(home: Path) -> PlanRoom:
    room = PlanRoom(home, plan_of(), fixed_clock())
    room.step()
    for words in IDEAS:
        room.group.add(words, "lived")
    return room


def _sharing(home: Path) -> PresentationApp:
    room = _room(home)
    room.go_to(StageKind.SHARE)
    room.show_all()
    evening = [room.idea_id("More evening sessions"), room.idea_id("Evening groups please")]
    room.group.merge(evening, "Evening sessions")
    for _ in range(4):
        room.group.next()  # the combined idea, last on the list
    room.group.clarified(room.idea_id("Evening sessions"))
    return presenter(home, room.plan, room.clock)


def _results(home: Path) -> PresentationApp:
    room = _room(home)
    room.go_to(StageKind.SHARE)
    room.show_all()
    evening = [room.idea_id("More evening sessions"), room.idea_id("Evening groups please")]
    room.group.merge(evening, "Evening sessions")
    room.go_to(StageKind.RANK)
    m, c = room.idea_id("Evening sessions"), room.idea_id("Cheaper bus tickets")
    d, e = room.idea_id("A quiet room to wait in"), room.idea_id("Peer support workers")
    lived = [[m, c, e], [m, e, c], [c, m, d], [m, d, e], [e, m, c], [m, c, d]]
    carer = [[c, m, d], [c, d, m], [m, c, e], [c, e, d], [d, c, m], [c, m, e]]
    for group, ballots in (("lived", lived), ("carer", carer), ("clinician", [[e, d, c]] * 2)):
        for ballot in ballots:
            room.group.cast(room.round_now(), ballot, group)
    room.step()
    return presenter(home, room.plan, room.clock)


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_plan_screen_ideas_stage(
    snap_compare: SnapCompare, home: Path, size: tuple[int, int]
) -> None:
    room = _room(home)
    assert snap_compare(presenter(home, room.plan, room.clock), terminal_size=size)


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_plan_screen_share_stage(
    snap_compare: SnapCompare, home: Path, size: tuple[int, int]
) -> None:
    assert snap_compare(_sharing(home), terminal_size=size)


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_plan_screen_results_stage(
    snap_compare: SnapCompare, home: Path, size: tuple[int, int]
) -> None:
    assert snap_compare(_results(home), terminal_size=size)
