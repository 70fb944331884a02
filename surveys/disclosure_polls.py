"""Disclosure control for live polls: what a poll may show overall and by group.

The same engine as the reports (``surveys.disclosure``): a poll's counts become one
``CountGrid`` (answers overall, each group's answers, how many in each group voted,
and the sums that tie them), and the exact solver (``disclosure_solver``) plays a
reader in the room who knows who came, every shown count, and what "<5" and "hidden"
mean. Both steps (the overall counts' dominance check and each group's release) ask
the reader the same two questions through ``_worked_out``.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field

from surveys.disclosure import (
    CountGrid,
    Reason,
    Released,
    count_cap,
    protect,
    release,
)
from surveys.disclosure_solver import exposed_cells, forced_to
from surveys.thresholds import Thresholds


@dataclass(frozen=True, slots=True)
class PollRelease:
    """What a live poll may show: each answer's count overall, and each group's counts.

    ``groups`` holds the counts of every group that may be shown on its own;
    ``group_reasons`` says why each other group (with voters) is not.
    """

    overall: dict[str, Released]
    groups: dict[str, dict[str, Released]]
    group_reasons: dict[str, Reason]


def protect_poll(
    counts_by_group: Mapping[str, Mapping[str, int]],
    voters: Mapping[str, int],
    options: Sequence[str],
    thresholds: Thresholds,
    *,
    one_answer: bool,
) -> PollRelease:
    """Decide what a live poll may show overall and split by group.

    ``counts_by_group[group][option]`` is how many in the group gave that answer,
    ``voters[group]`` how many in the group voted (in the order groups are listed),
    ``one_answer`` False when a voter may tick several answers. A reader is assumed
    to know how many from each group voted (the console shows it, and people see
    who came), every shown count, and what "<5" and "hidden" mean.

    Overall: counts 1 to ``cell_min - 1`` are hidden, more are hidden until none of
    those can be worked out, and if what is left would still tell that everyone in
    some group gave one answer, no counts are shown (dominance). Groups are then
    shown one by one only when every count in them is 0 or at least ``cell_min``,
    not everyone in them gave the same answer, and showing them lets no hidden
    count be worked out and leaves no hidden group all on one answer — the
    difference "overall minus the shown groups" included. Groups that would are
    held back, smallest first.
    """
    small = thresholds.cell_min
    grid, cells = _poll_grid(counts_by_group, voters, options, one_answer=one_answer)
    present = [g for g in voters if voters[g] > 0]
    overall = _protect_poll_overall(grid, cells, options, thresholds, one_answer=one_answer)

    def problems(shown: set[str]) -> set[str]:
        hidden_groups = [g for g in present if g not in shown]
        hidden = _hidden_to_reader(grid, cells, overall, hidden_groups, small)
        positive = {c for c in hidden if grid.values[c] > 0}  # a worked-out 0 gives nobody away
        exposed, pinned = _worked_out(
            grid, hidden, _all_votes(grid, cells, hidden_groups, options), only=positive
        )
        return {c for c in exposed if grid.values[c] > 0} | pinned

    reasons: dict[str, Reason] = {}
    for g in present:
        counts = [grid.values[cells.group[g, o]] for o in options]
        if voters[g] < max(small, thresholds.min_respondents):
            reasons[g] = Reason.TOO_FEW
        elif any(0 < c < small for c in counts):
            reasons[g] = Reason.SMALL
        elif any(c == voters[g] for c in counts):
            reasons[g] = Reason.DOMINANCE
    # What the overall results give away already (nothing shown by group) is not
    # made worse by a group that is held back; only what showing adds counts.
    baseline: set[str] | None = None

    def adds(shown: set[str]) -> set[str]:
        nonlocal baseline
        if baseline is None:
            baseline = problems(set())
        return problems(shown) - baseline

    return _release_groups(
        grid,
        cells,
        voters,
        options,
        overall=overall,
        thresholds=thresholds,
        reasons=reasons,
        adds=adds,
    )


@dataclass
class _PollCells:
    option: dict[str, str] = field(default_factory=dict)
    group: dict[tuple[str, str], str] = field(default_factory=dict)
    voters: dict[str, str] = field(default_factory=dict)


def _poll_grid(
    counts_by_group: Mapping[str, Mapping[str, int]],
    voters: Mapping[str, int],
    options: Sequence[str],
    *,
    one_answer: bool,
) -> tuple[CountGrid, _PollCells]:
    """A poll's counts as a grid: answers overall, each group's answers, voters."""
    grid, cells = CountGrid(), _PollCells()
    present = [g for g in voters if voters[g] > 0]
    grid.add("all", sum(voters[g] for g in present))
    for i, option in enumerate(options):
        total = sum(counts_by_group.get(g, {}).get(option, 0) for g in present)
        cells.option[option] = grid.add(f"o{i}", total)
    for j, group in enumerate(present):
        cells.voters[group] = grid.add(f"n{j}", voters[group])
        for i, option in enumerate(options):
            count = counts_by_group.get(group, {}).get(option, 0)
            cells.group[group, option] = grid.add(f"g{j}.{i}", count)
            if not one_answer:
                # Those in the group who didn't tick this answer: never shown.
                other = grid.add(f"x{j}.{i}", voters[group] - count, published=False)
                grid.tie([cells.group[group, option], other], cells.voters[group])
        if one_answer:
            grid.tie([cells.group[group, o] for o in options], cells.voters[group])
    for option in options:
        grid.tie([cells.group[g, option] for g in present], cells.option[option])
    grid.tie([cells.voters[g] for g in present], "all")
    if one_answer:
        grid.tie([cells.option[o] for o in options], "all")
    return grid, cells


def _reader_bounds(reason: Reason | None, small: int, cap: int) -> tuple[int, int]:
    """What a reader can tell about a hidden count from how it is shown."""
    if reason is Reason.SMALL:
        return 1, small - 1
    if reason is Reason.SECONDARY:
        return small, cap
    return 0, cap


def _protect_poll_overall(
    grid: CountGrid,
    cells: _PollCells,
    options: Sequence[str],
    thresholds: Thresholds,
    *,
    one_answer: bool,
) -> dict[str, Released]:
    """The overall counts: small ones hidden, their complements, then dominance."""
    total = grid.values["all"]
    if total < thresholds.min_respondents:
        return dict.fromkeys(options, Released(None, "hidden", Reason.TOO_FEW))
    alone = CountGrid()
    alone.add("all", total)
    for i, option in enumerate(options):
        alone.add(f"o{i}", grid.values[cells.option[option]])
        if not one_answer:
            alone.add(f"x{i}", total - grid.values[cells.option[option]], published=False)
            alone.tie([f"o{i}", f"x{i}"], "all")
    if one_answer:
        alone.tie([f"o{i}" for i in range(len(options))], "all")
    released = protect(alone, thresholds)
    overall = {option: released[f"o{i}"] for i, option in enumerate(options)}
    # Dominance: with the groups' own counts unknown, could a reader still tell
    # that everyone in some group gave one answer (for example all answers alike)?
    every_group = list(cells.voters)
    hidden = _hidden_to_reader(grid, cells, overall, every_group, thresholds.cell_min)
    only = set(cells.option.values())
    exposed, pinned = _worked_out(
        grid, hidden, _all_votes(grid, cells, every_group, options), only=only
    )
    if pinned or exposed:
        return dict.fromkeys(options, Released(None, "hidden", Reason.DOMINANCE))
    return overall


def _hidden_to_reader(
    grid: CountGrid,
    cells: _PollCells,
    overall: Mapping[str, Released],
    hidden_groups: Sequence[str],
    small: int,
) -> dict[str, tuple[int, int]]:
    """What a reader can tell about each count not shown: the hidden overall counts
    (from how they are shown), and every count of a group not shown on its own
    (between none and all of the group's voters)."""
    cap = count_cap(grid)
    hidden = {
        cells.option[o]: _reader_bounds(released.reason, small, cap)
        for o, released in overall.items()
        if released.hidden
    }
    for group in hidden_groups:
        for cell in (cells.group[group, o] for o in overall):
            hidden[cell] = (0, grid.values[cells.voters[group]])
    return hidden


def _worked_out(
    grid: CountGrid,
    hidden: dict[str, tuple[int, int]],
    targets: dict[str, int],
    *,
    only: set[str],
) -> tuple[set[str], set[str]]:
    """Play the reader: the hidden cells in ``only`` whose value can be worked out, and
    the ``targets`` cells that can be shown to hold their target value (a whole
    group's votes, or its top marks)."""
    low = {c: b[0] for c, b in hidden.items()}
    high = {c: b[1] for c, b in hidden.items()}
    exposed = exposed_cells(
        grid.values,
        grid.lines,
        unpublished=grid.unpublished,
        hidden=hidden,
        low=low,
        high=high,
        only=only,
    )
    pinned = forced_to(
        grid.values,
        grid.lines,
        unpublished=grid.unpublished,
        hidden=hidden,
        low=low,
        high=high,
        targets=targets,
        true_values=True,
    )
    return exposed, pinned


def _all_votes(
    grid: CountGrid, cells: _PollCells, groups: Sequence[str], options: Sequence[str]
) -> dict[str, int]:
    """Each of these groups' cells, targeted at the group's whole number of voters."""
    return {cells.group[g, o]: grid.values[cells.voters[g]] for g in groups for o in options}


# -- scores (rank sums, Borda points, dots) by group ------------------------------


def protect_scores(
    scores_by_group: Mapping[str, Mapping[str, int]],
    voters: Mapping[str, int],
    items: Sequence[str],
    thresholds: Thresholds,
    *,
    most_each: int,
    spent_each: int | None,
) -> PollRelease:
    """Decide which groups' score totals a ranking may show on their own.

    ``scores_by_group[group][item]`` is the group's total score for an item (Borda
    points or dots), ``voters[group]`` how many in the group voted. Each voter gives
    each item between 0 and ``most_each`` points; ``spent_each`` is what every
    voter gives in all (a full top-k ranking), or None when it may vary (dots).

    The same reader as for polls, through the same solver: they know who came,
    every shown total, and the overall totals. Overall totals are shown for 5 or
    more voters unless they tell that everyone in some group gave an item top
    marks. A group is shown only with at least ``cell_min`` voters, when not all of
    it gave one item top marks, and when showing it lets nobody work out a hidden
    group's totals — "overall minus the shown groups" included. Groups that would
    are held back, smallest first.
    """
    grid, cells = CountGrid(), _PollCells()
    present = [g for g in voters if voters[g] > 0]
    grid.add("all", sum(voters[g] for g in present))
    for i, item in enumerate(items):
        total = sum(scores_by_group.get(g, {}).get(item, 0) for g in present)
        cells.option[item] = grid.add(f"o{i}", total)
    for j, group in enumerate(present):
        cells.voters[group] = grid.add(f"n{j}", voters[group])
        for i, item in enumerate(items):
            cells.group[group, item] = grid.add(f"g{j}.{i}", scores_by_group[group].get(item, 0))
        spent = sum(grid.values[cells.group[group, item]] for item in items)
        grid.add(f"t{j}", spent, published=spent_each is not None)
        grid.tie([cells.group[group, item] for item in items], f"t{j}")
    for item in items:
        grid.tie([cells.group[g, item] for g in present], cells.option[item])
    top = {g: voters[g] * most_each for g in present}
    hidden_all = dict.fromkeys(items, Released(None, "hidden", Reason.TOO_FEW))
    if grid.values["all"] < thresholds.min_respondents:
        return PollRelease(hidden_all, {}, dict.fromkeys(present, Reason.TOO_FEW))

    small = thresholds.cell_min
    overall = _protect_score_overall(grid, cells, items, thresholds, counted=spent_each is not None)
    cap = count_cap(grid)
    hidden_overall = {
        cells.option[item]: _reader_bounds(released.reason, small, cap)
        for item, released in overall.items()
        if released.hidden
    }

    def problems(hidden_groups: Sequence[str]) -> tuple[set[str], set[str]]:
        hidden = {cells.group[g, item]: (0, top[g]) for g in hidden_groups for item in items}
        hidden |= {f"t{present.index(g)}": (0, top[g] * len(items)) for g in hidden_groups}
        hidden |= hidden_overall
        only = {c for c in hidden if c[0] in "go" and grid.values[c] > 0}
        targets = {cells.group[g, item]: top[g] for g in hidden_groups for item in items}
        exposed, pinned = _worked_out(grid, hidden, targets, only=only)
        return exposed & only, pinned

    exposed, pinned = problems(present)
    if pinned:
        # The overall totals alone tell that everyone in some group gave one item
        # top marks: nothing is shown but how many voted.
        dominated = dict.fromkeys(items, Released(None, "hidden", Reason.DOMINANCE))
        return PollRelease(dominated, {}, dict.fromkeys(present, Reason.DOMINANCE))
    # With one group alone in the room the overall totals are its totals: showing it
    # adds nothing. Otherwise nothing is excused — not even what the solver gave up
    # on (it then counts every hidden total as worked out, which only hides more).
    baseline = exposed if len(present) == 1 else set()
    reasons: dict[str, Reason] = {}
    for g in present:
        if voters[g] < max(thresholds.cell_min, thresholds.min_respondents):
            reasons[g] = Reason.TOO_FEW
        elif any(0 < grid.values[cells.group[g, item]] < small for item in items):
            reasons[g] = Reason.SMALL
        elif any(grid.values[cells.group[g, item]] == top[g] for item in items):
            reasons[g] = Reason.DOMINANCE

    def adds(shown: set[str]) -> set[str]:
        exposed, pinned = problems([g for g in present if g not in shown])
        return (exposed - baseline) | pinned

    return _release_groups(
        grid,
        cells,
        voters,
        items,
        overall=overall,
        thresholds=thresholds,
        reasons=reasons,
        adds=adds,
    )


def _protect_score_overall(
    grid: CountGrid,
    cells: _PollCells,
    items: Sequence[str],
    thresholds: Thresholds,
    *,
    counted: bool,
) -> dict[str, Released]:
    """The overall totals, held to the counts' rule: a total of 1 to ``cell_min - 1``
    shows as "<5" (a few points come from one or two ballots), and others are hidden
    with it when the grand total (known when everyone gives the same points in
    all, ``counted``) would let it be worked out."""
    alone = CountGrid()
    total = sum(grid.values[cells.option[item]] for item in items)
    alone.add("all", total, published=counted)
    for i, item in enumerate(items):
        alone.add(f"o{i}", grid.values[cells.option[item]])
    alone.tie([f"o{i}" for i in range(len(items))], "all")
    released = protect(alone, thresholds)
    return {item: released[f"o{i}"] for i, item in enumerate(items)}


def _release_groups(
    grid: CountGrid,
    cells: _PollCells,
    voters: Mapping[str, int],
    items: Sequence[str],
    *,
    overall: dict[str, Released],
    thresholds: Thresholds,
    reasons: dict[str, Reason],
    adds: Callable[[set[str]], set[str]],
) -> PollRelease:
    """Show every group without a reason yet, holding back the smallest shown group
    while showing them ``adds`` something a reader could work out; then build the
    release. Shared by polls and score totals so both hold back groups alike."""
    present = [g for g in voters if voters[g] > 0]
    shown = {g for g in present if g not in reasons}
    while shown and adds(shown):
        smallest = min(shown, key=lambda g: (voters[g], present.index(g)))
        shown.discard(smallest)
        reasons[smallest] = Reason.SECONDARY
    return PollRelease(
        overall,
        {
            g: {i: release(grid.values[cells.group[g, i]], None, thresholds) for i in items}
            for g in shown
        },
        {g: reasons[g] for g in present if g in reasons},
    )
