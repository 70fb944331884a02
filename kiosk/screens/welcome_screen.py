"""The welcome screen: the survey's title, who runs it, and one big Start.

With the phone page on, "Use my own phone" offers the survey on the person's own
phone (the App shows the link). Small notes at the foot tell the operator when the
kiosk is unlocked or uses the demo key.
"""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.containers import Center, Horizontal, Vertical
from textual.widgets import Static

from kiosk.narration import welcome_narration
from kiosk.safe_text import safe_text
from kiosk.screens.base import KioskScreen
from kiosk.screens.phone_screen import OFFER_WORDS, PhoneWanted
from kiosk.widgets.tap import Tap
from kiosk.widgets.toolbar import Tool, Toolbar
from surveys.model import Survey
from surveys.sealing import DEMO_KEY_NOTICE

UNLOCKED_NOTE = "Unlocked — for trying out"
DEMO_KEY_NOTE = DEMO_KEY_NOTICE


class WelcomeScreen(KioskScreen[None]):
    """Shown between visitors. Start dismisses it; the App begins a fresh visit."""

    TOOLS = frozenset({Tool.READ})
    IDLE_WATCH = False

    DEFAULT_CSS = """
    WelcomeScreen {
        align: center middle;
    }
    WelcomeScreen #welcome {
        width: 100%;
        max-width: 90;
        height: auto;
        padding: 0 2;
    }
    WelcomeScreen #title {
        text-style: bold;
        text-align: center;
        width: 100%;
        margin: 0 0 1 0;
    }
    WelcomeScreen #run-by, WelcomeScreen #intro {
        text-align: center;
        width: 100%;
        margin: 0 0 1 0;
    }
    WelcomeScreen #start {
        width: 30;
        max-width: 100%;
        height: 5;
    }
    WelcomeScreen #welcome-more {
        width: auto;
        height: auto;
        margin: 1 0 0 0;
    }
    WelcomeScreen #welcome-more > Tap {
        width: 24;
        margin: 0 1;
    }
    WelcomeScreen #notes {
        dock: bottom;
        width: 100%;
        height: auto;
        color: $text-muted;
        text-align: left;
        padding: 0 1;
    }
    """

    def __init__(
        self,
        survey: Survey,
        *,
        unlocked: bool = False,
        demo_key: bool = False,
        phones: bool = False,
    ) -> None:
        super().__init__()
        self.survey = survey
        self.unlocked = unlocked
        self.demo_key = demo_key
        self.phones = phones

    def compose(self) -> ComposeResult:
        with Vertical(id="welcome"):
            yield Static(safe_text(self.survey.title), id="title")
            if self.survey.run_by:
                yield Static(safe_text(f"Run by {self.survey.run_by}"), id="run-by")
            yield Static(safe_text(self.survey.intro), id="intro")
            with Center():
                yield Tap("Start", id="start", classes="-main")
            with Center(), Horizontal(id="welcome-more"):
                if self.phones:
                    yield Tap("Use my own phone", id="use-phone")
                yield Tap("Read aloud", id="read-welcome")
        notes = [
            n for n, on_ in ((UNLOCKED_NOTE, self.unlocked), (DEMO_KEY_NOTE, self.demo_key)) if on_
        ]
        if notes:
            yield Static("\n".join(notes), id="notes", markup=False)

    def on_mount(self) -> None:
        self.query_one("#start", Tap).focus()

    def narration(self) -> str:
        words = welcome_narration(self.survey)
        if self.phones:
            words += " " + OFFER_WORDS
        return words

    @on(Tap.Pressed, "#start")
    def _start(self) -> None:
        self.dismiss(None)

    @on(Tap.Pressed, "#use-phone")
    def _use_phone(self) -> None:
        self.post_message(PhoneWanted())

    @on(Tap.Pressed, "#read-welcome")
    def _read(self) -> None:
        self.post_message(Toolbar.Used(Tool.READ))
