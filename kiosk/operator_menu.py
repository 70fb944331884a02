"""The kiosk's one operator key: F12, then the PIN, then the operator menu.

The PIN is checked in a worker thread (``PinModal``); with ``--unlocked`` the menu
opens straight away. The menu shows counts and set-up notes, takes an answer back
by its receipt code, and closes the kiosk. A helper ``KioskApp`` owns: it is given
what it shows and does, and never imports the App.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from textual.app import App

    from kiosk.screens.operator_screen import Counts
    from kiosk.services import KioskServices
    from surveys.operator_pin import OperatorPin


def operator_notices(services: KioskServices) -> tuple[str, ...]:
    """Set-up notes for the operator menu and log only (the demo key)."""
    if not services.sealer.demo:
        return ()
    from surveys.sealing import DEMO_KEY_NOTICE  # noqa: PLC0415 — loaded with the keys

    return (DEMO_KEY_NOTICE,)


def overdue_notice(services: KioskServices) -> tuple[str, ...]:
    """ "3 actions are overdue" when the data folder's action log has overdue items.

    A log that can't be read says so, for the coordinator to put right; nothing here
    ever changes it. No log, or nothing overdue: no note.
    """
    from surveys.action_model import overdue_sentence  # noqa: PLC0415 — only when the menu opens
    from surveys.action_reader import default_action_log, load_action_log  # noqa: PLC0415 — as above

    path = default_action_log(services.home)
    if not path.exists():
        return ()
    result = load_action_log(path)
    if result.log is None:
        return (f"The action log has problems to put right: run 'kiosk check {path}'.",)
    count = len(result.log.overdue(services.clock.now().date()))
    sentence = overdue_sentence(count)
    return (f"{sentence}. Open 'kiosk actions' to see them.",) if sentence else ()


class OperatorMenu:
    """F12 → PIN → the operator menu, for ``KioskApp``."""

    def __init__(
        self,
        app: App[Any],
        *,
        unlocked: bool,
        pin: Callable[[], OperatorPin],
        services: Callable[[], KioskServices],
        close: Callable[[], None],
    ) -> None:
        self.app = app
        self.unlocked = unlocked
        self._pin = pin
        self._services = services
        self._close = close
        """Forget the visit and close the kiosk (after the menu's audit line)."""

    def open(self) -> None:
        """F12: the PIN prompt (or, when unlocked, the operator menu straight away)."""
        if getattr(self.app.screen, "OPERATOR_ONLY", False):
            return
        if self.unlocked:
            self._open_menu()
            return
        from kiosk.screens.pin_modal import PinModal  # noqa: PLC0415 — see kiosk.startup

        self.app.push_screen(PinModal(self._pin().check), self._pin_answered)

    def _pin_answered(self, unlocked: bool | None) -> None:
        if unlocked:
            self._open_menu()

    def _open_menu(self) -> None:
        from kiosk.screens.operator_screen import OperatorActions, OperatorScreen  # noqa: PLC0415 — see kiosk.startup

        actions = OperatorActions(
            counts=self._counts, withdraw=self._withdraw, close_kiosk=self._close_kiosk
        )
        self.app.push_screen(OperatorScreen(actions))

    def _counts(self) -> Counts:
        from kiosk.screens.operator_screen import Counts  # noqa: PLC0415 — see kiosk.startup

        services = self._services()
        store = services.store
        return Counts(
            sent_this_session=store.count(services.session.id),
            declined_this_session=store.declines(services.session.id),
            sent_all_sessions=sum(store.count(session.id) for session in store.sessions()),
            tidy_up=services.tidy.describe() if services.tidy else None,
            notices=operator_notices(services) + overdue_notice(services),
        )

    def _withdraw(self, code: str) -> tuple[bool, str]:
        return self._services().withdraw(code)  # says so when the code is past the cut-off

    def _close_kiosk(self) -> None:
        self._services().audit.record("kiosk-closed")
        self._close()
