"""Exports in every language (issue 17): answers given in English, Welsh and Polish
merge into the same tables; "Languages people used" is counted through the one
disclosure engine; quotes are marked with their language only where that can't
single anyone out; a language one person used is never shown or marked, and that
person's comment stays out of every shared file.

Every response is walked through ``SurveySession``, given its language with
``with_language`` and sealed into a real TinyDB store with the demo key.
"""

from __future__ import annotations

import csv
import io
import json
import os
import re
import shutil
import zipfile
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest
from babel.messages.pofile import read_po
from openpyxl import load_workbook

from exports.comment_review import Action
from exports.pipeline import ExportRequest, prepare_review, run_export
from kiosk.review.screens.comments_screen import quoting_line
from surveys.catalogues import LOCALE_DIR
from surveys.loader import load_survey_text
from surveys.model import Survey
from surveys.sealing import Sealer
from surveys.sending import send_response
from surveys.session import Stage, SurveySession
from tests.exports.test_inputs import ACTION_LOG
from tests.exports.test_report_browser import PNG_SIGNATURE, console_trouble, render
from tests.support.exports import Kiosk

SURVEY_TEXT = """
id: shared-visit
title: Your visit
version: "1"
intro: A few quick questions about today.
language: en
consent:
  text: standard-v1
  organisation: today's session
  coordinator: the session lead
  contact: the session lead
  ticks:
    - id: quotes
      text: You can quote my words (without my name)
questions:
  - id: length
    kind: single
    text: How did the length of the session feel?
    options:
      - label: Too short
        value: short
      - label: About right
        value: right
      - label: Too long
        value: long
  - id: breaks
    kind: yesno
    text: Did you get enough breaks?
  - id: went_well
    kind: longtext
    text: What went well today?
translations:
  cy:
    title: Eich ymweliad
    question.length.text: Sut oedd hyd y sesiwn?
    question.length.option.short: Rhy fyr
    question.length.option.right: Tua iawn
    question.length.option.long: Rhy hir
    question.breaks.text: Gawsoch chi ddigon o seibiant?
    question.went_well.text: Beth aeth yn dda heddiw?
  pl:
    title: Twoja wizyta
    question.length.text: Jak oceniasz długość spotkania?
    question.length.option.short: Za krótkie
    question.length.option.right: W sam raz
    question.length.option.long: Za długie
    question.breaks.text: Czy przerw było wystarczająco dużo?
    question.went_well.text: Co dziś poszło dobrze?
"""


def shared_visit() -> Survey:
    survey = load_survey_text(SURVEY_TEXT, "shared-visit.yaml").survey
    assert survey is not None
    return survey


SURVEY = shared_visit()


def send(
    kiosk: Kiosk,
    answers: dict[str, object],
    language: str | None,
    *,
    sealer: Sealer | OlderSealer | None = None,
    quotes: bool = True,
) -> None:
    """One person's visit in ``language`` (None: an older record that has no language)."""
    walk = SurveySession(SURVEY)
    walk.agree({"quotes"} if quotes else set())
    while walk.stage is Stage.QUESTION:
        question = walk.current
        if question.id in answers:
            walk.answer(answers[question.id])
        else:
            walk.skip()
    completed = walk.complete()
    if language is not None:
        completed = completed.with_language(language)
    session = kiosk.session("2026-03-12")
    session = SESSIONS.setdefault(str(kiosk.home), session)
    send_response(completed, sealer=sealer or kiosk.sealer, store=kiosk.store, session=session)  # type: ignore[arg-type]


SESSIONS: dict[str, Any] = {}
"""One session per kiosk home, so every visit of a test is in the same session."""


class OlderSealer:
    """Seals the record as the kiosk did before responses carried a language."""

    def __init__(self, sealer: Sealer) -> None:
        self.sealer = sealer

    def seal(self, payload: dict[str, object]) -> bytes:
        payload = dict(payload)
        del payload["language"]
        return self.sealer.seal(payload)


def request(kiosk: Kiosk, out: Path, **changes: object) -> ExportRequest:
    return kiosk.request(
        out,
        SURVEY,
        review_file=out.parent / "review.json",
        ledger_file=out.parent / "l.json",
        **changes,
    )


def keep_every_comment(kiosk: Kiosk, out: Path) -> None:
    review = prepare_review(request(kiosk, out))
    for comment in review.comments:
        review.decide(comment.key, Action.KEEP)
    review.save()


def read_json(folder: Path) -> Any:
    return json.loads((folder / "data.json").read_text(encoding="utf-8"))


def every_file(folder: Path) -> str:
    blob = b"".join(p.read_bytes() for p in sorted(folder.iterdir()) if p.is_file())
    with zipfile.ZipFile(folder / "workbook.xlsx") as book:
        blob += b"".join(book.read(name) for name in book.namelist())
    return blob.decode("utf-8", errors="ignore")


def mixed_room(kiosk: Kiosk) -> None:
    """10 in English (2 of them older records with no language), 6 in Welsh, 5 in Polish."""
    older = OlderSealer(kiosk.sealer)
    for n in range(10):
        answers = {"length": "right" if n < 6 else "long", "breaks": n % 2 == 0}
        answers["went_well"] = f"The tea was good, number {n}"
        send(kiosk, answers, None if n < 2 else "en", sealer=older if n < 2 else None)
    for n in range(6):
        answers = {"length": "short", "breaks": True}
        answers["went_well"] = f"Roedd y te yn dda, rhif {n}"
        send(kiosk, answers, "cy")
    for n in range(5):
        answers = {"length": "long", "breaks": False, "went_well": f"Dobra herbata, numer {n}"}
        send(kiosk, answers, "pl")


def question(data: Any, question_id: str) -> Any:
    return next(q for q in data["surveys"][0]["questions"] if q["id"] == question_id)


def test_answers_in_three_languages_count_in_the_same_tables(kiosk: Kiosk, tmp_path: Path) -> None:
    mixed_room(kiosk)
    out = tmp_path / "out"
    result = run_export(request(kiosk, out))
    assert result.responses == 21
    data = read_json(out)
    length = {a["answer"]: a["count"] for a in question(data, "length")["answers"]}
    # 6 said "right" (in English), 6 "short" (in Welsh), 4 + 5 "long" (in English and
    # Polish): one row per option value, whatever the language the person saw it in,
    # under the survey's own words.
    assert length == {"Too short": 6, "About right": 6, "Too long": 9}
    assert question(data, "length")["total"]["count"] == 21
    breaks = {a["answer"]: a["count"] for a in question(data, "breaks")["answers"]}
    assert breaks == {"Yes": 11, "No": 10}
    report = (out / "report.html").read_text(encoding="utf-8")
    assert "Rhy fyr" not in report
    assert "Za długie" not in report


def test_languages_people_used_are_counted_in_every_file(kiosk: Kiosk, tmp_path: Path) -> None:
    mixed_room(kiosk)
    out = tmp_path / "out"
    run_export(request(kiosk, out))
    (table,) = read_json(out)["languages"]
    counts = {row["language"]: row["count"] for row in table["languages"]}
    # The two older records without a language are read as the survey's own (English).
    assert counts == {"en": 10, "cy": 6, "pl": 5}
    assert table["total"]["count"] == 21
    lines = list(csv.DictReader(io.StringIO((out / "languages.csv").read_text("utf-8-sig"))))
    assert [(r["survey"], r["language"], r["language_name"], r["count"]) for r in lines] == [
        ("shared-visit", "en", "English", "10"),
        ("shared-visit", "cy", "Cymraeg", "6"),
        ("shared-visit", "pl", "Polski", "5"),
    ]
    sheet = list(load_workbook(out / "workbook.xlsx")["Languages"].iter_rows(values_only=True))
    assert sheet[0] == ("survey", "language", "language_name", "count", "shown", "hidden_because")
    assert [row[3] for row in sheet[1:]] == [10, 6, 5]
    report = (out / "report.html").read_text(encoding="utf-8")
    languages = report[report.index('id="languages"') : report.index('id="survey-1"')]
    assert 'lang="cy">Cymraeg (Welsh)</th><td class="n">6</td>' in languages
    assert 'lang="pl">Polski (Polish)</th><td class="n">5</td>' in languages


def test_quotes_keep_and_show_their_language_where_the_group_is_big_enough(
    kiosk: Kiosk, tmp_path: Path
) -> None:
    mixed_room(kiosk)
    out = tmp_path / "out"
    keep_every_comment(kiosk, out)
    run_export(request(kiosk, out))
    quotes = {q["text"]: q["language"] for q in read_json(out)["quotes"]}
    assert quotes["Roedd y te yn dda, rhif 0"] == "cy"
    assert quotes["Dobra herbata, numer 4"] == "pl"
    assert quotes["The tea was good, number 0"] == "en"  # an older record: the survey's own
    report = (out / "report.html").read_text(encoding="utf-8")
    assert (
        '<blockquote lang="cy">Roedd y te yn dda, rhif 1<footer class="written-in" lang="en-GB">'
        "Written in Cymraeg (Welsh)</footer></blockquote>"
    ) in report


def test_no_quote_is_marked_when_a_language_has_only_a_few_quotes(
    kiosk: Kiosk, tmp_path: Path
) -> None:
    """Six people answered in Welsh but only two agreed to be quoted: marking them
    would publish "2 quotes in Welsh" (and which two), so no quote of the question
    is marked, though every quote is still there."""
    for n in range(10):
        send(kiosk, {"went_well": f"The tea was good, number {n}"}, "en", quotes=n < 5)
    for n in range(6):
        send(kiosk, {"went_well": f"Roedd y te yn dda, rhif {n}"}, "cy", quotes=n < 2)
    out = tmp_path / "out"
    keep_every_comment(kiosk, out)
    run_export(request(kiosk, out))
    (table,) = read_json(out)["languages"]
    assert {row["language"]: row["count"] for row in table["languages"]}["cy"] == 6
    quotes = {q["text"]: q["language"] for q in read_json(out)["quotes"]}
    assert "Roedd y te yn dda, rhif 1" in quotes
    assert set(quotes.values()) == {None}
    assert "Written in" not in (out / "report.html").read_text(encoding="utf-8")


def one_welsh_speaker(kiosk: Kiosk) -> None:
    """12 people in English (4 of whom would rather not be quoted) and the one Welsh
    speaker everyone in the room knows."""
    for n in range(12):
        answers = {"length": "right", "breaks": True, "went_well": f"Good day {n}"}
        send(kiosk, answers, "en", quotes=n >= 4)
    send(kiosk, {"length": "right", "breaks": True, "went_well": "Diolch am y croeso"}, "cy")


def test_a_one_person_language_is_never_shown_or_marked(kiosk: Kiosk, tmp_path: Path) -> None:
    one_welsh_speaker(kiosk)
    out = tmp_path / "out"
    keep_every_comment(kiosk, out)
    result = run_export(request(kiosk, out))
    assert (
        "1 comment was written in a language that fewer than 5 people used, so the words "
        "are kept out of the shared report. 'kiosk review' shows which, and why."
    ) in result.summary()
    (table,) = read_json(out)["languages"]
    cells = {row["language"]: (row["count"], row["shown"]) for row in table["languages"]}
    # Welsh is "<5", and English is hidden too, or 13 − 12 would give the 1 back.
    assert cells["cy"] == (None, "<5")
    assert cells["en"][0] is None
    assert cells["pl"] == (0, "0")
    files = every_file(out)
    # The Welsh words would tell the room who wrote them: they are in no shared file,
    # and no quote is marked with a language whose count is hidden.
    assert "Diolch am y croeso" not in files
    assert "Written in" not in files
    quotes = read_json(out)["quotes"]
    assert quotes
    assert {q["language"] for q in quotes} == {None}
    report = (out / "report.html").read_text(encoding="utf-8")
    hidden = report[report.index('id="hidden"') : report.index('id="about"')]
    assert "Languages people used" in hidden
    assert "Cymraeg (Welsh)" in hidden


def test_the_held_back_comment_is_listed_for_review_with_a_plain_reason(
    kiosk: Kiosk, tmp_path: Path
) -> None:
    one_welsh_speaker(kiosk)
    review = prepare_review(request(kiosk, tmp_path / "out"))
    held = [c for c in review.comments if c.held_back]
    assert [c.text for c in held] == ["Diolch am y croeso"]
    assert held[0].held_back is not None
    assert "fewer than 5 people used" in held[0].held_back
    assert all(c.held_back is None for c in review.comments if c not in held)
    # The review screen says so where it would say whether the words may be quoted.
    assert quoting_line(held[0]) == held[0].held_back


def test_free_text_in_any_language_still_passes_the_scrubber(kiosk: Kiosk, tmp_path: Path) -> None:
    mixed_room(kiosk)
    send(kiosk, {"went_well": "Ffoniwch fi ar 07700 900123 os gwelwch yn dda"}, "cy")
    review = prepare_review(request(kiosk, tmp_path / "out"))
    texts = [c.text for c in review.comments]
    assert not any("07700 900123" in text for text in texts)
    assert any(text.startswith("Ffoniwch fi ar [") for text in texts)


def test_data_file_names_stay_english_whatever_the_report_language(
    kiosk: Kiosk, tmp_path: Path
) -> None:
    mixed_room(kiosk)
    english, welsh = tmp_path / "en", tmp_path / "cy"
    run_export(request(kiosk, english))
    run_export(request(kiosk, welsh, language="cy"))
    assert (english / "languages.csv").read_bytes().splitlines()[0] == (
        welsh / "languages.csv"
    ).read_bytes().splitlines()[0]

    def keys(value: Any) -> Any:
        if isinstance(value, dict):
            return {k: keys(v) for k, v in value.items() if k != "hidden"}
        if isinstance(value, list):
            return [keys(v) for v in value[:1]]
        return None

    assert keys(read_json(english)) == keys(read_json(welsh))
    assert read_json(welsh)["report_language"] == "cy"
    # The workbook: the same sheet names and column names, the words in the cells Welsh.
    books = [load_workbook(folder / "workbook.xlsx") for folder in (english, welsh)]
    assert books[0].sheetnames == books[1].sheetnames
    summaries = [list(book["Summary"].iter_rows(values_only=True)) for book in books]
    assert summaries[0][0] == summaries[1][0]
    assert ("Your visit", "Responses") in [line[:2] for line in summaries[0]]
    assert ("Eich ymweliad", "Ymatebion") in [line[:2] for line in summaries[1]]
    assert "Cyfanswm a atebodd" in [line[3] for line in summaries[1]]


class _TextNodes(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.nodes: list[str] = []

    def handle_data(self, data: str) -> None:
        if data.strip():
            self.nodes.append(" ".join(data.split()))


def _report_messages() -> list[str]:
    with (LOCALE_DIR / "report.pot").open("rb") as file:
        template = read_po(file)
    found: list[str] = []
    for message in template:
        if message.id:
            found += message.id if isinstance(message.id, tuple) else [message.id]
    return found


def english_left(report: str) -> list[str]:
    """The report's own English messages (``report.pot``) still in the page's text."""
    parser = _TextNodes()
    parser.feed(report)
    text = " ".join(parser.nodes)
    left = []
    for message in _report_messages():
        pieces = [p.strip() for p in re.split(r"\{\w+\}", message)]
        if message in parser.nodes or any(len(p) >= 12 and p in text for p in pieces):
            left.append(message)
    return left


def test_a_welsh_report_has_no_english_report_words_left(kiosk: Kiosk, tmp_path: Path) -> None:
    mixed_room(kiosk)
    out = tmp_path / "cy"
    keep_every_comment(kiosk, out)
    log = tmp_path / "actions.yaml"
    log.write_text(ACTION_LOG, encoding="utf-8")
    run_export(request(kiosk, out, language="cy", outcomes_file=log))
    report = (out / "report.html").read_text(encoding="utf-8")
    assert '<html lang="cy">' in report
    assert english_left(report) == []
    assert "O’r 4 cam: 1 wedi’u cau mewn pryd, 1 ddim yn bosibl a 2 ddim yn ddyledus eto." in report
    assert "<strong>Pam ddim:</strong>" in report
    # The same check finds the English words in an English report of the same answers.
    run_export(request(kiosk, tmp_path / "en"))
    english = (tmp_path / "en" / "report.html").read_text(encoding="utf-8")
    assert '<html lang="en-GB">' in english
    assert len(english_left(english)) > 40
    # The survey's own Welsh words, and the report's, with the merged counts.
    assert "<h1>Beth ddywedoch chi wrthon ni</h1>" in report
    assert "Sut oedd hyd y sesiwn?" in report
    assert '<th scope="row">Rhy hir</th>' in report
    assert "Ieithoedd a ddefnyddiodd pobl" in report
    assert "Wedi’i wneud ar 1 Ebrill 2026." in report
    assert "Sesiynau: Mawrth 2026." in report
    assert (
        '<blockquote lang="cy">Roedd y te yn dda, rhif 1'
        '<footer class="written-in" lang="cy">Iaith: Cymraeg'
    ) in report


def test_a_welsh_report_keeps_the_one_person_language_hidden(kiosk: Kiosk, tmp_path: Path) -> None:
    one_welsh_speaker(kiosk)
    out = tmp_path / "cy"
    keep_every_comment(kiosk, out)
    run_export(request(kiosk, out, language="cy"))
    report = (out / "report.html").read_text(encoding="utf-8")
    languages = report[report.index('id="languages"') : report.index('id="survey-1"')]
    assert (
        '<th scope="row" lang="cy">Cymraeg</th><td class="n hidden-value">&lt;5</td>' in languages
    )
    assert "Diolch am y croeso" not in every_file(out)
    assert "Iaith:" not in report


@pytest.mark.slow
def test_the_welsh_report_renders_in_chromium_without_console_errors(
    kiosk: Kiosk, tmp_path: Path
) -> None:
    mixed_room(kiosk)
    out = tmp_path / "cy"
    keep_every_comment(kiosk, out)
    run_export(request(kiosk, out, language="cy"))
    png = tmp_path / "report-cy.png"
    log = render(out / "report.html", png, tmp_path / "profile")
    assert console_trouble(log) == []
    assert png.read_bytes().startswith(PNG_SIGNATURE)
    if os.environ.get("REPORT_PNG_DIR"):
        shutil.copy(png, Path(os.environ["REPORT_PNG_DIR"]) / png.name)
