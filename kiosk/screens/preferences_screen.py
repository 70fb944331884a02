""" "How would you like to take part?": text size, read aloud, reading speed and colours.

The choices show straight away (the App applies each one as it is picked) and last
for this visit only. When read-aloud can't work on this device, the screen says so
once, in words, under that choice. The same choices open over any screen from the
"Text and sound" tool (``PreferencesModal``).
"""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal, VerticalScroll
from textual.widgets import Static

from accessibility.screen_narration import preferences_narration
from kiosk.preferences import Preferences
from kiosk.screens.base import KioskScreen
from kiosk.widgets.big_label import BigLabel
from kiosk.widgets.preference_choices import PreferenceChoices, speech_problem
from kiosk.widgets.tap import Tap
from kiosk.widgets.toolbar import Tool, Toolbar
from surveys.catalogues import N_, _

HEADING = N_("How would you like to take part?")
MEANING = N_(
    "Text size makes the words bigger. Read aloud means the kiosk says each screen "
    "out loud, at the reading speed you choose. High contrast uses strong colours "
    "that are easy to see. Low light uses soft colours that are gentle on the eyes."
)


class PreferencesScreen(KioskScreen["Preferences | None"]):
    """Returns the chosen preferences (Next or Skip), or None for Back."""

    TOOLS = frozenset(Tool) - {Tool.SETTINGS}

    Changed = PreferenceChoices.Changed
    """A preference was picked (``on_preferences_screen_changed``)."""

    def __init__(self, preferences: Preferences) -> None:
        super().__init__()
        self.preferences = preferences

    def compose(self) -> ComposeResult:
        yield Static(_("Before you start"), classes="where", markup=False)
        with VerticalScroll(classes="body"):
            yield BigLabel(_(HEADING), max_share=0.3, classes="question-text", id="heading")
            yield PreferenceChoices(self.preferences, id="choices")
        with Horizontal(classes="actions"):
            yield Tap(_("Next ▶"), id="next", classes="-main")
        yield Toolbar(self.TOOLS)

    def on_mount(self) -> None:
        self.query_one(PreferenceChoices).focus_first()

    def narration(self) -> str:
        return preferences_narration(speech_problem(self.app))

    def meaning(self) -> tuple[str | None, str]:
        return _(MEANING), f"{_(HEADING)} {_(MEANING)}"

    @on(PreferenceChoices.Changed)
    def _changed(self, event: PreferenceChoices.Changed) -> None:
        # Keep what was picked (for Next), and let the message go on up to the App.
        self.preferences = event.preferences

    @on(Tap.Pressed, "#next")
    def _next(self) -> None:
        self.dismiss(self.preferences)

    def tool_back(self) -> None:
        self.dismiss(None)

    def tool_skip(self) -> None:
        self.dismiss(self.preferences)
