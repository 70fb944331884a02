"""Getting the first screen up quickly, then everything else.

A participant meets the welcome screen first, and it needs very little: the survey's
title and a Start button. So the kiosk draws it before doing anything else, and only
then, while the person is reading it,

1. opens its data (``kiosk.commands.run.open_kiosk``: storage checked, keys, tidy-up);
2. starts the speech engine;
3. loads the code for the screens that come later (``LATER``), one module per
   turn of the event loop so a key pressed meanwhile is never held up for long.

Python's cyclic garbage collector is paused while the kiosk starts
(``collection_paused``): start-up makes many objects that live as long as the
kiosk, and collecting them again and again only costs time. Once the first screen
is up, those objects are frozen (``gc.freeze``: never scanned again) and collection
resumes as normal. ``python -m benchmarks kiosk`` measures the whole start.
"""

from __future__ import annotations

import gc
import importlib
from collections.abc import Iterator
from contextlib import contextmanager

LATER = (
    "kiosk.screens.preferences_screen",
    "kiosk.screens.consent_screen",
    "kiosk.screens.question_screen",
    "kiosk.screens.review_screen",
    "kiosk.screens.thanks_screen",
    "kiosk.screens.stop_modal",
    "kiosk.screens.break_modal",
    "kiosk.screens.help_modal",
    "kiosk.screens.idle_modal",
    "kiosk.screens.problem_modal",
    "kiosk.screens.pin_modal",
    "kiosk.screens.operator_screen",
    "kiosk.narration",
    "accessibility.glossary",
    "surveys.sending",
)
"""Modules for the screens after the welcome, loaded once the first screen is up."""

PHONES_LATER = ("kiosk.screens.phone_screen",)
"""Also loaded early when the phone page is on."""


class _Collector:
    paused = False
    """True while ``collection_paused`` holds the collector off."""


@contextmanager
def collection_paused() -> Iterator[None]:
    """Pause the cyclic garbage collector while the kiosk starts.

    ``resume_collection`` resumes it once the first screen is up; leaving this block
    resumes it too, whatever happened, so it is never left off.
    """
    _Collector.paused = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        resume_collection()


def resume_collection() -> None:
    """Freeze what start-up made and switch the collector back on (if it was paused)."""
    if _Collector.paused:
        _Collector.paused = False
        gc.freeze()
        gc.enable()


def load_module(name: str) -> None:
    """Import one of the ``LATER`` modules now (a no-op when it is already loaded)."""
    importlib.import_module(name)
