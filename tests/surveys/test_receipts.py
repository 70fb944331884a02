"""Receipt codes: what a participant keeps so they can take their answers back."""

from __future__ import annotations

import hashlib
import math

import pytest

from surveys import receipts

LOOK_ALIKES = "ILOU"


def test_alphabet_is_crockford_without_look_alikes() -> None:
    assert len(receipts.ALPHABET) == 32
    assert len(set(receipts.ALPHABET)) == 32
    assert not set(LOOK_ALIKES) & set(receipts.ALPHABET)
    assert set(receipts.ALPHABET) <= set("0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ")


def test_a_code_carries_at_least_50_bits() -> None:
    bits = receipts.LENGTH * math.log2(len(receipts.ALPHABET))
    assert bits >= 50
    assert bits >= receipts.BITS


@pytest.mark.parametrize("attempt", range(50))
def test_new_code_is_two_groups_of_five_from_the_alphabet(attempt: int) -> None:
    code = receipts.new_code()
    groups = code.split("-")
    assert [len(g) for g in groups] == [5, 5]
    assert all(ch in receipts.ALPHABET for ch in "".join(groups))
    assert receipts.normalise(code) == code


def test_codes_are_random_and_use_the_whole_alphabet() -> None:
    codes = [receipts.new_code() for _ in range(2000)]
    assert len(set(codes)) == len(codes)
    used = set("".join(codes).replace("-", ""))
    assert used == set(receipts.ALPHABET)
    # Every position varies (no fixed prefix that would cut the entropy).
    for position in range(11):
        if position == 5:
            continue
        assert len({code[position] for code in codes}) > 20


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("7K3QD-M9XTA", "7K3QD-M9XTA"),
        ("7k3qd-m9xta", "7K3QD-M9XTA"),  # lower case
        ("7K3QD M9XTA", "7K3QD-M9XTA"),  # a space instead of the dash
        ("  7k3 qd m9 xta ", "7K3QD-M9XTA"),  # spaces anywhere
        ("7K3QDM9XTA", "7K3QD-M9XTA"),  # no separator
        ("OK3QD-M9XTA", "0K3QD-M9XTA"),  # O read as zero
        ("oK3QD-M9XTA", "0K3QD-M9XTA"),  # lower-case o too
        ("IK3QD-M9XTL", "1K3QD-M9XT1"),  # I and L read as one
        ("iK3QD-M9XTl", "1K3QD-M9XT1"),
        ("７Ｋ３ＱＤ－Ｍ９ＸＴＡ", "7K3QD-M9XTA"),  # full-width, as some phone keyboards type
        ("7K3QD_M9XTA", "7K3QD-M9XTA"),  # an underscore is a separator too
    ],
)
def test_normalise_accepts_what_people_type(typed: str, expected: str) -> None:
    assert receipts.normalise(typed) == expected


@pytest.mark.parametrize(
    "typed",
    [
        "",
        "7K3QD",  # too short
        "7K3QD-M9XTA-1",  # too long
        "7K3QD-M9XTU",  # U is not in the alphabet
        "7K3QD-M9XT!",  # punctuation instead of a character
        "7K3QD-M9XTÄ",  # a letter outside the alphabet
        "hello",
    ],
)
def test_normalise_refuses_what_cannot_be_a_code(typed: str) -> None:
    assert receipts.normalise(typed) is None


@pytest.mark.parametrize(
    ("typed", "separators", "expected"),
    [
        ("o1L-iOl", " -", "011101"),
        ("７Ｋ３ ＱＤＭ", " -", "7K3QDM"),
        ("7K3_QDM", " -", None),  # only the separators given are dropped
        ("7K3_QDM", None, "7K3QDM"),  # None: everything but letters and numbers is
        ("<script>", " -", None),
        ("7K3QDU", None, None),
        ("7K3QD", None, None),
    ],
)
def test_fold_code_reads_look_alikes_and_drops_only_separators(
    typed: str, separators: str | None, expected: str | None
) -> None:
    assert receipts.fold_code(typed, 6, separators=separators) == expected


def test_code_hash_is_sha256_of_the_canonical_code_and_stable() -> None:
    expected = hashlib.sha256(b"7K3QD-M9XTA").hexdigest()
    assert receipts.code_hash("7K3QD-M9XTA") == expected
    assert receipts.code_hash("7k3qd m9xta") == expected
    assert receipts.code_hash(" 7K3QD M9XTA ") == expected
    assert receipts.code_hash("0K3QD-M9XTA") == receipts.code_hash("oK3QD-M9XTA")
    assert receipts.code_hash("7K3QD-M9XTB") != expected


def test_code_hash_refuses_a_non_code() -> None:
    with pytest.raises(ValueError, match="not a receipt code"):
        receipts.code_hash("nonsense")


@pytest.mark.parametrize(
    ("code", "spoken"),
    [
        ("7K3QD-M9XTA", "7 K 3 Q D. M 9 X T A"),
        ("00000-11111", "0 0 0 0 0. 1 1 1 1 1"),
    ],
)
def test_spoken_form_reads_each_character_with_a_pause_between_groups(
    code: str, spoken: str
) -> None:
    assert receipts.spoken(code) == spoken
