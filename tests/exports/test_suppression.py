"""Disclosure control: small counts hidden, and no hidden count can be worked out.

The property tests attack released tables with checkers written here, separately
from the engine: the "one gap in a line" rule, exact linear algebra over the
fractions, and (for small tables) a brute-force search over every filling of the
hidden cells that fits what a reader can see.
"""

from __future__ import annotations

import itertools
from collections.abc import Sequence
from fractions import Fraction

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from surveys.disclosure import (
    CountGrid,
    Reason,
    Released,
    TwoWay,
    percent,
    protect,
    protect_one_way,
    protect_two_way,
    round_to,
)
from surveys.thresholds import NHS, SMALL_GROUP, Thresholds, ThresholdsError, thresholds_for


def shown(cells: dict[str, Released]) -> dict[str, str]:
    return {key: cell.shown for key, cell in cells.items()}


# -- one-way tables, table-driven -----------------------------------------------------------


@pytest.mark.parametrize(
    ("counts", "sensitive", "expected", "total"),
    [
        pytest.param(
            {"a": 0, "b": 12, "c": 20},
            False,
            {"a": "0", "b": "12", "c": "20"},
            "32",
            id="nothing-small",
        ),
        pytest.param(
            {"a": 3, "b": 12, "c": 20},
            False,
            {"a": "<5", "b": "hidden", "c": "20"},
            "35",
            id="one-small-needs-a-second",
        ),
        pytest.param(
            {"a": 3, "b": 4, "c": 20},
            False,
            {"a": "<5", "b": "<5", "c": "20"},
            "27",
            id="two-smalls-protect-each-other",
        ),
        pytest.param(
            {"a": 1, "b": 1, "c": 20},
            False,
            {"a": "<5", "b": "<5", "c": "hidden"},
            "22",
            id="two-ones-exposed-by-their-sum",
        ),
        pytest.param(
            {"a": 4, "b": 4, "c": 20},
            False,
            {"a": "<5", "b": "<5", "c": "hidden"},
            "28",
            id="two-fours-exposed-by-their-sum",
        ),
        pytest.param(
            {"a": 3, "b": 0, "c": 0, "d": 12},
            False,
            {"a": "<5", "b": "0", "c": "0", "d": "hidden"},
            "15",
            id="zeros-stay",
        ),
        pytest.param(
            {"yes": 6, "no": 6}, True, {"yes": "6", "no": "6"}, "12", id="sensitive-balanced"
        ),
        pytest.param(
            {"yes": 9, "no": 1},
            True,
            {"yes": "hidden", "no": "hidden"},
            "hidden",
            id="sensitive-dominated",
        ),
        pytest.param(
            {"yes": 10, "no": 0},
            True,
            {"yes": "hidden", "no": "hidden"},
            "hidden",
            id="sensitive-everyone",
        ),
        pytest.param(
            {"yes": 9, "no": 0},
            False,
            {"yes": "hidden", "no": "hidden"},
            "hidden",
            id="fewer-than-ten",
        ),
    ],
)
def test_one_way_protection(
    counts: dict[str, int], sensitive: bool, expected: dict[str, str], total: str
) -> None:
    cells, released_total = protect_one_way(counts, SMALL_GROUP, sensitive=sensitive)
    assert shown(cells) == expected
    assert released_total.shown == total


def test_one_way_reasons_say_why() -> None:
    cells, _ = protect_one_way({"a": 3, "b": 12, "c": 20}, SMALL_GROUP)
    assert cells["a"].reason is Reason.SMALL
    assert cells["b"].reason is Reason.SECONDARY
    assert cells["c"].reason is None
    few, total = protect_one_way({"a": 5}, SMALL_GROUP)
    assert few["a"].reason is total.reason is Reason.TOO_FEW


def test_nhs_profile_hides_one_to_seven_and_rounds_the_rest() -> None:
    cells, total = protect_one_way({"a": 3, "b": 12, "c": 23, "d": 0, "e": 7, "f": 8}, NHS)
    assert shown(cells) == {"a": "<8", "b": "10", "c": "25", "d": "0", "e": "<8", "f": "10"}
    assert total.shown == "55"  # 53 rounded


@pytest.mark.parametrize(
    ("value", "base", "rounded"),
    [(0, 5, 0), (8, 5, 10), (12, 5, 10), (13, 5, 15), (52, 5, 50), (53, 5, 55), (7, 0, 7)],
)
def test_round_to(value: int, base: int, rounded: int) -> None:
    assert round_to(value, base) == rounded


def test_percentages_need_ten_and_a_shown_count() -> None:
    ten = Released(10, "10")
    assert percent(Released(5, "5"), ten, SMALL_GROUP) == "50%"
    assert percent(Released(None, "<5"), ten, SMALL_GROUP) is None
    assert percent(Released(5, "5"), Released(9, "9"), SMALL_GROUP) is None
    assert percent(Released(0, "0"), ten, SMALL_GROUP) == "0%"


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"cell_min": 0}, "smallest count"),
        ({"min_respondents": 3}, "smallest group"),
        ({"rounding_base": 1}, "Rounding"),
    ],
)
def test_bad_thresholds_are_refused_plainly(changes: dict[str, int], message: str) -> None:
    with pytest.raises(ThresholdsError, match=message):
        thresholds_for("small-group", **changes)


def test_unknown_profile_is_refused_plainly() -> None:
    with pytest.raises(ThresholdsError, match="no thresholds profile called 'big'"):
        thresholds_for("big")


def test_thresholds_are_configurable() -> None:
    strict = thresholds_for("small-group", cell_min=10, min_respondents=20)
    cells, _ = protect_one_way({"a": 9, "b": 30}, strict)
    assert cells["a"].shown == "<10"
    assert thresholds_for("nhs").rounding_base == 5


# -- linked views: a merged scale can't give away a hidden point ----------------------------


def test_merged_view_cannot_reveal_a_hidden_point() -> None:
    grid = CountGrid()
    detail = {"sd": 2, "d": 30, "n": 10, "a": 20, "sa": 20}
    for key, value in detail.items():
        grid.add(key, value)
    grid.add("total", sum(detail.values()))
    grid.tie(list(detail), "total")
    grid.add("disagree", 32)
    grid.tie(["sd", "d"], "disagree")
    released = protect(grid, SMALL_GROUP)
    assert released["sd"].shown == "<5"
    # Disagree (32) minus a shown "Disagree" point would give "Strongly disagree" away.
    assert released["d"].hidden
    assert not released["a"].hidden
    assert not released["sa"].hidden
    assert_safe_grid(grid, released, SMALL_GROUP)


def test_unpublished_complement_protects_a_multiple_choice_count() -> None:
    grid = CountGrid()
    grid.add("total", 20)
    grid.add("chose", 3)
    grid.add("not", 17, published=False)
    grid.tie(["chose", "not"], "total")
    released = protect(grid, SMALL_GROUP)
    assert released["chose"].shown == "<5"
    assert released["total"].shown == "20"
    assert "not" not in released


# -- two-way tables, table-driven -----------------------------------------------------------


def grid_shown(table: TwoWay) -> list[list[str]]:
    return [[c.shown for c in row] for row in table.cells]


def test_two_way_square_of_hidden_cells_protects_itself() -> None:
    table = protect_two_way([[3, 10], [10, 10]], SMALL_GROUP)
    assert grid_shown(table) == [["<5", "hidden"], ["hidden", "hidden"]]
    assert [c.shown for c in table.row_totals] == ["13", "20"]
    assert [c.shown for c in table.column_totals] == ["13", "20"]
    assert table.grand_total.shown == "33"
    assert_safe(table, [[3, 10], [10, 10]], SMALL_GROUP)


def test_two_way_without_small_cells_shows_everything() -> None:
    table = protect_two_way([[5, 0, 7], [6, 8, 0]], SMALL_GROUP)
    assert grid_shown(table) == [["5", "0", "7"], ["6", "8", "0"]]


def test_two_way_too_few_in_all_is_withheld() -> None:
    table = protect_two_way([[1, 2], [3, 2]], SMALL_GROUP)
    assert table.withheld
    assert table.grand_total.reason is Reason.TOO_FEW


def test_two_way_rows_alone_when_columns_are_different_questions() -> None:
    table = protect_two_way([[3, 6, 9], [0, 5, 12]], SMALL_GROUP, column_totals=False)
    assert grid_shown(table)[0] == ["<5", "hidden", "9"]
    assert grid_shown(table)[1] == ["0", "5", "12"]
    assert table.column_totals == ()


# -- the independent attacker ---------------------------------------------------------------

CAP_FACTOR = 2


def bounds(cell: Released, thresholds: Thresholds, cap: int) -> tuple[int, int]:
    """What a reader knows about a cell from what is printed."""
    if cell.value is not None:
        return cell.value, cell.value
    if cell.shown == thresholds.small_label:
        return 1, thresholds.cell_min - 1
    return thresholds.cell_min, cap


def lines_of(table: TwoWay) -> list[tuple[list[Released], Released]]:
    rows = [(list(row), total) for row, total in zip(table.cells, table.row_totals, strict=True)]
    columns = [
        ([row[c] for row in table.cells], total) for c, total in enumerate(table.column_totals)
    ]
    grand = [
        (list(table.row_totals), table.grand_total),
        (list(table.column_totals), table.grand_total),
    ]
    return rows + columns + grand


def single_gap_lines(table: TwoWay) -> list[int]:
    """Lines with exactly one hidden value: that value is the total minus the rest."""
    return [
        number
        for number, (members, total) in enumerate(lines_of(table))
        if sum(1 for cell in (*members, total) if cell.hidden) == 1
    ]


def linearly_determined(table: TwoWay) -> list[str]:
    """Hidden cells fixed by the sums alone (exact rational Gaussian elimination)."""
    rows, width = len(table.cells), len(table.cells[0])
    names: list[tuple[str, Released]] = (
        [(f"{r}:{c}", table.cells[r][c]) for r in range(rows) for c in range(width)]
        + [(f"r{r}", t) for r, t in enumerate(table.row_totals)]
        + [(f"k{c}", t) for c, t in enumerate(table.column_totals)]
        + [("grand", table.grand_total)]
    )
    unknown = [name for name, cell in names if cell.hidden]
    position = {name: i for i, name in enumerate(unknown)}
    equations = []
    spec = (
        [([f"{r}:{c}" for c in range(width)], f"r{r}") for r in range(rows)]
        + [([f"{r}:{c}" for r in range(rows)], f"k{c}") for c in range(width)]
        + [([f"r{r}" for r in range(rows)], "grand"), ([f"k{c}" for c in range(width)], "grand")]
    )
    for members, total in spec:
        vector = [Fraction(0)] * len(unknown)
        for name, sign in [*((m, 1) for m in members), (total, -1)]:
            if name in position:
                vector[position[name]] += sign
        if any(vector):
            equations.append(vector)
    # Row-reduce; a unit row (one non-zero) means that unknown is determined.
    matrix = [row[:] for row in equations]
    pivot_row = 0
    for column in range(len(unknown)):
        pivot = next((r for r in range(pivot_row, len(matrix)) if matrix[r][column]), None)
        if pivot is None:
            continue
        matrix[pivot_row], matrix[pivot] = matrix[pivot], matrix[pivot_row]
        lead = matrix[pivot_row][column]
        matrix[pivot_row] = [v / lead for v in matrix[pivot_row]]
        for r in range(len(matrix)):
            if r != pivot_row and matrix[r][column]:
                factor = matrix[r][column]
                matrix[r] = [
                    a - factor * b for a, b in zip(matrix[r], matrix[pivot_row], strict=True)
                ]
        pivot_row += 1
    return [
        unknown[next(i for i, v in enumerate(row) if v)]
        for row in matrix
        if sum(1 for v in row if v) == 1
    ]


def brute_force_values(
    table: TwoWay, truth: Sequence[Sequence[int]], thresholds: Thresholds, budget: int = 300_000
) -> dict[tuple[int, int], set[int]] | None:
    """Every value each hidden inner cell can take, given what is printed (None: too big)."""
    rows, width = len(truth), len(truth[0])
    cap = CAP_FACTOR * sum(map(sum, truth)) + 10
    hidden = [(r, c) for r in range(rows) for c in range(width) if table.cells[r][c].hidden]
    domains = {}
    for r, c in hidden:
        low, high = bounds(table.cells[r][c], thresholds, cap)
        for line_total in (table.row_totals[r], table.column_totals[c]):
            if line_total.value is not None:
                high = min(high, line_total.value)
        domains[(r, c)] = range(low, high + 1)
    seen: dict[tuple[int, int], set[int]] = {cell: set() for cell in hidden}
    steps = 0

    def fits(values: dict[tuple[int, int], int]) -> bool:
        def value(r: int, c: int) -> int:
            cell = table.cells[r][c]
            return cell.value if cell.value is not None else values[(r, c)]

        sums = [sum(value(r, c) for c in range(width)) for r in range(rows)]
        columns = [sum(value(r, c) for r in range(rows)) for c in range(width)]
        for got, printed in [
            *zip(sums, table.row_totals, strict=True),
            *zip(columns, table.column_totals, strict=True),
            (sum(sums), table.grand_total),
        ]:
            low, high = bounds(printed, thresholds, cap)
            if not low <= got <= high:
                return False
        return True

    def search(index: int, values: dict[tuple[int, int], int]) -> bool:
        nonlocal steps
        steps += 1
        if steps > budget:
            return False
        if index == len(hidden):
            if fits(values):
                for cell, value in values.items():
                    seen[cell].add(value)
            return True
        r, c = hidden[index]
        # Prune: a row with a printed total can't be overfilled.
        for value in domains[(r, c)]:
            values[(r, c)] = value
            total = table.row_totals[r].value
            if total is not None:
                partial = sum(
                    known
                    if (known := table.cells[r][k].value) is not None
                    else values.get((r, k), 0)
                    for k in range(width)
                )
                if partial > total:
                    break
            if not search(index + 1, values):
                return False
        values.pop((r, c), None)
        return True

    if not search(0, {}):
        return None
    return seen


def assert_safe(table: TwoWay, truth: Sequence[Sequence[int]], thresholds: Thresholds) -> None:
    if table.withheld:
        return
    released = [c for row in table.cells for c in row] + [
        *table.row_totals,
        *table.column_totals,
        table.grand_total,
    ]
    for cell in released:
        assert cell.value is None or cell.value == 0 or cell.value >= thresholds.cell_min
    assert single_gap_lines(table) == []
    assert linearly_determined(table) == []
    values = brute_force_values(table, truth, thresholds)
    if values is not None:
        for where, possible in values.items():
            assert len(possible) >= 2, f"hidden cell {where} can only be {possible}"


def assert_safe_grid(grid: CountGrid, released: dict[str, Released], t: Thresholds) -> None:
    """Brute force over a general grid: each hidden cell has two possible values."""
    hidden = [c for c, r in released.items() if r.hidden]
    cap = CAP_FACTOR * max(grid.values.values()) + 10
    ranges = [
        range(bounds(released[c], t, cap)[0], bounds(released[c], t, cap)[1] + 1) for c in hidden
    ]
    seen: dict[str, set[int]] = {c: set() for c in hidden}
    for combo in itertools.product(*ranges):
        values = {c: r.value for c, r in released.items() if r.value is not None}
        values.update(dict(zip(hidden, combo, strict=True)))
        if all(
            sum(values[m] for m in members) == values[total]
            for members, total in grid.lines
            if all(c in values for c in (*members, total))
        ):
            for cell, value in zip(hidden, combo, strict=True):
                seen[cell].add(value)
    assert all(len(v) >= 2 for v in seen.values()), seen


# -- property tests -------------------------------------------------------------------------

counts = st.one_of(st.integers(0, 0), st.integers(1, 4), st.integers(5, 12))


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.integers(1, 3).flatmap(
        lambda width: st.lists(
            st.lists(counts, min_size=width, max_size=width), min_size=1, max_size=3
        )
    )
)
def test_two_way_released_counts_are_zero_or_five_up_and_safe(matrix: list[list[int]]) -> None:
    assume(len(matrix[0]) >= 1)
    table = protect_two_way(matrix, SMALL_GROUP)
    assert_safe(table, matrix, SMALL_GROUP)


@settings(max_examples=300, deadline=None)
@given(st.dictionaries(st.sampled_from("abcdefg"), counts, min_size=1, max_size=7), st.booleans())
def test_one_way_released_counts_are_zero_or_five_up_and_safe(
    table: dict[str, int], sensitive: bool
) -> None:
    cells, total = protect_one_way(table, SMALL_GROUP, sensitive=sensitive)
    released = [*cells.values(), total]
    for cell in released:
        assert cell.value is None or cell.value == 0 or cell.value >= 5
    if total.value is None:
        return
    unknown = [cells[k] for k in table if cells[k].hidden]
    assert len(unknown) != 1, "one hidden cell is the total minus the rest"
    # Exact range of each hidden cell on a single line (interval reasoning is exact here).
    remainder = total.value - sum(c.value for c in cells.values() if c.value is not None)
    cap = 2 * sum(table.values()) + 10
    limits = [bounds(c, SMALL_GROUP, cap) for c in unknown]
    for index, (low, high) in enumerate(limits):
        others_low = sum(lo for i, (lo, _) in enumerate(limits) if i != index)
        others_high = sum(hi for i, (_, hi) in enumerate(limits) if i != index)
        can_low = max(low, remainder - others_high)
        can_high = min(high, remainder - others_low)
        assert can_low < can_high, f"a hidden cell can only be {can_low}"


@settings(max_examples=200, deadline=None)
@given(st.lists(counts, min_size=2, max_size=6))
def test_nhs_profile_shows_only_zero_or_multiples_of_five(values: list[int]) -> None:
    cells, total = protect_one_way({str(i): v for i, v in enumerate(values)}, NHS)
    for cell in [*cells.values(), total]:
        if cell.value is not None:
            assert cell.value % 5 == 0
        else:
            assert cell.shown in {"<8", "hidden"}
