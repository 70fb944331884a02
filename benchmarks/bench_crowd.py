"""A room of phones arriving at once, and a console that stays quick under hostile sockets.

1. **200 phones join over 5 s and vote.** The phone server runs in its own process
   with its default settings (rate limits, connection caps) and one open poll.
   Phone *i* starts at ``i × 5 s / 200``: it opens the join link (cookie, redirect,
   the vote page) and sends its vote. Each phone uses its own loopback address
   (127.0.1.x), as each phone on a real network has its own. The figure is the
   vote POST, answered with a 303 once the vote is durably counted. Afterwards the
   tally is read from the store: exactly 200 must be counted, none lost. Baseline
   in the same run: a bare aiohttp handler that reads the same form and answers
   303, in its own process, driven by the same arrivals. Goal: p99 ≤ 50 ms.
2. **Console keypress → redraw with 300 silent sockets.** The facilitator console
   runs headless (Textual ``run_test``) with its phone page on (``--phones``), in
   the same event loop as the server. Another process holds 300 connections to the
   phone page that never send a byte (from 30 addresses, reopening any the server
   closes). The figure is the time from a ↓/↑ key event (sent as ``Pilot.press``
   sends it) to the first frame Textual hands to the terminal (``App._display``)
   with the newly highlighted poll — key handled, panel redrawn, frame composed.
   Baseline in the same run: the same keypresses with no silent sockets.
   Goal: ≤ 100 ms.
"""

from __future__ import annotations

import asyncio
import json
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import textwrap
import time
from pathlib import Path

PHONES = 200
ARRIVAL_SECONDS = 5.0
GOAL_VOTE_P99_MS = 50.0
SILENT = 300
SILENT_ADDRESSES = 30
KEYPRESSES = 40
GOAL_KEY_MS = 100.0
OPTIONS = ("Red", "Green", "Blue")
SESSION_ID = "scrowd"
SESSION_DATE = "2025-03-14"
ROOT = Path(__file__).resolve().parents[1]


def _percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    index = min(len(ordered) - 1, max(0, round(share * len(ordered)) - 1))
    return ordered[index] * 1000


# -- 1. the crowd ---------------------------------------------------------------------


async def _serve_phone(folder: Path) -> None:
    from kiosk.web.server import PhoneServer
    from surveys.poll_files import load_poll_set
    from surveys.polls import PollStatus, Tally
    from surveys.storage import SessionInfo
    from surveys.storage.tinydb_tallies import TinyDbTallyStore

    path = folder / "polls.yaml"
    path.write_text(
        f"- id: colour\n  kind: single\n  text: Which colour?\n  options: [{', '.join(OPTIONS)}]\n",
        encoding="utf-8",
    )
    poll_set, problems, _ = load_poll_set(path)
    assert poll_set is not None, problems
    session = SessionInfo(SESSION_ID, SESSION_DATE)
    tallies = TinyDbTallyStore(folder / "sessions")

    def opened(tally: Tally) -> None:
        tally.status = PollStatus.OPEN

    tallies.change(session, "colour", opened)
    server = PhoneServer(session=session, polls=poll_set.polls, tallies=tallies)
    await server.start("127.0.0.1", 0)
    print(json.dumps({"base": server.base_url, "join": server.join_url}), flush=True)
    await asyncio.get_running_loop().run_in_executor(None, sys.stdin.read)
    await server.stop()


def _start(kind: str, folder: Path) -> tuple[subprocess.Popen[str], dict[str, str]]:
    process = subprocess.Popen(
        [sys.executable, "-m", "benchmarks.bench_crowd", kind, str(folder)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
        cwd=ROOT,
    )
    assert process.stdout is not None
    line = process.stdout.readline()
    if not line:
        raise RuntimeError(f"the {kind} server did not start")
    return process, json.loads(line)


def _finish(process: subprocess.Popen[str]) -> None:
    assert process.stdin is not None
    process.stdin.close()
    process.wait(timeout=30)


async def _crowd(base: str, join: str | None) -> tuple[list[float], int]:
    """Each phone arrives at its time, loads the page and votes; (POST times, failures)."""
    import aiohttp

    timings: list[float] = []
    failures = 0

    async def phone(number: int) -> None:
        nonlocal failures
        await asyncio.sleep(number * ARRIVAL_SECONDS / PHONES)
        address = f"127.0.1.{1 + number % 250}" if number < 250 else "127.0.2.1"
        connector = aiohttp.TCPConnector(local_addr=(address, 0))
        async with aiohttp.ClientSession(
            connector=connector, cookie_jar=aiohttp.CookieJar(unsafe=True)
        ) as http:
            try:
                async with http.get(join or f"{base}/vote") as response:
                    text = await response.text()
                token = re.search(r'name="csrf" value="([^"]+)"', text)
                form = {
                    "csrf": token.group(1) if token else "x" * 64,
                    "poll": "colour",
                    "answer": OPTIONS[number % 3],
                }
                began = time.perf_counter()
                async with http.post(f"{base}/vote", data=form, allow_redirects=False) as response:
                    await response.read()
                    ok = response.status == 303
                timings.append(time.perf_counter() - began)
                if not ok:
                    failures += 1
            except aiohttp.ClientError:
                failures += 1

    await asyncio.gather(*(phone(number) for number in range(PHONES)))
    return timings, failures


def _counted(folder: Path) -> int:
    from surveys.storage.tinydb_tallies import TinyDbTallyStore

    tally = TinyDbTallyStore(folder / "sessions").tallies(SESSION_ID)["colour"]
    return tally.votes


def _crowd_figures() -> tuple[list[float], list[float], int, int]:
    with tempfile.TemporaryDirectory(prefix="bench-crowd-") as name:
        folder = Path(name)
        bare, bare_info = _start("serve-bare", folder)
        try:
            bare_times, _ = asyncio.run(_crowd(bare_info["base"], None))
        finally:
            _finish(bare)
        phone, info = _start("serve-phone", folder)
        try:
            vote_times, failures = asyncio.run(_crowd(info["base"], info["join"]))
        finally:
            _finish(phone)
        return bare_times, vote_times, failures, _counted(folder)


# -- 2. the console under silent sockets ------------------------------------------------

_HOLDER = textwrap.dedent(
    """
    import asyncio, sys
    port, count, addresses = int(sys.argv[1]), int(sys.argv[2]), int(sys.argv[3])
    held = {}
    async def hold(number):
        while True:
            try:
                reader, writer = await asyncio.open_connection(
                    "127.0.0.1", port, local_addr=(f"127.0.3.{1 + number % addresses}", 0))
            except OSError:
                await asyncio.sleep(0.05)
                continue
            held[number] = writer
            try:
                await reader.read()          # returns when the server closes it
            except OSError:
                pass
            held.pop(number, None)
            writer.close()
    async def main():
        tasks = [asyncio.create_task(hold(n)) for n in range(count)]
        while len(held) < count:
            await asyncio.sleep(0.05)
        print("ready", flush=True)
        await asyncio.get_running_loop().run_in_executor(None, sys.stdin.read)
        for task in tasks:
            task.cancel()
    asyncio.run(main())
    """
)


async def _keypresses(home: Path, *, silent: int) -> tuple[list[float], int]:
    """Key → redraw times in ms with ``silent`` silent sockets held open, and how many
    times the server closed one of them to make room (reopened by the holder)."""
    from textual import events

    from benchmarks.bench_polls import debrief
    from kiosk.facilitator.app import make_app
    from kiosk.facilitator.console_services import FacilitatorServices
    from kiosk.web.address import PhoneAddress
    from surveys.clock import SystemClock
    from surveys.storage.tinydb_tallies import TinyDbTallyStore

    store = TinyDbTallyStore(home / "sessions")
    services = FacilitatorServices(store=store, clock=SystemClock(), home=home)
    poll_set = debrief()
    app = make_app(services, [poll_set], unlocked=True, phones=PhoneAddress("127.0.0.1", 0))
    times: list[float] = []
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        await pilot.press(*"Bench")
        await pilot.click("#start")
        await pilot.pause()
        for _ in range(400):  # the phone page starts in the background
            if app.phones.server is not None or app.phones.problem is not None:
                break
            await pilot.pause(0.05)
        server = app.phones.server
        assert server is not None, app.phones.problem
        port = int(server.base_url.rsplit(":", 1)[1])
        holder = None
        if silent:
            holder = subprocess.Popen(
                [sys.executable, "-c", _HOLDER, str(port), str(silent), str(SILENT_ADDRESSES)],
                stdin=subprocess.PIPE,
                stdout=subprocess.PIPE,
                text=True,
            )
            assert holder.stdout is not None
            ready = await asyncio.to_thread(holder.stdout.readline)
            assert ready.strip() == "ready"
        try:
            screen = app.screen
            driver = app._driver
            assert driver is not None
            drawn = asyncio.Event()
            before: list[object] = [None]
            display = app._display

            def timed_display(shown: object, renderable: object) -> None:
                # The frame Textual hands to the terminal: the redraw is done.
                if renderable is not None and screen.selected != before[0]:  # type: ignore[attr-defined]
                    drawn.set()
                display(shown, renderable)  # type: ignore[arg-type]

            app._display = timed_display  # type: ignore[method-assign,assignment]
            for key in ("down", "up"):  # warm up: the first redraw builds what later ones reuse
                await pilot.press(key)
            for number in range(KEYPRESSES):
                await pilot.pause(0.05)
                before[0] = screen.selected  # type: ignore[attr-defined]
                key = "down" if number % 2 == 0 else "up"
                drawn.clear()
                began = time.perf_counter()
                driver.send_message(events.Key(key, None))  # as Pilot.press sends it
                await asyncio.wait_for(drawn.wait(), 5)
                times.append((time.perf_counter() - began) * 1000)
            keeper = server.connections
            open_now = keeper.open_count if keeper is not None else 0
        finally:
            if holder is not None:
                assert holder.stdin is not None
                holder.stdin.close()
                holder.wait(timeout=10)
    return times, open_now


def _key_figures() -> tuple[list[float], list[float], int]:
    homes = [Path(tempfile.mkdtemp(prefix="bench-crowd-console-")) for _ in range(2)]
    try:
        quiet, _ = asyncio.run(_keypresses(homes[0], silent=0))
        loaded, held = asyncio.run(_keypresses(homes[1], silent=SILENT))
    finally:
        for home in homes:
            shutil.rmtree(home, ignore_errors=True)
    return quiet, loaded, held


# -- the report --------------------------------------------------------------------------


def run() -> list[str]:
    """Both measurements, each against its baseline from the same run."""
    from benchmarks import table

    bare, votes, failures, counted = _crowd_figures()
    rows = [
        (
            label,
            len(values),
            _percentile(values, 0.5),
            _percentile(values, 0.99),
            max(values) * 1000,
        )
        for label, values in (("bare aiohttp handler", bare), ("phone vote", votes))
    ]
    p99 = _percentile(votes, 0.99)
    lines = [
        f"{PHONES} phones (each its own loopback address) join over {ARRIVAL_SECONDS:.0f} s and "
        "vote once; vote POST latency in ms.",
        "",
        *table(["server", "requests", "p50 ms", "p99 ms", "max ms"], rows),
        "",
        f"phone vote / bare handler: p50 × "
        f"{_percentile(votes, 0.5) / _percentile(bare, 0.5):.1f}, p99 × "
        f"{p99 / _percentile(bare, 0.99):.1f}",
        f"lost: {failures}; counted: {counted} of {PHONES} "
        f"({'exactly right' if counted == PHONES and not failures else 'MISMATCH'})",
        f"goal p99 ≤ {GOAL_VOTE_P99_MS:.0f} ms, 0 lost, exactly {PHONES} counted: "
        f"{'met' if p99 <= GOAL_VOTE_P99_MS and not failures and counted == PHONES else 'NOT met'}"
        f" ({p99:.1f} ms)",
    ]
    quiet, loaded, held = _key_figures()
    key_rows = [
        (
            label,
            len(values),
            statistics.median(values),
            _percentile([v / 1000 for v in values], 0.99),
            max(values),
        )
        for label, values in (("no silent sockets", quiet), (f"{SILENT} silent sockets", loaded))
    ]
    worst = max(loaded)
    lines += [
        "",
        "Facilitator console (headless, phone page on in the same loop): ↓/↑ in the poll list",
        "→ key handled and panel redrawn, in ms.",
        "",
        *table(["while", "keys", "median ms", "p99 ms", "max ms"], key_rows),
        "",
        f"with / without silent sockets: median × "
        f"{statistics.median(loaded) / statistics.median(quiet):.1f}, max × "
        f"{worst / max(quiet):.1f}",
        f"silent connections the phone page held at the end: {held} of {SILENT} "
        "(any it closed, the holder reopened)",
        f"goal ≤ {GOAL_KEY_MS:.0f} ms: {'met' if worst <= GOAL_KEY_MS else 'NOT met'} "
        f"(slowest {worst:.1f} ms)",
    ]
    return lines


def _main(argv: list[str]) -> None:
    if len(argv) == 2 and argv[0] == "serve-phone":
        asyncio.run(_serve_phone(Path(argv[1])))
    elif len(argv) == 2 and argv[0] == "serve-bare":
        from benchmarks.bench_web import _serve_bare

        asyncio.run(_serve_bare())
    else:
        print("\n".join(run()))


if __name__ == "__main__":
    _main(sys.argv[1:])
