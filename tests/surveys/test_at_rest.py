"""What ``session.json`` and its rotating backups hold about live polls.

Votes are cast one at a time through the facilitator's session on real TinyDB files.
After every write the live file is kept (every pair of adjacent backups is one of
these pairs) and the real backups are checked to be among them. A person who reads
two adjacent copies must not learn the newest vote together with its group, and no
open comment is ever in plain words in any copy.
"""

from __future__ import annotations

import itertools
import json
from pathlib import Path
from typing import Any

from surveys.facilitation import Facilitation
from surveys.poll_files import PollSet
from surveys.polls import CommentStatus, PollStatus, Room
from surveys.sealing import DEMO_PRIVATE_KEY_FILE, ensure_keys, load_private_key
from surveys.storage.atomic import backup_path
from surveys.storage.tinydb_session_files import SESSION_FILE
from surveys.storage.tinydb_tallies import UNREADABLE, SessionKeys, TinyDbTallyStore

GROUP_IDS = ("lived", "carer", "clinician", "not_said")
VOTES = [
    ("lived", "Monday"),
    ("carer", "Wednesday"),
    ("lived", "Tuesday"),
    ("clinician", "Wednesday"),
    ("carer", "Wednesday"),
    ("not_said", "Monday"),
    ("lived", "Monday"),
]
COMMENTS = ["My key worker Jo Bloggs was kind", "Too hot in room 4", "ring 07700 900123"]


def _flatten(value: Any, path: str = "") -> dict[str, Any]:
    if isinstance(value, dict):
        out: dict[str, Any] = {}
        for key, item in value.items():
            out |= _flatten(item, f"{path}/{key}")
        return out
    if isinstance(value, list):
        out = {}
        for index, item in enumerate(value):
            out |= _flatten(item, f"{path}[{index}]")
        return out
    return {path: value}


def _tallies(text: str) -> list[dict[str, Any]]:
    data = json.loads(text)
    return list(data.get("tallies", {}).values())


def test_adjacent_copies_never_give_a_vote_with_its_group(
    tmp_path: Path, poll_set: PollSet
) -> None:
    sealer, _ = ensure_keys(tmp_path / "keys")
    store = TinyDbTallyStore(tmp_path / "sessions", sealer)
    live = Facilitation.start(store, poll_set, Room("Focus group", "2026-11-25", 9))
    path = tmp_path / "sessions" / live.session.id / SESSION_FILE
    copies: list[str] = []

    def keep() -> None:
        copies.append(path.read_text(encoding="utf-8"))

    live.open("day")
    keep()
    for group, answer in VOTES:
        live.cast("day", answer, group)
        keep()
    backups = [backup_path(path, n) for n in (1, 2, 3)]
    assert all(b.exists() for b in backups)
    assert all(b.read_text(encoding="utf-8") in copies for b in backups)  # real backups
    for before, after in itertools.pairwise(copies):
        old, new = _flatten(_tallies(before)), _flatten(_tallies(after))
        changed = {p for p in old.keys() | new.keys() if old.get(p) != new.get(p)}
        # The newest vote's answer shows in the counts, but nothing about groups
        # changes in plain: no group id in any changed field …
        assert not [p for p in changed if any(g in p for g in GROUP_IDS)], changed
        # … and the locked group numbers don't even change length.
        held = [(p, v) for p, v in new.items() if p.endswith("held_groups")]
        assert held
        for key, value in held:
            assert len(value) == len(old.get(key, value))
    # Once the poll is closed no vote can come, and the group numbers are kept plain.
    live.close("day")
    closed = _tallies(path.read_text(encoding="utf-8"))[0]
    assert closed["status"] == PollStatus.CLOSED.value
    assert closed["votes"] == len(VOTES)
    assert closed["by_group"] == {"lived": 3, "carer": 2, "clinician": 1, "not_said": 1}
    # The console still reads its own group numbers back for "results by group".
    assert dict(live.tally("day").by_group) == closed["by_group"]


def test_comments_are_sealed_and_locked_never_plain(tmp_path: Path, poll_set: PollSet) -> None:
    sealer, _ = ensure_keys(tmp_path / "keys")
    store = TinyDbTallyStore(tmp_path / "sessions", sealer)
    live = Facilitation.start(store, poll_set, Room("Focus group", "2026-11-25", 9))
    path = tmp_path / "sessions" / live.session.id / SESSION_FILE
    live.open("better")
    for words in COMMENTS:
        live.cast("better", words)
    by_words = {c.text: c for c in live.tally("better").comments}
    live.moderate("better", by_words[COMMENTS[2]].id, CommentStatus.SHOWN)
    live.moderate("better", by_words[COMMENTS[1]].id, CommentStatus.DROPPED)
    files = [path, *(backup_path(path, n) for n in (1, 2, 3))]
    everything = "".join(f.read_text(encoding="utf-8") for f in files if f.exists())
    for words in COMMENTS:
        assert words not in everything
    for fragment in ("Bloggs", "07700", "room 4"):
        assert fragment not in everything
    # The facilitator can read every comment to moderate, this session.
    assert {c.text for c in live.tally("better").comments} == set(COMMENTS)
    # The one shown to the room is kept as shown (masked), for the shared screen.
    stored = {c["status"]: c for c in _tallies(path.read_text(encoding="utf-8"))[0]["comments"]}
    assert stored["shown"]["shown"] == "ring [phone]"
    # The coordinator can open every comment with the private key, like an answer.
    opener = load_private_key(tmp_path / "keys" / DEMO_PRIVATE_KEY_FILE, None)
    opened = {
        str(opener.open(c["sealed"])["text"])
        for c in _tallies(path.read_text(encoding="utf-8"))[0]["comments"]
    }
    assert opened == set(COMMENTS)
    # After the computer restarts (the session key is gone) comments not yet shown
    # can't be read here, and won't be shown.
    again = TinyDbTallyStore(tmp_path / "sessions", sealer, SessionKeys())
    after = {c.status: c for c in again.tallies(live.session.id)["better"].comments}
    assert after[CommentStatus.SHOWN].text == "ring [phone]"
    assert after[CommentStatus.PENDING].text == UNREADABLE
    assert after[CommentStatus.DROPPED].text == UNREADABLE


def test_a_console_restart_keeps_groups_with_the_runtime_key(
    tmp_path: Path, poll_set: PollSet
) -> None:
    runtime = tmp_path / "run" / "coproduction-kiosk"
    store = TinyDbTallyStore(tmp_path / "sessions", keys=SessionKeys(runtime))
    live = Facilitation.start(store, poll_set, Room("Focus group", "2026-11-25", 9))
    live.open("day")
    for group, answer in VOTES[:3]:
        live.cast("day", answer, group)
    # The key is in the runtime folder, owner-only, and nowhere in the data folder.
    key_file = runtime / f"{live.session.id}.key"
    assert key_file.stat().st_mode & 0o777 == 0o600
    assert not [p for p in (tmp_path / "sessions").rglob("*") if p.name.endswith(".key")]
    restarted = TinyDbTallyStore(tmp_path / "sessions", keys=SessionKeys(runtime))
    tally = restarted.tallies(live.session.id)["day"]
    assert dict(tally.by_group) == {"lived": 2, "carer": 1}


def test_after_a_reboot_mid_poll_every_vote_stays_and_earlier_groups_are_not_said(
    tmp_path: Path, poll_set: PollSet
) -> None:
    store = TinyDbTallyStore(tmp_path / "sessions", keys=SessionKeys())
    live = Facilitation.start(store, poll_set, Room("Focus group", "2026-11-25", 9))
    live.open("day")
    for group, answer in VOTES[:3]:
        live.cast("day", answer, group)
    restarted = TinyDbTallyStore(tmp_path / "sessions", keys=SessionKeys())
    found = restarted.poll_sessions()[-1]
    resumed = Facilitation.resume(restarted, poll_set, found)
    resumed.cast("day", "Tuesday", "carer")
    tally = resumed.tally("day")
    assert tally.votes == 4
    assert dict(tally.counts) == {"Monday": 1, "Wednesday": 1, "Tuesday": 2}
    assert dict(tally.by_group) == {"not_said": 3, "carer": 1}


def test_after_a_reboot_later_comments_keep_every_earlier_sealed_copy(
    tmp_path: Path, poll_set: PollSet
) -> None:
    sealer, _ = ensure_keys(tmp_path / "keys")
    store = TinyDbTallyStore(tmp_path / "sessions", sealer, SessionKeys())
    live = Facilitation.start(store, poll_set, Room("Focus group", "2026-11-25", 9))
    live.open("better")
    for words in COMMENTS:
        live.cast("better", words)
    shown = next(c for c in live.tally("better").comments if c.text == COMMENTS[2])
    live.moderate("better", shown.id, CommentStatus.SHOWN)
    # The computer restarts (the session key is gone) and the poll takes more comments.
    again = TinyDbTallyStore(tmp_path / "sessions", sealer, SessionKeys())
    resumed = Facilitation.resume(again, poll_set, again.poll_sessions()[-1])
    resumed.cast("better", "Written after the restart")
    path = tmp_path / "sessions" / live.session.id / SESSION_FILE
    opener = load_private_key(tmp_path / "keys" / DEMO_PRIVATE_KEY_FILE, None)
    opened = {
        str(opener.open(c["sealed"])["text"])
        for c in _tallies(path.read_text(encoding="utf-8"))[0]["comments"]
    }
    # The original words, the shown one's too (not its masked version).
    assert opened == {*COMMENTS, "Written after the restart"}
