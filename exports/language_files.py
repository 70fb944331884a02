"""The "Languages people used" table in the data files: languages.csv, the workbook's
Languages sheet and data.json's ``languages``.

Column names and keys are stable English identifiers in every report language (a
script reading the files never has to know which language the report was made in);
``language`` is the code ("cy"), ``language_name`` the language's own name
("Cymraeg"). Counts are the protected ones (``exports.language_counts``).
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator

from exports.cells import safe_cell
from exports.content import ExportContent
from exports.language_counts import LanguageTable
from exports.records import Cell
from surveys.languages import language

LANGUAGES_CSV = "languages.csv"
LANGUAGES_SHEET = "Languages"
HEADER = ("survey", "language", "language_name", "count", "shown", "hidden_because")


def own_name(code: str) -> str:
    """A language's name as its speakers write it (the code when the kiosk doesn't know it)."""
    found = language(code)
    return found.own_name if found else code


def _lines(tables: tuple[LanguageTable, ...]) -> Iterator[list[Cell]]:
    for table in tables:
        for row in table.rows:
            count = row.count
            yield [
                table.survey_id,
                row.code,
                own_name(row.code),
                count.value,
                count.shown,
                count.reason.value if count.reason else None,
            ]


def languages_sheet(content: ExportContent) -> list[list[Cell]]:
    """The workbook's Languages sheet: the header, then one line per survey and language."""
    return [list(HEADER), *_lines(content.languages)]


def languages_csv(content: ExportContent) -> bytes:
    """languages.csv: UTF-8 with a BOM for Excel; every cell safe from formulas."""
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    for line in languages_sheet(content):
        writer.writerow(["" if v is None else safe_cell(v) for v in line])
    return buffer.getvalue().encode("utf-8-sig")


def languages_json(content: ExportContent) -> list[dict[str, object]]:
    """data.json's ``languages``: per survey, its protected counts by language."""
    return [
        {
            "survey": table.survey_id,
            "withheld": table.withheld.value if table.withheld else None,
            "total": {
                "count": table.total.value,
                "shown": table.total.shown,
                "hidden_because": table.total.reason.value if table.total.reason else None,
            },
            "languages": [
                {
                    "language": row.code,
                    "language_name": own_name(row.code),
                    "count": row.count.value,
                    "shown": row.count.shown,
                    "hidden_because": row.count.reason.value if row.count.reason else None,
                }
                for row in table.rows
            ],
        }
        for table in content.languages
    ]
