"""A kiosk screen whose body comes in pages (``kiosk.widgets.paging``).

Consent, the question and "Check your answers" split their body into pages that fit.
Whenever the room may have changed — a new window size, a text size chosen with F6,
coming back from a box, the body itself resizing — the pages are split again. That
rule lives here once; each screen says only how it splits (``lay_out_pages``).
"""

from __future__ import annotations

from textual import events, on

from kiosk.screens.base import KioskScreen, ResultT
from kiosk.widgets.paging import PageBody


class PagedScreen(KioskScreen[ResultT]):
    """A ``KioskScreen`` that splits its body again whenever its room may change."""

    def lay_out_pages(self) -> None:
        """Split the body into pages that fit, and show the person's page."""
        raise NotImplementedError

    def on_resize(self, event: events.Resize) -> None:
        self.call_after_refresh(self.lay_out_pages)

    def on_screen_resume(self) -> None:
        self.call_after_refresh(self.lay_out_pages)

    @on(PageBody.Resized)
    def _body_resized(self) -> None:
        self.lay_out_pages()  # laid out already: split the pages now, before anything is drawn

    def notify_style_update(self) -> None:
        super().notify_style_update()
        if self.is_mounted:  # a new text size (F6): measured again at once
            self.call_after_refresh(self.lay_out_pages)
