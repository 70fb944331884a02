"""Short and long written answers, with a live count and a kind word when the box is full.

What is typed is kept exactly (markup-looking text and escape codes included) and
drawn literally: control characters appear as visible symbols, never as commands.
"""

from __future__ import annotations

from rich.highlighter import Highlighter
from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.message import Message
from textual.widget import Widget
from textual.widgets import Input, Static, TextArea
from textual.widgets.text_area import EditResult, Location

from kiosk.safe_text import visible, visible_in_editor
from kiosk.widgets.answer_base import AnswerWidget
from kiosk.widgets.paging import outer_height
from surveys.catalogues import N_, _, n_
from surveys.kinds import text_limit
from surveys.model import AnswerValue, Kind, Question

NO_NAMES = N_("Please don't type names or contact details.")
FULL = N_("This box is full now. Thank you — that's plenty to go on.")


class Capped(Message):
    """Some typed or pasted text did not fit and was left out."""


class _ShowControls(Highlighter):
    """Draws control characters as symbols (same length, so the cursor lines up)."""

    def __call__(self, text: str | Text) -> Text:
        plain = text if isinstance(text, str) else text.plain
        return Text(visible(plain, one_line=True), no_wrap=True, overflow="ignore", end="")

    def highlight(self, text: Text) -> None:
        """Nothing to colour."""


class CappedInput(Input):
    """A one-line box that keeps what fits when more is pasted, and says so kindly."""

    def __init__(self, value: str, limit: int, **kwargs: object) -> None:
        super().__init__(value, max_length=limit, highlighter=_ShowControls(), **kwargs)  # type: ignore[arg-type]
        self.cursor_blink = False  # nothing on the kiosk flashes

    def replace(self, text: str, start: int, end: int) -> None:
        start, end = sorted((max(0, start), min(len(self.value), end)))
        room = self.max_length - (len(self.value) - (end - start)) if self.max_length else None
        if room is not None and len(text) > room:
            text = text[: max(room, 0)]
            self.post_message(Capped())
            if not text and start == end:
                return
        super().replace(text, start, end)

    def restricted(self) -> None:
        """No bell: the count and a kind line say the box is full."""
        self.post_message(Capped())


class CappedTextArea(TextArea):
    """A multi-line box with a character limit that keeps what fits."""

    def __init__(self, text: str, limit: int, **kwargs: object) -> None:
        super().__init__(text, soft_wrap=True, show_line_numbers=False, **kwargs)  # type: ignore[arg-type]
        self.limit = limit
        self.cursor_blink = False  # nothing on the kiosk flashes

    def _replace_via_keyboard(
        self, insert: str, start: Location, end: Location
    ) -> EditResult | None:
        top, bottom = sorted((start, end))
        removing = len(self.get_text_range(top, bottom))
        room = self.limit - (len(self.text) - removing)
        if len(insert) > room:
            insert = insert[: max(room, 0)]
            self.post_message(Capped())
            if not insert and top == bottom:
                return None
        return super()._replace_via_keyboard(insert, start, end)

    def get_line(self, line_index: int) -> Text:
        """The line as drawn: control characters shown as symbols."""
        return Text(visible_in_editor(self.document.get_line(line_index)), end="", no_wrap=True)


class TextAnswer(AnswerWidget):
    """A short (one line) or long (several lines) written answer."""

    # Unscoped, so rules can start from the App's text-size class ("App.-text-largest …").
    SCOPED_CSS = False

    DEFAULT_CSS = """
    TextAnswer .no-names {
        color: $text-muted;
        margin: 0 0 1 0;
    }
    TextAnswer CappedInput, TextAnswer CappedTextArea {
        width: 100%;
        background: $background;
        color: $foreground;
        border: tall $text-muted;
    }
    TextAnswer CappedTextArea {
        height: 8;
    }
    /* Focus: a thick border in the focus colour (never a blended tint). */
    TextAnswer CappedInput:focus, TextAnswer CappedTextArea:focus {
        border: thick $border;
        background-tint: transparent;
    }
    TextAnswer .count {
        color: $text-muted;
        height: 1;
    }
    TextAnswer .full {
        color: $text-warning;
        height: auto;
        display: none;
    }
    TextAnswer .full.-shown {
        display: block;
    }
    App.-text-large TextAnswer, App.-text-largest TextAnswer {
        text-style: bold;
    }
    """

    LONG_BOX = (4, 8)
    """The fewest and most lines the long-answer box takes (fewer on a small screen)."""

    def __init__(self, question: Question, previous: AnswerValue | None) -> None:
        super().__init__(question, previous)
        self.limit = text_limit(question)
        self.long = question.kind is Kind.LONGTEXT
        start = previous if isinstance(previous, str) else ""
        self.box: CappedInput | CappedTextArea
        if self.long:
            self.box = CappedTextArea(start, self.limit, id="answer-box")
        else:
            self.box = CappedInput(start, self.limit, id="answer-box")

    def compose(self) -> ComposeResult:
        yield Static(_(NO_NAMES), classes="no-names", markup=False)
        yield self.box
        yield Static(self._count_words(), classes="count", markup=False)
        yield Static(_(FULL), classes="full", markup=False)

    def _text(self) -> str:
        return self.box.text if isinstance(self.box, CappedTextArea) else self.box.value

    def _count_words(self) -> str:
        return n_(
            "{typed:,} of {count:,} character",
            "{typed:,} of {count:,} characters",
            self.limit,
            typed=len(self._text()),
        )

    def raw_answer(self) -> object:
        return self._text()

    def focus_target(self) -> Widget | None:
        return self.box

    @on(Input.Changed)
    @on(TextArea.Changed)
    def _changed(self, event: Message) -> None:
        event.stop()
        self.query_one(".count", Static).update(self._count_words())
        if len(self._text()) < self.limit:
            self.query_one(".full", Static).remove_class("-shown")

    @on(Capped)
    def _capped(self, event: Capped) -> None:
        event.stop()
        self.query_one(".full", Static).add_class("-shown")

    @on(Input.Submitted)
    def _submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.post_message(self.Confirmed())

    def fit_height(self, rows: int) -> None:
        """On a small screen the long-answer box gets shorter, so the count and the
        reminder under it stay in view."""
        if not self.long:
            return
        box = self.query_one(CappedTextArea)
        width = self.content_region.width
        others = sum(
            outer_height(child, width)
            for child in self.children
            if child.display and child is not box
        )
        fewest, most = self.LONG_BOX
        box.styles.height = max(fewest, min(most, rows - others))
