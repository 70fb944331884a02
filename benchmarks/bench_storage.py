"""Time to send one response as the store grows: the design says it should not grow.

``send_response`` (seal + durable store: temp file, fsync, replace, fsync the
folder, rotate backups, under the session lock) with 10, 1 000, 10 000 and 50 000
responses already stored, in two layouts:

* spread over sessions of 200 (the usual case: one session per event);
* the latest session holding 2 000 (a very busy drop-in).

Each figure is the median of ``SENDS`` sends into the latest session. ``SENDS`` is
one whole part file's worth, so every case pays for every fill level of a part
once and the cases compare like with like.

The store is pre-filled by writing its part files directly (the JSON layout the
store itself writes, checked byte for byte against real sends before timing), not
by sending 50 000 times through fsync.

For contrast, plain TinyDB with one ``JSONStorage`` file (no sealing, no backups, no
lock; inserts only) is measured in the same run.
"""

from __future__ import annotations

import json
import os
import secrets
import shutil
import statistics
import tempfile
import time
import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

from benchmarks import table
from surveys.consent import ConsentRecord
from surveys.model import AnswerValue
from surveys.sealing import Sealer, ensure_keys
from surveys.sending import send_response
from surveys.session import CompletedResponse
from surveys.storage import SealedResponse, SessionInfo
from surveys.storage.atomic import BACKUPS, backup_path, dump_json
from surveys.storage.tinydb_session_files import SESSION_FILE, session_document
from surveys.storage.tinydb_store import (
    PART_SIZE,
    TinyDbResponseStore,
    part_document,
    part_name,
)

SIZES = (10, 1_000, 10_000, 50_000)
SENDS = PART_SIZE
"""Timed sends per case: one full cycle of a part file."""
LAYOUTS = {"sessions of 200": (200, 200), "latest session 2 000": (200, 2_000)}
"""Layout name → (responses per older session, responses in the latest session)."""
WARM_UP = 3
BASELINE_SAMPLES = {10: 30, 1_000: 30, 10_000: 10, 50_000: 5}
GOAL = 1.5
DISTINCT_BLOBS = 64


def realistic_response(number: int = 0) -> CompletedResponse:
    """About 20 answers of every kind, with two short free-text answers."""
    kinds: list[AnswerValue] = [
        "agree",
        8,
        True,
        ("more-breaks", "large-print"),
        "It was good to hear from people with lived experience. More time for questions.",
        "carer",
        4,
        False,
        ("peer-support", "online"),
        "The room was too warm.",
        "strongly-agree",
        6,
        "neither",
        ("1", "3", "2", "4"),
        True,
        "service-user",
        9,
        "disagree",
        "prefer-not-to-say",
        ("evening",),
    ]
    answers = {f"q{index:02d}": value for index, value in enumerate(kinds)}
    answers["q05"] = f"{kinds[4]} ({number})"
    consent = ConsentRecord("standard-v1", secrets.token_hex(32), {"quote": number % 2 == 0})
    return CompletedResponse("course-feedback", "3", answers, consent)


class Filler:
    """Makes stored rows fast: a pool of real sealed blobs, fresh ids and hashes."""

    def __init__(self, sealer: Sealer) -> None:
        self.blobs = [sealer.seal(realistic_response(n).to_json()) for n in range(DISTINCT_BLOBS)]
        self.count = 0

    def rows(self, session: SessionInfo, count: int) -> list[SealedResponse]:
        made = []
        for _ in range(count):
            self.count += 1
            made.append(
                SealedResponse(
                    id=uuid.uuid4().hex,
                    survey_id="course-feedback",
                    survey_version="3",
                    session_id=session.id,
                    session_date=session.date,
                    channel="kiosk",
                    receipt_hash=secrets.token_hex(32),
                    sealed=self.blobs[self.count % DISTINCT_BLOBS],
                )
            )
        return made


def write_session(folder: Path, session: SessionInfo, rows: list[SealedResponse]) -> None:
    """A session folder exactly as the store leaves it after saving ``rows`` one by one."""
    folder.mkdir(parents=True)
    (folder / SESSION_FILE).write_bytes(dump_json(session_document(session)))
    for start in range(0, len(rows), PART_SIZE):
        chunk = rows[start : start + PART_SIZE]
        path = folder / part_name(start // PART_SIZE + 1)
        path.write_bytes(dump_json(part_document(chunk)))
        for number in range(1, BACKUPS + 1):  # the versions before the last saves
            if len(chunk) - number >= 1:
                backup_path(path, number).write_bytes(
                    dump_json(part_document(chunk[: len(chunk) - number]))
                )
    (folder / ".lock").touch()


def sessions_for(total: int, per_session: int, latest: int) -> list[tuple[SessionInfo, int]]:
    """The sessions of a layout, oldest first, each with how many responses it holds."""
    latest = min(total, latest)
    older = total - latest
    plan = [per_session] * (older // per_session)
    if older % per_session:
        plan.append(older % per_session)
    plan.append(latest)
    return [
        (SessionInfo(f"s{number:05d}", f"20{20 + number // 365:02d}-01-01"), count)
        for number, count in enumerate(plan)
    ]


def prefill(root: Path, filler: Filler, total: int, per_session: int, latest: int) -> SessionInfo:
    """Write a store holding ``total`` responses; returns the latest session."""
    plan = sessions_for(total, per_session, latest)
    for session, count in plan:
        write_session(root / session.id, session, filler.rows(session, count))
    os.sync()  # so the timed sends don't also pay for writing the pre-fill back
    return plan[-1][0]


def check_layout(work: Path, sealer: Sealer) -> None:
    """The pre-fill must match, byte for byte, what real saves write (backups included)."""
    session = SessionInfo("s-check", "2025-01-01")
    rows = Filler(sealer).rows(session, PART_SIZE + PART_SIZE // 2)
    store = TinyDbResponseStore(work / "saved")
    for row in rows:
        store.save(row)
    write_session(work / "written" / session.id, session, rows)
    saved = _snapshot(work / "saved" / session.id)
    written = _snapshot(work / "written" / session.id)
    if saved != written:
        differing = sorted(
            set(saved) ^ set(written)
            | {name for name in set(saved) & set(written) if saved[name] != written[name]}
        )
        raise AssertionError(f"the pre-fill layout differs from the store's: {differing}")


def _snapshot(folder: Path) -> dict[str, bytes]:
    return {path.name: path.read_bytes() for path in folder.iterdir() if path.name != ".lock"}


def time_sends(store: TinyDbResponseStore, sealer: Sealer, session: SessionInfo) -> list[float]:
    """Seconds for each of ``SENDS`` real sends."""
    completed = [realistic_response(n) for n in range(SENDS)]
    for response in completed[:WARM_UP]:  # first-touch costs (imports, caches) aren't sends
        send_response(response, sealer=sealer, store=store, session=session)
    timings = []
    for response in completed:
        began = time.perf_counter()
        send_response(response, sealer=sealer, store=store, session=session)
        timings.append(time.perf_counter() - began)
    return timings


def baseline(work: Path, filler: Filler) -> list[tuple[int, float, int]]:
    """Plain TinyDB, one JSONStorage file: (stored, median seconds per insert, samples)."""
    from tinydb import TinyDB

    session = SessionInfo("s-baseline", "2025-01-01")
    results = []
    for size in SIZES:
        path = work / f"plain-{size}.json"
        rows = filler.rows(session, size)
        table_data = {str(n): row.to_json() for n, row in enumerate(rows, start=1)}
        path.write_text(json.dumps({"_default": table_data}), encoding="utf-8")
        os.sync()
        extra = filler.rows(session, BASELINE_SAMPLES[size])
        timings = []
        with TinyDB(path) as database:
            for row in extra:
                began = time.perf_counter()
                database.insert(row.to_json())
                timings.append(time.perf_counter() - began)
        results.append((size, statistics.median(timings), len(timings)))
        path.unlink()
    return results


@contextmanager
def _work_folder() -> Iterator[Path]:
    parent = os.environ.get("KIOSK_BENCH_DIR")
    with tempfile.TemporaryDirectory(prefix="kiosk-bench-", dir=parent) as name:
        yield Path(name)


def _ms(seconds: float) -> float:
    return seconds * 1000


def run() -> list[str]:
    """Measure and return the lines to print."""
    lines: list[str] = []
    with _work_folder() as work:
        sealer, _ = ensure_keys(work / "keys")
        check_layout(work / "check", sealer)
        filler = Filler(sealer)
        rows: list[list[object]] = []
        verdicts: list[str] = []
        for layout, (per_session, latest) in LAYOUTS.items():
            first: float | None = None
            for size in SIZES:
                root = work / f"{layout.replace(' ', '-')}-{size}"
                session = prefill(root, filler, size, per_session, latest)
                store = TinyDbResponseStore(root)
                timings = time_sends(store, sealer, session)
                median = statistics.median(timings)
                first = first or median
                p90 = statistics.quantiles(timings, n=10)[-1]
                held = store.count(session.id) - SENDS - WARM_UP
                rows.append([layout, size, held, _ms(median), _ms(p90), median / first])
                if size == SIZES[-1]:
                    ratio = median / first
                    met = "met" if ratio <= GOAL else "NOT met"
                    verdicts.append(
                        f"{layout}: ratio at {size:,} is {ratio:.2f} (goal <= {GOAL}: {met})"
                    )
                shutil.rmtree(root)
                os.sync()  # don't let the next case pay for this clean-up
        lines.append(
            f"send_response (seal + durable store), median and p90 of {SENDS} sends "
            "into the latest session"
        )
        lines += table(
            ["layout", "stored", "in latest session", "median ms", "p90 ms", "ratio to 10"],
            rows,
        )
        lines.append("")
        lines += verdicts
        lines.append("")
        plain = baseline(work, filler)
        first_plain = plain[0][1]
        lines.append(
            "Baseline, same run: plain TinyDB, one JSONStorage file "
            "(insert only: no sealing, no backups, no lock)"
        )
        lines += table(
            ["stored", "median ms", "samples", "ratio to 10"],
            [[size, _ms(median), samples, median / first_plain] for size, median, samples in plain],
        )
    return lines


def main(echo: Callable[[str], None] = print) -> None:
    """Run this benchmark on its own."""
    for line in run():
        echo(line)


if __name__ == "__main__":
    main()
