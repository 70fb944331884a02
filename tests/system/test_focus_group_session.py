"""A whole Nominal Group Technique session, as a room would run it: 12 phones in
Chromium (each its own cookies) and the tablet passed round (Pilot, in the real
console) write ideas; the facilitator shows them, hears each one, merges two pairs
(undoing one merge and doing it again); everyone ranks their top 3 in secret; the
console is killed with ``kill -9`` half-way through the ranking and started again,
and carries on at the same stage with every ballot; then the results show the rank
sums worked out by hand below, with the small groups hidden."""

from __future__ import annotations

import os
import signal
import socket
import time
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest

from surveys import groups
from surveys.focus_group import FocusGroup
from surveys.plan_record import round_id_for
from surveys.polls import PollStatus
from surveys.storage.tinydb_ideas import TinyDbIdeaStore
from surveys.storage.tinydb_plan_progress import TinyDbPlanStore
from surveys.storage.tinydb_tallies import SessionKeys, TinyDbTallyStore
from tests.kiosk.web.test_browser import browser, phone_page
from tests.support.console_driver import ConsoleProcess

__all__ = ["browser"]  # the fixture, shared with the other browser tests

pytestmark = pytest.mark.slow

PROMPT = "What would help you most?"
PLAN = f"""\
id: ngt-room
title: What would help most?
stages:
  - kind: ideas
    minutes: 10
    prompt: {PROMPT}
  - kind: share
    minutes: 10
  - kind: merge
    minutes: 10
  - kind: rank
    minutes: 10
    top: 3
    prompt: Which 3 ideas matter most to you? Put the most important first.
  - kind: results
    minutes: 10
"""
RANK_STAGE = 3

LIVED, CARER, CLINICIAN = (groups.label(g) for g in ("lived", "carer", "clinician"))
PHONE_IDEAS = [
    ("Evening groups", LIVED),
    ("Groups in the evening", LIVED),
    ("Cheaper bus fares", LIVED),
    ("Help with bus fares", LIVED),
    ("Peer support on every ward", LIVED),
    ("A quiet room to wait in", LIVED),
    ("Letters in plain words", CARER),
    ("Ring me when you say you will", CARER),
    ("Step-free access", CARER),
    ("Someone to talk to while I wait", CARER),
    ("Longer appointments", CLINICIAN),
    ("Fewer forms", CLINICIAN),
]
TABLET_IDEAS = [("A named contact for carers", "1"), ("Help to fill in forms", "2")]
"""Two people on the passed tablet: one with lived experience (1), one carer (2)."""

E, B = "Evening groups", "Cheaper bus fares"  # each combines two ideas
P, Q, L = "Peer support on every ward", "A quiet room to wait in", "Letters in plain words"
# Top 3, in secret: first 3 points, second 2, third 1 (Borda); a rank sum adds the
# places, 4 for an idea outside someone's top 3, so it is 4 x 14 - points.
PHONE_BALLOTS = [
    [E, B, P],  # lived x 6
    [E, B, P],
    [E, B, P],
    [E, B, P],
    [E, B, P],
    [B, E, P],
    [P, Q, E],  # carers x 4
    [P, Q, E],
    [P, Q, E],
    [Q, P, B],
    [L, P, Q],  # clinicians x 2
    [L, P, Q],
]
TABLET_BALLOTS = [([B, E, P], "1"), ([Q, P, B], "2")]
# By hand. Lived (7): E 5x3 + 2x2 = 19, B 5x2 + 2x3 = 16, P 7x1 = 7.
# Carers (5): P 3x3 + 2x2 = 13, Q 3x2 + 2x3 = 12, E 3x1 = 3, B 2x1 = 2.
# Clinicians (2): L 6, P 4, Q 2.
# Everyone (14): P 7+13+4 = 24, E 19+3 = 22, B 16+2 = 18, Q 12+2 = 14, L 6; 84 in all.
EXPECTED = [(P, 24, 32), (E, 22, 34), (B, 18, 38), (Q, 14, 42), (L, 6, 50)]


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@pytest.fixture
def room(tmp_path: Path) -> dict[str, Path]:
    runtime = tmp_path / "runtime"
    runtime.mkdir(mode=0o700)
    plan = tmp_path / "plan.yaml"
    plan.write_text(PLAN, encoding="utf-8")
    return {"home": tmp_path / "kiosk-home", "runtime": runtime, "plan": plan}


async def _send_idea(page: Any, words: str, group: str) -> None:
    await page.get_by_label(PROMPT).fill(words)
    await page.get_by_role("radio", name=group, exact=True).check()
    await page.get_by_role("button", name="Send my idea").click()
    await page.get_by_role("heading", name="Thank you — your idea is in").wait_for()


async def _rank(page: Any, base: str, ballot: list[str]) -> None:
    await page.goto(f"{base}/vote")
    if not await page.locator("#place-1").count():
        raise AssertionError(f"{base}/vote: " + (await page.inner_text("body"))[:800])
    # Each choice reads "3. A quiet room to wait in": the number is the idea's place
    # on the list shown on the page.
    options = await page.locator("#place-1 option").evaluate_all(
        "options => options.map(o => [o.value, o.textContent.trim()])"
    )
    value = {text.split(". ", 1)[-1]: v for v, text in options}
    for place, words in enumerate(ballot, 1):
        await page.locator(f"#place-{place}").select_option(value=value[words])
    await page.get_by_role("button", name="Send my choices").click()
    await page.get_by_role("heading", name="Thank you — your choices are in").wait_for()


def _tablet_turn(console: ConsoleProcess, group: str, act: list[tuple[str, Any]]) -> None:
    """One person's turn on the passed tablet: I'm ready, their group, then ``act``."""
    console.press("enter")
    console.press(group, "enter")
    for op, value in act:
        if op == "type":
            console.send("type", text=value)
        elif op == "choose":
            console.send("choose", words=value)
        else:
            console.send("click", selector=value)


def _pass_tablet(console: ConsoleProcess, turns: list[tuple[str, list[tuple[str, Any]]]]) -> None:
    console.press("v")
    for group, act in turns:
        _tablet_turn(console, group, act)
        assert "Please pass the tablet on" in console.text() or console.screen() == (
            "HandOverScreen"
        )
    console.press("f12")  # unlocked: straight back to the plan console
    assert console.screen() == "PlanConsoleScreen"


def _kill(console: ConsoleProcess) -> None:
    """``kill -9``: the console gets no chance to save or tidy anything."""
    os.kill(console.pid, signal.SIGKILL)
    assert console.process.wait(timeout=10) == -signal.SIGKILL


async def test_a_whole_ngt_session_with_phones_a_passed_tablet_and_a_kill(
    browser: object, room: dict[str, Path]
) -> None:
    port = free_port()
    home, runtime, plan = room["home"], room["runtime"], room["plan"]
    # Both consoles read the same day, even if the test runs across midnight.
    anchor = f"{time.time()},2026-06-10T10:00:00+00:00"
    console = ConsoleProcess(plan, port, home, runtime, anchor)
    phones: list[Any] = []
    try:
        # -- the session starts: 14 people, by group ------------------------------------
        console.wait_for("Start a focus group session")
        console.send("set", selector="#name", value="Tuesday group")
        console.send("set", selector="#expected", value="14")
        for group, count in (("lived", 7), ("carer", 5), ("clinician", 2)):
            console.send("set", selector=f"#group-{group}", value=str(count))
        console.send("click", selector="#start")
        console.wait_for("Press T to start the first stage")
        console.press("t")
        url = None
        for _ in range(100):
            url = console.send("join")["url"]
            if url:
                break
            time.sleep(0.1)
        assert url, "the phone page never started"
        parts = urlsplit(url)
        base = f"{parts.scheme}://{parts.netloc}"

        # -- ideas: 12 phones and 2 people on the tablet ------------------------------
        for words, group in PHONE_IDEAS:
            page, problems = await phone_page(browser)
            phones.append((page, problems))
            await page.goto(url)
            await _send_idea(page, words, group)
        _pass_tablet(
            console,
            [(g, [("type", words), ("click", "#send")]) for words, g in TABLET_IDEAS],
        )
        sessions = home / "sessions"
        session = TinyDbTallyStore(sessions).poll_sessions()[0].session
        keys = SessionKeys(runtime / "coproduction-kiosk")
        focus = FocusGroup(TinyDbIdeaStore(sessions, keys=keys), session)
        pool = focus.pool
        assert len(pool.ideas) == 14
        assert dict(pool.writers) == {"lived": 7, "carer": 5, "clinician": 2}
        shown = console.wait_for("14 ideas in · 14 waiting for you")
        assert "lived" not in shown.lower()  # nobody sees who wrote what

        # -- share: every idea heard, one at a time -------------------------------------
        console.press("a")
        console.wait_for("0 waiting for you")
        console.press("n")
        for number in range(1, 15):
            console.press("right")
            assert f"Idea {number} of 14" in console.text()
        console.press("c")
        assert focus.on_screen() is not None
        assert focus.on_screen().clarified

        # -- merge two pairs, undo one, merge it again ----------------------------------
        console.press("n")
        console.send("merge", words=[E, "Groups in the evening"])
        console.press("m", "enter")  # keep the first idea's words
        console.send("merge", words=[B, "Help with bus fares"])
        console.press("m", "enter")
        assert len(focus.pool.merges) == 2
        console.send("highlight", words=B)
        console.press("u")
        assert len(focus.pool.merges) == 1
        assert "Help with bus fares" in {i.text for i in focus.pool.in_play()}
        console.send("merge", words=[B, "Help with bus fares"])
        console.press("m", "enter")
        pool = focus.pool
        assert len(pool.in_play()) == 12
        combined = {i.text: sorted(pool.history(i.id)) for i in pool.in_play() if i.combines}
        assert combined == {
            E: sorted([E, "Groups in the evening"]),
            B: sorted([B, "Help with bus fares"]),
        }
        assert "combines 2 ideas" in console.text()

        # -- secret ranking: 8 phones and 1 tablet, then the console is killed ----------
        console.press("n")
        round_id = round_id_for(RANK_STAGE)
        assert focus.round(round_id).status is PollStatus.OPEN
        for (page, _), ballot in zip(phones[:8], PHONE_BALLOTS[:8], strict=True):
            await _rank(page, base, ballot)
        _pass_tablet(
            console,
            [
                (g, [*(("choose", words) for words in ballot), ("click", "#send")])
                for ballot, g in TABLET_BALLOTS[:1]
            ],
        )
        console.wait_for("9 of 14 have ranked")
        assert "rank sum" not in console.text()  # results stay hidden while open
        before = TinyDbPlanStore(sessions).now(session.id)
        assert before is not None

        _kill(console)
        console = ConsoleProcess(plan, port, home, runtime, anchor)
        console.wait_for("Carry on: Tuesday group")
        console.press("enter")  # carrying on is the first choice
        shown = console.wait_for("9 of 14 have ranked")
        assert "Stage 4 of 5" in shown
        assert TinyDbPlanStore(sessions).now(session.id).running_since == before.running_since

        # -- the rest rank on the restarted console; nobody counts twice ----------------
        # The join code is kept with the session, so the link (and the QR code on the
        # screen) is the same: phones open it again, as after losing signal.
        again = None
        for _ in range(100):
            again = console.send("join")["url"]
            if again:
                break
            time.sleep(0.1)
        assert again == url
        for (page, _), ballot in zip(phones[8:], PHONE_BALLOTS[8:], strict=True):
            await page.goto(url)
            await _rank(page, base, ballot)
        first = phones[0][0]
        await first.goto(url)
        await first.get_by_role("heading", name="Thank you — your choices are in").wait_for()
        _pass_tablet(
            console,
            [
                (g, [*(("choose", words) for words in ballot), ("click", "#send")])
                for ballot, g in TABLET_BALLOTS[1:]
            ],
        )
        console.wait_for("14 of 14 have ranked")

        # -- results ---------------------------------------------------------------------
        console.press("n")
        console.send("click", selector="#leave-yes")
        shown = console.wait_for("14 people ranked")
        for place, (words, points, rank_sum) in enumerate(EXPECTED, 1):
            assert f"{place}. {words} — rank sum {rank_sum} · {points} points" in shown, shown
        results = focus.results(round_id, 3)
        got = [(s.words, s.points, s.rank_sum) for s in results.overall[: len(EXPECTED)]]
        assert got == EXPECTED
        originals = {s.words: sorted(s.originals) for s in results.overall if s.originals}
        assert originals == {
            E: sorted([E, "Groups in the evening"]),
            B: sorted([B, "Help with bus fares"]),
        }
        by_group = {g.group: g for g in results.by_group}
        # Two clinicians: too few. Carers gave E 3 and B 2 points (one or two people's
        # choices), so they are held back too; lived experience (7) is shown.
        assert by_group["clinician"].scores is None
        assert by_group["carer"].scores is None
        lived = by_group["lived"].scores
        assert lived is not None
        assert {s.words: s.points for s in lived if s.points} == {E: 19, B: 16, P: 7}
        assert "Clinicians or health professionals" in shown
        for _page, problems in phones:
            assert [p for p in problems if "status of 409" not in p] == []
        assert console.send("problems")["problems"] == []
    finally:
        for page, _ in phones:
            await page.context.close()
        console.close()
