"""Thank you: the receipt code after Send (or a kind goodbye after "No thanks").

The screen goes back to the welcome screen by itself after a pause, which starts
again whenever the person touches the screen or presses a key, or at once on Finish.
"""

from __future__ import annotations

from textual import events, on
from textual.app import ComposeResult
from textual.containers import Center, Horizontal, Vertical
from textual.timer import Timer
from textual.widgets import Static

from kiosk.narration import thanks_narration
from kiosk.safe_text import safe_text
from kiosk.screens.base import KioskScreen
from kiosk.widgets.receipt_code import ReceiptCode
from kiosk.widgets.tap import Tap
from kiosk.widgets.toolbar import Tool, Toolbar


class ThanksScreen(KioskScreen[None]):
    """Shown after Send (with ``code``) or after "No thanks" (``code`` is None)."""

    TOOLS = frozenset({Tool.READ})
    IDLE_WATCH = False

    DEFAULT_CSS = """
    ThanksScreen {
        align: center middle;
    }
    ThanksScreen #thanks {
        width: 100%;
        max-width: 90;
        height: auto;
        padding: 0 2;
    }
    ThanksScreen #thanks > Static {
        width: 100%;
        text-align: center;
        margin: 0 0 1 0;
    }
    ThanksScreen #thanks-title {
        text-style: bold;
    }
    ThanksScreen #receipt-row {
        height: auto;
        margin: 0 0 1 0;
    }
    ThanksScreen #thanks-buttons {
        height: auto;
        width: auto;
    }
    ThanksScreen #thanks-buttons > Tap {
        width: 20;
        margin: 0 1;
    }
    """

    def __init__(
        self,
        code: str | None,
        *,
        spoken: str | None = None,
        contact: str = "",
        withdraw_days: int = 14,
        pause: float = 20.0,
    ) -> None:
        super().__init__()
        self.code = code
        self.spoken = spoken
        self.contact = contact
        self.withdraw_days = withdraw_days
        self.pause = pause
        self._timer: Timer | None = None

    def compose(self) -> ComposeResult:
        with Vertical(id="thanks"):
            if self.code is None:
                yield Static("Thank you for stopping by", id="thanks-title", markup=False)
                yield Static("That's fine. Nothing you did here has been kept.", markup=False)
            else:
                yield Static(
                    "Thank you. Your answers have been sent.", id="thanks-title", markup=False
                )
                yield Static("This is your receipt code:", markup=False)
                with Center(id="receipt-row"):
                    yield ReceiptCode(self.code, id="receipt")
                yield Static(
                    safe_text(
                        "Keep it safe and private. If you change your mind, give it to "
                        f"{self.contact} within {self.withdraw_days} days and we will "
                        "delete your answers."
                    )
                )
            with Center(), Horizontal(id="thanks-buttons"):
                yield Tap("Finish", id="finish", classes="-main")
                yield Tap("Read aloud", id="read-thanks")

    def on_mount(self) -> None:
        self.query_one("#finish", Tap).focus()
        self._timer = self.set_timer(self.pause, self._finish)

    def narration(self) -> str:
        return thanks_narration(self.spoken, self.contact, self.withdraw_days)

    def _finish(self) -> None:
        if self.is_current:
            self.dismiss(None)

    def on_screen_resume(self) -> None:
        # Back from a box on top (the operator menu, say): the pause starts again.
        if self._timer is not None:
            self._more_time()

    def _more_time(self) -> None:
        if self._timer is not None:
            self._timer.stop()
        self._timer = self.set_timer(self.pause, self._finish)

    def on_key(self, event: events.Key) -> None:
        self._more_time()

    def on_mouse_down(self, event: events.MouseDown) -> None:
        self._more_time()

    @on(Tap.Pressed, "#finish")
    def _finish_pressed(self) -> None:
        self.dismiss(None)

    @on(Tap.Pressed, "#read-thanks")
    def _read(self) -> None:
        self._more_time()
        self.post_message(Toolbar.Used(Tool.READ))
