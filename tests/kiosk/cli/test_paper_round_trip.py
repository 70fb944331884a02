"""The paper channel round trip (issue 17): ``kiosk paper`` writes a Welsh form; in a
real Chromium it reads in Welsh with ``lang="cy"`` and a tick box by every choice;
the ticks a person made (read off the page by their words) are keyed in through
Pilot with the letters printed beside them; the sealed store then holds exactly
those answers, channel "paper", no receipt, the paper consent; ``kiosk export``
counts the paper forms in its tables and ``kiosk impact`` counts a paper channel;
the PDF is A4."""

from __future__ import annotations

import csv
import json
from pathlib import Path
from typing import Any

import pytest
from pypdf import PdfReader

from kiosk.cli import main
from kiosk.commands.paper import make_entry_app
from kiosk.paper_entry import PaperEntryScreen
from kiosk.services import build_services
from surveys import paths
from surveys.consent import PAPER_VERSION, consent_text, on_paper, text_hash
from surveys.loader import load_survey
from surveys.model import Survey
from surveys.session import CompletedResponse
from surveys.survey_translations import in_language
from tests.support.exports import Kiosk
from tests.support.tablet import chromium

pytestmark = pytest.mark.slow

A4_POINTS = (595.0, 842.0)

SURVEY = """\
id: paper-trip
title: The course
version: "1"
intro: A few questions about the course.
consent:
  text: standard-v1
  organisation: the Recovery College
  coordinator: the course coordinator
  contact: the college office
  help: the person running the session
  ticks:
    - id: quotes
      text: You can quote my words in the report
questions:
  - id: course
    kind: single
    text: Which course did you go to?
    options:
      - label: Sleep well
        value: sleep
      - label: Living with voices
        value: voices
      - label: Understanding anxiety
        value: anxiety
  - id: liked
    kind: multi
    text: What did you like?
    options:
      - label: The trainer
        value: trainer
      - label: The other students
        value: students
      - label: The room
        value: room
  - id: agree
    kind: scale
    text: The course was planned with people like me.
    faces: true
  - id: again
    kind: yesno
    text: Would you come again?
  - id: why_not
    kind: text
    text: Why not?
    show_if:
      question: again
      equals: false
  - id: word
    kind: text
    text: One word for the course?
  - id: order
    kind: ranking
    text: Put these in order, most important first.
    options:
      - label: Kind staff
        value: staff
      - label: Clear handouts
        value: handouts
      - label: A quiet room
        value: quiet
translations:
  cy:
    title: Y cwrs
    intro: Ychydig o gwestiynau am y cwrs.
    consent.organisation: y Coleg Adfer
    consent.coordinator: cydlynydd y cwrs
    consent.help: y person sy'n cynnal y sesiwn
    consent.tick.quotes: Cewch chi ddyfynnu fy ngeiriau yn yr adroddiad
    question.course.text: Pa gwrs aethoch chi iddo?
    question.course.option.sleep: Cysgu'n dda
    question.course.option.voices: Byw gyda lleisiau
    question.course.option.anxiety: Deall gorbryder
    question.liked.text: Beth oeddech chi'n ei hoffi?
    question.liked.option.trainer: Yr hyfforddwr
    question.liked.option.students: Y myfyrwyr eraill
    question.liked.option.room: Yr ystafell
    question.agree.text: Cafodd y cwrs ei gynllunio gyda phobl fel fi.
    question.again.text: Fyddech chi'n dod eto?
    question.why_not.text: Pam ddim?
    question.word.text: Un gair am y cwrs?
    question.order.text: Rhowch y rhain mewn trefn, y pwysicaf yn gyntaf.
    question.order.option.staff: Staff caredig
    question.order.option.handouts: Taflenni clir
    question.order.option.quiet: Ystafell dawel
"""

TICKED = {
    # What one person ticked and wrote on the Welsh form, by the words they saw.
    "consent": [
        "Ydw, rwy'n cytuno i gymryd rhan",
        "Cewch chi ddyfynnu fy ngeiriau yn yr adroddiad",
    ],
    1: ["Byw gyda lleisiau"],
    2: ["Yr hyfforddwr", "Yr ystafell"],
    3: ["Cytuno"],
    4: ["Ie"],
    5: "Rhy bell",  # written, but "Why not?" is only for people who ticked No
    6: "Caredig",
    7: ["Ystafell dawel", "Staff caredig", "Taflenni clir"],  # numbered 1, 2, 3
}
EXPECTED = {
    "course": "voices",
    "liked": ["trainer", "room"],
    "agree": 4,
    "again": True,
    "word": "Caredig",
    "order": ["quiet", "staff", "handouts"],
}
FORMS = 5
"""Paper forms keyed in: enough for the impact report to show the paper count."""


def _survey(tmp_path: Path) -> tuple[Path, Survey]:
    path = tmp_path / "paper-trip.yaml"
    path.write_text(SURVEY, encoding="utf-8")
    survey = load_survey(path).survey
    assert survey is not None
    return path, survey


async def _read_the_form(html: Path) -> tuple[str, str, dict[str, list[str]], str]:
    """The page's lang and dir, each block's tick-box keys by label, and its text."""
    async with chromium() as browser:
        page = await browser.new_page(viewport={"width": 794, "height": 1123})
        await page.goto(html.resolve().as_uri())
        await page.emulate_media(media="print")
        lang = await page.get_attribute("html", "lang") or ""
        direction = await page.get_attribute("html", "dir") or ""
        keys: dict[str, list[str]] = await page.evaluate(
            """() => {
                const out = {};
                document.querySelectorAll("section.block").forEach((block) => {
                    const consent = block.classList.contains("consent");
                    const name = block.dataset.number || (consent ? "consent" : "");
                    if (!name) return;
                    out[name] = [...block.querySelectorAll(".mark")].map((mark) => {
                        if (!mark.querySelector(".box")) return "NO BOX";
                        const label = mark.querySelector(".label");
                        const key = mark.querySelector(".key").innerText;
                        return key + "=" + (label ? label.innerText : "");
                    });
                });
                return out;
            }"""
        )
        text: str = await page.inner_text("body")
        await page.close()
    return lang, direction, keys, text


def _keys_for(marks: list[str], labels: list[str]) -> str:
    """The letters a facilitator keys in for these ticked labels, in the given order."""
    by_label = {mark.split("=", 1)[1]: mark.split("=", 1)[0] for mark in marks}
    return "".join(by_label[label] for label in labels)


async def _type(pilot: object, text: str) -> None:
    for char in text:
        await pilot.press("space" if char == " " else char)  # type: ignore[attr-defined]
    await pilot.press("enter")  # type: ignore[attr-defined]


async def test_a_welsh_paper_form_keyed_in_is_stored_as_ticked_and_exported(
    kiosk: Kiosk, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path, survey = _survey(tmp_path)
    out = tmp_path / "form"
    assert main(["paper", str(path), "--lang", "cy", "--out", str(out)]) == 0
    printed = capsys.readouterr().out
    assert "paper-form.pdf" in printed

    # The printed form, as Chromium lays it out.
    lang, direction, marks, text = await _read_the_form(out / "paper-form.html")
    assert (lang, direction) == ("cy", "ltr")
    assert "Cwestiwn 1" in text
    assert "Pa gwrs aethoch chi iddo?" in text
    assert "Cyn i chi ddechrau" in text
    assert "Bydd rhywun o'n tîm yn darllen eich ffurflen" in text  # the paper consent
    assert "Anfon" not in text  # no kiosk "press Send" on paper
    assert "Which course" not in text  # the survey's words in Welsh too
    assert "NO BOX" not in json.dumps(marks)
    assert [m.split("=")[0] for m in marks["1"]] == ["A", "B", "C"]
    assert [m.split("=")[0] for m in marks["3"]] == ["1", "2", "3", "4", "5"]
    assert marks["consent"][0] == "A=Ydw, rwy'n cytuno i gymryd rhan"
    typed = {
        "consent": _keys_for(marks["consent"], TICKED["consent"]),  # type: ignore[arg-type]
        **{
            str(n): _keys_for(marks[str(n)], ticks) if isinstance(ticks, list) else ticks
            for n, ticks in TICKED.items()
            if n != "consent"
        },
    }
    assert typed["1"] == "B"
    assert typed["7"] == "CAB"
    assert typed["3"] == "4"

    # Keyed in through the facilitator's screen, form after form.
    services = build_services(kiosk.home)
    app = make_entry_app(survey, "cy", services, path.read_bytes())
    async with app.run_test(size=(100, 40)) as pilot:
        for form in range(FORMS):
            if form:
                await _type(pilot, "")  # "Stored": Enter for the next form
            await _type(pilot, typed["consent"])
            for number in range(1, 8):
                await _type(pilot, typed[str(number)])
            screen = app.screen
            assert isinstance(screen, PaperEntryScreen)
            await _type(pilot, "")  # the check page: Enter stores
        assert app.screen.stored == FORMS  # type: ignore[attr-defined]
        await pilot.press("ctrl+q")
    assert app.return_code == 0

    # The sealed store holds exactly the ticks, as paper, with no receipt.
    stored = [r for r in kiosk.store.responses() if r.channel == "paper"]
    assert len(stored) == FORMS
    welsh = in_language(survey, "cy")
    paper_words = consent_text(on_paper(welsh.consent), "cy")
    for record in stored:
        assert record.receipt_hash is None
        payload = kiosk.opener.open(record.sealed)
        assert payload["answers"] == EXPECTED
        assert payload["consent"] == {
            "version": PAPER_VERSION,
            "sha256": text_hash(paper_words),
            "ticks": {"quotes": True},
        }
        if hasattr(CompletedResponse, "with_language"):  # the sealed language, where built
            assert payload["language"] == "cy"

    # Nothing typed reached the audit log: only the kiosk's own "send" lines.
    audit = paths.audit_path(kiosk.home).read_text(encoding="utf-8")
    sends = [json.loads(line) for line in audit.splitlines() if '"send"' in line]
    assert len(sends) == FORMS
    assert all(s["channel"] == "paper" for s in sends)
    for words in ("Caredig", "Rhy bell", "voices", "quotes"):
        assert words not in audit

    # With five kiosk answers beside them, the export counts all ten together.
    session = kiosk.session(services.session.date)
    for _ in range(5):
        kiosk.send(survey, session, {"course": "voices", "again": True})
    export = tmp_path / "export"
    assert main(["export", "--out", str(export), "--survey", str(path)]) == 0
    assert "Exported 10 responses" in capsys.readouterr().out
    data = json.loads((export / "data.json").read_text(encoding="utf-8"))
    assert _count(data, "course", "Living with voices") == 10
    assert _count(data, "again", "Yes") == 10

    impact = tmp_path / "impact"
    year = services.session.date[:4]
    assert main(["impact", "--from", f"{year}-01", "--to", f"{year}-12", "--out", str(impact)]) == 0
    assert _channel_count(impact, "paper") == FORMS


def _count(data: dict[str, Any], question: str, answer: str) -> int:
    """The export's count for one answer (its words) to one question."""
    (survey,) = data["surveys"]
    (found,) = [q for q in survey["questions"] if q["id"] == question]
    (row,) = [a for a in found["answers"] if a["answer"] == answer]
    count: int = row["count"]
    return count


def _channel_count(folder: Path, channel: str) -> int:
    """The impact report's count of answers given one way, in the whole period."""
    rows = list(csv.reader((folder / "ways_of_taking_part.csv").open(encoding="utf-8-sig")))
    (row,) = [r for r in rows if r[0].lower() == channel]
    return sum(int(cell) for cell in row[1:] if cell.isdigit())


def test_the_pdf_is_a4(tmp_path: Path) -> None:
    path, _ = _survey(tmp_path)
    assert main(["paper", str(path), "--out", str(tmp_path / "form")]) == 0
    reader = PdfReader(tmp_path / "form" / "paper-form.pdf")
    assert len(reader.pages) >= 2
    for page in reader.pages:
        box = page.mediabox
        assert abs(float(box.width) - A4_POINTS[0]) < 1.5
        assert abs(float(box.height) - A4_POINTS[1]) < 1.5
    text = " ".join(" ".join(page.extract_text().split()) for page in reader.pages)
    assert "Which course did you go to?" in text
    assert "Someone from our team will read your form" in text
