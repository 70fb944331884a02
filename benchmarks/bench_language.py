"""Choosing a language on the welcome screen: from the press to the screen in it.

The kiosk runs headless (Pilot) on a survey in four languages
(``tests/support/surveys/languages.yaml``). Enter is posted on "Cymraeg", then on
"English", and so on; the clock stops at the first frame drawn that shows the
survey's title in the language pressed (so the kiosk's words, the survey's texts
and the voice have all been switched by then). Baseline in the same run: a
one-widget Textual app redrawing its text on a key. Goal: median <= 100 ms.

Start-up with the catalogues and the chooser is measured by ``python -m benchmarks
kiosk`` (the row "kiosk, survey in 4 languages").
"""

from __future__ import annotations

import asyncio
import statistics
import tempfile
import time
from pathlib import Path

from benchmarks import table
from benchmarks.bench_kiosk import _baseline_keys, _watch_frames

SWITCHES = 60
ROOT = Path(__file__).resolve().parents[1]
TITLES = {"cy": "Holi cyflym", "en": "Quick check-in"}


def _p95(samples: list[float]) -> float:
    ordered = sorted(samples)
    return ordered[max(0, int(len(ordered) * 0.95) - 1)]


async def _switches(home: Path) -> list[float]:
    from textual import events
    from textual.widgets import Static

    from kiosk.app import make_app
    from kiosk.services import build_services
    from surveys.catalogues import use_language
    from surveys.loader import load_survey

    survey = load_survey(ROOT / "tests" / "support" / "surveys" / "languages.yaml").survey
    assert survey is not None
    app = make_app(survey, build_services(home=home), unlocked=True)
    samples: list[float] = []
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        drawn = _watch_frames(app)
        for number in range(SWITCHES):
            code = "cy" if number % 2 == 0 else "en"
            app.screen.query_one(f"#language-{code}").focus()
            await pilot.pause()
            title = app.screen.query_one("#title", Static)
            drawn.clear()
            started = time.perf_counter()
            app.post_message(events.Key("enter", "\r"))
            while True:
                await asyncio.wait_for(drawn.wait(), timeout=5)
                drawn.clear()
                if TITLES[code] in str(title.render()):
                    break
            samples.append(time.perf_counter() - started)
    use_language("en")
    return samples


def run() -> list[str]:
    """Median and p95 of switching between Welsh and English on the welcome screen."""
    with tempfile.TemporaryDirectory(prefix="bench-language-") as folder:
        switches = asyncio.run(_switches(Path(folder)))
    baseline = asyncio.run(_baseline_keys())
    rows = [
        (name, round(statistics.median(s) * 1000, 1), round(_p95(s) * 1000, 1))
        for name, s in (
            ("press a language to the screen in it", switches),
            ("one-widget app key", baseline),
        )
    ]
    median = rows[0][1]
    return [
        f"Choosing a language on the welcome screen ({SWITCHES} switches, headless)",
        *table(["what", "median ms", "p95 ms"], rows),
        f"median {median} ms, p95 {rows[0][2]} ms (goal <= 100 ms: "
        f"{'met' if median <= 100 and rows[0][2] <= 100 else 'NOT met'})",
    ]
