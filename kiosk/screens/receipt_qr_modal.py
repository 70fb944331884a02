"""The receipt code as a QR code, so a person can keep it with their phone's camera.

The QR code holds the receipt code's characters and nothing else — no link, no
address — so it works with no phone page running and tells a scanner nothing but
the code. Like the thank-you screen, the box closes by itself after a pause
(started again by any touch or key), so a code is never left on show for the next
person.
"""

from __future__ import annotations

from typing import ClassVar

from textual import events, on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.timer import Timer
from textual.widgets import Static

from kiosk.screens.base import KioskModal
from kiosk.widgets.qr_code import QRCodeWidget
from kiosk.widgets.receipt_code import spaced
from kiosk.widgets.tap import Tap
from surveys.catalogues import _


class ReceiptQrModal(KioskModal[None]):
    """The receipt code drawn as a QR code, with the code written under it."""

    IDLE_WATCH = False  # it closes itself after ``pause``
    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "close", "Close", show=False)]

    DEFAULT_CSS = """
    ReceiptQrModal #receipt-qr-row {
        width: 100%;
        height: auto;
    }
    ReceiptQrModal #receipt-qr-words {
        width: 1fr;
        height: auto;
        padding: 0 0 0 2;
    }
    ReceiptQrModal #receipt-qr-words > Static {
        width: 100%;
        margin: 0 0 1 0;
    }
    ReceiptQrModal #receipt-qr-text {
        text-style: bold;
    }
    ReceiptQrModal #receipt-qr-words > Tap {
        width: 100%;
    }
    """

    def __init__(self, code: str, *, pause: float = 20.0) -> None:
        super().__init__()
        self.code = code
        self.pause = pause
        self._timer: Timer | None = None

    def compose(self) -> ComposeResult:
        with Vertical(classes="box"), Horizontal(id="receipt-qr-row"):
            yield QRCodeWidget(self.code, id="receipt-qr")
            with Vertical(id="receipt-qr-words"):
                yield Static(
                    _("Your receipt code as a QR code"), classes="box-title", id="receipt-qr-title"
                )
                yield Static(spaced(self.code), id="receipt-qr-text", markup=False)
                yield Static(
                    _("Scan it with your phone's camera to keep a copy. It holds only this code."),
                    markup=False,
                )
                yield Tap(_("Done"), id="receipt-qr-done", classes="-main")

    def on_mount(self) -> None:
        self.query_one("#receipt-qr-done", Tap).focus()
        self._timer = self.set_timer(self.pause, self.action_close)

    def narration(self) -> str:
        return _(
            "Your receipt code as a QR code. Scan it with your phone's camera to keep a "
            "copy. It holds only your receipt code. Press Done when you have it."
        )

    def _more_time(self) -> None:
        if self._timer is not None:
            self._timer.stop()
        self._timer = self.set_timer(self.pause, self.action_close)

    def on_key(self, event: events.Key) -> None:
        self._more_time()

    def on_mouse_down(self, event: events.MouseDown) -> None:
        self._more_time()

    def action_close(self) -> None:
        """Back to the thank-you screen."""
        if self.app.screen is self:
            self.dismiss(None)

    @on(Tap.Pressed, "#receipt-qr-done")
    def _done(self) -> None:
        self.action_close()
