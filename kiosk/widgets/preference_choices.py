"""The "How would you like to take part?" choices: text size, read aloud, speed, colours.

Used by the screen before consent and by the "Text and sound" box that any screen
can open. Each pick posts ``Changed`` at once, so the App shows the new size and
colours straight away. When read-aloud can't work on this device, one plain
sentence (``speech_problem``) is shown once, under the read-aloud choice.
"""

from __future__ import annotations

from dataclasses import replace
from enum import StrEnum

from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.message import Message
from textual.timer import Timer
from textual.widgets import Static

from kiosk.messages import Say
from kiosk.preferences import (
    COLOUR_WORDS,
    SPEED_WORDS,
    TEXT_SIZE_WORDS,
    Colours,
    Preferences,
    Speed,
    TextSize,
)
from kiosk.problems import Guarded
from kiosk.widgets.choice_list import ChoiceItem
from surveys.catalogues import N_, _

PROBLEM_CHECKS = 20
"""How many times (every half second) to look for a speech problem found after start-up."""
SPEED_SAMPLE = N_("This is how fast I will read.")


class Group(StrEnum):
    """The preference each row of choices sets."""

    TEXT_SIZE = "text_size"
    READ_ALOUD = "read_aloud"
    SPEED = "speed"
    COLOURS = "colours"


GROUPS: list[tuple[Group, str, list[tuple[object, str]]]] = [
    (Group.TEXT_SIZE, N_("Text size"), [(size, TEXT_SIZE_WORDS[size]) for size in TextSize]),
    (Group.READ_ALOUD, N_("Read each screen aloud"), [(False, N_("No")), (True, N_("Yes"))]),
    (Group.SPEED, N_("Reading speed"), [(speed, SPEED_WORDS[speed]) for speed in Speed]),
    (Group.COLOURS, N_("Colours"), [(colours, COLOUR_WORDS[colours]) for colours in Colours]),
]


def speech_problem(app: object) -> str | None:
    """What to tell people when read-aloud can't work here, else None.

    The one way every screen and box asks: the kiosk App's ``speech_problem``, which
    also writes the cause to the kiosk's log (once).
    """
    ask = getattr(app, "speech_problem", None)
    problem = ask() if callable(ask) else None
    return problem if isinstance(problem, str) and problem else None


class PreferenceChoices(Guarded, Vertical):
    """Rows of choices, one per preference; ``preferences`` is what is chosen now."""

    DEFAULT_CSS = """
    PreferenceChoices {
        height: auto;
        width: 100%;
    }
    PreferenceChoices .group-title {
        text-style: bold;
        margin: 1 0 0 0;
    }
    PreferenceChoices .group {
        height: auto;
    }
    PreferenceChoices .group > ChoiceItem {
        width: 1fr;
    }
    PreferenceChoices #speech-problem {
        color: $text-warning;
        height: auto;
        display: none;
    }
    PreferenceChoices #speech-problem.-shown {
        display: block;
    }
    """

    class Changed(Message, namespace="preferences_screen"):
        """A preference was picked; the App shows it straight away.

        (Handled as ``on_preferences_screen_changed``, as before this widget was shared.)
        """

        def __init__(self, preferences: Preferences) -> None:
            super().__init__()
            self.preferences = preferences

    def __init__(self, preferences: Preferences, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.preferences = preferences
        self.problem: str | None = None
        self._checks = 0
        self._watch: Timer | None = None

    def compose(self) -> ComposeResult:
        speech_off = getattr(self.app, "speech_off", False)  # KIOSK_SPEECH=off: not offered
        for group, title, options in GROUPS:
            if speech_off and group in (Group.READ_ALOUD, Group.SPEED):
                continue
            yield Static(_(title), classes="group-title", markup=False)
            with Horizontal(classes="group", id=f"group-{group.value.replace('_', '-')}"):
                current = getattr(self.preferences, group.value)
                for value, words in options:
                    item = ChoiceItem(value, _(words), number="", mark="radio", group=group.value)
                    item.selected = type(value) is type(current) and value == current
                    item.set_class(item.selected, "-selected")
                    yield item
            if group is Group.READ_ALOUD:
                yield Static("", id="speech-problem", markup=False)

    def on_mount(self) -> None:
        if not self._show_problem():
            self._watch = self.set_interval(0.5, self._look_for_problem)

    def _show_problem(self) -> bool:
        if getattr(self.app, "speech_off", False):
            return True  # read-aloud isn't offered, so there is nothing to warn about
        problem = speech_problem(self.app)
        if problem is None:
            return False
        self.problem = problem
        note = self.query_one("#speech-problem", Static)
        note.update(problem)
        note.add_class("-shown")
        return True

    def _look_for_problem(self) -> None:
        self._checks += 1
        if (self._show_problem() or self._checks >= PROBLEM_CHECKS) and self._watch is not None:
            self._watch.stop()

    def focus_first(self) -> None:
        """Focus the chosen text size."""
        items = list(self.query(ChoiceItem))
        chosen = [item for item in items if item.selected]
        (chosen or items)[0].focus()

    def pick(self, item: ChoiceItem) -> None:
        """Choose ``item`` in its row, and tell the App at once."""
        for other in self.query(ChoiceItem):
            if other.group == item.group:
                other.set_selected(other is item)
        before = self.preferences
        value = item.value
        if item.group == Group.TEXT_SIZE and isinstance(value, TextSize):
            self.preferences = replace(before, text_size=value)
        elif item.group == Group.COLOURS and isinstance(value, Colours):
            self.preferences = replace(before, colours=value)
        elif item.group == Group.READ_ALOUD and isinstance(value, bool):
            self.preferences = replace(before, read_aloud=value)
        elif item.group == Group.SPEED and isinstance(value, Speed):
            self.preferences = replace(before, speed=value)
        self.post_message(self.Changed(self.preferences))
        if self.preferences.speed != before.speed:
            self.post_message(Say(_(SPEED_SAMPLE)))
        elif self.preferences.read_aloud and not before.read_aloud:
            self.post_message(Say(_("Read aloud is on.")))

    @on(ChoiceItem.Picked)
    @on(ChoiceItem.GoOn)
    def _picked(self, event: ChoiceItem.Picked | ChoiceItem.GoOn) -> None:
        event.stop()
        self.pick(event.item)
