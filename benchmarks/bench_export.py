"""Export speed: N sealed responses to report, CSV, workbook and JSON, against a plain baseline.

The design asks for an export of 100 000 responses "in seconds, not minutes". Here:

* a survey of 20 questions (8 agree/disagree scales, 3 single choice, 2 multiple
  choice, 2 ratings, 2 yes/no, 1 ranking, 2 free text: 10 % free text, each
  answered by about half the people, some with names and phone numbers to scrub);
* N responses sealed with a fresh demo key, spread over sessions of 500 and
  written straight into the store's part-file layout (``part_document`` /
  ``session_document``), not sent one by one through fsync;
* every distinct comment reviewed as "keep" with a theme, so quotes are built;
* **export**: ``run_export`` (open, check, scrub, protect, check the release
  ledger, write report, workbook, JSON and manifest) in a fresh subprocess, for
  wall time and peak memory (ru_maxrss);
* **extract**: the same with ``research_extract=True``, which adds the protected
  rows (responses.csv, the Responses sheet, data.json rows);
* **baseline**: in the same run, a fresh subprocess that only opens every sealed
  response and writes its answers as CSV rows — the least any export must do.

The ratio export ÷ baseline says what anonymising and reporting cost on top.
``BENCH_EXPORT_COUNTS`` (e.g. ``10000,100000``) sets the sizes; the default runs
10 000 and 100 000.
"""

from __future__ import annotations

import csv
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
from surveys.consent import ConsentRecord
from surveys.loader import load_survey_text
from surveys.model import Kind, Survey
from surveys.sealing import DEMO_PRIVATE_KEY_FILE, ensure_keys
from surveys.session import CompletedResponse
from surveys.storage import SealedResponse, SessionInfo
from surveys.storage.atomic import write_bytes_atomic
from surveys.storage.tinydb_session_files import SESSION_FILE, session_document
from surveys.storage.tinydb_store import PART_SIZE, part_document, part_name

DEFAULT_COUNTS = (10_000, 100_000)
SESSION_SIZE = 500
SCALES = 8
COMMENTS = (
    "It was calm and I could go at my own pace.",
    "Sarah on reception made me feel welcome, thank you.",
    "ring me on 07700 900123 if you want to know more",
    "More breaks please, the afternoon was long.",
    "The room was too cold in the morning.",
    "Dr Patel explained things clearly and kindly.",
    "email me at jo@example.org about the next course",
    "I would like a course about sleep and anxiety.",
    "Hearing other people's stories helped me a lot.",
    "The handouts had too many words for me.",
)


def survey_text() -> str:
    """The benchmark survey as YAML."""
    questions = [
        f"  - id: scale_{n}\n    kind: scale\n    text: Statement number {n}.\n"
        for n in range(1, SCALES + 1)
    ]
    for n in range(1, 4):
        questions.append(
            f"  - id: single_{n}\n    kind: single\n    text: Pick one, number {n}.\n"
            "    options: [Red, Green, Blue, Not sure]\n"
        )
    for n in range(1, 3):
        questions.append(
            f"  - id: multi_{n}\n    kind: multi\n    text: Pick any, number {n}.\n"
            "    options: [Tea, Coffee, Water, Juice]\n"
        )
    for n in range(1, 3):
        questions.append(f"  - id: rating_{n}\n    kind: rating\n    text: Rate it, {n}.\n")
    for n in range(1, 3):
        questions.append(f"  - id: yesno_{n}\n    kind: yesno\n    text: Yes or no, {n}?\n")
    questions.append(
        "  - id: ranking_1\n    kind: ranking\n    text: Put these in order.\n"
        "    options: [Back, Skip, Stop]\n"
    )
    for n in range(1, 3):
        questions.append(f"  - id: words_{n}\n    kind: longtext\n    text: Tell us more, {n}.\n")
    return (
        'id: bench\ntitle: Benchmark survey\nversion: "1"\nintro: For timing.\n'
        "consent:\n  text: standard-v1\n  organisation: the bench\n  coordinator: the bench\n"
        "  contact: the bench\n  ticks:\n    - id: quotes\n      text: You can quote my words\n"
        "questions:\n" + "".join(questions)
    )


def bench_survey() -> Survey:
    survey = load_survey_text(survey_text()).survey
    assert survey is not None
    return survey


def answers_for(survey: Survey, rng: random.Random) -> dict[str, object]:
    answers: dict[str, object] = {}
    for question in survey.questions:
        kind = question.kind
        values = [o.value for o in question.options]
        if kind is Kind.SCALE:
            answers[question.id] = rng.choice((1, 2, 3, 4, 4, 5, 5))
        elif kind is Kind.SINGLE:
            answers[question.id] = rng.choice(values)
        elif kind is Kind.MULTI:
            answers[question.id] = sorted(rng.sample(values, rng.randint(1, 3)), key=values.index)
        elif kind is Kind.RATING:
            answers[question.id] = rng.randint(0, 10)
        elif kind is Kind.YESNO:
            answers[question.id] = rng.random() < 0.6
        elif kind is Kind.RANKING:
            answers[question.id] = rng.sample(values, len(values))
        elif kind is Kind.LONGTEXT and rng.random() < 0.5:
            answers[question.id] = f"{rng.choice(COMMENTS)} ({rng.randint(1, 40)})"
    return answers


def prefill(home: Path, count: int) -> None:
    """Seal ``count`` responses and write them in the store's own layout."""
    sealer, _ = ensure_keys(home / "keys")
    survey = bench_survey()
    consent = ConsentRecord("standard-v1", "0" * 64, {"quotes": True})
    rng = random.Random(20)
    root = home / "sessions"
    made = 0
    day = 0
    while made < count:
        session = SessionInfo(
            f"s{uuid.uuid4().hex[:12]}", f"2026-{1 + day // 28:02d}-{1 + day % 28:02d}"
        )
        day += 1
        folder = root / session.id
        folder.mkdir(parents=True)
        size = min(SESSION_SIZE, count - made)
        batch = []
        for _ in range(size):
            completed = CompletedResponse(survey.id, survey.version, {}, consent)
            payload = completed.to_json()
            payload["answers"] = answers_for(survey, rng)
            batch.append(
                SealedResponse(
                    id=uuid.uuid4().hex,
                    survey_id=survey.id,
                    survey_version="1",
                    session_id=session.id,
                    session_date=session.date,
                    channel="kiosk",
                    receipt_hash=None,
                    sealed=sealer.seal(payload),
                )
            )
        for number, start in enumerate(range(0, size, PART_SIZE), start=1):
            document = part_document(batch[start : start + PART_SIZE])
            (folder / part_name(number)).write_text(json.dumps(document), encoding="utf-8")
        (folder / SESSION_FILE).write_text(
            json.dumps(session_document(session, 3)), encoding="utf-8"
        )
        made += size
    (home / "bench.yaml").write_text(survey_text(), encoding="utf-8")


def _child_export(home: Path, *, extract: bool = False) -> None:
    from exports import run_export
    from exports.comment_review import Action
    from exports.definitions import load_definitions
    from exports.pipeline import ExportRequest, prepare_review
    from surveys.sealing import load_private_key
    from surveys.storage.tinydb_store import TinyDbResponseStore

    request = ExportRequest(
        store=TinyDbResponseStore(home / "sessions"),
        opener=load_private_key(home / "keys" / DEMO_PRIVATE_KEY_FILE, None),
        output=home / ("extract" if extract else "export"),
        definitions=load_definitions([home / "bench.yaml"]),
        survey_folders=[],
        review_file=home / "review.json",
        ledger_file=home / "releases.json",
        research_extract=extract,
    )
    started = time.perf_counter()
    review = prepare_review(request)  # what the review screen would load
    for comment in review.comments:
        review.decide(comment.key, Action.KEEP, theme="Benchmark theme")
    review.save()
    reviewed = time.perf_counter() - started
    started = time.perf_counter()
    result = run_export(request)
    seconds = time.perf_counter() - started
    print(
        json.dumps(
            {
                "seconds": seconds,
                "review_seconds": reviewed,
                "responses": result.responses,
                "maxrss_kib": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss,
            }
        )
    )


def _child_baseline(home: Path) -> None:
    from surveys.sealing import load_private_key
    from surveys.storage.tinydb_store import TinyDbResponseStore

    store = TinyDbResponseStore(home / "sessions")
    opener = load_private_key(home / "keys" / DEMO_PRIVATE_KEY_FILE, None)
    survey = bench_survey()
    ids = [q.id for q in survey.questions]
    started = time.perf_counter()
    count = 0
    out = home / "baseline.csv"
    with out.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(ids)
        for sealed in store.responses():
            answers = opener.open(sealed.sealed)["answers"]
            assert isinstance(answers, dict)
            writer.writerow([answers.get(i, "") for i in ids])
            count += 1
        handle.flush()
        os.fsync(handle.fileno())
    seconds = time.perf_counter() - started
    write_bytes_atomic(home / "baseline.done", b"")  # same durability step the export ends on
    print(
        json.dumps(
            {
                "seconds": seconds,
                "responses": count,
                "maxrss_kib": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss,
            }
        )
    )


def _measure(mode: str, home: Path) -> dict[str, float]:
    wall = time.perf_counter()
    result = subprocess.run(
        [sys.executable, "-m", "benchmarks.bench_export", mode, str(home)],
        capture_output=True,
        text=True,
        check=True,
        cwd=Path(__file__).resolve().parents[1],
    )
    measured: dict[str, float] = json.loads(result.stdout.strip().splitlines()[-1])
    measured["process_seconds"] = time.perf_counter() - wall
    return measured


def counts() -> list[int]:
    raw = os.environ.get("BENCH_EXPORT_COUNTS")
    if not raw:
        return list(DEFAULT_COUNTS)
    return [int(part) for part in raw.split(",") if part.strip()]


def run() -> list[str]:
    rows = []
    notes = []
    for count in counts():
        home = Path(tempfile.mkdtemp(prefix="bench-export-"))
        try:
            started = time.perf_counter()
            prefill(home, count)
            filled = time.perf_counter() - started
            baseline = _measure("--baseline", home)
            export = _measure("--export", home)
            extract = _measure("--extract", home)
            assert export["responses"] == extract["responses"] == baseline["responses"] == count
            rows.append(
                (
                    f"{count:,}".replace(",", " "),
                    round(baseline["seconds"], 2),
                    round(export["seconds"], 2),
                    round(export["seconds"] / baseline["seconds"], 2),
                    round(extract["seconds"], 2),
                    round(extract["seconds"] / baseline["seconds"], 2),
                    round(baseline["maxrss_kib"] / 1024),
                    round(export["maxrss_kib"] / 1024),
                    round(extract["maxrss_kib"] / 1024),
                )
            )
            size = sum(p.stat().st_size for p in (home / "export").iterdir()) / 1e6
            big = sum(p.stat().st_size for p in (home / "extract").iterdir()) / 1e6
            notes.append(
                f"{count} responses: prefill {filled:.1f} s; review load "
                f"{export['review_seconds']:.1f} s (not in the export time); "
                f"export folder {size:.1f} MB, with the extract {big:.1f} MB."
            )
        finally:
            shutil.rmtree(home, ignore_errors=True)
    return [
        *table(
            [
                "responses",
                "baseline s",
                "export s",
                "export/baseline",
                "extract s",
                "extract/baseline",
                "baseline MiB",
                "export MiB",
                "extract MiB",
            ],
            rows,
        ),
        "",
        "baseline: open every sealed response and write its answers as CSV (one process).",
        "export: run_export — open, check, scrub, protect, check the ledger, write 4 files.",
        "extract: the same with research_extract=True (adds the protected rows, 5 files).",
        "MiB: peak resident memory of that process (ru_maxrss).",
        *notes,
    ]


if __name__ == "__main__":
    if len(sys.argv) == 3 and sys.argv[1] == "--export":
        _child_export(Path(sys.argv[2]))
    elif len(sys.argv) == 3 and sys.argv[1] == "--extract":
        _child_export(Path(sys.argv[2]), extract=True)
    elif len(sys.argv) == 3 and sys.argv[1] == "--baseline":
        _child_baseline(Path(sys.argv[2]))
    else:
        for line in run():
            print(line)
