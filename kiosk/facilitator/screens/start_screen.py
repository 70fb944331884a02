"""Start a live-poll session: its name, date, headcount and (optionally) who is here.

Only numbers are asked for, never names. Warnings about who is missing, or about one
group filling more than half the room, appear as the numbers are typed. A session
already started today for the same polls can be carried on instead.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import Screen
from textual.widgets import Footer, Input, Static

from kiosk.problems import Guarded
from kiosk.safe_text import safe_text
from kiosk.widgets.tap import Tap
from surveys import groups
from surveys.facilitation import Resumable, group_words
from surveys.plan_model import SessionPlan
from surveys.plurals import counted
from surveys.poll_files import PollSet
from surveys.polls import Room, representation_warnings
from surveys.storage.tallies import PollSession

MOST_PEOPLE = 999


@dataclass(frozen=True, slots=True)
class StartChoice:
    """A new room to start, or a stored session to carry on."""

    room: Room | None = None
    resume: PollSession | None = None


def _number(text: str) -> int | None:
    text = text.strip()
    return int(text) if text.isdigit() else None


class StartScreen(Guarded, Screen[StartChoice]):
    """The form that starts (or resumes) a session."""

    AUTO_FOCUS = ""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+q", "app.quit", "Close the console", id="quit"),
    ]

    DEFAULT_CSS = """
    StartScreen #start-form {
        padding: 0 2;
    }
    StartScreen #start-top {
        dock: top;
        height: auto;
        padding: 0 2;
        background: $panel;
    }
    StartScreen .title {
        text-style: bold;
    }
    StartScreen #start-form .title {
        margin: 1 0 0 0;
    }
    StartScreen .label {
        margin: 1 0 0 0;
    }
    StartScreen .resume {
        width: 100%;
        margin: 1 0 0 0;
    }
    StartScreen .group-row {
        height: auto;
    }
    StartScreen .group-row > Static {
        width: 1fr;
        padding: 1 1 0 0;
    }
    StartScreen .group-row > Input {
        width: 10;
    }
    StartScreen #start-bottom {
        dock: bottom;
        height: auto;
        padding: 0 2;
        background: $panel;
    }
    StartScreen #warnings {
        color: $warning;
        height: auto;
        max-height: 4;
    }
    StartScreen #problem {
        color: $error;
        height: auto;
    }
    StartScreen #start {
        width: 100%;
    }
    """

    def __init__(
        self,
        poll_set: PollSet,
        today: str,
        resumable: list[Resumable],
        plan: SessionPlan | None = None,
    ) -> None:
        super().__init__()
        self.poll_set = poll_set
        self.today = today
        self.resumable = resumable
        self.plan = plan
        """The session plan about to run (``kiosk facilitate PLAN.yaml``), or None."""

    def compose(self) -> ComposeResult:
        count = len(self.poll_set.polls)
        with Vertical(id="start-top"):
            if self.plan is not None:
                stages = counted(len(self.plan.stages), "stage")
                yield Static("Start a focus group session", classes="title", markup=False)
                yield Static(safe_text(f"Plan: {self.plan.title} ({stages})"))
            else:
                yield Static("Start a live poll session", classes="title", markup=False)
                yield Static(safe_text(f"Polls: {self.poll_set.title} ({counted(count, 'poll')})"))
        with VerticalScroll(id="start-form"):
            if self.resumable:
                earlier = (
                    "Carry on a session from earlier today or yesterday:"
                    if any(item.yesterday for item in self.resumable)
                    else "Carry on a session from earlier today:"
                )
                yield Static(earlier, classes="label")
                for number, item in enumerate(self.resumable):
                    yield Tap(
                        safe_text(f"Carry on: {item.words}", one_line=True),
                        id=f"resume-{number}",
                        classes="resume",
                    )
                yield Static("Or start a new one:", classes="title", markup=False)
            yield Static("Name of the session", classes="label", markup=False)
            yield Input(placeholder=self.poll_set.title, max_length=80, id="name")
            yield Static("Date (year-month-day)", classes="label", markup=False)
            yield Input(self.today, max_length=10, id="date")
            yield Static("How many people are here?", classes="label", markup=False)
            yield Input(restrict=r"[0-9]*", max_length=3, id="expected")
            yield Static(
                "How many from each group? You can leave this out. Numbers only, never names.",
                classes="label",
                markup=False,
            )
            for group in groups.GROUPS:
                with Horizontal(classes="group-row"):
                    yield Static(group_words(group.id), markup=False)
                    yield Input(restrict=r"[0-9]*", max_length=3, id=f"group-{group.id}")
        with Vertical(id="start-bottom"):
            yield Static("", id="warnings", markup=False)
            yield Static("", id="problem", markup=False)
            yield Tap("Start the session", id="start", classes="-main")
        yield Footer()

    def on_mount(self) -> None:
        # Carrying on is the likely choice when there is a session from earlier today.
        self.query_one("#resume-0" if self.resumable else "#name").focus()

    # -- reading the form ---------------------------------------------------------

    def _value(self, selector: str) -> str:
        return self.query_one(selector, Input).value

    def _room(self) -> Room:
        counts = {
            group.id: number
            for group in groups.GROUPS
            if (number := _number(self._value(f"#group-{group.id}"))) is not None
        }
        name = self._value("#name").strip() or self.poll_set.title
        expected = _number(self._value("#expected")) or 0
        return Room(name, self._value("#date").strip(), expected, counts)

    def warnings(self) -> list[str]:
        """What the console should point out about the room, in plain words."""
        room = self._room()
        found = representation_warnings(room)
        total = sum(room.groups.values())
        if room.expected and total > room.expected:
            found.append(
                f"The groups add up to {total}, which is more than the {room.expected} "
                "people you said are here."
            )
        return found

    @on(Input.Changed)
    def _changed(self) -> None:
        found = self.warnings()
        self.query_one("#warnings", Static).update(
            Text("\n".join(f"• {line}" for line in found)) if found else ""
        )
        self.query_one("#problem", Static).update("")

    # -- choosing -------------------------------------------------------------------

    def _problem(self, room: Room) -> str | None:
        try:
            dt.date.fromisoformat(room.date)
        except ValueError:
            return "Please write the date like this: 2026-11-25."
        if len(room.date) != len("2026-11-25"):
            return "Please write the date like this: 2026-11-25."
        if room.expected > MOST_PEOPLE:
            return "That headcount is very large. Please check it."
        return None

    @on(Input.Submitted)
    def _next_box(self) -> None:
        self.focus_next()

    @on(Tap.Pressed, "#start")
    def _start(self) -> None:
        room = self._room()
        problem = self._problem(room)
        if problem is not None:
            self.query_one("#problem", Static).update(problem)
            return
        self.dismiss(StartChoice(room=room))

    @on(Tap.Pressed, ".resume")
    def _resume(self, event: Tap.Pressed) -> None:
        number = int((event.tap.id or "resume-0").removeprefix("resume-"))
        self.dismiss(StartChoice(resume=self.resumable[number].found))
