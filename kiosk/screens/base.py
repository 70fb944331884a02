"""What every kiosk screen shares: the toolbar, what it says aloud, and its words for help.

Screens show things and return values with ``dismiss``; the App and the survey
session decide what comes next. No screen touches storage. A screen that has
something to read aloud as it happens (a kind warning, a tick) posts ``Say``; the
App speaks it when the person chose read-aloud. "Text and sound" (F6) asks the app
(``PreferencesWanted``) to open the preferences box over any screen that offers it.
"""

from __future__ import annotations

from typing import ClassVar, TypeVar

from textual import events, on
from textual.binding import Binding, BindingType
from textual.screen import ModalScreen, Screen
from textual.widgets import Static

from kiosk.messages import PreferencesWanted
from kiosk.problems import Guarded
from kiosk.widgets.toolbar import TOOL_KEYS, Tool, Toolbar
from surveys.catalogues import N_, _

__all__ = ["KioskModal", "KioskScreen"]

ResultT = TypeVar("ResultT")

SMALLEST = (60, 20)
"""The smallest screen (columns, rows) every page is designed to fit."""
TOO_SMALL = N_(
    "This screen is too small to show the questions. "
    "Please make the window bigger, or ask a member of staff."
)


SHORT_BELOW = 24
"""Fewer rows than this and a screen is "short" (class ``-short``): spare space goes."""


class KioskScreen(Guarded, Screen[ResultT]):
    """A full screen of the participant flow."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding(TOOL_KEYS[Tool.BACK], "tool_back", "Back", show=False, id="back"),
        Binding(TOOL_KEYS[Tool.SKIP], "tool_skip", "Skip", show=False, id="skip"),
        Binding(
            TOOL_KEYS[Tool.SETTINGS], "tool_settings", "Text and sound", show=False, id="settings"
        ),
    ]
    DEFAULT_CSS = """
    KioskScreen {
        layers: default above;
    }
    /* Over everything (a part that shows itself, like the welcome notes, included). */
    KioskScreen > #too-small {
        display: none;
        layer: above;
        dock: top;
        width: 100%;
        height: 100%;
        background: $background;
        color: $foreground;
        padding: 1 2;
        content-align: center middle;
        text-align: center;
        text-style: bold;
    }
    /* Below the smallest size a broken layout helps nobody: one kind sentence instead. */
    KioskScreen.-too-small > * {
        display: none;
    }
    KioskScreen.-too-small > #too-small {
        display: block;
    }
    """
    AUTO_FOCUS = ""  # each screen puts the focus where answering starts
    TOOLS: ClassVar[frozenset[Tool]] = frozenset()
    """The tools this screen offers (shown on its toolbar and bound to keys)."""
    IDLE_WATCH: ClassVar[bool] = True
    """Whether the "Are you still there?" timer runs on this screen."""

    def on_mount(self) -> None:
        self.mount(Static(_(TOO_SMALL), id="too-small", markup=False))
        self._check_size()

    def on_resize(self, event: events.Resize) -> None:
        self._check_size()

    def on_screen_resume(self) -> None:
        # A text size chosen in a box over this screen (F6) reached only the box: draw
        # this screen in it now, as the person comes back to it.
        self.update_node_styles(animate=False)

    def _check_size(self) -> None:
        width, height = self.app.size
        self.set_class(width < SMALLEST[0] or height < SMALLEST[1], "-too-small")
        # 20 to 23 rows (a small tablet, a 60×20 terminal): screens drop spare margins.
        self.set_class(height < SHORT_BELOW, "-short")

    def narration(self) -> str:
        """What "Read aloud" says on this screen."""
        return ""

    def meaning(self) -> tuple[str | None, str]:
        """For "What does this mean?": the screen's own help, and all its words."""
        return None, self.narration()

    def offers(self, tool: Tool) -> bool:
        """True when this screen offers the tool."""
        return tool in self.TOOLS

    def tool_back(self) -> None:
        """The Back tool (screens that offer it override this)."""

    def tool_skip(self) -> None:
        """The Skip tool (screens that offer it override this)."""

    def action_tool_back(self) -> None:
        if self.offers(Tool.BACK):
            self.tool_back()

    def action_tool_skip(self) -> None:
        if self.offers(Tool.SKIP):
            self.tool_skip()

    def action_tool_settings(self) -> None:
        """ "Text and sound": change text size, read-aloud and colours, then carry on."""
        if not self.offers(Tool.SETTINGS) or not self.is_current:
            return
        self.post_message(PreferencesWanted())  # the app opens the box, with its preferences

    @on(Toolbar.Used)
    def _toolbar_used(self, event: Toolbar.Used) -> None:
        # Back and Skip belong to the screen; the rest bubble up to the App.
        if event.tool is Tool.BACK:
            event.stop()
            self.action_tool_back()
        elif event.tool is Tool.SKIP:
            event.stop()
            self.action_tool_skip()
        elif event.tool is Tool.SETTINGS:
            event.stop()
            self.action_tool_settings()


class KioskModal(Guarded, ModalScreen[ResultT]):
    """A box shown over a screen (help, break, stop, idle, PIN, problems)."""

    AUTO_FOCUS = "*"
    IDLE_WATCH: ClassVar[bool] = True
    OPERATOR_ONLY: ClassVar[bool] = False
    """True for the PIN prompt and the operator menu: closed (not cleared) when idle."""

    DEFAULT_CSS = """
    KioskModal {
        align: center middle;
        /* Opaque on purpose: a box over the visit (idle, stop, break) must not show
           one person's answers to whoever walks up next. */
        background: $background;
    }
    KioskModal > .box {
        width: 70;
        max-width: 100%;
        height: auto;
        max-height: 100%;
        border: round $primary;
        background: $background;
        color: $foreground;
        padding: 1 2;
    }
    KioskModal .box-title {
        text-style: bold;
        color: $primary;
        margin: 0 0 1 0;
    }
    KioskModal .buttons {
        height: auto;
        margin: 1 0 0 0;
    }
    KioskModal .buttons > Tap {
        width: 1fr;
        margin: 0 1 0 0;
    }
    """

    def narration(self) -> str:
        """What "Read aloud" says on this box."""
        return ""
