"""The "Use my own phone" offer: its message and the words read aloud for it.

Kept apart from ``phone_screen`` (which draws QR codes) so the welcome and
thank-you screens can offer a phone without loading the QR drawing first.
"""

from __future__ import annotations

from textual.message import Message

OFFER_WORDS = "You can also answer on your own phone. Choose Use my own phone."
"""What "Read aloud" adds on a screen that offers "Use my own phone"."""


class PhoneWanted(Message):
    """Someone pressed "Use my own phone" (posted by the welcome and thank-you screens)."""
