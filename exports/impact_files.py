"""The impact report's files: ``impact.html``, one CSV per table, and a manifest.

Each CSV holds the same protected figures as the page's table of that name (hidden
numbers appear as "<5" or "hidden", never as numbers), UTF-8 with a BOM so Excel
reads it, every cell through ``safe_cell`` so no text runs as a formula. Files are
written atomically and readable only by the coordinator's account (mode 0600).
"""

from __future__ import annotations

import csv
import hashlib
import io
import json
from collections.abc import Callable, Sequence
from pathlib import Path

from exports.cells import clean_text, safe_cell
from exports.group_decisions import GROUP_RULES
from exports.group_files import DECISION_COLUMNS, decision_rows
from exports.impact_content import ImpactContent, ImpactError
from exports.impact_counts import Crossed
from exports.impact_live import LIVE_ROWS
from exports.impact_page import DIRECTION_WORDS, render_impact
from exports.impact_tally import AID_ROWS, Item
from exports.records import Cell
from surveys.storage.atomic import write_bytes_atomic

PAGE = "impact.html"
MANIFEST = "manifest.json"
CSV_FILES = (
    "sessions.csv",
    "groups.csv",
    "ways_of_taking_part.csv",
    "principles.csv",
    "checklist.csv",
    "trends.csv",
    "focus_groups.csv",
    "actions.csv",
)
FILES = (PAGE, *CSV_FILES)
IMPACT_KIND = "coproduction-kiosk impact report"
WHOLE = "Whole period"


def check_output(folder: Path) -> None:
    """Refuse a file, or a folder holding anything but an earlier impact report."""
    if folder.exists() and not folder.is_dir():
        raise ImpactError(f"{folder} is a file. Please choose a folder for the report.")
    if folder.is_dir():
        present = {p.name for p in folder.iterdir()}
        if present and not (MANIFEST in present and present <= {*FILES, MANIFEST}):
            raise ImpactError(
                f"The folder {folder} already has other files in it. Please choose an "
                "empty folder, or the folder of an earlier impact report."
            )
        if present and _kind(folder / MANIFEST) != IMPACT_KIND:
            raise ImpactError(
                f"The folder {folder} holds an export, not an impact report. "
                "Please choose another folder."
            )


def _kind(manifest: Path) -> object:
    try:
        document = json.loads(manifest.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return document.get("kind") if isinstance(document, dict) else None


def _csv(rows: Sequence[Sequence[Cell]]) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    for row in rows:
        writer.writerow([safe_cell(value) for value in row])
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


def _crossed_rows(
    content: ImpactContent,
    table: Crossed,
    rows: Sequence[tuple[str, str]],
    total_words: str,
    lead: Sequence[str] = (),
) -> list[list[Cell]]:
    lines: list[list[Cell]] = []
    for value, words in rows:
        lines.append([*lead, words, *(table.cells[(value, k)].shown for k in table.columns)])
    lines.append([*lead, total_words, *(table.totals[k].shown for k in table.columns)])
    return lines


def _header(content: ImpactContent, *first: str, whole: bool = True) -> list[Cell]:
    return [*first, *(q.label for q in content.quarters), *([WHOLE] if whole else [])]


def _items(content: ImpactContent, items: Sequence[Item], heading: str) -> bytes:
    lines = [_header(content, heading, "Answer", whole=False)]
    for item in items:
        lines += _crossed_rows(content, item.table, item.rows, "People who answered", [item.text])
    return _csv(lines)


def _trends(content: ImpactContent) -> bytes:
    lines: list[list[Cell]] = [
        [
            "Item",
            "Good answer",
            *(f"Share {q.label}" for q in content.quarters),
            "Change (points)",
            "Which way",
        ]
    ]
    for item in (*content.tables.principles, *content.tables.checklist):
        shares = ["not shown" if s is None else f"{round(s)}%" for s in item.trend.shares]
        change = item.trend.change
        lines.append(
            [
                item.text,
                item.good,
                *shares,
                "" if change is None else round(change),
                DIRECTION_WORDS[item.trend.direction],
            ]
        )
    return _csv(lines)


def _focus_groups(content: ImpactContent) -> bytes:
    """The export's ``group_decisions.csv`` rows, with a voter count of 1 to 4 as "<5"
    (as the room was shown it)."""
    lines: list[list[Cell]] = [list(DECISION_COLUMNS)]
    voters = DECISION_COLUMNS.index("voters")
    for row in decision_rows(content.focus.decisions):
        count = row[voters]
        if isinstance(count, int) and 0 < count < GROUP_RULES.cell_min:
            row[voters] = GROUP_RULES.small_label
        lines.append(["" if value is None else value for value in row])
    return _csv(lines)


def _actions(content: ImpactContent) -> bytes:
    actions = content.actions
    lines: list[list[Cell]] = [["Group", "How it stands", "Actions"]]
    lines += [["How it stands", words, n] for words, n in actions.by_timeliness]
    lines += [["Status", words, n] for words, n in actions.by_status]
    lines.append(["Fed back", "Fed back to the people who took part", actions.fed_back])
    return _csv(lines)


def csv_files(content: ImpactContent) -> dict[str, bytes]:
    """Every CSV file's bytes, by file name."""
    tables = content.tables
    sessions: list[list[Cell]] = [_header(content, "What")]
    sessions.append(["Sessions held", *content.sessions, content.session_total])
    groups: list[list[Cell]] = [_header(content, "Group", whole=False)]
    if tables.groups is not None:
        groups += _crossed_rows(
            content, tables.groups, tables.group_rows, "People who answered this question"
        )
    ways = [
        _header(content, "How", whole=False),
        *_crossed_rows(content, tables.channels, tables.channel_rows, "All survey answers"),
    ]
    if tables.aids is not None:
        ways += _crossed_rows(content, tables.aids, AID_ROWS, "All answers on the kiosk")
    if tables.live is not None:
        ways += _crossed_rows(content, tables.live, LIVE_ROWS, "All votes and rankings")
    makers: dict[str, Callable[[], bytes]] = {
        "sessions.csv": lambda: _csv(sessions),
        "groups.csv": lambda: _csv(groups),
        "ways_of_taking_part.csv": lambda: _csv(ways),
        "principles.csv": lambda: _items(content, tables.principles, "Principle"),
        "checklist.csv": lambda: _items(content, tables.checklist, "Checklist item"),
        "trends.csv": lambda: _trends(content),
        "focus_groups.csv": lambda: _focus_groups(content),
        "actions.csv": lambda: _actions(content),
    }
    return {name: makers[name]() for name in CSV_FILES}


def write_impact(content: ImpactContent, folder: Path) -> dict[str, str]:
    """Write the page, the CSV files and the manifest; returns file name → SHA-256."""
    files = {PAGE: clean_text(render_impact(content)).encode("utf-8"), **csv_files(content)}
    folder.mkdir(parents=True, exist_ok=True)
    written = {}
    for name, data in files.items():
        write_bytes_atomic(folder / name, data, mode=0o600)
        written[name] = hashlib.sha256(data).hexdigest()
    manifest = {
        "kind": IMPACT_KIND,
        "format": 1,
        "made_on": content.made_on.isoformat(),
        "period": [content.period.first.isoformat(), content.period.last.isoformat()],
        "files": {name: {"sha256": digest} for name, digest in written.items()},
    }
    write_bytes_atomic(
        folder / MANIFEST,
        json.dumps(manifest, indent=1, sort_keys=True).encode("utf-8"),
        mode=0o600,
    )
    return written
