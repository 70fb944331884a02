"""The kiosk notes, sealed with the answers, whether the person used read aloud or
larger text during their visit (only ever as a count in the impact report); the
next visit starts from nothing."""

from __future__ import annotations

from collections.abc import Callable

from kiosk.preferences import TextSize
from kiosk.widgets.preference_choices import Group
from tests.support.kiosk import SIZE, Kiosk, press, read_consent, settle

KioskMaker = Callable[..., Kiosk]


async def _visit(pilot: object, kiosk: Kiosk, *, read_aloud: bool, larger: bool) -> None:
    await pilot.click("#start")  # type: ignore[attr-defined]
    await settle(pilot)  # type: ignore[arg-type]
    for item in list(kiosk.app.screen.query("ChoiceItem")):
        group, value = getattr(item, "group", None), getattr(item, "value", None)
        if (read_aloud and group == Group.READ_ALOUD and value is True) or (
            larger and group == Group.TEXT_SIZE and value is TextSize.LARGE
        ):
            await pilot.click(item)  # type: ignore[attr-defined]
            await settle(pilot)  # type: ignore[arg-type]
    await pilot.click("#next")  # type: ignore[attr-defined]
    await settle(pilot)  # type: ignore[arg-type]
    await read_consent(pilot)  # type: ignore[arg-type]
    await pilot.click("#agree")  # type: ignore[attr-defined]
    await settle(pilot)  # type: ignore[arg-type]
    await press(pilot, "1", "enter")  # type: ignore[arg-type]
    await press(pilot, "1", "enter")  # type: ignore[arg-type]
    await press(pilot, *"calm")  # type: ignore[arg-type]
    await pilot.click("#next")  # type: ignore[attr-defined]
    await settle(pilot)  # type: ignore[arg-type]
    await pilot.click("#send")  # type: ignore[attr-defined]
    await settle(pilot)  # type: ignore[arg-type]
    assert kiosk.screen_name == "ThanksScreen"
    await pilot.click("#finish")  # type: ignore[attr-defined]
    await settle(pilot)  # type: ignore[arg-type]


async def test_aids_used_in_a_visit_are_sealed_with_its_answers(make_kiosk: KioskMaker) -> None:
    kiosk = make_kiosk("short")
    async with kiosk.app.run_test(size=SIZE) as pilot:
        await _visit(pilot, kiosk, read_aloud=True, larger=True)
        await _visit(pilot, kiosk, read_aloud=False, larger=False)
        await _visit(pilot, kiosk, read_aloud=False, larger=True)
    stored = kiosk.responses()
    assert [r["aids"] for r in stored] == [
        {"read_aloud": 1, "large_text": 1},
        {"read_aloud": 0, "large_text": 0},  # the next person starts from nothing
        {"read_aloud": 0, "large_text": 1},
    ]
    assert [r["answers"]["note"] for r in stored] == ["calm", "calm", "calm"]  # type: ignore[index]
