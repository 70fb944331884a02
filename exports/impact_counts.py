"""Counts by quarter for the impact report, through the one disclosure engine.

Each table of the report (stakeholder groups, ways of taking part, a principle's
poor / average / good answers, a checklist item's yes / no / not sure) is one
``CountGrid`` of ``surveys.disclosure``: a cell per row and quarter, the whole
period's column (each row's total over the quarters) and each column's total, all
tied by sums. ``protect`` then hides small counts and hides more until no hidden
count can be worked out, from within the quarter or across quarters (a reader
comparing quarters with the period's total is the reader it plays).

On top of the engine's own rules, the export's gates apply per column: a quarter
with fewer than ``min_respondents`` answers shows no numbers (``TOO_FEW``), and
on a sensitive multiple-choice question an option (nearly) everyone chose is
withheld, as ``exports.tables`` does.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace

from surveys.disclosure import CountGrid, Forced, Reason, Released, percent, protect
from surveys.thresholds import Thresholds

ALL = "all"
"""The column for the whole period."""


@dataclass(frozen=True)
class Crossed:
    """A protected table: rows by quarter, each row's period total, each column's total."""

    rows: tuple[str, ...]
    columns: tuple[str, ...]
    """Quarter keys, then ``ALL`` when the whole period is shown."""
    cells: dict[tuple[str, str], Released]
    totals: dict[str, Released]

    def share(self, row: str, column: str, thresholds: Thresholds) -> str | None:
        """The row's percentage of the column's total, when it may be shown."""
        return percent(self.cells[(row, column)], self.totals[column], thresholds)

    def share_value(self, row: str, column: str, thresholds: Thresholds) -> float | None:
        """The same share as a number from 0 to 100 (None when it may not be shown)."""
        if self.share(row, column, thresholds) is None:
            return None
        count, total = self.cells[(row, column)].value, self.totals[column].value
        assert count is not None
        assert total
        return 100 * count / total

    @property
    def hidden_reasons(self) -> tuple[Reason, ...]:
        """Each reason any number here is hidden for, once, in a steady order."""
        found = {r.reason for r in (*self.cells.values(), *self.totals.values()) if r.reason}
        return tuple(sorted(found, key=list(Reason).index))


def protect_by_quarter(
    counts: Mapping[tuple[str, str], int],
    totals: Mapping[str, int],
    rows: Sequence[str],
    quarters: Sequence[str],
    thresholds: Thresholds,
    *,
    multi: bool = False,
    sensitive: bool = False,
    whole: bool = True,
) -> Crossed:
    """Protect ``counts[(row, quarter)]`` with ``totals[quarter]`` (people who answered).

    With ``multi`` a person may count in several rows (a multiple-choice question):
    each cell and its unpublished "did not choose it" add up to the column total.
    Otherwise the rows of a column add up to its total. With ``whole`` the period's
    column (each row's sum over the quarters) is published and tied in too; without
    it each quarter stands alone, as an export of that quarter would.
    """
    grid = CountGrid()
    forced: dict[str, Forced] = {}
    columns = (*quarters, ALL) if whole else tuple(quarters)
    value = {(row, q): counts.get((row, q), 0) for row in rows for q in quarters} | {
        (row, ALL): sum(counts.get((row, q), 0) for q in quarters) for row in rows
    }
    total = {q: totals.get(q, 0) for q in quarters} | {ALL: sum(totals.get(q, 0) for q in quarters)}
    for column in columns:
        grid.add(_total(column), total[column])
        members = []
        for row in rows:
            cell = grid.add(_cell(row, column), value[(row, column)])
            members.append(cell)
            if multi:
                other = grid.add(
                    f"n|{row}|{column}", total[column] - value[(row, column)], published=False
                )
                grid.tie([cell, other], _total(column))
        if not multi:
            grid.tie(members, _total(column))
    if whole:
        for row in rows:
            grid.tie([_cell(row, q) for q in quarters], _cell(row, ALL))
        grid.tie([_total(q) for q in quarters], _total(ALL))
    cap = max(total.values(), default=0)
    for column in columns:
        small = 0 < total[column] < thresholds.min_respondents
        if small:
            most = thresholds.min_respondents - 1
            forced[_total(column)] = Forced(Reason.TOO_FEW, 1, most)
            for row in rows:
                forced[_cell(row, column)] = Forced(Reason.TOO_FEW, 0, most)
            continue
        if not (sensitive and multi and thresholds.dominance):
            continue
        for row in rows:
            chosen = value[(row, column)]
            if chosen > 0 and total[column] - chosen < thresholds.cell_min:
                low = max(total[column] - thresholds.cell_min + 1, 1)
                forced[_cell(row, column)] = Forced(Reason.WITHHELD, low, max(cap, low))
    released = protect(grid, thresholds, forced)
    cells = {(row, c): released[_cell(row, c)] for row in rows for c in columns}
    if sensitive:
        # One word for every other reason, so the list can't tell which answer dominated.
        cells = {
            key: replace(r, reason=Reason.WITHHELD)
            if r.hidden and r.reason not in (Reason.SMALL, Reason.TOO_FEW)
            else r
            for key, r in cells.items()
        }
    return Crossed(tuple(rows), columns, cells, {c: released[_total(c)] for c in columns})


def _cell(row: str, column: str) -> str:
    return f"c|{row}|{column}"


def _total(column: str) -> str:
    return f"t|{column}"
