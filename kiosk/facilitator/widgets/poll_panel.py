"""One poll on the console: its question, status, "7 of 10 have voted", the number
from each group who have voted, and — only once revealed — its results."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.widgets import Static

from kiosk.facilitator.poll_charts import results_text
from kiosk.safe_text import safe_text
from surveys.facilitation import KIND_WORDS, STATUS_WORDS, SessionView
from surveys.model import Kind
from surveys.plurals import counted
from surveys.polls import PollStatus

HIDDEN = "Results are hidden until you reveal them (press R)."
HIDDEN_OPEN = (
    "Results stay hidden while the poll is open, so nobody's vote can be seen "
    "arriving. Close it (press C), then reveal (press R)."
)
HIDDEN_COMMENTS = (
    "Comments you choose to show appear here, and on the shared screen, once you reveal them."
)


def full_warning(turned_away: int) -> str:
    """Plain words when more phones tried to vote than there are people."""
    if not turned_away:
        return ""
    tries = "1 more vote" if turned_away == 1 else f"{turned_away} more votes"
    return (
        f"{tries} tried to come in than there are people in the room, so "
        f"{'it was' if turned_away == 1 else 'they were'} not counted. Check the headcount, "
        "or ask whether anyone has voted twice."
    )


class PollPanel(VerticalScroll):
    """The highlighted poll, in detail."""

    DEFAULT_CSS = """
    PollPanel {
        height: 1fr;
        border: round $panel-lighten-2;
        padding: 0 1;
    }
    PollPanel > Static {
        height: auto;
    }
    PollPanel #poll-question {
        text-style: bold;
    }
    PollPanel #poll-voted {
        text-style: bold;
        color: $accent;
        margin: 1 0 0 0;
    }
    PollPanel #poll-waiting {
        color: $warning;
    }
    PollPanel #poll-full {
        color: $warning;
        text-style: bold;
    }
    PollPanel #poll-results {
        margin: 1 0 0 0;
    }
    """

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.poll_id: str | None = None

    def compose(self) -> ComposeResult:
        yield Static("", id="poll-question", markup=False)
        yield Static("", id="poll-state", markup=False)
        yield Static("", id="poll-voted", markup=False)
        yield Static("", id="poll-groups", markup=False)
        yield Static("", id="poll-waiting", markup=False)
        yield Static("", id="poll-full", markup=False)
        yield Static("", id="poll-results", markup=False)

    def _set(self, name: str, content: Text | str) -> None:
        static = self.query_one(f"#poll-{name}", Static)
        static.update(content)
        static.display = bool(content.plain if isinstance(content, Text) else content)

    def show_poll(self, live: SessionView, poll_id: str) -> None:
        """Draw this poll as it is now."""
        self.poll_id = poll_id
        question = live.poll(poll_id)
        tally = live.tally(poll_id)
        ids = [q.id for q in live.polls]
        kind = KIND_WORDS.get(question.kind.value, question.kind.value)
        self.border_title = f"Poll {ids.index(poll_id) + 1} of {len(ids)} · {kind}"
        self._set("question", safe_text(question.text))
        state = STATUS_WORDS[tally.status].capitalize()
        state += " · results shown" if tally.showing else " · results hidden"
        self._set("state", Text(state, style="dim"))
        self._set("voted", live.voted(poll_id))
        counts = live.group_counts(poll_id)
        if counts:
            by_group = Text("By group: ", style="dim")
            by_group.append(" · ".join(f"{words} {n}" for words, n in counts))
            self._set("groups", by_group)
        else:
            self._set("groups", "")
        waiting = live.pending_comments(poll_id) if question.kind is Kind.LONGTEXT else 0
        self._set(
            "waiting",
            f"{counted(waiting, 'comment')} waiting for you to read "
            + ("once the poll is closed." if tally.status is PollStatus.OPEN else "(press M).")
            if waiting
            else "",
        )
        self._set("full", full_warning(tally.turned_away))
        if not tally.showing:
            if tally.status is PollStatus.WAITING:
                hidden = "Open this poll to take votes (press O)."
            elif tally.status is PollStatus.OPEN:
                hidden = HIDDEN_OPEN
            elif question.kind is Kind.LONGTEXT:
                hidden = HIDDEN_COMMENTS
            else:
                hidden = HIDDEN
            self._set("results", Text(hidden, style="italic"))
            return
        width = max((self.content_region.width or 60) - 2, 20)  # room for a scrollbar
        self._set("results", results_text(question, live.results(poll_id), width))
