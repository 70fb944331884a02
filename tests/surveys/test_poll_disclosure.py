"""Live-poll results go through the one disclosure engine: a person in the room who
knows who came, reads every number on the console and the shared screen, and does
the sums, can never pin down anyone's answer.

The attacker here is built only from what is shown (``results`` and
``results_by_group``) plus what anyone in the room knows: how many from each group
voted. Two attackers do the sums: the exact integer solver, and (for small rooms) a
brute-force count of every possible way the votes could have been cast, which also
checks the solver.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterator

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from surveys import groups
from surveys.disclosure_solver import exposed_cells, forced_to
from surveys.loader import load_survey_text
from surveys.model import Kind, Question
from surveys.poll_results import results, results_by_group
from surveys.polls import Tally, add_vote

POLLS = """\
id: polls
title: Polls
version: 1
intro: Live polls.
consent:
  text: standard-v1
  organisation: the group
  coordinator: the coordinator
  contact: the facilitator
questions:
  - id: heard
    kind: single
    text: Did you feel heard?
    options: [A lot, A little, Not at all]
  - id: five
    kind: single
    text: Which one?
    options: [One, Two, Three, Four, Five]
  - id: yes
    kind: yesno
    text: Would you come again?
  - id: ticks
    kind: multi
    text: Which would help?
    options: [Tea, Quiet room, Breaks]
"""

GROUP_IDS = ["lived", "carer", "clinician", "peer", groups.NOT_SAID]


def _survey_question(question_id: str) -> Question:
    loaded = load_survey_text(POLLS)
    assert loaded.survey is not None, loaded.problems
    return loaded.survey.question(question_id)


QUESTIONS = {q: _survey_question(q) for q in ("heard", "five", "yes", "ticks")}


def _options(question: Question) -> list[str]:
    if question.kind is Kind.YESNO:
        return ["Yes", "No"]
    return [o.value for o in question.options]


# -- what a person in the room can work out --------------------------------------------


class Seen:
    """Everything shown about one poll, in the reader's terms."""

    def __init__(self, question: Question, tally: Tally) -> None:
        self.options = _options(question)
        self.labels = {o: question.label_for(o) for o in self.options}
        if question.kind is Kind.YESNO:
            self.labels = {"Yes": "Yes", "No": "No"}
        self.one_answer = question.kind is not Kind.MULTI
        overall = results(question, tally)
        self.total = overall.votes
        self.overall: dict[str, tuple[int, int]] = {}
        cap = 2 * self.total + 10
        by_label = {bar.label: bar for bar in overall.bars}
        for option in self.options:
            bar = by_label.get(self.labels[option])
            if bar is None:  # no numbers shown at all
                self.overall[option] = (0, self.total)
            elif bar.hidden == "<5":
                self.overall[option] = (1, 4)
            elif bar.hidden:
                self.overall[option] = (5, cap)
            else:
                self.overall[option] = (bar.count, bar.count)
        self.voters = {g: n for g, n in tally.by_group.items() if n}
        names = {groups.label(g): g for g in self.voters}
        self.shown: dict[str, dict[str, int]] = {}
        for row in results_by_group(question, tally):
            group = names[row.group]
            assert row.voters == self.voters[group]
            if row.bars is not None:
                assert not any(bar.hidden for bar in row.bars)
                counts = {bar.label: bar.count for bar in row.bars}
                self.shown[group] = {o: counts[self.labels[o]] for o in self.options}
        self.hidden_groups = [g for g in self.voters if g not in self.shown]

    def system(self) -> tuple[dict[str, int], list[tuple[tuple[str, ...], str]], dict, dict]:
        """Cells, sums and bounds as the solver takes them."""
        values: dict[str, int] = {"all": self.total}
        lines: list[tuple[tuple[str, ...], str]] = []
        low: dict[str, int] = {}
        high: dict[str, int] = {}
        for g, n in self.voters.items():
            values[f"n:{g}"] = n
            for o in self.options:
                cell = f"{g}:{o}"
                if g in self.shown:
                    values[cell] = self.shown[g][o]
                else:
                    values[cell] = 0  # unknown to the reader; never read by the solver
                    low[cell], high[cell] = 0, n
                if not self.one_answer:
                    values[f"x{cell}"] = 0
                    lines.append(((cell, f"x{cell}"), f"n:{g}"))
                    low[f"x{cell}"], high[f"x{cell}"] = 0, n
            if self.one_answer:
                lines.append((tuple(f"{g}:{o}" for o in self.options), f"n:{g}"))
        for o in self.options:
            lo, hi = self.overall[o]
            values[f"o:{o}"] = lo
            if lo != hi:
                low[f"o:{o}"], high[f"o:{o}"] = lo, hi
            lines.append((tuple(f"{g}:{o}" for g in self.voters), f"o:{o}"))
        if self.one_answer:
            lines.append((tuple(f"o:{o}" for o in self.options), "all"))
        return values, lines, low, high

    def unknown(self) -> set[str]:
        cells = {f"{g}:{o}" for g in self.hidden_groups for o in self.options}
        cells |= {f"o:{o}" for o in self.options if self.overall[o][0] != self.overall[o][1]}
        return cells

    def pinned_by_solver(self) -> set[str]:
        """Hidden groups the solver shows to be all on one answer."""
        values, lines, low, high = self.system()
        extra = {c for c in values if c.startswith("x")}
        forced = forced_to(
            values,
            lines,
            unpublished=extra,
            hidden=self.unknown(),
            low=low,
            high=high,
            targets={f"{g}:{o}": self.voters[g] for g in self.hidden_groups for o in self.options},
        )
        return {cell.split(":")[0] for cell in forced}

    def small_worked_out(self) -> set[str]:
        """Overall counts shown as "<5" whose exact value the solver finds."""
        values, lines, low, high = self.system()
        extra = {c for c in values if c.startswith("x")}
        exposed = exposed_cells(
            values, lines, unpublished=extra, hidden=self.unknown(), low=low, high=high
        )
        return {c for c in exposed if c.startswith("o:") and self.overall[c[2:]] == (1, 4)}

    def tables(self) -> Iterator[dict[str, tuple[int, ...]]]:
        """Every way the votes could have been cast, given what is shown (one answer each)."""
        assert self.one_answer
        k = len(self.options)

        def splits(n: int) -> list[tuple[int, ...]]:
            return [c for c in itertools.product(range(n + 1), repeat=k) if sum(c) == n]

        choices = [
            [tuple(self.shown[g][o] for o in self.options)] if g in self.shown else splits(n)
            for g, n in self.voters.items()
        ]
        for combo in itertools.product(*choices):
            sums = [sum(row[i] for row in combo) for i in range(k)]
            if all(
                self.overall[o][0] <= sums[i] <= self.overall[o][1]
                for i, o in enumerate(self.options)
            ):
                yield dict(zip(self.voters, combo, strict=True))

    def pinned_by_counting(self) -> set[str]:
        """Hidden groups all on one answer in every possible table (brute force)."""
        possible = list(self.tables())
        assert possible, "the true votes must be one of the possible tables"
        pinned = set()
        for g in self.hidden_groups:
            n = self.voters[g]
            for i in range(len(self.options)):
                if all(table[g][i] == n for table in possible):
                    pinned.add(g)
        return pinned


def _tally(question: Question, votes: list[tuple[str, object]]) -> Tally:
    tally = Tally(question.id)
    for group, answer in votes:
        add_vote(tally, question, answer, group)
    return tally


# -- the case from the issue ------------------------------------------------------------


def test_hidden_groups_that_all_agree_are_not_given_away() -> None:
    """9 lived experience, 3 carers, 2 clinicians; all 5 carers and clinicians chose
    "Not at all". Overall minus the lived-experience group must not show it."""
    question = QUESTIONS["heard"]
    votes = [("lived", "A lot")] * 5 + [("lived", "A little")] * 4
    votes += [("carer", "Not at all")] * 3 + [("clinician", "Not at all")] * 2
    seen = Seen(question, _tally(question, votes))
    assert seen.pinned_by_solver() == set()
    assert seen.pinned_by_counting() == set()


def test_a_bigger_group_is_held_back_when_the_rest_all_agree() -> None:
    question = QUESTIONS["heard"]
    votes = [("lived", "A lot")] * 5 + [("lived", "A little")] * 5
    votes += [("carer", "Not at all")] * 3 + [("clinician", "Not at all")] * 2
    tally = _tally(question, votes)
    rows = {row.group: row for row in results_by_group(question, tally)}
    lived = rows[groups.label("lived")]
    assert lived.bars is None
    assert lived.note == "hidden so the smaller groups' answers can't be worked out"
    # The overall numbers on their own are fine: anyone could have chosen anything.
    shown = results(question, tally)
    assert [(b.label, b.count, b.hidden) for b in shown.bars] == [
        ("A lot", 5, ""),
        ("A little", 5, ""),
        ("Not at all", 5, ""),
    ]
    assert Seen(question, tally).pinned_by_counting() == set()


def test_a_group_is_shown_when_nothing_can_be_worked_out() -> None:
    question = QUESTIONS["heard"]
    votes = [("lived", "A lot")] * 5 + [("lived", "A little")] * 5
    votes += [("carer", "Not at all")] * 3 + [("clinician", "A lot")] * 2
    tally = _tally(question, votes)
    rows = {row.group: row for row in results_by_group(question, tally)}
    lived = rows[groups.label("lived")]
    assert lived.bars is not None
    assert [(b.label, b.count) for b in lived.bars] == [
        ("A lot", 5),
        ("A little", 5),
        ("Not at all", 0),
    ]
    assert rows[groups.label("carer")].note == "too few to show separately"


def test_everyone_giving_one_answer_shows_no_numbers() -> None:
    question = QUESTIONS["heard"]
    tally = _tally(question, [("lived", "Not at all")] * 8 + [("carer", "Not at all")] * 6)
    shown = results(question, tally)
    assert shown.bars == ()
    assert "work out how others voted" in shown.note
    rows = results_by_group(question, tally)
    assert all(row.bars is None for row in rows)
    # The words never say that a group all agreed.
    assert {row.note for row in rows} == {"hidden so that nobody's answer can be worked out"}


def test_small_counts_show_as_under_five_and_cannot_be_worked_out() -> None:
    question = QUESTIONS["five"]
    votes = [("lived", "One")] * 8 + [("carer", "Two")] * 3 + [("peer", "Three")] * 2
    shown = results(question, _tally(question, votes))
    assert [(b.label, b.hidden or b.count) for b in shown.bars] == [
        ("One", 8),
        ("Two", "<5"),
        ("Three", "<5"),
        ("Four", 0),
        ("Five", 0),
    ]
    assert "hidden" in shown.note
    assert shown.middle is None


def test_fewer_than_five_votes_show_no_numbers() -> None:
    question = QUESTIONS["heard"]
    shown = results(question, _tally(question, [("lived", "A lot")] * 4))
    assert shown.bars == ()
    assert shown.votes == 4
    assert shown.note == "Fewer than 5 votes, so no numbers are shown yet."


# -- any room, any votes -------------------------------------------------------------------


@st.composite
def rooms(
    draw: st.DrawFn, question_id: str, most: int, max_groups: int
) -> list[tuple[str, object]]:
    question = QUESTIONS[question_id]
    options = _options(question)
    chosen = draw(
        st.lists(st.sampled_from(GROUP_IDS), min_size=1, max_size=max_groups, unique=True)
    )
    votes: list[tuple[str, object]] = []
    for group in chosen:
        size = draw(st.integers(1, most))
        # Groups often agree: lean towards one or two answers.
        favourite = draw(st.sampled_from(options))
        for _ in range(size):
            if question.kind is Kind.MULTI:
                answer: object = draw(st.lists(st.sampled_from(options), min_size=1, unique=True))
            elif draw(st.booleans()):
                answer = favourite
            else:
                answer = draw(st.sampled_from(options))
            if question.kind is Kind.YESNO:
                answer = answer == "Yes"
            votes.append((group, answer))
    return votes


SETTINGS = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@SETTINGS
@given(rooms("heard", most=7, max_groups=3))
def test_no_hidden_answer_is_pinned_small_rooms_counted_out(
    votes: list[tuple[str, object]],
) -> None:
    question = QUESTIONS["heard"]
    seen = Seen(question, _tally(question, votes))
    by_counting = seen.pinned_by_counting()
    assert by_counting == set()
    # The solver agrees with counting every possibility.
    assert seen.pinned_by_solver() == by_counting


@SETTINGS
@given(rooms("five", most=12, max_groups=5))
def test_no_hidden_answer_is_pinned_larger_rooms(votes: list[tuple[str, object]]) -> None:
    question = QUESTIONS["five"]
    seen = Seen(question, _tally(question, votes))
    assert seen.pinned_by_solver() == set()
    assert seen.small_worked_out() == set()
    assert all(max(counts.values()) < seen.voters[g] for g, counts in seen.shown.items()), (
        "a group shown all on one answer"
    )


@pytest.mark.parametrize("question_id", ["yes", "ticks"])
@SETTINGS
@given(data=st.data())
def test_no_hidden_answer_is_pinned_yes_no_and_ticks(question_id: str, data: st.DataObject) -> None:
    question = QUESTIONS[question_id]
    votes = data.draw(rooms(question_id, most=10, max_groups=4))
    seen = Seen(question, _tally(question, votes))
    assert seen.pinned_by_solver() == set()
    assert seen.small_worked_out() == set()
