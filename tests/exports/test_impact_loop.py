"""The impact report's focus groups and actions, on real files: a focus group run on
TinyDB as the console leaves it, and an action log saved by the action log's writer."""

from __future__ import annotations

import csv
import datetime as dt
import io
from dataclasses import replace
from pathlib import Path

import pytest

from exports.impact_content import ImpactError
from exports.impact_files import PAGE
from exports.impact_period import period_from
from exports.impact_report import ImpactRequest, run_impact
from surveys.action_model import Action, ActionLog, ActionStatus
from surveys.action_reader import save_action_log
from surveys.sealing import DEMO_PRIVATE_KEY_FILE, ensure_keys, load_private_key
from tests.support.exports import Kiosk
from tests.support.group_sessions import group_session
from tests.support.impact import send

TODAY = dt.date(2026, 12, 6)
IDEAS = {
    "W": ("Shorter waits for a first appointment", "lived"),
    "P": ("Peer support on every ward", "lived"),
    "N": ("Ring Priya Sharma on 07700 900123 to book transport", "lived"),
    "E": ("Evening groups for people who work with Dawnmere", "clinician"),
    "S": ("<script>alert('x')</script> more chairs", "lived"),
    "F": ("=cmd|' /C calc'!A0 free parking", "lived"),
}
BALLOTS = [
    ("lived", "S,N,W", 4),
    ("lived", "F,W,E", 2),
    ("carer", "E,W,P", 3),  # three carers: a group under 5
    ("clinician", "E,P,W", 2),
]


def _request(kiosk: Kiosk, tmp_path: Path, actions: Path | None = None) -> ImpactRequest:
    return ImpactRequest(
        store=kiosk.store,
        opener=kiosk.opener,
        output=tmp_path / "impact",
        period=period_from("2026-01", "2026-12"),
        survey_folders=[],
        ledger_file=tmp_path / "releases.json",
        actions_file=actions or tmp_path / "none.yaml",
        today=TODAY,
    )


def _csv(folder: Path, name: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO((folder / name).read_text(encoding="utf-8-sig"))))


def test_focus_groups_held_and_what_they_decided(kiosk: Kiosk, tmp_path: Path) -> None:
    made = group_session(kiosk.store.root, kiosk.sealer, tmp_path / "run", date="2026-03-12")
    made.write(IDEAS)
    made.rank(BALLOTS)
    survey_day = kiosk.session("2026-03-20")
    for _ in range(12):
        send(kiosk, "about-you", survey_day, {"stakeholder_group": ["Other"]}, "kiosk")
    names = tmp_path / "names.txt"
    names.write_text("name: Dawnmere\n", encoding="utf-8")
    result = run_impact(replace(_request(kiosk, tmp_path), names_file=names))
    page = (result.folder / PAGE).read_text(encoding="utf-8")
    assert "In 2026, people answered our surveys 12 times, in 2 sessions." in page
    assert "1 of them was a focus group." in page
    assert "11 people voted." in page
    assert "1 focus-group session was held." in page
    rows = _csv(result.folder, "focus_groups.csv")
    assert list(rows[0]) == [
        "session_date",
        "plan",
        "round",
        "place",
        "idea",
        "combines",
        "score",
        "score_kind",
        "voters",
    ]
    assert rows[0]["session_date"] == "2026-03-12"
    assert rows[0]["voters"] == "11"
    # Personal details in an idea are masked, in the page and the file alike.
    everything = page + (result.folder / "focus_groups.csv").read_text(encoding="utf-8-sig")
    assert "Priya" not in everything
    assert "Dawnmere" not in everything  # the coordinator's names list masks it too
    assert "07700" not in everything
    assert "[name]" in everything
    # Markup in an idea is shown as words, never run; a formula never runs in a spreadsheet.
    assert "<script" not in page
    assert "&lt;script&gt;" in page
    ideas = {row["idea"] for row in rows}
    assert "'=cmd|' /C calc'!A0 free parking" in ideas


def _action(number: int, due: dt.date, status: ActionStatus, **more: object) -> Action:
    return Action(
        id=f"a{number}",
        you_said=f"Theme number {number}",
        we_did=f"We will do thing {number}",
        owner="Recovery College manager",
        due=due,
        status=status,
        **more,  # type: ignore[arg-type]
    )


def test_actions_by_status_and_timeliness(kiosk: Kiosk, tmp_path: Path) -> None:
    log = ActionLog(
        actions=(
            _action(1, dt.date(2026, 3, 1), ActionStatus.DONE, closed_on=dt.date(2026, 2, 20)),
            _action(2, dt.date(2026, 4, 1), ActionStatus.DONE, closed_on=dt.date(2026, 5, 2)),
            _action(3, dt.date(2026, 6, 1), ActionStatus.IN_PROGRESS),
            _action(4, dt.date(2026, 7, 1), ActionStatus.PLANNED),
            _action(
                5,
                dt.date(2026, 8, 1),
                ActionStatus.NOT_POSSIBLE,
                reason="The building is closing.",
                closed_on=dt.date(2026, 7, 1),
            ),
            _action(6, dt.date(2026, 12, 20), ActionStatus.PLANNED),
            _action(7, dt.date(2025, 6, 1), ActionStatus.PLANNED),  # due before the period
        )
    )
    path = tmp_path / "actions.yaml"
    save_action_log(log, path)
    result = run_impact(_request(kiosk, tmp_path, path))
    stands = {r["How it stands"]: r["Actions"] for r in _csv(result.folder, "actions.csv")}
    assert stands["Closed on time"] == "1"
    assert stands["Closed late"] == "1"
    assert stands["Overdue"] == "2"
    assert stands["Not possible"] == "1"
    assert stands["Not due yet"] == "1"
    assert stands["Done"] == "2"
    page = (result.folder / PAGE).read_text(encoding="utf-8")
    assert (
        "Of 6 actions due, 1 was done on time, 1 was done late, 2 are overdue, "
        "1 was not possible and 1 is not due yet." in page
    )
    assert "We will do thing 3" in page  # overdue: listed to follow up
    assert "Theme number 7" not in page


def test_no_action_log_is_said_plainly(kiosk: Kiosk, tmp_path: Path) -> None:
    session = kiosk.session("2026-05-01")
    for _ in range(10):
        send(kiosk, "about-you", session, {"stakeholder_group": ["Other"]}, "kiosk")
    result = run_impact(_request(kiosk, tmp_path))
    page = (result.folder / PAGE).read_text(encoding="utf-8")
    assert "There is no action log yet" in page
    assert "No focus groups were held in this period." in page


def test_answers_this_key_cannot_open_stop_the_report_with_a_plain_message(
    kiosk: Kiosk, tmp_path: Path
) -> None:
    session = kiosk.session("2026-05-01")
    for _ in range(10):
        send(kiosk, "about-you", session, {"stakeholder_group": ["Other"]}, "kiosk")
    ensure_keys(tmp_path / "other-keys")
    other = load_private_key(tmp_path / "other-keys" / DEMO_PRIVATE_KEY_FILE, None)
    request = replace(_request(kiosk, tmp_path), opener=other)
    with pytest.raises(ImpactError) as caught:
        run_impact(request)
    assert "None of the 10 saved answers in this period could be opened" in caught.value.message
    assert not request.output.exists()


def test_a_quarter_with_few_answers_makes_the_summary_say_at_least(
    kiosk: Kiosk, tmp_path: Path
) -> None:
    first, second = kiosk.session("2026-02-01"), kiosk.session("2026-05-01")
    for _ in range(12):
        send(kiosk, "about-you", first, {"stakeholder_group": ["Other"]}, "kiosk")
    for _ in range(3):
        send(kiosk, "about-you", second, {"stakeholder_group": ["Other"]}, "kiosk")
    result = run_impact(_request(kiosk, tmp_path))
    page = (result.folder / PAGE).read_text(encoding="utf-8")
    # 15 would give away the 3 of the second quarter, which shows no numbers.
    assert "In 2026, people answered our surveys at least 12 times, in 2 sessions." in page
    assert ">15<" not in page


def test_a_ranking_with_few_voters_does_not_say_how_many(kiosk: Kiosk, tmp_path: Path) -> None:
    made = group_session(kiosk.store.root, kiosk.sealer, tmp_path / "run", date="2026-03-12")
    made.write(IDEAS)
    made.rank([("lived", "W,P,E", 3)])
    result = run_impact(_request(kiosk, tmp_path))
    page = (result.folder / PAGE).read_text(encoding="utf-8")
    assert "Fewer than 5 people voted." in page
    assert "3 people voted" not in page
    assert _csv(result.folder, "focus_groups.csv") == []  # no scores from so few voters
