"""30 phones in a focus group: ideas, then a secret ranking, sent all at once.

The phone server runs in its own process with its default settings, with the
console's side of the plan in the same process (as in ``kiosk facilitate``): it
saves the plan's stage with ``TinyDbPlanStore.save`` and, between the stages,
stops the writing, shows every idea and opens a top-3 ranking. Thirty phones, each
with its own cookie jar and its own loopback address (127.0.1.x, as each phone on
a real network has its own), join with the code and then, at the same moment:

1. **baseline**: vote in the plan's opening poll (the existing poll path:
   ``POST /vote``, answered with a 303 once the vote is on disk);
2. send two ideas each (``POST /idea``, 303 once the idea is in the store);
3. rank their top 3 (``POST /rank``, 303 once the ballot is counted).

Figures: p50 and p99 of each POST, and how many were sent against how many the
store holds afterwards (read back by a fresh store). Goal: p99 ≤ 50 ms, 0 lost.
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
IDEAS_EACH = 2
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
  - kind: ideas
    title: Writing ideas
    minutes: 5
    prompt: What would make the most difference to you?
  - kind: rank
    title: Choosing your top 3
    minutes: 5
    top: 3
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

    def poll_status(status: PollStatus) -> None:
        def change(tally: Tally) -> None:
            tally.status = status

        tallies.change(session, "colour", change)

    run.start()
    poll_status(PollStatus.OPEN)
    plans.save(session, run)
    polls = tuple(stage.poll for stage in plan.stages if stage.poll is not None)
    server = PhoneServer(session=session, polls=polls, tallies=tallies, focus=focus, plans=plans)
    await server.start("127.0.0.1", 0)
    print(json.dumps({"base": server.base_url, "join": server.join_url}), flush=True)
    loop = asyncio.get_running_loop()
    while line := (await loop.run_in_executor(None, sys.stdin.readline)).strip():
        if line == "ideas":  # the poll closes; writing begins
            poll_status(PollStatus.CLOSED)
            run.next()
        elif line == "rank":  # writing stops; every idea is shown; the ranking opens
            focus.stop_writing()
            for idea in focus.pool.held():
                focus.moderate(idea.id, IdeaStatus.SHOWN)
            run.next()
            focus.open_ranking(round_id_for(run.progress.index), Style.TOP, 3)
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

    async def all_at_once(self, forms: list[tuple[int, str, list[tuple[str, str]]]]) -> list[float]:
        return list(await asyncio.gather(*(self.post(n, path, form) for n, path, form in forms)))


async def _session(server: _Server) -> dict[str, list[float]]:
    chooser = random.Random(15)
    async with _Phones(server.urls) as phones:
        votes = [(n, "/vote", [("poll", "colour"), ("answer", "Green")]) for n in range(PHONES)]
        timings = {"poll vote (baseline)": await phones.all_at_once(votes)}
        await asyncio.to_thread(server.tell, "ideas")
        ideas = [
            (n, "/idea", [("idea", f"Idea {k} from phone {n}: more buses on Sundays")])
            for k in range(IDEAS_EACH)
            for n in range(PHONES)
        ]
        timings["idea"] = await phones.all_at_once(ideas)
        await asyncio.to_thread(server.tell, "rank")
        ballots = []
        for n in range(PHONES):
            page = await phones.page(n)
            ids = sorted(set(re.findall(r'<option value="(i[0-9a-f]+)"', page)))
            round_id = re.search(r'name="round" value="([^"]+)"', page)
            chosen = chooser.sample(ids, 3)
            form = [("round", round_id.group(1) if round_id else "")]
            form += [(f"place-{p}", idea) for p, idea in enumerate(chosen, 1)]
            ballots.append((n, "/rank", form))
        timings["ranking ballot"] = await phones.all_at_once(ballots)
        timings["failures"] = [float(phones.failures)]
    return timings


def _stored(folder: Path) -> tuple[int, int, int]:
    from surveys.storage.tinydb_ideas import TinyDbIdeaStore
    from surveys.storage.tinydb_tallies import TinyDbTallyStore

    root = folder / "sessions"
    votes = TinyDbTallyStore(root).tallies(SESSION_ID)["colour"].votes
    store = TinyDbIdeaStore(root)
    ideas = len(store.pool(SESSION_ID).ideas)
    ballots = sum(tally.votes for tally in store.rounds(SESSION_ID).values())
    return votes, ideas, ballots


def run() -> list[str]:
    with tempfile.TemporaryDirectory(prefix="bench-focus-") as name:
        folder = Path(name)
        server = _Server(folder)
        try:
            timings = asyncio.run(_session(server))
        finally:
            server.close()
        votes, ideas, ballots = _stored(folder)
    failures = int(timings.pop("failures")[0])
    stored = {"poll vote (baseline)": votes, "idea": ideas, "ranking ballot": ballots}
    rows = []
    base_p99 = _percentile(timings["poll vote (baseline)"], 0.99)
    for what, times in timings.items():
        p99 = _percentile(times, 0.99)
        rows.append(
            [
                what,
                len(times),
                stored[what],
                len(times) - stored[what],
                round(_percentile(times, 0.50), 2),
                round(p99, 2),
                round(p99 / base_p99, 2) if base_p99 else 0.0,
            ]
        )
    lines = [
        f"{PHONES} phones, separate cookie jars and addresses, each path sent all at once:",
        *table(["POST", "sent", "stored", "lost", "p50 ms", "p99 ms", "p99 × baseline"], rows),
        f"Requests that did not get their 303: {failures}.",
    ]
    worst = max(_percentile(timings[w], 0.99) for w in ("idea", "ranking ballot"))
    lost = sum(row[3] for row in rows)
    verdict = "meets" if worst <= GOAL_P99_MS and lost == 0 and failures == 0 else "MISSES"
    lines.append(
        f"Goal: ideas and ballots p99 ≤ {GOAL_P99_MS:.0f} ms, none lost: {verdict} "
        f"(worst p99 {worst:.1f} ms, {lost} lost)."
    )
    return lines


if __name__ == "__main__":
    if len(sys.argv) == 3 and sys.argv[1] == "serve":
        asyncio.run(_serve(Path(sys.argv[2])))
    else:
        print("\n".join(run()))
