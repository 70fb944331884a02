"""The paper form's words and layout (issue 17): the Easy Read wording for English
when a survey has it, each language's own words with ``lang``/``dir``, the paper
consent (never the kiosk's "press Send"), symbols and faces beside options, the
"only if" note for a question that is for some people only, and every survey word
escaped."""

from __future__ import annotations

import re
from dataclasses import replace
from pathlib import Path
from types import SimpleNamespace

import pytest

from exports.paper_form import PaperWithoutPdf, render_paper_form, write_paper_form
from exports.paper_layout import EASY_READ, Keying, lay_out
from surveys.catalogues import words
from surveys.consent import PAPER_VERSION, consent_languages, known_versions, template_text
from surveys.loader import load_survey
from surveys.model import Survey, Translation
from tests.support.survey_yaml import build_survey

SUPPORT = Path(__file__).resolve().parents[1] / "support" / "surveys"


def _all_kinds() -> Survey:
    survey = load_survey(SUPPORT / "all_kinds.yaml").survey
    assert survey is not None
    return survey


def _text(page: str) -> str:
    """The page's words without tags (enough to read what it says)."""
    body = page.split("<body>", 1)[1]
    return " ".join(re.sub(r"<[^>]+>", " ", body).split())


def test_english_uses_the_survey_s_easy_read_words_when_it_has_them() -> None:
    survey = _all_kinds()
    easy = Translation(
        EASY_READ,
        {
            "question.course.text": "Which course did you go to? Tick one.",
            "question.course.option.Sleep well": "Sleep",
        },
    )
    with_easy = replace(survey, translations=(easy,))
    page = render_paper_form(with_easy, "en")
    assert 'lang="en"' in page
    assert "Which course did you go to? Tick one." in page
    assert "Which course did you go to?</p>" not in page
    # Without an Easy Read variant the survey's own words are printed.
    assert "Which course did you go to?</p>" in render_paper_form(survey, "en")
    form = lay_out(with_easy, "en", words("en"))
    assert form.language == EASY_READ


def test_urdu_is_right_to_left_in_urdu_words() -> None:
    survey = replace(_all_kinds(), translations=(Translation("ur", {"title": "کورس"}),))
    page = render_paper_form(survey, "ur")
    assert '<html lang="ur" dir="rtl">' in page
    assert "یہ فارم کیسے بھریں" in page  # "How to fill in this form"
    assert "اس فارم پر اپنا نام نہ لکھیں۔" in page  # the paper consent, in Urdu
    assert "How to fill in this form" not in page


def test_the_consent_printed_is_true_of_paper() -> None:
    page = _text(render_paper_form(_all_kinds(), "en"))
    assert page.startswith(
        "Tell us about the course The Recovery College team "
        "A few questions about the course. Skip any you like. How to fill in this form"
    )
    assert "press Send" not in page
    assert "cannot read them" not in page
    assert (
        "Someone from our team will read your form. They will type your ticks into a computer."
        in page
    )
    assert "Once the form is in the box, we cannot give it back." in page
    assert "Do not write your name on this form." in page
    # The consent boxes: A is the agreement, then the survey's own ticks.
    assert re.search(r"A Yes, I agree to take part B You can quote my words in the report", page)


def test_every_question_has_a_number_and_every_choice_a_lettered_box() -> None:
    survey = _all_kinds()
    form = lay_out(survey, "en", words("en"))
    numbered = [(q.number, q.question.id, q.keying) for q in form.asking]
    assert numbered == [
        (1, "course", Keying.ONE),
        (2, "liked", Keying.ANY),
        (3, "agree", Keying.ONE),
        (4, "score", Keying.ONE),
        (5, "again", Keying.ONE),
        (6, "word", Keying.WRITE),
        (7, "story", Keying.WRITE),
        (8, "order", Keying.ORDER),
    ]
    keys = {q.number: [m.key for m in q.marks] for q in form.asking}
    assert keys[1] == ["A", "B", "C"]
    assert keys[3] == ["1", "2", "3", "4", "5"]
    assert keys[4] == [str(n) for n in range(11)]
    assert keys[5] == ["A", "B"]
    page = render_paper_form(survey, "en")
    boxes = page.count('class="box"')
    assert boxes == 2 + sum(len(k) for k in keys.values())  # + the two consent boxes
    # The scale asks for faces: each point has its face beside it.
    assert [m.symbol for m in form.asking[2].marks] == ["😞", "🙁", "😐", "🙂", "😀"]


def test_an_option_s_symbol_is_printed_beside_it() -> None:
    survey = build_survey(
        """
        - id: fruit
          kind: single
          text: Which fruit?
          options: [Apple, Pear]
        """
    )
    question = survey.questions[0]
    apple = SimpleNamespace(label="Apple", value="Apple", symbol="🍎")
    pear = SimpleNamespace(label="Pear", value="Pear", symbol=None)
    with_symbols = replace(survey, questions=(replace(question, options=(apple, pear)),))
    page = render_paper_form(with_symbols, "en")
    assert '<span class="symbol" aria-hidden="true">🍎</span><span class="label">Apple' in page
    assert page.count('class="symbol"') == 1


def test_a_question_for_some_people_says_which_earlier_tick_it_follows() -> None:
    survey = build_survey(
        """
        - id: again
          kind: yesno
          text: Would you come again?
        - id: why_not
          kind: text
          text: Why not?
          show_if:
            question: again
            equals: false
        """
    )
    assert "Answer this only if you ticked B in question 1." in render_paper_form(survey, "en")
    welsh = render_paper_form(replace(survey, translations=(Translation("cy", {}),)), "cy")
    assert "Atebwch hwn dim ond os gwnaethoch chi dicio B yng nghwestiwn 1." in welsh


def test_survey_words_are_escaped_never_markup() -> None:
    survey = build_survey(
        """
        - id: q
          kind: single
          text: "<script>alert(1)</script> {{ 7*7 }}"
          options: ["<b>bold</b>", "Fine"]
        """,
        title="<img src=x onerror=alert(1)>",
    )
    page = render_paper_form(survey, "en")
    assert "<script>" not in page
    assert "<b>bold</b>" not in page
    assert "<img src=x" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt; {{ 7*7 }}" in page


def test_with_no_chromium_the_html_is_still_written_and_says_why(tmp_path: Path) -> None:
    with pytest.raises(PaperWithoutPdf) as raised:
        write_paper_form(_all_kinds(), "en", tmp_path / "out", chromium=None)
    assert raised.value.html == tmp_path / "out" / "paper-form.html"
    assert raised.value.html.is_file()
    assert "no Chromium" in raised.value.message


def test_the_paper_consent_is_shipped_in_every_language_with_the_same_lines() -> None:
    english = template_text(PAPER_VERSION).splitlines()
    assert set(consent_languages(PAPER_VERSION)) >= {"en", "cy", "pl", "ur"}
    for language in consent_languages(PAPER_VERSION)[1:]:
        lines = template_text(PAPER_VERSION, language).splitlines()
        assert len(lines) == len(english), language
        for theirs, ours in zip(lines, english, strict=True):
            assert sorted(re.findall(r"\{\w+\}", theirs)) == sorted(re.findall(r"\{\w+\}", ours))


def test_a_survey_file_cannot_name_the_paper_consent_for_the_kiosk() -> None:
    assert PAPER_VERSION not in known_versions()
    survey_text = (SUPPORT / "all_kinds.yaml").read_text(encoding="utf-8")
    from surveys.loader import load_survey_text

    result = load_survey_text(survey_text.replace("text: standard-v1", f"text: {PAPER_VERSION}"))
    assert result.survey is None
    assert any("paper-v1" in problem.describe() for problem in result.problems)


def test_the_paper_words_keep_the_easy_read_rules() -> None:
    from accessibility.easy_read import check_easy_text
    from surveys.consent import consent_text, on_paper

    survey = _all_kinds()
    consent = consent_text(on_paper(survey.consent))
    page = render_paper_form(survey, "en")
    own = re.findall(r"<(?:h2|p)>([^<{]+)</(?:h2|p)>", page)
    assert "Use a pen. Put a tick in a box, like this: ✓" in own
    advice = [
        (words, message)
        for text in (*consent.splitlines(), *own)
        for _, words, message in check_easy_text(text)
    ]
    assert advice == []


@pytest.mark.slow
@pytest.mark.parametrize("language", ["en", "ur"])
async def test_the_form_passes_axe_in_chromium(tmp_path: Path, language: str) -> None:
    import json
    from importlib import resources

    from tests.support.tablet import chromium

    axe = resources.files("axe_playwright_python").joinpath("axe.min.js").read_text("utf-8")
    survey = replace(_all_kinds(), translations=(Translation("ur", {"title": "کورس"}),))
    html = tmp_path / "paper-form.html"
    html.write_text(render_paper_form(survey, language), encoding="utf-8")
    async with chromium() as browser:
        page = await browser.new_page(viewport={"width": 794, "height": 1123})
        await page.goto(html.resolve().as_uri())
        await page.evaluate(axe)
        found = await page.evaluate(
            "axe.run(document, {resultTypes: ['violations']})"
            ".then(r => JSON.stringify(r.violations.map(v => v.id + ': ' + v.help)))"
        )
        await page.close()
    assert json.loads(found) == []
