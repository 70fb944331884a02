"""The impact report over four quarters of real sealed sessions (``kiosk impact``).

The data (``tests/support/impact.py``) is sent through the kiosk's own writing path
into a real TinyDB store; every expectation below is worked out by hand from it.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import pytest

from exports import run_export
from exports.impact_content import ImpactError
from exports.impact_files import CSV_FILES, PAGE
from exports.impact_period import PeriodError, period_from
from exports.impact_report import ImpactRequest, run_impact
from exports.impact_tally import Direction, trend
from surveys.sealing import DEMO_PRIVATE_KEY_FILE, ensure_keys, load_private_key
from surveys.storage.tinydb_store import TinyDbResponseStore
from tests.exports.test_report_browser import PNG_SIGNATURE, console_trouble, render
from tests.support.exports import Kiosk, template
from tests.support.impact import Made, four_quarters, send

TODAY = dt.date(2026, 12, 6)


@pytest.fixture(scope="module")
def made(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Kiosk, Made]]:
    """One kiosk home with four quarters of sessions (made once: sending takes a while)."""
    home = tmp_path_factory.mktemp("impact") / "home"
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("KIOSK_HOME", str(home))
        sealer, _ = ensure_keys(home / "keys")
        opener = load_private_key(home / "keys" / DEMO_PRIVATE_KEY_FILE, None)
        kiosk = Kiosk(home, TinyDbResponseStore(home / "sessions"), sealer, opener)
        yield kiosk, four_quarters(kiosk)


def _request(
    kiosk: Kiosk, out: Path, start: str = "2026-01", end: str = "2026-12"
) -> ImpactRequest:
    return ImpactRequest(
        store=kiosk.store,
        opener=kiosk.opener,
        output=out,
        period=period_from(start, end),
        survey_folders=[],
        ledger_file=out.parent / "releases.json",
        actions_file=out.parent / "no-actions.yaml",
        today=TODAY,
    )


@pytest.fixture(scope="module")
def report(made: tuple[Kiosk, Made], tmp_path_factory: pytest.TempPathFactory) -> Path:
    kiosk, _ = made
    out = tmp_path_factory.mktemp("report") / "impact"
    run_impact(_request(kiosk, out))
    return out


def _rows(folder: Path, name: str) -> list[list[str]]:
    text = (folder / name).read_text(encoding="utf-8-sig")
    return list(csv.reader(io.StringIO(text)))


def _row(rows: list[list[str]], *first: str) -> list[str]:
    return next(r for r in rows if r[: len(first)] == list(first))


# -- what a board reads first ------------------------------------------------------------


def test_summary_says_in_plain_words_how_many_took_part_and_which_way_things_move(
    report: Path, made: tuple[Kiosk, Made]
) -> None:
    _, stored = made
    page = (report / PAGE).read_text(encoding="utf-8")
    total = sum(stored.responses)
    assert (
        f"In 2026, people answered our surveys {total} times, in {stored.sessions} sessions."
        in page
    )
    assert (
        "Of the five principles, 1 is improving, 1 is about the same, 1 is getting worse "
        "and 2 had too few answers to tell." in page
    )
    assert "these numbers count times people took part, not different people" in page


def test_the_page_runs_nothing_and_fetches_nothing(report: Path) -> None:
    page = (report / PAGE).read_text(encoding="utf-8")
    assert "Content-Security-Policy" in page
    assert "default-src 'none'" in page
    assert "<script" not in page.lower()
    assert not re.search(r"(src|href)=\"(https?:)?//", page)
    assert "@media print" in page


def test_every_table_has_its_csv_file_readable_only_by_the_coordinator(report: Path) -> None:
    written = {p.name for p in report.iterdir()}
    assert {PAGE, *CSV_FILES, "manifest.json"} == written
    for path in report.iterdir():
        assert path.stat().st_mode & 0o777 == 0o600, path.name


def test_the_same_report_can_be_made_again_in_its_own_folder(
    made: tuple[Kiosk, Made], tmp_path: Path
) -> None:
    kiosk, _ = made
    out = tmp_path / "impact"
    run_impact(_request(kiosk, out))
    first = (out / PAGE).read_bytes()
    run_impact(_request(kiosk, out))
    assert (out / PAGE).read_bytes() == first


# -- trends against hand-made expectations -------------------------------------------------


def test_principle_trends_match_the_hand_worked_shares(report: Path) -> None:
    rows = _rows(report, "trends.csv")
    collaboration = _row(rows, "Collaboration: which is most like our group?")
    assert collaboration[2:] == ["0%", "not shown", "50%", "50%", "50", "Improving"]
    power = _row(rows, "Power sharing: which is most like our group?")
    assert power[2:] == ["50%", "not shown", "50%", "50%", "0", "About the same"]
    solutions = _row(rows, "Solutions focused: which is most like our group?")
    assert solutions[2:] == ["100%", "not shown", "100%", "50%", "-50", "Getting worse"]
    never = _row(rows, "Strengths-based: which is most like our group?")
    assert never[-1] == "Not enough answers to tell"


def test_checklist_trend_uses_the_share_answering_yes(report: Path) -> None:
    carers = _row(_rows(report, "trends.csv"), "Did we ask for the views of carers and supporters?")
    assert carers[1:] == ["Yes", "50%", "not shown", "50%", "100%", "50", "Improving"]


def test_a_quarter_with_too_few_answers_is_not_plotted(report: Path) -> None:
    page = (report / PAGE).read_text(encoding="utf-8")
    chart = page[page.index("Collaboration: which is most like our group?: share") :]
    chart = chart[: chart.index("</svg>")]
    assert "Apr to Jun 2026: not shown" in chart
    assert chart.count("<circle") == 3
    principles = _rows(report, "principles.csv")
    answered = _row(
        principles, "Collaboration: which is most like our group?", "People who answered"
    )
    assert answered[2:] == ["10", "hidden", "10", "10"]


@pytest.mark.parametrize(
    ("shares", "expected"),
    [
        ([40.0, None, 50.0], Direction.IMPROVING),  # exactly 10 points up
        ([40.0, 49.0], Direction.SAME),
        ([60.0, 50.0], Direction.WORSE),  # exactly 10 points down
        ([None, 30.0, None], Direction.UNKNOWN),
        ([80.0, 10.0, 85.0], Direction.SAME),  # first and last quarter compared, not the dip
    ],
)
def test_trend_rule(shares: list[float | None], expected: Direction) -> None:
    assert trend(shares).direction is expected


# -- small groups hidden, in the page and in every CSV ---------------------------------------


def test_small_stakeholder_groups_are_hidden_in_the_page_and_every_csv(report: Path) -> None:
    groups = _rows(report, "groups.csv")
    peer = _row(groups, "A peer support worker")
    carers = _row(groups, "A family member, carer or supporter")
    assert peer[1] == "<5"  # 2 people, first quarter
    assert carers[4] == "<5"  # 3 people, last quarter
    # Across quarters and the whole period, no cell can pin either group.
    for row in (peer, carers):
        assert not any(value in ("1", "2", "3", "4") for value in row[1:])
    people = set(CSV_FILES) - {"sessions.csv", "actions.csv"}  # sessions and actions aren't people
    for name in people:
        for row in _rows(report, name):
            for value in row:
                assert value not in ("1", "2", "3", "4"), f"{name}: {row}"
    page = (report / PAGE).read_text(encoding="utf-8")
    page = re.sub(r"<caption>Sessions held</caption>.*?</table>", "", page, flags=re.DOTALL)
    for small in ("1", "2", "3", "4"):
        assert f'<td class="n">{small}</td>' not in page
    assert "&lt;5" in page


def test_a_quarter_shows_the_same_numbers_as_a_report_of_that_quarter_alone(
    report: Path, made: tuple[Kiosk, Made], tmp_path: Path
) -> None:
    """Hiding in one quarter must not rely on hiding a bigger number in another: a
    report (or export) of that other quarter alone would show it and undo the hiding.
    Peer support workers: 2 in the first quarter, 6 in the second."""
    kiosk, _ = made
    alone = tmp_path / "second-quarter"
    run_impact(_request(kiosk, alone, "2026-04", "2026-06"))
    year = _rows(report, "groups.csv")
    quarter = _rows(alone, "groups.csv")
    assert "Whole period" not in year[0]
    assert [row[2] for row in year] == [row[1] for row in quarter]
    assert _row(year, "A peer support worker")[1:3] == ["<5", "6"]


def test_small_phone_counts_cannot_be_worked_out_from_the_quarter_totals(report: Path) -> None:
    ways = _rows(report, "ways_of_taking_part.csv")
    phone = _row(ways, "On their own phone")
    kiosk = _row(ways, "On the kiosk")
    total = _row(ways, "All survey answers")
    for quarter in range(1, 5):
        assert phone[quarter] == "<5"
        # kiosk + phone = total: with both of the others shown, the phone count is pinned.
        assert kiosk[quarter] == "hidden" or total[quarter] == "hidden"


def test_a_report_one_person_apart_from_an_export_is_refused(kiosk: Kiosk, tmp_path: Path) -> None:
    """Comparing this report with an export of nearly the same answers would show how
    the one person between them answered: the export's release ledger refuses it."""
    session = kiosk.session("2026-03-12")
    for _ in range(12):
        send(kiosk, "about-you", session, {"stakeholder_group": ["Other"]}, "kiosk")
    ledger = tmp_path / "releases.json"
    run_export(kiosk.request(tmp_path / "export", template("about-you"), ledger_file=ledger))
    send(kiosk, "about-you", session, {"stakeholder_group": ["Other"]}, "kiosk")
    request = replace(_request(kiosk, tmp_path / "impact"), ledger_file=ledger)
    with pytest.raises(ImpactError) as caught:
        run_impact(request)
    assert "This report covers almost the same people" in caught.value.message
    assert not (tmp_path / "impact").exists()
    for _ in range(4):
        send(kiosk, "about-you", session, {"stakeholder_group": ["Other"]}, "kiosk")
    run_impact(request)  # 5 more than the export: allowed
    assert (tmp_path / "impact" / PAGE).exists()


# -- kind messages --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("start", "end", "words"),
    [
        ("2026-13", "2026-12", "months go from 01 to 12"),
        ("January", "2026-12", "Please write the first month like 2026-01"),
        ("2026-12", "2026-01", "is after the last month"),
        ("2026-01", "26-12", "Please write the last month like 2026-01"),
    ],
)
def test_a_bad_period_gets_a_plain_message(start: str, end: str, words: str) -> None:
    with pytest.raises(PeriodError) as caught:
        period_from(start, end)
    assert words in caught.value.message


def test_an_empty_period_gives_a_kind_nothing_to_report_page(
    made: tuple[Kiosk, Made], tmp_path: Path
) -> None:
    kiosk, _ = made
    out = tmp_path / "empty"
    result = run_impact(_request(kiosk, out, "2025-01", "2025-12"))
    page = (out / PAGE).read_text(encoding="utf-8")
    assert "Nothing to report for 2025 yet: no sessions were held and no actions were due." in page
    assert "Stakeholder groups" not in page
    assert result.responses == 0


def test_a_folder_with_other_files_is_refused(made: tuple[Kiosk, Made], tmp_path: Path) -> None:
    kiosk, _ = made
    out = tmp_path / "busy"
    out.mkdir()
    (out / "notes.txt").write_text("mine", encoding="utf-8")
    with pytest.raises(ImpactError) as caught:
        run_impact(_request(kiosk, out))
    assert "already has other files in it" in caught.value.message
    assert (out / "notes.txt").read_text(encoding="utf-8") == "mine"


@pytest.mark.slow
def test_the_page_renders_in_chromium_without_console_errors(report: Path, tmp_path: Path) -> None:
    png = tmp_path / "impact.png"
    log = render(report / PAGE, png, tmp_path / "profile")
    assert console_trouble(log) == []
    assert png.read_bytes().startswith(PNG_SIGNATURE)


def test_quarters_are_cut_to_the_period_and_named_in_plain_words() -> None:
    period = period_from("2026-02", "2027-01")
    assert period.label == "February 2026 to January 2027"
    assert [q.label for q in period.quarters()] == [
        "Feb to Mar 2026",
        "Apr to Jun 2026",
        "Jul to Sep 2026",
        "Oct to Dec 2026",
        "Jan 2027",
    ]
    assert period_from("2026-01", "2026-06").label == "January to June 2026"
    assert period_from("2026-01", "2026-12").label == "2026"
    assert period.first == dt.date(2026, 2, 1)
    assert period.last == dt.date(2027, 1, 31)
