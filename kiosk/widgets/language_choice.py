"""``LanguageChoice``: the survey's languages as large buttons, each by its own name.

The welcome screen shows it when the survey carries more than one language
("English", "Cymraeg", "Polski", "Easy Read"…). Each button is a ``Tap``, so it
works by touch, by Tab and Enter, and by the arrow keys along the row; the one in
use is marked with a tick, never by colour alone. Choosing one posts ``Chosen``
and the kiosk sets the whole visit in that language.

A language written right to left (Urdu, Arabic) is shown as its speakers read it:
the letters are put in the order the eye meets them, since the terminal writes
every line left to right. Its words would come out broken in the terminal, so
choosing it offers the phone or tablet page instead (the kiosk says so).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal
from textual.message import Message

from kiosk.widgets.tap import Tap
from surveys.languages import Language, language

CHOSEN_MARK = "✓ "
"""Before the name of the language in use: shown in words and shape, not colour."""


def visual_name(found: Language) -> str:
    """The language's own name as the terminal should draw it: right-to-left names
    in the order the eye meets them, with the English name beside them."""
    if not found.right_to_left:
        return found.own_name
    return f"{found.own_name[::-1]} ({found.english_name})"


class LanguageTap(Tap):
    """One language's button."""

    def __init__(self, code: str, *, chosen: bool) -> None:
        found = language(code)
        self.code = code
        self.name_shown = visual_name(found) if found is not None else code
        super().__init__(self._words(chosen), id=f"language-{code}", classes="language")

    def _words(self, chosen: bool) -> str:
        return f"{CHOSEN_MARK}{self.name_shown}" if chosen else self.name_shown

    def show_chosen(self, chosen: bool) -> None:
        """Mark (or unmark) this button as the language in use."""
        self.set_class(chosen, "-chosen")
        self.update(self._words(chosen))


class LanguageChoice(Horizontal):
    """A row of large buttons, one for each of the survey's languages."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("left", "move(-1)", "Previous language", show=False),
        Binding("right", "move(1)", "Next language", show=False),
    ]

    DEFAULT_CSS = """
    LanguageChoice {
        width: auto;
        height: auto;
        margin: 0 0 1 0;
    }
    LanguageChoice > LanguageTap {
        margin: 0 1 0 0;
        padding: 0 1;
        min-width: 6;
    }
    LanguageChoice > LanguageTap.-chosen {
        text-style: bold;
    }
    """

    class Chosen(Message):
        """A language was chosen (its code), by touch or key."""

        def __init__(self, code: str) -> None:
            super().__init__()
            self.code = code

    def __init__(self, codes: Sequence[str], chosen: str, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.codes = tuple(codes)
        self.chosen = chosen

    def compose(self) -> ComposeResult:
        for code in self.codes:
            yield LanguageTap(code, chosen=code == self.chosen)

    def show_chosen(self, code: str) -> None:
        """Mark ``code`` as the language in use (the kiosk changed it)."""
        self.chosen = code
        for tap in self.query(LanguageTap):
            tap.show_chosen(tap.code == code)

    def names(self) -> list[str]:
        """The names on the buttons, in order (for reading aloud)."""
        return [tap.name_shown for tap in self.query(LanguageTap)]

    def action_move(self, step: int) -> None:
        """Left and right move along the row of languages."""
        taps = list(self.query(LanguageTap))
        focused = self.screen.focused
        if not taps:
            return
        at = taps.index(focused) if focused in taps else 0
        taps[(at + step) % len(taps)].focus()

    @on(Tap.Pressed, "LanguageTap")
    def _pressed(self, event: Tap.Pressed) -> None:
        event.stop()
        tap = event.tap
        if isinstance(tap, LanguageTap):
            self.post_message(self.Chosen(tap.code))
