""" "Text and sound": change text size, read aloud, speed and colours from any screen.

Opened by the "Text and sound" tool (F6). Each choice shows at once, behind the box
too; "Done" (or Escape) goes back to the same place with nothing else changed.
"""

from __future__ import annotations

from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.widgets import Static

from accessibility.screen_narration import preferences_narration
from kiosk.preferences import Preferences
from kiosk.screens.base import KioskModal
from kiosk.widgets.preference_choices import PreferenceChoices, speech_problem
from kiosk.widgets.tap import Tap
from surveys.catalogues import N_, _

TITLE = N_("Text and sound")


class PreferencesModal(KioskModal["Preferences | None"]):
    """Returns the preferences chosen (the App has already applied each one)."""

    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "done", "Done", show=False)]

    DEFAULT_CSS = """
    /* The whole height, so Done is always in view and the choices scroll above it. */
    PreferencesModal > .box {
        width: 100%;
        max-width: 90;
        height: 100%;
        padding: 0 1;
    }
    PreferencesModal #preferences-scroll {
        height: 1fr;
    }
    PreferencesModal .box-title {
        margin: 0;
    }
    """

    def __init__(self, preferences: Preferences) -> None:
        super().__init__()
        self.preferences = preferences

    def compose(self) -> ComposeResult:
        with Vertical(classes="box"):
            yield Static(_(TITLE), classes="box-title", markup=False)
            with VerticalScroll(id="preferences-scroll"):
                yield PreferenceChoices(self.preferences, id="choices")
            with Horizontal(classes="buttons"):
                yield Tap(_("Done"), id="done", classes="-main")

    def on_mount(self) -> None:
        self.query_one(PreferenceChoices).focus_first()

    def narration(self) -> str:
        return preferences_narration(speech_problem(self.app))

    @on(PreferenceChoices.Changed)
    def _changed(self, event: PreferenceChoices.Changed) -> None:
        self.preferences = event.preferences

    @on(Tap.Pressed, "#done")
    def action_done(self) -> None:
        self.dismiss(self.preferences)
