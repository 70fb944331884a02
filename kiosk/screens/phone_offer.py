"""The "Use my own phone" offer: the words read aloud for it.

Kept apart from ``phone_screen`` (which draws QR codes) so the welcome and
thank-you screens can offer a phone without loading the QR drawing first. Its
message, ``PhoneWanted``, is in ``kiosk.messages``.
"""

from __future__ import annotations

from surveys.catalogues import N_

OFFER_WORDS = N_("You can also answer on your own phone. Choose Use my own phone.")
"""What "Read aloud" adds on a screen that offers "Use my own phone"."""
