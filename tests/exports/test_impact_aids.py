"""How people took part: read aloud and larger text on the kiosk, counted by quarter
from what was sealed with each answer, through the one disclosure engine (a count
of 1 to 4 is "<5"); phones never count (they have their own settings)."""

from __future__ import annotations

import csv
import io
import re
from pathlib import Path

from exports.impact_period import period_from
from exports.impact_report import ImpactRequest, run_impact
from surveys.sealing import DEMO_PRIVATE_KEY_FILE, ensure_keys, load_private_key
from surveys.sending import send_response
from surveys.session import LARGE_TEXT, READ_ALOUD, Stage, SurveySession
from surveys.storage import SessionInfo
from surveys.storage.tinydb_store import TinyDbResponseStore
from tests.support.exports import template


def _send(store, sealer, session: SessionInfo, aids: set[str], channel: str) -> None:  # type: ignore[no-untyped-def]
    walk = SurveySession(template("about-you"))
    walk.agree(set())
    while walk.stage is Stage.QUESTION:
        if walk.current.asks:
            walk.skip()
        else:
            walk.next()
    completed = walk.complete().with_aids(aids)
    send_response(completed, sealer=sealer, store=store, session=session, channel=channel)


def _report(store: TinyDbResponseStore, opener: object, tmp_path: Path) -> Path:
    """The impact report for January to June 2026, in ``tmp_path / "out"``."""
    out = tmp_path / "out"
    run_impact(
        ImpactRequest(
            store=store,
            opener=opener,  # type: ignore[arg-type]
            output=out,
            period=period_from("2026-01", "2026-06"),
            survey_folders=[],
            ledger_file=tmp_path / "releases.json",
            actions_file=tmp_path / "no-actions.yaml",
        )
    )
    return out


def _ways(out: Path) -> dict[str, list[str]]:
    """ways_of_taking_part.csv's rows, by their first cell."""
    text = (out / "ways_of_taking_part.csv").read_text("utf-8-sig")
    return {row[0]: row[1:] for row in csv.reader(io.StringIO(text))}


def test_read_aloud_and_larger_text_are_counted_by_quarter_and_small_counts_hidden(
    tmp_path: Path,
) -> None:
    home = tmp_path / "home"
    sealer, _ = ensure_keys(home / "keys")
    opener = load_private_key(home / "keys" / DEMO_PRIVATE_KEY_FILE, None)
    store = TinyDbResponseStore(home / "sessions")
    winter, spring = SessionInfo.new("2026-02-10"), SessionInfo.new("2026-05-12")
    # Winter: 12 on the kiosk (6 read aloud, 2 larger text); 3 phones say they used both.
    for aids in [{READ_ALOUD}] * 6 + [{LARGE_TEXT}] * 2 + [set()] * 4:
        _send(store, sealer, winter, aids, "kiosk")
    for _ in range(3):
        _send(store, sealer, winter, {READ_ALOUD, LARGE_TEXT}, "phone")
    # Spring: 10 on the kiosk, 7 with larger text (one of them with read aloud too).
    for aids in [{LARGE_TEXT, READ_ALOUD}] + [{LARGE_TEXT}] * 6 + [set()] * 3:
        _send(store, sealer, spring, aids, "kiosk")

    out = _report(store, opener, tmp_path)
    by_name = _ways(out)
    assert by_name["Used read aloud"] == ["6", "<5"]
    assert by_name["Chose larger text"] == ["<5", "7"]
    assert by_name["All answers on the kiosk"] == ["12", "10"]
    page = (out / "impact.html").read_text(encoding="utf-8")
    assert "Read aloud and larger text on the kiosk, by quarter" in page
    assert not re.search(r">\s*[1-4]\s*<", page.split("Read aloud and larger text")[1][:2000])


def test_votes_from_the_passed_tablet_and_from_phones_are_counted_by_quarter(
    tmp_path: Path,
) -> None:
    from surveys.model import Kind, Question
    from surveys.polls import Room, add_vote_if_open, close_for_votes, open_for_votes
    from surveys.storage.tinydb_tallies import TinyDbTallyStore

    home = tmp_path / "home"
    ensure_keys(home / "keys")
    opener = load_private_key(home / "keys" / DEMO_PRIVATE_KEY_FILE, None)
    store = TinyDbResponseStore(home / "sessions")
    tallies = TinyDbTallyStore(home / "sessions")
    heard = Question("heard", Kind.YESNO, "Did you feel heard?")
    # Winter: a poll with 8 phone votes and 3 on the passed tablet (no mark); another
    # poll left open is not counted. Spring: 6 on the tablet, 8 on phones.
    for day, phones, tablet in (("2026-02-10", 8, 3), ("2026-05-12", 8, 6)):
        session = SessionInfo.new(day)
        tallies.save_room(session, Room("Group", day, 20))
        tallies.change(session, "heard", open_for_votes)
        for number in range(phones + tablet):
            marker = f"mark-{number}" if number < phones else None

            def vote(tally, marker=marker):  # type: ignore[no-untyped-def]
                add_vote_if_open(tally, heard, True, marker=marker)

            tallies.change(session, "heard", vote)
        tallies.change(session, "heard", close_for_votes)
        tallies.change(session, "still-open", open_for_votes)
        tallies.change(
            session, "still-open", lambda t: add_vote_if_open(t, heard, True, marker="x")
        )
    out = _report(store, opener, tmp_path)
    by_name = _ways(out)
    assert by_name["On the tablet passed round"] == ["<5", "6"]
    # Winter's total is shown, so its phones' count is hidden too (11 - 8 gives the 3).
    assert by_name["On their own phone"] == ["hidden", "8"]
    assert by_name["All votes and rankings"] == ["11", "14"]
    page = (out / "impact.html").read_text(encoding="utf-8")
    assert "Votes and rankings in live sessions, by quarter" in page
    assert "Not recorded yet" not in page
