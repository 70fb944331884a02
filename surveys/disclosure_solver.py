"""The attacker's side of disclosure control: which hidden counts can be worked out?

Given the published cells, the sums that tie them, and what a reader knows about
each hidden cell ("<5" means 1 to 4; a cell hidden to protect another is at least
the threshold), ``exposed_cells`` finds every hidden cell that has exactly one
possible value. Bounds are tightened to a fixpoint, then a depth-first search over
the integers looks, for each hidden cell, for two solutions that differ in it.
Tables in a report are small (a question's answers and their merged view), so the
search is quick; a step budget stops pathological cases and then treats every
hidden cell as exposed, which only ever hides more.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence, Set

_SEARCH_BUDGET = 200_000
"""Search steps per question before giving up and treating the cell as exposed."""


class _BudgetError(Exception):
    pass


def exposed_cells(
    values: Mapping[str, int],
    lines: Sequence[tuple[tuple[str, ...], str]],
    *,
    unpublished: Set[str],
    hidden: Iterable[str],
    low: Mapping[str, int],
    high: Mapping[str, int],
    only: Set[str] | None = None,
) -> set[str]:
    """Hidden published cells whose value a reader could work out exactly.

    The reader knows every shown value, that ``lines`` are sums (members add up to
    the total), and the bounds ``low``/``high`` of each hidden cell (unlisted
    bounds: 0 to a cap no count reaches). The search is exact over the integers.
    ``only`` limits the answer (and the work) to those cells.
    """
    hidden = set(hidden)
    system = _system(values, lines, unpublished=unpublished, hidden=hidden, low=low, high=high)
    if system is None:
        # Cannot happen for true values; treat everything as exposed to stay safe.
        return set(hidden) - set(unpublished)
    solver, unknown, lo, hi = system
    wanted = None if only is None else {i for i, cell in enumerate(unknown) if cell in only}
    try:
        fixed = solver.fixed_cells(lo, hi, wanted)
    except _BudgetError:
        fixed = set(range(len(unknown)))
    return {unknown[i] for i in fixed if unknown[i] not in unpublished}


def forced_to(
    values: Mapping[str, int],
    lines: Sequence[tuple[tuple[str, ...], str]],
    *,
    unpublished: Set[str],
    hidden: Iterable[str],
    low: Mapping[str, int],
    high: Mapping[str, int],
    targets: Mapping[str, int],
    true_values: bool = False,
) -> set[str]:
    """Cells a reader can tell are exactly at their target in every possible table.

    Used for "everyone in this group gave that answer": the target of a group's
    count for one answer is the group's size, and if no table consistent with what
    is shown has that count below the size, every person in the group is pinned.
    A shown cell is forced when it equals its target. Like ``exposed_cells`` the
    search is exact, and running out of steps counts as forced (hides more).
    With ``true_values`` (``values`` are the real counts, hidden ones too, within
    the bounds) the real table is itself a possible one, so a cell whose real value
    differs from its target needs no search.
    """
    hidden = set(hidden)
    forced = {
        cell
        for cell, target in targets.items()
        if cell not in hidden and cell not in unpublished and values[cell] == target
    }
    system = _system(values, lines, unpublished=unpublished, hidden=hidden, low=low, high=high)
    if system is None:
        return forced | {c for c in targets if c in hidden or c in unpublished}
    solver, unknown, lo, hi = system
    index = {cell: i for i, cell in enumerate(unknown)}
    for cell, target in targets.items():
        if cell not in index or (true_values and values[cell] != target):
            continue
        variable = index[cell]
        try:
            # Is there a table where fewer than the target gave it, or more?
            below = target - 1 >= lo[variable] and _with_bounds(
                solver, lo, hi, variable, (lo[variable], target - 1)
            )
            above = (
                not below
                and target + 1 <= hi[variable]
                and _with_bounds(solver, lo, hi, variable, (target + 1, hi[variable]))
            )
        except _BudgetError:
            forced.add(cell)
            continue
        if not below and not above:
            forced.add(cell)
    return forced


def _with_bounds(
    solver: _Solver, lo: list[int], hi: list[int], variable: int, bounds: tuple[int, int]
) -> bool:
    trial_lo, trial_hi = list(lo), list(hi)
    trial_lo[variable], trial_hi[variable] = bounds
    return solver.solve(trial_lo, trial_hi) is not None


def _system(
    values: Mapping[str, int],
    lines: Sequence[tuple[tuple[str, ...], str]],
    *,
    unpublished: Set[str],
    hidden: Iterable[str],
    low: Mapping[str, int],
    high: Mapping[str, int],
) -> tuple[_Solver, list[str], list[int], list[int]] | None:
    """The reader's equations and bounds after propagation, or None when infeasible."""
    cap = 2 * max(values.values(), default=0) + 10
    unknown = sorted(set(hidden) | set(unpublished))
    index = {cell: i for i, cell in enumerate(unknown)}
    lo = [low.get(c, 0) for c in unknown]
    hi = [high.get(c, cap) for c in unknown]
    equations: list[tuple[list[tuple[int, int]], int]] = []
    for members, total in lines:
        terms: list[tuple[int, int]] = []
        constant = 0
        for cell, sign in [*((m, 1) for m in members), (total, -1)]:
            if cell in index:
                terms.append((index[cell], sign))
            else:
                constant -= sign * values[cell]
        if terms:
            equations.append((terms, constant))
    solver = _Solver(equations, len(unknown))
    try:
        feasible = solver.propagate(lo, hi)
    except _BudgetError:
        return None
    return (solver, unknown, lo, hi) if feasible else None


class _Solver:
    """Integer feasibility over ``sum(sign * x) == constant`` with bounds."""

    def __init__(self, equations: list[tuple[list[tuple[int, int]], int]], size: int) -> None:
        self.equations = equations
        self.size = size
        self.steps = 0
        self.touching: list[list[int]] = [[] for _ in range(size)]
        for number, (terms, _) in enumerate(equations):
            for variable, _sign in terms:
                self.touching[variable].append(number)

    def propagate(self, lo: list[int], hi: list[int]) -> bool:
        """Tighten bounds to a fixpoint; False when no solution is left."""
        queue = list(range(len(self.equations)))
        queued = set(queue)
        while queue:
            number = queue.pop()
            queued.discard(number)
            self.steps += 1
            if self.steps > _SEARCH_BUDGET:
                raise _BudgetError
            terms, constant = self.equations[number]
            low_sum = sum(lo[v] if s > 0 else -hi[v] for v, s in terms)
            high_sum = sum(hi[v] if s > 0 else -lo[v] for v, s in terms)
            if low_sum > constant or high_sum < constant:
                return False
            for variable, sign in terms:
                own_low = lo[variable] if sign > 0 else -hi[variable]
                own_high = hi[variable] if sign > 0 else -lo[variable]
                rest_low, rest_high = low_sum - own_low, high_sum - own_high
                # sign * x == constant - rest
                term_low, term_high = constant - rest_high, constant - rest_low
                new_lo, new_hi = (term_low, term_high) if sign > 0 else (-term_high, -term_low)
                if new_lo > lo[variable] or new_hi < hi[variable]:
                    lo[variable] = max(lo[variable], new_lo)
                    hi[variable] = min(hi[variable], new_hi)
                    if lo[variable] > hi[variable]:
                        return False
                    for other in self.touching[variable]:
                        if other not in queued:
                            queue.append(other)
                            queued.add(other)
        return True

    def solve(self, lo: list[int], hi: list[int]) -> list[int] | None:
        """One solution within the bounds, or None."""
        lo, hi = list(lo), list(hi)
        if not self.propagate(lo, hi):
            return None
        open_vars = [v for v in range(self.size) if lo[v] < hi[v]]
        if not open_vars:
            return lo
        variable = min(open_vars, key=lambda v: hi[v] - lo[v])
        for value in range(lo[variable], hi[variable] + 1):
            trial_lo, trial_hi = list(lo), list(hi)
            trial_lo[variable] = trial_hi[variable] = value
            found = self.solve(trial_lo, trial_hi)
            if found is not None:
                return found
        return None

    def fixed_cells(self, lo: list[int], hi: list[int], wanted: Set[int] | None = None) -> set[int]:
        """Variables (of ``wanted``, or all) with exactly one feasible value."""
        first = self.solve(lo, hi)
        if first is None:
            return set(range(self.size)) if wanted is None else set(wanted)
        seen: list[set[int]] = [{value} for value in first]
        fixed: set[int] = set()
        for variable in range(self.size):
            if wanted is not None and variable not in wanted:
                continue
            if len(seen[variable]) > 1:
                continue
            value = first[variable]
            other = None
            for bounds in ((lo[variable], value - 1), (value + 1, hi[variable])):
                if bounds[0] > bounds[1]:
                    continue
                trial_lo, trial_hi = list(lo), list(hi)
                trial_lo[variable], trial_hi[variable] = bounds
                other = self.solve(trial_lo, trial_hi)
                if other is not None:
                    break
            if other is None:
                fixed.add(variable)
            else:
                for number, found in enumerate(other):
                    seen[number].add(found)
        return fixed
