"""Messages a screen or widget posts up to whichever app it runs in ("messages up").

A screen never reaches into its app for something it doesn't own; it asks, and the
app (the kiosk, or the console while the tablet is passed round) answers:

- ``Say``: words to read aloud as something happens (a kind warning, a tick, a new
  reading speed), spoken only when the person chose read-aloud (``F2`` reads the
  screen whenever).
- ``PhoneWanted``: "Use my own phone" (the welcome and thank-you screens).
- ``PreferencesWanted``: "Text and sound" (F6) on a screen that offers it.

And one the facilitator's apps post down to their screens: ``LiveChanged``.
"""

from __future__ import annotations

from textual.message import Message


class Say(Message, namespace="kiosk"):
    """Words to read aloud now, if the person chose read-aloud (``on_kiosk_say``)."""

    def __init__(self, text: str) -> None:
        super().__init__()
        self.text = text


class PhoneWanted(Message):
    """Someone pressed "Use my own phone" (posted by the welcome and thank-you screens)."""


class PreferencesWanted(Message):
    """ "Text and sound" (F6) on a screen that offers it: the app opens the box."""


class LiveChanged(Message):
    """The session's tallies changed (here or in another process): redraw.

    Votes can arrive in bursts; a waiting ``LiveChanged`` is replaced by a newer one,
    so a burst becomes one redraw.
    """

    def can_replace(self, message: Message) -> bool:
        """Any earlier ``LiveChanged`` still waiting says nothing this one doesn't."""
        return isinstance(message, LiveChanged)


# -- the language of the visit (lang-choice: defined here until lang-screens' lands) --


class LanguageChanged(Message):
    """The visit's language changed (the welcome screen's choice, or back to the
    survey's own for the next person): screens and widgets that stay up redraw
    their words (``surveys.catalogues._`` already gives the new language)."""

    def __init__(self, code: str) -> None:
        super().__init__()
        self.code = code
