"""The passed tablet in a focus group's ranking stage: a secret ballot, one person at a time.

Top-k: "Choose your 1st", "Choose your 2nd"… — each idea is one large target;
tapping it gives it the next place, tapping a chosen idea again takes it off (the
later places move up). Dots: each idea has large − and + targets and shows its
dots; the heading says how many are left ("4 dots left"). Everything works by touch
and by keyboard (Tab, Enter or Space; Page Up and Page Down turn the pages).

Nothing that matters is below the fold: when the ideas don't fit, they come in
pages with large "◀ Earlier ideas" / "More ideas ▶" targets and a count ("Ideas
1–3 of 8"), like a question's choices. The screen shows the ideas' words only
(masked by the one PII scrubber before they get here, drawn as plain text) and
never any results. It returns the ballot; the console's pass-the-tablet counts it.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from enum import StrEnum
from typing import ClassVar

from rich.text import Text
from textual import events, on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal
from textual.widget import Widget
from textual.widgets import Static

from accessibility import narration, screen_narration
from kiosk.messages import Say
from kiosk.problems import Guarded
from kiosk.safe_text import safe_text, visible
from kiosk.screens.paged_screen import PagedScreen
from kiosk.widgets.paging import PAGE_END, PageBody, Pager, PagerWords, outer_height, split_pages
from kiosk.widgets.tap import Tap
from kiosk.widgets.toolbar import Tool, Toolbar
from surveys.catalogues import N_, _, n_
from surveys.idea_ranking import Style

EARLIER_IDEAS = N_("◀ Earlier ideas")
MORE_IDEAS = N_("More ideas ▶")
ALL_CHOSEN = N_("You have chosen {size}. To change one, tap a chosen idea to take it off.")
NO_DOTS_LEFT = N_("You have no dots left. Take a dot off another idea first.")
NONE_CHOSEN = N_("Nothing is chosen yet. Please choose an idea first.")
NOT_ALL_CHOSEN = N_("Please choose {more} more. You can choose your top {size}.")
NO_DOTS_YET = N_("Nothing is chosen yet. Please put a dot on an idea first.")


def idea_pages() -> PagerWords:
    """The page-turning words, in the group's language."""
    return PagerWords(_(EARLIER_IDEAS), _(MORE_IDEAS))


def dots_words(dots: int) -> str:
    """ "3 dots", "1 dot" or "no dots", in the group's language."""
    if not dots:
        return _("no dots")
    return n_("{count} dot", "{count} dots", dots)


Ballot = list[str] | dict[str, int]


class BallotMove(StrEnum):
    """How the person left the ballot."""

    SEND = "send"
    BACK = "back"


@dataclass(frozen=True, slots=True)
class BallotOutcome:
    """The person's move, with their ballot when they sent it."""

    move: BallotMove
    ballot: Ballot | None = None


class TopRow(Tap):
    """One idea on a top-k ballot: a large target showing its place when chosen."""

    DEFAULT_CSS = """
    TopRow {
        width: 100%;
        height: auto;
        min-height: 3;
        padding: 1 2;
        content-align: left middle;
        text-align: left;
        margin: 0 0 1 0;
        background: $surface;
        color: $foreground;
    }
    TopRow.-chosen {
        background: $secondary;
        color: $button-foreground;
        text-style: bold;
    }
    TopRow.-page-end {
        margin: 0;
    }
    """

    def __init__(self, index: int, words: str) -> None:
        self.index = index
        self.words = words
        super().__init__(safe_text(words), id=f"idea-{index}")

    def show_place(self, place: int | None) -> None:
        """Show the idea's place ("2nd choice") or none."""
        self.set_class(place is not None, "-chosen")
        if place is None:
            self.update(safe_text(self.words))
        else:
            place_words = _("{place} choice:", place=screen_narration.ordinal(place + 1))
            label = Text(place_words + "  ", style="bold")
            self.update(label.append_text(safe_text(self.words)))


class DotRow(Guarded, Horizontal):
    """One idea on a dots ballot: its words, − and + targets, and its dots."""

    DEFAULT_CSS = """
    DotRow {
        width: 100%;
        height: auto;
        min-height: 3;
        margin: 0 0 1 0;
        background: $surface;
    }
    DotRow.-page-end {
        margin: 0;
    }
    DotRow > .words {
        width: 1fr;
        height: auto;
        padding: 1 1 1 2;
        color: $foreground;
    }
    DotRow > .dots {
        width: 10;
        height: 3;
        content-align: center middle;
        text-style: bold;
        color: $foreground;
    }
    DotRow > Tap {
        width: 7;
        min-width: 7;
        padding: 0 1;
    }
    """

    def __init__(self, index: int, words: str, dots: int) -> None:
        super().__init__(id=f"dot-row-{index}")
        self.index = index
        self.words = words
        self.dots = dots

    def compose(self) -> ComposeResult:
        yield Static(safe_text(self.words), classes="words")
        yield Tap("−", id=f"less-{self.index}", classes="less")
        yield Static(self._dot_words(), classes="dots", markup=False)
        yield Tap("+", id=f"more-{self.index}", classes="more")

    def _dot_words(self) -> str:
        return dots_words(self.dots)

    def show(self, dots: int) -> None:
        """Show ``dots`` on this idea."""
        self.dots = dots
        self.query_one(".dots", Static).update(self._dot_words())


class BallotScreen(PagedScreen[BallotOutcome]):
    """A secret ballot over the ideas in play; returns a ``BallotOutcome``."""

    TOOLS = frozenset({Tool.BACK, Tool.READ, Tool.MEANING, Tool.SETTINGS, Tool.BREAK, Tool.STOP})
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("pagedown", "turn(1)", "More ideas", show=False),
        Binding("pageup", "turn(-1)", "Earlier ideas", show=False),
        Binding("ctrl+s", "send", "Send my choices", show=False),
    ]
    DEFAULT_CSS = """
    BallotScreen #ballot-heading {
        width: 100%;
        height: auto;
        padding: 0 2;
        margin: 1 0 0 0;
        text-style: bold;
        color: $primary;
    }
    BallotScreen #ballot-how {
        width: 100%;
        height: auto;
        padding: 0 2;
        color: $text-muted;
        margin: 0 0 1 0;
    }
    BallotScreen.-short #ballot-heading {
        margin: 0;
    }
    BallotScreen.-short #ballot-how {
        margin: 0;
    }
    BallotScreen > #ballot-body {
        height: 1fr;
        padding: 0 2;
        scrollbar-size-vertical: 1;
    }
    BallotScreen #choice-count {
        height: 1;
        color: $text-muted;
    }
    BallotScreen > .actions > Tap#send {
        width: 26;
        max-width: 40%;
    }
    """

    def __init__(
        self,
        ideas: Sequence[tuple[str, str]],
        style: Style,
        size: int,
        *,
        chosen: Sequence[str] = (),
        dots: Mapping[str, int] | None = None,
        message: str | None = None,
    ) -> None:
        """``ideas`` are (id, words) in the order shown; ``chosen`` and ``dots`` are a
        ballot given before (kept when a ballot comes back with a kind message)."""
        super().__init__()
        self.ideas = list(ideas)
        self.style = style
        self.most = size
        ids = [idea_id for idea_id, _words in self.ideas]
        self.chosen = [ids.index(i) for i in chosen if i in ids][:size]
        given = dots or {}
        self.dots = [max(int(given.get(i, 0)), 0) for i in ids]
        self.first_message = message
        self.pages: list[list[Widget]] = []
        self.page = 0

    # -- drawing -----------------------------------------------------------------

    def compose(self) -> ComposeResult:
        how = screen_narration.TOP_HOW if self.style is Style.TOP else screen_narration.DOTS_HOW
        yield Static(self._where(), classes="where", markup=False)
        yield Static(self._heading(), id="ballot-heading", markup=False)
        yield Static(how, id="ballot-how", markup=False)
        with PageBody(id="ballot-body"):
            yield Static("", id="choice-count", markup=False)
            for index, (_id, words) in enumerate(self.ideas):
                if self.style is Style.TOP:
                    yield TopRow(index, words)
                else:
                    yield DotRow(index, words, self.dots[index])
            yield Static(safe_text(self.first_message or ""), classes="note", id="note")
        with Horizontal(classes="actions"):
            yield Pager(idea_pages(), id="idea-pager")
            yield Tap(_("Send my choices ▶"), id="send", classes="-main")
        yield Toolbar(self.TOOLS)

    def _where(self) -> str:
        if self.style is Style.TOP:
            return _("Choosing in secret: your top {size}", size=self.most)
        return n_(
            "Choosing in secret: {count} dot to spend",
            "Choosing in secret: {count} dots to spend",
            self.most,
        )

    def _heading(self) -> str:
        if self.style is Style.TOP:
            return screen_narration.top_heading(self.most, len(self.chosen))
        return screen_narration.dots_left(self.most - sum(self.dots))

    def on_mount(self) -> None:
        self.query_one("#choice-count").display = False
        self.query_one("#note").display = bool(self.first_message)
        self.query_one(Pager).display = False
        self._show_choices()
        rows = self.rows()
        if rows:
            first = rows[0] if isinstance(rows[0], TopRow) else rows[0].query_one(".more", Tap)
            first.focus()
        self.call_after_refresh(self.lay_out_pages)

    def rows(self) -> list[Widget]:
        """One row per idea, in the order shown."""
        return list(self.query(TopRow)) + list(self.query(DotRow))

    def _show_choices(self) -> None:
        places = {index: place for place, index in enumerate(self.chosen)}
        for row in self.query(TopRow):
            row.show_place(places.get(row.index))
        for dot_row in self.query(DotRow):
            dot_row.show(self.dots[dot_row.index])
        self.query_one("#ballot-heading", Static).update(self._heading())

    # -- pages ---------------------------------------------------------------------

    def lay_out_pages(self) -> None:
        """Split the ideas into pages that fit the body, keeping the focused one shown."""
        if not self.is_attached or not self.query("#ballot-body"):
            return
        rows = self.rows()
        for row in rows:
            row.display = True
            row.remove_class(PAGE_END)
        body = self.query_one("#ballot-body")
        room = body.region.shrink(body.styles.gutter)
        if room.height <= 0 or room.width <= 0 or not rows:
            return
        note = self.query_one("#note", Static)
        note_rows = outer_height(note, room.width) if note.display else 0
        heights = [outer_height(row, room.width) for row in rows]
        below = [row.styles.margin.bottom for row in rows]
        if sum(heights) - below[-1] + note_rows <= room.height:
            ranges = [range(len(rows))]
        else:
            count = self.query_one("#choice-count", Static)
            count.display = True
            page_room = room.height - note_rows - outer_height(count, room.width)
            ranges = split_pages(heights, page_room, below)
        was = self.pages[self.page][0] if self.pages and self.pages[self.page] else None
        self.pages = [[rows[index] for index in page] for page in ranges]
        keep = self._row_of(self.focused) or was
        self.page = next((n for n, page in enumerate(self.pages) if keep in page), 0)
        self._show_page()

    def _row_of(self, widget: Widget | None) -> Widget | None:
        while widget is not None:
            if isinstance(widget, TopRow | DotRow):
                return widget
            parent = widget.parent
            widget = parent if isinstance(parent, Widget) else None
        return None

    def page_words(self, shown: list[Widget]) -> str:
        """ "Ideas 1–3 of 8"."""
        rows = self.rows()
        first, last = rows.index(shown[0]) + 1, rows.index(shown[-1]) + 1
        if first == last:
            return _("Idea {number} of {total}", number=first, total=len(rows))
        return _("Ideas {first}–{last} of {total}", first=first, last=last, total=len(rows))

    def _show_page(self) -> None:
        shown = self.pages[self.page]
        with self.app.batch_update():
            for row in self.rows():
                row.display = row in shown
                row.set_class(row is shown[-1], PAGE_END)
            count = self.query_one("#choice-count", Static)
            count.display = len(self.pages) > 1
            count.update(self.page_words(shown))
            self.query_one(Pager).show_page(self.page, len(self.pages))
            self.query_one("#ballot-body", PageBody).scroll_home(animate=False, immediate=True)

    def action_turn(self, step: int) -> None:
        """Show the earlier (−1) or next (+1) page of ideas, when there is one."""
        page = self.page + step
        if not 0 <= page < len(self.pages):
            return
        self.page = page
        self._show_page()
        if self._row_of(self.focused) is not None:
            first = self.pages[page][0]
            target = first if first.can_focus else first.query_one(".more", Tap)
            target.focus()
        words = [self.ideas[self.rows().index(row)][1] for row in self.pages[page]]
        self.post_message(Say(narration.join([self.page_words(self.pages[page]), *words])))

    @on(Pager.Turned)
    def _turned(self, event: Pager.Turned) -> None:
        event.stop()
        self.action_turn(event.step)

    def on_descendant_focus(self, event: events.DescendantFocus) -> None:
        """Focus moved onto an idea on another page (it can't while hidden, but a
        screen that comes back may): show its page."""
        row = self._row_of(event.widget)
        if row is None or not self.pages or row in self.pages[self.page]:
            return
        self.page = next((n for n, page in enumerate(self.pages) if row in page), self.page)
        self._show_page()

    # -- choosing ------------------------------------------------------------------

    @on(Tap.Pressed, "TopRow")
    def _top_pressed(self, event: Tap.Pressed) -> None:
        event.stop()
        row = event.tap
        assert isinstance(row, TopRow)
        if row.index in self.chosen:
            self.chosen.remove(row.index)
            self._said(_("Taken off: {idea}", idea=row.words))
        elif len(self.chosen) >= self.most:
            self.show_note(_(ALL_CHOSEN, size=self.most))
            return
        else:
            self.chosen.append(row.index)
            place = screen_narration.ordinal(len(self.chosen))
            self._said(_("{place} choice: {idea}", place=place, idea=row.words))
        self._show_choices()

    @on(Tap.Pressed, ".less, .more")
    def _dot_pressed(self, event: Tap.Pressed) -> None:
        event.stop()
        row = self._row_of(event.tap)
        assert isinstance(row, DotRow)
        index = row.index
        if event.tap.has_class("more"):
            if sum(self.dots) >= self.most:
                self.show_note(_(NO_DOTS_LEFT))
                return
            self.dots[index] += 1
        elif self.dots[index] > 0:
            self.dots[index] -= 1
        else:
            return
        self._show_choices()
        dots = dots_words(self.dots[index])
        self._said(_("{idea}: {dots}. {left}", idea=row.words, dots=dots, left=self._heading()))

    def _said(self, words: str) -> None:
        """A change made: clear any kind note, and say it for people who chose read-aloud."""
        note = self.query_one("#note", Static)
        if note.display:
            note.display = False
            self.call_after_refresh(self.lay_out_pages)
        self.post_message(Say(visible(words, one_line=True)))

    def show_note(self, message: str) -> None:
        """A kind word under the ideas, read aloud too."""
        note = self.query_one("#note", Static)
        note.update(safe_text(message))
        note.display = True
        self.call_after_refresh(self.lay_out_pages)
        self.post_message(Say(message))

    # -- what it says --------------------------------------------------------------

    def narration(self) -> str:
        words = [visible(w, one_line=True) for _id, w in self.ideas]
        if self.style is Style.TOP:
            return screen_narration.top_ballot(self.most, words, self.chosen, self.first_message)
        return screen_narration.dots_ballot(self.most, words, self.dots, self.first_message)

    def meaning(self) -> tuple[str | None, str]:
        how = screen_narration.TOP_HOW if self.style is Style.TOP else screen_narration.DOTS_HOW
        return how, self.narration()

    # -- moves ---------------------------------------------------------------------

    def ballot(self) -> Ballot:
        """The ballot as given on screen now."""
        ids = [idea_id for idea_id, _words in self.ideas]
        if self.style is Style.TOP:
            return [ids[index] for index in self.chosen]
        return {ids[index]: n for index, n in enumerate(self.dots) if n}

    def action_send(self) -> None:
        if not self.is_current:
            return
        if self.style is Style.TOP and len(self.chosen) < self.most:
            more = self.most - len(self.chosen)
            if not self.chosen:
                self.show_note(_(NONE_CHOSEN))
            else:
                self.show_note(_(NOT_ALL_CHOSEN, more=more, size=self.most))
            return
        if self.style is Style.DOTS and not any(self.dots):
            self.show_note(_(NO_DOTS_YET))
            return
        self.dismiss(BallotOutcome(BallotMove.SEND, self.ballot()))

    @on(Tap.Pressed, "#send")
    def _send(self, event: Tap.Pressed) -> None:
        event.stop()
        self.action_send()

    def tool_back(self) -> None:
        self.dismiss(BallotOutcome(BallotMove.BACK))
