"""The participant's screens in Welsh: no English kiosk message left on screen.

A person who chose Welsh goes through the whole visit — the preferences, the
consent, a question of each kind (with the kind notes when nothing is chosen yet),
the support box after a hard section, the review, help, a break, stop, "Are you
still there?", something going wrong, the thank-you screen and the receipt's QR
code — and at every step no text on screen is one of the kiosk's own English
messages (every msgid in ``surveys/locale/kiosk.pot``). Counted words follow
Polish plural rules for 1, 2 and 5.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from babel.messages.pofile import read_po
from textual.app import App
from textual.widget import Widget

from kiosk.app import make_app
from kiosk.messages import language_changed
from kiosk.screens.idle_modal import IdleModal
from kiosk.screens.problem_modal import ProblemModal
from kiosk.services import build_services
from kiosk.speaking import RecordingSpeaker
from kiosk.widgets.qr_code import QrHandoffPanel
from kiosk.widgets.toolbar import TOOL_KEYS, WIDE_FROM, Tool, Toolbar, tool_label
from surveys.catalogues import LOCALE_DIR, active_language, use_language
from surveys.operator_pin import OperatorPin, pin_path
from surveys.survey_translations import in_language
from tests.support.kiosk import (
    SIZE,
    Kiosk,
    kiosk_maker,
    press,
    read_consent,
    settle,
    survey,
    tap,
)
from tests.support.pin import fast_hasher

KioskMaker = Callable[..., Kiosk]
_FIELD = re.compile(r"\{[^{}]*\}")


def _normal(text: str) -> str:
    return " ".join(text.split())


def _patterns() -> list[tuple[str, re.Pattern[str]]]:
    """A pattern for each English message that could be told apart on screen: a
    message of one or two words must be a whole text; a longer one (or one with
    values filled in) may sit inside a text."""
    with (LOCALE_DIR / "kiosk.pot").open("rb") as file:
        catalog = read_po(file)
    found: list[tuple[str, re.Pattern[str]]] = []
    for message in catalog:
        if not message.id:
            continue
        ids = message.id if isinstance(message.id, tuple) else (message.id,)
        for text in ids:
            literal = _normal(_FIELD.sub(" ", text))
            words = re.findall(r"[A-Za-z']+", literal)
            if not words:
                continue  # only arrows and values
            pieces = [re.escape(_normal(piece)) for piece in _FIELD.split(text)]
            body = r"\s*.+?\s*".join(pieces)
            whole = len(words) < 3 and not _FIELD.search(text)
            found.append((text, re.compile(rf"^{body}$" if whole else body)))
    return found


PATTERNS = _patterns()


def _shown(widget: Widget) -> bool:
    node: Any = widget
    while isinstance(node, Widget):
        if not node.display or not node.visible:
            return False
        node = node.parent
    return True


def _texts(app: App[object]) -> list[str]:
    """Every text a person can see on the screen (or box) on top now."""
    texts: list[str] = []
    for widget in app.screen.query("*"):
        if not _shown(widget):
            continue
        for name in ("label", "words", "text"):
            value = getattr(type(widget), name, None)
            if isinstance(value, property) or name == "words":
                own = getattr(widget, name, None)
                if own is not None and hasattr(own, "plain"):
                    own = own.plain
                if isinstance(own, str) and own:
                    texts.append(own)
        visual = widget.render()
        plain = getattr(visual, "plain", None)
        texts.append(plain if isinstance(plain, str) else str(visual))
        placeholder = getattr(widget, "placeholder", None)
        if isinstance(placeholder, str) and placeholder:
            texts.append(placeholder)
    return [_normal(text) for text in texts if text.strip()]


def english_left(app: App[object]) -> list[tuple[str, str]]:
    """(English message, the text it was found in) for everything still in English."""
    left: list[tuple[str, str]] = []
    for text in _texts(app):
        for message, pattern in PATTERNS:
            if pattern.search(text):
                left.append((message, text))
    return left


@pytest.fixture
def welsh() -> Iterator[None]:
    use_language("cy")
    yield
    use_language("en")


def build_welsh(home: Path, name: str = "welsh_kinds", **options: object) -> Kiosk:
    """A kiosk showing the survey as a Welsh speaker sees it."""
    services = build_services(home)
    speaker = RecordingSpeaker()
    pin = OperatorPin(
        pin_path(home), clock=services.clock, audit=services.audit, hasher=fast_hasher()
    )
    settings: dict[str, object] = {"unlocked": True, "speaker": speaker, "operator_pin": pin}
    settings.update(options)
    app = make_app(in_language(survey(name), "cy"), services, **settings)  # type: ignore[arg-type]
    return Kiosk(app, services, speaker, home)


@pytest.fixture
def make_welsh(tmp_path: Path) -> Iterator[KioskMaker]:
    yield from kiosk_maker(tmp_path, build_welsh, "welsh_kinds")


def assert_welsh(kiosk: Kiosk, where: str) -> None:
    left = english_left(kiosk.app)
    assert left == [], f"English kiosk words on {where}: {left}"


def test_the_checker_finds_english_kiosk_words() -> None:
    """The check itself: English on screen is found, Welsh and survey words are not."""
    texts = {
        "Send my answers": True,
        "▶ Send my answers": True,
        "Question 3 of 8": False,  # not a kiosk.pot message here (the aids catalogue)
        "Keep it safe and private. If you change your mind, give it to Sam within 3 "
        "days and we will delete your answers.": True,
        "Anfon fy atebion": False,
        "Stopio  (F5)": False,
        "Stop": True,
        "Bus stop": False,
    }
    for text, english in texts.items():
        hits = [m for m, pattern in PATTERNS if pattern.search(_normal(text))]
        assert bool(hits) is english, (text, hits)


async def test_a_welsh_visit_shows_no_english_kiosk_words(
    make_welsh: KioskMaker, welsh: None
) -> None:
    kiosk = make_welsh()
    app = kiosk.app
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.click("#start")
        await settle(pilot)
        assert kiosk.screen_name == "PreferencesScreen"
        assert_welsh(kiosk, "the preferences screen")
        await pilot.click("#next")
        await settle(pilot)
        assert kiosk.screen_name == "ConsentScreen"
        assert_welsh(kiosk, "the consent screen")
        await press(pilot, "f3")  # "Skip" on consent: a kind note, in Welsh
        assert_welsh(kiosk, "the consent screen's note")
        await read_consent(pilot)
        assert_welsh(kiosk, "the consent's last part")
        await tap(pilot, "#agree")

        assert kiosk.screen_name == "QuestionScreen"
        assert_welsh(kiosk, "the information page")
        await press(pilot, "enter")
        for kind in ("single", "multi", "scale", "rating"):
            assert app.screen.question.kind.value == kind  # type: ignore[attr-defined]
            assert_welsh(kiosk, f"the {kind} question")
            await press(pilot, "enter")  # nothing chosen yet: the kind note
            assert app.screen.query_one("#note").display
            assert_welsh(kiosk, f"the {kind} question's note")
            await press(pilot, "2", "enter")

        assert app.screen.question.kind.value == "yesno"  # type: ignore[attr-defined]
        assert_welsh(kiosk, "the yes/no question (with its content note)")
        await press(pilot, "1", "enter")
        assert kiosk.screen_name == "SupportModal"
        assert_welsh(kiosk, "the support box")
        await press(pilot, "enter")

        assert app.screen.question.kind.value == "text"  # type: ignore[attr-defined]
        await press(pilot, "enter")
        assert_welsh(kiosk, "the short answer with its note")
        await press(pilot, *"calm", "enter")
        assert app.screen.question.kind.value == "longtext"  # type: ignore[attr-defined]
        assert_welsh(kiosk, "the long answer")
        await press(pilot, *"Line one")
        await tap(pilot, "#next")
        assert app.screen.question.kind.value == "ranking"  # type: ignore[attr-defined]
        assert_welsh(kiosk, "the ranking")
        await press(pilot, "enter")  # nothing moved yet
        assert_welsh(kiosk, "the ranking's note")
        await press(pilot, "shift+down", "enter")

        assert kiosk.screen_name == "ReviewScreen"
        assert_welsh(kiosk, "the review")
        await press(pilot, "f3")  # nothing to skip here
        assert_welsh(kiosk, "the review's note")
        for key, box in (("f1", "HelpModal"), ("f4", "BreakModal"), ("f5", "StopModal")):
            await press(pilot, key)
            assert kiosk.screen_name == box
            assert_welsh(kiosk, box)
            await press(pilot, "escape" if box != "BreakModal" else "enter")
            assert kiosk.screen_name == "ReviewScreen"
        await press(pilot, "f6")
        assert kiosk.screen_name == "PreferencesModal"
        assert_welsh(kiosk, "the Text and sound box")
        await press(pilot, "escape")

        await app.push_screen(IdleModal(60, has_answers=True))
        await settle(pilot)
        assert_welsh(kiosk, "Are you still there?")
        await press(pilot, "enter")
        await app.push_screen(ProblemModal(has_answers=True))
        await settle(pilot)
        assert_welsh(kiosk, "the problem box")
        await tap(pilot, "#carry-on")

        await tap(pilot, "#send")
        assert kiosk.screen_name == "ThanksScreen"
        assert_welsh(kiosk, "the thank-you screen")
        await tap(pilot, "#receipt-qr-show")
        assert kiosk.screen_name == "ReceiptQrModal"
        assert_welsh(kiosk, "the receipt's QR code")
    assert len(kiosk.responses()) == 1  # the Welsh visit was really sent


async def test_stopping_in_welsh_says_so_in_welsh(make_welsh: KioskMaker, welsh: None) -> None:
    kiosk = make_welsh()
    async with kiosk.app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.click("#start")
        await settle(pilot)
        await pilot.click("#next")
        await settle(pilot)
        await read_consent(pilot)
        await tap(pilot, "#decline")
        assert kiosk.screen_name == "ThanksScreen"
        assert_welsh(kiosk, "the goodbye after No thanks")


async def test_the_toolbar_redraws_when_the_language_changes(make_welsh: KioskMaker) -> None:
    """A toolbar drawn in English (before the choice) speaks Welsh once told."""
    kiosk = make_welsh()
    async with kiosk.app.run_test(size=(130, 30)) as pilot:
        await settle(pilot)
        await pilot.click("#start")
        await settle(pilot)
        bar = kiosk.app.screen.query_one(Toolbar)
        labels = lambda: [tap.label.plain for tap in bar.children]  # noqa: E731
        try:
            # A survey in Welsh starts the kiosk in Welsh: put it back in English first.
            use_language("en")
            language_changed(kiosk.app.screen)
            await settle(pilot)
            assert "Stop  (F5)" in labels()
            use_language("cy")
            language_changed(kiosk.app.screen)
            await settle(pilot)
            assert "Stopio  (F5)" in labels()
            assert "Darllen yn uchel  (F2)" in labels()
        finally:
            use_language("en")
        assert active_language() == "en"


@pytest.mark.parametrize(
    ("minutes", "words"),
    [(1, "przez 1 minutę"), (2, "przez 2 minuty"), (5, "przez 5 minut"), (22, "przez 22 minuty")],
)
def test_polish_counts_take_the_right_form(minutes: int, words: str) -> None:
    try:
        use_language("pl")
        panel = QrHandoffPanel.for_survey("http://kiosk.test/h/ABCD", "ABCD", minutes=minutes)
    finally:
        use_language("en")
    assert words in panel.limit
    assert panel.heading == "Wypełnij ankietę na telefonie"


async def test_polish_days_to_take_answers_back_follow_the_number(
    make_welsh: KioskMaker,
) -> None:
    from kiosk.screens.thanks_screen import ThanksScreen

    kiosk = make_welsh()
    try:
        use_language("pl")
        async with kiosk.app.run_test(size=SIZE) as pilot:
            await settle(pilot)
            for days, form in ((1, "w ciągu 1 dnia"), (2, "w ciągu 2 dni"), (5, "w ciągu 5 dni")):
                await kiosk.app.push_screen(ThanksScreen("7K3QD-M9XTA", withdraw_days=days))
                await settle(pilot)
                assert any(form in text for text in _texts(kiosk.app)), days
                kiosk.app.pop_screen()
                await settle(pilot)
    finally:
        use_language("en")


@pytest.mark.parametrize("language", ["en", "cy", "pl", "ur"])
def test_every_wide_tool_label_names_the_key_that_really_works(language: str) -> None:
    """A key shown on a button is part of its words: every language keeps the key the
    binding uses ("Stopio  (F5)"), so the label never names a key that does nothing."""
    try:
        use_language(language)
        labels = {tool: tool_label(tool, WIDE_FROM).plain for tool in Tool}
    finally:
        use_language("en")
    for tool, label in labels.items():
        key = TOOL_KEYS[tool]
        assert label.endswith(f"({'Esc' if key == 'escape' else key.upper()})"), label


@pytest.mark.parametrize("language", ["cy", "pl"])
async def test_every_toolbar_word_is_whole_at_the_smallest_size(
    make_welsh: KioskMaker, language: str
) -> None:
    """At 60x20 each tool's words show whole, never cut in the middle ("Darlle/n")."""
    kiosk = make_welsh()
    async with kiosk.app.run_test(size=(60, 20)) as pilot:
        await settle(pilot)
        await pilot.click("#start")
        await settle(pilot)
        try:
            use_language(language)
            language_changed(kiosk.app.screen)
            await settle(pilot)
            bar = kiosk.app.screen.query_one(Toolbar)
            for tap in bar.children:
                shown = tap.render_lines(tap.region.reset_offset)  # type: ignore[attr-defined]
                cells = {word for strip in shown for word in strip.text.split()}
                label = tap.label.plain  # type: ignore[attr-defined]
                for word in label.split():
                    assert word in cells, (language, label, sorted(cells))
        finally:
            use_language("en")
