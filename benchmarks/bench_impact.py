"""Impact report speed: ``kiosk impact`` over a year of sessions, against a bare decrypt.

The issue asks for the impact report over 100 000 responses and 200 sessions, with
its ratio to a bare decrypt of the same responses (goal: 5 times or less). Here:

* 200 sessions spread over the four quarters of 2026, 500 responses each, to three
  built-in surveys in turn ("about you", the five-principle self-assessment, the
  co-production checklist), answered at random, sealed with a fresh demo key and
  written straight into the store's part-file layout (as ``bench_export`` does);
* the generated data folder is kept under ``/tmp`` (``bench-impact-<count>``) and
  reused by later runs: sealing 100 000 responses takes a while;
* **baseline**: a fresh subprocess that opens every sealed response and nothing else;
* **impact**: a fresh subprocess running ``run_impact`` (choose sessions, find the
  survey files, open, count by quarter, protect every table, check the release
  ledger, read the focus groups and the action log, write the page and the CSVs).

``python -m benchmarks impact`` runs the full size; add ``--small`` (or set
``BENCH_IMPACT_SMALL=1``) for 5 000 responses in 20 sessions.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import random
import resource
import shutil
import subprocess
import sys
import tempfile
import time
import uuid
from pathlib import Path

from benchmarks import table
from surveys import templates
from surveys.consent import ConsentRecord
from surveys.loader import load_survey
from surveys.model import Kind, Survey
from surveys.sealing import DEMO_PRIVATE_KEY_FILE, ensure_keys
from surveys.session import CompletedResponse
from surveys.storage import SealedResponse, SessionInfo
from surveys.storage.tinydb_session_files import SESSION_FILE, session_document
from surveys.storage.tinydb_store import PART_SIZE, part_document, part_name

FULL = (100_000, 200)
SMALL = (5_000, 20)
SURVEYS = ("about-you", "principles-self-assessment", "coproduction-checklist")
DONE = "complete"


def _survey(name: str) -> Survey:
    survey = load_survey(templates.template_path(name)).survey
    assert survey is not None
    return survey


def _answers(survey: Survey, rng: random.Random) -> dict[str, object]:
    answers: dict[str, object] = {}
    for question in survey.questions:
        values = [o.value for o in question.options]
        if question.kind is Kind.SINGLE:
            answers[question.id] = rng.choice(values)
        elif question.kind is Kind.MULTI:
            answers[question.id] = sorted(rng.sample(values, rng.randint(1, 2)), key=values.index)
    return answers


def prefill(home: Path, count: int, sessions: int) -> None:
    """Seal ``count`` responses over ``sessions`` sessions in 2026, in the store's layout."""
    sealer, _ = ensure_keys(home / "keys")
    surveys = [_survey(name) for name in SURVEYS]
    consent = ConsentRecord("standard-v1", "0" * 64, {})
    rng = random.Random(16)
    per_session = count // sessions
    start = dt.date(2026, 1, 5)
    for number in range(sessions):
        day = start + dt.timedelta(days=round(number * 355 / sessions))
        session = SessionInfo(f"s{uuid.uuid4().hex[:12]}", day.isoformat())
        folder = home / "sessions" / session.id
        folder.mkdir(parents=True)
        batch = []
        for index in range(per_session):
            survey = surveys[index % len(surveys)]
            payload = CompletedResponse(survey.id, survey.version, {}, consent).to_json()
            payload["answers"] = _answers(survey, rng)
            batch.append(
                SealedResponse(
                    id=uuid.uuid4().hex,
                    survey_id=survey.id,
                    survey_version=survey.version,
                    session_id=session.id,
                    session_date=session.date,
                    channel="phone" if index % 7 == 0 else "kiosk",
                    receipt_hash=None,
                    sealed=sealer.seal(payload),
                )
            )
        for part, first in enumerate(range(0, per_session, PART_SIZE), start=1):
            document = part_document(batch[first : first + PART_SIZE])
            (folder / part_name(part)).write_text(json.dumps(document), encoding="utf-8")
        (folder / SESSION_FILE).write_text(json.dumps(session_document(session)), encoding="utf-8")
    (home / DONE).write_text(f"{count} {sessions}\n", encoding="utf-8")


def cached_home(count: int, sessions: int) -> tuple[Path, float | None]:
    """The generated data folder under /tmp, made once; (folder, seconds to make or None)."""
    home = Path(tempfile.gettempdir()) / f"bench-impact-{count}-{sessions}"
    if (home / DONE).exists():
        return home, None
    shutil.rmtree(home, ignore_errors=True)
    started = time.perf_counter()
    prefill(home, count, sessions)
    return home, time.perf_counter() - started


def _child_baseline(home: Path) -> None:
    from surveys.sealing import load_private_key
    from surveys.storage.tinydb_store import TinyDbResponseStore

    opener = load_private_key(home / "keys" / DEMO_PRIVATE_KEY_FILE, None)
    started = time.perf_counter()
    count = sum(
        1
        for sealed in TinyDbResponseStore(home / "sessions").responses()
        if opener.open(sealed.sealed)
    )
    _report(time.perf_counter() - started, count)


def _child_impact(home: Path, out: Path) -> None:
    from exports.impact_period import period_from
    from exports.impact_report import ImpactRequest, run_impact
    from surveys.sealing import load_private_key
    from surveys.storage.tinydb_store import TinyDbResponseStore

    request = ImpactRequest(
        store=TinyDbResponseStore(home / "sessions"),
        opener=load_private_key(home / "keys" / DEMO_PRIVATE_KEY_FILE, None),
        output=out / "impact",
        period=period_from("2026-01", "2026-12"),
        survey_folders=[],
        ledger_file=out / "releases.json",
        actions_file=out / "actions.yaml",
    )
    started = time.perf_counter()
    result = run_impact(request)
    _report(time.perf_counter() - started, result.responses)


def _report(seconds: float, count: int) -> None:
    maxrss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    print(json.dumps({"seconds": seconds, "responses": count, "maxrss_kib": maxrss}))


def _measure(*args: str) -> dict[str, float]:
    result = subprocess.run(
        [sys.executable, "-m", "benchmarks.bench_impact", *args],
        capture_output=True,
        text=True,
        check=False,
        cwd=Path(__file__).resolve().parents[1],
    )
    if result.returncode:
        raise RuntimeError(f"bench_impact {args[0]} failed:\n{result.stderr[-2000:]}")
    measured: dict[str, float] = json.loads(result.stdout.strip().splitlines()[-1])
    return measured


def small() -> bool:
    """``--small`` on the command line, or ``BENCH_IMPACT_SMALL`` set."""
    return "--small" in sys.argv or bool(os.environ.get("BENCH_IMPACT_SMALL"))


def run() -> list[str]:
    count, sessions = SMALL if small() else FULL
    home, made = cached_home(count, sessions)
    out = Path(tempfile.mkdtemp(prefix="bench-impact-out-"))
    try:
        baseline = _measure("--baseline", str(home))
        impact = _measure("--impact", str(home), str(out))
    finally:
        shutil.rmtree(out, ignore_errors=True)
    assert baseline["responses"] == impact["responses"] == count
    ratio = impact["seconds"] / baseline["seconds"]
    return [
        *table(
            ["responses", "sessions", "decrypt s", "impact s", "impact/decrypt", "impact MiB"],
            [
                (
                    count,
                    sessions,
                    round(baseline["seconds"], 2),
                    round(impact["seconds"], 2),
                    round(ratio, 2),
                    round(impact["maxrss_kib"] / 1024),
                )
            ],
        ),
        "",
        "decrypt: open every sealed response, nothing else (one process).",
        "impact: run_impact — open, count by quarter, protect, ledger, write page and CSVs.",
        f"goal: impact/decrypt at most 5; this run: {ratio:.2f}.",
        f"data folder: {home} "
        + ("(reused from an earlier run)" if made is None else f"(made in {made:.0f} s)"),
    ]


if __name__ == "__main__":
    if len(sys.argv) == 3 and sys.argv[1] == "--baseline":
        _child_baseline(Path(sys.argv[2]))
    elif len(sys.argv) == 4 and sys.argv[1] == "--impact":
        _child_impact(Path(sys.argv[2]), Path(sys.argv[3]))
    else:
        for line in run():
            print(line)
