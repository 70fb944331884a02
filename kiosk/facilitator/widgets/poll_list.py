"""The list of polls with where each one is: not opened, open, closed, revealed."""

from __future__ import annotations

from rich.text import Text
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from kiosk.safe_text import safe_text
from surveys.facilitation import KIND_WORDS, SessionView
from surveys.polls import PollStatus

MARKS = {PollStatus.WAITING: "○", PollStatus.OPEN: "●", PollStatus.CLOSED: "■"}
SHORT_STATUS = {
    PollStatus.WAITING: "not opened",
    PollStatus.OPEN: "open",
    PollStatus.CLOSED: "closed",
}


def _fit(text: Text, width: int) -> Text:
    if width > 0 and text.cell_len > width:
        text.truncate(width, overflow="ellipsis")
    return text


def poll_prompt(live: SessionView, number: int, poll_id: str, width: int = 0) -> Text:
    """Two lines for one poll: its number and words, then its status, votes and kind.

    Each line is cut to ``width`` cells (when given) so the list stays two lines a poll.
    """
    question = live.poll(poll_id)
    tally = live.tally(poll_id)
    text = Text()
    text.append(f"{MARKS[tally.status]} {number}. ", style="bold")
    text.append_text(safe_text(question.text, one_line=True))
    text = _fit(text, width)
    details = [SHORT_STATUS[tally.status]]
    if tally.status is not PollStatus.WAITING:
        details.append(f"{tally.votes} voted")
    if tally.showing:
        details.append("shown")
    details.append(KIND_WORDS.get(question.kind.value, question.kind.value).lower())
    text.append("\n")
    text.append_text(_fit(Text("     " + " · ".join(details), style="dim"), width))
    return text


class PollList(OptionList):
    """The session's polls in order; the highlighted one is the one the keys act on."""

    DEFAULT_CSS = """
    PollList {
        height: 1fr;
        border: round $panel-lighten-2;
        background: $surface;
    }
    PollList:focus {
        border: round $accent;
    }
    """

    def __init__(self, live: SessionView, *, id: str | None = None) -> None:
        super().__init__(
            *(
                Option(poll_prompt(live, n, q.id), id=q.id)
                for n, q in enumerate(live.polls, start=1)
            ),
            id=id,
        )
        self.border_title = "Polls"
        self._shown: dict[str, str] = {}

    def show_state(self, live: SessionView) -> None:
        """Redraw the prompts whose words changed (keeping the highlight where it is)."""
        width = self.scrollable_content_region.width - 1
        for number, question in enumerate(live.polls, start=1):
            prompt = poll_prompt(live, number, question.id, width)
            if self._shown.get(question.id) != prompt.plain:
                self._shown[question.id] = prompt.plain
                self.replace_option_prompt(question.id, prompt)

    @property
    def selected_id(self) -> str | None:
        """The id of the highlighted poll."""
        option = self.highlighted_option
        return None if option is None else option.id

    def select_poll(self, poll_id: str) -> None:
        """Highlight a poll."""
        self.highlighted = self.get_option_index(poll_id)
