"""Consent: the exact shipped words, optional ticks (unticked), and two plain choices.

Nothing is pre-selected: the focus starts on the words, so Enter alone agrees to
nothing. "Yes, I agree" and "No thanks" are equal in size.
"""

from __future__ import annotations

from dataclasses import dataclass

from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.widgets import Static

from accessibility import narration
from kiosk.safe_text import safe_text
from kiosk.screens.base import KioskScreen, Say
from kiosk.widgets.choice_list import ChoiceItem
from kiosk.widgets.tap import Tap
from kiosk.widgets.toolbar import Tool, Toolbar
from surveys.consent import consent_text
from surveys.model import ConsentBlock

NOT_HERE = "When you are ready, choose “Yes, I agree” or “No thanks”."


@dataclass(frozen=True, slots=True)
class ConsentChoice:
    """What the person chose: agreed or not, and which optional ticks they ticked."""

    agreed: bool
    ticked: frozenset[str] = frozenset()


class ConsentScreen(KioskScreen["ConsentChoice | None"]):
    """Returns a ``ConsentChoice``, or None for Back."""

    TOOLS = frozenset(Tool)

    DEFAULT_CSS = """
    ConsentScreen #consent-text {
        height: auto;
        margin: 0 0 1 0;
    }
    ConsentScreen #consent-body {
        border-left: thick $background;
    }
    ConsentScreen #consent-body:focus {
        border-left: thick $border;
    }
    ConsentScreen #consent-actions {
        align: left top;
    }
    ConsentScreen #consent-actions > ChoiceItem {
        margin: 0 0 1 0;
    }
    ConsentScreen #choices {
        height: auto;
        width: 100%;
    }
    ConsentScreen #choices > Tap {
        width: 1fr;
        height: 3;
        margin: 0 1 0 0;
    }
    ConsentScreen #note {
        margin: 0;
    }
    """

    def __init__(self, block: ConsentBlock) -> None:
        super().__init__()
        self.block = block
        self.text = consent_text(block)
        self.ticks = block.ticks

    def compose(self) -> ComposeResult:
        yield Static("Before you start", classes="where", markup=False)
        with VerticalScroll(classes="body", id="consent-body"):
            yield Static(safe_text(self.text), id="consent-text")
        with Vertical(classes="actions", id="consent-actions"):
            for tick in self.ticks:
                yield ChoiceItem(tick.id, tick.text, number="", mark="check", group="ticks")
            yield Static("", classes="note", id="note", markup=False)
            with Horizontal(id="choices"):
                yield Tap("Yes, I agree", id="agree")
                yield Tap("No thanks", id="decline")
        yield Toolbar(self.TOOLS, faded={Tool.SKIP})

    def on_mount(self) -> None:
        self.query_one("#consent-body").focus()

    def narration(self) -> str:
        return narration.consent_screen(self.block, self._ticked())

    def meaning(self) -> tuple[str | None, str]:
        return (
            "This page tells you what happens to your answers. "
            "If you agree, choose Yes, I agree. If not, choose No thanks. "
            "Nothing is kept if you say no.",
            self.text + " " + " ".join(tick.text for tick in self.ticks),
        )

    def _ticked(self) -> frozenset[str]:
        return frozenset(str(item.value) for item in self.query(ChoiceItem) if item.selected)

    @on(ChoiceItem.Picked)
    @on(ChoiceItem.GoOn)
    def _tick(self, event: ChoiceItem.Picked | ChoiceItem.GoOn) -> None:
        event.stop()
        event.item.set_selected(not event.item.selected)
        number = next(n for n, t in enumerate(self.ticks, 1) if t.id == event.item.value)
        state = "ticked" if event.item.selected else "not ticked"
        self.post_message(
            Say(f"Tick {number}: {narration.sentence(event.item.words)} Now {state}.")
        )

    @on(Tap.Pressed, "#agree")
    def _agree(self) -> None:
        self.dismiss(ConsentChoice(True, self._ticked()))

    @on(Tap.Pressed, "#decline")
    def _decline(self) -> None:
        self.dismiss(ConsentChoice(False))

    def tool_back(self) -> None:
        self.dismiss(None)

    def tool_skip(self) -> None:
        self.query_one("#note", Static).update(NOT_HERE)
        self.post_message(Say(narration.error(NOT_HERE)))
