"""The facilitator's console: the polls, the highlighted one in detail, and the keys
that open, close, reveal and hide them, start pass-the-tablet voting, split results
by group and moderate open comments. With the phone page on, a line shows how phones
join, and P shows the join QR code big for the room."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, ClassVar, cast

from rich.text import Text
from textual import events, on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal
from textual.screen import Screen
from textual.widgets import Footer, OptionList, Static

from kiosk.facilitator.screens.comments_modal import CommentsModal
from kiosk.facilitator.screens.group_results_modal import GroupResultsModal
from kiosk.facilitator.screens.join_modal import JoinModal
from kiosk.facilitator.screens.quit_modal import QuitModal
from kiosk.facilitator.widgets.poll_list import PollList
from kiosk.facilitator.widgets.poll_panel import PollPanel
from kiosk.messages import LiveChanged
from kiosk.problems import Guarded
from kiosk.safe_text import safe_text
from surveys.model import Kind
from surveys.polls import CLOSE_FIRST, PollStatus, RevealError, representation_warnings

if TYPE_CHECKING:
    from kiosk.facilitator.host import ConsoleHost

NARROW_BELOW = 80
"""Under this many columns the poll list sits above the poll instead of beside it."""
NOT_SAVED = "That change couldn't be saved. Please check the kiosk's storage and try again."
READ_AFTER_CLOSE = (
    "Close the poll first (press C), then read the comments. While it is open, a new "
    "comment could be matched to the person who just sent it."
)


class ConsoleScreen(Guarded, Screen[None]):
    """Runs the session's polls."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("o", "open", "Open", id="open"),
        Binding("c", "close", "Close", id="close"),
        Binding("r", "reveal", "Reveal", id="reveal"),
        Binding("n", "next", "Next", id="next"),
        Binding("v", "vote", "Vote", id="vote"),
        Binding("g", "by_group", "Groups", id="by-group"),
        Binding("m", "comments", "Comments", id="comments"),
        # Not in the footer (it would push Quit off an 80-column screen): the phones
        # line says "P shows the QR code" whenever it works.
        Binding("p", "phones", "Phones", show=False, id="phones"),
        Binding("q", "quit", "Quit", id="quit"),
    ]
    AUTO_FOCUS = "#polls"
    _phones_words = ""

    DEFAULT_CSS = """
    ConsoleScreen #session-line {
        height: 1;
        padding: 0 1;
        background: $panel;
        text-style: bold;
    }
    ConsoleScreen #phones-line {
        height: auto;
        padding: 0 1;
        background: $panel;
        display: none;
    }
    ConsoleScreen #phones-line.-shown {
        display: block;
    }
    ConsoleScreen #room-warnings {
        height: auto;
        max-height: 2;
        padding: 0 1;
        color: $warning;
    }
    ConsoleScreen #body {
        height: 1fr;
    }
    ConsoleScreen #polls {
        width: 42%;
        max-width: 56;
    }
    ConsoleScreen #panel {
        width: 1fr;
    }
    ConsoleScreen.-narrow #body {
        layout: vertical;
    }
    ConsoleScreen.-narrow #polls {
        width: 100%;
        max-width: 100%;
        height: 7;
    }
    """

    @property
    def facilitator(self) -> ConsoleHost:
        """The app, with its session."""
        return cast("ConsoleHost", self.app)

    def compose(self) -> ComposeResult:
        live = self.facilitator.live
        assert live is not None
        room = live.room
        yield Static(
            safe_text(f"{room.name} · {room.date} · {live.poll_set.title}", one_line=True),
            id="session-line",
        )
        yield Static("", id="phones-line", markup=False)
        warnings = representation_warnings(room)
        yield Static(
            Text("\n".join(f"• {w}" for w in warnings)) if warnings else "",
            id="room-warnings",
            markup=False,
        )
        with Horizontal(id="body"):
            yield PollList(live, id="polls")
            yield PollPanel(id="panel")
        yield Footer()

    def on_mount(self) -> None:
        live = self.facilitator.live
        assert live is not None
        polls = self.query_one(PollList)
        first = live.current or live.open_poll() or live.next_after(None)
        if first is not None:
            polls.select_poll(first)
        self.refresh_view()

    def on_resize(self, event: events.Resize) -> None:
        self.set_class(event.size.width < NARROW_BELOW, "-narrow")
        self.refresh_view()

    def on_screen_resume(self) -> None:
        self.refresh_view()

    def on_live_changed(self, event: LiveChanged) -> None:
        self.refresh_view()

    @on(OptionList.OptionHighlighted, "#polls")
    def _highlighted(self) -> None:
        self.refresh_view()

    # -- drawing ------------------------------------------------------------------

    @property
    def selected(self) -> str | None:
        """The highlighted poll's id."""
        return self.query_one(PollList).selected_id

    def refresh_view(self) -> None:
        """Redraw the list and the highlighted poll from the session's latest state."""
        live = self.facilitator.live
        if live is None or not self.is_mounted:
            return
        self.query_one(PollList).show_state(live)
        self._show_phones()
        poll_id = self.selected
        if poll_id is not None:
            self.query_one(PollPanel).show_poll(live, poll_id)

    def _show_phones(self) -> None:
        phones = self.facilitator.phones
        line = self.query_one("#phones-line", Static)
        words = phones.status_words
        if words != self._phones_words:
            self._phones_words = words
            line.update(words)
            line.set_class(bool(words), "-shown")
            self.refresh_bindings()  # P works once the join code is there

    # -- actions ----------------------------------------------------------------

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "phones":
            return self.facilitator.phones.join is not None
        return True

    def action_phones(self) -> None:
        """Show the join QR code big, for the room to scan."""
        join = self.facilitator.phones.join
        if join is not None:
            self.app.push_screen(JoinModal(join))

    def _change(self, action: Callable[[], object]) -> None:
        try:
            action()
        except RevealError as refused:
            self.notify(refused.message, markup=False)
        except OSError as error:
            self.facilitator.log_problem(error, "saving a facilitator change")
            self.notify(NOT_SAVED, severity="error", markup=False)
        self.refresh_view()

    def action_open(self) -> None:
        live, poll_id = self.facilitator.live, self.selected
        if live is None or poll_id is None:
            return
        if live.tally(poll_id).status is PollStatus.OPEN:
            self.notify("This poll is already open.", markup=False)
            return

        def open_it() -> None:
            closed = live.open(poll_id)
            if closed is not None:
                number = [q.id for q in live.polls].index(closed) + 1
                self.notify(f"Poll {number} was closed so this one could open.", markup=False)

        self._change(open_it)

    def action_close(self) -> None:
        live, poll_id = self.facilitator.live, self.selected
        if live is None or poll_id is None:
            return
        if live.tally(poll_id).status is not PollStatus.OPEN:
            self.notify("This poll isn't open.", markup=False)
            return
        self._change(lambda: live.close(poll_id))

    def action_reveal(self) -> None:
        live, poll_id = self.facilitator.live, self.selected
        if live is None or poll_id is None:
            return
        if live.tally(poll_id).status is PollStatus.WAITING:
            self.notify("Open this poll and take some votes first.", markup=False)
            return
        if live.tally(poll_id).status is PollStatus.OPEN:
            self.notify(CLOSE_FIRST, markup=False)
            return
        shown = not live.tally(poll_id).showing
        self._change(lambda: live.reveal(poll_id, shown))

    def action_next(self) -> None:
        live = self.facilitator.live
        if live is None:
            return
        following = live.next_after(self.selected)
        if following is None:
            self.notify("That was the last poll.", markup=False)
            return
        self.query_one(PollList).select_poll(following)
        self.action_open()

    def action_vote(self) -> None:
        self.facilitator.start_passing()

    def action_by_group(self) -> None:
        live, poll_id = self.facilitator.live, self.selected
        if live is None or poll_id is None:
            return
        if not live.tally(poll_id).showing:
            self.notify("Close the poll and reveal the results first (C, then R).", markup=False)
            return
        self.app.push_screen(GroupResultsModal(live.poll(poll_id), live.results_by_group(poll_id)))

    def action_comments(self) -> None:
        live, poll_id = self.facilitator.live, self.selected
        if live is None or poll_id is None:
            return
        if live.poll(poll_id).kind is not Kind.LONGTEXT:
            self.notify("Only open-comment polls have comments to read.", markup=False)
            return
        if live.tally(poll_id).status is PollStatus.OPEN:
            self.notify(READ_AFTER_CLOSE, markup=False)
            return
        self.app.push_screen(CommentsModal(poll_id))

    def action_quit(self) -> None:
        def answered(close: bool | None) -> None:
            if close:
                self.app.exit(0)

        self.app.push_screen(QuitModal(), answered)
