"""Nothing below the fold on "Check your answers": many answers come in pages of whole
answers, turned with large targets, with "Send my answers" on every page.

Every check walks the pages with the "More answers" target a person would tap.
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

from kiosk.preferences import Preferences, TextSize
from kiosk.screens.review_screen import ReviewScreen
from surveys.session import ReviewItem
from tests.support import kiosk as kit
from tests.support.kiosk import Kiosk, begin, press, settle, tap, wait_until

KioskMaker = Callable[..., Kiosk]
SIZES = [(60, 20), (80, 24), (200, 60)]
TEXT_SIZES = [TextSize.STANDARD, TextSize.LARGE, TextSize.LARGEST]
TEMPLATES = Path(__file__).parents[3] / "surveys" / "templates"


@pytest.fixture(autouse=True)
def _templates(monkeypatch: pytest.MonkeyPatch) -> None:
    """Kiosks here run the shipped templates: the demo has many answers to check."""
    monkeypatch.setattr(kit, "SURVEYS", TEMPLATES)


def on_screen(widget: Widget, within: Widget) -> bool:
    """True when ``widget`` is shown wholly inside ``within``'s visible region."""
    inside = within.content_region
    region = widget.region
    return (
        widget.display
        and region.height > 0
        and region.y >= inside.y
        and region.bottom <= inside.bottom
    )


async def to_review(pilot: Pilot[object], text_size: TextSize) -> ReviewScreen:
    """Through the demo survey skipping every question (Skip, F3), to the review."""
    await begin(pilot)
    app = pilot.app
    for _ in range(60):
        if isinstance(app.screen, ReviewScreen):
            break
        if type(app.screen).__name__ == "SupportModal":  # after a sensitive section
            await tap(pilot, "#support-carry-on")
        else:
            await press(pilot, "f3")
    screen = app.screen
    assert isinstance(screen, ReviewScreen)
    app.apply_preferences(Preferences(text_size=text_size))  # type: ignore[attr-defined]
    await settle(pilot)
    return screen


async def page_settled(pilot: Pilot[object], body: Widget) -> None:
    """A new size or text size can take two layouts: let them finish (a few frames)."""
    for _ in range(10):
        if body.max_scroll_y == 0:
            return
        await pilot.pause(0.05)


async def walk_answers(pilot: Pilot[object], screen: ReviewScreen, where: str) -> list[int]:
    """Turn every page with "More answers": each page fits and shows Send; give the
    answers (by number, from 0) seen wholly on screen."""
    body = screen.query_one("#review-body", VerticalScroll)
    seen: list[int] = []
    for _ in range(40):
        await page_settled(pilot, body)
        assert body.max_scroll_y == 0, f"{where}: the answers need scrolling"
        send = screen.query_one("#send")
        assert on_screen(send, screen), f"{where}: Send is hidden"
        assert send.region.height >= 3, f"{where}: Send is too small"
        for index in range(len(screen.items)):
            item = screen.query_one(f"#item-{index}")
            if item.display and item.region.height:
                assert on_screen(item, body), f"{where}: answer {index + 1} is cut off"
                assert on_screen(screen.query_one(f"#change-{index}"), body)
                seen.append(index)
        pager = screen.query_one("#review-pager")
        more = screen.query_one("#page-more")
        if not pager.display or more.has_class("-faded"):
            break
        assert on_screen(more, screen), f"{where}: 'More answers' is hidden"
        assert more.region.height >= 3, f"{where}: 'More answers' is too small"
        count = " ".join(str(screen.query_one("#review-count", Static).render()).split())
        assert re.fullmatch(rf"Answers? \d+(–\d+)? of {len(screen.items)}", count), count
        await tap(pilot, more)
    return seen


@pytest.mark.parametrize("text_size", TEXT_SIZES, ids=lambda size: size.value)
@pytest.mark.parametrize("size", SIZES, ids=lambda size: f"{size[0]}x{size[1]}")
async def test_every_answer_is_reached_by_more_answers_with_send_on_every_page(
    make_kiosk: KioskMaker, size: tuple[int, int], text_size: TextSize
) -> None:
    kiosk = make_kiosk("demo")
    async with kiosk.app.run_test(size=size) as pilot:
        screen = await to_review(pilot, text_size)
        assert len(screen.items) >= 7  # more than fit at 80×24
        where = f"review at {size} in {text_size.value}"
        seen = await walk_answers(pilot, screen, where)
        assert sorted(set(seen)) == list(range(len(screen.items))), f"{where}: {seen}"


async def test_change_on_page_two_opens_that_question(make_kiosk: KioskMaker) -> None:
    kiosk = make_kiosk("demo")
    async with kiosk.app.run_test(size=(80, 24)) as pilot:
        screen = await to_review(pilot, TextSize.STANDARD)
        assert "Answers 1–" in str(screen.query_one("#review-count", Static).render())
        await tap(pilot, "#page-more")
        assert screen.page == 1
        first = screen.pages[1].start
        assert first > 0
        question = screen.items[first].question
        await tap(pilot, f"#change-{first}")
        await wait_until(pilot, lambda: kiosk.screen_name == "QuestionScreen")
        assert kiosk.app.screen.question.id == question.id  # type: ignore[attr-defined]


async def test_focus_starts_on_the_first_answer_and_tab_turns_the_page(
    make_kiosk: KioskMaker,
) -> None:
    kiosk = make_kiosk("demo")
    async with kiosk.app.run_test(size=(80, 24)) as pilot:
        screen = await to_review(pilot, TextSize.STANDARD)
        assert screen.focused is screen.query_one("#change-0")
        last_on_first = screen.pages[0][-1]
        for _ in range(last_on_first):
            await press(pilot, "tab")
        assert screen.page == 0
        await press(pilot, "tab")
        assert screen.focused is screen.query_one(f"#change-{last_on_first + 1}")
        assert screen.page == 1
        assert on_screen(screen.focused, screen.query_one("#review-body"))
        await press(pilot, "up")
        assert screen.focused is screen.query_one(f"#change-{last_on_first}")
        assert screen.page == 0
        # Send needs its own deliberate press: nothing was sent on the way.
        assert isinstance(kiosk.app.screen, ReviewScreen)


async def test_a_new_size_or_text_size_splits_the_answers_again(make_kiosk: KioskMaker) -> None:
    kiosk = make_kiosk("demo")
    async with kiosk.app.run_test(size=(200, 60)) as pilot:
        screen = await to_review(pilot, TextSize.STANDARD)
        wide = len(screen.pages)
        await pilot.resize_terminal(60, 20)
        await settle(pilot)
        await page_settled(pilot, screen.query_one("#review-body"))
        assert len(screen.pages) > wide
        assert screen.query_one("#review-body").max_scroll_y == 0
        small = len(screen.pages)
        await press(pilot, "f6")
        await page_settled(pilot, screen.query_one("#review-body"))
        assert screen.query_one("#review-body").max_scroll_y == 0
        assert len(screen.pages) >= small


@pytest.mark.parametrize("text_size", TEXT_SIZES, ids=lambda size: size.value)
async def test_a_long_answer_is_cut_short_to_fit_and_read_aloud_whole(
    make_kiosk: KioskMaker, text_size: TextSize
) -> None:
    long_words = "The course was kind and calm and I learned a lot from everyone. " * 10
    survey = kit.survey("demo")
    asks = [question for question in survey.questions if question.asks]
    text = next(question for question in asks if question.kind.value == "text")
    items = [ReviewItem(question, None) for question in asks]
    items[asks.index(text)] = ReviewItem(text, long_words)
    kiosk = make_kiosk("demo")
    async with kiosk.app.run_test(size=(60, 20)) as pilot:
        await settle(pilot)
        kiosk.app.apply_preferences(Preferences(text_size=text_size))
        screen = ReviewScreen(items)
        await kiosk.app.push_screen(screen)
        await settle(pilot)
        where = f"a long answer at 60×20 in {text_size.value}"
        seen = await walk_answers(pilot, screen, where)
        assert sorted(set(seen)) == list(range(len(items))), where
        shown = str(screen.query_one(f"#answer-{asks.index(text)}", Static).render())
        assert "Change shows all of it" in shown
        assert " ".join(long_words.split()) in " ".join(screen.narration().split())
        await pilot.resize_terminal(200, 60)
        await settle(pilot)
        await page_settled(pilot, screen.query_one("#review-body"))
        shown = str(screen.query_one(f"#answer-{asks.index(text)}", Static).render())
        assert "Change shows all of it" not in shown
        assert " ".join(long_words.split()) in " ".join(shown.split())
