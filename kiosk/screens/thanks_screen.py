"""Thank you: the receipt code after Send (or a kind goodbye after "No thanks").

The screen goes back to the welcome screen by itself after a pause, which starts
again whenever the person touches the screen or presses a key, or at once on Finish.

After Send, "Show my code as a QR code" draws the receipt code for the person's
phone camera (no phone page needed). After "No thanks", with the phone page on,
"Use my own phone" offers the survey on the person's own phone instead.

When the coordinator's action log says when and where results are shared (the
app's ``results_shared``), the screen says so too, so nobody leaves wondering
whether they will hear back.
"""

from __future__ import annotations

from textual import events, on
from textual.app import ComposeResult
from textual.containers import Center, Horizontal, Vertical
from textual.timer import Timer
from textual.widgets import Static

from accessibility import narration
from kiosk.messages import PhoneWanted
from kiosk.safe_text import safe_text
from kiosk.screens.base import KioskScreen
from kiosk.screens.phone_offer import OFFER_WORDS
from kiosk.screens.receipt_qr_modal import ReceiptQrModal
from kiosk.widgets.receipt_code import ReceiptCode
from kiosk.widgets.tap import Tap
from kiosk.widgets.toolbar import Tool, Toolbar
from surveys.catalogues import N_, _, n_
from surveys.model import SupportBlock

QR_WORDS = N_("Show my code as a QR code")
QR_WORDS_SHORT = N_("Show as a QR code")
"""The same button on a narrow screen, so all three buttons fit in a row."""
WIDE_FROM = 70


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
    /* 20 to 23 rows: no blank lines between the parts, so the thanks, the code, when
       results are shared and the support all fit above Finish. */
    ThanksScreen.-short #thanks > Static, ThanksScreen.-short #receipt-row {
        margin: 0;
    }
    ThanksScreen #thanks-buttons {
        height: auto;
        width: auto;
    }
    ThanksScreen #thanks-buttons > Tap {
        width: auto;
        min-width: 14;
        margin: 0 1;
    }
    """

    def __init__(
        self,
        code: str | None,
        *,
        contact: str = "",
        withdraw_days: int = 14,
        pause: float = 20.0,
        phones: bool = False,
        support: SupportBlock | None = None,
    ) -> None:
        super().__init__()
        self.code = code
        self.support = support
        self.phones = phones
        self.contact = contact
        self.withdraw_days = withdraw_days
        self.pause = pause
        self._timer: Timer | None = None
        self.results_shared = ""

    def compose(self) -> ComposeResult:
        self.results_shared = getattr(self.app, "results_shared", "")
        with Vertical(id="thanks"):
            if self.code is None:
                yield Static(_(narration.STOPPING_BY), id="thanks-title", markup=False)
                yield Static(_(narration.NOTHING_KEPT), markup=False)
            else:
                yield Static(
                    _("Thank you. Your answers have been sent."), id="thanks-title", markup=False
                )
                yield Static(_("This is your receipt code:"), markup=False)
                with Center(id="receipt-row"):
                    yield ReceiptCode(self.code, id="receipt")
                yield Static(
                    safe_text(
                        n_(
                            "Keep it safe and private. If you change your mind, give it to "
                            "{contact} within {count} day and we will delete your answers.",
                            "Keep it safe and private. If you change your mind, give it to "
                            "{contact} within {count} days and we will delete your answers.",
                            self.withdraw_days,
                            contact=self.contact,
                        )
                    )
                )
            if self.results_shared:
                yield Static(safe_text(self.results_shared), id="results-shared")
            if self.support is not None:
                yield Static(
                    safe_text("\n".join(narration.support_lines(self.support))),
                    id="thanks-support",
                )
            with Center(), Horizontal(id="thanks-buttons"):
                yield Tap(_("Finish"), id="finish", classes="-main")
                if self.code is not None:
                    yield Tap(_(QR_WORDS), id="receipt-qr-show")
                elif self.phones:
                    yield Tap(_("Use my own phone"), id="use-phone")
                if not getattr(self.app, "speech_off", False):
                    yield Tap(_("Read aloud"), id="read-thanks")

    def on_mount(self) -> None:
        self.query_one("#finish", Tap).focus()
        self._timer = self.set_timer(self.pause, self._finish)

    def narration(self) -> str:
        words = narration.thank_you(
            self.code, self.contact, self.withdraw_days, self.support, self.results_shared
        )
        if self.code is None and self.phones:
            words += " " + _(OFFER_WORDS)
        return words

    def _finish(self) -> None:
        # Only when on top: with a box over it (the receipt QR code, the operator's
        # PIN) the pause starts again once the box closes (``on_screen_resume``).
        if self.app.screen is self:
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

    def on_resize(self, event: events.Resize) -> None:
        for tap in self.query("#receipt-qr-show").results(Tap):
            tap.update(_(QR_WORDS if event.size.width >= WIDE_FROM else QR_WORDS_SHORT))

    def on_mouse_down(self, event: events.MouseDown) -> None:
        self._more_time()

    @on(Tap.Pressed, "#finish")
    def _finish_pressed(self) -> None:
        self.dismiss(None)

    @on(Tap.Pressed, "#receipt-qr-show")
    def _show_qr(self) -> None:
        if self.code is not None:
            self.app.push_screen(ReceiptQrModal(self.code, pause=self.pause))

    @on(Tap.Pressed, "#use-phone")
    def _use_phone(self) -> None:
        self.post_message(PhoneWanted())

    @on(Tap.Pressed, "#read-thanks")
    def _read(self) -> None:
        self._more_time()
        self.post_message(Toolbar.Used(Tool.READ))
