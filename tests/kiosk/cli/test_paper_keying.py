"""Keying in paper forms (issue 17): a form without its consent tick is not stored
and the screen says so plainly; keys that don't fit the printed form get a plain
line saying what to type; Escape and the check page let the facilitator put a slip
right before storing; an answer to a question that was not for this person is
left out, as on the kiosk; ``kiosk paper`` refuses a language the survey lacks."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.widgets import Static

from exports.paper_layout import lay_out
from kiosk.cli import main
from kiosk.commands.paper import make_entry_app
from kiosk.paper_entry import NOT_AGREED, PaperEntryApp, PaperEntryScreen
from kiosk.paper_keying import KeyedForm, KeyingProblem, read_answer
from kiosk.services import build_services
from surveys.catalogues import words
from surveys.model import Survey
from tests.support.exports import Kiosk
from tests.support.survey_yaml import build_survey, survey_yaml

QUESTIONS = """
- id: again
  kind: yesno
  text: Would you come again?
- id: why_not
  kind: text
  text: Why not?
  show_if:
    question: again
    equals: false
- id: order
  kind: ranking
  text: Put these in order.
  options: [Staff, Handouts, Room]
"""


def _survey() -> Survey:
    return build_survey(QUESTIONS)


def _shown(app: PaperEntryApp, widget: str) -> str:
    return str(app.screen.query_one(widget, Static).render())


async def _type(pilot: object, text: str) -> None:
    for char in text:
        await pilot.press("space" if char == " " else char)  # type: ignore[attr-defined]
    await pilot.press("enter")  # type: ignore[attr-defined]


async def test_a_form_without_its_consent_tick_is_not_stored(kiosk: Kiosk) -> None:
    app = make_entry_app(_survey(), "en", build_services(kiosk.home))
    async with app.run_test(size=(100, 40)) as pilot:
        await _type(pilot, "")  # no consent box ticked
        assert _shown(app, "#where") == "Not stored"
        assert NOT_AGREED in _shown(app, "#words")
        await _type(pilot, "")  # Enter: the next form starts at its consent boxes
        assert "the consent boxes" in _shown(app, "#where")
        await pilot.press("ctrl+q")
    assert list(kiosk.store.responses()) == []


async def test_keys_that_do_not_fit_the_form_get_a_plain_line(kiosk: Kiosk) -> None:
    app = make_entry_app(_survey(), "en", build_services(kiosk.home))
    async with app.run_test(size=(100, 40)) as pilot:
        await _type(pilot, "Q")
        assert _shown(app, "#message") == (
            "There is no consent box Q. The boxes are A. Type the letters of the ticked ones."
        )
        await pilot.press("backspace")
        await _type(pilot, "A")
        await _type(pilot, "AB")  # Yes and No both ticked
        assert _shown(app, "#message") == (
            "Question 1 takes one tick. If more than one box is ticked, leave it empty: we "
            "cannot tell which the person meant."
        )
        assert "question 1 of 3" in _shown(app, "#where")
        await pilot.press("ctrl+q")
    assert list(kiosk.store.responses()) == []


async def test_escape_and_the_check_page_put_a_slip_right_before_storing(kiosk: Kiosk) -> None:
    services = build_services(kiosk.home)
    app = make_entry_app(_survey(), "en", services)
    async with app.run_test(size=(100, 40)) as pilot:
        await _type(pilot, "A")
        await _type(pilot, "A")  # 1: Yes
        await _type(pilot, "Too far")  # 2: written, but only for people who ticked No
        await pilot.press("escape")  # back to question 2, what was typed still there
        screen = app.screen
        assert isinstance(screen, PaperEntryScreen)
        assert "question 2 of 3" in _shown(app, "#where")
        assert screen.query_one("#keys").value == "Too far"  # type: ignore[attr-defined]
        await pilot.press("enter")
        await _type(pilot, "CAB")  # 3: Room, Staff, Handouts
        assert "check before storing" in _shown(app, "#where")
        check = _shown(app, "#words")
        assert "answered, but left out: this question was not for this person" in check
        assert "C Room; A Staff; B Handouts" in check
        await _type(pilot, "1")  # change question 1
        assert "question 1 of 3" in _shown(app, "#where")
        await _type(pilot, "B")  # 1: No after all (the keys replace the old ones)
        assert "check before storing" in _shown(app, "#where")
        check = _shown(app, "#words")
        assert "1. Would you come again?\n    B No" in check
        assert "2. Why not?\n    Too far" in check
        await _type(pilot, "")  # store
        assert "Form 1 is stored" in _shown(app, "#words")
        await pilot.press("ctrl+q")
    (record,) = kiosk.store.responses()
    payload = kiosk.opener.open(record.sealed)
    assert payload["answers"] == {
        "again": False,
        "why_not": "Too far",
        "order": ["Room", "Staff", "Handouts"],
    }
    assert record.channel == "paper"


def test_an_order_not_fully_numbered_is_left_blank_not_guessed() -> None:
    form = lay_out(_survey(), "en", words("en"))
    order = form.asking[2]
    with pytest.raises(KeyingProblem) as raised:
        read_answer(order, "CA")
    assert raised.value.message == (
        "Question 3 needs every letter once, in the order the person numbered them (like "
        "ABC). If they did not number every box, leave it empty."
    )
    assert read_answer(order, "") is None
    assert read_answer(order, "c, a, b") == ("Room", "Staff", "Handouts")


def test_an_answer_not_for_this_person_is_left_out() -> None:
    keyed = KeyedForm(lay_out(_survey(), "en", words("en")), "A", {1: "A", 2: "Too far"})
    answers, left_out = keyed.kept_answers()
    assert answers == {"again": True}
    assert left_out == [2]
    assert keyed.completed().answers == {"again": True}


def test_a_language_the_survey_lacks_is_refused_plainly(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "survey.yaml"
    path.write_text(survey_yaml(QUESTIONS), encoding="utf-8")
    assert main(["paper", str(path), "--lang", "cy", "--out", str(tmp_path / "out")]) == 1
    assert capsys.readouterr().out.strip() == (
        "This survey has no words in 'cy' yet, so no form can be made in it. It can be put "
        "on paper in: English (en)."
    )
    assert not (tmp_path / "out").exists()


def test_a_list_longer_than_the_letters_is_numbered_and_keyed_by_number() -> None:
    options = ", ".join(f"Place {n}" for n in range(1, 31))
    survey = build_survey(
        f"""
        - id: where
          kind: multi
          text: Where do you live?
          options: [{options}]
        """
    )
    (item,) = lay_out(survey, "en", words("en")).asking
    assert [m.key for m in item.marks] == [str(n) for n in range(1, 31)]
    assert read_answer(item, "3, 27") == ("Place 3", "Place 27")


async def test_survey_words_on_the_keying_screen_are_never_markup(kiosk: Kiosk) -> None:
    survey = build_survey(
        """
        - id: q
          kind: single
          text: "[red]Which[/red] one? \\x1b[2J"
          options: ["[b]Bold[/b]", "Plain"]
        """
    )
    app = make_entry_app(survey, "en", build_services(kiosk.home))
    async with app.run_test(size=(100, 40)) as pilot:
        await _type(pilot, "A")
        shown = _shown(app, "#words")
        assert "[red]Which[/red] one?" in shown
        assert "A  [ ]  [b]Bold[/b]" in shown
        assert "\x1b" not in shown
        await pilot.press("ctrl+q")
