""" "You said — We did" cards as words (issue 16): the opening words follow the
status, only shared and short actions become cards (counted as the checker counts),
and what people said goes through the one scrubber again."""

from __future__ import annotations

import datetime as dt

import pytest

from surveys.action_cards import (
    CARD_MOST_WORDS,
    card_for,
    card_words,
    fits_card,
    results_sentence,
    shared_cards,
)
from surveys.action_model import Action, ActionLog, ActionStatus
from surveys.action_reader import load_action_text
from tests.support.action_logs import ACTIONS_YAML, SHOWN


def action(**changes: object) -> Action:
    fields: dict[str, object] = {
        "id": "a1",
        "you_said": "The room was too cold",
        "we_did": "We moved the course to the library",
        "owner": "Recovery College manager",
        "due": dt.date(2026, 3, 31),
        "share": True,
    }
    fields.update(changes)
    return Action(**fields)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("status", "second"),
    [
        (ActionStatus.DONE, "We did: We moved the course to the library."),
        (ActionStatus.IN_PROGRESS, "We are doing: We moved the course to the library."),
        (ActionStatus.PLANNED, "We will: We moved the course to the library."),
    ],
)
def test_the_opening_words_follow_the_status(status: ActionStatus, second: str) -> None:
    card = card_for(action(status=status))
    assert card.lines == ("You said: The room was too cold.", second)
    assert card.text == f"You said: The room was too cold. {second}"


def test_not_possible_says_why_in_a_sentence() -> None:
    card = card_for(action(status=ActionStatus.NOT_POSSIBLE, reason="The library is closed"))
    assert card.we_did == "We could not do this because the library is closed."
    kept = card_for(action(status=ActionStatus.NOT_POSSIBLE, reason="NHS rules say no."))
    assert kept.we_did == "We could not do this because NHS rules say no."


def test_only_actions_ready_to_share_and_short_enough_become_cards() -> None:
    result = load_action_text(ACTIONS_YAML)
    assert result.log is not None
    assert [card.lines for card in shared_cards(result.log)] == list(SHOWN)
    # The checker warned about the long one, and that one is exactly what is left out.
    long_ones = {a.id for a in result.log.to_share() if not fits_card(a)}
    warned = [p for p in result.warnings if p.code.name == "ACTION_CARD_LONG"]
    assert long_ones == {"a5"}
    assert len(warned) == 1


def test_the_word_limit_is_the_checkers() -> None:
    words = ["word"] * (CARD_MOST_WORDS - 1 - 3)
    just = action(you_said=" ".join(words), we_did="one two three")
    assert card_words(just) == CARD_MOST_WORDS - 1
    assert fits_card(just)
    over = action(you_said=" ".join(words), we_did="one two three four")
    assert not fits_card(over)
    assert shared_cards(ActionLog(actions=(over,))) == ()


def test_a_name_typed_into_what_people_said_is_masked() -> None:
    card = card_for(action(you_said="Sarah Jones said the room was cold"))
    assert card.you_said == "You said: [name] said the room was cold."


def test_the_log_order_is_kept() -> None:
    log = ActionLog(actions=(action(id="b"), action(id="a", share=False), action(id="c")))
    assert [card.action_id for card in shared_cards(log)] == ["b", "c"]


@pytest.mark.parametrize(
    ("given", "said"),
    [
        (
            "At the café, on the first Monday of the month",
            "You can find out what happened next at the café, on the first Monday of the month.",
        ),
        (
            "Results are shared at the café.",
            "You can find out what happened next. Results are shared at the café.",
        ),
        (
            "Every Friday in the library",
            "You can find out what happened next every Friday in the library.",
        ),
        ("  ", ""),
    ],
)
def test_when_and_where_results_are_shared_in_plain_words(given: str, said: str) -> None:
    assert results_sentence(given) == said
