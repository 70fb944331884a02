"""A sealed response's length doesn't give away how long its answers were."""

from __future__ import annotations

import base64
import json

import pytest
from nacl.public import PrivateKey

from surveys.sealing import PAD_TO, Opener, Sealer

OVERHEAD = 48
"""What a sealed box adds: a 32-byte public key and a 16-byte tag."""


@pytest.fixture
def keys() -> tuple[Sealer, Opener]:
    private = PrivateKey.generate()
    return Sealer(private.public_key), Opener(private)


def payload(text: str) -> dict[str, object]:
    return {"survey": "session-debrief", "answers": {"overall": 7, "better": text}}


def sealed_length(sealed: str) -> int:
    return len(base64.b64decode(sealed))


def test_short_and_long_answers_in_the_same_bucket_seal_to_the_same_length(
    keys: tuple[Sealer, Opener],
) -> None:
    sealer, opener = keys
    short, long = payload("ok"), payload("More breaks please, and a quieter room. " * 20)
    sizes = [len(json.dumps(p, ensure_ascii=False, separators=(",", ":"))) for p in (short, long)]
    assert sizes[1] - sizes[0] > 700  # very different lengths …
    assert max(sizes) < PAD_TO  # … in the same bucket
    assert sealed_length(sealer.seal(short)) == sealed_length(sealer.seal(long))
    assert sealed_length(sealer.seal(short)) == PAD_TO + OVERHEAD
    # Opening gives the exact answers back: the padding spaces are not part of them.
    assert opener.open(sealer.seal(short)) == short
    assert opener.open(sealer.seal(long)) == long


def test_longer_answers_grow_a_whole_bucket_at_a_time(keys: tuple[Sealer, Opener]) -> None:
    sealer, opener = keys
    for text in ("x" * 1500, "é" * 1500, "trailing spaces inside an answer stay   "):
        sealed = sealer.seal(payload(text))
        assert (sealed_length(sealed) - OVERHEAD) % PAD_TO == 0
        assert opener.open(sealed) == payload(text)
