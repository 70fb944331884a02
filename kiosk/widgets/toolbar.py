"""The row of tools that is always on screen: Back, Skip, Read aloud, What does this
mean?, Text and sound, Take a break, Stop. Each is a big touch target and has a key."""

from __future__ import annotations

from collections.abc import Iterable
from enum import StrEnum

from rich.text import Text
from textual import events, on
from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.message import Message

from kiosk.messages import LanguageChanged
from kiosk.problems import Guarded
from kiosk.widgets.tap import Tap
from surveys.catalogues import N_, _


class Tool(StrEnum):
    """The always-there tools, in the order they are shown."""

    BACK = "back"
    SKIP = "skip"
    READ = "read"
    MEANING = "meaning"
    SETTINGS = "settings"
    BREAK = "break"
    STOP = "stop"


TOOL_KEYS = {
    Tool.BACK: "escape",
    Tool.SKIP: "f3",
    Tool.READ: "f2",
    Tool.MEANING: "f1",
    Tool.SETTINGS: "f6",
    Tool.BREAK: "f4",
    Tool.STOP: "f5",
}
"""The key for each tool (bindings use these; the wide toolbar shows them)."""

_WIDE = {
    Tool.BACK: N_("◀ Back  (Esc)"),
    Tool.SKIP: N_("Skip ▶  (F3)"),
    Tool.READ: N_("Read aloud  (F2)"),
    Tool.MEANING: N_("What does this mean?  (F1)"),
    Tool.SETTINGS: N_("Text and sound  (F6)"),
    Tool.BREAK: N_("Take a break  (F4)"),
    Tool.STOP: N_("Stop  (F5)"),
}
"""Each label with its key (``TOOL_KEYS``): one message each, so a translator sees
the key and keeps it."""
_NARROW = {
    Tool.BACK: N_("◀ Back"),
    Tool.SKIP: N_("Skip ▶"),
    Tool.READ: N_("Read\naloud"),
    Tool.MEANING: N_("What does\nthis mean?"),
    Tool.SETTINGS: N_("Text &\nsound"),
    Tool.BREAK: N_("Take a\nbreak"),
    Tool.STOP: N_("Stop"),
}
"""Two short lines each (a line break where the words split best)."""
_TIGHT = {Tool.BACK: N_("◀\nBack"), Tool.SKIP: N_("Skip\n▶")}
"""Below ``ROOMY_FROM`` columns Back and Skip take two lines, so no words touch."""
WIDE_FROM = 120
"""At this many columns or more, labels fit on one line with their key."""
ROOMY_FROM = 80
"""At this many columns or more, "◀ Back" and "Skip ▶" fit on one line."""


def _tier(width: int) -> int:
    return (width >= ROOMY_FROM) + (width >= WIDE_FROM)


def _message(tool: Tool, width: int) -> str:
    """The catalogue message (its English) for a tool's label at this width."""
    if width >= WIDE_FROM:
        return _WIDE[tool]
    if width < ROOMY_FROM and tool in _TIGHT:
        return _TIGHT[tool]
    return _NARROW[tool]


def tool_label(tool: Tool, width: int) -> Text:
    """The words on a tool's button for a toolbar this wide, in the screen's language."""
    return Text(_(_message(tool, width)))


def _longer_than_english(tool: Tool, width: int) -> bool:
    """True when the label's longest line, in the screen's language, is longer than
    the English one the buttons' sizes were made for."""
    english = _message(tool, width)
    return max(map(len, _(english).split("\n"))) > max(map(len, english.split("\n")))


class Toolbar(Guarded, Horizontal):
    """The tools; posts ``Toolbar.Used``. Screens handle Back and Skip, the App the rest.

    A tool that can't be used here (Back on the first question) is shown faded, and
    pressing it still posts ``Used`` so the screen can explain why, kindly.
    """

    DEFAULT_CSS = """
    Toolbar {
        dock: bottom;
        height: 3;
        width: 100%;
        background: $surface;
    }
    /* A cell of padding at each side keeps neighbours' words apart at 60 columns. */
    Toolbar > Tap {
        width: 1fr;
        min-width: 0;
        height: 3;
        margin: 0 0 0 1;
        padding: 0 1;
    }
    /* "What does this mean?" needs two lines of ten; the others fit in seven. */
    Toolbar > Tap#tool-meaning {
        width: 2fr;
    }
    Toolbar > Tap:first-of-type {
        margin: 0;
    }
    /* Words longer than the English the sizes were made for (Welsh "Darllen") take
       the padding too; the cell of margin still keeps neighbours apart. */
    Toolbar.-snug > Tap {
        padding: 0;
    }
    Toolbar > Tap:focus {
        outline-left: none;
        outline-right: none;
        text-style: bold underline;
    }
    Toolbar > Tap.-faded {
        background: $surface;
        color: $text-muted;
        text-style: italic;
    }
    """

    class Used(Message):
        """A tool was chosen by touch (or Enter on its button)."""

        def __init__(self, tool: Tool) -> None:
            super().__init__()
            self.tool = tool

    def __init__(self, tools: Iterable[Tool] = tuple(Tool), *, faded: Iterable[Tool] = ()) -> None:
        super().__init__()
        wanted = set(tools)
        self.tools = tuple(tool for tool in Tool if tool in wanted)
        self.faded = frozenset(faded)
        self._tier: int | None = None

    def compose(self) -> ComposeResult:
        if getattr(self.app, "speech_off", False):  # KIOSK_SPEECH=off: read-aloud not offered
            self.tools = tuple(tool for tool in self.tools if tool is not Tool.READ)
        for tool in self.tools:
            classes = "-faded" if tool in self.faded else None
            yield Tap(tool_label(tool, 0), id=f"tool-{tool.value}", classes=classes)

    def on_resize(self, event: events.Resize) -> None:
        tier = _tier(event.size.width)
        if tier == self._tier:
            return
        self._tier = tier
        self._label(event.size.width)

    def on_language_changed(self, event: LanguageChanged) -> None:
        """The person chose a language: the same tools, in its words."""
        self._label(self.size.width)

    def _label(self, width: int) -> None:
        for tool in self.tools:
            self.query_one(f"#tool-{tool.value}", Tap).update(tool_label(tool, width))
        snug = width < WIDE_FROM and any(_longer_than_english(t, width) for t in self.tools)
        self.set_class(snug, "-snug")

    @on(Tap.Pressed)
    def _pressed(self, event: Tap.Pressed) -> None:
        event.stop()
        self.post_message(self.Used(Tool((event.tap.id or "").removeprefix("tool-"))))
