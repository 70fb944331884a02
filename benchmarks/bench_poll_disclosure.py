"""Live polls: what the disclosure engine costs when results are revealed.

The console and the shared screen ask ``surveys.poll_results.results`` and
``results_by_group`` each time they redraw a revealed poll. The first time, the
engine searches (exactly, over the integers) for anything a person in the room
could work out; after that the decision is remembered, since a revealed poll's
tally no longer changes.

For each kind of poll, ``ROOMS`` random rooms (5 to 40 votes spread over every
stakeholder group, often agreeing within a group) are revealed once (the first
decision) and then redrawn (remembered). Baseline, measured in the same run:
``results`` of the same tallies with no group split at all (one group), so the
ratio shows what the group checks add.
"""

from __future__ import annotations

import random
import statistics
import time

from benchmarks import table
from surveys import groups
from surveys.loader import load_survey_text
from surveys.model import Question
from surveys.poll_results import _protected, results, results_by_group
from surveys.polls import Tally, add_vote

ROOMS = 30
POLLS = """\
id: bench
title: Bench
version: 1
intro: Polls.
consent:
  text: standard-v1
  organisation: the group
  coordinator: the coordinator
  contact: the facilitator
questions:
  - id: yesno
    kind: yesno
    text: Again?
  - id: five
    kind: single
    text: Which one?
    options: [One, Two, Three, Four, Five]
  - id: scale
    kind: scale
    text: Useful?
  - id: rating
    kind: rating
    text: How likely?
"""
GROUP_IDS = [g.id for g in groups.GROUPS] + [groups.NOT_SAID]


def _answers(question: Question) -> list[object]:
    if question.kind.value == "yesno":
        return [True, False]
    if question.kind.value == "scale":
        return [1, 2, 3, 4, 5]
    if question.kind.value == "rating":
        return list(range(11))
    return [o.value for o in question.options]


def _rooms(question: Question, group_ids: list[str]) -> list[Tally]:
    rng = random.Random(question.id)
    answers = _answers(question)
    rooms = []
    for _ in range(ROOMS):
        tally = Tally(question.id)
        favourite = {g: rng.choice(answers) for g in group_ids}
        for _ in range(rng.randint(5, 40)):
            group = rng.choice(group_ids)
            answer = favourite[group] if rng.random() < 0.5 else rng.choice(answers)
            add_vote(tally, question, answer, group)
        rooms.append(tally)
    return rooms


def _time(question: Question, rooms: list[Tally], *, split: bool) -> list[float]:
    took = []
    for tally in rooms:
        start = time.perf_counter()
        results(question, tally)
        if split:
            results_by_group(question, tally)
        took.append((time.perf_counter() - start) * 1000)
    return took


def run() -> list[str]:
    """Measure and return the lines to print."""
    loaded = load_survey_text(POLLS)
    assert loaded.survey is not None
    rows = []
    for question in loaded.survey.questions:
        rooms = _rooms(question, GROUP_IDS)
        plain = _rooms(question, [groups.NOT_SAID])
        _protected.cache_clear()
        first = _time(question, rooms, split=True)
        again = _time(question, rooms, split=True)
        _protected.cache_clear()
        baseline = _time(question, plain, split=False)
        rows.append(
            [
                question.kind.value,
                statistics.median(first),
                max(first),
                statistics.median(again),
                statistics.median(baseline),
                statistics.median(first) / max(statistics.median(baseline), 1e-6),
            ]
        )
    return [
        f"Disclosure engine on reveal: {ROOMS} random rooms per poll kind, 5-40 votes over "
        f"{len(GROUP_IDS)} groups (ms for results + results by group)",
        "",
        *table(
            [
                "poll",
                "first median ms",
                "first worst ms",
                "redraw median ms",
                "baseline median ms",
                "first ÷ baseline",
            ],
            [[r[0], *(round(v, 2) for v in r[1:])] for r in rows],
        ),
        "",
        "Baseline (same run): results of rooms where nobody said a group (no split).",
    ]
