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
from textual.visual import VisualType
from textual.widgets import Static

from accessibility.themes import FocusStyle
from kiosk.problems import Guarded

MARKER = FocusStyle().marker
"""Shown before the words of the focused target, so focus never relies on colour."""


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
        background: $secondary;
        color: $button-foreground;
    }
    Tap:hover {
        text-style: underline;
    }
    Tap.-main {
        text-style: bold;
    }
    /* Focus: the marker, the focus colours, bold, and thick bars at both ends
       (drawn over the padding, so the words never move). */
    Tap:focus {
        background: $block-cursor-background;
        color: $block-cursor-foreground;
        text-style: bold;
        outline-left: thick $border;
        outline-right: thick $border;
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
        self._label = label if isinstance(label, Text) else Text(label)
        super().__init__(self._label, id=id, classes=classes, markup=False)

    @property
    def label(self) -> Text:
        """The words on the target (without the focus marker)."""
        return self._label

    def update(self, content: VisualType = "", *, layout: bool = True) -> None:
        """Show other words (the focus marker is kept while focused)."""
        self._label = content if isinstance(content, Text) else Text(str(content))
        super().update(self._marked(), layout=layout)

    def _marked(self) -> Text:
        if not self.has_focus:
            return self._label.copy()
        return Text(f"{MARKER} ").append_text(self._label)

    def watch_has_focus(self, has_focus: bool) -> None:
        super().watch_has_focus(has_focus)
        super().update(self._marked())

    def action_press(self) -> None:
        """Post ``Pressed``."""
        self.post_message(self.Pressed(self))

    def on_click(self, event: events.Click) -> None:
        event.stop()
        self.action_press()
