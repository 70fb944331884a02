"""The real facilitator console, driven by Textual's Pilot in a process of its own,
so a test can ``kill -9`` it and start it again on the same data folder.

Run as ``python -m tests.support.console_driver PLAN.yaml PORT`` with ``KIOSK_HOME``
and ``XDG_RUNTIME_DIR`` set (the console's real services, its phone page on
127.0.0.1:PORT). It reads one JSON command a line on stdin and answers one JSON
line on stdout. ``ConsoleProcess`` is the test's side.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import json
import os
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]


ANCHOR = "CONSOLE_DRIVER_ANCHOR"
"""``REAL_EPOCH,ISO_MOMENT``: the console's clock reads ISO_MOMENT at REAL_EPOCH and
runs in real time from there, so every console of one test agrees on the day (a
test that runs across midnight would otherwise find "yesterday's" session)."""


class _AnchoredClock:
    """Real time, shifted so that a given real moment reads as a chosen one."""

    def __init__(self, real: float, shown: dt.datetime) -> None:
        self.offset = shown - dt.datetime.fromtimestamp(real, dt.UTC)

    @classmethod
    def from_env(cls) -> _AnchoredClock | None:
        found = os.environ.get(ANCHOR)
        if not found:
            return None
        real, shown = found.split(",", 1)
        return cls(float(real), dt.datetime.fromisoformat(shown))

    def now(self) -> dt.datetime:
        """The shifted time, in UTC."""
        return dt.datetime.now(dt.UTC) + self.offset


async def _serve(plan_path: str, port: int) -> None:
    from textual.widgets import Input

    from kiosk.commands.facilitate import load_plan_file, plan_polls
    from kiosk.facilitator.app import make_app
    from kiosk.facilitator.console_services import build_facilitator_services
    from kiosk.facilitator.widgets.merge_picker import MergePicker
    from kiosk.web.address import PhoneAddress
    from surveys.focus_group import FocusGroup
    from tests.support.facilitator import press, settle
    from tests.support.plan_console import console_text
    from tests.support.plan_tablet import choose
    from tests.support.screen import screen_text

    plan, _, _ = load_plan_file(Path(plan_path))
    assert plan is not None
    services = build_facilitator_services(
        Path(os.environ["KIOSK_HOME"]), _AnchoredClock.from_env(), speech=False
    )
    app = make_app(
        services,
        [plan_polls(plan)],
        unlocked=True,
        phones=PhoneAddress("127.0.0.1", port),
        plan=plan,
    )
    loop = asyncio.get_running_loop()
    async with app.run_test(size=(100, 32)) as pilot:
        await settle(pilot)
        print(json.dumps({"ready": True}), flush=True)
        while True:
            line = await loop.run_in_executor(None, sys.stdin.readline)
            if not line:
                return
            command: dict[str, Any] = json.loads(line)
            op = command["op"]
            answer: dict[str, Any] = {"ok": True}
            if op == "press":
                await press(pilot, *command["keys"])
            elif op == "type":
                await pilot.press(*command["text"])
                await settle(pilot)
            elif op == "click":
                await pilot.click(command["selector"])
                await settle(pilot)
            elif op == "set":
                app.screen.query_one(command["selector"], Input).value = command["value"]
                await settle(pilot)
            elif op == "text":
                await pilot.pause(0.2)  # a refresh tick: phones write in other tasks
                await settle(pilot)
                name = type(app.screen).__name__
                text = console_text(app) if name == "PlanConsoleScreen" else screen_text(app)
                answer = {"screen": name, "text": text}
            elif op == "join":
                join = app.phones.join
                answer = {"url": None if join is None else join.url}
            elif op == "merge":
                live = app.live
                assert live is not None
                pool = FocusGroup(services.idea_store(), live.session).pool
                ids = {idea.text: idea.id for idea in pool.in_play()}
                picker = app.screen.query_one(MergePicker)
                for words in command["words"]:
                    picker.select(ids[words])
                await settle(pilot)
            elif op == "highlight":
                live = app.live
                assert live is not None
                pool = FocusGroup(services.idea_store(), live.session).pool
                wanted = next(i.id for i in pool.in_play() if i.text == command["words"])
                picker = app.screen.query_one(MergePicker)
                options = [picker.get_option_at_index(i).id for i in range(picker.option_count)]
                picker.highlighted = options.index(wanted)
                await settle(pilot)
            elif op == "choose":
                await choose(pilot, command["words"])
            elif op == "problems":
                answer = {"problems": [str(p) for p in app.problems]}
            elif op == "quit":
                print(json.dumps(answer), flush=True)
                return
            print(json.dumps(answer), flush=True)


class ConsoleProcess:
    """One console process, and the commands a test sends it."""

    def __init__(
        self, plan: Path, port: int, home: Path, runtime: Path, anchor: str | None = None
    ) -> None:
        env = {
            **os.environ,
            **({ANCHOR: anchor} if anchor else {}),
            "KIOSK_HOME": str(home),
            "XDG_RUNTIME_DIR": str(runtime),
            "PYTHONPATH": str(ROOT),
        }
        self.process = subprocess.Popen(
            [sys.executable, "-m", "tests.support.console_driver", str(plan), str(port)],
            cwd=ROOT,
            env=env,
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
        )
        assert self._read(60.0) == {"ready": True}

    @property
    def pid(self) -> int:
        """The console's process id (for ``kill -9``)."""
        return self.process.pid

    def _read(self, timeout: float) -> dict[str, Any]:
        assert self.process.stdout is not None
        deadline = time.monotonic() + timeout
        line = self.process.stdout.readline()
        assert line, f"the console stopped (exit {self.process.poll()})"
        assert time.monotonic() < deadline + 60
        answer: dict[str, Any] = json.loads(line)
        return answer

    def send(self, op: str, **fields: object) -> dict[str, Any]:
        """Send one command and wait for its answer."""
        assert self.process.stdin is not None
        self.process.stdin.write(json.dumps({"op": op, **fields}) + "\n")
        self.process.stdin.flush()
        return self._read(60.0)

    def press(self, *keys: str) -> None:
        """Press keys on the console (or the passed tablet on top of it)."""
        self.send("press", keys=list(keys))

    def text(self) -> str:
        """What the console shows now."""
        return str(self.send("text")["text"])

    def screen(self) -> str:
        """The name of the screen on top."""
        return str(self.send("text")["screen"])

    def wait_for(self, words: str, timeout: float = 30.0) -> str:
        """The console's text once it shows ``words``."""
        deadline = time.monotonic() + timeout
        while True:
            shown = self.text()
            if words in shown:
                return shown
            assert time.monotonic() < deadline, f"never showed {words!r}:\n{shown}"

    def close(self) -> None:
        """Quit (when still running) and wait for the process."""
        if self.process.poll() is None:
            try:
                self.send("quit")
            except (AssertionError, OSError, ValueError):
                self.process.kill()
        self.process.wait(timeout=30)


if __name__ == "__main__":
    asyncio.run(_serve(sys.argv[1], int(sys.argv[2])))
