"""Reviewed pictures of the plan console at 80x24 (pytest-textual-snapshot).

Ideas normally go into the pool at random places; here they keep the order they
were written in, so the pictures are the same on every run.
Regenerate with ``pytest tests/snapshots/test_plan_console_snapshots.py --snapshot-update``
and look at every changed picture before committing it.
"""

from __future__ import annotations

import secrets
from collections.abc import Callable
from pathlib import Path
from types import SimpleNamespace

import pytest
from textual.pilot import Pilot

from surveys.ideas import IdeaStatus
from tests.support.facilitator import SIZE, press, start_session
from tests.support.plan_console import (
    LETTERS,
    PlanConsole,
    build_plan_console,
    cast_ballots,
    short_plan,
    wait_for_console,
)

SnapCompare = Callable[..., bool]
IDEAS = [
    "More evening appointments",
    "Appointments after work",
    "A quiet waiting room",
    "Ring me when you say you will",
    "Fewer forms to fill in",
    "My phone is 07700 900123",
]


class _InOrder:
    """``random.SystemRandom`` as the pool uses it, minus the shuffle."""

    def shuffle(self, items: list[object]) -> None:
        return None


@pytest.fixture(autouse=True)
def ideas_in_order(monkeypatch: pytest.MonkeyPatch) -> None:
    fake = SimpleNamespace(
        randbelow=lambda n: n, token_hex=secrets.token_hex, SystemRandom=_InOrder
    )
    monkeypatch.setattr("surveys.ideas.secrets", fake)


async def _ideas_in(console: PlanConsole, pilot: Pilot[object]) -> None:
    await start_session(pilot, expected=12)
    await press(pilot, "t")
    for words in IDEAS:
        console.group().add(words)
    await wait_for_console(pilot)


def test_plan_console_ideas_stage(snap_compare: SnapCompare, home: Path) -> None:
    console = build_plan_console(home, short_plan())

    async def moderated(pilot: Pilot[object]) -> None:
        await _ideas_in(console, pilot)
        pool = console.group().pool
        console.group().moderate(pool.ideas[0].id, IdeaStatus.SHOWN)
        console.group().moderate(pool.ideas[4].id, IdeaStatus.DROPPED)
        await wait_for_console(pilot)

    assert snap_compare(console.app, terminal_size=SIZE, run_before=moderated)


def test_plan_console_merge_stage_keeps_the_original_words(
    snap_compare: SnapCompare, home: Path
) -> None:
    console = build_plan_console(home, short_plan())

    async def merged(pilot: Pilot[object]) -> None:
        await _ideas_in(console, pilot)
        await press(pilot, "a", "n", "n")
        ids = {idea.text: idea.id for idea in console.group().pool.ideas}
        console.group().merge(
            [ids[IDEAS[0]], ids[IDEAS[1]]], "Appointments in the evening or after work"
        )
        await wait_for_console(pilot)

    assert snap_compare(console.app, terminal_size=SIZE, run_before=merged)


def test_plan_console_rank_stage_hides_results(snap_compare: SnapCompare, home: Path) -> None:
    console = build_plan_console(home, short_plan())

    async def ranking(pilot: Pilot[object]) -> None:
        await _ideas_in(console, pilot)
        await press(pilot, "a", "n", "n", "n")
        ideas = [idea.id for idea in console.group().pool.in_play()]
        for _ in range(7):
            console.group().cast("stage-4", ideas[:3], "lived")
        await wait_for_console(pilot)

    assert snap_compare(console.app, terminal_size=SIZE, run_before=ranking)


def test_plan_console_results_stage(snap_compare: SnapCompare, home: Path) -> None:
    console = build_plan_console(home, short_plan())

    async def counted(pilot: Pilot[object]) -> None:
        await start_session(pilot, expected=12)
        await press(pilot, "t")
        for words in LETTERS.values():
            console.group().add(words)
        await wait_for_console(pilot)
        await press(pilot, "a", "n", "n", "n")
        ids = {idea.text: idea.id for idea in console.group().pool.in_play()}
        cast_ballots(console.group(), "stage-4", ids)
        await press(pilot, "n")
        await pilot.click("#leave-yes")
        await wait_for_console(pilot)

    assert snap_compare(console.app, terminal_size=SIZE, run_before=counted)
