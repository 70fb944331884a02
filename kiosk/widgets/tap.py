"""``Tap``: a big, plain touch target that also works by keyboard (Enter or Space).

Textual's ``Button`` brings its own borders and variants; the kiosk's own targets
are simpler to style for large text and high contrast, so they use this instead.
"""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual import events
from textual.binding import Binding, BindingType
from textual.message import Message
from textual.widgets import Static

from kiosk.problems import Guarded


class Tap(Guarded, Static, can_focus=True):
    """A focusable block of text that posts ``Tap.Pressed`` when tapped or activated."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("enter", "press", "Choose", show=False),
        Binding("space", "press", "Choose", show=False),
    ]

    DEFAULT_CSS = """
    Tap {
        width: auto;
        min-width: 8;
        height: 3;
        padding: 0 2;
        content-align: center middle;
        text-align: center;
        background: $surface;
        color: $foreground;
    }
    Tap:hover {
        background: $primary 35%;
    }
    Tap:focus {
        background: $accent;
        color: $background;
        text-style: bold;
    }
    Tap.-main {
        background: $primary;
        color: $background;
        text-style: bold;
    }
    Tap.-main:focus {
        background: $accent;
    }
    """

    class Pressed(Message):
        """The target was tapped, or Enter/Space was pressed on it."""

        def __init__(self, tap: Tap) -> None:
            super().__init__()
            self.tap = tap

        @property
        def control(self) -> Tap:
            """The target that was pressed (lets ``@on(Tap.Pressed, "#id")`` match)."""
            return self.tap

    def __init__(
        self,
        label: Text | str,
        *,
        id: str | None = None,
        classes: str | None = None,
    ) -> None:
        content = label if isinstance(label, Text) else Text(label)
        super().__init__(content, id=id, classes=classes, markup=False)

    def action_press(self) -> None:
        """Post ``Pressed``."""
        self.post_message(self.Pressed(self))

    def on_click(self, event: events.Click) -> None:
        event.stop()
        self.action_press()
