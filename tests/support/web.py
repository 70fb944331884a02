"""Helpers for the phone-page tests: a survey of every kind, a movable clock, and a
``Phone`` that browses the pages with its own cookie jar and reads their forms."""

from __future__ import annotations

import datetime as dt
import html
import re
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import aiohttp
from PIL import Image

from tests.support.survey_yaml import CONSENT_YAML, build_survey

if TYPE_CHECKING:
    from kiosk.widgets.qr_code import QRCodeWidget

BLACK, WHITE = (0, 0, 0), (255, 255, 255)

EVERY_KIND = """
- id: welcome
  kind: info
  text: Welcome. This is only for practice.
- id: drink
  kind: single
  text: Which drink do you like best?
  options: [Tea, Coffee, Water]
- id: tried
  kind: multi
  text: Which of these have you tried today?
  help: You can choose more than one.
  options: [Bigger text, Read aloud, Different colours]
- id: easy
  kind: scale
  faces: true
  text: The kiosk is easy to use.
- id: feeling
  kind: rating
  prefer_not_to_say: true
  text: How are you feeling today?
  low_label: Not good at all
  high_label: Really good
- id: heard
  kind: yesno
  text: Have you heard the word co-production before?
- id: order
  kind: ranking
  text: Put these in order. Start with the most useful.
  options: [Back, Skip, Stop]
- id: word
  kind: text
  text: What one word sums up the kiosk for you?
  max_length: 50
- id: why
  kind: longtext
  text: Why did you choose that word?
- id: again
  kind: yesno
  required: true
  text: Would you use the kiosk again?
"""

TICKS_YAML = CONSENT_YAML + "  ticks:\n    - id: quotes\n      text: You can quote my words\n"


def every_kind_survey() -> Any:
    """A survey with one question of every kind, a required one last, and a tick."""
    return build_survey(EVERY_KIND, consent=TICKS_YAML)


class MovableClock:
    """A clock that stands still until a test moves it."""

    def __init__(self, moment: dt.datetime | None = None) -> None:
        self.moment = moment or dt.datetime(2025, 3, 14, 10, 0, tzinfo=dt.UTC)

    def now(self) -> dt.datetime:
        return self.moment

    def advance(self, **delta: float) -> None:
        self.moment += dt.timedelta(**delta)


@dataclass
class Page:
    """One response as the phone saw it."""

    status: int
    path: str
    text: str
    headers: dict[str, str]

    def field(self, name: str) -> str | None:
        """The value of a hidden or text input on the page."""
        match = re.search(rf'name="{re.escape(name)}" value="([^"]*)"', self.text)
        return html.unescape(match.group(1)) if match else None

    @property
    def csrf(self) -> str:
        token = self.field("csrf")
        assert token, f"no form token on {self.path}:\n{self.text[:500]}"
        return token

    @property
    def title(self) -> str:
        match = re.search(r"<title>(.*?)</title>", self.text, re.S)
        return html.unescape(match.group(1)) if match else ""

    @property
    def receipt_code(self) -> str:
        """The receipt code as shown (tags between its two groups removed)."""
        match = re.search(
            r'class="receipt-code"><span aria-hidden="true">(.*?)</span><span class="visually',
            self.text,
            re.S,
        )
        assert match, self.text[:800]
        return re.sub(r"<[^>]+>", "", match.group(1))

    @property
    def h1(self) -> str:
        match = re.search(r"<h1>(.*?)</h1>", self.text, re.S)
        return html.unescape(re.sub(r"<[^>]+>", "", match.group(1))).strip() if match else ""


class Phone:
    """A phone's browser: its own cookies, follows redirects, remembers the last page."""

    def __init__(self, base_url: str) -> None:
        self.base_url = base_url.rstrip("/")
        self.http = aiohttp.ClientSession(cookie_jar=aiohttp.CookieJar(unsafe=True))
        self.page: Page | None = None

    async def __aenter__(self) -> Phone:
        return self

    async def __aexit__(self, *_: object) -> None:
        await self.http.close()

    def _url(self, path: str) -> str:
        return path if path.startswith("http") else f"{self.base_url}{path}"

    async def _page(self, response: aiohttp.ClientResponse) -> Page:
        text = await response.text()
        page = Page(response.status, response.url.path, text, dict(response.headers))
        self.page = page
        return page

    async def get(self, path: str, **kwargs: Any) -> Page:
        async with self.http.get(self._url(path), **kwargs) as response:
            return await self._page(response)

    async def post(
        self, path: str, data: Any = None, *, csrf: str | None = "page", **kwargs: Any
    ) -> Page:
        """POST a form; ``csrf="page"`` adds the token from the last page, None adds none."""
        fields: list[tuple[str, str]] = (
            list(data.items()) if isinstance(data, dict) else list(data or [])
        )
        if csrf == "page":
            assert self.page is not None
            fields.append(("csrf", self.page.csrf))
        elif csrf is not None:
            fields.append(("csrf", csrf))
        async with self.http.post(self._url(path), data=fields, **kwargs) as response:
            return await self._page(response)

    def cookie(self, name: str) -> str | None:
        for cookie in self.http.cookie_jar:
            if cookie.key == name:
                return cookie.value
        return None


def matrix_from_cells(widget: QRCodeWidget) -> list[list[bool]]:
    """Read the modules back from what ``render_line`` draws: the glyph colour is the
    top module, the background the bottom one."""
    rows: list[list[bool]] = []
    for y in range(widget.cells.height):
        top: list[bool] = []
        bottom: list[bool] = []
        for segment in widget.render_line(y):
            style = segment.style
            assert style is not None
            assert style.color is not None
            assert style.bgcolor is not None
            for character in segment.text:
                assert character == "▀"  # kiosk.widgets.qr_code.HALF_BLOCK
                fg = style.color.get_truecolor()
                bg = style.bgcolor.get_truecolor()
                assert tuple(fg) in (BLACK, WHITE)
                assert tuple(bg) in (BLACK, WHITE)
                top.append(tuple(fg) == BLACK)
                bottom.append(tuple(bg) == BLACK)
        rows += [top, bottom]
    return rows


def to_image(matrix: list[list[bool]], scale: int = 8) -> Image.Image:
    size = len(matrix[0])
    image = Image.new("L", (size, len(matrix)), 255)
    image.putdata([0 if dark else 255 for row in matrix for dark in row])
    return image.resize((size * scale, len(matrix) * scale), Image.Resampling.NEAREST)
