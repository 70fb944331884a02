"""Secret ranking: ballots checked, totals only, results hidden until closed, groups
through the disclosure engine, agreement in plain words from shown groups only.

The expectations are worked out by hand in the comments (top 3: first earns 3
Borda points, second 2, third 1; rank sum = places added up, 4 for "not in my
top 3", so rank sum = 4 × voters − Borda points).
"""

from __future__ import annotations

import dataclasses
import random

import pytest

from surveys.disclosure import Reason
from surveys.idea_ranking import (
    ALL_HIDDEN_NOTE,
    TOO_FEW_NOTE,
    BallotError,
    RankTally,
    Score,
    Style,
    cast_ballot,
    close_round,
    open_round,
    release,
    results,
)
from surveys.ideas import (
    IdeaError,
    IdeaPool,
    IdeaStatus,
    add_idea,
    merge,
    moderate,
    stop_collecting,
)
from surveys.polls import AlreadyVotedError, PollClosedError, PollStatus, RevealError


@pytest.fixture
def pool() -> IdeaPool:
    pool = IdeaPool()
    for letter in "ABCD":
        moderate(pool, add_idea(pool, f"Idea {letter}").id, IdeaStatus.SHOWN)
    stop_collecting(pool)  # every idea gets its new id here: from now on they stay
    return pool


def by_letter(pool: IdeaPool) -> dict[str, str]:
    return {idea.text[-1]: idea.id for idea in pool.ideas if idea.text.startswith("Idea ")}


def run(pool: IdeaPool, ballots: list[tuple[str, str, int]], size: int = 3) -> RankTally:
    tally = RankTally("round-1")
    open_round(tally, pool, Style.TOP, size)
    ids = by_letter(pool)
    for group, order, times in ballots:
        for _ in range(times):
            cast_ballot(tally, pool, [ids[c] for c in order], group)
    close_round(tally)
    return tally


TWELVE = [
    # lived (5): A 3·3+2·2=13, B 3·2+2·3=12, C 3+2=5, D 0
    ("lived", "ABC", 3),
    ("lived", "BAC", 2),
    # carer (4): B 2·3+2·2=10, C 2·2+2·3=10, A 2, D 2
    ("carer", "BCA", 2),
    ("carer", "CBD", 2),
    # clinician (3): D 9, A 6, B 3, C 0
    ("clinician", "DAB", 3),
]


def test_twelve_ballots_give_the_hand_counted_rank_sums_and_borda_points(pool: IdeaPool) -> None:
    tally = run(pool, TWELVE)
    shown = results(tally, pool)
    letter = {v: k for k, v in by_letter(pool).items()}
    # Borda overall: A 13+2+6=21, B 12+10+3=25, C 5+10+0=15, D 0+2+9=11.
    # Rank sums (4 × 12 = 48 minus Borda): A 27, B 23, C 33, D 37. Lower is better.
    got = [(letter[s.idea_id], s.points, s.rank_sum) for s in shown.overall]
    assert got == [("B", 25, 23), ("A", 21, 27), ("C", 15, 33), ("D", 11, 37)]
    assert shown.votes == 12


def test_the_group_of_three_is_hidden_and_cannot_be_worked_out(pool: IdeaPool) -> None:
    tally = run(pool, TWELVE)
    shown = results(tally, pool)
    groups = {g.group: g for g in shown.by_group}
    assert groups["clinician"].scores is None
    assert groups["clinician"].reason is Reason.TOO_FEW
    assert groups["carer"].scores is None  # 4 is under 5 too
    letter = {v: k for k, v in by_letter(pool).items()}
    lived = groups["lived"].scores
    assert lived is not None
    assert {letter[s.idea_id]: (s.points, s.rank_sum) for s in lived} == {
        "A": (13, 7),  # 4 × 5 = 20 minus Borda
        "B": (12, 8),
        "C": (5, 15),
        "D": (0, 20),
    }
    # Overall minus the shown group is carers and clinicians together (A 8, B 13,
    # C 10, D 11): two different splits fit it, so neither group is pinned.
    overall = {letter[s.idea_id]: s.points for s in shown.overall}
    rest = {k: overall[k] - p for k, (p, _) in _lived(lived, letter).items()}
    assert rest == {"A": 8, "B": 13, "C": 10, "D": 11}
    split_one = {"A": (2, 6), "B": (10, 3), "C": (10, 0), "D": (2, 9)}  # the real one
    split_two = {"A": (3, 5), "B": (10, 3), "C": (9, 1), "D": (2, 9)}
    for split in (split_one, split_two):
        assert {k: c + n for k, (c, n) in split.items()} == rest
        assert sum(c for c, _ in split.values()) == 24  # 4 carers × 6 points
        assert sum(n for _, n in split.values()) == 18  # 3 clinicians × 6 points
        assert all(0 <= c <= 12 and 0 <= n <= 9 for c, n in split.values())
    assert not shown.agreements  # one shown group: nothing to compare


def test_a_group_with_a_total_of_one_to_four_points_is_held_back(pool: IdeaPool) -> None:
    # Two of the five lived-experience voters put D third: 2 points. Like a count
    # of 2, a total that small comes from one or two ballots, so the group is not
    # shown on its own (the overall totals still are).
    ballots = [("lived", "ABC", 3), ("lived", "BAD", 2), *TWELVE[2:]]
    decided = release(run(pool, ballots))
    assert decided.group_reasons["lived"] is Reason.SMALL
    assert decided.groups == {}
    shown = results(run(pool, ballots), pool)
    assert all(s.points is not None and s.points >= 5 for s in shown.overall)


def test_an_overall_total_under_five_shows_as_under_five_and_cannot_be_worked_out(
    pool: IdeaPool,
) -> None:
    # Everyone gives 3 + 2 + 1 points, so the grand total (6 × 6 = 36) is known:
    # a single "<5" would be 36 minus the rest. The next smallest is hidden with it.
    ballots = [("lived", "ABC", 3), ("carer", "BAC", 2), ("carer", "ABD", 1)]
    shown = results(run(pool, ballots), pool)
    letter = {v: k for k, v in by_letter(pool).items()}
    # A 9+4+3=16, B 6+6+2=14, C 3+2=5, D 1. With C hidden too, C + D = 36 - 30
    # = 6 would still give C = 5 and D = 1 (C is at least 5): B is hidden as well.
    got = {letter[s.idea_id]: s.shown for s in shown.overall}
    assert got == {"A": "16", "B": "hidden", "C": "hidden", "D": "<5"}
    assert letter[shown.overall[0].idea_id] == "A"


def _lived(scores: tuple[Score, ...], letter: dict[str, str]) -> dict[str, tuple[int, int | None]]:
    return {letter[s.idea_id]: (s.points, s.rank_sum) for s in scores}


EIGHTEEN = [
    # lived (5): A 13, B 12, C 5, D 0
    ("lived", "ABC", 3),
    ("lived", "BAC", 2),
    # carer (5): B 3·3+2·1=11, C 3·2+2·2=10, A 3·1+2·3=9, D 0
    ("carer", "BCA", 3),
    ("carer", "ACB", 2),
    # clinician (5): A 3·3+2·2=13, C 3·2+2·3=12, B 3+2=5, D 0
    ("clinician", "ACB", 3),
    ("clinician", "CAB", 2),
    # peer (3): D 9, C 6, B 3, A 0
    ("peer", "DCB", 3),
]


def test_a_group_left_alone_in_hiding_holds_another_back(pool: IdeaPool) -> None:
    tally = run(pool, EIGHTEEN)
    decided = release(tally)
    # Showing lived, carers and clinicians would leave overall minus them = the
    # peers' exact scores, so the smallest shown group (lived, first of the fives)
    # is held back as well.
    assert set(decided.groups) == {"carer", "clinician"}
    assert decided.group_reasons == {"lived": Reason.SECONDARY, "peer": Reason.TOO_FEW}
    shown = results(tally, pool)
    letter = {v: k for k, v in by_letter(pool).items()}
    # Overall: A 13+9+13+0=35, B 12+11+5+3=31, C 5+10+12+6=33, D 9.
    # Rank sums (4 × 18 = 72 minus Borda): A 37, B 41, C 39, D 63.
    assert [(letter[s.idea_id], s.points, s.rank_sum) for s in shown.overall] == [
        ("A", 35, 37),
        ("C", 33, 39),
        ("B", 31, 41),
        ("D", 9, 63),
    ]


def test_agreement_is_said_in_plain_words_about_shown_groups_only(pool: IdeaPool) -> None:
    tally = run(pool, EIGHTEEN)
    lines = results(tally, pool, top=2).agreements
    # Carers' top 2: B 11, C 10. Clinicians' top 2: A 13, C 12.
    assert (
        "Carers or family members and clinicians or health professionals both put "
        "\u201cIdea C\u201d in their top 2."
    ) in lines
    assert (
        "Carers or family members put \u201cIdea B\u201d in their top 2, "
        "but clinicians or health professionals did not."
    ) in lines
    assert (
        "Clinicians or health professionals put \u201cIdea A\u201d in their top 2, "
        "but carers or family members did not."
    ) in lines
    assert len(lines) == 3
    text = " ".join(lines).lower()
    assert "peer" not in text
    assert "lived" not in text


def test_people_who_did_not_say_their_group_are_not_named_in_agreements(
    pool: IdeaPool,
) -> None:
    ballots = [(g, order, n) for g, order, n in EIGHTEEN if g != "clinician"]
    ballots += [("not_said", "ACB", 3), ("not_said", "CAB", 2)]
    shown = results(run(pool, ballots), pool, top=2)
    assert {g.group for g in shown.by_group if g.scores is not None} == {"carer", "not_said"}
    assert shown.agreements == ()


def test_results_are_refused_until_the_round_is_closed(pool: IdeaPool) -> None:
    tally = RankTally("round-1")
    open_round(tally, pool, Style.TOP, 3)
    ids = list(by_letter(pool).values())
    for _ in range(6):
        cast_ballot(tally, pool, ids[:3])
    with pytest.raises(RevealError, match="hidden until voting has finished"):
        results(tally, pool)
    with pytest.raises(RevealError):
        release(tally)
    close_round(tally)
    assert results(tally, pool).votes == 6
    with pytest.raises(PollClosedError):
        cast_ballot(tally, pool, ids[:3])


def test_a_group_all_putting_one_idea_first_is_not_shown_on_its_own(pool: IdeaPool) -> None:
    ballots = [
        ("lived", "ABC", 5),  # every one of them put A first: A = 15, the most it can be
        ("carer", "BCA", 3),
        ("carer", "ACB", 2),
        ("clinician", "ACB", 3),
        ("clinician", "CAB", 2),
    ]
    decided = release(run(pool, ballots))
    assert decided.group_reasons["lived"] is Reason.DOMINANCE
    # Lived alone in hiding would be overall minus the others: carers held back too.
    assert decided.group_reasons["carer"] is Reason.SECONDARY
    assert set(decided.groups) == {"clinician"}


def test_fewer_than_five_votes_show_no_numbers(pool: IdeaPool) -> None:
    tally = run(pool, [("lived", "ABC", 2), ("carer", "BCA", 2)])
    shown = results(tally, pool)
    assert shown.note == TOO_FEW_NOTE
    assert shown.overall == ()


def test_everyone_putting_one_idea_first_is_not_shown(pool: IdeaPool) -> None:
    tally = run(pool, [("lived", "ABC", 3), ("carer", "ACB", 3)])
    shown = results(tally, pool)
    assert shown.note == ALL_HIDDEN_NOTE
    assert shown.overall == ()


def test_ballots_are_checked_with_kind_words_and_nothing_counted(pool: IdeaPool) -> None:
    ids = list(by_letter(pool).values())
    tally = RankTally("round-1")
    open_round(tally, pool, Style.TOP, 3)
    refused = [
        ([ids[0], ids[0], ids[1]], "only be chosen once"),
        ([ids[0], ids[1]], "You have chosen 2"),
        ([ids[0], ids[1], "i00000000"], "isn't on the list"),
        ("not a list", "in order"),
    ]
    for ballot, words in refused:
        with pytest.raises(BallotError, match=words):
            cast_ballot(tally, pool, ballot)
    assert tally.votes == 0
    assert tally.points == {}


def test_a_combined_away_idea_cannot_be_ranked(pool: IdeaPool) -> None:
    ids = by_letter(pool)
    combined = merge(pool, [ids["A"], ids["B"]], "A and B together")
    tally = RankTally("round-1")
    open_round(tally, pool, Style.TOP, 2)
    with pytest.raises(BallotError, match="combined with others"):
        cast_ballot(tally, pool, [ids["A"], ids["C"]])
    cast_ballot(tally, pool, [combined.id, ids["C"]])
    assert tally.candidates.count(combined.id) == 1
    assert ids["A"] not in tally.candidates
    with pytest.raises(IdeaError, match="Ranking has started"):
        merge(pool, [ids["C"], ids["D"]], "C and D")


def test_a_combined_idea_carries_its_original_wordings_into_the_results(pool: IdeaPool) -> None:
    ids = by_letter(pool)
    combined = merge(pool, [ids["A"], ids["B"]], "A and B together")
    tally = RankTally("round-1")
    open_round(tally, pool, Style.TOP, 2)
    for _ in range(5):
        cast_ballot(tally, pool, [combined.id, ids["C"]], "lived")
        cast_ballot(tally, pool, [ids["C"], ids["D"]], "carer")
    close_round(tally)
    shown = {s.idea_id: s for s in results(tally, pool).overall}
    # 10 voters, top 2: combined 5 × 2 = 10 points, C 5 × 1 + 5 × 2 = 15, D 5.
    assert shown[combined.id].points == 10
    assert shown[combined.id].rank_sum == 3 * 10 - 10
    assert shown[combined.id].words == "A and B together"
    assert sorted(shown[combined.id].originals) == ["Idea A", "Idea B"]
    assert shown[ids["C"]].originals == ()
    assert shown[ids["C"]].points == 15


def test_a_phone_votes_once(pool: IdeaPool) -> None:
    ids = list(by_letter(pool).values())
    tally = RankTally("round-1")
    open_round(tally, pool, Style.TOP, 3)
    cast_ballot(tally, pool, ids[:3], marker="m1")
    with pytest.raises(AlreadyVotedError):
        cast_ballot(tally, pool, ids[1:], marker="m1")
    assert tally.votes == 1


def test_dots_stay_within_the_budget_and_add_up(pool: IdeaPool) -> None:
    ids = by_letter(pool)
    tally = RankTally("dots")
    open_round(tally, pool, Style.DOTS, 3)
    with pytest.raises(BallotError, match="have used 4"):
        cast_ballot(tally, pool, {ids["A"]: 2, ids["B"]: 2})
    with pytest.raises(BallotError, match="at least one dot"):
        cast_ballot(tally, pool, {ids["A"]: 0})
    with pytest.raises(BallotError, match="whole dots"):
        cast_ballot(tally, pool, {ids["A"]: 1.5})
    with pytest.raises(BallotError, match="taken away"):
        cast_ballot(tally, pool, {ids["A"]: 3, ids["B"]: -1})
    # Six voters; the last spends only 1 of their 3 dots.
    ballots = [
        {ids["A"]: 2, ids["B"]: 1},
        {ids["A"]: 2, ids["B"]: 1},
        {ids["A"]: 1, ids["B"]: 1, ids["C"]: 1},
        {ids["A"]: 1, ids["C"]: 2},
        {ids["B"]: 1, ids["C"]: 2},
        {ids["D"]: 1},
    ]
    for ballot in ballots:
        cast_ballot(tally, pool, ballot, "lived")
    close_round(tally)
    shown = results(tally, pool)
    letter = {v: k for k, v in by_letter(pool).items()}
    # A 2+2+1+1 = 6, B 1+1+1+1 = 4, C 1+2+2 = 5, D 1. Dots have no rank sum.
    # Totals of 1 to 4 show as "<5", like counts, after the shown ones.
    got = [(letter[s.idea_id], s.points, s.rank_sum, s.shown) for s in shown.overall]
    assert got[:2] == [("A", 6, None, "6"), ("C", 5, None, "5")]
    assert sorted(got[2:]) == [("B", None, None, "<5"), ("D", None, None, "<5")]


@pytest.mark.parametrize("seed", range(40))
def test_no_shown_group_leaves_a_single_group_hidden(seed: int) -> None:
    # Random rooms: whatever is shown, a hidden group is never alone in hiding (it
    # would be overall minus the shown groups), every shown group has 5 or more, and
    # no shown group gave one idea top marks from everyone.
    rng = random.Random(seed)
    pool = IdeaPool()
    for n in range(rng.randint(3, 8)):
        moderate(pool, add_idea(pool, f"Idea {n}").id, IdeaStatus.SHOWN)
    size = rng.randint(1, 3)
    tally = RankTally("round")
    open_round(tally, pool, Style.TOP, size)
    ids = list(tally.candidates)
    for group in ("lived", "carer", "clinician", "peer", "not_said"):
        for _ in range(rng.choice([0, 2, 3, 5, 5, 6, 8])):
            cast_ballot(tally, pool, rng.sample(ids[: size + 2], size), group)
    close_round(tally)
    if tally.votes < 5:
        return
    decided = release(tally)
    hidden = [g for g in tally.voters if g not in decided.groups]
    if decided.groups:
        assert len(hidden) != 1, (decided.groups.keys(), hidden)
    for group, scores in decided.groups.items():
        assert tally.voters[group] >= 5
        assert all(s.value != size * tally.voters[group] for s in scores.values())


def test_a_long_list_never_leaves_a_small_group_alone_in_hiding() -> None:
    # 60 ideas and 30 voters: big enough that the solver gives up on the whole
    # table. Giving up must hide more, never excuse a group left alone in hiding.
    rng = random.Random(2)
    pool = IdeaPool()
    for n in range(60):
        moderate(pool, add_idea(pool, f"Idea {n}").id, IdeaStatus.SHOWN)
    tally = RankTally("long")
    open_round(tally, pool, Style.TOP, 5)
    ids = list(tally.candidates)
    for group, count in {"lived": 8, "carer": 6, "clinician": 5, "peer": 3, "not_said": 8}.items():
        for _ in range(count):
            cast_ballot(tally, pool, rng.sample(ids, 5), group)
    close_round(tally)
    decided = release(tally)
    hidden = [g for g in tally.voters if g not in decided.groups]
    assert "peer" in hidden
    assert len(hidden) >= 2


def test_no_ballot_and_no_per_idea_group_is_kept(pool: IdeaPool) -> None:
    tally = run(pool, TWELVE)
    stored = tally.to_json()
    assert set(stored) == {
        "round_id",
        "style",
        "size",
        "candidates",
        "status",
        "voters",
        "points",
        "markers",
    }
    assert stored["status"] == PollStatus.CLOSED.value
    assert {f.name for f in dataclasses.fields(tally)} == set(stored)
    for idea in pool.ideas:
        assert not {f.name for f in dataclasses.fields(idea)} & {"group", "groups", "writer"}
    assert RankTally.from_json(stored) == tally
