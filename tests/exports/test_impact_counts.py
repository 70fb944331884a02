"""The impact report's tables against the exact solver, playing the reader who compares
quarters with each other and with the whole period.

The reader has every shown number, the sums that tie them, and what each label tells:
"<5" is 1 to 4, "hidden" (to protect another number) is at least 5, and a quarter
with "fewer than 10" answered has 0 to 9 in each cell and 1 to 9 in all. No hidden
number may have only one possible value.


The one thing the reader may work out is a 0 in a quarter with too few answers when
the whole period shows 0 for that row: the whole period's 0 already says it.
"""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from exports.impact_counts import ALL, Crossed, protect_by_quarter
from surveys.disclosure import Reason
from surveys.disclosure_solver import exposed_cells
from surveys.thresholds import SMALL_GROUP

QUARTERS = ("q1", "q2", "q3", "q4")
ROWS = ("a", "b", "c")
T = SMALL_GROUP


def _pinned(
    table: Crossed, counts: dict[tuple[str, str], int], totals: dict[str, int], *, multi: bool
) -> set[str]:
    values: dict[str, int] = {}
    lines: list[tuple[tuple[str, ...], str]] = []
    unpublished: set[str] = set()
    hidden: set[str] = set()
    low: dict[str, int] = {}
    high: dict[str, int] = {}
    columns = table.columns
    whole = ALL in columns
    total = {q: totals.get(q, 0) for q in QUARTERS}
    total[ALL] = sum(total.values())
    cap = 2 * max(total.values(), default=0) + 10

    def publish(cell: str, value: int, released_reason: Reason | None, shown: bool) -> None:
        values[cell] = value
        if shown:
            return
        hidden.add(cell)
        if released_reason is Reason.SMALL:
            low[cell], high[cell] = 1, T.cell_min - 1
        elif released_reason is Reason.TOO_FEW:
            low[cell], high[cell] = 0, T.min_respondents - 1
        else:
            low[cell], high[cell] = 0 if released_reason is Reason.WITHHELD else T.cell_min, cap

    for column in columns:
        released = table.totals[column]
        publish(f"t{column}", total[column], released.reason, not released.hidden)
        members = []
        for row in ROWS:
            value = (
                counts.get((row, column), 0)
                if column != ALL
                else sum(counts.get((row, q), 0) for q in QUARTERS)
            )
            cell = table.cells[(row, column)]
            publish(f"{row}{column}", value, cell.reason, not cell.hidden)
            members.append(f"{row}{column}")
            if multi:
                values[f"n{row}{column}"] = total[column] - value
                unpublished.add(f"n{row}{column}")
                lines.append(((f"{row}{column}", f"n{row}{column}"), f"t{column}"))
        if not multi:
            lines.append((tuple(members), f"t{column}"))
    if whole:
        for row in ROWS:
            lines.append((tuple(f"{row}{q}" for q in QUARTERS), f"{row}{ALL}"))
        lines.append((tuple(f"t{q}" for q in QUARTERS), f"t{ALL}"))
    pinned = exposed_cells(
        values, lines, unpublished=unpublished, hidden=hidden, low=low, high=high
    )
    # A row nobody chose all period is published as 0 for the whole period: that every
    # quarter's count is 0 then is what the published figure says, not a disclosure.
    said = {
        f"{row}{q}"
        for row in ROWS
        for q in QUARTERS
        if whole and table.cells[(row, ALL)].value == 0
    }
    return pinned - said


counts_strategy = st.dictionaries(
    st.tuples(st.sampled_from(ROWS), st.sampled_from(QUARTERS)),
    st.integers(min_value=0, max_value=14),
)


@settings(max_examples=40, deadline=None)
@given(counts=counts_strategy, whole=st.booleans())
def test_no_hidden_count_can_be_worked_out_single_answer(
    counts: dict[tuple[str, str], int], whole: bool
) -> None:
    totals = {q: sum(counts.get((r, q), 0) for r in ROWS) for q in QUARTERS}
    table = protect_by_quarter(counts, totals, ROWS, QUARTERS, T, whole=whole)
    assert not _pinned(table, counts, totals, multi=False)


@settings(max_examples=40, deadline=None)
@given(counts=counts_strategy, extra=st.lists(st.integers(0, 6), min_size=4, max_size=4))
def test_no_hidden_count_can_be_worked_out_many_answers(
    counts: dict[tuple[str, str], int], extra: list[int]
) -> None:
    # Each person may choose several rows: a quarter's total is at least its largest row.
    totals = {
        q: max((counts.get((r, q), 0) for r in ROWS), default=0) + more
        for q, more in zip(QUARTERS, extra, strict=True)
    }
    table = protect_by_quarter(counts, totals, ROWS, QUARTERS, T, multi=True, sensitive=True)
    assert not _pinned(table, counts, totals, multi=True)


def test_a_small_quarter_shows_no_numbers_and_cannot_be_worked_out_from_the_year() -> None:
    counts = {
        ("a", "q1"): 6,
        ("b", "q1"): 6,
        ("a", "q2"): 3,
        ("b", "q2"): 2,
        ("a", "q3"): 7,
        ("b", "q3"): 5,
        ("a", "q4"): 8,
        ("b", "q4"): 6,
    }
    totals = {q: sum(counts.get((r, q), 0) for r in ROWS) for q in QUARTERS}
    table = protect_by_quarter(counts, totals, ROWS, QUARTERS, T)
    assert table.totals["q2"].reason is Reason.TOO_FEW
    assert all(table.cells[(r, "q2")].hidden for r in ROWS)
    # The year's total minus the other quarters would give q2: something else is hidden.
    others = [table.totals[q] for q in ("q1", "q3", "q4", ALL)]
    assert any(t.hidden for t in others)
    assert not _pinned(table, counts, totals, multi=False)
