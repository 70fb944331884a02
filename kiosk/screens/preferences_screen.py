""" "How would you like to take part?": text size, read aloud, and colours.

The choices show straight away (the App applies each one as it is picked) and last
for this visit only.
"""

from __future__ import annotations

from dataclasses import replace

from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal, VerticalScroll
from textual.message import Message
from textual.widgets import Static

from kiosk.narration import preferences_narration
from kiosk.preferences import COLOUR_WORDS, TEXT_SIZE_WORDS, Colours, Preferences, TextSize
from kiosk.screens.base import KioskScreen
from kiosk.widgets.choice_list import ChoiceItem
from kiosk.widgets.tap import Tap
from kiosk.widgets.toolbar import Tool, Toolbar

_GROUPS: list[tuple[str, str, list[tuple[object, str]]]] = [
    ("text_size", "Text size", [(size, TEXT_SIZE_WORDS[size]) for size in TextSize]),
    ("read_aloud", "Read each screen aloud", [(False, "No"), (True, "Yes")]),
    ("colours", "Colours", [(colours, COLOUR_WORDS[colours]) for colours in Colours]),
]


class PreferencesScreen(KioskScreen["Preferences | None"]):
    """Returns the chosen preferences (Next or Skip), or None for Back."""

    TOOLS = frozenset(Tool)

    DEFAULT_CSS = """
    PreferencesScreen .group-title {
        text-style: bold;
        margin: 1 0 0 0;
    }
    PreferencesScreen .group {
        height: auto;
    }
    PreferencesScreen .group > ChoiceItem {
        width: 1fr;
    }
    """

    class Changed(Message):
        """A preference was picked; the App shows it straight away."""

        def __init__(self, preferences: Preferences) -> None:
            super().__init__()
            self.preferences = preferences

    def __init__(self, preferences: Preferences) -> None:
        super().__init__()
        self.preferences = preferences

    def compose(self) -> ComposeResult:
        yield Static("Before you start", classes="where", markup=False)
        with VerticalScroll(classes="body"):
            yield Static("How would you like to take part?", classes="question-text", markup=False)
            for field, title, options in _GROUPS:
                yield Static(title, classes="group-title", markup=False)
                with Horizontal(classes="group", id=f"group-{field.replace('_', '-')}"):
                    current = getattr(self.preferences, field)
                    for value, words in options:
                        item = ChoiceItem(value, words, number="", mark="radio", group=field)
                        item.selected = type(value) is type(current) and value == current
                        item.set_class(item.selected, "-selected")
                        yield item
        with Horizontal(classes="actions"):
            yield Tap("Next ▶", id="next", classes="-main")
        yield Toolbar(self.TOOLS)

    def on_mount(self) -> None:
        self.query_one(ChoiceItem).focus()

    def narration(self) -> str:
        return preferences_narration()

    def meaning(self) -> tuple[str | None, str]:
        return (
            "Text size makes the words bigger. Read aloud means the kiosk says each "
            "screen out loud. High contrast uses strong colours that are easy to see. "
            "Low light uses soft colours that are gentle on the eyes.",
            self.narration(),
        )

    def _pick(self, item: ChoiceItem) -> None:
        for other in self.query(ChoiceItem):
            if other.group == item.group:
                other.set_selected(other is item)
        value = item.value
        if item.group == "text_size" and isinstance(value, TextSize):
            self.preferences = replace(self.preferences, text_size=value)
        elif item.group == "colours" and isinstance(value, Colours):
            self.preferences = replace(self.preferences, colours=value)
        elif item.group == "read_aloud" and isinstance(value, bool):
            self.preferences = replace(self.preferences, read_aloud=value)
        self.post_message(self.Changed(self.preferences))

    @on(ChoiceItem.Picked)
    @on(ChoiceItem.GoOn)
    def _picked(self, event: ChoiceItem.Picked | ChoiceItem.GoOn) -> None:
        event.stop()
        self._pick(event.item)

    @on(Tap.Pressed, "#next")
    def _next(self) -> None:
        self.dismiss(self.preferences)

    def tool_back(self) -> None:
        self.dismiss(None)

    def tool_skip(self) -> None:
        self.dismiss(self.preferences)
