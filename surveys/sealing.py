"""Sealing responses to the coordinator's public key (libsodium sealed boxes).

The kiosk holds only the public key, so it can lock answers but never read them
back. The private key stays with the coordinator, protected by a passphrase
(Argon2id stretches the passphrase into a key for a secret box). A fresh install
makes a *demo* key pair whose private key has no passphrase: it is for trying the
kiosk only, and everything that uses it says so.
"""

from __future__ import annotations

import base64
import hashlib
import json
import os
import unicodedata
from dataclasses import dataclass
from pathlib import Path

from argon2.low_level import Type, hash_secret_raw
from nacl.exceptions import CryptoError
from nacl.public import PrivateKey, PublicKey, SealedBox
from nacl.secret import SecretBox
from nacl.utils import random as random_bytes

from surveys.errors import PlainError
from surveys.storage.atomic import remove_stray_temps, write_bytes_atomic

PUBLIC_KEY_FILE = "coordinator.pub"
DEMO_PRIVATE_KEY_FILE = "demo-coordinator.key"

PUBLIC_KIND = "coproduction-kiosk public key"
PRIVATE_KIND = "coproduction-kiosk private key"

DEMO_KEY_NOTICE = (
    "This kiosk is using a demo key, made for trying the kiosk out only. "
    "Anyone with this kiosk can read answers locked with it. "
    "Before real use, make a coordinator key with: kiosk keys new"
)
"""What to say wherever the demo key is in use."""

PAD_TO = 1024
"""Sealed JSON is padded with spaces to a multiple of this many bytes, so the length
of a sealed response doesn't give away how long its answers were."""

# Argon2id settings for the private key's passphrase: RFC 9106's low-memory profile.
_KDF_TIME = 3
_KDF_MEMORY_KIB = 65_536
_KDF_LANES = 4


class KeyFileError(PlainError):
    """A key file is missing, damaged, or the passphrase is wrong. ``message`` is plain."""


def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def _unb64(text: str) -> bytes:
    return base64.b64decode(text.encode("ascii"), validate=True)


def fingerprint(public_key: PublicKey) -> str:
    """A short, readable fingerprint so a coordinator can check which key a kiosk uses."""
    digest = hashlib.sha256(bytes(public_key)).hexdigest()[:16].upper()
    return " ".join(digest[i : i + 4] for i in range(0, 16, 4))


@dataclass(frozen=True)
class Sealer:
    """Locks response data so only the coordinator's private key can open it."""

    public_key: PublicKey
    demo: bool = False

    def seal(self, payload: dict[str, object]) -> str:
        """The payload as compact JSON, padded to ``PAD_TO`` bytes, sealed and base64-encoded.

        The padding is trailing spaces, which ``json.loads`` ignores when opening.
        """
        data = json.dumps(payload, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
        data += b" " * (-len(data) % PAD_TO)
        return _b64(SealedBox(self.public_key).encrypt(data))


@dataclass(frozen=True)
class Opener:
    """Opens sealed responses with the coordinator's private key (export side only)."""

    private_key: PrivateKey
    demo: bool = False

    def open(self, sealed: str) -> dict[str, object]:
        """The payload, or ``KeyFileError`` when the data was not sealed to this key."""
        try:
            data = SealedBox(self.private_key).decrypt(_unb64(sealed))
        except (CryptoError, ValueError) as error:
            raise KeyFileError(
                "A saved answer could not be opened with this key. "
                "It may have been locked with a different coordinator key."
            ) from error
        try:
            result = json.loads(data.decode("utf-8"))
        except ValueError as error:
            raise KeyFileError("A saved answer was not in the expected form.") from error
        if not isinstance(result, dict):
            raise KeyFileError("A saved answer was not in the expected form.")
        return result


@dataclass(frozen=True)
class _KdfSettings:
    time: int
    memory_kib: int
    lanes: int

    @staticmethod
    def current() -> _KdfSettings:
        """The settings new keys are made with."""
        return _KdfSettings(_KDF_TIME, _KDF_MEMORY_KIB, _KDF_LANES)

    def to_json(self, salt: bytes) -> dict[str, object]:
        """How the key file records them, so a later version can still open it."""
        return {
            "name": "argon2id",
            "salt": _b64(salt),
            "time": self.time,
            "memory_kib": self.memory_kib,
            "lanes": self.lanes,
        }

    @staticmethod
    def from_json(data: object) -> _KdfSettings:
        """The settings a key file was made with; ``ValueError`` when out of bounds."""
        if not isinstance(data, dict) or data.get("name") != "argon2id":
            raise ValueError("unknown key stretching")
        settings = _KdfSettings(int(data["time"]), int(data["memory_kib"]), int(data["lanes"]))
        # Bounds stop a damaged or hostile key file from asking for hours or gigabytes.
        if not (1 <= settings.time <= 20 and 8_192 <= settings.memory_kib <= 1_048_576):
            raise ValueError("key stretching settings out of bounds")
        if not 1 <= settings.lanes <= 16:
            raise ValueError("key stretching settings out of bounds")
        return settings


def _stretch(passphrase: str, salt: bytes, settings: _KdfSettings) -> bytes:
    # NFC, so the same passphrase typed on another keyboard gives the same key.
    secret = unicodedata.normalize("NFC", passphrase).encode("utf-8")
    return hash_secret_raw(
        secret,
        salt,
        time_cost=settings.time,
        memory_cost=settings.memory_kib,
        parallelism=settings.lanes,
        hash_len=SecretBox.KEY_SIZE,
        type=Type.ID,
    )


def private_key_document(private_key: PrivateKey, passphrase: str | None) -> dict[str, object]:
    """The private key file's contents: passphrase-protected, or plain for the demo key."""
    if passphrase is None:
        return {
            "kind": PRIVATE_KIND,
            "demo": True,
            "note": DEMO_KEY_NOTICE,
            "key": _b64(bytes(private_key)),
        }
    salt = random_bytes(16)
    settings = _KdfSettings.current()
    box = SecretBox(_stretch(passphrase, salt, settings))
    return {
        "kind": PRIVATE_KIND,
        "demo": False,
        "kdf": settings.to_json(salt),
        "sealed_key": _b64(box.encrypt(bytes(private_key))),
        "public": _b64(bytes(private_key.public_key)),
    }


def load_private_key(path: Path, passphrase: str | None) -> Opener:
    """Open a private key file. Raises ``KeyFileError`` with a plain message."""
    try:
        document = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError as error:
        raise KeyFileError(f"There is no key file at {path}.") from error
    except (OSError, ValueError) as error:
        raise KeyFileError(f"The key file {path} could not be read.") from error
    if not isinstance(document, dict) or document.get("kind") != PRIVATE_KIND:
        raise KeyFileError(f"{path} is not a coordinator key file.")
    try:
        if document.get("demo"):
            return Opener(PrivateKey(_unb64(str(document["key"]))), demo=True)
        if passphrase is None:
            raise KeyFileError("This key needs its passphrase.")
        kdf = document["kdf"]
        box = SecretBox(_stretch(passphrase, _unb64(str(kdf["salt"])), _KdfSettings.from_json(kdf)))
        sealed_key = _unb64(str(document["sealed_key"]))
    except (KeyError, TypeError, ValueError) as error:
        raise KeyFileError(f"The key file {path} is damaged.") from error
    try:
        secret = box.decrypt(sealed_key)
    except CryptoError as error:
        raise KeyFileError("That passphrase didn't open the key. Please try again.") from error
    try:
        return Opener(PrivateKey(secret))
    except (CryptoError, ValueError) as error:
        raise KeyFileError(f"The key file {path} is damaged.") from error


def is_demo_key(path: Path) -> bool:
    """True when a key file (private or public) is the demo key (no passphrase)."""
    try:
        document = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return False
    return isinstance(document, dict) and bool(document.get("demo"))


def new_key_pair(public_path: Path, private_path: Path, passphrase: str | None) -> PublicKey:
    """Make a coordinator key pair and write both files (private file mode 0600).

    ``passphrase=None`` makes the demo key pair: for trying the kiosk out only.
    """
    private_key = PrivateKey.generate()
    document = private_key_document(private_key, passphrase)
    private_path.parent.mkdir(parents=True, exist_ok=True)
    public_path.parent.mkdir(parents=True, exist_ok=True)
    write_bytes_atomic(private_path, json.dumps(document, indent=2).encode("utf-8"), mode=0o600)
    write_public_key(public_path, private_key.public_key, demo=passphrase is None)
    return private_key.public_key


def write_public_key(path: Path, public_key: PublicKey, *, demo: bool) -> None:
    """Write the public key file the kiosk seals with."""
    document: dict[str, object] = {
        "kind": PUBLIC_KIND,
        "demo": demo,
        "key": _b64(bytes(public_key)),
        "fingerprint": fingerprint(public_key),
    }
    if demo:
        document["note"] = DEMO_KEY_NOTICE
    write_bytes_atomic(path, json.dumps(document, indent=2).encode("utf-8"), mode=0o644)


def load_sealer(path: Path) -> Sealer:
    """The sealer for the public key file. Raises ``KeyFileError`` with a plain message."""
    try:
        document = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError as error:
        raise KeyFileError(f"There is no coordinator key at {path}.") from error
    except (OSError, ValueError) as error:
        raise KeyFileError(f"The coordinator key at {path} could not be read.") from error
    if isinstance(document, dict) and document.get("kind") == PRIVATE_KIND:
        raise KeyFileError(
            f"{path} is a private key. The kiosk needs the public key ({PUBLIC_KEY_FILE})."
        )
    if not isinstance(document, dict) or document.get("kind") != PUBLIC_KIND:
        raise KeyFileError(f"{path} is not a coordinator public key.")
    try:
        return Sealer(PublicKey(_unb64(str(document["key"]))), demo=bool(document.get("demo")))
    except (KeyError, TypeError, ValueError, CryptoError) as error:
        raise KeyFileError(f"The coordinator key at {path} could not be read.") from error


def ensure_keys(keys_folder: Path) -> tuple[Sealer, bool]:
    """The sealer for this install, making a demo key pair on a fresh install.

    Returns the sealer and whether a demo key pair was just made; when it was (or
    ``sealer.demo`` is true), show ``DEMO_KEY_NOTICE``.
    """
    public_path = keys_folder / PUBLIC_KEY_FILE
    if public_path.exists():
        return load_sealer(public_path), False
    keys_folder.mkdir(parents=True, exist_ok=True)
    os.chmod(keys_folder, 0o700)
    remove_stray_temps(keys_folder)
    new_key_pair(public_path, keys_folder / DEMO_PRIVATE_KEY_FILE, passphrase=None)
    return load_sealer(public_path), True
