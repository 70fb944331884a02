"""The shared screen for a projector: the current poll, how many have voted, and —
only once the facilitator reveals them — the results in large text.

It only reads. It never shows results that are hidden, comments that were not
chosen for showing, or anything about who voted.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.text import Text
from textual import events
from textual.app import ComposeResult
from textual.containers import Container, Horizontal, VerticalScroll
from textual.screen import Screen
from textual.widgets import Static

from accessibility.big_text import big_text
from accessibility.big_text import characters_per_line as big_characters
from kiosk.facilitator.messages import LiveChanged
from kiosk.facilitator.poll_charts import results_text
from kiosk.problems import Guarded
from kiosk.safe_text import safe_text
from kiosk.web.codes import display_code
from kiosk.widgets.qr_code import QRCodeWidget
from surveys.facilitation import SessionView
from surveys.model import Kind

if TYPE_CHECKING:
    from kiosk.facilitator.presentation_app import PresentationApp

JOIN_WORDS = "Vote on your phone: go to {address} and type {code}"
"""The top line when the console serves phones (blank when it doesn't)."""
WAITING = "Waiting for the facilitator to start the polls."
HIDDEN = "Results are hidden for now. Everyone votes first, then we look together."
HIDDEN_COMMENTS = "Comments appear here after the facilitator has read them."


def voted_big(view: SessionView, poll_id: str, width: int) -> Text:
    """ "7 of 10" in big glyphs (when it fits), with "have voted" under it."""
    tally = view.tally(poll_id)
    expected = view.room.expected
    count = f"{min(tally.votes, expected)} of {expected}" if expected else str(tally.votes)
    text = Text()
    if len(count) <= big_characters(width):
        text.append("\n".join(big_text(count, width)), style="bold")
        text.append("\nhave voted")
    else:
        text.append(view.voted(poll_id), style="bold")
    return text


class PresentationScreen(Guarded, Screen[None]):
    """Follows the session; redraws on ``LiveChanged``."""

    DEFAULT_CSS = """
    PresentationScreen #present-top {
        height: 1;
        background: $panel;
        padding: 0 1;
    }
    PresentationScreen #present-session {
        width: 1fr;
    }
    PresentationScreen #present-join {
        height: auto;
        padding: 0 1;
        background: $panel;
        text-style: bold;
        display: none;
    }
    PresentationScreen #present-join.-shown {
        display: block;
    }
    PresentationScreen #present-body {
        padding: 1 2;
    }
    PresentationScreen #present-body > Static {
        height: auto;
        width: 100%;
    }
    PresentationScreen #present-where {
        color: $foreground 70%;
    }
    PresentationScreen #present-question {
        text-style: bold;
        margin: 0 0 1 0;
    }
    PresentationScreen #present-voted {
        color: $accent;
        margin: 0 0 1 0;
    }
    PresentationScreen #present-qr {
        width: auto;
        height: auto;
        display: none;
    }
    PresentationScreen #present-qr.-shown {
        display: block;
    }
    """

    @property
    def presenter(self) -> PresentationApp:
        """The app, with the session it follows."""
        return self.app  # type: ignore[return-value]

    def compose(self) -> ComposeResult:
        with Horizontal(id="present-top"):
            yield Static("", id="present-session", markup=False)
        yield Static("", id="present-join", markup=False)
        with VerticalScroll(id="present-body"):
            yield Static("", id="present-where", markup=False)
            yield Static("", id="present-question", markup=False)
            yield Static("", id="present-voted", markup=False)
            yield Static("", id="present-results", markup=False)
            yield Container(id="present-qr")

    def on_mount(self) -> None:
        self.show()

    def on_live_changed(self, event: LiveChanged) -> None:
        self.show()

    def on_resize(self, event: events.Resize) -> None:
        self.show()

    def _set(self, name: str, content: Text | str) -> None:
        self.query_one(f"#present-{name}", Static).update(content)

    def _show_qr(self, url: str | None) -> None:
        holder = self.query_one("#present-qr", Container)
        shown = [widget.data for widget in holder.query(QRCodeWidget)]
        if shown != ([url] if url else []):
            holder.remove_children()
            if url:
                holder.mount(QRCodeWidget(url, id="present-join-qr"))
        holder.set_class(bool(url), "-shown")

    def show(self) -> None:
        """Draw the current poll as it is now."""
        view = self.presenter.view
        width = max(self.size.width - 4, 20)
        if view is None:
            for name in ("session", "join", "where", "voted", "results"):
                self._set(name, "")
            self.query_one("#present-join").set_class(False, "-shown")
            self._show_qr(None)
            self._set("question", WAITING)
            return
        self._set("session", safe_text(f"{view.room.name} · {view.room.date}", one_line=True))
        join = view.join
        words = ""
        if join is not None:
            words = JOIN_WORDS.format(address=join.address, code=display_code(join.code))
        self._set("join", words)
        self.query_one("#present-join").set_class(bool(words), "-shown")
        poll_id = view.current
        if poll_id is None or poll_id not in {q.id for q in view.polls}:
            for name in ("where", "voted", "results"):
                self._set(name, "")
            self._set("question", "The first poll will appear here soon.")
            # Before the first poll is the time to join: the code, big, for the room.
            self._show_qr(join.url if join else None)
            return
        self._show_qr(None)
        question = view.poll(poll_id)
        ids = [q.id for q in view.polls]
        self._set("where", f"Poll {ids.index(poll_id) + 1} of {len(ids)}")
        self._set("question", safe_text(question.text))
        tally = view.tally(poll_id)
        if not tally.showing:
            self._set("voted", voted_big(view, poll_id, width))
            hidden = HIDDEN_COMMENTS if question.kind is Kind.LONGTEXT else HIDDEN
            self._set("results", Text(hidden, style="italic"))
            return
        self._set("voted", Text(view.voted(poll_id), style="bold"))
        self._set("results", results_text(question, view.results(poll_id), width, large=True))
