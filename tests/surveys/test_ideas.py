"""The idea pool: random order, no writer kept, moderation, round-robin, merge and undo."""

from __future__ import annotations

import copy
import dataclasses

import pytest

from surveys.ideas import (
    IdeaError,
    IdeaPool,
    IdeaStatus,
    add_idea,
    mark_clarified,
    merge,
    moderate,
    round_words,
    step,
    stop_collecting,
    undo_merge,
)


def shown_pool(*texts: str) -> tuple[IdeaPool, dict[str, str]]:
    pool = IdeaPool()
    ids = {}
    for text in texts:
        idea = add_idea(pool, text)
        moderate(pool, idea.id, IdeaStatus.SHOWN)
        ids[text] = idea.id
    return pool, ids


def test_ideas_are_listed_in_a_random_order_not_the_order_they_came_in() -> None:
    orders = set()
    for _ in range(20):
        pool = IdeaPool()
        for n in range(6):
            add_idea(pool, f"Idea number {n}")
        orders.add(tuple(idea.text for idea in pool.ideas))
    arrival = tuple(f"Idea number {n}" for n in range(6))
    # 20 shuffles of 6 ideas: the chance all 20 follow arrival order is (1/720)^20.
    assert len(orders) > 1
    assert orders != {arrival}


def test_ids_are_random_not_a_count() -> None:
    pool = IdeaPool()
    ids = [add_idea(pool, f"Idea {n}").id for n in range(10)]
    assert len(set(ids)) == 10
    assert not any(i[1:].isdigit() and int(i[1:]) < 10 for i in ids)


def test_the_writers_group_is_only_a_count_for_the_whole_pool() -> None:
    pool = IdeaPool()
    add_idea(pool, "More evening sessions", "carer")
    add_idea(pool, "Quiet room", "lived")
    add_idea(pool, "Quiet room please", "carer")
    add_idea(pool, "Free parking", "not a group")
    assert dict(pool.writers) == {"carer": 2, "lived": 1, "not_said": 1}
    fields = {f.name for f in dataclasses.fields(pool.ideas[0])}
    assert not fields & {"group", "writer", "author", "arrived"}
    assert all("carer" not in repr(idea) and "lived" not in repr(idea) for idea in pool.ideas)


def test_blank_long_and_late_ideas_are_refused_kindly() -> None:
    pool = IdeaPool()
    with pytest.raises(IdeaError, match="write an idea first"):
        add_idea(pool, "   ")
    with pytest.raises(IdeaError, match="a bit long"):
        add_idea(pool, "word " * 100)
    stop_collecting(pool)
    with pytest.raises(IdeaError, match="finished for now"):
        add_idea(pool, "Too late")
    assert pool.ideas == []


def test_ideas_wait_to_be_shown_and_screens_get_personal_details_masked() -> None:
    pool = IdeaPool()
    idea = add_idea(pool, "Ring Dr Patel on 07700 900123 about transport")
    assert pool.held() == [idea]
    assert pool.in_play() == []
    moderate(pool, idea.id, IdeaStatus.SHOWN)
    assert pool.in_play() == [idea]
    assert "07700" not in idea.display_text
    assert "[phone]" in idea.display_text
    moderate(pool, idea.id, IdeaStatus.DROPPED)
    assert pool.in_play() == []
    assert pool.held() == []


def test_round_robin_goes_one_idea_at_a_time_and_stops_at_the_ends() -> None:
    pool, _ = shown_pool("A quiet room", "Evening sessions", "Free parking")
    playing = [idea.id for idea in pool.in_play()]
    assert round_words(pool) == ""
    assert step(pool, 1).id == playing[0]  # type: ignore[union-attr]
    assert round_words(pool) == "Idea 1 of 3"
    step(pool, 1)
    step(pool, 1)
    assert step(pool, 1).id == playing[2]  # type: ignore[union-attr]
    assert round_words(pool) == "Idea 3 of 3"
    assert step(pool, -1).id == playing[1]  # type: ignore[union-attr]
    mark_clarified(pool, playing[1])
    assert pool.find(playing[1]).clarified
    assert step(IdeaPool(), 1) is None


def test_a_merge_keeps_the_original_words_and_says_how_many_it_combines() -> None:
    pool, ids = shown_pool("Quiet room", "Somewhere calm to sit", "A chill-out space", "Parking")
    combined = merge(
        pool,
        [ids["Quiet room"], ids["Somewhere calm to sit"], ids["A chill-out space"]],
        "A quiet, calm space",
    )
    assert combined.combined_words == "combines 3 ideas"
    assert {i.text for i in pool.in_play()} == {"A quiet, calm space", "Parking"}
    assert sorted(pool.history(combined.id)) == sorted(
        ["Quiet room", "Somewhere calm to sit", "A chill-out space"]
    )
    assert all(pool.find(i).merged_into == combined.id for i in combined.combines)


def test_merges_stack_and_their_history_goes_back_to_every_original() -> None:
    pool, ids = shown_pool("Quiet room", "Calm space", "Somewhere to rest", "Parking")
    first = merge(pool, [ids["Quiet room"], ids["Calm space"]], "A calm room")
    second = merge(pool, [first.id, ids["Somewhere to rest"]], "A calm room to rest in")
    assert sorted(pool.history(second.id)) == ["Calm space", "Quiet room", "Somewhere to rest"]
    with pytest.raises(IdeaError, match="later merge"):
        undo_merge(pool, first.id)


def test_undoing_merges_puts_the_pool_back_exactly() -> None:
    pool, ids = shown_pool("Quiet room", "Calm space", "Somewhere to rest", "Parking")
    step(pool, 1)
    step(pool, 1)
    before = copy.deepcopy(pool)
    first = merge(pool, [ids["Quiet room"], ids["Calm space"]], "A calm room")
    merge(pool, [first.id, ids["Somewhere to rest"]], "A calm room to rest in")
    assert pool != before
    undo_merge(pool)
    undo_merge(pool)
    assert pool == before


def test_merges_that_cannot_happen_change_nothing() -> None:
    pool, ids = shown_pool("Quiet room", "Calm space")
    held = add_idea(pool, "Not shown yet")
    before = copy.deepcopy(pool)
    with pytest.raises(IdeaError, match="two or more"):
        merge(pool, [ids["Quiet room"]], "x")
    with pytest.raises(IdeaError, match="on the list"):
        merge(pool, [ids["Quiet room"], held.id], "x")
    with pytest.raises(IdeaError, match="some words"):
        merge(pool, [ids["Quiet room"], ids["Calm space"]], "  ")
    with pytest.raises(IdeaError, match="no merge to undo"):
        undo_merge(pool)
    pool.frozen = True
    with pytest.raises(IdeaError, match="Ranking has started"):
        merge(pool, [ids["Quiet room"], ids["Calm space"]], "Calm")
    pool.frozen = False
    assert pool == before


def test_when_writing_stops_every_idea_gets_a_new_id_and_merges_follow() -> None:
    pool, ids = shown_pool("Quiet room", "Calm space", "Parking")
    merge(pool, [ids["Quiet room"], ids["Calm space"]], "A calm room")
    step(pool, 1)
    before = {idea.text: idea.id for idea in pool.ideas}
    on_screen_words = pool.find(pool.on_screen or "").text
    stop_collecting(pool)
    after = {idea.text: idea.id for idea in pool.ideas}
    assert set(after) == set(before)
    assert not set(after.values()) & set(before.values())
    new_combined = after["A calm room"]
    assert sorted(pool.history(new_combined)) == ["Calm space", "Quiet room"]
    assert pool.find(pool.on_screen or "").text == on_screen_words
    undo_merge(pool)
    assert {i.text for i in pool.in_play()} == {"Quiet room", "Calm space", "Parking"}
    stop_collecting(pool)  # a second time changes nothing
    assert {idea.text: idea.id for idea in pool.ideas} == {
        t: i for t, i in after.items() if t != "A calm room"
    }
