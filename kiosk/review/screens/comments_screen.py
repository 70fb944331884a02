"""The review screen: the list of comments, and the one being read, with its masks shown.

Left, every distinct comment with its state (to do, kept, edited, dropped). Right,
the comment in full with what was masked highlighted, whether its writer allowed
quoting, the decision, an optional theme, and the buttons. Keys do the same as the
buttons. Keep and Drop move on to the next comment still to do; Edit stays, so the
checked wording can be read.
"""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, VerticalScroll
from textual.screen import Screen
from textual.suggester import SuggestFromList
from textual.widgets import Button, Input, OptionList, Static
from textual.widgets.option_list import Option

from exports.comment_review import MAX_THEME, Action, Comment, ReviewError
from kiosk.pii_marks import LEGEND, check_line
from kiosk.problems import Guarded
from kiosk.review.desk import ReviewDesk, masked_parts
from kiosk.review.marking import hidden_words, highlighted, list_line, state_label
from kiosk.review.screens.edit_modal import EditModal
from kiosk.safe_text import safe_text

KEYS_HELP = (
    "Keys: k keep · e edit · d drop · u undo · t theme · n next · p previous · "
    "h show hidden words · s save · q close"
)
MASK_HELP = LEGEND


def quoting_line(comment: Comment) -> str:
    """Whether the writer (or writers) agreed to be quoted, in plain words."""
    if comment.held_back:  # its language could tell who wrote it: never quoted
        return comment.held_back
    if comment.count == 1:
        if comment.quotable:
            return "The writer said their words may be quoted."
        return (
            "The writer did not tick “You can quote my words”. If kept, it counts towards "
            "its theme but is not shown word for word."
        )
    if comment.quotable == comment.count:
        return f"{comment.count} people wrote this. All said their words may be quoted."
    if not comment.quotable:
        return (
            f"{comment.count} people wrote this. None ticked “You can quote my words”: if "
            "kept, it counts towards its theme but is not shown word for word."
        )
    return (
        f"{comment.count} people wrote this. {comment.quotable} said their words may be "
        "quoted; it is shown once for each of them."
    )


class CommentsScreen(Guarded, Screen[None]):
    """Review every comment: keep, edit or drop, with an optional theme."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("k", "keep", "Keep", id="keep"),
        Binding("e", "edit", "Edit", id="edit"),
        Binding("d", "drop", "Drop", id="drop"),
        Binding("u", "undo", "Undo", id="undo"),
        Binding("t", "theme", "Theme", id="theme"),
        Binding("n,right", "next", "Next", id="next"),
        Binding("p,left", "previous", "Previous", id="previous"),
        Binding("h", "hidden", "Hidden words", id="hidden"),
        Binding("s", "save", "Save", id="save"),
        Binding("ctrl+s", "save", "Save", show=False, priority=True),
        Binding("escape", "leave_theme", "Back to the list", show=False),
    ]

    DEFAULT_CSS = """
    CommentsScreen {
        layout: vertical;
    }
    CommentsScreen #status {
        height: 1;
        background: $panel;
        color: $foreground;
        text-style: bold;
        padding: 0 1;
    }
    CommentsScreen #body {
        height: 1fr;
    }
    CommentsScreen #comments {
        width: 34%;
        min-width: 24;
        height: 1fr;
        border: round $primary;
    }
    CommentsScreen #detail {
        width: 1fr;
        height: 1fr;
        padding: 0 1;
    }
    CommentsScreen #position {
        text-style: bold;
    }
    CommentsScreen #question {
        color: $text-muted;
    }
    CommentsScreen #text-box {
        height: auto;
        max-height: 12;
        min-height: 3;
        border: round $accent;
        padding: 0 1;
    }
    CommentsScreen #edited {
        height: auto;
        max-height: 8;
        border: round $warning;
        padding: 0 1;
    }
    CommentsScreen #decision {
        text-style: bold;
        margin: 1 0 0 0;
    }
    CommentsScreen #theme-input {
        margin: 0;
    }
    CommentsScreen .actions {
        height: auto;
        margin: 1 0 0 0;
    }
    CommentsScreen #moves {
        margin: 0;
    }
    CommentsScreen .actions Button {
        min-width: 10;
        margin: 0 1 0 0;
    }
    CommentsScreen #message {
        height: auto;
        min-height: 1;
        color: $accent;
        padding: 0 1;
    }
    CommentsScreen #keys {
        height: auto;
        color: $text-muted;
        padding: 0 1;
    }
    CommentsScreen .help {
        color: $text-muted;
    }
    """

    def __init__(self, desk: ReviewDesk) -> None:
        super().__init__()
        self.desk = desk
        self.show_hidden = False

    # -- layout ----------------------------------------------------------------------

    def compose(self) -> ComposeResult:
        yield Static("", id="status", markup=False)
        with Horizontal(id="body"):
            yield OptionList(
                *(
                    Option(self._list_line(comment), id=comment.key)
                    for comment in self.desk.comments
                ),
                id="comments",
                markup=False,
            )
            with VerticalScroll(id="detail"):
                yield Static("", id="position", markup=False)
                yield Static("", id="question", markup=False)
                with VerticalScroll(id="text-box"):
                    yield Static("", id="text", markup=False)
                yield Static(MASK_HELP, id="mask-help", classes="help", markup=False)
                yield Static("", id="to-check", markup=False)
                yield Static("", id="quoting", markup=False)
                yield Static("", id="hidden", markup=False)
                yield Static("", id="edited", markup=False)
                yield Static("", id="decision", markup=False)
                yield Input(
                    placeholder="Theme (optional), e.g. Feeling welcome",
                    max_length=MAX_THEME,
                    id="theme-input",
                )
                with Horizontal(classes="actions"):
                    yield Button("Keep", variant="success", id="keep", compact=True)
                    yield Button("Edit", variant="warning", id="edit", compact=True)
                    yield Button("Drop", variant="error", id="drop", compact=True)
                    yield Button("Undo", id="undo", compact=True)
                with Horizontal(classes="actions", id="moves"):
                    yield Button("◀ Previous", id="previous", compact=True)
                    yield Button("Next ▶", id="next", compact=True)
                    yield Button("Save", variant="primary", id="save", compact=True)
        yield Static("", id="message", markup=False)
        yield Static(KEYS_HELP, id="keys", markup=False)

    def on_mount(self) -> None:
        self.query_one("#theme-input", Input).cursor_blink = False
        comments = self.query_one("#comments", OptionList)
        comments.highlighted = self.desk.index
        comments.focus()
        self.show_comment()

    # -- showing ---------------------------------------------------------------------

    def _list_line(self, comment: Comment) -> Text:
        return list_line(comment.text, self.desk.marks(comment), self.desk.decision(comment))

    def show_comment(self) -> None:
        """Draw the current comment and its decision."""
        desk = self.desk
        comment = desk.current
        decision = desk.decision()
        self.query_one("#position", Static).update(
            f"Comment {desk.index + 1} of {len(desk.comments)} · {state_label(decision)}"
        )
        self.query_one("#question", Static).update(
            safe_text(f"{comment.survey_id} · {comment.question_text}", one_line=True)
        )
        self.query_one("#text", Static).update(highlighted(comment.text, desk.marks()))
        shown = decision.text if decision is not None and decision.text is not None else None
        self.query_one("#to-check", Static).update(check_line(shown or comment.text))
        self.query_one("#quoting", Static).update(quoting_line(comment))
        hidden = self.query_one("#hidden", Static)
        hidden.display = self.show_hidden and bool(comment.spans)
        hidden.update(hidden_words(desk.marks()))
        edited = self.query_one("#edited", Static)
        edited.display = decision is not None and decision.action is Action.EDIT
        if decision is not None and decision.text is not None:
            words = Text("Will be shown as: ", style="bold")
            words.append_text(highlighted(decision.text, masked_parts(decision.text)))
            edited.update(words)
        self.query_one("#decision", Static).update(self._decision_line())
        theme = self.query_one("#theme-input", Input)
        theme.value = (decision.theme or "") if decision else ""
        theme.suggester = SuggestFromList(desk.themes(), case_sensitive=False)
        self._show_status()

    def _decision_line(self) -> Text:
        decision = self.desk.decision()
        if decision is None:
            return Text("Not reviewed yet: keep it, edit it, or drop it.")
        words = {
            Action.KEEP: "Decision: keep it as it is",
            Action.EDIT: "Decision: keep it with your wording",
            Action.DROP: "Decision: drop it (left out of the export)",
        }[decision.action]
        line = Text(words)
        if decision.theme:
            line.append(" · theme: ")
            line.append_text(safe_text(decision.theme, one_line=True))
        return line

    def _show_status(self) -> None:
        desk = self.desk
        saved = "not saved yet" if desk.unsaved else "all saved"
        self.query_one("#status", Static).update(
            f"Review comments · {desk.reviewed} of {len(desk.comments)} reviewed · {saved}"
        )

    def say(self, message: str) -> None:
        """A calm line under the buttons."""
        self.query_one("#message", Static).update(safe_text(message))

    def _refresh_row(self, index: int) -> None:
        comment = self.desk.comments[index]
        self.query_one("#comments", OptionList).replace_option_prompt_at_index(
            index, self._list_line(comment)
        )

    def _show_where_the_desk_is(self) -> None:
        comments = self.query_one("#comments", OptionList)
        if comments.highlighted != self.desk.index:
            comments.highlighted = self.desk.index
        self.show_comment()

    @on(OptionList.OptionHighlighted, "#comments")
    def _picked(self, event: OptionList.OptionHighlighted) -> None:
        if event.option_index != self.desk.index:
            self.desk.go(event.option_index)
            self.say("")
            self.show_comment()

    # -- deciding --------------------------------------------------------------------

    def _theme(self) -> str | None:
        return self.query_one("#theme-input", Input).value.strip() or None

    def _decided(self, message: str, *, move_on: bool) -> None:
        index = self.desk.index
        self._refresh_row(index)
        if move_on and self.desk.next_to_do():
            self._show_where_the_desk_is()
        elif move_on:
            message += " Every comment has a decision now: press S to save."
            self.show_comment()
        else:
            self.show_comment()
        self.say(message)

    @on(Button.Pressed, "#keep")
    def action_keep(self) -> None:
        number = self.desk.index + 1
        self.desk.keep(self._theme())
        self._decided(f"Comment {number} kept.", move_on=True)

    @on(Button.Pressed, "#drop")
    def action_drop(self) -> None:
        number = self.desk.index + 1
        self.desk.drop(self._theme())
        self._decided(f"Comment {number} dropped: it will be left out.", move_on=True)

    @on(Button.Pressed, "#edit")
    def action_edit(self) -> None:
        decision = self.desk.decision()
        start = decision.text if decision and decision.text else self.desk.current.text
        self.app.push_screen(EditModal(start), self._edited)

    def _edited(self, text: str | None) -> None:
        if text is None:
            self.say("Edit cancelled; nothing changed.")
            return
        try:
            decision, scrubbed = self.desk.edit(text, self._theme())
        except ReviewError as error:
            self.say(str(error))
            return
        if decision.action is Action.KEEP:
            self._decided("The wording is unchanged, so the comment is kept.", move_on=False)
            return
        if scrubbed.spans:
            masks = ", ".join(dict.fromkeys(span.mask.value for span in scrubbed.spans))
            message = f"Edited. Your wording was checked again, and more was hidden: {masks}."
        else:
            message = "Edited. Your wording was checked again and nothing more was hidden."
        self._decided(message, move_on=False)

    @on(Button.Pressed, "#undo")
    def action_undo(self) -> None:
        if self.desk.undo():
            self._refresh_row(self.desk.index)
            self.show_comment()
            self.say("Undone: this comment is waiting for review again.")
        else:
            self.say("There is no decision on this comment to undo.")

    def action_theme(self) -> None:
        self.query_one("#theme-input", Input).focus()

    @on(Input.Submitted, "#theme-input")
    def _theme_given(self) -> None:
        try:
            changed = self.desk.set_theme(self._theme())
        except ReviewError as error:
            self.say(str(error))
            return
        if changed is None:
            self.say("The theme will be used when you keep, edit or drop this comment.")
        else:
            self._refresh_row(self.desk.index)
            self.show_comment()
            self.say("Theme set for this comment.")
        self.query_one("#comments", OptionList).focus()

    def action_leave_theme(self) -> None:
        self.query_one("#comments", OptionList).focus()

    # -- moving and saving -----------------------------------------------------------

    @on(Button.Pressed, "#next")
    def action_next(self) -> None:
        self.say("" if self.desk.index < len(self.desk.comments) - 1 else "This is the last one.")
        self.desk.next()
        self._show_where_the_desk_is()

    @on(Button.Pressed, "#previous")
    def action_previous(self) -> None:
        self.say("" if self.desk.index else "This is the first one.")
        self.desk.previous()
        self._show_where_the_desk_is()

    def action_hidden(self) -> None:
        self.show_hidden = not self.show_hidden
        self.show_comment()
        if not self.desk.current.spans:
            self.say("Nothing was hidden in this comment.")

    @on(Button.Pressed, "#save")
    def action_save(self) -> None:
        self.save()

    def save(self) -> bool:
        """Save the decisions; says what happened. True when saved."""
        try:
            line = self.desk.save()
        except (ReviewError, OSError) as error:
            reason = getattr(error, "strerror", None) or str(error)
            self.say(
                f"The decisions could not be saved ({reason}). They are still here: "
                "check the folder, then press S again."
            )
            return False
        self._show_status()
        self.say(line)
        return True
