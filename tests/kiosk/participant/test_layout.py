"""Nothing that matters is ever below the fold: consent in parts, choices in pages, and a
kind word when the screen is too small.

Every check walks the pages with the large targets a person would tap, and asserts
that each line or choice was on screen, inside the visible body, with nothing left to
scroll.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

import pytest
from textual.containers import VerticalScroll
from textual.pilot import Pilot
from textual.widget import Widget
from textual.widgets import Static

from accessibility.narration import section_note
from kiosk.preferences import Preferences, TextSize
from kiosk.screens.base import TOO_SMALL
from kiosk.screens.question_screen import QuestionScreen
from kiosk.widgets.choice_list import ChoiceItem
from kiosk.widgets.paging import split_pages
from kiosk.widgets.ranking_list import RankRow
from surveys.consent import consent_text
from surveys.loader import load_survey
from surveys.model import Survey
from tests.support.kiosk import Kiosk, agree, begin, press, settle, tap
from tests.support.screen import screen_text

KioskMaker = Callable[..., Kiosk]
SIZES = [(60, 20), (80, 24), (200, 60)]
TEXT_SIZES = [TextSize.STANDARD, TextSize.LARGE, TextSize.LARGEST]


def words_on(kiosk: Kiosk) -> str:
    """The screen's words on one line: borders, marks and line breaks taken out."""
    rows = [re.sub(r"[█│╭╮╰╯─▀▄▌▐┃]", " ", row) for row in screen_text(kiosk.app).splitlines()]
    return " ".join(" ".join(rows).split())


def flat(text: str) -> str:
    return " ".join(text.split())


def fits(widget: Widget, body: Widget) -> bool:
    """True when ``widget`` is shown wholly inside the body's visible region."""
    inside = body.content_region
    region = widget.region
    return (
        widget.display
        and region.height > 0
        and region.y >= inside.y
        and region.bottom <= inside.bottom
    )


async def to_consent(pilot: Pilot[object], text_size: TextSize = TextSize.STANDARD) -> None:
    await settle(pilot)
    pilot.app.apply_preferences(Preferences(text_size=text_size))  # type: ignore[attr-defined]
    await tap(pilot, "#start")
    await tap(pilot, "#next")
    await settle(pilot)


async def test_consent_comes_in_parts_and_yes_waits_for_the_last(make_kiosk: KioskMaker) -> None:
    kiosk = make_kiosk()
    async with kiosk.app.run_test(size=(80, 24)) as pilot:
        await to_consent(pilot)
        screen = kiosk.app.screen
        assert re.search(r"Part 1 of [2-9]", words_on(kiosk))
        assert "Next part ▶" in words_on(kiosk)
        assert "No thanks" in words_on(kiosk)
        assert "Yes, I agree" not in words_on(kiosk)
        # Tab never reaches a hidden "Yes, I agree", and Enter on the words agrees to nothing.
        for _ in range(12):
            await press(pilot, "tab")
            assert screen.focused is None or screen.focused.id != "agree"
        await press(pilot, "enter")
        assert kiosk.screen_name == "ConsentScreen"
        # Clicking where it will be does nothing yet.
        await pilot.click("#agree")
        await settle(pilot)
        assert kiosk.screen_name == "ConsentScreen"
        pages = len(screen.pages)  # type: ignore[attr-defined]
        for page in range(2, pages + 1):
            await tap(pilot, "#page-more")
            assert f"Part {page} of {pages}" in words_on(kiosk)
            assert "No thanks" in words_on(kiosk)
            assert ("Yes, I agree" in words_on(kiosk)) == (page == pages)
        # Going back keeps "Yes, I agree": the last part has been shown.
        await tap(pilot, "#page-earlier")
        assert f"Part {pages - 1} of {pages}" in words_on(kiosk)
        assert "Yes, I agree" in words_on(kiosk)
        await tap(pilot, "#agree")
        assert kiosk.screen_name == "QuestionScreen"


async def test_no_thanks_works_on_the_first_part(make_kiosk: KioskMaker) -> None:
    kiosk = make_kiosk()
    async with kiosk.app.run_test(size=(60, 20)) as pilot:
        await to_consent(pilot)
        await tap(pilot, "#decline")
        assert kiosk.screen_name != "ConsentScreen"
        assert kiosk.declines() == 1


async def test_skip_on_an_early_part_says_to_read_on(make_kiosk: KioskMaker) -> None:
    kiosk = make_kiosk()
    async with kiosk.app.run_test(size=(80, 24)) as pilot:
        await to_consent(pilot)
        await press(pilot, "f3")
        assert "Please read each part first" in words_on(kiosk)
        assert kiosk.screen_name == "ConsentScreen"


@pytest.mark.parametrize("text_size", TEXT_SIZES, ids=lambda size: size.value)
@pytest.mark.parametrize("size", SIZES, ids=lambda size: f"{size[0]}x{size[1]}")
async def test_every_consent_line_is_reached_by_a_visible_target(
    make_kiosk: KioskMaker, size: tuple[int, int], text_size: TextSize
) -> None:
    kiosk = make_kiosk()
    block = kiosk.app.survey.consent  # type: ignore[attr-defined]
    lines = [flat(line) for line in consent_text(block).splitlines() if line.strip()]
    ticks = [flat(tick.text) for tick in block.ticks]
    seen: set[str] = set()
    async with kiosk.app.run_test(size=size) as pilot:
        await to_consent(pilot, text_size)
        screen = kiosk.app.screen
        body = screen.query_one("#consent-body", VerticalScroll)
        for _ in range(len(lines) + len(ticks) + 1):
            assert body.max_scroll_y == 0, "a part needs scrolling"
            shown = words_on(kiosk)
            assert "No thanks" in shown
            for piece in body.children:
                if piece.display and not piece.has_class("page-count"):
                    assert fits(piece, body), f"{piece} is cut off at {size}"
                    if isinstance(piece, ChoiceItem):  # may be drawn in big glyphs
                        seen.add(flat(piece.words))
            seen |= {words for words in lines if words in shown}
            if screen.query_one("#agree").visible:
                break
            more = screen.query_one("#page-more")
            assert more.region.height >= 3
            assert fits(more, screen)
            await tap(pilot, more)
        yes = screen.query_one("#agree")
        assert yes.visible
        assert fits(yes, screen)
        assert "Yes, I" in words_on(kiosk)
        assert seen == set(lines + ticks)
        await agree(pilot)
        assert kiosk.screen_name == "QuestionScreen"


# -- every template question, every size, every text size ----------------------------

TEMPLATES = sorted((Path(__file__).parents[3] / "surveys" / "templates").glob("*.yaml"))


def load_template(path: Path) -> Survey:
    loaded = load_survey(path)
    assert loaded.survey is not None, [p.describe() for p in loaded.problems]
    return loaded.survey


def pieces_and_words(screen: QuestionScreen) -> list[tuple[Widget, str]]:
    """Each choice (or ranking place) with its words."""
    found: list[tuple[Widget, str]] = []
    for item in screen.query(ChoiceItem):
        found.append((item, flat(item.words)))
    for row in screen.query(RankRow):
        found.append((row, flat(row.words)))
    return found


async def pages_settled(pilot: Pilot[object], body: Widget) -> None:
    """A new text size can take two layouts (the question, then the body under it): let
    them finish, a few frames at most."""
    for _ in range(10):
        if body.max_scroll_y == 0:
            return
        await pilot.pause(0.05)


async def walk_pages(pilot: Pilot[object], screen: QuestionScreen, where: str) -> set[str]:
    """Every page of one question, turned with "More choices": check each page fits,
    and give the words of every choice seen wholly on screen."""
    body = screen.query_one("#question-body", VerticalScroll)
    pager = screen.query_one("#choice-pager")
    seen: set[str] = set()
    for _ in range(40):
        await pages_settled(pilot, body)
        assert body.max_scroll_y == 0, f"{where}: page {screen.page + 1} needs scrolling"
        question_text = screen.query_one("#question-text")
        assert question_text.max_scroll_y == 0, f"{where}: the question is cut off"
        for legend in screen.query(".ends"):
            assert fits(legend, body), f"{where}: the 0–10 words are hidden"
        for order_right in screen.query("#order-right"):  # the ranking's deliberate answer
            assert fits(order_right, body), f"{where}: 'This order is right' is hidden"
        for widget, words in pieces_and_words(screen):
            if widget.display and widget.region.height:
                assert fits(widget, body), f"{where}: {words!r} is cut off"
                seen.add(words)
        more = screen.query_one("#page-more")
        if not pager.display or more.has_class("-faded"):
            break
        assert more.region.height >= 3
        assert fits(more, screen)
        count = flat(str(screen.query_one("#choice-count", Static).render()))
        assert re.match(r"(Choices?|Numbers?|Places?|The numbers) \d", count), count
        await tap(pilot, more)
    return seen


@pytest.mark.parametrize("size", SIZES, ids=lambda size: f"{size[0]}x{size[1]}")
@pytest.mark.parametrize("path", TEMPLATES, ids=lambda path: path.stem)
async def test_every_template_choice_is_reached_by_a_visible_target(
    make_kiosk: KioskMaker, path: Path, size: tuple[int, int]
) -> None:
    survey = load_template(path)
    kiosk = make_kiosk()
    app = kiosk.app
    async with app.run_test(size=size) as pilot:
        await settle(pilot)
        questions = survey.questions
        for number, question in enumerate(questions, 1):
            section = survey.section(question.section)
            note = section_note(survey, question, questions)
            screen = QuestionScreen(
                question,
                number=number,
                total=len(questions),
                section=section.title if section else None,
                content_note=note,
            )
            await app.push_screen(screen)
            await settle(pilot)
            expected = {flat(words) for widget, words in pieces_and_words(screen)}
            for text_size in TEXT_SIZES:
                app.apply_preferences(Preferences(text_size=text_size))
                await settle(pilot)
                where = f"{path.stem} {question.id} at {size} in {text_size.value}"
                if note:
                    assert screen.query_one("#content-note").region.bottom <= (
                        screen.query_one("#question-text").region.y
                    ), f"{where}: the content note is under the question"
                seen = await walk_pages(pilot, screen, where)
                assert seen == expected, f"{where}: never shown {expected - seen}"
                while screen.page:
                    await tap(pilot, "#page-earlier")
            app.pop_screen()
            await settle(pilot)


# -- below the smallest size -----------------------------------------------------------


@pytest.mark.parametrize("size", [(40, 12), (59, 20), (60, 19)])
async def test_a_too_small_screen_says_so_kindly(
    make_kiosk: KioskMaker, size: tuple[int, int]
) -> None:
    kiosk = make_kiosk()
    async with kiosk.app.run_test(size=size) as pilot:
        await settle(pilot)
        # Only the kind sentence: no half-drawn buttons, notes or split toolbar words.
        assert words_on(kiosk) == flat(TOO_SMALL)
        await pilot.resize_terminal(80, 24)
        await settle(pilot)
        assert "too small" not in words_on(kiosk)
        assert "Start" in words_on(kiosk)


# -- choices in pages --------------------------------------------------------------------


def question_screen(kiosk: Kiosk) -> QuestionScreen:
    screen = kiosk.app.screen
    assert isinstance(screen, QuestionScreen)
    return screen


def shown_choices(screen: QuestionScreen) -> list[str]:
    body = screen.query_one("#question-body")
    return [flat(item.words) for item in screen.query(ChoiceItem) if fits(item, body)]


async def test_a_scale_at_60_by_20_pages_and_digits_follow_the_numbers(
    make_kiosk: KioskMaker,
) -> None:
    kiosk = make_kiosk()
    async with kiosk.app.run_test(size=(60, 20)) as pilot:
        await begin(pilot)
        await press(pilot, "enter", "f3", "f3")  # the info page, then to the scale
        screen = question_screen(kiosk)
        assert screen.question.id == "agree"
        first = shown_choices(screen)
        assert first[0] == "Strongly disagree"
        assert "Strongly agree" not in first
        assert f"Choices 1–{len(first)} of 5" in words_on(kiosk)
        assert "More choices ▶" in words_on(kiosk)
        # "5" chooses choice 5 (as numbered on screen and read aloud) and turns to its page.
        await press(pilot, "5")
        assert "Strongly agree" in shown_choices(screen)
        assert "Strongly disagree" not in shown_choices(screen)
        assert "(•) 😀 Strongly agree" in words_on(kiosk)
        # "1" turns back and chooses choice 1.
        await press(pilot, "1")
        assert shown_choices(screen)[0] == "Strongly disagree"
        assert "(•) 😞 Strongly disagree" in words_on(kiosk)
        await press(pilot, "4")
        await tap(pilot, "#next")
        assert question_screen(kiosk).question.id != "agree"
        await press(pilot, "f3", "f3", "f3", "f3", "f3")
        await tap(pilot, "#send")
        assert kiosk.answers()[0]["agree"] == 4


async def test_arrows_walk_onto_the_next_page(make_kiosk: KioskMaker) -> None:
    kiosk = make_kiosk()
    async with kiosk.app.run_test(size=(60, 20)) as pilot:
        await begin(pilot)
        await press(pilot, "enter", "f3", "f3")
        screen = question_screen(kiosk)
        last = shown_choices(screen)[-1]
        for _ in shown_choices(screen):
            await press(pilot, "down")
        assert last not in shown_choices(screen)
        focused = screen.focused
        assert isinstance(focused, ChoiceItem)
        assert fits(focused, screen.query_one("#question-body"))


async def test_text_size_from_f6_lays_the_question_out_again_at_once(
    make_kiosk: KioskMaker,
) -> None:
    kiosk = make_kiosk()
    async with kiosk.app.run_test(size=(80, 24)) as pilot:
        await begin(pilot)
        await press(pilot, "enter", "f3", "f3")
        screen = question_screen(kiosk)
        before = len(screen.pages)
        await press(pilot, "f6")
        items = {item.words: item for item in kiosk.app.screen.query(ChoiceItem)}
        await tap(pilot, items["Largest"])
        await tap(pilot, "#done")
        assert kiosk.app.screen is screen
        body = screen.query_one("#question-body", VerticalScroll)
        assert len(screen.pages) > before
        assert body.max_scroll_y == 0
        for item in screen.query(ChoiceItem):
            if item.display:
                assert fits(item, body)


async def test_the_chosen_number_is_marked_beyond_colour(make_kiosk: KioskMaker) -> None:
    kiosk = make_kiosk()
    async with kiosk.app.run_test(size=(80, 24)) as pilot:
        await begin(pilot)
        await press(pilot, "enter", "f3", "f3", "f3")
        assert question_screen(kiosk).question.kind.value == "rating"
        assert "chosen" not in words_on(kiosk)
        await press(pilot, "8")
        assert "✓ chosen: 8" in words_on(kiosk)
        assert "✓ 8" in words_on(kiosk) or "✓8" in words_on(kiosk)
        await press(pilot, "3")
        assert "✓ chosen: 3" in words_on(kiosk)
        assert "✓ chosen: 8" not in words_on(kiosk)


@pytest.mark.parametrize("size", [(60, 20), (80, 24)], ids=lambda size: f"{size[0]}x{size[1]}")
async def test_toolbar_words_never_run_into_each_other(
    make_kiosk: KioskMaker, size: tuple[int, int]
) -> None:
    kiosk = make_kiosk()
    async with kiosk.app.run_test(size=size) as pilot:
        await begin(pilot)
        rows = screen_text(kiosk.app).splitlines()
        taps = sorted(kiosk.app.screen.query("Toolbar > Tap"), key=lambda tap: tap.region.x)
        for tool in taps:
            region = tool.region
            cells = [row[region.x : region.right] for row in rows[region.y : region.bottom]]
            # A blank cell at each side, so no word touches its neighbour's ...
            assert all(cell[0] == " " and cell[-1] == " " for cell in cells), cells
            # ... and every word on the button is whole.
            label = str(tool.label).replace("\n", " ")
            assert " ".join(" ".join(cells).split()).lstrip("▶ ") == flat(label)


@pytest.mark.parametrize(
    ("heights", "room", "pages"),
    [
        ([3, 3, 3], 9, [[0, 1, 2]]),
        ([3, 3, 3], 8, [[0, 1], [2]]),
        ([4, 13, 4], 13, [[0], [1], [2]]),
        ([20, 2], 5, [[0], [1]]),  # too tall for any page: a page of its own
        ([], 5, [[]]),
    ],
)
def test_pieces_split_into_pages_that_fit(
    heights: list[int], room: int, pages: list[list[int]]
) -> None:
    assert [list(page) for page in split_pages(heights, room)] == pages


async def test_rating_digits_in_largest_choose_and_show_the_number(
    make_kiosk: KioskMaker,
) -> None:
    kiosk = make_kiosk()
    async with kiosk.app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        kiosk.app.apply_preferences(Preferences(text_size=TextSize.LARGEST))
        await begin(pilot)
        await press(pilot, "enter", "f3", "f3", "f3")
        screen = question_screen(kiosk)
        assert len(screen.pages) > 1
        assert "Numbers 0–3 of 0 to 10" in words_on(kiosk)
        await press(pilot, "1", "0")
        body = screen.query_one("#question-body")
        ten = next(item for item in screen.query(ChoiceItem) if item.value == 10)
        assert ten.selected
        assert fits(ten, body)
        assert "✓ chosen: 10" in words_on(kiosk)
        assert "0 = Not at all likely" in words_on(kiosk)  # the words stay on every page
        await tap(pilot, "#next")
        assert question_screen(kiosk).question.id == "again"
