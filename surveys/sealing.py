"""Sealing responses to the coordinator's public key (libsodium sealed boxes).

The kiosk holds only the public key, so it can lock answers but never read them
back. The private key stays with the coordinator, protected by a passphrase
(Argon2id stretches the passphrase into a key for a secret box). A fresh install
makes a *demo* key pair whose private key has no passphrase: it is for trying the
kiosk only, and everything that uses it says so.
"""

from __future__ import annotations

import base64
import json
import os
from dataclasses import dataclass
from pathlib import Path

from argon2.low_level import Type, hash_secret_raw
from nacl.exceptions import CryptoError
from nacl.public import PrivateKey, PublicKey, SealedBox
from nacl.secret import SecretBox
from nacl.utils import random as random_bytes

from surveys.storage.atomic import write_bytes_atomic

PUBLIC_KEY_FILE = "coordinator.pub"
DEMO_PRIVATE_KEY_FILE = "demo-coordinator.key"

# Argon2id settings for the private key's passphrase: RFC 9106's low-memory profile.
_KDF_TIME = 3
_KDF_MEMORY_KIB = 65_536
_KDF_LANES = 4


class KeyError_(Exception):
    """A key file is missing, damaged, or the passphrase is wrong. ``message`` is plain."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def _unb64(text: str) -> bytes:
    return base64.b64decode(text.encode("ascii"), validate=True)


def fingerprint(public_key: PublicKey) -> str:
    """A short, readable fingerprint so a coordinator can check which key a kiosk uses."""
    import hashlib

    digest = hashlib.sha256(bytes(public_key)).hexdigest()[:16].upper()
    return " ".join(digest[i : i + 4] for i in range(0, 16, 4))


@dataclass(frozen=True)
class Sealer:
    """Locks response data so only the coordinator's private key can open it."""

    public_key: PublicKey
    demo: bool = False

    def seal(self, payload: dict[str, object]) -> str:
        """The payload as compact JSON, sealed and base64-encoded."""
        data = json.dumps(payload, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
        return _b64(SealedBox(self.public_key).encrypt(data))


@dataclass(frozen=True)
class Opener:
    """Opens sealed responses with the coordinator's private key (export side only)."""

    private_key: PrivateKey

    def open(self, sealed: str) -> dict[str, object]:
        """The payload, or ``KeyError_`` when the data was not sealed to this key."""
        try:
            data = SealedBox(self.private_key).decrypt(_unb64(sealed))
        except (CryptoError, ValueError) as error:
            raise KeyError_(
                "A saved answer could not be opened with this key. "
                "It may have been locked with a different coordinator key."
            ) from error
        result = json.loads(data.decode("utf-8"))
        if not isinstance(result, dict):
            raise KeyError_("A saved answer was not in the expected form.")
        return result


def _stretch(passphrase: str, salt: bytes) -> bytes:
    return hash_secret_raw(
        passphrase.encode("utf-8"), salt, time_cost=_KDF_TIME, memory_cost=_KDF_MEMORY_KIB,
        parallelism=_KDF_LANES, hash_len=SecretBox.KEY_SIZE, type=Type.ID,
    )


def private_key_document(private_key: PrivateKey, passphrase: str | None) -> dict[str, object]:
    """The private key file's contents: passphrase-protected, or plain for the demo key."""
    if passphrase is None:
        return {"kind": "coproduction-kiosk private key", "demo": True,
                "key": _b64(bytes(private_key))}
    salt = random_bytes(16)
    box = SecretBox(_stretch(passphrase, salt))
    return {
        "kind": "coproduction-kiosk private key",
        "demo": False,
        "kdf": {"name": "argon2id", "salt": _b64(salt), "time": _KDF_TIME,
                "memory_kib": _KDF_MEMORY_KIB, "lanes": _KDF_LANES},
        "sealed_key": _b64(box.encrypt(bytes(private_key))),
        "public": _b64(bytes(private_key.public_key)),
    }


def load_private_key(path: Path, passphrase: str | None) -> Opener:
    """Open a private key file. Raises ``KeyError_`` with a plain message."""
    try:
        document = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError as error:
        raise KeyError_(f"There is no key file at {path}.") from error
    except (OSError, ValueError) as error:
        raise KeyError_(f"The key file {path} could not be read.") from error
    if not isinstance(document, dict) or document.get("kind") != "coproduction-kiosk private key":
        raise KeyError_(f"{path} is not a coordinator key file.")
    try:
        if document.get("demo"):
            return Opener(PrivateKey(_unb64(str(document["key"]))))
        if passphrase is None:
            raise KeyError_("This key needs its passphrase.")
        kdf = document["kdf"]
        box = SecretBox(_stretch(passphrase, _unb64(str(kdf["salt"]))))
        return Opener(PrivateKey(box.decrypt(_unb64(str(document["sealed_key"])))))
    except CryptoError as error:
        raise KeyError_("That passphrase didn't open the key. Please try again.") from error
    except (KeyError, TypeError, ValueError) as error:
        raise KeyError_(f"The key file {path} is damaged.") from error


def is_demo_key(path: Path) -> bool:
    """True when a private key file is the demo key (no passphrase)."""
    try:
        return bool(json.loads(path.read_text(encoding="utf-8")).get("demo"))
    except (OSError, ValueError, AttributeError):
        return False


def new_key_pair(
    public_path: Path, private_path: Path, passphrase: str | None
) -> PublicKey:
    """Make a coordinator key pair and write both files (private file mode 0600)."""
    private_key = PrivateKey.generate()
    document = private_key_document(private_key, passphrase)
    private_path.parent.mkdir(parents=True, exist_ok=True)
    public_path.parent.mkdir(parents=True, exist_ok=True)
    write_bytes_atomic(private_path, json.dumps(document, indent=2).encode("utf-8"), mode=0o600)
    write_public_key(public_path, private_key.public_key, demo=passphrase is None)
    return private_key.public_key


def write_public_key(path: Path, public_key: PublicKey, *, demo: bool) -> None:
    """Write the public key file the kiosk seals with."""
    document = {"kind": "coproduction-kiosk public key", "demo": demo,
                "key": _b64(bytes(public_key)), "fingerprint": fingerprint(public_key)}
    write_bytes_atomic(path, json.dumps(document, indent=2).encode("utf-8"))


def load_sealer(path: Path) -> Sealer:
    """The sealer for the public key file. Raises ``KeyError_`` with a plain message."""
    try:
        document = json.loads(path.read_text(encoding="utf-8"))
        return Sealer(PublicKey(_unb64(str(document["key"]))), demo=bool(document.get("demo")))
    except FileNotFoundError as error:
        raise KeyError_(f"There is no coordinator key at {path}.") from error
    except (OSError, ValueError, KeyError, TypeError, AttributeError) as error:
        raise KeyError_(f"The coordinator key at {path} could not be read.") from error


def ensure_keys(keys_folder: Path) -> tuple[Sealer, bool]:
    """The sealer for this install, making a demo key pair on a fresh install.

    Returns the sealer and whether a demo key pair was just made.
    """
    public_path = keys_folder / PUBLIC_KEY_FILE
    if public_path.exists():
        return load_sealer(public_path), False
    keys_folder.mkdir(parents=True, exist_ok=True)
    os.chmod(keys_folder, 0o700)
    new_key_pair(public_path, keys_folder / DEMO_PRIVATE_KEY_FILE, passphrase=None)
    return load_sealer(public_path), True
