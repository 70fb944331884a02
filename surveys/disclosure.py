"""Disclosure control: which counts may be shown, and why the others are hidden.

Counts that are published together (a question's answers, its merged agree /
neutral / disagree view, its total, a two-way table's margins) form one
``CountGrid``: cells plus the sums that tie them ("these cells add up to that
total"). ``protect`` then

1. hides small counts (1 to ``cell_min - 1``; zero is shown),
2. plays the attacker: for each hidden cell it asks whether the published cells,
   the sums and what a reader knows about hidden cells ("<5" means 1–4, a cell
   hidden to protect another is at least ``cell_min``) leave exactly one possible
   value. This is an exact integer search, not just "a line with one gap",
3. while any hidden cell can be worked out, hides the smallest visible non-zero
   cell on a line through it (or that line's total when there is none), and
   repeats.

Live polls' own shapes (overall and by group) are in ``disclosure_polls``.

The ``nhs`` profile instead hides 1–7 and rounds everything else to 5, as NHS
England does for pooled data. Every hidden cell carries a ``Reason``, and
``explain`` turns a reason into a sentence for the report's list of hidden numbers.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from enum import StrEnum

from surveys.disclosure_solver import exposed_cells
from surveys.thresholds import Thresholds


class Reason(StrEnum):
    """Why a number is not shown."""

    SMALL = "small"
    SECONDARY = "secondary"
    TOO_FEW = "too_few"
    DOMINANCE = "dominance"
    LINKED = "linked"
    NO_PERCENT = "no_percent"
    NO_AVERAGE = "no_average"
    ROW_GROUP = "row_group"
    ROW_SENSITIVE = "row_sensitive"
    WITHHELD = "withheld"
    """On a sensitive question: hidden, without saying why (the why can tell the answer)."""


def explain(reason: Reason, thresholds: Thresholds) -> str:
    """A plain sentence saying why a number is hidden."""
    small = thresholds.cell_min - 1
    return {
        Reason.SMALL: (f"Between 1 and {small} people: hidden so that no one can be singled out."),
        Reason.SECONDARY: (
            "Hidden as well, so that a small hidden number can't be worked out from the totals."
        ),
        Reason.TOO_FEW: (
            f"Fewer than {thresholds.min_respondents} people answered, so no numbers are shown."
        ),
        Reason.DOMINANCE: (
            "Nearly everyone gave the same answer. Showing it could tell people in the room "
            "how the others answered."
        ),
        Reason.LINKED: (
            "This question was only shown to some people, and how many would reveal a "
            "hidden number in an earlier question."
        ),
        Reason.NO_PERCENT: (
            f"No percentage: it would be worked out of fewer than "
            f"{thresholds.percent_min_denominator} people, or of a hidden number."
        ),
        Reason.NO_AVERAGE: (
            f"No average: fewer than {thresholds.stats_min_n} answers, or the average could "
            "reveal a hidden number."
        ),
        Reason.ROW_GROUP: (
            f"In the data files, hidden on some rows so that every mix of \u201cabout you\u201d "
            "answers, month and survey version is shared by at least "
            f"{thresholds.k_anonymity} rows."
        ),
        Reason.WITHHELD: "Not shown, to protect the people who answered.",
        Reason.ROW_SENSITIVE: (
            f"In the data files, hidden where a group of rows had fewer than "
            f"{thresholds.l_diversity} different answers, which could tell how someone answered."
        ),
    }[reason]


@dataclass(frozen=True, slots=True)
class Suppression:
    """One line of the list of hidden numbers: where, what, and why."""

    where: str
    item: str
    reason: Reason
    why: str


@dataclass(frozen=True, slots=True)
class Released:
    """One published count: its value, or why it is hidden."""

    value: int | None
    shown: str
    reason: Reason | None = None

    @property
    def hidden(self) -> bool:
        """True when the number is not shown."""
        return self.value is None


@dataclass
class CountGrid:
    """Counts published together, and the sums that tie them.

    ``lines`` are ``(members, total)``: the members' counts add up to the total.
    ``unpublished`` cells take part in sums but are never shown (for example "did
    not choose this option" for a multiple-choice question).
    """

    values: dict[str, int] = field(default_factory=dict)
    lines: list[tuple[tuple[str, ...], str]] = field(default_factory=list)
    unpublished: set[str] = field(default_factory=set)

    def add(self, cell: str, value: int, *, published: bool = True) -> str:
        """Add a cell (ids must be unique); returns its id."""
        if cell in self.values:
            raise ValueError(f"cell {cell!r} added twice")
        if value < 0:
            raise ValueError("counts can't be negative")
        self.values[cell] = value
        if not published:
            self.unpublished.add(cell)
        return cell

    def tie(self, members: Sequence[str], total: str) -> None:
        """Say that ``members`` add up to ``total``."""
        missing = [c for c in (*members, total) if c not in self.values]
        if missing:
            raise ValueError(f"unknown cells {missing}")
        if sum(self.values[c] for c in members) != self.values[total]:
            raise ValueError(f"cells {list(members)} don't add up to {total}")
        self.lines.append((tuple(members), total))


@dataclass(frozen=True, slots=True)
class Forced:
    """A cell hidden for a reason decided outside the grid (e.g. dominance).

    ``low``/``high`` are what a reader can tell about its value from the reason.
    """

    reason: Reason
    low: int
    high: int


def protect(
    grid: CountGrid,
    thresholds: Thresholds,
    forced: Mapping[str, Forced] | None = None,
) -> dict[str, Released]:
    """Decide what to show for every published cell of the grid."""
    forced = dict(forced or {})
    if thresholds.rounding_base:
        return _protect_rounded(grid, thresholds, forced)
    small = thresholds.cell_min
    hidden: dict[str, Reason] = {c: f.reason for c, f in forced.items()}
    low: dict[str, int] = {c: f.low for c, f in forced.items()}
    high: dict[str, int] = {c: f.high for c, f in forced.items()}
    for cell, value in grid.values.items():
        if cell in grid.unpublished or cell in hidden:
            continue
        if 0 < value < small:
            hidden[cell] = Reason.SMALL
            low[cell], high[cell] = 1, small - 1
    if thresholds.secondary:
        while True:
            exposed = exposed_cells(
                grid.values,
                grid.lines,
                unpublished=grid.unpublished,
                hidden=hidden.keys(),
                low=low,
                high=high,
            )
            if not exposed:
                break
            choice = _next_to_hide(grid, hidden, sorted(exposed))
            if choice is None:
                break  # everything that could be hidden already is
            hidden[choice] = Reason.SECONDARY
            # Only non-zero visible cells are ever chosen, and those are ≥ cell_min.
            low[choice], high[choice] = small, count_cap(grid)
    return {
        cell: release(value, hidden.get(cell), thresholds)
        for cell, value in grid.values.items()
        if cell not in grid.unpublished
    }


def release(value: int, reason: Reason | None, thresholds: Thresholds) -> Released:
    """A count as published: its value, or the label that stands in for it."""
    if reason is None:
        return Released(value, str(value))
    shown = thresholds.small_label if reason is Reason.SMALL else "hidden"
    return Released(None, shown, reason)


def _protect_rounded(
    grid: CountGrid, thresholds: Thresholds, forced: dict[str, Forced]
) -> dict[str, Released]:
    base = thresholds.rounding_base
    result: dict[str, Released] = {}
    for cell, value in grid.values.items():
        if cell in grid.unpublished:
            continue
        if cell in forced:
            result[cell] = release(value, forced[cell].reason, thresholds)
        elif 0 < value < thresholds.cell_min:
            result[cell] = release(value, Reason.SMALL, thresholds)
        else:
            rounded = round_to(value, base)
            result[cell] = Released(rounded, str(rounded))
    return result


def round_to(value: int, base: int) -> int:
    """Round to the nearest multiple of ``base``, halves up (12 → 10, 13 → 15 for 5)."""
    return ((value + base // 2) // base) * base if base else value


def count_cap(grid: CountGrid) -> int:
    """An upper bound no count can exceed (keeps the search finite)."""
    return 2 * max(grid.values.values(), default=0) + 10


def _next_to_hide(
    grid: CountGrid, hidden: Mapping[str, Reason], exposed: Sequence[str]
) -> str | None:
    """The cell to hide next.

    Take the line through an exposed cell with the fewest hidden cells (that is
    the line giving it away) and hide its smallest visible non-zero member. Only
    when no line through any exposed cell has one, hide such a line's total; as a
    last resort, the smallest visible non-zero cell anywhere.
    """

    def visible(cell: str) -> bool:
        return cell not in hidden and cell not in grid.unpublished and grid.values[cell] > 0

    def gaps(line: tuple[tuple[str, ...], str]) -> int:
        return sum(1 for c in (*line[0], line[1]) if c in hidden or c in grid.unpublished)

    def through(target: str) -> list[tuple[tuple[str, ...], str]]:
        found = [line for line in grid.lines if target in line[0] or target == line[1]]
        return sorted(found, key=lambda line: (gaps(line), len(line[0])))

    for target in exposed:
        for members, _ in through(target):
            candidates = sorted(
                (m for m in members if visible(m)), key=lambda c: (grid.values[c], c)
            )
            if candidates:
                return candidates[0]
    for target in exposed:
        for _, total in through(target):
            if visible(total):
                return total
    rest = sorted((c for c in grid.values if visible(c)), key=lambda c: (grid.values[c], c))
    return rest[0] if rest else None


# -- convenient shapes ------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class TwoWay:
    """A protected two-way table: cells, row and column totals, and the grand total."""

    cells: tuple[tuple[Released, ...], ...]
    row_totals: tuple[Released, ...]
    column_totals: tuple[Released, ...]
    grand_total: Released
    withheld: bool = False


def protect_one_way(
    counts: Mapping[str, int], thresholds: Thresholds, *, sensitive: bool = False
) -> tuple[dict[str, Released], Released]:
    """Protect one list of counts with its total: (cells by key, total).

    Fewer than ``min_respondents`` in all → everything hidden (``TOO_FEW``). On a
    sensitive question where all but fewer than ``cell_min`` gave one answer →
    everything hidden (``DOMINANCE``).
    """
    total = sum(counts.values())
    withheld = _gate(total, max(counts.values(), default=0), thresholds, sensitive=sensitive)
    if withheld is not None:
        hidden = Released(None, "hidden", withheld)
        return dict.fromkeys(counts, hidden), hidden
    grid = CountGrid()
    cells = [grid.add(f"c:{key}", value) for key, value in counts.items()]
    grid.add("total", total)
    grid.tie(cells, "total")
    released = protect(grid, thresholds)
    return {key: released[f"c:{key}"] for key in counts}, released["total"]


def _gate(total: int, largest: int, thresholds: Thresholds, *, sensitive: bool) -> Reason | None:
    if total < thresholds.min_respondents:
        return Reason.TOO_FEW
    if sensitive and thresholds.dominance and total - largest < thresholds.cell_min:
        return Reason.DOMINANCE
    return None


def protect_two_way(
    matrix: Sequence[Sequence[int]],
    thresholds: Thresholds,
    *,
    column_totals: bool = True,
) -> TwoWay:
    """Protect a table with row totals, column totals (optional) and a grand total.

    With ``column_totals=False`` each row is its own line (the rows are different
    questions, as in the principles table) and the grand total is not published.
    """
    rows = len(matrix)
    width = len(matrix[0]) if rows else 0
    if any(len(row) != width for row in matrix):
        raise ValueError("every row needs the same number of cells")
    grand = sum(sum(row) for row in matrix)
    if column_totals and grand < thresholds.min_respondents:
        hidden = Released(None, "hidden", Reason.TOO_FEW)
        return TwoWay(
            tuple(tuple(hidden for _ in row) for row in matrix),
            tuple(hidden for _ in matrix),
            tuple(hidden for _ in range(width)),
            hidden,
            withheld=True,
        )
    grid = CountGrid()
    for r, row in enumerate(matrix):
        for c, value in enumerate(row):
            grid.add(f"{r}:{c}", value)
        grid.add(f"r{r}", sum(row))
        grid.tie([f"{r}:{c}" for c in range(width)], f"r{r}")
    if column_totals:
        for c in range(width):
            grid.add(f"k{c}", sum(row[c] for row in matrix))
            grid.tie([f"{r}:{c}" for r in range(rows)], f"k{c}")
        grid.add("grand", grand)
        grid.tie([f"r{r}" for r in range(rows)], "grand")
        grid.tie([f"k{c}" for c in range(width)], "grand")
    released = protect(grid, thresholds)
    not_published = Released(None, "", None)
    return TwoWay(
        tuple(tuple(released[f"{r}:{c}"] for c in range(width)) for r in range(rows)),
        tuple(released[f"r{r}"] for r in range(rows)),
        tuple(released[f"k{c}"] for c in range(width)) if column_totals else (),
        released["grand"] if column_totals else not_published,
    )


def percent(count: Released, total: Released, thresholds: Thresholds) -> str | None:
    """The percentage to show, or None when it must not be shown."""
    if count.value is None or total.value is None or total.value == 0:
        return None
    if total.value < thresholds.percent_min_denominator:
        return None
    return f"{round(100 * count.value / total.value)}%"
