"""The participant kiosk: time to the first screen, and keypress-to-redraw latency.

1. **Start to first screen.** A fresh Python process is started for each run and
   timed from just before it starts until it exits. The process builds the kiosk
   exactly as ``kiosk run --unlocked`` does (load the demo survey, open the data
   folder, recover storage, make keys, build the app) and leaves as soon as Textual
   says the first frame is on screen (the ``Ready`` event). Baselines started the
   same way in the same run: a one-widget Textual app, and a process that only
   imports Textual. Goals: ≤ 1.3 × the one-widget app, ≤ 1.5 × importing Textual.
2. **Keypress to redraw.** The kiosk runs headless (Pilot) on a question screen;
   a digit key is pressed and the time until the screen has been redrawn and is
   idle again is measured, alternating choices. Goal: median ≤ 50 ms.
"""

from __future__ import annotations

import asyncio
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from benchmarks import table

RUNS = 9
PRESSES = 60
ROOT = Path(__file__).resolve().parents[1]

_CHILD = """
import sys
target = sys.argv[1]
if target == "import":
    import textual.app  # noqa: F401
elif target == "baseline":
    from textual.app import App
    from textual.widgets import Static

    class OneWidget(App):
        def compose(self):
            yield Static("Hello")

        def on_ready(self):
            self.exit()

    OneWidget().run(headless=True)
else:
    from pathlib import Path
    from kiosk.app import make_app
    from kiosk.launch import demo_survey_path
    from kiosk.services import build_services
    from surveys.loader import load_survey

    survey = load_survey(demo_survey_path()).survey
    app = make_app(survey, build_services(home=Path(sys.argv[2])), unlocked=True)
    app.__class__ = type("FirstFrame", (type(app),), {"on_ready": lambda self: self.exit()})
    app.run(headless=True)
"""


def _time_process(target: str, home: Path) -> float:
    env = {**os.environ, "KIOSK_HOME": str(home)}
    started = time.perf_counter()
    subprocess.run(
        [sys.executable, "-c", _CHILD, target, str(home)],
        cwd=ROOT,
        env=env,
        check=True,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    return time.perf_counter() - started


def _first_screen() -> list[str]:
    times: dict[str, list[float]] = {"import": [], "baseline": [], "kiosk": []}
    with tempfile.TemporaryDirectory(prefix="bench-kiosk-") as folder:
        home = Path(folder)
        _time_process("kiosk", home)  # first run makes the keys; not timed
        for _ in range(RUNS):
            for target, values in times.items():  # interleaved: noise hits all alike
                values.append(_time_process(target, home))
    medians = {target: statistics.median(values) for target, values in times.items()}
    rows = [
        (
            "import textual only",
            round(medians["import"] * 1000),
            1.0 * medians["import"] / medians["baseline"],
        ),
        ("one-widget Textual app", round(medians["baseline"] * 1000), 1.0),
        (
            "kiosk (demo survey)",
            round(medians["kiosk"] * 1000),
            medians["kiosk"] / medians["baseline"],
        ),
    ]
    lines = [f"Process start to first screen, median of {RUNS} runs each (interleaved)"]
    lines += table(
        ["process", "median ms", "ratio to one-widget app"],
        [(name, ms, round(ratio, 2)) for name, ms, ratio in rows],
    )
    ratio = medians["kiosk"] / medians["baseline"]
    to_import = medians["kiosk"] / medians["import"]
    lines.append(
        f"kiosk / one-widget app = {ratio:.2f} "
        f"(goal <= 1.3: {'met' if ratio <= 1.3 else 'NOT met'})"
    )
    lines.append(
        f"kiosk / import textual = {to_import:.2f} "
        f"(goal <= 1.5: {'met' if to_import <= 1.5 else 'NOT met'})"
    )
    return lines


def _watch_frames(app: object) -> asyncio.Event:
    """Set the returned event each time the app puts a frame on screen."""
    drawn = asyncio.Event()
    display = app._display  # type: ignore[attr-defined]

    def display_and_note(screen: object, renderable: object) -> None:
        display(screen, renderable)
        if renderable is not None:
            drawn.set()

    app._display = display_and_note  # type: ignore[attr-defined]
    return drawn


async def _time_keys(app: object, pilot: object, keys: list[str]) -> list[float]:
    """Time from a key arriving to the next frame drawn, for each key in turn."""
    from textual import events

    drawn = _watch_frames(app)
    samples: list[float] = []
    for key in keys:
        await pilot.pause()  # type: ignore[attr-defined]
        drawn.clear()
        started = time.perf_counter()
        app.post_message(events.Key(key, key))  # type: ignore[attr-defined]
        await asyncio.wait_for(drawn.wait(), timeout=5)
        samples.append(time.perf_counter() - started)
    return samples


async def _kiosk_keys(home: Path) -> list[float]:
    from kiosk.app import make_app
    from kiosk.services import build_services
    from surveys.loader import load_survey

    survey = load_survey(ROOT / "tests" / "ui" / "surveys" / "short.yaml").survey
    assert survey is not None
    app = make_app(survey, build_services(home=home), unlocked=True)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        for button in ("#start", "#next", "#agree"):
            await pilot.click(button)
            await pilot.pause()
        assert type(app.screen).__name__ == "QuestionScreen", type(app.screen).__name__
        return await _time_keys(app, pilot, ["1" if n % 2 else "2" for n in range(PRESSES)])


async def _baseline_keys() -> list[float]:
    from textual.app import App, ComposeResult
    from textual.widgets import Static

    class Counter(App[None]):
        def compose(self) -> ComposeResult:
            yield Static("0", id="shown")

        def on_key(self, event: object) -> None:
            self.query_one("#shown", Static).update(str(getattr(event, "key", "")))

    app = Counter()
    async with app.run_test(size=(80, 24)) as pilot:
        return await _time_keys(app, pilot, ["1" if n % 2 else "2" for n in range(PRESSES)])


def _keypress() -> list[str]:
    with tempfile.TemporaryDirectory(prefix="bench-keys-") as folder:
        kiosk = asyncio.run(_kiosk_keys(Path(folder)))
    baseline = asyncio.run(_baseline_keys())
    rows = []
    for name, samples in (("kiosk question screen", kiosk), ("one-widget app", baseline)):
        ordered = sorted(samples)
        rows.append(
            (
                name,
                round(statistics.median(samples) * 1000, 1),
                round(ordered[int(len(ordered) * 0.9) - 1] * 1000, 1),
            )
        )
    median = rows[0][1]
    return [
        f"Keypress to next frame drawn ({PRESSES} digit presses each, headless)",
        *table(["app", "median ms", "p90 ms"], rows),
        f"kiosk median {median} ms (goal <= 50 ms: {'met' if median <= 50 else 'NOT met'}), "
        f"{median / max(rows[1][1], 0.1):.1f} x the one-widget app",
    ]


def run() -> list[str]:
    """Both kiosk measurements."""
    return [*_first_screen(), "", *_keypress()]
