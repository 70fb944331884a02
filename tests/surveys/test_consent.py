"""Consent: the exact words shown are hashed, and the ticks are recorded as chosen."""

from __future__ import annotations

import hashlib

import pytest

from surveys.consent import (
    ConsentRecord,
    consent_text,
    give_consent,
    known_versions,
    template_text,
    text_hash,
)
from surveys.model import ConsentBlock, ConsentTick

QUOTE = ConsentTick("quote", "You can quote my words")
CONTACT = ConsentTick("follow_up", "You can invite me to the next group")


def block(**changes: object) -> ConsentBlock:
    fields: dict[str, object] = {
        "version": "standard-v1",
        "organisation": "the Recovery College",
        "coordinator": "the course coordinator",
        "contact": "the college office",
        "ticks": (QUOTE, CONTACT),
    }
    fields.update(changes)
    return ConsentBlock(**fields)  # type: ignore[arg-type]


def test_the_standard_text_ships() -> None:
    assert "standard-v1" in known_versions()


def test_unknown_version_is_a_key_error() -> None:
    with pytest.raises(KeyError):
        template_text("no-such-version")


def test_the_text_is_filled_with_the_survey_details() -> None:
    text = consent_text(block(withdraw_days=21))
    assert "the Recovery College" in text
    assert "the college office" in text
    assert "within 21 days" in text
    assert "{" not in text
    assert "}" not in text


def test_the_hash_is_sha256_of_the_exact_words_shown() -> None:
    record = give_consent(block(), set())
    shown = consent_text(block())
    assert record.sha256 == hashlib.sha256(shown.encode("utf-8")).hexdigest()
    assert record.sha256 == text_hash(shown)
    assert record.version == "standard-v1"


@pytest.mark.parametrize(
    "changes",
    [
        {"organisation": "the Wellbeing Hub"},
        {"coordinator": "someone else"},
        {"withdraw_days": 7},
        {"keep_days": 90},
        {"help": "the duty worker"},
    ],
)
def test_different_words_give_a_different_hash(changes: dict[str, object]) -> None:
    assert give_consent(block(**changes), set()).sha256 != give_consent(block(), set()).sha256


def test_ticks_do_not_change_the_text_hash() -> None:
    assert give_consent(block(), {"quote"}).sha256 == give_consent(block(), set()).sha256


@pytest.mark.parametrize(
    ("ticked", "expected"),
    [
        (set(), {"quote": False, "follow_up": False}),
        ({"quote"}, {"quote": True, "follow_up": False}),
        ({"follow_up"}, {"quote": False, "follow_up": True}),
        ({"quote", "follow_up"}, {"quote": True, "follow_up": True}),
        ({"quote", "not-offered"}, {"quote": True, "follow_up": False}),  # unknown ignored
        (frozenset({"sneaky"}), {"quote": False, "follow_up": False}),
    ],
)
def test_every_offered_tick_is_recorded_and_unknown_ones_ignored(
    ticked: set[str], expected: dict[str, bool]
) -> None:
    assert give_consent(block(), ticked).ticks == expected


def test_no_ticks_offered_records_none() -> None:
    assert give_consent(block(ticks=()), {"quote"}).ticks == {}


def test_the_record_keeps_no_words_only_the_hash() -> None:
    record = give_consent(block(), {"quote"})
    data = record.to_json()
    assert data == {"version": "standard-v1", "sha256": record.sha256, "ticks": record.ticks}
    assert "Recovery College" not in str(data)


def test_to_json_copies_the_ticks() -> None:
    record = ConsentRecord("standard-v1", "0" * 64, {"quote": True})
    data = record.to_json()
    data["ticks"]["quote"] = False  # type: ignore[index]
    assert record.ticks == {"quote": True}


def test_every_shipped_translation_has_the_same_lines_and_details_to_fill_in() -> None:
    import re

    from surveys.consent import consent_languages

    for version in known_versions():
        english = template_text(version).splitlines()
        assert consent_languages(version)[0] == "en"
        for language in consent_languages(version)[1:]:
            lines = template_text(version, language).splitlines()
            assert len(lines) == len(english), (version, language)
            for theirs, ours in zip(lines, english, strict=True):
                assert sorted(re.findall(r"\{\w+\}", theirs)) == sorted(
                    re.findall(r"\{\w+\}", ours)
                ), (language, theirs)
    assert {"cy", "pl", "ur"} <= set(consent_languages("standard-v1"))


def test_consent_is_shown_and_recorded_in_the_chosen_language() -> None:
    from dataclasses import replace

    from surveys.consent import consent_text, give_consent

    block = ConsentBlock(
        version="standard-v1",
        organisation="Coleg Adfer",
        coordinator="cydlynydd y cwrs",
        contact="swyddfa'r coleg",
    )
    welsh = consent_text(block, "cy")
    assert welsh.startswith("Rydym eisiau gwybod beth yw eich barn am Coleg Adfer.")
    assert welsh.endswith("Ydych chi'n cytuno i gymryd rhan?")
    assert "{" not in welsh
    # The sealed record proves which words were agreed to: Welsh words, Welsh hash.
    assert give_consent(block, set(), "cy").sha256 == text_hash(welsh)
    assert give_consent(block, set(), "cy").sha256 != give_consent(block, set()).sha256
    # A language with no shipped text shows (and records) the English.
    assert consent_text(block, "ro") == consent_text(block)
    assert give_consent(replace(block), set(), "ro").sha256 == give_consent(block, set()).sha256
