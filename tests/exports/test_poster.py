"""The "You said — We did" poster (issue 16): rendered in a real Chromium it says
what each shared action is, in Easy Read lines, and nothing of the actions not
shared; its PDF is one A4 page; every word is escaped; with no Chromium the HTML is
still written and a plain message says why there is no PDF."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from pypdf import PdfReader

from exports.poster import PosterWithoutPdf, lines_of, render_poster, write_poster
from surveys.action_model import Action, ActionLog, ActionStatus
from surveys.action_reader import load_action_text
from tests.support.action_logs import ACTIONS_YAML, NOT_SHOWN, RESULTS_SHARED
from tests.support.tablet import chromium

pytestmark = pytest.mark.slow

A4_POINTS = (595.0, 842.0)
"""A4 in PDF points (210 x 297 mm), to within a point."""


def the_log() -> ActionLog:
    result = load_action_text(ACTIONS_YAML)
    assert result.log is not None
    return result.log


async def page_text(html: Path) -> str:
    """The poster's words as Chromium lays them out (one line per block)."""
    async with chromium() as browser:
        page = await browser.new_page(viewport={"width": 794, "height": 1123})
        await page.goto(html.resolve().as_uri())
        await page.emulate_media(media="print")
        text: str = await page.inner_text("body")
        await page.close()
    return text


async def test_the_poster_says_each_shared_action_in_easy_read_lines(tmp_path: Path) -> None:
    written = write_poster(the_log(), tmp_path / "poster")
    html, pdf = written
    assert html.name == "poster.html"
    assert pdf.name == "poster.pdf"
    lines = [line.strip() for line in (await page_text(html)).splitlines() if line.strip()]
    assert lines[0] == "You said — We did"
    assert "Recovery College" in lines
    # One idea a line: the label alone, then what was said, then what came of it.
    for said, label, done in (
        ("The waiting room felt cold.", "We did", "We put in a heater and softer chairs."),
        (
            "Evening groups would help people who work.",
            "We are doing",
            "We are starting a Tuesday evening group.",
        ),
        (
            "Free parking for visitors.",
            "We could not do this",
            "This is because the car park belongs to the council.",
        ),
    ):
        at = lines.index(said)
        assert lines[at - 1] == "You said"
        assert lines[at + 1] == label
        assert lines[at + 2] == done
    assert "When and where we share results" in lines
    assert RESULTS_SHARED in lines
    body = "\n".join(lines)
    for hidden in NOT_SHOWN:
        assert hidden not in body


async def test_the_pdf_is_one_a4_page(tmp_path: Path) -> None:
    _, pdf = write_poster(the_log(), tmp_path / "poster.pdf")
    reader = PdfReader(pdf)
    assert len(reader.pages) == 1
    box = reader.pages[0].mediabox
    assert abs(float(box.width) - A4_POINTS[0]) < 1.5
    assert abs(float(box.height) - A4_POINTS[1]) < 1.5
    text = reader.pages[0].extract_text()
    assert "Free parking for visitors." in " ".join(text.split())


def test_many_long_actions_still_make_one_page_and_say_how_many_more(tmp_path: Path) -> None:
    said = "People said the waiting area is noisy and bright and it is hard to sit there"
    did = "We added a quiet room with soft lights and comfortable chairs for people to use"
    actions = tuple(
        Action(f"a{i}", f"{said} ({i}).", did, "Lead", dt.date(2026, 1, 1), share=True)
        for i in range(9)
    )
    log = ActionLog(actions=actions, results_shared=RESULTS_SHARED)
    html, pdf = write_poster(log, tmp_path)
    assert len(PdfReader(pdf).pages) == 1
    page = html.read_text(encoding="utf-8")
    shown = page.count('class="action"')
    assert 1 <= shown < 9
    assert f"There are {9 - shown} more things we did or are doing" in page


def test_words_are_escaped_never_markup(tmp_path: Path) -> None:
    log = ActionLog(
        title="<b>Ward</b> & co",
        results_shared="<script>alert(1)</script>",
        actions=(
            Action(
                "a1",
                "<img src=x onerror=alert(1)> was said",
                "We fixed {{ 7*7 }} things",
                "Lead",
                dt.date(2026, 1, 1),
                status=ActionStatus.DONE,
                share=True,
            ),
        ),
    )
    page = render_poster(log)
    assert "<script>" not in page
    assert "<img" not in page
    assert "<b>Ward" not in page
    assert "&lt;script&gt;" in page
    assert "{{ 7*7 }}" in page


def test_a_name_typed_into_the_log_is_masked_on_the_poster() -> None:
    log = ActionLog(
        actions=(
            Action(
                "a1",
                "Sarah Jones said the room was cold",
                "We put in a heater",
                "Lead",
                dt.date(2026, 1, 1),
                share=True,
            ),
        ),
    )
    page = render_poster(log)
    assert "Sarah" not in page
    assert "Jones" not in page
    assert "[name] said the room was cold." in page


def test_with_no_chromium_the_html_is_written_and_the_message_is_plain(tmp_path: Path) -> None:
    with pytest.raises(PosterWithoutPdf) as raised:
        write_poster(the_log(), tmp_path / "out", chromium=None)
    html = tmp_path / "out" / "poster.html"
    assert raised.value.html == html
    assert html.is_file()
    assert not (tmp_path / "out" / "poster.pdf").exists()
    assert "No PDF was made" in raised.value.message
    assert str(html) in raised.value.message
    assert "You said" in html.read_text(encoding="utf-8")


def test_a_chromium_that_fails_leaves_the_html_and_says_so(tmp_path: Path) -> None:
    with pytest.raises(PosterWithoutPdf) as raised:
        write_poster(the_log(), tmp_path / "p.html", chromium=Path("/bin/false"))
    assert (tmp_path / "p.html").is_file()
    assert not (tmp_path / "p.pdf").exists()
    assert "Chromium could not make one" in raised.value.message


def test_a_log_with_nothing_shared_makes_a_kind_poster_without_actions() -> None:
    page = render_poster(ActionLog())
    assert "We are still working on what you told us." in page
    assert 'class="action"' not in page


def test_one_sentence_a_line() -> None:
    assert lines_of("We moved it. It is warmer now!  Come and see.") == (
        "We moved it.",
        "It is warmer now!",
        "Come and see.",
    )
