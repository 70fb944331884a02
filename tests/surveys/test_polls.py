"""Live-poll tallies: anonymous counting, results, group suppression, the room."""

from __future__ import annotations

import itertools
import random
from collections import Counter

import pytest

from surveys import groups
from surveys.errors import AnswerError
from surveys.loader import load_survey_text
from surveys.model import Question, Survey
from surveys.poll_results import borda, results, results_by_group
from surveys.polls import (
    CommentStatus,
    Room,
    Tally,
    add_vote,
    mask_contact_details,
    representation_warnings,
    voted_line,
    words_of,
)

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
  - id: choice
    kind: single
    text: Which day suits you?
    options: [Monday, Tuesday, Wednesday]
  - id: ticks
    kind: multi
    text: Which would help?
    options: [Tea, Quiet room, Breaks]
  - id: agree
    kind: scale
    text: The session was useful.
  - id: score
    kind: rating
    text: How likely are you to come again?
  - id: order
    kind: ranking
    text: What first?
    options: [Info, Time, Room]
  - id: cloud
    kind: text
    text: One word for today?
  - id: comments
    kind: longtext
    text: What could be better?
  - id: yes
    kind: yesno
    text: Would you come again?
"""


@pytest.fixture(scope="module")
def survey() -> Survey:
    result = load_survey_text(POLLS)
    assert result.survey is not None, result.problems
    return result.survey


def _q(survey: Survey, question_id: str) -> Question:
    return survey.question(question_id)


def test_single_choice_counts_and_bars_in_option_order(survey: Survey) -> None:
    question, tally = _q(survey, "choice"), Tally("choice")
    for answer in ["Tuesday", "Monday", "Tuesday"] * 5:
        add_vote(tally, question, answer)
    shown = results(question, tally)
    assert shown.votes == 15
    assert [(b.label, b.count) for b in shown.bars] == [
        ("Monday", 5),
        ("Tuesday", 10),
        ("Wednesday", 0),
    ]
    assert shown.note == ""


def test_multi_counts_each_tick_but_one_vote(survey: Survey) -> None:
    question, tally = _q(survey, "ticks"), Tally("ticks")
    for _ in range(5):
        add_vote(tally, question, ["Tea", "Breaks"])
        add_vote(tally, question, ["Quiet room"])
    shown = results(question, tally)
    assert shown.votes == 10
    assert {b.label: b.count for b in shown.bars} == {"Tea": 5, "Quiet room": 5, "Breaks": 5}


@pytest.mark.parametrize(
    ("question_id", "votes", "middle"),
    [("agree", [1, 4, 5, 4], 4.0), ("score", [0, 10, 7], 7.0), ("score", [2, 3], 2.5)],
)
def test_scales_and_ratings_show_distribution_and_middle(
    survey: Survey, question_id: str, votes: list[int], middle: float
) -> None:
    question, tally = _q(survey, question_id), Tally(question_id)
    for vote in votes * 5:
        add_vote(tally, question, vote)
    shown = results(question, tally)
    assert shown.middle == middle
    assert sum(b.count for b in shown.bars) == len(votes) * 5
    if question_id == "agree":
        assert shown.bars[3].label == "Agree"
        assert shown.bars[3].count == 10


def test_yes_no_bars(survey: Survey) -> None:
    question, tally = _q(survey, "yes"), Tally("yes")
    for vote in [True, True, False] * 5:
        add_vote(tally, question, vote)
    assert [(b.label, b.count) for b in results(question, tally).bars] == [("Yes", 10), ("No", 5)]


def test_ranking_uses_borda_points(survey: Survey) -> None:
    question, tally = _q(survey, "order"), Tally("order")
    for _ in range(5):
        add_vote(tally, question, ["Time", "Info", "Room"])
        add_vote(tally, question, ["Time", "Room", "Info"])
        add_vote(tally, question, ["Info", "Time", "Room"])
    assert results(question, tally).order == (("Time", 25), ("Info", 15), ("Room", 5))
    assert borda(question, {}) == (("Info", 0), ("Time", 0), ("Room", 0))


def test_word_cloud_counts_words_not_answers(survey: Survey) -> None:
    question, tally = _q(survey, "cloud"), Tally("cloud")
    for answer in ["Calm and friendly", "friendly!", "FRIENDLY people", "ok", "good"]:
        add_vote(tally, question, answer)
    shown = results(question, tally)
    assert shown.words[0] == ("friendly", 3)
    assert "and" not in dict(shown.words)
    assert "ok" not in dict(shown.words)
    assert "Calm and friendly" not in repr(tally.to_json())  # only words are kept


def test_words_of_drops_little_words_and_numbers() -> None:
    assert words_of("It was the 2nd time I've felt SAFE here") == [
        "time",
        "i've",
        "felt",
        "safe",
        "here",
    ]


def test_comments_wait_for_moderation_and_mask_contact_details(survey: Survey) -> None:
    question, tally = _q(survey, "comments"), Tally("comments")
    add_vote(tally, question, "Email me at sam@example.org please")
    add_vote(tally, question, "More breaks")
    add_vote(tally, question, "Dr Jones was rude")
    assert results(question, tally).comments == ()
    by_words = {comment.text: comment for comment in tally.comments}  # kept in no set order
    by_words["Email me at sam@example.org please"].status = CommentStatus.SHOWN
    by_words["More breaks"].status = CommentStatus.DROPPED
    rude = by_words["Dr Jones was rude"]
    rude.status = CommentStatus.SHOWN
    rude.edited = "Staff could be kinder"
    assert sorted(results(question, tally).comments) == [
        "Email me at [email] please",
        "Staff could be kinder",
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("call 07700 900123 today", "call [phone] today"),
        ("ring +44 7700 900123", "ring [phone]"),
        ("my number is 01603 421 421.", "my number is [phone]."),
        ("jo.bloggs+x@nhs.net is me", "[email] is me"),
        ("I saw Dr Patel and Nurse Kelly", "I saw [name] and [name]"),
        ("my name is Ade", "my name is [name]"),
        ("I scored it 10 out of 10", "I scored it 10 out of 10"),
        ("We met in 2024 on ward 7", "We met in 2024 on [place]"),
    ],
)
def test_masking_on_the_shared_screen(text: str, expected: str) -> None:
    assert mask_contact_details(text) == expected


def test_bad_vote_is_refused_kindly_and_not_counted(survey: Survey) -> None:
    question, tally = _q(survey, "choice"), Tally("choice")
    with pytest.raises(AnswerError) as caught:
        add_vote(tally, question, "Sunday")
    assert caught.value.message == "Please choose one of the options shown."
    assert tally.votes == 0


def test_results_by_group_hide_groups_under_five(survey: Survey) -> None:
    question, tally = _q(survey, "choice"), Tally("choice")
    for answer in ["Monday", "Tuesday"] * 3:
        add_vote(tally, question, answer, "lived")
    for answer in ["Monday", "Tuesday"] * 5:
        add_vote(tally, question, answer, "clinician")
    add_vote(tally, question, "Wednesday", "carer")
    add_vote(tally, question, "Monday", "carer")
    rows = {row.group: row for row in results_by_group(question, tally)}
    carers = rows[groups.label("carer")]
    assert carers.bars is None
    assert carers.note == "too few to show separately"
    # Lived experience has 3 on each answer: hidden for its own small numbers.
    lived = rows[groups.label("lived")]
    assert lived.bars is None
    assert "worked out" in lived.note
    clinicians = rows[groups.label("clinician")]
    assert clinicians.bars is not None
    assert [(b.label, b.count) for b in clinicians.bars] == [
        ("Monday", 5),
        ("Tuesday", 5),
        ("Wednesday", 0),
    ]


def test_results_by_group_never_show_a_group_under_five(survey: Survey) -> None:
    rng = random.Random(7)
    question = _q(survey, "choice")
    ids = [g.id for g in groups.GROUPS] + [groups.NOT_SAID]
    for _ in range(40):
        tally = Tally("choice")
        for _ in range(rng.randint(1, 40)):
            add_vote(tally, question, rng.choice(["Monday", "Tuesday"]), rng.choice(ids[:4]))
        released = [r for r in results_by_group(question, tally) if r.bars is not None]
        assert all(r.voters >= 5 for r in released)


def test_tally_round_trips_through_storage_form(survey: Survey) -> None:
    tally = Tally("x")
    for question_id, vote in itertools.product(["ticks"], [["Tea"], ["Breaks", "Tea"]]):
        add_vote(tally, _q(survey, question_id), vote, "peer")
    again = Tally.from_json(tally.to_json())
    assert again == tally
    assert again.by_group == Counter({"peer": 2})


def test_unknown_group_counts_as_not_said(survey: Survey) -> None:
    tally = Tally("choice")
    add_vote(tally, _q(survey, "choice"), "Monday", "Ms Smith from ward 3")
    assert dict(tally.by_group) == {groups.NOT_SAID: 1}


@pytest.mark.parametrize(
    ("room_groups", "expected"),
    [
        ({}, []),
        ({"lived": 3, "carer": 2, "clinician": 2}, []),
        ({"lived": 2, "clinician": 2}, ["No carers or family members are here today."]),
        (
            {"lived": 1, "carer": 1, "clinician": 6},
            [
                "More than half the room are clinicians or health professionals (6 of 8). "
                "Think about how other voices will be heard."
            ],
        ),
    ],
)
def test_representation_warnings(room_groups: dict[str, int], expected: list[str]) -> None:
    assert representation_warnings(Room("Focus group", "2026-11-25", 8, room_groups)) == expected


def test_voted_line_says_how_many_never_who() -> None:
    tally = Tally("p", votes=7)
    assert voted_line(tally, Room("G", "2026-11-25", 10)) == "7 of 10 have voted"
    assert voted_line(tally, Room("G", "2026-11-25", 0)) == "7 have voted"
