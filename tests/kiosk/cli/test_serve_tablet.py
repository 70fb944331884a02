"""``kiosk serve`` on a 10-inch tablet: Debian's Chromium with touch emulation, at
1024×768 landscape and 800×1280 portrait.

The kiosk is read from the wire (see ``tablet.py``): these tests check the terminal
size the page gave the kiosk, that a tap presses what it lands on, that a swipe brings
up what was below, and that every character the kiosk draws for participants comes out
as ink in the terminal's font, even in a browser with no emoji font of its own.
Screenshots are saved in tests/support/artifacts/ for review.
"""

from __future__ import annotations

import re
from collections.abc import AsyncIterator, Iterator
from io import BytesIO
from pathlib import Path

import pytest
from PIL import Image, ImageChops
from playwright.async_api import Browser

from kiosk.commands.serve import LEAST_CELLS, ROOMY_CELLS
from surveys.model import SCALE_FACES
from tests.support.kiosk import SURVEYS
from tests.support.tablet import (
    LANDSCAPE,
    PORTRAIT,
    ROOT,
    TERMINAL_FONT,
    Tablet,
    advance_to,
    chromium,
    kiosk_serve,
    tablet,
    without_emoji_fonts,
)

pytestmark = pytest.mark.slow

FACES_SURVEY = SURVEYS / "faces.yaml"

WELCOME = "Trying out the kiosk"
PREFERENCES = "How would you like to take part?"


@pytest.fixture
def demo(tmp_path: Path) -> Iterator[str]:
    with kiosk_serve(tmp_path / "home") as url:
        yield url


@pytest.fixture
async def browser() -> AsyncIterator[Browser]:
    async with chromium() as launched:
        yield launched


def at_least(size: tuple[int, int], wanted: tuple[int, int]) -> bool:
    return size[0] >= wanted[0] and size[1] >= wanted[1]


async def the_kiosk_fills(device: Tablet) -> tuple[int, int]:
    """The kiosk's size, once it has drawn its welcome screen at that size."""
    await device.wait_for(WELCOME)
    columns, rows = device.sizes[-1]
    # The kiosk really laid itself out that big: its last line is on the last row.
    _, bottom = await device.wait_for("Unlocked")
    assert bottom >= rows - 5, device.screen.text()
    return columns, rows


@pytest.mark.parametrize("scale", [1, 2], ids=["1x", "2x"])
async def test_a_landscape_tablet_gives_the_kiosk_80_by_24(
    demo: str, browser: Browser, scale: float
) -> None:
    async with tablet(browser, demo, LANDSCAPE, scale) as device:
        size = await the_kiosk_fills(device)
        if scale == 1:  # Chromium's emulated 2x crops canvas screenshots; 1x shows it
            await device.shot("tablet-landscape-welcome")
    assert at_least(size, ROOMY_CELLS), size  # it was 53×17


@pytest.mark.parametrize("scale", [1, 2], ids=["1x", "2x"])
async def test_a_portrait_tablet_gives_the_kiosk_at_least_60_by_20(
    demo: str, browser: Browser, scale: float
) -> None:
    async with tablet(browser, demo, PORTRAIT, scale) as device:
        size = await the_kiosk_fills(device)
        if scale == 1:  # Chromium's emulated 2x crops canvas screenshots; 1x shows it
            await device.shot("tablet-portrait-welcome")
    assert at_least(size, LEAST_CELLS), size  # it was 42×29


@pytest.mark.parametrize("viewport", [LANDSCAPE, PORTRAIT], ids=["landscape", "portrait"])
async def test_turning_the_tablet_round_still_leaves_60_by_20(
    demo: str, browser: Browser, viewport: dict[str, int]
) -> None:
    async with tablet(browser, demo, viewport) as device:
        await the_kiosk_fills(device)
        before = len(device.sizes)
        await device.page.set_viewport_size(
            {"width": viewport["height"], "height": viewport["width"]}
        )
        await device.page.wait_for_function(
            "() => document.querySelector('.xterm-screen') !== null"
        )
        for _ in range(100):
            if len(device.sizes) > before:
                break
            await device.page.wait_for_timeout(50)
        assert len(device.sizes) > before, "the page never told the kiosk its new size"
        await device.wait_for(WELCOME)
        await device.shot(f"tablet-turned-from-{viewport['width']}")
        assert at_least(device.sizes[-1], LEAST_CELLS), device.sizes


async def test_a_tap_presses_what_it_lands_on(demo: str, browser: Browser) -> None:
    async with tablet(browser, demo, LANDSCAPE) as device:
        await device.tap("Start")
        await device.wait_for(PREFERENCES)
        await device.wait_until_gone(WELCOME)


async def test_a_tap_leaves_nothing_hovered(demo: str, browser: Browser) -> None:
    """A finger has no hover: the kiosk gets the press and release of a tap, and no
    mouse move that would leave the tapped button underlined as if a pointer rested
    on it."""
    async with tablet(browser, demo, LANDSCAPE) as device:
        await device.wait_for(WELCOME)
        sent: list[str] = []
        device.on_sent = sent.append
        await device.tap(WELCOME)
        await device.page.wait_for_timeout(500)
        mouse = [m for m in sent if "\\u001b[<" in m]
        presses = [m for m in mouse if re.search(r"<0;\d+;\d+M", m)]
        releases = [m for m in mouse if re.search(r"<0;\d+;\d+m", m)]
        moves = [m for m in mouse if re.search(r"<3[2-5];", m)]
        assert (len(presses), len(releases)) == (1, 1), mouse
        assert moves == [], mouse


async def test_a_double_tap_on_next_moves_on_once(demo: str, browser: Browser) -> None:
    """The second tap of a double tap used to press the next screen's "Next" at once:
    "Nothing is chosen yet" greeted a question nobody had seen."""
    async with tablet(browser, demo, LANDSCAPE) as device:
        await advance_to(device, "Welcome. This is only for practice.")
        await device.page.wait_for_timeout(300)
        column, row = await device.wait_for("Next ▶")
        x, y = await device.point(column + 3, row)
        await device.page.touchscreen.tap(x, y)
        await device.page.wait_for_timeout(200)  # a quick double tap
        await device.page.touchscreen.tap(x, y)
        await device.wait_for("Which drink do you like best?")
        await device.page.wait_for_timeout(1000)
        assert device.screen.find("Nothing is chosen yet") is None, device.screen.text()
        await device.shot("tablet-landscape-after-double-tap")


async def test_quick_taps_in_different_places_all_count(demo: str, browser: Browser) -> None:
    """Only a repeat in the same place is dropped: choosing and then "Next" straight
    away still chooses and moves on."""
    async with tablet(browser, demo, LANDSCAPE) as device:
        await advance_to(device, "Which drink do you like best?")
        await device.page.wait_for_timeout(300)
        await device.tap("Coffee")
        await device.page.wait_for_timeout(150)
        await device.tap("Next ▶")
        await device.wait_for("Do you take milk in it?")  # asked only after Tea or Coffee


async def test_a_swipe_brings_up_what_was_below_and_back(demo: str, browser: Browser) -> None:
    """Landscape, the settings screen is taller than the tablet: the colour settings are
    below the fold, and only a swipe (not an 18-pixel scrollbar) should reach them."""
    async with tablet(browser, demo, LANDSCAPE) as device:
        await device.tap("Start")
        column, row = await device.wait_for("Text size")
        await device.page.wait_for_timeout(300)
        assert device.screen.find("Colours") is None, "nothing is below the fold to swipe to"
        await device.shot("tablet-landscape-settings")

        await device.swipe(column + 2, row + 4, rows=10)  # finger moves up the screen
        await device.wait_for("Colours")
        await device.shot("tablet-landscape-settings-swiped")
        assert device.screen.find("Text size") is None  # it moved, it did not just grow

        top = device.screen.find("Reading speed")
        assert top is not None
        await device.swipe(top[0] + 2, top[1], rows=-10)  # and back down again
        await device.wait_for("Text size")


def characters_participants_see() -> str:
    """Every character beyond ASCII in the participant screens, widgets and themes, the
    survey templates and the consent texts, with the scale's faces."""
    places = [
        *(ROOT / "kiosk" / "widgets").glob("*.py"),
        *(ROOT / "kiosk" / "screens").glob("*.py"),
        ROOT / "kiosk" / "kiosk.tcss",
        ROOT / "accessibility" / "themes.py",
        ROOT / "accessibility" / "big_text.py",
        *(ROOT / "surveys" / "templates").glob("*.yaml"),
        *(
            path
            for path in (ROOT / "surveys" / "consent_texts").glob("*.txt")
            if not _right_to_left(path)
        ),
    ]
    found = set(SCALE_FACES)
    for place in places:
        found |= set(re.findall(r"[^\x00-\x7f]", place.read_text(encoding="utf-8")))
    # Joiners and variation selectors have no ink of their own.
    return "".join(sorted(c for c in found if c not in "\u200d\ufe0e\ufe0f"))


def _right_to_left(path: Path) -> bool:
    """A text in a right-to-left language: the terminal can't shape it, so the kiosk
    offers the phone or tablet browser page for it instead (docs/languages.md)."""
    from surveys.languages import language

    code = path.stem.rpartition(".")[2] if "." in path.stem else "en"
    known = language(code)
    return known is not None and known.right_to_left


INK = """async ([family, characters]) => {
  await document.fonts.ready;
  const canvas = document.createElement("canvas");
  canvas.width = 96;
  canvas.height = 64;
  const pen = canvas.getContext("2d", { willReadFrequently: true });
  function draw(character) {
    pen.clearRect(0, 0, canvas.width, canvas.height);
    pen.font = "40px " + family;
    pen.textBaseline = "top";
    pen.fillStyle = "#000000";
    pen.fillText(character, 4, 4);
    const pixels = pen.getImageData(0, 0, canvas.width, canvas.height).data;
    let ink = 0;
    for (let i = 3; i < pixels.length; i += 4) if (pixels[i] > 0) ink++;
    return { ink: ink, picture: canvas.toDataURL() };
  }
  const nothing = draw("\\uE000").picture;  // a character no font here has
  const blank = [];
  for (const character of characters) {
    await document.fonts.load("40px " + family, character).catch(() => null);
    const drawn = draw(character);
    if (drawn.ink === 0 || drawn.picture === nothing) blank.push(character);
  }
  return blank;
}"""


async def test_every_character_participants_see_draws_even_without_an_emoji_font(
    demo: str, tmp_path: Path
) -> None:
    """The "Disagree" face (🙁) was blank in Chromium: now the page brings its own."""
    characters = characters_participants_see()
    assert set(SCALE_FACES) <= set(characters)
    async with (
        chromium(env=without_emoji_fonts(tmp_path / "fonts")) as browser,
        tablet(browser, demo, LANDSCAPE) as device,
    ):
        await device.wait_for(WELCOME)
        blank = await device.page.evaluate(INK, [TERMINAL_FONT, characters])
        assert blank == [], f"drawn blank: {' '.join(blank)}"


@pytest.mark.parametrize("viewport", [LANDSCAPE, PORTRAIT], ids=["landscape", "portrait"])
async def test_the_disagree_face_is_drawn_on_the_tablet(
    tmp_path: Path, viewport: dict[str, int]
) -> None:
    """Through the whole page, in a browser with no emoji font: the terminal draws
    every face on the scale with ink (🙁 and 🙂 were blank)."""
    with kiosk_serve(tmp_path / "home", FACES_SURVEY) as url:
        async with (
            chromium(env=without_emoji_fonts(tmp_path / "fonts")) as browser,
            tablet(browser, url, viewport) as device,
        ):
            await advance_to(device, "Strongly agree")
            await device.page.wait_for_timeout(300)
            await device.shot(f"tablet-{viewport['width']}x{viewport['height']}-faces")
            picture = Image.open(BytesIO(await device.page.screenshot())).convert("RGB")
            left, top, width, height = await device.cell_size()
            scale = picture.width / viewport["width"]
            for face in SCALE_FACES:
                found = device.screen.find(face)
                assert found is not None, f"{face} is not on the screen"
                column, row = found
                box = [
                    round(scale * (left + column * width)),
                    round(scale * (top + row * height)),
                    round(scale * (left + (column + 2) * width)),
                    round(scale * (top + (row + 1) * height)),
                ]
                cell = picture.crop(box)
                background = cell.getpixel((0, 0))
                plain = Image.new("RGB", cell.size, background)
                differs = ImageChops.difference(cell, plain).convert("L")
                ink = differs.point(lambda value: 255 if value else 0).histogram()[255]
                assert ink > (box[2] - box[0]) * (box[3] - box[1]) // 10, f"{face} is blank"
