"""30 phones in a focus group: ideas, then a secret ranking, sent all at once.

The phone server runs in its own process with its default settings, with the
console's side of the plan in the same process (as in ``kiosk facilitate``): it
saves the plan's stage with ``TinyDbPlanStore.save`` and, between the stages,
stops the writing, shows every idea and opens a top-3 ranking. Thirty phones, each
with its own cookie jar and its own loopback address (127.0.1.x, as each phone on
a real network has its own), join with the code and then:

1. **baseline**: vote in the plan's two opening polls (the existing poll path:
   ``POST /vote``, answered with a 303 once the vote is on disk);
2. send two ideas each (``POST /idea``, 303 once the idea is in the store);
3. rank their top 3, then spend 10 dots (``POST /rank``, 303 once counted).

Each path is sent twice over: once with every phone pressing at the same
instant (the worst case), once with the phones arriving over one second (a room
pressing Send). Figures: p50 and p99 of each POST, the p99 against the poll
baseline's in the same pattern, and how many were sent against how many the store
holds afterwards (read back by a fresh store). Goal: p99 ≤ 50 ms, 0 lost.
"""

from __future__ import annotations

import asyncio
import json
import random
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from benchmarks import table

PHONES = 30
SPREAD_SECONDS = 1.0
GOAL_P99_MS = 50.0
SESSION_ID = "sfocus"
SESSION_DATE = "2025-03-14"
ROOT = Path(__file__).resolve().parents[1]
PLAN = """\
id: bench-focus
title: Thirty phones
stages:
  - kind: poll
    title: Warming up
    minutes: 2
    poll:
      id: colour
      kind: single
      text: Which colour?
      options: [Red, Green, Blue]
  - kind: poll
    title: Warming up again
    minutes: 2
    poll:
      id: shape
      kind: single
      text: Which shape?
      options: [Round, Square]
  - kind: ideas
    title: Writing ideas
    minutes: 5
    prompt: What would make the most difference to you?
  - kind: rank
    title: Choosing your top 3
    minutes: 5
    top: 3
  - kind: rank
    title: Spending your dots
    minutes: 5
    dots: 10
"""


def _percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    index = min(len(ordered) - 1, max(0, round(share * len(ordered)) - 1))
    return ordered[index] * 1000


# -- the server and the console's side, in their own process ------------------------------


async def _serve(folder: Path) -> None:
    from kiosk.web.server import PhoneServer
    from surveys.clock import SystemClock
    from surveys.focus_group import FocusGroup
    from surveys.idea_ranking import Style
    from surveys.ideas import IdeaStatus
    from surveys.plan_progress import PlanRun
    from surveys.plan_reader import load_plan_text
    from surveys.plan_record import round_id_for
    from surveys.polls import PollStatus, Tally
    from surveys.storage import SessionInfo
    from surveys.storage.tinydb_ideas import TinyDbIdeaStore
    from surveys.storage.tinydb_plan_progress import TinyDbPlanStore
    from surveys.storage.tinydb_tallies import TinyDbTallyStore

    plan = load_plan_text(PLAN).plan
    assert plan is not None
    root = folder / "sessions"
    session = SessionInfo(SESSION_ID, SESSION_DATE)
    tallies, plans = TinyDbTallyStore(root), TinyDbPlanStore(root)
    focus = FocusGroup(TinyDbIdeaStore(root), session)
    run = PlanRun(plan, SystemClock())

    def poll_status(poll_id: str, status: PollStatus) -> None:
        def change(tally: Tally) -> None:
            tally.status = status

        tallies.change(session, poll_id, change)

    run.start()
    poll_status("colour", PollStatus.OPEN)
    plans.save(session, run)
    polls = tuple(stage.poll for stage in plan.stages if stage.poll is not None)
    server = PhoneServer(session=session, polls=polls, tallies=tallies, focus=focus, plans=plans)
    await server.start("127.0.0.1", 0)
    print(json.dumps({"base": server.base_url, "join": server.join_url}), flush=True)
    loop = asyncio.get_running_loop()
    while line := (await loop.run_in_executor(None, sys.stdin.readline)).strip():
        if line == "shape":  # the next poll
            poll_status("colour", PollStatus.CLOSED)
            run.next()
            poll_status("shape", PollStatus.OPEN)
        elif line == "ideas":  # the poll closes; writing begins
            poll_status("shape", PollStatus.CLOSED)
            run.next()
        elif line == "rank":  # writing stops; every idea is shown; the ranking opens
            focus.stop_writing()
            for idea in focus.pool.held():
                focus.moderate(idea.id, IdeaStatus.SHOWN)
            run.next()
            focus.open_ranking(round_id_for(run.progress.index), Style.TOP, 3)
        elif line == "dots":  # the first ranking closes; the dots open
            focus.close_ranking(round_id_for(run.progress.index))
            run.next()
            focus.open_ranking(round_id_for(run.progress.index), Style.DOTS, 10)
        plans.save(session, run)
        print("ok", flush=True)
    await server.stop()


class _Server:
    def __init__(self, folder: Path) -> None:
        self.process = subprocess.Popen(
            [sys.executable, "-m", "benchmarks.bench_focus_phones", "serve", str(folder)],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
            cwd=ROOT,
        )
        line = self._read()
        if not line:
            raise RuntimeError("the phone server did not start")
        self.urls: dict[str, str] = json.loads(line)

    def _read(self) -> str:
        assert self.process.stdout is not None
        return self.process.stdout.readline()

    def tell(self, step: str) -> None:
        """The facilitator moves on; returns once the stage is saved."""
        assert self.process.stdin is not None
        self.process.stdin.write(step + "\n")
        self.process.stdin.flush()
        assert self._read().strip() == "ok"

    def close(self) -> None:
        assert self.process.stdin is not None
        self.process.stdin.close()
        self.process.wait(timeout=30)


# -- the phones ---------------------------------------------------------------------------


class _Phones:
    """Thirty phones, each with its own cookie jar and loopback address."""

    def __init__(self, urls: dict[str, str]) -> None:
        self.base, self.join = urls["base"], urls["join"]
        self.sessions: list[object] = []
        self.tokens: list[str] = []
        self.failures = 0

    async def __aenter__(self) -> _Phones:
        import aiohttp

        for number in range(PHONES):
            connector = aiohttp.TCPConnector(local_addr=(f"127.0.1.{1 + number}", 0))
            http = aiohttp.ClientSession(
                connector=connector, cookie_jar=aiohttp.CookieJar(unsafe=True)
            )
            self.sessions.append(http)
            async with http.get(self.join) as response:
                text = await response.text()
            token = re.search(r'name="csrf" value="([^"]+)"', text)
            self.tokens.append(token.group(1) if token else "")
        return self

    async def __aexit__(self, *_: object) -> None:
        for http in self.sessions:
            await http.close()  # type: ignore[attr-defined]

    async def page(self, number: int) -> str:
        async with self.sessions[number].get(f"{self.base}/vote") as response:  # type: ignore[attr-defined]
            return str(await response.text())

    async def post(self, number: int, path: str, form: list[tuple[str, str]]) -> float:
        """One form sent; its time in seconds (a failure is counted, not timed out)."""
        import aiohttp

        http = self.sessions[number]
        began = time.perf_counter()
        try:
            async with http.post(  # type: ignore[attr-defined]
                f"{self.base}{path}",
                data=[("csrf", self.tokens[number]), *form],
                allow_redirects=False,
            ) as response:
                await response.read()
                if response.status != 303:
                    self.failures += 1
        except aiohttp.ClientError:
            self.failures += 1
        return time.perf_counter() - began

    async def send(
        self, forms: list[tuple[str, list[tuple[str, str]]]], spread: bool
    ) -> list[float]:
        """Phone n sends ``forms[n]``: all at the same instant, or arriving over a second."""

        async def one(number: int, path: str, form: list[tuple[str, str]]) -> float:
            if spread:
                await asyncio.sleep(number * SPREAD_SECONDS / PHONES)
            return await self.post(number, path, form)

        return list(await asyncio.gather(*(one(n, *sent) for n, sent in enumerate(forms))))

    async def ballot_forms(self, chooser: random.Random) -> list[tuple[str, list[tuple[str, str]]]]:
        """Each phone's ballot, from the ranking page it is shown."""
        forms = []
        for n in range(PHONES):
            page = await self.page(n)
            round_id = re.search(r'name="round" value="([^"]+)"', page)
            form = [("round", round_id.group(1) if round_id else "")]
            top = sorted(set(re.findall(r'<option value="(i[0-9a-f]+)"', page)))
            dots = re.findall(r'name="(dots-i[0-9a-f]+)"', page)
            if top:
                form += [(f"place-{p}", i) for p, i in enumerate(chooser.sample(top, 3), 1)]
            else:
                form += [(name, "5") for name in chooser.sample(dots, 2)]
            forms.append(("/rank", form))
        return forms


BASELINE, IDEA, BALLOT = "poll vote (baseline)", "idea", "ranking ballot"
AT_ONCE, SPREAD = "at once", f"over {SPREAD_SECONDS:.0f} s"


async def _session(server: _Server) -> tuple[dict[tuple[str, str], list[float]], int]:
    chooser = random.Random(15)
    timings: dict[tuple[str, str], list[float]] = {}
    async with _Phones(server.urls) as phones:
        for poll, answer, pattern in (("colour", "Green", AT_ONCE), ("shape", "Round", SPREAD)):
            votes = [("/vote", [("poll", poll), ("answer", answer)])] * PHONES
            timings[BASELINE, pattern] = await phones.send(votes, pattern == SPREAD)
            await asyncio.to_thread(server.tell, "shape" if poll == "colour" else "ideas")
        for pattern in (AT_ONCE, SPREAD):
            ideas = [
                ("/idea", [("idea", f"Idea from phone {n}, {pattern}: more buses on Sundays")])
                for n in range(PHONES)
            ]
            timings[IDEA, pattern] = await phones.send(ideas, pattern == SPREAD)
        for step, pattern in (("rank", AT_ONCE), ("dots", SPREAD)):
            await asyncio.to_thread(server.tell, step)
            forms = await phones.ballot_forms(chooser)
            timings[BALLOT, pattern] = await phones.send(forms, pattern == SPREAD)
        return timings, phones.failures


def _stored(folder: Path) -> dict[str, int]:
    from surveys.storage.tinydb_ideas import TinyDbIdeaStore
    from surveys.storage.tinydb_tallies import TinyDbTallyStore

    root = folder / "sessions"
    votes = sum(tally.votes for tally in TinyDbTallyStore(root).tallies(SESSION_ID).values())
    store = TinyDbIdeaStore(root)
    ideas = len(store.pool(SESSION_ID).ideas)
    ballots = sum(tally.votes for tally in store.rounds(SESSION_ID).values())
    return {BASELINE: votes, IDEA: ideas, BALLOT: ballots}


def run() -> list[str]:
    with tempfile.TemporaryDirectory(prefix="bench-focus-") as name:
        folder = Path(name)
        server = _Server(folder)
        try:
            timings, failures = asyncio.run(_session(server))
        finally:
            server.close()
        stored = _stored(folder)
    rows = []
    for (what, pattern), times in timings.items():
        p99 = _percentile(times, 0.99)
        base = _percentile(timings[BASELINE, pattern], 0.99)
        ratio = round(p99 / base, 2) if base else 0.0
        rows.append(
            [what, pattern, len(times), round(_percentile(times, 0.5), 2), round(p99, 2), ratio]
        )
    sent = {what: sum(len(t) for (w, _), t in timings.items() if w == what) for what in stored}
    lost = {what: sent[what] - stored[what] for what in stored}
    lines = [
        f"{PHONES} phones, each with its own cookie jar and address:",
        *table(["POST", "phones press", "sent", "p50 ms", "p99 ms", "p99 × baseline"], rows),
        "",
        *table(
            ["POST", "sent", "stored", "lost"],
            [[what, sent[what], stored[what], lost[what]] for what in stored],
        ),
        f"Requests that did not get their 303: {failures}.",
    ]
    worst = max(_percentile(t, 0.99) for (w, _), t in timings.items() if w != BASELINE)
    none_lost = not any(lost.values()) and failures == 0
    verdict = "meets" if worst <= GOAL_P99_MS and none_lost else "MISSES"
    lines.append(
        f"Goal: ideas and ballots p99 ≤ {GOAL_P99_MS:.0f} ms, none lost: {verdict} "
        f"(worst p99 {worst:.1f} ms; {sum(lost.values())} lost)."
    )
    return lines


if __name__ == "__main__":
    if len(sys.argv) == 3 and sys.argv[1] == "serve":
        asyncio.run(_serve(Path(sys.argv[2])))
    else:
        print("\n".join(run()))
