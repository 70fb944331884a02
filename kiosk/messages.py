"""Messages a screen or widget posts up to whichever app it runs in ("messages up").

A screen never reaches into its app for something it doesn't own; it asks, and the
app (the kiosk, or the console while the tablet is passed round) answers:

- ``Say``: words to read aloud as something happens (a kind warning, a tick, a new
  reading speed), spoken only when the person chose read-aloud (``F2`` reads the
  screen whenever).
- ``PhoneWanted``: "Use my own phone" (the welcome and thank-you screens).
- ``PreferencesWanted``: "Text and sound" (F6) on a screen that offers it.

And one sent DOWN when the person chooses a language (``language_changed``): every
widget already on screen that drew words before the choice (the toolbar) draws them
again in the new language. Screens composed after the choice need nothing.

And one the facilitator's apps post down to their screens: ``LiveChanged``.
"""

from __future__ import annotations

from textual.dom import DOMNode
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


class LanguageChanged(Message):
    """The kiosk's screens now speak another language (``use_language`` was called):
    a widget that drew words already draws them again (``on_language_changed``).

    Sent to each widget directly by ``language_changed``; it does not bubble.
    """

    bubble = False


def language_changed(screen: DOMNode) -> None:
    """Tell ``screen`` and everything on it that the language changed — call it right
    after ``surveys.catalogues.use_language`` (the welcome screen's chooser does)."""
    for node in (screen, *screen.query("*")):
        node.post_message(LanguageChanged())
