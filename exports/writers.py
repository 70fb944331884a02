"""The files of an export: report.html, responses.csv, workbook.xlsx, data.json, manifest.json.

Every writer takes an ``ExportContent`` (only anonymised, protected pieces) and
returns bytes; ``write_export`` writes each file atomically (temp file, fsync,
replace, fsync the folder) and then the manifest with each file's SHA-256.
Spreadsheet cells go through ``safe_cell``, so no text can run as a formula.
"""

from __future__ import annotations

import csv
import hashlib
import io
import itertools
import json
import secrets
from collections.abc import Callable, Iterable, Iterator, Sequence
from pathlib import Path

from exports.cells import clean_text, safe_cell
from exports.content import ExportContent
from exports.group_files import (
    DECISIONS_CSV,
    DECISIONS_SHEET,
    IDEAS_CSV,
    IDEAS_SHEET,
    decisions_csv,
    decisions_json,
    decisions_sheet,
    ideas_csv,
    ideas_sheet,
)
from exports.language_files import (
    LANGUAGES_CSV,
    LANGUAGES_SHEET,
    languages_csv,
    languages_json,
    languages_sheet,
)
from exports.outcomes import HEADINGS
from exports.records import AnonymisedRecord, Cell
from exports.report import render_report
from exports.report_words import report_words
from exports.research_extract import FIXED_COLUMNS
from exports.tables import QuestionTable, Row
from exports.workbook import build_workbook
from surveys.catalogues import N_, Words
from surveys.disclosure import Released
from surveys.storage.atomic import write_chunks_atomic

REPORT = "report.html"
CSV = "responses.csv"
WORKBOOK = "workbook.xlsx"
DATA = "data.json"
MANIFEST = "manifest.json"
FILES = (REPORT, CSV, WORKBOOK, DATA, LANGUAGES_CSV, DECISIONS_CSV, IDEAS_CSV)
"""Every file an export may write (the CSV of rows only in a research extract, the
group files only when a focus-group session is in the export)."""
EXPORT_KIND = "coproduction-kiosk export"
FORMAT = 1
CHUNK_ROWS = 2_000


def _header(content: ExportContent) -> list[str]:
    return [*FIXED_COLUMNS, *(c.name for c in content.data.columns)]


def _row(record: AnonymisedRecord) -> list[Cell]:
    return [
        record.row,
        record.survey_id,
        record.survey_version,
        record.session_month,
        *record.values,
    ]


def csv_chunks(content: ExportContent) -> Iterator[bytes]:
    """One row per response, the codebook's columns; UTF-8 with a BOM for Excel."""
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow([safe_cell(name) for name in _header(content)])
    yield buffer.getvalue().encode("utf-8-sig")
    records = content.data.records
    for start in range(0, len(records), CHUNK_ROWS):
        buffer = io.StringIO()
        writer = csv.writer(buffer)
        for record in records[start : start + CHUNK_ROWS]:
            writer.writerow(["" if v is None else safe_cell(v) for v in _row(record)])
        yield buffer.getvalue().encode("utf-8")


def csv_bytes(content: ExportContent) -> bytes:
    """responses.csv as bytes."""
    return b"".join(csv_chunks(content))


def _summary_lines(content: ExportContent) -> Iterator[list[Cell]]:
    """The Summary sheet: English column names (stable, like every data file's), the
    words in the cells in the report's language."""
    w = report_words(content.language)
    yield ["Survey", "Question", "View", "Answer", "People", "Percent", "Note"]
    for tables in content.surveys:
        title = tables.survey.title
        yield [title, w(N_("Responses")), "", "", _shown(tables.responses), None, None]
        for table in tables.tables:
            yield from _table_lines(w, title, table)
    for free in content.free_text:
        title = content.survey(free.survey_id).title
        themes = w(N_("Themes"))
        for row in free.themes:
            yield [title, free.question.text, themes, row.label, _shown(row.count), None, None]


def _table_lines(w: Words, title: str, table: QuestionTable) -> Iterator[list[Cell]]:
    if table.withheld:
        yield [title, table.text, "", "", None, None, table.note]
        return
    answers = w(N_("Answers in three groups")) if table.recoded else w(N_("Answers"))
    views: list[tuple[str, tuple[Row, ...]]] = [(answers, table.rows)]
    if table.merged:
        views.append((table.merged_title or w(N_("Merged")), table.merged))
    total = w(N_("Total who answered"))
    for view, rows in views:
        for row in rows:
            yield [title, table.text, view, row.label, _shown(row.count), row.percent, None]
        yield [title, table.text, view, total, _shown(table.total), None, None]
    summary = w(N_("Summary"))
    for name, value in table.stats:
        yield [title, table.text, summary, name, value, None, None]


def _shown(released: Released) -> Cell:
    return released.value if released.value is not None else released.shown


def xlsx_bytes(content: ExportContent) -> bytes:
    """The workbook: summary, responses, codebook, hidden numbers, comments, outcomes."""
    header: list[Cell] = list(_header(content))
    codebook: list[list[Cell]] = [
        ["Column", "Survey", "Question", "Kind", "Values", "About you", "Sensitive"],
        ["row", "", "A number given after the rows were shuffled", "", "", "", ""],
        ["survey", "", "The survey's id", "", "", "", ""],
        ["survey_version", "", "The survey file's version", "", "", "", ""],
        ["session_month", "", "The month of the session (YYYY-MM)", "", "", "", ""],
    ]
    codebook += [
        [
            c.name,
            c.survey_id,
            c.text,
            c.kind,
            c.values,
            "yes" if c.about_you else "",
            "yes" if c.sensitive else "",
        ]
        for c in content.data.columns
    ]
    hidden: list[list[Cell]] = [["Where", "What", "Why"]]
    hidden += [[x.where, x.item, x.why] for x in content.suppressions]
    quotes: list[list[Cell]] = [["Survey", "Question", "Theme", "Comment", "Language"]]
    quotes += [
        [
            q.survey_id,
            content.survey(q.survey_id).question(q.question_id).text,
            q.theme or "",
            q.text,
            q.language or "",
        ]
        for q in content.data.quotes
    ]
    outcomes: list[list[Cell]] = [list(HEADINGS)]
    outcomes += [list(content.outcomes.row(a)) for a in content.outcomes.shared]
    sheets: list[tuple[str, Iterable[Sequence[Cell]]]] = [("Summary", _summary_lines(content))]
    if content.data.extract:
        sheets.append(("Codebook", codebook))
    sheets += [
        (LANGUAGES_SHEET, languages_sheet(content)),
        ("Hidden numbers", hidden),
        ("Comments", quotes),
        ("You said, we did", outcomes),
    ]
    if content.group_decisions:
        sheets += [
            (DECISIONS_SHEET, decisions_sheet(content.group_decisions)),
            (IDEAS_SHEET, ideas_sheet(content.group_decisions)),
        ]
    rows = itertools.chain([header], (_row(r) for r in content.data.records))
    return build_workbook(sheets, rows if content.data.extract else None)


def _released(released: Released) -> dict[str, object]:
    return {
        "count": released.value,
        "shown": released.shown,
        "hidden_because": released.reason.value if released.reason else None,
    }


def _rows_json(rows: tuple[Row, ...]) -> list[dict[str, object]]:
    return [{"answer": r.label, **_released(r.count), "percent": r.percent} for r in rows]


def data_document(content: ExportContent, *, rows: bool = True) -> dict[str, object]:
    """Everything in the export as plain data (what data.json holds)."""
    t = content.thresholds
    document: dict[str, object] = {
        "kind": EXPORT_KIND,
        "format": FORMAT,
        "title": content.title,
        "made_on": content.made_on.isoformat(),
        "months": list(content.months),
        "sessions": content.session_count,
        "thresholds": {
            "profile": t.profile.value,
            "min_respondents": t.min_respondents,
            "cell_min": t.cell_min,
            "percent_min_denominator": t.percent_min_denominator,
            "stats_min_n": t.stats_min_n,
            "secondary": t.secondary,
            "dominance": t.dominance,
            "rounding_base": t.rounding_base,
            "k_anonymity": t.k_anonymity,
            "l_diversity": t.l_diversity,
        },
        "declines": _released(content.declines),
        "surveys": [
            {
                "id": tables.survey.id,
                "title": tables.survey.title,
                "version": tables.survey.version,
                "responses": _released(tables.responses),
                "questions": [
                    {
                        "id": table.question_id,
                        "text": table.text,
                        "kind": table.kind.value,
                        "about_you": table.about_you,
                        "sensitive": table.sensitive,
                        "withheld": table.note,
                        "in_three_groups": table.recoded,
                        "total": _released(table.total),
                        "answers": _rows_json(table.rows),
                        "merged": _rows_json(table.merged),
                        "stats": dict(table.stats),
                    }
                    for table in tables.tables
                ],
            }
            for tables in content.surveys
        ],
        "free_text": [
            {
                "survey": free.survey_id,
                "question": free.question.id,
                "written": _released(free.count("written")),
                "kept": _released(free.count("kept")),
                "dropped": _released(free.count("dropped")),
                "waiting_for_review": _released(free.count("pending")),
                "kept_not_quotable": _released(free.count("kept_not_quotable")),
                "quoted": _released(free.count("quoted")),
                "themes": _rows_json(free.themes),
            }
            for free in content.free_text
        ],
        "quotes": [
            {
                "survey": q.survey_id,
                "question": q.question_id,
                "theme": q.theme,
                "text": q.text,
                "language": q.language,
            }
            for q in content.data.quotes
        ],
        "outcomes": [
            {
                "id": a.id,
                "you_said": a.you_said,
                "we_did": a.we_did,
                "status": a.status.label,
                "due": a.due.isoformat(),
                "timeliness": content.outcomes.timeliness(a),
                "reason": a.reason,
                "fed_back_on": a.fed_back_on.isoformat() if a.fed_back_on else None,
            }
            for a in content.outcomes.shared
        ],
        "actions_by_timeliness": {k.value: n for k, n in content.outcomes.counts},
        "group_decisions": decisions_json(content.group_decisions),
        "report_language": content.language,
        "languages": languages_json(content),
        "hidden": [
            {"where": s.where, "what": s.item, "reason": s.reason.value, "why": s.why}
            for s in content.suppressions
        ],
        "left_out": list(content.data.left_out),
    }
    if not content.data.extract:
        return document
    document |= {
        "codebook": [
            {
                "column": c.name,
                "survey": c.survey_id,
                "question": c.question_id,
                "text": c.text,
                "kind": c.kind,
                "values": c.values,
                "about_you": c.about_you,
                "sensitive": c.sensitive,
            }
            for c in content.data.columns
        ],
        "columns": _header(content),
        "rows": [_row(r) for r in content.data.records] if rows else [],
    }
    return document


def json_chunks(content: ExportContent) -> Iterator[bytes]:
    """data.json: readable, UTF-8; a research extract's rows one to a line, streamed."""
    document = data_document(content, rows=False)
    if not content.data.extract:
        yield json.dumps(document, ensure_ascii=False, indent=1).encode("utf-8")
        return
    marker = secrets.token_hex(16)
    document["rows"] = marker
    head, tail = json.dumps(document, ensure_ascii=False, indent=1).split(f'"{marker}"')
    yield head.encode("utf-8") + b"["
    records = content.data.records
    for start in range(0, len(records), CHUNK_ROWS):
        lines = (
            json.dumps(_row(record), ensure_ascii=False)
            for record in records[start : start + CHUNK_ROWS]
        )
        yield (("," if start else "") + "\n" + ",\n".join(lines)).encode("utf-8")
    yield b"\n]" + tail.encode("utf-8")


def html_bytes(content: ExportContent) -> bytes:
    """report.html."""
    return clean_text(render_report(content)).encode("utf-8")


def sha256(data: bytes) -> str:
    """Hex SHA-256 of some bytes."""
    return hashlib.sha256(data).hexdigest()


def _write_streamed(path: Path, chunks: Iterable[bytes]) -> tuple[str, int]:
    """Write chunks with ``write_chunks_atomic``, hashing them on the way; (SHA-256, bytes)."""
    digest = hashlib.sha256()

    def hashed() -> Iterator[bytes]:
        for chunk in chunks:
            digest.update(chunk)
            yield chunk

    size = write_chunks_atomic(path, hashed())
    return digest.hexdigest(), size


def write_export(content: ExportContent, folder: Path) -> dict[str, str]:
    """Write every file, then the manifest; returns file name → SHA-256."""
    folder.mkdir(parents=True, exist_ok=True)
    makers: dict[str, Callable[[ExportContent], Iterable[bytes]]] = {
        REPORT: lambda c: [html_bytes(c)],
        CSV: csv_chunks,
        WORKBOOK: lambda c: [xlsx_bytes(c)],
        DATA: json_chunks,
        LANGUAGES_CSV: lambda c: [languages_csv(c)],
    }
    if content.group_decisions:
        makers[DECISIONS_CSV] = lambda c: [decisions_csv(c.group_decisions)]
        makers[IDEAS_CSV] = lambda c: [ideas_csv(c.group_decisions)]
    else:
        # No focus group in this export: an earlier export's group files here go.
        for name in (DECISIONS_CSV, IDEAS_CSV):
            (folder / name).unlink(missing_ok=True)
    if not content.data.extract:
        # The default release has no rows; an earlier extract's CSV in this folder goes.
        del makers[CSV]
        (folder / CSV).unlink(missing_ok=True)
    written = {name: _write_streamed(folder / name, make(content)) for name, make in makers.items()}
    manifest = {
        "kind": EXPORT_KIND,
        "format": FORMAT,
        "made_on": content.made_on.isoformat(),
        "files": {
            name: {"sha256": digest, "bytes": size} for name, (digest, size) in written.items()
        },
    }
    _write_streamed(
        folder / MANIFEST, [json.dumps(manifest, indent=1, sort_keys=True).encode("utf-8")]
    )
    return {name: digest for name, (digest, _) in written.items()}
