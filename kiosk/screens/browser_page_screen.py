"""A right-to-left language (Urdu, Arabic) reads best on a phone or tablet page.

The terminal writes every line left to right and can't join the letters of those
scripts, so the kiosk never draws their words: it says so in plain English, reads
it aloud in the language's own voice, and shows the link and QR code to the phone
page in that language (``?lang=ur``). With the phone page off, it says kindly that
a helper can switch it on.

The Urdu (or Arabic) words are on the page the link opens; here they are only
spoken, never drawn.
"""

from __future__ import annotations

from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.widgets import Static

from kiosk.screens.base import KioskModal
from kiosk.screens.phone_screen import PhoneScreen
from kiosk.web.state import Handoff
from kiosk.widgets.tap import Tap
from surveys.catalogues import N_, _, words
from surveys.clock import Clock
from surveys.languages import Language

READS_BEST = N_(
    "{language} reads best on your own phone or a tablet. This screen can't show "
    "{language} writing properly."
)
SCAN = N_("Point your phone's camera at the square to take part in {language}.")
ASK_A_HELPER = N_(
    "Please ask the person running this session. They can switch on the phone page, "
    "then you can take part in {language} on your own phone or a tablet."
)


def spoken_in_language(found: Language, *messages: str) -> str:
    """``messages`` in the language itself, to be read aloud in its own voice."""
    say = words(found.code)
    return " ".join(say(message, language=found.own_name) for message in messages)


class BrowserPageScreen(PhoneScreen):
    """The phone page's link and QR code, in a right-to-left language, with why."""

    DEFAULT_CSS = """
    BrowserPageScreen #browser-why {
        width: 100%;
        height: auto;
        padding: 0 2;
        text-style: bold;
    }
    """

    def __init__(self, handoff: Handoff, clock: Clock, found: Language, *, minutes: int) -> None:
        super().__init__(handoff, clock, minutes=minutes)
        self.found = found

    def compose(self) -> ComposeResult:
        name = self.found.english_name
        yield Static(
            f"{_(READS_BEST, language=name)} {_(SCAN, language=name)}",
            id="browser-why",
            markup=False,
        )
        yield from super().compose()

    def narration(self) -> str:
        name = self.found.english_name
        return f"{_(READS_BEST, language=name)} {super().narration()}"

    def in_its_own_words(self) -> str:
        """What this screen says, in the language itself (for its own voice)."""
        return spoken_in_language(self.found, READS_BEST, SCAN)


class PhonePageOffModal(KioskModal[None]):
    """The phone page is off: a helper can switch it on. Back returns to the welcome."""

    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "back", "Back", show=False)]

    def __init__(self, found: Language) -> None:
        super().__init__()
        self.found = found

    def compose(self) -> ComposeResult:
        name = self.found.english_name
        with Vertical(classes="box"):
            yield Static(_(READS_BEST, language=name), classes="box-title", markup=False)
            yield Static(_(ASK_A_HELPER, language=name), markup=False)
            with Horizontal(classes="buttons"):
                yield Tap(_("Back"), id="browser-back", classes="-main")

    def on_mount(self) -> None:
        self.query_one("#browser-back", Tap).focus()

    def narration(self) -> str:
        name = self.found.english_name
        return f"{_(READS_BEST, language=name)} {_(ASK_A_HELPER, language=name)}"

    def in_its_own_words(self) -> str:
        """What this box says, in the language itself (for its own voice)."""
        return spoken_in_language(self.found, READS_BEST, ASK_A_HELPER)

    @on(Tap.Pressed, "#browser-back")
    def action_back(self) -> None:
        self.dismiss(None)
