"""``kiosk export`` with focus-group sessions: "What the group decided" in the report,
``group_decisions.csv``, ``group_ideas.csv``, the workbook and data.json — read as a
person who was in the room would read them."""

from __future__ import annotations

import csv
import io
import json
import zipfile
from pathlib import Path
from typing import Any

from openpyxl import load_workbook

from exports import run_export
from exports.group_files import DECISION_COLUMNS
from tests.support.exports import Kiosk, template
from tests.support.group_sessions import GroupSession, group_session

IDEAS = {
    "W": ("Shorter waits for a first appointment", "lived"),
    "W2": ("Quicker first appointments", "carer"),
    "P": ("Peer support on every ward", "lived"),
    "E": ("Evening groups for people who work", "clinician"),
    "N": ("Ring Priya Sharma on 07700 900123 to book transport", "lived"),
    "F": ("=cmd|' /C calc'!A0 free parking", "lived"),
    "S": ("<script>alert('x')</script> <b>bold</b> more chairs", "carer"),
}
BALLOTS = [
    ("lived", "WQ,P,N", 3),
    ("lived", "P,WQ,F", 2),
    ("lived", "N,S,E", 1),
    ("carer", "S,WQ,P", 3),  # three carers: a group under 5
    ("clinician", "E,P,WQ", 1),
]


def run_session(kiosk: Kiosk, tmp_path: Path) -> GroupSession:
    made = group_session(kiosk.store.root, kiosk.sealer, tmp_path / "run")
    made.write(IDEAS)
    made.merge(["W", "W2"], "A quicker first appointment", "WQ")
    made.rank(BALLOTS)
    return made


def csv_rows(path: Path) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(path.read_text(encoding="utf-8-sig"))))


def data(folder: Path) -> Any:
    return json.loads((folder / "data.json").read_text(encoding="utf-8"))


def every_byte(folder: Path) -> str:
    blob = b"".join(p.read_bytes() for p in sorted(folder.iterdir()))
    with zipfile.ZipFile(folder / "workbook.xlsx") as book:
        blob += b"".join(book.read(name) for name in book.namelist())
    return blob.decode("utf-8", errors="ignore")


def sheet(folder: Path, title: str) -> list[tuple[object, ...]]:
    book = load_workbook(folder / "workbook.xlsx", read_only=True)
    return [tuple(row) for row in book[title].iter_rows(values_only=True)]


def test_the_export_says_what_the_group_decided_in_every_file(kiosk: Kiosk, tmp_path: Path) -> None:
    made = run_session(kiosk, tmp_path)
    out = tmp_path / "out"

    result = run_export(kiosk.request(out))

    assert result.focus_groups == 1
    assert "What 1 focus-group session decided" in result.summary()
    # Hand count, top 3 of 6 ideas (WQ, P, E, N, F, S), 10 voters:
    # WQ 3·3 + 2·2 + 3·2 + 1·1 = 20; P 3·2 + 2·3 + 3·1 + 1·2 = 17; S 1·2 + 3·3 = 11;
    # N 3·1 + 1·3 = 6; E 1·1 + 1·3 = 4; F 2·1 = 2. Rank sums: 4 × 10 − points.
    # E and F are 1 to 4 points: "<5", with no place, like a count of 1 to 4 people
    # (E + F = 60 − 54 = 6 still leaves each anywhere from 2 to 4).
    rows = csv_rows(out / "group_decisions.csv")
    assert tuple(rows[0]) == DECISION_COLUMNS
    assert [(r["place"], r["score"], r["combines"], r["voters"]) for r in rows] == [
        ("1", "20", "2", "10"),
        ("2", "17", "0", "10"),
        ("3", "11", "0", "10"),
        ("4", "6", "0", "10"),
        ("", "<5", "0", "10"),
        ("", "<5", "0", "10"),
    ]
    assert {(r["session_date"], r["plan"], r["round"], r["score_kind"]) for r in rows} == {
        (made.session.date, "Priority setting: what matters most to us?", "Choosing your top 5",
         "borda")
    }  # fmt: skip
    assert rows[0]["idea"] == "A quicker first appointment"
    ideas = csv_rows(out / "group_ideas.csv")
    assert sorted(r["original"] for r in ideas) == [
        "Quicker first appointments",
        "Shorter waits for a first appointment",
    ]
    assert {r["idea"] for r in ideas} == {"A quicker first appointment"}

    report = (out / "report.html").read_text(encoding="utf-8")
    assert 'id="decided">What the group decided</h2>' in report
    assert "12 March 2026" in report
    assert "Combines 2 ideas" in report
    assert "Shorter waits for a first appointment" in report

    decided = data(out)["group_decisions"]
    assert [i["score"] for i in decided[0]["rounds"][0]["ideas"]] == [20, 17, 11, 6, "<5", "<5"]
    assert [i["rank_sum"] for i in decided[0]["rounds"][0]["ideas"]] == [20, 23, 29, 34, None, None]
    lines = sheet(out, "What the group decided")
    assert lines[1][3:9] == ("Everyone", 10, 1, "A quicker first appointment", 2, 20)
    manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    assert {"group_decisions.csv", "group_ideas.csv"} <= set(manifest["files"])


def test_a_group_of_three_is_hidden_in_the_report_csv_workbook_and_data(
    kiosk: Kiosk, tmp_path: Path
) -> None:
    run_session(kiosk, tmp_path)
    out = tmp_path / "out"
    run_export(kiosk.request(out))

    # The three carers' own points: S 9, WQ 6, P 3. None may appear as theirs.
    decided = data(out)["group_decisions"][0]["rounds"][0]
    carers = next(g for g in decided["groups"] if g["group"].startswith("A family member"))
    assert carers == {
        "group": "A family member, carer or supporter",
        "voters": "<5",
        "scores": None,
        "hidden_because": carers["hidden_because"],
    }
    assert "Fewer than 5" in carers["hidden_because"]
    report = (out / "report.html").read_text(encoding="utf-8")
    assert "A family member, carer or supporter (&lt;5 voted): Fewer than 5 people" in report
    assert "A family member, carer or supporter (3" not in report
    lines = sheet(out, "What the group decided")
    carer_lines = [line for line in lines if line[3] == "A family member, carer or supporter"]
    assert len(carer_lines) == 1
    assert carer_lines[0][4:9] == ("<5", None, None, None, "hidden")
    # The CSV has everyone's order only; nothing in any file says what carers gave.
    assert {r["voters"] for r in csv_rows(out / "group_decisions.csv")} == {"10"}
    hidden = data(out)["hidden"]
    assert any(h["what"] == "A family member, carer or supporter's scores" for h in hidden)
    # How many ideas each group wrote: 4, 2 and 1 — each 1 to 4, so each "<5".
    written = data(out)["group_decisions"][0]["ideas_written"]
    assert written["total"]["count"] == 7
    assert [(g["group"], g["shown"], g["count"]) for g in written["by_group"]] == [
        ("Someone with lived experience", "<5", None),
        ("A family member, carer or supporter", "<5", None),
        ("A clinician or health professional", "<5", None),
    ]
    assert "Between 1 and 4 ideas: hidden so that nobody&#39;s ideas" in report


def test_names_phone_numbers_formulas_and_markup_in_ideas_are_neutralised(
    kiosk: Kiosk, tmp_path: Path
) -> None:
    run_session(kiosk, tmp_path)
    out = tmp_path / "out"
    run_export(kiosk.request(out))

    everything = every_byte(out)
    for secret in ("Priya", "Sharma", "07700", "900123"):
        assert secret not in everything
    words = {r["idea"] for r in csv_rows(out / "group_decisions.csv")}
    assert "Ring [name] on [phone] to book transport" in words
    # A formula start is made plain text with a leading quote, as every other cell.
    assert "'=cmd|' /C calc'!A0 free parking" in words
    lines = sheet(out, "What the group decided")
    assert any(line[6] == "'=cmd|' /C calc'!A0 free parking" for line in lines)
    report = (out / "report.html").read_text(encoding="utf-8")
    assert "<script>" not in report
    assert "<b>bold</b>" not in report
    assert "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &lt;b&gt;bold&lt;/b&gt;" in report


def test_one_more_ballot_in_an_open_round_changes_nothing_exported(
    kiosk: Kiosk, tmp_path: Path
) -> None:
    made = run_session(kiosk, tmp_path)
    # The second ranking opens and five people vote; it is still open.
    made.rank(BALLOTS[:2], round_id="stage-7", close=False)
    first = tmp_path / "first"
    run_export(kiosk.request(first))
    made.cast("carer", "P,WQ,S", round_id="stage-7")  # one more ballot
    second = tmp_path / "second"
    run_export(kiosk.request(second))

    for name in ("report.html", "group_decisions.csv", "group_ideas.csv", "data.json"):
        assert (first / name).read_bytes() == (second / name).read_bytes(), name
    assert sheet(first, "What the group decided") == sheet(second, "What the group decided")
    assert "<h4>Choosing again</h4>" not in (first / "report.html").read_text(encoding="utf-8")


def test_surveys_and_focus_groups_export_together_and_group_files_go_when_none(
    kiosk: Kiosk, tmp_path: Path
) -> None:
    survey = template("course-feedback")
    made = run_session(kiosk, tmp_path)
    other = kiosk.session("2026-03-26")
    for _ in range(12):
        kiosk.send(survey, other, {"enjoyed": 4})
    out = tmp_path / "out"
    run_export(kiosk.request(out, survey))
    assert (out / "group_decisions.csv").exists()
    report = (out / "report.html").read_text(encoding="utf-8")
    assert report.index("What the group decided</h2>") < report.index("you said, we did</h2>")

    from exports.opening import Selection

    run_export(kiosk.request(out, survey, selection=Selection(session_ids=frozenset({other.id}))))
    assert not (out / "group_decisions.csv").exists()
    assert not (out / "group_ideas.csv").exists()
    assert data(out)["group_decisions"] == []
    assert "What the group decided" not in (out / "report.html").read_text(encoding="utf-8")
    assert made.session.id not in every_byte(out)


def test_a_ranking_with_few_votes_or_one_voice_shows_no_numbers_anywhere(
    kiosk: Kiosk, tmp_path: Path
) -> None:
    few = group_session(kiosk.store.root, kiosk.sealer, tmp_path / "run")
    few.write({k: v for k, v in IDEAS.items() if k in ("P", "E", "F")})
    few.rank([("lived", "P,E,F", 2), ("carer", "E,P,F", 1)])  # 3 votes
    same = group_session(kiosk.store.root, kiosk.sealer, tmp_path / "run", "2026-03-19")
    same.write({k: v for k, v in IDEAS.items() if k in ("P", "E", "F")})
    # Six lived-experience voters all put P first: the totals alone would say so.
    same.rank([("lived", "P,E,F", 3), ("lived", "P,F,E", 3)])
    out = tmp_path / "out"
    run_export(kiosk.request(out))

    assert csv_rows(out / "group_decisions.csv") == []  # the header only
    rounds = [s["rounds"][0] for s in data(out)["group_decisions"]]
    assert [(r["voters"]["shown"], r["ideas"], r["groups"]) for r in rounds] == [
        ("<5", [], []),
        ("6", [], []),
    ]
    assert rounds[0]["note"] == "Fewer than 5 votes, so no results are shown."
    assert rounds[1]["note"].startswith("The results are hidden")
    report = (out / "report.html").read_text(encoding="utf-8")
    assert "&lt;5 people voted." in report
    assert "3 people voted" not in report
    lines = sheet(out, "What the group decided")
    assert [line[-1] for line in lines[1:]] == [rounds[0]["note"], rounds[1]["note"]]
