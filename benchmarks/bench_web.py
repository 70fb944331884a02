"""Phones voting at once, and the memory of a kiosk process that serves phones.

1. Vote latency. A phone server runs in its own process (as it would inside the
   kiosk or console); 50 phones on loopback — each its own ``aiohttp`` session
   and cookie jar — vote in 20 polls that a separate "console" process opens one
   after another through the tally store, exactly as the facilitator would. The
   figure is the time of the vote itself (the POST, answered with a 303 once the
   vote is durably counted). A bare aiohttp handler that reads the same form and
   answers 303, in its own process, driven the same way in the same run, is the
   baseline. Goal: p99 ≤ 100 ms.
2. Memory. A fresh process imports the kiosk App (``kiosk.app.make_app``), builds
   the real services in a temporary home, loads the demo survey, runs the App
   headless (``run_test``) with the phone server started in the same event loop,
   and takes one phone through consent and a question. RSS and peak RSS are read
   from ``/proc/self/status``. Goal: ≤ 120 MB. If the App can't be imported the
   process measures Textual's import plus the server instead, and says so.

``BENCH_WEB_DEBUG=1`` prints every timed vote and every durable tally write to
stderr, to see whether a slow run was the disk (one slow write holds a whole burst).
"""

from __future__ import annotations

import asyncio
import json
import os
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path

CLIENTS = 50
POLLS = 20
RUNS = 3
"""Each measurement is repeated (bare and phone in turn) and the requests pooled."""
GOAL_P99_MS = 100.0
GOAL_RSS_MB = 120.0
OPTIONS = ("Red", "Green", "Blue")
SESSION_ID = "sbench"
SESSION_DATE = "2025-03-14"


# -- the servers (each runs in its own process) ---------------------------------------


def _poll_file(folder: Path) -> Path:
    lines = []
    for number in range(POLLS):
        lines += [
            f"- id: poll{number:02d}",
            "  kind: single",
            f"  text: Question {number + 1}. Which colour?",
            f"  options: [{', '.join(OPTIONS)}]",
        ]
    path = folder / "polls.yaml"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


async def _serve_phone(folder: Path) -> None:
    from kiosk.web.context import PhoneSettings
    from kiosk.web.server import PhoneServer
    from surveys.poll_files import load_poll_set
    from surveys.storage import SessionInfo
    from surveys.storage.tinydb_tallies import TinyDbTallyStore

    poll_set, _, _ = load_poll_set(_poll_file(folder))
    assert poll_set is not None
    tallies = TinyDbTallyStore(folder / "sessions")
    if os.environ.get("BENCH_WEB_DEBUG"):
        original = tallies.change

        def timed_change(*args: object, **kwargs: object) -> object:
            began = time.perf_counter()
            result = original(*args, **kwargs)  # type: ignore[arg-type]
            print(f"write {args[1]} {1000 * (time.perf_counter() - began):.1f}", file=sys.stderr)
            return result

        tallies.change = timed_change  # type: ignore[method-assign]
    server = PhoneServer(
        session=SessionInfo(SESSION_ID, SESSION_DATE),
        polls=poll_set.polls,
        tallies=tallies,
        # 50 phones share one loopback address here; on a real network each has its own.
        settings=PhoneSettings(
            rate_per_second=1e6,
            rate_burst=1_000_000,
            per_address=1_000_000,
            connections_per_second=1e6,
        ),
    )
    await server.start("127.0.0.1", 0)
    print(json.dumps({"base": server.base_url, "join": server.join_url}), flush=True)
    await asyncio.get_running_loop().run_in_executor(None, sys.stdin.read)
    await server.stop()


async def _serve_bare() -> None:
    from aiohttp import web

    async def vote(request: web.Request) -> web.StreamResponse:
        await request.post()
        return web.Response(status=303, headers={"Location": "/vote"})

    async def page(request: web.Request) -> web.StreamResponse:
        return web.Response(text="<form></form>", content_type="text/html")

    app = web.Application()
    app.router.add_post("/vote", vote)
    app.router.add_get("/vote", page)
    runner = web.AppRunner(app, access_log=None, handle_signals=False)
    await runner.setup()
    site = web.TCPSite(runner, "127.0.0.1", 0)
    await site.start()
    port = runner.addresses[0][1]
    print(json.dumps({"base": f"http://127.0.0.1:{port}"}), flush=True)
    await asyncio.get_running_loop().run_in_executor(None, sys.stdin.read)
    await runner.cleanup()


def _start(kind: str, folder: Path) -> tuple[subprocess.Popen[str], dict[str, str]]:
    process = subprocess.Popen(
        [sys.executable, "-m", "benchmarks.bench_web", kind, str(folder)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
        cwd=Path(__file__).resolve().parents[1],
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


# -- the phones ------------------------------------------------------------------------


async def _phone_votes(base: str, join: str, folder: Path) -> tuple[list[float], int]:
    import aiohttp

    from surveys.polls import PollStatus, Tally
    from surveys.storage import SessionInfo
    from surveys.storage.tinydb_tallies import TinyDbTallyStore

    console = TinyDbTallyStore(folder / "sessions")
    session = SessionInfo(SESSION_ID, SESSION_DATE)

    def set_status(status: PollStatus):  # type: ignore[no-untyped-def]
        def edit(tally: Tally) -> None:
            tally.status = status

        return edit

    timings: list[float] = []
    phones = [
        aiohttp.ClientSession(cookie_jar=aiohttp.CookieJar(unsafe=True)) for _ in range(CLIENTS)
    ]

    async def join_room(http: aiohttp.ClientSession) -> None:
        async with http.get(join) as response:
            await response.read()

    async def vote(http: aiohttp.ClientSession, phone: int, poll: int) -> None:
        poll_id = f"poll{poll:02d}"
        for _ in range(200):  # the page refreshes until the new poll shows
            async with http.get(f"{base}/vote") as response:
                text = await response.text()
            if f'value="{poll_id}"' in text:
                break
            await asyncio.sleep(0.01)
        token = re.search(r'name="csrf" value="([^"]+)"', text)
        assert token is not None
        form = {"csrf": token.group(1), "poll": poll_id, "answer": OPTIONS[(phone + poll) % 3]}
        began = time.perf_counter()
        async with http.post(f"{base}/vote", data=form, allow_redirects=False) as response:
            await response.read()
            assert response.status == 303
        timings.append(time.perf_counter() - began)
        if os.environ.get("BENCH_WEB_DEBUG"):
            print(f"poll {poll} phone {phone} {1000 * timings[-1]:.1f}", file=sys.stderr)

    try:
        await asyncio.gather(*(join_room(http) for http in phones))
        for poll in range(POLLS):
            previous = f"poll{poll - 1:02d}"
            if poll:
                console.change(session, previous, set_status(PollStatus.CLOSED))
            console.change(session, f"poll{poll:02d}", set_status(PollStatus.OPEN))
            await asyncio.gather(*(vote(http, i, poll) for i, http in enumerate(phones)))
    finally:
        for http in phones:
            await http.close()
    counted = sum(t.votes for t in console.tallies(session.id).values())
    return timings, counted


async def _bare_posts(base: str) -> list[float]:
    import aiohttp

    timings: list[float] = []
    phones = [aiohttp.ClientSession() for _ in range(CLIENTS)]

    async def post(http: aiohttp.ClientSession, phone: int, poll: int) -> None:
        async with http.get(f"{base}/vote") as response:  # as a phone loads the page first
            await response.read()
        form = {"csrf": "x" * 64, "poll": f"poll{poll:02d}", "answer": OPTIONS[phone % 3]}
        began = time.perf_counter()
        async with http.post(f"{base}/vote", data=form, allow_redirects=False) as response:
            await response.read()
        timings.append(time.perf_counter() - began)

    try:
        for poll in range(POLLS):
            await asyncio.gather(*(post(http, i, poll) for i, http in enumerate(phones)))
    finally:
        for http in phones:
            await http.close()
    return timings


def _percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    index = min(len(ordered) - 1, max(0, round(share * len(ordered)) - 1))
    return ordered[index] * 1000


# -- memory ------------------------------------------------------------------------------


def _status_mb(field: str) -> float:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith(field + ":"):
            return int(line.split()[1]) / 1024
    return float("nan")


async def _measure_kiosk(folder: Path) -> None:
    import aiohttp

    os.environ["KIOSK_HOME"] = str(folder / "home")
    mode = "kiosk App running headless (run_test) with the phone server in its loop"
    app = None
    try:
        from kiosk.app import make_app
        from kiosk.services import build_services
    except Exception as error:  # measure what can be measured, and say so
        import textual.app  # noqa: F401

        from surveys.clock import SystemClock
        from surveys.sealing import ensure_keys
        from surveys.storage import SessionInfo
        from surveys.storage.tinydb_store import TinyDbResponseStore

        mode = f"Textual import + server only (kiosk.app unavailable: {type(error).__name__})"
        home = folder / "home"
        sealer, _ = ensure_keys(home / "keys")
        store = TinyDbResponseStore(home / "sessions")
        session = SessionInfo.new(SystemClock().now().date().isoformat())
        services = None
    else:
        services = build_services(folder / "home")
        sealer, store, session = services.sealer, services.store, services.session

    from kiosk.web.server import PhoneServer
    from surveys.loader import load_survey
    from surveys.templates import template_path

    survey = load_survey(template_path("demo")).survey
    assert survey is not None
    server = PhoneServer(session=session, survey=survey, sealer=sealer, store=store)

    async def phone_visit() -> None:
        await server.start("127.0.0.1", 0)
        handoff = server.new_handoff()
        async with aiohttp.ClientSession(cookie_jar=aiohttp.CookieJar(unsafe=True)) as http:
            async with http.get(handoff.url) as response:
                text = await response.text()
            token = re.search(r'name="csrf" value="([^"]+)"', text)
            assert token is not None
            form = {"csrf": token.group(1), "choice": "agree"}
            async with http.post(f"{server.base_url}/s/consent", data=form) as response:
                await response.read()
            async with http.get(f"{server.base_url}/static/phone.css") as response:
                await response.read()

    if services is not None:
        app = make_app(survey, services, unlocked=True)
        try:
            async with app.run_test(size=(100, 40)) as pilot:
                await phone_visit()
                await pilot.pause()
                result = {"rss": _status_mb("VmRSS"), "peak": _status_mb("VmHWM"), "mode": mode}
        except Exception as error:  # the App may not run headless here; say so
            mode = f"kiosk App built, not run ({type(error).__name__}) + server"
            if not server.running:
                await phone_visit()
            result = {"rss": _status_mb("VmRSS"), "peak": _status_mb("VmHWM"), "mode": mode}
    else:
        await phone_visit()
        result = {"rss": _status_mb("VmRSS"), "peak": _status_mb("VmHWM"), "mode": mode}
    await server.stop()
    print(json.dumps(result), flush=True)


def _memory(folder: Path) -> dict[str, object]:
    output = subprocess.run(
        [sys.executable, "-m", "benchmarks.bench_web", "memory", str(folder)],
        capture_output=True,
        text=True,
        check=True,
        cwd=Path(__file__).resolve().parents[1],
        timeout=120,
    ).stdout
    return json.loads(output.strip().splitlines()[-1])


def _server_rss(process: subprocess.Popen[str]) -> float:
    for line in Path(f"/proc/{process.pid}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return float("nan")


# -- the report --------------------------------------------------------------------------


def run() -> list[str]:
    """Vote latency against a bare handler, and the kiosk process's memory."""
    from benchmarks import table

    bare_times: list[float] = []
    vote_times: list[float] = []
    run_p99: list[float] = []
    counted_all: list[int] = []
    server_peak = 0.0
    began = time.perf_counter()
    for _ in range(RUNS):
        with tempfile.TemporaryDirectory(prefix="bench-web-") as name:
            folder = Path(name)
            bare, bare_info = _start("serve-bare", folder)
            try:
                bare_times += asyncio.run(_bare_posts(bare_info["base"]))
            finally:
                _finish(bare)
            phone, info = _start("serve-phone", folder)
            try:
                times, counted = asyncio.run(_phone_votes(info["base"], info["join"], folder))
                server_peak = max(server_peak, _server_rss(phone))
            finally:
                _finish(phone)
            vote_times += times
            run_p99.append(_percentile(times, 0.99))
            counted_all.append(counted)
    elapsed = time.perf_counter() - began
    with tempfile.TemporaryDirectory(prefix="bench-web-") as name:
        memory = _memory(Path(name))

    rows = []
    for label, values in (("bare aiohttp handler", bare_times), ("phone vote", vote_times)):
        rows.append(
            (
                label,
                len(values),
                _percentile(values, 0.50),
                _percentile(values, 0.99),
                max(values) * 1000,
            )
        )
    p50_ratio = _percentile(vote_times, 0.5) / _percentile(bare_times, 0.5)
    p99_ratio = _percentile(vote_times, 0.99) / _percentile(bare_times, 0.99)
    p99 = _percentile(vote_times, 0.99)
    every = all(n == CLIENTS * POLLS for n in counted_all)
    return [
        f"{CLIENTS} phones on loopback, {POLLS} polls opened in turn by a console process,",
        f"{RUNS} runs pooled; latency of the vote POST (answered once the vote is durably",
        "counted), in ms. Each phone loads the page before each timed POST, in both servers.",
        "",
        *table(["server", "requests", "p50 ms", "p99 ms", "max ms"], rows),
        "",
        f"phone vote / bare handler: p50 × {p50_ratio:.1f}, p99 × {p99_ratio:.1f}",
        f"votes counted per run: {', '.join(str(n) for n in counted_all)} of "
        f"{CLIENTS * POLLS} each ({'every vote once' if every else 'MISMATCH'}); "
        f"all runs {elapsed:.1f} s",
        f"phone vote p99 by run: {', '.join(f'{p:.1f}' for p in run_p99)} ms",
        f"goal p99 ≤ {GOAL_P99_MS:.0f} ms: {'met' if p99 <= GOAL_P99_MS else 'NOT met'} "
        f"({p99:.1f} ms)",
        f"phone server process peak RSS during the votes: {server_peak:.1f} MB",
        "",
        f"memory: {memory['mode']}",
        f"  RSS {float(memory['rss']):.1f} MB, peak {float(memory['peak']):.1f} MB; "  # type: ignore[arg-type]
        f"goal ≤ {GOAL_RSS_MB:.0f} MB: "
        f"{'met' if float(memory['peak']) <= GOAL_RSS_MB else 'NOT met'}",  # type: ignore[arg-type]
    ]


def _main(argv: list[str]) -> None:
    if len(argv) == 2 and argv[0] == "serve-phone":
        asyncio.run(_serve_phone(Path(argv[1])))
    elif len(argv) == 2 and argv[0] == "serve-bare":
        asyncio.run(_serve_bare())
    elif len(argv) == 2 and argv[0] == "memory":
        asyncio.run(_measure_kiosk(Path(argv[1])))
    else:
        print("\n".join(run()))


if __name__ == "__main__":
    _main(sys.argv[1:])
