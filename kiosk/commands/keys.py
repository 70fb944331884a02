"""``kiosk keys new`` and ``kiosk withdraw CODE``: the coordinator's key pair, and
taking answers back by their receipt code."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from surveys import paths

EXIT_OK = 0
EXIT_PROBLEMS = 1


def run(args: argparse.Namespace) -> int:
    """``kiosk keys new`` or ``kiosk withdraw CODE``, as ``args.command`` says."""
    if args.command == "withdraw":
        return withdraw_code(args.code)
    if args.keys_command != "new":
        print("Use:  kiosk keys new")
        return EXIT_PROBLEMS
    return make_keys(args.private, force=args.force)


def make_keys(private_path: Path | None, *, force: bool) -> int:
    """``kiosk keys new``: a coordinator key pair with a passphrase-protected private key."""
    import getpass  # noqa: PLC0415 — imported late so other commands start fast

    from surveys.audit import AuditLog  # noqa: PLC0415 — as above
    from surveys.sealing import (  # noqa: PLC0415 — as above
        DEMO_PRIVATE_KEY_FILE,
        PUBLIC_KEY_FILE,
        KeyFileError,
        fingerprint,
        new_key_pair,
    )

    keys = paths.keys_dir()
    public_path = keys / PUBLIC_KEY_FILE
    demo_private = keys / DEMO_PRIVATE_KEY_FILE
    if public_path.exists() and not _is_demo_public(public_path) and not force:
        print("This kiosk already has a coordinator key. Add --force to replace it.")
        print("Answers already sent stay locked to the old key.")
        return EXIT_PROBLEMS
    target = private_path or Path.cwd() / "coordinator.key"
    if target.exists():
        print(f"{target} already exists. Choose another place with --private.")
        return EXIT_PROBLEMS
    if not sys.stdin.isatty():
        print("Please run this at a keyboard: it asks for a passphrase.")
        return EXIT_PROBLEMS
    passphrase = getpass.getpass("Choose a passphrase for the private key (12+ characters): ")
    if len(passphrase) < 12:
        print("That passphrase is short. Please use at least 12 characters.")
        return EXIT_PROBLEMS
    if getpass.getpass("Type it again: ") != passphrase:
        print("The two passphrases were different. Nothing was changed.")
        return EXIT_PROBLEMS
    try:
        public_key = new_key_pair(public_path, target, passphrase)
    except (OSError, KeyFileError) as error:
        print(f"The keys could not be written: {error}")
        return EXIT_PROBLEMS
    if demo_private.exists():
        print("Answers sent before now used the demo key, which anyone with this kiosk can")
        print("open. Export or delete them before real use.")
    AuditLog(paths.audit_path()).record("keys-new", fingerprint=fingerprint(public_key))
    print(f"New coordinator key made. Fingerprint: {fingerprint(public_key)}")
    print(f"The private key is at {target}. Move it off this kiosk and keep it safe:")
    print("without it and its passphrase, nobody can read the answers.")
    return EXIT_OK


def _is_demo_public(path: Path) -> bool:
    from surveys.sealing import KeyFileError, load_sealer  # noqa: PLC0415 — only for 'keys new'

    try:
        return load_sealer(path).demo
    except KeyFileError:
        return False


def withdraw_code(code: str) -> int:
    """``kiosk withdraw CODE``; past the settings' cut-off, the message says so."""
    from exports.comment_review import default_review_file  # noqa: PLC0415 — as above
    from exports.retention import withdraw_by_code  # noqa: PLC0415 — only this command
    from kiosk.settings import SettingsError, load_settings  # noqa: PLC0415 — as above
    from surveys.audit import AuditLog  # noqa: PLC0415 — as above
    from surveys.storage.tinydb_store import TinyDbResponseStore  # noqa: PLC0415 — as above

    store = TinyDbResponseStore(paths.sessions_dir())
    try:
        days: int | None = load_settings(paths.data_home()).withdraw_days
    except SettingsError:
        days = None  # the message still says the time for taking answers back may have passed
    done, message = withdraw_by_code(
        code,
        store,
        AuditLog(paths.audit_path()),
        withdraw_days=days,
        review_file=default_review_file(),
    )
    print(message)
    return EXIT_OK if done else EXIT_PROBLEMS
