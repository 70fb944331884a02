"""The whole export against a real TinyDB store, sealed with the demo key."""

from __future__ import annotations

import csv
import hashlib
import io
import json
import random
import zipfile
from collections import Counter
from pathlib import Path
from typing import Any

import pytest
from openpyxl import load_workbook

from exports import ExportError, run_export
from exports.comment_review import Action, ReviewSession
from exports.opening import Selection
from exports.pipeline import prepare_review
from surveys.loader import load_survey_text
from surveys.model import Survey
from surveys.sending import withdraw
from tests.support.exports import Kiosk, random_answers, template

ENJOYED = [5] * 25 + [4] * 20 + [3] * 10 + [2] * 3 + [1] * 2


def send_sixty(kiosk: Kiosk) -> tuple[Survey, list[str], list[str]]:
    """60 course-feedback responses over two sessions, plus 3 "No thanks"."""
    survey = template("course-feedback")
    rng = random.Random(11)
    first, second = kiosk.session("2026-03-12"), kiosk.session("2026-03-26")
    receipts = []
    for number, enjoyed in enumerate(ENJOYED):
        answers = random_answers(survey, rng)
        answers["enjoyed"] = enjoyed
        answers["come_again"] = number % 3 != 0
        session = first if number % 2 else second
        receipts.append(kiosk.send(survey, session, answers, quotes=number % 4 == 0))
    for _ in range(3):
        kiosk.decline(first)
    return survey, [r.code for r in receipts], [first.id, second.id]


def all_output_text(folder: Path) -> str:
    """Every byte of the export folder, with the (zipped) workbook's parts unpacked."""
    blob = b"".join(p.read_bytes() for p in sorted(folder.iterdir()))
    with zipfile.ZipFile(folder / "workbook.xlsx") as book:
        blob += b"".join(book.read(name) for name in book.namelist())
    return blob.decode("utf-8", errors="ignore")


def read_json(folder: Path) -> Any:
    data = json.loads((folder / "data.json").read_text(encoding="utf-8"))
    assert isinstance(data, dict)
    return data


def question(data: Any, survey_id: str, question_id: str) -> Any:
    surveys = data["surveys"]
    assert isinstance(surveys, list)
    for survey in surveys:
        if survey["id"] == survey_id:
            for item in survey["questions"]:
                if item["id"] == question_id:
                    return item
    raise KeyError(question_id)


def test_sixty_responses_export_with_counts_and_manifest(kiosk: Kiosk, tmp_path: Path) -> None:
    survey, _, _ = send_sixty(kiosk)
    out = tmp_path / "export"
    result = run_export(kiosk.request(out, survey))
    assert result.responses == 60
    assert sorted(p.name for p in out.iterdir()) == [
        "data.json",
        "languages.csv",
        "manifest.json",
        "report.html",
        "workbook.xlsx",
    ]
    data = read_json(out)
    assert data["surveys"][0]["responses"]["count"] == 60
    enjoyed = question(data, "course-feedback", "enjoyed")
    counts = {a["answer"]: a["count"] for a in enjoyed["answers"]}
    # 2 "Strongly disagree" and 3 "Disagree" would be hidden on the 5-point scale, so
    # it is shown in three groups instead (recoded before hiding), all of them true.
    assert counts == {"Agree": 45, "Neither agree nor disagree": 10, "Disagree": 5}
    assert enjoyed["total"]["count"] == 60
    assert enjoyed["merged"] == []
    come_again = question(data, "course-feedback", "come_again")
    yes_no = {a["answer"]: a["count"] for a in come_again["answers"]}
    answered = come_again["total"]["count"]
    assert yes_no["Yes"] + yes_no["No"] == answered
    assert data["declines"] == {"count": None, "shown": "<5", "hidden_because": "small"}
    assert data["months"] == ["2026-03"]
    assert "rows" not in data

    manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    assert set(manifest["files"]) == {"report.html", "workbook.xlsx", "data.json", "languages.csv"}
    for name, entry in manifest["files"].items():
        assert hashlib.sha256((out / name).read_bytes()).hexdigest() == entry["sha256"]
        assert result.files[name] == entry["sha256"]
    assert load_workbook(out / "workbook.xlsx").sheetnames == [
        "Summary",
        "Languages",
        "Hidden numbers",
        "Comments",
        "You said, we did",
    ]

    # The research extract, asked for on its own, adds the rows.
    out = tmp_path / "extract"
    result = run_export(kiosk.request(out, survey, research_extract=True))
    manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    assert set(manifest["files"]) == {
        "report.html",
        "responses.csv",
        "workbook.xlsx",
        "data.json",
        "languages.csv",
    }
    assert len(read_json(out)["rows"]) == 60

    rows = list(csv.reader(io.StringIO((out / "responses.csv").read_text(encoding="utf-8-sig"))))
    assert rows[0][:4] == ["row", "survey", "survey_version", "session_month"]
    assert len(rows) == 61
    assert sorted(int(r[0]) for r in rows[1:]) == list(range(1, 61))
    book = load_workbook(out / "workbook.xlsx")
    sheet_rows = list(book["Responses"].iter_rows(values_only=True))
    assert len(sheet_rows) == 61
    assert list(sheet_rows[0]) == rows[0]
    assert sorted(int(str(line[0])) for line in sheet_rows[1:]) == list(range(1, 61))
    enjoyed_column = rows[0].index("enjoyed")
    # The rows carry the same three groups the report shows, nothing finer.
    bands = Counter(line[enjoyed_column] for line in sheet_rows[1:])
    assert bands == {"Agree": 45, "Neither agree nor disagree": 10, "Disagree": 5}
    assert book.sheetnames == [
        "Summary",
        "Responses",
        "Codebook",
        "Languages",
        "Hidden numbers",
        "Comments",
        "You said, we did",
    ]


def test_rows_are_shuffled(kiosk: Kiosk, tmp_path: Path) -> None:
    survey, _, _ = send_sixty(kiosk)
    run_export(kiosk.request(tmp_path / "a", survey, rng=random.Random(1), research_extract=True))
    run_export(kiosk.request(tmp_path / "b", survey, rng=random.Random(2), research_extract=True))
    first = read_json(tmp_path / "a")["rows"]
    second = read_json(tmp_path / "b")["rows"]
    enjoyed = read_json(tmp_path / "a")["columns"].index("come_again")
    order_a = [row[enjoyed] for row in first]
    order_b = [row[enjoyed] for row in second]
    assert sorted(order_a) == sorted(order_b)
    assert order_a != order_b
    assert order_a != ENJOYED[::-1]
    assert order_a != ENJOYED


def test_withdrawn_response_is_not_exported(kiosk: Kiosk, tmp_path: Path) -> None:
    survey, codes, _ = send_sixty(kiosk)
    done, _ = withdraw(codes[0], kiosk.store)
    assert done
    result = run_export(kiosk.request(tmp_path / "out", survey))
    assert result.responses == 59
    data = read_json(tmp_path / "out")
    assert data["surveys"][0]["responses"]["count"] == 59
    assert question(data, "course-feedback", "enjoyed")["total"]["count"] == 59


def test_selection_by_session_and_date(kiosk: Kiosk, tmp_path: Path) -> None:
    import datetime as dt

    survey, _, sessions = send_sixty(kiosk)
    one = run_export(
        kiosk.request(
            tmp_path / "one", survey, selection=Selection(session_ids=frozenset({sessions[0]}))
        )
    )
    assert one.responses == 30
    late = run_export(
        kiosk.request(
            tmp_path / "late", survey, selection=Selection(date_from=dt.date(2026, 3, 20))
        )
    )
    assert late.responses == 30
    with pytest.raises(ExportError, match="No saved sessions"):
        run_export(
            kiosk.request(
                tmp_path / "none", survey, selection=Selection(date_to=dt.date(2025, 1, 1))
            )
        )


IDENTIFYING_SURVEY = """
id: contact-test
title: A survey that asks for a name
version: "2"
intro: Testing.
consent:
  text: standard-v1
  organisation: the test
  coordinator: the tester
  contact: the tester
  ticks:
    - id: quotes
      text: You can quote my words (without my name)
questions:
  - id: your_name
    kind: text
    identifying: true
    text: What is your name?
  - id: email
    kind: text
    identifying: true
    text: What is your email?
  - id: mood
    kind: single
    text: How are you?
    options: ["-1 point", "@home", "=fine", "+ok"]
  - id: thoughts
    kind: longtext
    text: Anything else?
"""


def identifying_survey() -> Survey:
    survey = load_survey_text(IDENTIFYING_SURVEY).survey
    assert survey is not None
    return survey


def test_nothing_identifying_or_internal_leaves_the_device(kiosk: Kiosk, tmp_path: Path) -> None:
    survey = identifying_survey()
    session = kiosk.session("2026-05-17")
    codes = []
    for number in range(12):
        receipt = kiosk.send(
            survey,
            session,
            {
                "your_name": f"Zebedee Quux{number}",
                "email": f"zq{number}@example.org",
                "mood": "@home" if number % 2 else "=fine",
                "thoughts": f"Thanks Wilbur Fenwick-Smythe {number}, call 07700 900{number:03d}",
            },
        )
        codes.append(receipt)
    stored = list(kiosk.store.responses())
    out = tmp_path / "out"
    review_file = tmp_path / "review.json"
    names = tmp_path / "names.txt"
    names.write_text("# staff\nWilbur Fenwick-Smythe\n", encoding="utf-8")
    review = prepare_review(kiosk.request(out, survey, review_file=review_file, names_file=names))
    for comment in review.comments:
        review.decide(comment.key, Action.KEEP, theme="Thanks")
    review.save()
    run_export(
        kiosk.request(out, survey, review_file=review_file, names_file=names, research_extract=True)
    )

    everything = all_output_text(out)
    forbidden = [
        *(f"Zebedee Quux{n}" for n in range(12)),
        "Zebedee",
        "zq0@example.org",
        "@example.org",
        "07700",
        "Wilbur",
        "2026-05-17",
        *(r.id for r in stored),
        *(r.receipt_hash or "" for r in stored),
        session.id,
        *(c.code for c in codes),
        *(c.code.replace("-", "") for c in codes),
    ]
    for secret in forbidden:
        assert secret not in everything, secret
    assert "2026-05" in everything  # the month is kept
    codebook = read_json(out)["codebook"]
    assert [c["question"] for c in codebook] == ["mood", "thoughts"]


def test_spreadsheet_cells_cannot_run_formulas(kiosk: Kiosk, tmp_path: Path) -> None:
    survey = identifying_survey()
    session = kiosk.session("2026-05-17")
    for number in range(20):  # 5 of each mood: none hidden, so the rows show them
        kiosk.send(
            survey,
            session,
            {
                "mood": ["-1 point", "@home", "=fine", "+ok"][number % 4],
                "thoughts": f"comment {number}",
            },
        )
    review_file = tmp_path / "review.json"
    review = prepare_review(kiosk.request(tmp_path / "out", survey, review_file=review_file))
    for comment in review.comments:
        review.decide(comment.key, Action.EDIT, text='=HYPERLINK("http://x")', theme="@SUM(A1:A9)")
    review.save()
    outcomes = tmp_path / "outcomes.yaml"
    outcomes.write_text(
        'actions:\n- id: a1\n  you_said: "=1+1"\n  we_did: "-Tabbed"\n  owner: "@team"\n'
        "  due: 2026-06-30\n  share: true\n",
        encoding="utf-8",
    )
    run_export(
        kiosk.request(
            tmp_path / "out",
            survey,
            review_file=review_file,
            outcomes_file=outcomes,
            research_extract=True,
        )
    )

    text = (tmp_path / "out" / "responses.csv").read_text(encoding="utf-8-sig")
    for row in csv.reader(io.StringIO(text)):
        for value in row:
            assert not value.startswith(("=", "+", "-", "@", "\t", "\r")), value
    assert "'@home" in text
    assert "'=fine" in text
    assert "'-1 point" in text
    assert "'+ok" in text
    assert "'@SUM(A1:A9)" in text

    book = load_workbook(tmp_path / "out" / "workbook.xlsx")
    seen = 0
    for sheet in book.worksheets:
        for cells in sheet.iter_rows():
            for cell in cells:
                assert cell.data_type != "f", (sheet.title, cell.value)
                if isinstance(cell.value, str):
                    assert not cell.value.startswith(("=", "+", "-", "@", "\t", "\r"))
                    seen += cell.value.startswith("'")
    assert seen >= 5


def test_report_escapes_markup_everywhere(kiosk: Kiosk, tmp_path: Path) -> None:
    hostile = IDENTIFYING_SURVEY.replace(
        "title: A survey that asks for a name", 'title: "<b>Bold</b> & <i>brave</i>"'
    )
    survey = load_survey_text(hostile).survey
    assert survey is not None
    session = kiosk.session("2026-05-17")
    for _number in range(12):
        kiosk.send(
            survey,
            session,
            {"mood": "@home", "thoughts": "<script>alert('x')</script> <img src=x>"},
        )
    review_file = tmp_path / "review.json"
    review = prepare_review(kiosk.request(tmp_path / "out", survey, review_file=review_file))
    for comment in review.comments:
        review.decide(comment.key, Action.KEEP, theme="<svg onload=alert(1)>")
    review.save()
    outcomes = tmp_path / "outcomes.yaml"
    outcomes.write_text(
        'actions:\n- id: a1\n  you_said: "<img src=x onerror=alert(1)>"\n'
        '  we_did: "</p><h1>Fake</h1>"\n  owner: Service manager\n  due: 2026-06-30\n'
        '  status: not possible\n  reason: "<script>no</script>"\n  closed_on: 2026-06-01\n'
        "  share: true\n",
        encoding="utf-8",
    )
    run_export(
        kiosk.request(
            tmp_path / "out",
            survey,
            review_file=review_file,
            outcomes_file=outcomes,
            research_extract=True,
        )
    )
    html = (tmp_path / "out" / "report.html").read_text(encoding="utf-8")
    assert "<script" not in html
    assert "<img" not in html
    assert "<i>" not in html
    assert "<b>" not in html
    assert "<svg onload" not in html
    assert "<h1>Fake" not in html
    assert "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;" in html
    assert "&lt;b&gt;Bold&lt;/b&gt; &amp; &lt;i&gt;brave&lt;/i&gt;" in html
    assert "&lt;img src=x onerror=alert(1)&gt;" in html
    assert "&lt;/p&gt;&lt;h1&gt;Fake&lt;/h1&gt;" in html
    assert "&lt;script&gt;no&lt;/script&gt;" in html
    assert 'http-equiv="Content-Security-Policy"' in html


def test_unreviewed_comments_are_left_out_and_counted(kiosk: Kiosk, tmp_path: Path) -> None:
    survey = identifying_survey()
    session = kiosk.session("2026-05-17")
    for number in range(12):
        kiosk.send(
            survey, session, {"thoughts": f"distinct comment number {number}"}, quotes=number < 6
        )
    review_file = tmp_path / "review.json"
    review = prepare_review(kiosk.request(tmp_path / "out", survey, review_file=review_file))
    by_text = {c.text: c for c in review.comments}
    for number in range(4):  # 0-3 quotable, kept
        review.decide(by_text[f"distinct comment number {number}"].key, Action.KEEP)
    review.decide(by_text["distinct comment number 4"].key, Action.DROP)
    review.decide(by_text["distinct comment number 5"].key, Action.EDIT, text="A kind edit")
    for number in (6, 7):  # not quotable, kept: counted, never quoted
        review.decide(by_text[f"distinct comment number {number}"].key, Action.KEEP)
    review.save()
    result = run_export(kiosk.request(tmp_path / "out", survey, review_file=review_file))
    assert result.comments_waiting == 4
    data = read_json(tmp_path / "out")
    # 5 may be quoted, but with 2 kept unquotable ("<5") beside 7 kept, how many were
    # quoted is hidden as well, so no quote is shown.
    assert data["quotes"] == []
    free = data["free_text"][0]
    shown = {key: free[key]["shown"] for key in free if isinstance(free[key], dict)}
    assert shown == shown | {
        "written": "12",
        "kept": "7",
        "dropped": "<5",
        "waiting_for_review": "<5",
        "kept_not_quotable": "<5",
        "quoted": "hidden",
    }
    everything = all_output_text(tmp_path / "out")
    for hidden in (4, 6, 7, 8, 11):
        assert f"distinct comment number {hidden}" not in everything


def test_output_folder_with_other_files_is_refused(kiosk: Kiosk, tmp_path: Path) -> None:
    survey, _, _ = send_sixty(kiosk)
    busy = tmp_path / "busy"
    busy.mkdir()
    (busy / "holiday.jpg").write_bytes(b"x")
    with pytest.raises(ExportError, match="already has other files"):
        run_export(kiosk.request(busy, survey))
    assert [p.name for p in busy.iterdir()] == ["holiday.jpg"]
    again = tmp_path / "again"
    run_export(kiosk.request(again, survey))
    run_export(kiosk.request(again, survey))  # an earlier export may be replaced


def test_review_file_holds_no_comment_text(kiosk: Kiosk, tmp_path: Path) -> None:
    survey = identifying_survey()
    session = kiosk.session("2026-05-17")
    for number in range(3):
        kiosk.send(survey, session, {"thoughts": f"secret words {number}"})
    review_file = tmp_path / "review.json"
    review = prepare_review(kiosk.request(tmp_path / "out", survey, review_file=review_file))
    for comment in review.comments:
        review.decide(comment.key, Action.DROP if "0" in comment.text else Action.KEEP)
    review.save()
    assert b"secret words" not in review_file.read_bytes()
    again = ReviewSession.load(review_file, review.comments)
    assert again.pending() == []
    assert again.summary() == {"drop": 1, "keep": 2}
