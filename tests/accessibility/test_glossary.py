"""Finding and explaining hard words on a screen."""

from __future__ import annotations

import pytest

from accessibility.glossary import BUILT_IN, Glossary, GlossaryEntry, glossary_for
from accessibility.plain_english import check_text
from surveys.model import ConsentBlock, Survey

GLOSSARY = glossary_for()

REQUIRED_TERMS = {
    "co-production",
    "lived experience",
    "learned experience",
    "facilitator",
    "anonymous",
    "consent",
    "focus group",
    "carer",
    "peer support worker",
    "third sector",
    "commissioner",
    "confidential",
    "withdraw",
    "receipt code",
    "working group",
    "Recovery College",
}


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("Was this co-production?", ["co-production"]),
        ("Coproduction matters.", ["co-production"]),
        ("Co production matters.", ["co-production"]),
        ("Our CARERS and a peer support worker came.", ["carer", "peer support worker"]),
        ("The commissioners and the third-sector groups", ["commissioner", "third sector"]),
        ("Two Recovery Colleges", ["Recovery College"]),
        ("What is your lived experience?", ["lived experience"]),
        ("Focus groups and working groups", ["focus group", "working group"]),
        ("The facilitator's notes", ["facilitator"]),
        ("You can withdraw. Withdrawing is fine.", ["withdraw"]),
        ("Keep your receipt code safe.", ["receipt code"]),
        ("It is anonymous and confidential.", ["anonymous", "confidential"]),
        ("Your consent matters.", ["consent"]),
        ("A code, a worker, a sector, being well", []),
        ("The consentual", []),
        ("Carer-led", []),
    ],
)
def test_terms_are_found_as_whole_words_in_any_form(text: str, found: list[str]) -> None:
    assert [entry.term for entry in GLOSSARY.terms_in(text)] == found


def test_the_longest_phrase_wins() -> None:
    glossary = Glossary([GlossaryEntry("worker", "Someone at work."), *BUILT_IN])
    assert [e.term for e in glossary.terms_in("A peer support worker")] == ["peer support worker"]


def test_every_required_term_is_built_in() -> None:
    assert {entry.term for entry in BUILT_IN} >= REQUIRED_TERMS


def test_each_entry_finds_itself() -> None:
    for entry in BUILT_IN:
        assert GLOSSARY.terms_in(f"About {entry.term} here.") == [entry]


@pytest.mark.parametrize("entry", BUILT_IN, ids=[e.term for e in BUILT_IN])
def test_built_in_meanings_are_plain(entry: GlossaryEntry) -> None:
    advice = check_text(entry.meaning, glossary=GLOSSARY)
    assert [(code, words) for code, words, _ in advice] == []


def test_a_survey_adds_its_own_words_and_wins_where_both_explain_one() -> None:
    survey = Survey(
        id="s",
        title="T",
        version="1",
        intro="Hi",
        consent=ConsentBlock("standard-v1", "o", "c", "x"),
        questions=(),
        glossary={"Carer": "Our own meaning.", "Buddy": "A person who walks with you."},
    )
    glossary = glossary_for(survey)
    found = glossary.terms_in("My buddy is a carer.")
    assert [(e.term, e.meaning) for e in found] == [
        ("Buddy", "A person who walks with you."),
        ("Carer", "Our own meaning."),
    ]


def test_nothing_to_find_in_an_empty_glossary() -> None:
    assert Glossary([]).terms_in("co-production") == []
