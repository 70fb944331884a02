"""The moderation queue for open comments: show, edit or drop each one.

Nothing reaches the shared screen until the facilitator shows it. Comments appear
here already masked by the project's one PII engine (``surveys.pii``), so the
facilitator can read them aloud or show them without handling anyone's details.
What was masked is drawn reversed; every word left that still looks like a name,
number, date or place is underlined, with a count, so it gets a second look.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar, cast

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from kiosk.facilitator.screens.edit_comment_modal import EditCommentModal
from kiosk.messages import LiveChanged
from kiosk.pii_marks import LEGEND, marked, to_check
from kiosk.screens.base import KioskModal
from kiosk.widgets.tap import Tap
from surveys.polls import Comment, CommentStatus

if TYPE_CHECKING:
    from kiosk.facilitator.host import ConsoleHost

STATUS_TAGS = {
    CommentStatus.PENDING: "waiting",
    CommentStatus.SHOWN: "shown",
    CommentStatus.DROPPED: "dropped",
}


def comment_prompt(comment: Comment) -> Text:
    """One comment in the queue: its state, then its words (masked, and marked)."""
    text = Text(
        f"[{STATUS_TAGS[comment.status]}] ",
        style="bold" if comment.status is CommentStatus.PENDING else "dim",
    )
    style = "dim strike" if comment.status is CommentStatus.DROPPED else ""
    words = comment.display_text
    text.append_text(marked(words, style=style))
    if comment.edited is not None:
        text.append(" (edited)", style="dim italic")
    left = len(to_check(words))
    if left and comment.status is not CommentStatus.DROPPED:
        text.append(f" ({left} to check)", style="italic")
    return text


class CommentsModal(KioskModal[None]):
    """Read each comment; S shows it, E edits it, D drops it."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("s", "show", "Show", id="show"),
        Binding("e", "edit", "Edit", id="edit"),
        Binding("d", "drop", "Drop", id="drop"),
        Binding("escape", "close", "Done", show=False),
    ]
    AUTO_FOCUS = "#comments"

    DEFAULT_CSS = """
    CommentsModal > .box {
        width: 90%;
        max-width: 100;
        height: 90%;
    }
    CommentsModal #comments {
        height: 1fr;
    }
    CommentsModal .buttons > Tap {
        min-width: 6;
    }
    """

    def __init__(self, poll_id: str) -> None:
        super().__init__()
        self.poll_id = poll_id
        self._shown: list[tuple[str, str]] = []

    @property
    def facilitator(self) -> ConsoleHost:
        """The app, with its session."""
        return cast("ConsoleHost", self.app)

    def compose(self) -> ComposeResult:
        with Vertical(classes="box"):
            yield Static("Comments to read", classes="box-title", markup=False)
            yield Static(
                "Show a comment to put it on the shared screen, edit it first, or drop it. "
                "Names, numbers, places and contact details are hidden.",
                markup=False,
            )
            yield Static(LEGEND, id="legend", markup=False)
            yield OptionList(id="comments")
            with Horizontal(classes="buttons"):
                yield Tap("Show (S)", id="show", classes="-main")
                yield Tap("Edit (E)", id="edit")
                yield Tap("Drop (D)", id="drop")
                yield Tap("Done (Esc)", id="done")

    def on_mount(self) -> None:
        self.refresh_queue()

    def on_live_changed(self, event: LiveChanged) -> None:
        self.refresh_queue()

    def _comments(self) -> list[Comment]:
        live = self.facilitator.live
        return [] if live is None else list(live.tally(self.poll_id).comments)

    def refresh_queue(self) -> None:
        """Redraw the queue, keeping the highlighted comment."""
        comments = self._comments()
        wanted = [(c.id, comment_prompt(c).plain) for c in comments]
        if wanted == self._shown:
            return
        self._shown = wanted
        box = self.query_one("#comments", OptionList)
        keep = box.highlighted_option.id if box.highlighted_option is not None else None
        box.set_options(Option(comment_prompt(c), id=c.id) for c in comments)
        if not comments:
            box.add_option(Option(Text("No comments yet.", style="italic"), disabled=True))
            return
        ids = [c.id for c in comments]
        pending = [c.id for c in comments if c.status is CommentStatus.PENDING]
        target = keep if keep in ids else (pending[0] if pending else ids[0])
        box.highlighted = ids.index(target)

    def _highlighted(self) -> Comment | None:
        box = self.query_one("#comments", OptionList)
        option = box.highlighted_option
        for comment in self._comments():
            if option is not None and comment.id == option.id:
                return comment
        return None

    def _moderate(
        self, status: CommentStatus, edited: str | None = None, comment_id: str | None = None
    ) -> None:
        live = self.facilitator.live
        if comment_id is None:
            comment = self._highlighted()
            comment_id = None if comment is None else comment.id
        if comment_id is None or live is None:
            return
        try:
            live.moderate(self.poll_id, comment_id, status, edited)
        except OSError as error:
            self.facilitator.log_problem(error, "moderating a comment")
            self.notify("That couldn't be saved. Please try again.", severity="error")
        self.refresh_queue()
        self._next_pending()

    def _next_pending(self) -> None:
        box = self.query_one("#comments", OptionList)
        comments = self._comments()
        for index, comment in enumerate(comments):
            if comment.status is CommentStatus.PENDING:
                box.highlighted = index
                return

    @on(Tap.Pressed, "#show")
    def action_show(self) -> None:
        self._moderate(CommentStatus.SHOWN)

    @on(Tap.Pressed, "#drop")
    def action_drop(self) -> None:
        self._moderate(CommentStatus.DROPPED)

    @on(Tap.Pressed, "#edit")
    def action_edit(self) -> None:
        comment = self._highlighted()
        if comment is None:
            return

        def edited(text: str | None) -> None:
            if text is not None:
                self._moderate(CommentStatus.SHOWN, text, comment.id)

        self.app.push_screen(EditCommentModal(comment.display_text), edited)

    @on(Tap.Pressed, "#done")
    def action_close(self) -> None:
        if self.is_current:
            self.dismiss(None)
