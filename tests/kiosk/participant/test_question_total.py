"""The question total never changes part way: with questions that show only after
certain answers, the screen says the honest range (issue 13, finding 6)."""

from __future__ import annotations

import re
from collections.abc import Callable

from tests.support.kiosk import SIZE, Kiosk, begin, press
from tests.support.screen import screen_text

KioskMaker = Callable[..., Kiosk]
WHERE = re.compile(r"Question (\d+) of ([0-9 uopt]+?)\s\s")


def where(kiosk: Kiosk) -> tuple[int, str]:
    found = WHERE.search(screen_text(kiosk.app) + "  ")
    assert found is not None, screen_text(kiosk.app)
    return int(found.group(1)), found.group(2).strip()


async def test_the_total_is_the_same_on_every_question(make_kiosk: KioskMaker) -> None:
    kiosk = make_kiosk("branching")
    async with kiosk.app.run_test(size=SIZE) as pilot:
        await begin(pilot)
        seen = [where(kiosk)]
        await press(pilot, "1", "enter")  # yes: two more questions show
        seen.append(where(kiosk))
        await press(pilot, "1", "enter")
        seen.append(where(kiosk))
        await press(pilot, "1", "enter")
        seen.append(where(kiosk))
        assert kiosk.app.screen.question.id == "note"
        assert seen == [(1, "up to 4"), (2, "up to 4"), (3, "up to 4"), (4, "up to 4")]
        said = kiosk.app.screen.narration()
        assert said.startswith("Question 4 of up to 4.")


async def test_without_branches_the_total_is_one_number(make_kiosk: KioskMaker) -> None:
    kiosk = make_kiosk("short")
    async with kiosk.app.run_test(size=SIZE) as pilot:
        await begin(pilot)
        assert where(kiosk) == (1, "3")
