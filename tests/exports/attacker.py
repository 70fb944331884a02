"""The motivated reader's sums for one published scale question, for the exact solver.

Everything a reader has: the report's cells for the question (answers, the agree /
neither / disagree view, the total), the survey's response count, and — with a
research extract — how many rows show each value of that column. The exact solver
(``surveys.disclosure_solver.exposed_cells``) then says which hidden cells have only
one possible value.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence

from exports.records import HIDDEN, Cell
from exports.tables import SCALE_MERGED, QuestionTable
from surveys.disclosure import Reason, Released
from surveys.disclosure_solver import exposed_cells
from surveys.thresholds import Thresholds


def _bounds(released: Released, thresholds: Thresholds, cap: int) -> tuple[int, int]:
    if released.reason is Reason.SMALL:
        return 1, thresholds.cell_min - 1
    if released.reason is Reason.SECONDARY:
        return thresholds.cell_min, cap
    return 0, cap


def pinned_scale_cells(
    table: QuestionTable,
    truth: Sequence[int],
    respondents: int,
    thresholds: Thresholds,
    column: Sequence[Cell] | None = None,
) -> set[str]:
    """Hidden cells of a 5-point scale table a reader could work out exactly.

    ``truth[i]`` is how many chose point ``i + 1``; ``column`` is the extract's values
    for the question on that survey's rows (None: no extract).
    """
    values: dict[str, int] = {}
    published: dict[str, Released] = {}
    hidden_report = table.withheld
    gone = Released(None, "hidden", Reason.TOO_FEW)
    unpublished = {"skipped"}
    for point in range(1, 6):
        cell = f"d{point}"
        values[cell] = truth[point - 1]
        if table.recoded:  # only the three groups are published
            unpublished.add(cell)
        else:
            published[cell] = gone if hidden_report else table.rows[point - 1].count
    merged = {row.label: row.count for row in (table.rows if table.recoded else table.merged)}
    for label, members in SCALE_MERGED:
        values[f"m:{label}"] = sum(truth[m - 1] for m in members)
        published[f"m:{label}"] = gone if hidden_report else merged[label]
    answered = sum(truth)
    values["total"] = answered
    published["total"] = gone if hidden_report else table.total
    values["respondents"] = respondents
    values["skipped"] = respondents - answered
    lines: list[tuple[tuple[str, ...], str]] = [
        (tuple(f"d{m}" for m in members), f"m:{label}") for label, members in SCALE_MERGED
    ]
    lines.append((tuple(f"d{p}" for p in range(1, 6)), "total"))
    lines.append((("total", "skipped"), "respondents"))
    if column is not None:
        seen = Counter(column)
        extras = []
        for label, _ in SCALE_MERGED:
            values[f"r:{label}"] = seen[label]
            values[f"e:{label}"] = values[f"m:{label}"] - seen[label]
            unpublished.add(f"e:{label}")
            lines.append(((f"r:{label}", f"e:{label}"), f"m:{label}"))
            extras.append(f"e:{label}")
        values["r:none"] = seen[None]
        values["e:none"] = values["skipped"] - seen[None]
        unpublished.add("e:none")
        lines.append((("r:none", "e:none"), "skipped"))
        values["r:hidden"] = seen[HIDDEN]
        lines.append(((*extras, "e:none"), "r:hidden"))
    cap = 2 * max(values.values(), default=0) + 10
    if respondents < thresholds.min_respondents:  # "fewer than 10": hidden, 1 to 9
        published["respondents"] = gone
    hidden = [cell for cell, shown in published.items() if shown.hidden]
    low, high = {}, {}
    for cell in hidden:
        low[cell], high[cell] = _bounds(published[cell], thresholds, cap)
    if "respondents" in hidden:
        low["respondents"], high["respondents"] = 1, thresholds.min_respondents - 1
    return exposed_cells(values, lines, unpublished=unpublished, hidden=hidden, low=low, high=high)
