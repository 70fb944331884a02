"""A focus group's plan, ideas and rankings travel in bundles: bundle on the console's
laptop, merge on the coordinator's, export there — the same decisions, nothing lost,
nothing readable that wasn't before, an older bundle never taking a session back."""

from __future__ import annotations

import json
from pathlib import Path

from exports import run_export
from exports.bundle import bundle, merge
from exports.group_decisions import session_decisions
from surveys.sealing import DEMO_PRIVATE_KEY_FILE, load_private_key
from surveys.storage.tinydb_store import TinyDbResponseStore
from tests.exports.test_group_export import BALLOTS, IDEAS, csv_rows
from tests.support.exports import Kiosk
from tests.support.group_sessions import SECOND_RANK, GroupSession, group_session


def console(kiosk: Kiosk, tmp_path: Path) -> GroupSession:
    made = group_session(kiosk.store.root, kiosk.sealer, tmp_path / "run")
    made.write(IDEAS)
    made.merge(["W", "W2"], "A quicker first appointment", "WQ")
    made.rank(BALLOTS)
    return made


def laptop(kiosk: Kiosk, tmp_path: Path) -> Kiosk:
    """The coordinator's laptop: another data folder, the same key pair."""
    home = tmp_path / "laptop"
    return Kiosk(home, TinyDbResponseStore(home / "sessions"), kiosk.sealer, kiosk.opener)


def test_bundle_merge_export_round_trip_gives_the_same_decisions(
    kiosk: Kiosk, tmp_path: Path
) -> None:
    made = console(kiosk, tmp_path)
    here = tmp_path / "here"
    run_export(kiosk.request(here))
    carried = tmp_path / "bundle"
    bundle(kiosk.store, [s.id for s in kiosk.store.sessions()], carried)

    # What travels: sealed words and masked shown words only, never the raw phone number.
    document = (carried / "sessions" / f"{made.session.id}.json").read_text(encoding="utf-8")
    assert '"focus_group"' in document
    assert "07700" not in document
    assert "Priya" not in document
    plan = json.loads(document)["focus_group"]["plan"]
    assert set(plan[0]) == {"outline", "finished"}  # no console clock times

    coordinator = laptop(kiosk, tmp_path)
    result = merge([carried], coordinator.store)
    assert result.refused == []
    assert result.focus_groups == 1
    assert "focus-group session" in result.summary()
    there = tmp_path / "there"
    run_export(coordinator.request(there))

    for name in ("group_decisions.csv", "group_ideas.csv"):
        assert (here / name).read_bytes() == (there / name).read_bytes(), name
    assert csv_rows(there / "group_decisions.csv")[0]["idea"] == "A quicker first appointment"
    # Words come from the sealed copies, opened with the coordinator's key, then masked.
    words = {r["idea"] for r in csv_rows(there / "group_decisions.csv")}
    assert "Ring [name] on [phone] to book transport" in words

    # Merging the same bundle again changes nothing.
    assert merge([carried], coordinator.store).focus_groups == 0


def test_a_later_bundle_brings_a_later_ranking_and_an_older_one_never_takes_it_back(
    kiosk: Kiosk, tmp_path: Path
) -> None:
    made = console(kiosk, tmp_path)
    early = tmp_path / "early"
    bundle(kiosk.store, [made.session.id], early)
    made.rank([("lived", "P,WQ,N", 3), ("lived", "WQ,P,S", 3)], round_id=SECOND_RANK)
    late = tmp_path / "late"
    bundle(kiosk.store, [made.session.id], late)

    coordinator = laptop(kiosk, tmp_path)
    assert merge([early], coordinator.store).focus_groups == 1
    assert merge([late], coordinator.store).focus_groups == 1
    assert merge([early], coordinator.store).focus_groups == 0

    (found,) = session_decisions(
        coordinator.store.root, coordinator.store.sessions(), opener=coordinator.opener
    )
    assert [r.title for r in found.rounds] == ["Choosing your top 5", "Choosing again"]
    assert found.rounds[1].voters == 6


def test_a_bundle_whose_finished_ranking_differs_is_refused_whole(
    kiosk: Kiosk, tmp_path: Path
) -> None:
    made = console(kiosk, tmp_path)
    carried = tmp_path / "bundle"
    bundle(kiosk.store, [made.session.id], carried)
    coordinator = laptop(kiosk, tmp_path)
    merge([carried], coordinator.store)

    # Someone edits the totals and rewrites the manifest's hash to match.
    name = f"sessions/{made.session.id}.json"
    document = json.loads((carried / name).read_text(encoding="utf-8"))
    for row in document["focus_group"]["idea_rounds"]:
        group = next(iter(row["points"]))
        idea = next(iter(row["points"][group]))
        row["points"][group][idea] += 3
    data = json.dumps(document).encode("utf-8")
    (carried / name).write_bytes(data)
    manifest = json.loads((carried / "manifest.json").read_text(encoding="utf-8"))
    import hashlib

    manifest["files"][name] = hashlib.sha256(data).hexdigest()
    (carried / "manifest.json").write_text(json.dumps(manifest), encoding="utf-8")

    result = merge([carried], coordinator.store)
    assert result.refused == [str(carried)]
    assert "finished ranking whose totals differ" in result.summary()
    assert "Nothing was imported" in result.summary()


def test_a_damaged_focus_group_in_a_bundle_is_refused_with_plain_words(
    kiosk: Kiosk, tmp_path: Path
) -> None:
    made = console(kiosk, tmp_path)
    carried = tmp_path / "bundle"
    bundle(kiosk.store, [made.session.id], carried)
    name = f"sessions/{made.session.id}.json"
    document = json.loads((carried / name).read_text(encoding="utf-8"))
    document["focus_group"]["idea_rounds"] = "not a list"
    data = json.dumps(document).encode("utf-8")
    (carried / name).write_bytes(data)
    manifest = json.loads((carried / "manifest.json").read_text(encoding="utf-8"))
    import hashlib

    manifest["files"][name] = hashlib.sha256(data).hexdigest()
    (carried / "manifest.json").write_text(json.dumps(manifest), encoding="utf-8")

    result = merge([carried], laptop(kiosk, tmp_path).store)
    assert result.refused == [str(carried)]
    assert f"the file {name} is not in the expected form" in result.summary()


def test_the_demo_key_opens_words_on_the_laptop_only_with_the_same_key(
    kiosk: Kiosk, tmp_path: Path
) -> None:
    made = console(kiosk, tmp_path)
    carried = tmp_path / "bundle"
    bundle(kiosk.store, [made.session.id], carried)
    coordinator = laptop(kiosk, tmp_path)
    merge([carried], coordinator.store)
    from surveys.sealing import ensure_keys

    ensure_keys(tmp_path / "other-keys")
    other = load_private_key(tmp_path / "other-keys" / DEMO_PRIVATE_KEY_FILE, None)

    (found,) = session_decisions(coordinator.store.root, coordinator.store.sessions(), opener=other)
    # Another key opens nothing: only the masked words the room was shown are used.
    words = {i.idea for i in found.rounds[0].ideas}
    assert "Ring [name] on [phone] to book transport" in words
    assert not any("07700" in w or "Priya" in w for w in words)
