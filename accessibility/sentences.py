"""The building blocks of every sentence read aloud: stops, joins, the language, buttons.

Each message spoken to a participant is one whole sentence (or a few), marked for
translation in the ``aids`` catalogue, with values as named ``{placeholders}``:
never glued from pieces, so every language can put the words in its own order.
``speaking(words)`` gives the language to speak in: the ``Words`` a caller serving
many people passes (a phone page), else the kiosk screen's own language.
"""

from __future__ import annotations

from collections.abc import Iterable

from surveys import catalogues
from surveys.catalogues import N_, Words
from surveys.languages import SOURCE_LANGUAGE

STOPS = ".?!:;…。۔؟"
"""Marks that already end a sentence (Urdu ends one with "۔" and asks with "؟")."""


def speaking(words: Words | None = None) -> Words:
    """``words`` when given, else the kiosk screen's language (``use_language``)."""
    return words if words is not None else catalogues.words(catalogues.active_language())


def translated(words: Words, message: str) -> bool:
    """True when ``words`` has its own words for ``message`` (English never does: its
    words are the message itself)."""
    return words.language != SOURCE_LANGUAGE and words.has(message)


def _arabic_script(text: str) -> bool:
    """True when the last letter of ``text`` is in the Arabic script (Urdu)."""
    letter = next((c for c in reversed(text) if c.isalpha()), "")
    return "\u0600" <= letter <= "\u06ff"


def sentence(text: str) -> str:
    """``text`` trimmed and ending with a stop, so speech pauses after it (Urdu's
    own "۔" after Urdu words)."""
    text = " ".join(text.split())
    if not text:
        return ""
    if text[-1] in STOPS:
        return text
    return f"{text}۔" if _arabic_script(text) else f"{text}."


def join(parts: Iterable[str]) -> str:
    """Each part as a ``sentence``, joined with spaces; empty parts are left out."""
    return " ".join(part for part in (sentence(p) for p in parts) if part)


def listed(items: list[str], words: Words | None = None) -> str:
    """ "Tea", "Tea and Coffee", "Tea, Milk and Coffee" in the language spoken."""
    if len(items) <= 1:
        return "".join(items)
    return speaking(words)(N_("{items} and {last}"), items=", ".join(items[:-1]), last=items[-1])


# The kiosk's buttons, named in spoken sentences ("then press {button}"). The screens
# show the same words, so a translation of a button name is shared with the screen.
NEXT = N_("Next")
START = N_("Start")
YES_I_AGREE = N_("Yes, I agree")
NO_THANKS = N_("No thanks")
CHANGE = N_("Change")
SEND_MY_ANSWERS = N_("Send my answers")
DELETE_MY_ANSWERS = N_("Delete my answers")
CANCEL = N_("Cancel")
I_AM_READY = N_("I am ready")
SEND_MY_CHOICES = N_("Send my choices")
UP = N_("Up")
DOWN = N_("Down")

DEFAULT_SCALE_WORDS = (
    N_("Strongly disagree"),
    N_("Disagree"),
    N_("Neither agree nor disagree"),
    N_("Agree"),
    N_("Strongly agree"),
)
"""The words of ``surveys.model.DEFAULT_SCALE_LABELS`` (the same English), marked so
a scale without its own points is read aloud in the language spoken."""
