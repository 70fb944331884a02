"""The report tells the truth (issue 12, findings 9 and 10): the demo-key banner,
coarser bands before hiding, honest bars, titled tables, a plain hidden list."""

from __future__ import annotations

import re
from pathlib import Path

from exports.charts import bar_chart
from exports.pipeline import run_export
from exports.tables import Row, survey_tables
from surveys.disclosure import Reason, Released
from surveys.thresholds import SMALL_GROUP
from tests.support.exports import Kiosk, template

DEBRIEF = template("session-debrief")


def _debriefs(kiosk: Kiosk, count: int = 20) -> None:
    session = kiosk.session()
    for n in range(count):
        # overall: 2 people gave 1, 3 gave 5, the rest 8 to 10 — most 0–10 points are small.
        overall = 1 if n < 2 else 5 if n < 5 else 8 + n % 3
        kiosk.send(DEBRIEF, session, {"overall": overall, "felt_safe": 4 + n % 2})


def test_a_report_made_with_the_demo_key_says_so(kiosk: Kiosk, tmp_path: Path) -> None:
    _debriefs(kiosk)
    out = tmp_path / "out"
    run_export(kiosk.request(out, DEBRIEF))
    report = (out / "report.html").read_text(encoding="utf-8")
    assert "Made with the demo key — not for real answers" in report


def test_a_rating_with_small_points_is_shown_in_bands() -> None:
    answers = [{"overall": 1}] * 2 + [{"overall": 5}] * 3 + [{"overall": 9}] * 15
    tables = survey_tables(DEBRIEF, answers, SMALL_GROUP)
    overall = next(t for t in tables.tables if t.question_id == "overall")
    shown = {row.label: row.count.shown for row in overall.rows}
    assert shown == {"7 to 10": "15", "4 to 6": "<5", "0 to 3": "<5"} or shown == {
        "0 to 3": "<5",
        "4 to 6": "<5",
        "7 to 10": "15",
    }
    assert overall.total.shown == "20"
    assert overall.note is None
    assert overall.recoded


def test_a_lone_visible_bar_is_drawn_against_the_total() -> None:
    hidden = Released(None, "hidden", Reason.SECONDARY)
    rows = [
        Row("0 to 3", hidden),
        Row("4 to 6", Released(11, "11"), "11%"),
        Row("7 to 10", hidden),
    ]
    svg = bar_chart(rows, "How was it?", "c1", total=Released(100, "100"))
    widths = [int(w) for w in re.findall(r'<rect x="250" y="\d+" width="(\d+)"', svg)]
    plot = 640 - 250 - 90
    assert max(widths) <= plot * 0.12  # 11 of 100, not the whole width
    assert bar_chart(rows, "How was it?", "c2", total=hidden) == ""


def test_every_table_is_titled_with_its_question(kiosk: Kiosk, tmp_path: Path) -> None:
    _debriefs(kiosk)
    out = tmp_path / "out"
    run_export(kiosk.request(out, DEBRIEF))
    report = (out / "report.html").read_text(encoding="utf-8")
    captions = re.findall(r"<table>\s*<caption>(.*?)</caption>", report, re.S)
    assert len(captions) == report.count("<table>")
    texts = {q.text.replace("'", "&#39;") for q in DEBRIEF.questions}
    # The one table that is not about a question is titled with its survey.
    texts.add(f"Languages people used: {DEBRIEF.title}".replace("'", "&#39;"))
    for caption in captions:
        assert any(text in caption for text in texts), caption


def test_the_hidden_list_is_grouped_and_plain(kiosk: Kiosk, tmp_path: Path) -> None:
    _debriefs(kiosk)
    out = tmp_path / "out"
    run_export(kiosk.request(out, DEBRIEF, research_extract=True))
    report = (out / "report.html").read_text(encoding="utf-8")
    hidden = report[report.index('id="hidden"') : report.index('id="about"')]
    assert " rows" not in hidden
    assert "(hidden)" not in hidden
    items = re.findall(r"<li>(.*?)</li>", hidden, re.S)
    whys = [re.sub(r"<strong>.*?</strong>:\s*", "", item) for item in items]
    sections = hidden.split("<h3>")[1:]
    for section in sections:  # one line per reason in each place
        lines = re.findall(r"<li>.*?</strong>:\s*(.*?)</li>", section, re.S)
        assert len(lines) == len(set(lines)), section
    assert whys
