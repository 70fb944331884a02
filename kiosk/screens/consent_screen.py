"""Consent: the exact shipped words in short parts, optional ticks (unticked), and two
plain choices.

The words come in parts that fit the screen, with large "◀ Previous part" and
"Next part ▶" targets and a count ("Part 2 of 4"), so every line can be reached by
touch without scrolling. "Yes, I agree" appears once the last part has been shown;
"No thanks" is there all the time. Nothing is pre-selected: the focus starts on the
words (or on "Next part"), so Enter alone agrees to nothing. "Yes, I agree" and
"No thanks" are equal in size.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.widget import Widget
from textual.widgets import Static

from accessibility import narration
from kiosk.messages import Say
from kiosk.safe_text import safe_text
from kiosk.screens.paged_screen import PagedScreen
from kiosk.widgets.choice_list import ChoiceItem
from kiosk.widgets.paging import CONSENT_PAGES, PageBody, Pager, outer_height, split_pages
from kiosk.widgets.tap import Tap
from kiosk.widgets.toolbar import Tool, Toolbar
from surveys.catalogues import N_, _, active_language
from surveys.consent import consent_text
from surveys.model import ConsentBlock

NOT_HERE = N_("When you are ready, choose “Yes, I agree” or “No thanks”.")
READ_ON = N_(
    "Please read each part first: choose “Next part”. You can choose “No thanks” at any time."
)


@dataclass(frozen=True, slots=True)
class ConsentChoice:
    """What the person chose: agreed or not, and which optional ticks they ticked."""

    agreed: bool
    ticked: frozenset[str] = frozenset()


def part_words(page: int, pages: int) -> str:
    """ "Part 2 of 4" for ``page`` counted from 0."""
    return _("Part {number} of {total}", number=page + 1, total=pages)


class ConsentScreen(PagedScreen["ConsentChoice | None"]):
    """Returns a ``ConsentChoice``, or None for Back."""

    TOOLS = frozenset(Tool)
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("pagedown", "turn(1)", "Next part", show=False),
        Binding("pageup", "turn(-1)", "Previous part", show=False),
    ]

    DEFAULT_CSS = """
    ConsentScreen #consent-body {
        border-left: thick $background;
    }
    ConsentScreen #consent-body:focus {
        border-left: thick $border;
    }
    ConsentScreen #consent-body > .consent-line {
        height: auto;
    }
    ConsentScreen #consent-body > ChoiceItem {
        margin: 1 0 0 0;
    }
    ConsentScreen #consent-body > .page-count {
        height: 1;
        color: $text-muted;
        margin: 0 0 1 0;
    }
    ConsentScreen #consent-actions {
        align: left top;
    }
    ConsentScreen #choices {
        height: 3;
        width: 100%;
    }
    ConsentScreen #choices > Horizontal {
        width: 1fr;
        height: 3;
    }
    ConsentScreen #choices Tap {
        width: 1fr;
        min-width: 0;
        height: 3;
        padding: 0 1;
        margin: 0 1 0 0;
    }
    ConsentScreen #note {
        margin: 0 0 1 0;
    }
    """

    def __init__(self, block: ConsentBlock) -> None:
        super().__init__()
        self.block = block
        self.text = consent_text(block, active_language())
        self.ticks = block.ticks
        self.lines = [line for line in self.text.splitlines() if line.strip()]
        self.page = 0
        self.pages: list[range] = [range(0)]
        self.seen_last = False
        """True once the last part has been on screen ("Yes, I agree" shows from then on)."""

    def compose(self) -> ComposeResult:
        yield Static(_("Before you start"), classes="where", markup=False)
        with PageBody(classes="body", id="consent-body"):
            yield Static("", classes="page-count", id="consent-count", markup=False)
            for line in self.lines:
                yield Static(safe_text(line), classes="consent-line")
            for tick in self.ticks:
                yield ChoiceItem(tick.id, tick.text, number="", mark="check", group="ticks")
        with Vertical(classes="actions", id="consent-actions"):
            yield Static("", classes="note", id="note", markup=False)
            with Horizontal(id="choices"):
                yield Pager(CONSENT_PAGES, id="consent-pager")
                with Horizontal(id="decide"):
                    yield Tap(_("Yes, I agree"), id="agree")
                    yield Tap(_("No thanks"), id="decline")
        yield Toolbar(self.TOOLS, faded={Tool.SKIP})

    def on_mount(self) -> None:
        self.query_one("#note").display = False
        self._show_agree(False)
        self.query_one("#consent-body").focus()
        self.call_after_refresh(self.lay_out_pages)

    # -- parts ---------------------------------------------------------------------

    def _pieces(self) -> list[Widget]:
        body = self.query_one("#consent-body")
        return [child for child in body.children if not child.has_class("page-count")]

    def lay_out_pages(self) -> None:
        """Split the words (and ticks) into parts that fit the screen, keeping the
        person's place, and show the current part."""
        if not self.is_attached or not self.query("#consent-body"):
            return  # the screen has gone (a late call after it was closed)
        body = self.query_one("#consent-body")
        room = body.scrollable_content_region
        if room.height <= 0 or room.width <= 0:
            return
        pieces = self._pieces()
        first = self.pages[self.page].start if self.pages[self.page] else 0
        heights = [outer_height(piece, room.width) for piece in pieces]
        if sum(heights) <= room.height:
            self.pages = [range(len(pieces))]
        else:
            count = self.query_one("#consent-count")
            self.pages = split_pages(heights, room.height - outer_height(count, room.width))
        self.page = next((number for number, page in enumerate(self.pages) if first in page), 0)
        self._show_part()

    def _show_part(self) -> None:
        pieces = self._pieces()
        shown = self.pages[self.page]
        with self.app.batch_update():
            for index, piece in enumerate(pieces):
                piece.display = index in shown
            count = self.query_one("#consent-count", Static)
            count.display = len(self.pages) > 1
            count.update(part_words(self.page, len(self.pages)))
            self.query_one(Pager).show_page(self.page, len(self.pages))
            body = self.query_one("#consent-body", VerticalScroll)
            body.scroll_home(animate=False, immediate=True)
        if self.page == len(self.pages) - 1 and not self.seen_last:
            self.seen_last = True
            self._show_agree(True)

    def _show_agree(self, show: bool) -> None:
        agree = self.query_one("#agree", Tap)
        agree.visible = show
        agree.can_focus = show

    def action_turn(self, step: int) -> None:
        """PageDown / PageUp turn the parts too."""
        self.turn(step)

    def turn(self, step: int) -> None:
        """Show the part ``step`` away (−1 back, +1 on), when there is one."""
        page = self.page + step
        if 0 <= page < len(self.pages):
            self.page = page
            self._show_part()
            self.post_message(Say(self.part_narration()))

    def part_narration(self) -> str:
        """The words of the part on screen, as read when the part is turned."""
        shown = self.pages[self.page]
        lines = [self.lines[index] for index in shown if index < len(self.lines)]
        parts = [part_words(self.page, len(self.pages)), *lines]
        return narration.join(parts)

    @on(Pager.Turned)
    def _turned(self, event: Pager.Turned) -> None:
        event.stop()
        self.turn(event.step)

    # -- words ---------------------------------------------------------------------

    def narration(self) -> str:
        return narration.consent_screen(self.block, self._ticked())

    def meaning(self) -> tuple[str | None, str]:
        return (
            _(
                "This page tells you what happens to your answers. "
                "If you agree, choose Yes, I agree. If not, choose No thanks. "
                "Nothing is kept if you say no."
            ),
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
        words = narration.sentence(event.item.words)
        if event.item.selected:
            said = _("Tick {number}: {words} Now ticked.", number=number, words=words)
        else:
            said = _("Tick {number}: {words} Now not ticked.", number=number, words=words)
        self.post_message(Say(said))

    @on(Tap.Pressed, "#agree")
    def _agree(self) -> None:
        if self.seen_last:
            self.dismiss(ConsentChoice(True, self._ticked()))

    @on(Tap.Pressed, "#decline")
    def _decline(self) -> None:
        self.dismiss(ConsentChoice(False))

    def tool_back(self) -> None:
        self.dismiss(None)

    def tool_skip(self) -> None:
        words = _(NOT_HERE if self.seen_last else READ_ON)
        note = self.query_one("#note", Static)
        note.update(words)
        note.display = True
        self.call_after_refresh(self.lay_out_pages)
        self.post_message(Say(narration.error(words)))
