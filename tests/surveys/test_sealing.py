"""Sealing answers to the coordinator's key, and the key files themselves."""

from __future__ import annotations

import base64
import json
import stat
from pathlib import Path

import pytest
from nacl.public import PrivateKey

from surveys import sealing
from surveys.sealing import (
    DEMO_KEY_NOTICE,
    DEMO_PRIVATE_KEY_FILE,
    PUBLIC_KEY_FILE,
    KeyFileError,
    Opener,
    Sealer,
    ensure_keys,
    is_demo_key,
    load_private_key,
    load_sealer,
    new_key_pair,
)

PASSPHRASE = "correct horse battery staple"
PAYLOAD: dict[str, object] = {
    "survey": "course-feedback",
    "answers": {"q1": "agree", "q2": 7, "q3": ["a", "b"], "q4": "Ünïcødé — “quotes” 🙂"},
}


@pytest.fixture
def cheap_kdf(monkeypatch: pytest.MonkeyPatch) -> None:
    """Argon2id at its lowest allowed cost, so the passphrase tests stay quick."""
    monkeypatch.setattr(sealing, "_KDF_TIME", 1)
    monkeypatch.setattr(sealing, "_KDF_MEMORY_KIB", 8_192)
    monkeypatch.setattr(sealing, "_KDF_LANES", 1)


@pytest.fixture
def protected(tmp_path: Path, cheap_kdf: None) -> tuple[Path, Path]:
    public, private = tmp_path / "kiosk" / PUBLIC_KEY_FILE, tmp_path / "usb" / "coordinator.key"
    new_key_pair(public, private, PASSPHRASE)
    return public, private


def test_seal_then_open_gives_the_payload_back(tmp_path: Path) -> None:
    sealer, _ = ensure_keys(tmp_path / "keys")
    opener = load_private_key(tmp_path / "keys" / DEMO_PRIVATE_KEY_FILE, None)
    sealed = sealer.seal(PAYLOAD)
    assert opener.open(sealed) == PAYLOAD
    assert "agree" not in sealed
    assert "course-feedback" not in sealed


def test_each_seal_is_different_even_for_the_same_payload(tmp_path: Path) -> None:
    sealer, _ = ensure_keys(tmp_path / "keys")
    assert sealer.seal(PAYLOAD) != sealer.seal(PAYLOAD)


def test_a_different_key_cannot_open_and_says_so_plainly(tmp_path: Path) -> None:
    sealer, _ = ensure_keys(tmp_path / "keys")
    stranger = Opener(PrivateKey.generate())
    with pytest.raises(KeyFileError) as caught:
        stranger.open(sealer.seal(PAYLOAD))
    assert "could not be opened with this key" in caught.value.message
    assert "Traceback" not in caught.value.message


@pytest.mark.parametrize("sealed", ["", "not base64!", base64.b64encode(b"x" * 80).decode()])
def test_damaged_sealed_data_gives_a_plain_message(tmp_path: Path, sealed: str) -> None:
    ensure_keys(tmp_path / "keys")
    opener = load_private_key(tmp_path / "keys" / DEMO_PRIVATE_KEY_FILE, None)
    with pytest.raises(KeyFileError, match="could not be opened"):
        opener.open(sealed)


def test_passphrase_protected_key_opens_with_the_right_passphrase(
    protected: tuple[Path, Path],
) -> None:
    public, private = protected
    sealer = load_sealer(public)
    assert not sealer.demo
    opener = load_private_key(private, PASSPHRASE)
    assert not opener.demo
    assert opener.open(sealer.seal(PAYLOAD)) == PAYLOAD


@pytest.mark.parametrize(
    "wrong", ["correct horse battery stapler", "", "CORRECT HORSE BATTERY STAPLE"]
)
def test_a_wrong_passphrase_is_refused_plainly(protected: tuple[Path, Path], wrong: str) -> None:
    _, private = protected
    with pytest.raises(KeyFileError) as caught:
        load_private_key(private, wrong)
    assert caught.value.message == "That passphrase didn't open the key. Please try again."


def test_a_protected_key_without_its_passphrase_says_it_needs_one(
    protected: tuple[Path, Path],
) -> None:
    with pytest.raises(KeyFileError, match="needs its passphrase"):
        load_private_key(protected[1], None)


def test_the_passphrase_is_compared_in_one_unicode_form(tmp_path: Path, cheap_kdf: None) -> None:
    public, private = tmp_path / "k.pub", tmp_path / "k.key"
    new_key_pair(public, private, "caf\u00e9 au lait please")  # é as one character
    opener = load_private_key(private, "cafe\u0301 au lait please")  # e + combining accent
    assert opener.open(load_sealer(public).seal(PAYLOAD)) == PAYLOAD


def test_the_stored_stretching_settings_are_the_ones_used(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, cheap_kdf: None
) -> None:
    public, private = tmp_path / "k.pub", tmp_path / "k.key"
    new_key_pair(public, private, PASSPHRASE)
    # A later version with stronger defaults must still open keys made today.
    monkeypatch.setattr(sealing, "_KDF_TIME", 2)
    monkeypatch.setattr(sealing, "_KDF_MEMORY_KIB", 16_384)
    assert load_private_key(private, PASSPHRASE).open(load_sealer(public).seal(PAYLOAD)) == PAYLOAD


def test_hostile_stretching_settings_are_refused(tmp_path: Path, cheap_kdf: None) -> None:
    public, private = tmp_path / "k.pub", tmp_path / "k.key"
    new_key_pair(public, private, PASSPHRASE)
    document = json.loads(private.read_text())
    document["kdf"]["memory_kib"] = 64 * 1024 * 1024  # 64 GiB
    private.write_text(json.dumps(document))
    with pytest.raises(KeyFileError, match="damaged"):
        load_private_key(private, PASSPHRASE)


def test_private_key_file_is_readable_by_its_owner_only(protected: tuple[Path, Path]) -> None:
    _, private = protected
    assert stat.S_IMODE(private.stat().st_mode) == 0o600


def test_demo_private_key_file_is_owner_only_too(tmp_path: Path) -> None:
    ensure_keys(tmp_path / "keys")
    assert stat.S_IMODE((tmp_path / "keys" / DEMO_PRIVATE_KEY_FILE).stat().st_mode) == 0o600
    assert stat.S_IMODE((tmp_path / "keys").stat().st_mode) == 0o700


def test_public_key_file_never_contains_the_private_key(protected: tuple[Path, Path]) -> None:
    public, private = protected
    text = public.read_text()
    opener = load_private_key(private, PASSPHRASE)
    secret = bytes(opener.private_key)
    for form in (base64.b64encode(secret).decode(), secret.hex(), secret.hex().upper()):
        assert form not in text
    document = json.loads(text)
    assert set(document) == {"kind", "demo", "key", "fingerprint"}
    assert base64.b64decode(document["key"]) == bytes(opener.private_key.public_key)


def test_the_protected_private_key_file_holds_no_plain_key(protected: tuple[Path, Path]) -> None:
    _, private = protected
    secret = bytes(load_private_key(private, PASSPHRASE).private_key)
    text = private.read_text()
    assert base64.b64encode(secret).decode() not in text
    assert secret.hex() not in text
    assert "key" not in json.loads(text)


def test_fresh_install_makes_a_demo_key_pair_flagged_as_demo(tmp_path: Path) -> None:
    sealer, made = ensure_keys(tmp_path / "keys")
    assert made
    assert sealer.demo
    assert is_demo_key(tmp_path / "keys" / PUBLIC_KEY_FILE)
    assert is_demo_key(tmp_path / "keys" / DEMO_PRIVATE_KEY_FILE)
    assert load_private_key(tmp_path / "keys" / DEMO_PRIVATE_KEY_FILE, None).demo
    assert "trying the kiosk out only" in DEMO_KEY_NOTICE
    assert json.loads((tmp_path / "keys" / PUBLIC_KEY_FILE).read_text())["note"] == DEMO_KEY_NOTICE
    again, made_again = ensure_keys(tmp_path / "keys")
    assert not made_again
    assert again.public_key == sealer.public_key


def test_a_real_key_is_not_flagged_as_demo(protected: tuple[Path, Path]) -> None:
    public, private = protected
    assert not is_demo_key(public)
    assert not is_demo_key(private)
    assert "note" not in json.loads(public.read_text())


def test_the_kiosk_refuses_a_private_key_in_place_of_the_public_key(tmp_path: Path) -> None:
    ensure_keys(tmp_path / "keys")
    with pytest.raises(KeyFileError, match="is a private key"):
        load_sealer(tmp_path / "keys" / DEMO_PRIVATE_KEY_FILE)


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        (None, "There is no"),
        ("", "could not be read"),
        ("{not json", "could not be read"),
        ('{"kind": "something else"}', "not a coordinator"),
        ('["a list"]', "not a coordinator"),
    ],
)
def test_missing_or_damaged_key_files_give_plain_messages(
    tmp_path: Path, content: str | None, expected: str
) -> None:
    path = tmp_path / "key"
    if content is not None:
        path.write_text(content)
    for load in (lambda: load_sealer(path), lambda: load_private_key(path, PASSPHRASE)):
        with pytest.raises(KeyFileError, match=expected):
            load()


def test_a_damaged_public_key_value_gives_a_plain_message(tmp_path: Path) -> None:
    ensure_keys(tmp_path / "keys")
    public = tmp_path / "keys" / PUBLIC_KEY_FILE
    document = json.loads(public.read_text())
    document["key"] = base64.b64encode(b"short").decode()
    public.write_text(json.dumps(document))
    with pytest.raises(KeyFileError, match="could not be read"):
        load_sealer(public)


def test_fingerprint_is_short_and_readable(tmp_path: Path) -> None:
    sealer: Sealer = ensure_keys(tmp_path / "keys")[0]
    printed = sealing.fingerprint(sealer.public_key)
    assert len(printed.split()) == 4
    assert all(len(part) == 4 for part in printed.split())


def test_real_keys_use_argon2id_at_the_rfc_9106_low_memory_profile(tmp_path: Path) -> None:
    public, private = tmp_path / "k.pub", tmp_path / "k.key"
    new_key_pair(public, private, PASSPHRASE)
    kdf = json.loads(private.read_text())["kdf"]
    assert (kdf["name"], kdf["time"], kdf["memory_kib"], kdf["lanes"]) == ("argon2id", 3, 65_536, 4)
    assert len(base64.b64decode(kdf["salt"])) == 16
    assert load_private_key(private, PASSPHRASE).open(load_sealer(public).seal(PAYLOAD)) == PAYLOAD
