"""The thank-you screen's "Show my code as a QR code": the code decodes to exactly the
receipt code (no link, no phone page needed), and the box closes itself so a code is
never left on show."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from textual.pilot import Pilot

from kiosk.screens.thanks_screen import ThanksScreen
from kiosk.widgets.qr_code import QRCodeWidget
from kiosk.widgets.receipt_code import ReceiptCode
from tests.support.kiosk import Kiosk, begin, press, tap
from tests.support.phones import decode_widget, screen_name, wait_for

SIZE = (80, 24)
MakeKiosk = Callable[..., Kiosk]


async def send_on_the_kiosk(pilot: Pilot[Any]) -> None:
    """Answer the short survey on the kiosk itself and press Send."""
    await begin(pilot)
    await press(pilot, "1", "enter")  # How was today? Good
    await press(pilot, "1", "enter")  # Would you come again? Yes
    await press(pilot, *"fine", "enter")  # Anything else?
    await tap(pilot, "#send")


async def test_the_receipt_qr_code_reads_as_exactly_the_receipt_code(
    make_kiosk: MakeKiosk,
) -> None:
    kiosk = make_kiosk(phones=None)  # no phone page needed
    async with kiosk.app.run_test(size=SIZE) as pilot:
        await send_on_the_kiosk(pilot)
        thanks = kiosk.app.screen
        assert isinstance(thanks, ThanksScreen)
        assert thanks.code is not None
        shown = thanks.query_one(ReceiptCode).code
        await tap(pilot, "#receipt-qr-show")
        assert screen_name(kiosk.app) == "ReceiptQrModal"
        decoded = decode_widget(kiosk.app.screen.query_one("#receipt-qr", QRCodeWidget))
        await tap(pilot, "#receipt-qr-done")
        assert kiosk.app.screen is thanks
    assert decoded == [thanks.code]
    assert decoded == [shown]
    assert "http" not in decoded[0]
    assert len(kiosk.answers()) == 1


async def test_the_receipt_qr_box_closes_itself_and_the_kiosk_goes_home(
    make_kiosk: MakeKiosk,
) -> None:
    kiosk = make_kiosk(phones=None, thanks_seconds=0.6)
    async with kiosk.app.run_test(size=SIZE) as pilot:
        await send_on_the_kiosk(pilot)
        await tap(pilot, "#receipt-qr-show")
        assert screen_name(kiosk.app) == "ReceiptQrModal"
        await wait_for(pilot, lambda: screen_name(kiosk.app) == "ThanksScreen", seconds=3)
        await wait_for(pilot, lambda: screen_name(kiosk.app) == "WelcomeScreen", seconds=3)
