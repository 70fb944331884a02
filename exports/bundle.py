"""Carrying sealed responses between kiosks: ``bundle`` on one, ``merge`` on another.

A bundle is a folder (easy to copy to a USB stick)::

    bundle/sessions/<session id>.json   the session's date, "No thanks" count, sealed
                                        responses, the ids of withdrawn ones and, for
                                        a focus group, its plan, ideas and rankings
                                        (``exports.group_bundle``)
    bundle/manifest.json                what is in it, with a SHA-256 for every file

Nothing in a bundle is readable without the coordinator's private key: answers
stay sealed. ``merge`` checks every file against the manifest before importing
anything: each file's SHA-256, that no file is missing or extra, and that the
numbers of sessions and responses the manifest gives are what the files hold. A
bundle that fails any check is refused whole, with a plain message. Importing is
idempotent: a response already stored (same id) is skipped, and the "No thanks"
count is raised to the bundle's, never added twice.

Withdrawals travel too. A response withdrawn on either side is never imported, and
one the bundle lists as withdrawn is deleted here and remembered as withdrawn, so a
withdrawal made at the kiosk after an earlier merge reaches the coordinator's copy
with the next bundle. (Bundles made before this have no list; they still merge.)

The manifest's hashes catch damage and casual tampering, not a forger who also
rewrites the manifest: sealed boxes have no sender signature (see
``research/privacy.md`` §4.2), so reconcile counts with the room.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from exports.cells import audit_text
from exports.comment_review import forget_edits
from exports.group_bundle import (
    Rows,
    contradiction,
    focus_group_rows,
    import_rows,
    read_rows,
    sessions_folder,
)
from surveys.audit import AuditLog
from surveys.errors import PlainError
from surveys.storage import (
    CHANNELS,
    ResponseStore,
    SealedResponse,
    SessionInfo,
    check_session_id,
)
from surveys.storage.atomic import write_bytes_atomic

BUNDLE_KIND = "coproduction-kiosk bundle"
FORMAT = 1
MANIFEST = "manifest.json"
SESSIONS = "sessions"
MAX_FILE_BYTES = 200_000_000


class BundleError(PlainError):
    """A bundle could not be made or used; the message is plain."""


@dataclass(frozen=True)
class BundleResult:
    """What ``bundle`` wrote."""

    folder: Path
    sessions: int
    responses: int

    def summary(self) -> str:
        """A plain sentence."""
        return (
            f"Wrote {self.responses} sealed responses from {self.sessions} sessions to "
            f"{self.folder}. Answers stay locked: only the coordinator's key opens them."
        )


def bundle(
    store: ResponseStore,
    session_ids: Iterable[str],
    dest: Path,
    *,
    today: dt.date | None = None,
    audit: AuditLog | None = None,
) -> BundleResult:
    """Write the chosen sessions' sealed responses and counts to a new bundle folder."""
    wanted = list(dict.fromkeys(session_ids))
    known = {s.id: s for s in store.sessions()}
    missing = [s for s in wanted if s not in known]
    if missing:
        raise BundleError(f"There is no session called '{missing[0]}' on this kiosk.")
    if not wanted:
        raise BundleError("Please choose at least one session to bundle.")
    if dest.exists() and (not dest.is_dir() or any(dest.iterdir())):
        raise BundleError(f"{dest} already exists and is not empty. Please choose a new folder.")
    (dest / SESSIONS).mkdir(parents=True, exist_ok=True)
    files: dict[str, str] = {}
    total = 0
    root = sessions_folder(store)
    for session_id in wanted:
        session = known[session_id]
        responses = [r.to_json() for r in store.responses([session_id])]
        total += len(responses)
        document = {
            "id": session.id,
            "date": session.date,
            "declines": store.declines(session.id),
            "responses": responses,
            "withdrawn": sorted(store.withdrawn(session.id)),
        }
        focus_group = None if root is None else focus_group_rows(root, session.id)
        if focus_group is not None:
            document["focus_group"] = focus_group
        data = json.dumps(document, ensure_ascii=False, indent=1).encode("utf-8")
        name = f"{SESSIONS}/{session.id}.json"
        write_bytes_atomic(dest / name, data)
        files[name] = hashlib.sha256(data).hexdigest()
    manifest = {
        "kind": BUNDLE_KIND,
        "format": FORMAT,
        "made_on": (today or dt.date.today()).isoformat(),
        "sessions": len(wanted),
        "responses": total,
        "files": files,
    }
    write_bytes_atomic(dest / MANIFEST, json.dumps(manifest, indent=1).encode("utf-8"))
    if audit is not None:
        audit.record("bundle", count=total, folder=audit_text(dest))
    return BundleResult(dest, len(wanted), total)


@dataclass
class MergeResult:
    """What ``merge`` did, bundle by bundle."""

    imported: int = 0
    already_there: int = 0
    declines_added: int = 0
    withdrawn: int = 0
    focus_groups: int = 0
    """Focus groups (plan, ideas, rankings) taken from bundles: new, or further along."""
    edits: int = 0
    """Edited comment wordings deleted from the review file with withdrawn answers."""
    refused: list[str] = field(default_factory=list)
    messages: list[str] = field(default_factory=list)

    def summary(self) -> str:
        """Plain lines for the command line."""
        lines = [f"Imported {self.imported} responses; {self.already_there} were already here."]
        if self.focus_groups:
            lines.append(
                f"Brought in the plan, ideas and rankings of {self.focus_groups} focus-group "
                f"session{'s' if self.focus_groups != 1 else ''}."
            )
        if self.withdrawn:
            lines.append(f"Deleted {self.withdrawn} responses that were withdrawn at the kiosk.")
        if self.edits:
            lines.append(
                f"Your edited wording of {self.edits} comments on those surveys was deleted "
                "too: review them again before the next export."
            )
        return "\n".join([*lines, *self.messages])


@dataclass(frozen=True)
class _Session:
    info: SessionInfo
    declines: int
    responses: tuple[SealedResponse, ...]
    withdrawn: frozenset[str]
    focus_group: Rows | None = None


def merge(
    bundle_paths: Sequence[Path],
    store: ResponseStore,
    audit: AuditLog | None = None,
    review_file: Path | None = None,
) -> MergeResult:
    """Import bundles into a store. A bundle that fails its checks is refused whole.

    Answers a bundle says were withdrawn take the edited wording of their surveys'
    comments out of ``review_file`` too (``exports.comment_review.forget_edits``).
    """
    result = MergeResult()
    root = sessions_folder(store)
    for path in bundle_paths:
        try:
            sessions = _read_bundle(path)
            _check_against_store(sessions, store)
            _check_focus_groups(sessions, root)
        except BundleError as error:
            result.refused.append(str(path))
            result.messages.append(f"{error} Nothing was imported from {path}.")
            continue
        imported = withdrawn = 0
        surveys: set[str] = set()
        for session in sessions:
            gone = store.withdrawn(session.info.id)
            stored = {r.id for r in store.responses([session.info.id])}
            # Ids already withdrawn here (and not stored) need nothing: merging stays idempotent.
            for record_id in sorted(session.withdrawn - (gone - stored)):
                gone_now = store.withdraw_record(session.info, record_id)
                if gone_now is not None:
                    withdrawn += 1
                    surveys.add(gone_now.survey_id)
            gone |= session.withdrawn
            for response in session.responses:
                if response.id in gone:
                    continue  # withdrawn: never brought back
                if response.id in stored:
                    result.already_there += 1
                    continue
                store.save(response)
                imported += 1
            missing_declines = session.declines - store.declines(session.info.id)
            for _ in range(max(missing_declines, 0)):
                store.record_decline(session.info)
                result.declines_added += 1
            if root is not None and session.focus_group is not None:
                result.focus_groups += import_rows(root, session.info, session.focus_group)
        result.imported += imported
        result.withdrawn += withdrawn
        result.edits += forget_edits(review_file, surveys)
        result.messages.append(f"{path}: imported {imported} responses.")
        if audit is not None:
            audit.record("merge", count=imported, folder=audit_text(path))
            if withdrawn:
                audit.record("withdraw", count=withdrawn, folder=audit_text(path))
    return result


def _refuse(path: Path, why: str) -> BundleError:
    return BundleError(f"The bundle {path} can't be used: {why}.")


def _read_bundle(path: Path) -> list[_Session]:
    manifest_path = path / MANIFEST
    try:
        manifest = json.loads(manifest_path.read_text(encoding="utf-8"))
    except FileNotFoundError as error:
        raise _refuse(path, "it has no manifest.json") from error
    except (OSError, ValueError) as error:
        raise _refuse(path, "its manifest.json could not be read") from error
    if not isinstance(manifest, dict) or manifest.get("kind") != BUNDLE_KIND:
        raise _refuse(path, "it is not a kiosk bundle")
    made_as = manifest.get("format")
    if isinstance(made_as, int) and not isinstance(made_as, bool) and made_as > FORMAT:
        raise _refuse(path, "it was made by a newer version of the kiosk. Please update this one")
    if made_as != FORMAT:
        raise _refuse(path, "its manifest.json is not in the expected form")
    counts = {what: manifest.get(what) for what in ("sessions", "responses")}
    for what, count in counts.items():
        if not isinstance(count, int) or isinstance(count, bool) or count < 0:
            raise _refuse(path, f"its manifest doesn't say how many {what} it holds")
    listed = manifest.get("files")
    if not isinstance(listed, dict) or not listed:
        raise _refuse(path, "its manifest lists no files")
    present = {
        p.relative_to(path).as_posix()
        for p in path.rglob("*")
        if p.is_file() and p.name != MANIFEST
    }
    extra = sorted(present - set(listed))
    if extra:
        raise _refuse(path, f"it has a file the manifest doesn't list ({extra[0]})")
    sessions = []
    for name, expected in sorted(listed.items()):
        folder, _, file_name = str(name).partition("/")
        session_id = file_name.removesuffix(".json")
        if folder != SESSIONS or session_id == file_name or not _is_simple_id(session_id):
            raise _refuse(path, f"its manifest lists an unexpected file ({name})")
        file = path / name
        try:
            if file.stat().st_size > MAX_FILE_BYTES:
                raise _refuse(path, f"the file {name} is far too big")
            data = file.read_bytes()
        except FileNotFoundError as error:
            raise _refuse(path, f"the file {name} is missing") from error
        if hashlib.sha256(data).hexdigest() != expected:
            raise _refuse(path, f"the file {name} was changed or damaged after the bundle was made")
        sessions.append(_parse_session(path, name, session_id, data))
    held = {"sessions": len(sessions), "responses": sum(len(s.responses) for s in sessions)}
    for what, count in counts.items():
        if count != held[what]:
            raise _refuse(
                path, f"its manifest says it holds {count} {what}, but its files hold {held[what]}"
            )
    return sessions


def _is_simple_id(text: str) -> bool:
    """True for an id made of letters, digits, '-' and '_' (as session ids are)."""
    try:
        check_session_id(text)
    except ValueError:
        return False
    return True


def _parse_session(path: Path, name: str, session_id: str, data: bytes) -> _Session:
    try:
        document = json.loads(data.decode("utf-8"))
        if not isinstance(document, dict) or document.get("id") != session_id:
            raise ValueError("wrong session")
        date = str(document["date"])
        dt.date.fromisoformat(date)
        declines = document.get("declines", 0)
        if not isinstance(declines, int) or isinstance(declines, bool) or declines < 0:
            raise ValueError("bad count")
        raw = document["responses"]
        if not isinstance(raw, list):
            raise ValueError("bad responses")
        responses = tuple(SealedResponse.from_json(item) for item in raw)
        withdrawn = document.get("withdrawn", [])  # bundles made before withdrawals travelled
        if not isinstance(withdrawn, list) or not all(
            isinstance(item, str) and _is_simple_id(item) for item in withdrawn
        ):
            raise ValueError("bad withdrawn list")
        focus_group = read_rows(document.get("focus_group"))  # bundles made before: none
    except (ValueError, KeyError, TypeError, UnicodeDecodeError) as error:
        raise _refuse(path, f"the file {name} is not in the expected form") from error
    for response in responses:
        if (
            response.session_id != session_id
            or response.session_date != date
            or response.channel not in CHANNELS
            or not _is_simple_id(response.id)
        ):
            raise _refuse(path, f"a response in {name} doesn't belong to its session")
    if len({r.id for r in responses}) != len(responses):
        raise _refuse(path, f"the file {name} holds the same response twice")
    return _Session(
        SessionInfo(session_id, date), declines, responses, frozenset(withdrawn), focus_group
    )


def _check_focus_groups(sessions: Sequence[_Session], root: Path | None) -> None:
    """Refuse a bundle whose finished ranking differs from the same one stored here."""
    for session in sessions:
        if root is None or session.focus_group is None:
            continue
        problem = contradiction(root, session.info.id, session.focus_group)
        if problem is not None:
            raise BundleError(problem)


def _check_against_store(sessions: Sequence[_Session], store: ResponseStore) -> None:
    """Refuse a bundle that contradicts what is stored (same id, different content)."""
    known = {s.id: s for s in store.sessions()}
    for session in sessions:
        here = known.get(session.info.id)
        if here is not None and here.date != session.info.date:
            raise BundleError(
                f"The session {session.info.id} is stored here with a different date."
            )
        stored = {r.id: r for r in store.responses([session.info.id])} if here else {}
        for response in session.responses:
            if response.id in session.withdrawn:
                continue  # never imported, and any copy here is deleted
            same = stored.get(response.id)
            if same is not None and same.sealed != response.sealed:
                raise BundleError(
                    f"A response in session {session.info.id} differs from the copy stored here."
                )
