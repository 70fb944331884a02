"""``surveys.plurals.counted``: the one plural helper every message uses."""

from __future__ import annotations

import pytest

from surveys.plurals import counted


@pytest.mark.parametrize(
    ("number", "word", "words"),
    [
        (0, "poll", "0 polls"),
        (1, "response", "1 response"),
        (2, "receipt code", "2 receipt codes"),
        (12, "piece", "12 pieces"),
    ],
)
def test_a_number_of_things_reads_as_people_say_it(number: int, word: str, words: str) -> None:
    assert counted(number, word) == words
