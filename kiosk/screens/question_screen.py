"""One question per screen, with the answer widget for its kind.

The screen checks the answer with ``check_answer`` so a kind message can be shown
in place; the App hands the accepted answer to the session, which decides what
comes next. On the first question of a section with a content note (a warning
before a hard topic), the note is shown above the question and read first.

Nothing is below the fold: a list of choices too long for the screen comes in pages
with large "◀ Back to earlier choices" and "More choices ▶" targets and a count
("Choices 1–4 of 6"). Each choice keeps its own number on every page, so a digit
always chooses the choice shown with that number, turning to its page.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from typing import ClassVar

from textual import events, on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, VerticalScroll
from textual.widget import Widget
from textual.widgets import Static

from accessibility import narration
from accessibility.screen_narration import progress_words
from kiosk.messages import Say
from kiosk.safe_text import safe_text
from kiosk.screens.paged_screen import PagedScreen
from kiosk.spoken_keys import keys_from
from kiosk.widgets.answer_base import AnswerWidget
from kiosk.widgets.answers import answer_widget
from kiosk.widgets.big_label import BigGlyphs, BigLabel
from kiosk.widgets.paging import (
    CHOICE_PAGES,
    PAGE_END,
    PageBody,
    Pager,
    outer_height,
    split_pages,
)
from kiosk.widgets.tap import Tap
from kiosk.widgets.toolbar import Tool, Toolbar
from surveys.catalogues import N_, _
from surveys.errors import AnswerCode, AnswerError
from surveys.kinds import check_answer
from surveys.model import AnswerValue, Question

FIRST_QUESTION = N_("This is the first question, so there is nothing to go back to.")


class Move(StrEnum):
    """How the person left a question."""

    ANSWER = "answer"
    SKIP = "skip"
    BACK = "back"
    NEXT = "next"


@dataclass(frozen=True, slots=True)
class QuestionOutcome:
    """The person's move, with the checked answer when they answered."""

    move: Move
    answer: AnswerValue | None = None


class QuestionScreen(PagedScreen[QuestionOutcome]):
    """Shows one question; returns a ``QuestionOutcome``."""

    TOOLS = frozenset(Tool)
    DEFAULT_CSS = """
    /* The content note: text on a panel, with a line at its side for high contrast too. */
    QuestionScreen #content-note {
        width: 100%;
        height: auto;
        background: $surface;
        color: $foreground;
        border-left: heavy $primary;
        padding: 0 1;
        margin: 0 0 1 0;
    }
    QuestionScreen #choice-count {
        height: 1;
        color: $text-muted;
    }
    """
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("pagedown", "turn(1)", "More choices", show=False),
        Binding("pageup", "turn(-1)", "Back to earlier choices", show=False),
        Binding("enter", "confirm", "Go on", show=False),
        *(Binding(str(n), f"digit({n})", show=False) for n in range(10)),
    ]

    def __init__(
        self,
        question: Question,
        *,
        number: int,
        total: int,
        previous: AnswerValue | None = None,
        can_go_back: bool = True,
        section: str | None = None,
        content_note: str | None = None,
        message: str | None = None,
        fewest: int | None = None,
    ) -> None:
        super().__init__()
        self.question = question
        self.number = number
        self.total = total
        self.fewest = fewest
        """With ``total``, the range of questions when some show only after certain answers."""
        self.can_go_back = can_go_back
        self.section = section
        self.content_note = content_note
        self.first_message = _(message) if message else message
        """A kind note shown on arrival, in the screen's language."""
        self.previous = previous
        self.answer = answer_widget(question, previous)
        self.pages: list[list[Widget]] = []
        self.page = 0
        self._paged_out: set[Widget] = set()

    def compose(self) -> ComposeResult:
        where = progress_words(self.number, self.total, asks=self.question.asks)
        if self.question.asks and self.total:
            where = narration.progress_text(self.number, self.total, self.fewest)
        if self.section:
            where = f"{where}  ·  {self.section}"
        yield Static(safe_text(where, one_line=True), classes="where")
        # The warning comes before the question it warns about.
        if self.content_note:
            yield Static(safe_text(self.content_note), id="content-note")
        # The question stays in view above the answers; at the largest size it is drawn
        # big only when that takes under a third of the screen.
        yield BigLabel(
            self.question.text, max_share=0.3, classes="question-text", id="question-text"
        )
        with PageBody(classes="body", id="question-body"):
            yield Static("", id="choice-count", markup=False)
            yield self.answer
            yield Static(safe_text(self.first_message or ""), classes="note", id="note")
        with Horizontal(classes="actions"):
            yield Pager(CHOICE_PAGES, id="choice-pager")
            yield Tap(_("Next ▶"), id="next", classes="-main")
        faded = set()
        if not self.can_go_back:
            faded.add(Tool.BACK)
        if not self.can_skip:
            faded.add(Tool.SKIP)
        yield Toolbar(self.TOOLS, faded=faded)

    def on_mount(self) -> None:
        self.query_one("#choice-count").display = False
        self.query_one("#note").display = bool(self.first_message)
        self.query_one(Pager).display = False
        if self.question.asks:
            self.answer.focus_first()
        else:
            self.query_one("#next", Tap).focus()
        self.call_after_refresh(self.lay_out_pages)

    # -- pages of choices ----------------------------------------------------------

    def _piece_of(self, widget: Widget | None) -> Widget | None:
        """The page piece ``widget`` is (or is inside), if any."""
        pieces = self.answer.page_pieces()
        while widget is not None:
            if widget in pieces:
                return widget
            parent = widget.parent
            widget = parent if isinstance(parent, Widget) else None
        return None

    def lay_out_pages(self) -> None:
        """Split the choices into pages that fit the body, and show the person's page:
        the one with the focused choice, else the one they were on."""
        if not self.is_attached or not self.query("#question-body"):
            return  # the screen has gone (a late call after it was closed)
        # Pieces can change with the text size (big glyphs stack a row), so whatever an
        # earlier split hid is shown again before measuring.
        for widget in self._paged_out:
            widget.display = True
        self._paged_out.clear()
        for widget in self.query(f".{PAGE_END}"):
            widget.remove_class(PAGE_END)
        pieces = self.answer.page_pieces()
        body = self.query_one("#question-body")
        room = body.region.shrink(body.styles.gutter)
        if room.height <= 0 or room.width <= 0:
            return
        note = self.query_one("#note", Static)
        note_rows = outer_height(note, room.width) if note.display else 0
        if not pieces:
            self.answer.fit_height(room.height - note_rows)
            return
        width = self.answer.content_region.width or room.width
        items = [widget for widget in self.answer.query("*") if isinstance(widget, BigGlyphs)]
        for item in items:
            item.big_allowed = True
        heights = [outer_height(piece, width) for piece in pieces]
        below = [piece.styles.margin.bottom for piece in pieces]
        # Everything else in the answer area (a hint, the 0–10 words) is on every page.
        rest = self.answer.styles.gutter.height + sum(
            outer_height(child, width)
            for child in self.answer.children
            if child.display
            and child not in pieces
            and not any(child in piece.ancestors for piece in pieces)
        )
        rest += note_rows
        count = self.query_one("#choice-count", Static)
        page_room = room.height - rest - outer_height(count, room.width)
        if max(h - b for h, b in zip(heights, below, strict=True)) > page_room:
            # Big glyphs that would not fit even on a page of their own: plain bold words.
            for item in items:
                item.big_allowed = False
                item.refresh(layout=True)
            heights = [outer_height(piece, width) for piece in pieces]
        if max(h - b for h, b in zip(heights, below, strict=True)) > page_room:
            # Still no room for one piece a page (a ranking at 60×20): the how-to line
            # goes. The Up, Down and "This order is right" targets say what they do,
            # and read-aloud still says it.
            for hint in self.answer.query_children(".how"):
                if hint.display:
                    hint.display = False
                    self._paged_out.add(hint)
                    page_room += outer_height(hint, width)
        if sum(heights) - below[-1] + rest <= room.height:
            ranges = [range(len(pieces))]
        else:
            ranges = split_pages(heights, page_room, below)
        was = self.pages[self.page][0] if self.pages and self.pages[self.page] else None
        self.pages = [[pieces[index] for index in page] for page in ranges]
        keep = self._piece_of(self.focused) or was
        self.page = next((n for n, page in enumerate(self.pages) if keep in page), 0)
        self._show_page()

    def _show_page(self) -> None:
        shown = self.pages[self.page]
        with self.app.batch_update():
            for piece in self.answer.page_pieces():
                piece.display = piece in shown
                piece.set_class(piece is shown[-1], PAGE_END)
                if not piece.display:
                    self._paged_out.add(piece)
            count = self.query_one("#choice-count", Static)
            count.display = len(self.pages) > 1
            count.update(self.answer.page_words(shown))
            self.query_one(Pager).show_page(self.page, len(self.pages))
            self.query_one("#question-body", VerticalScroll).scroll_home(
                animate=False, immediate=True
            )

    def action_turn(self, step: int) -> None:
        """Show the earlier (−1) or next (+1) page of choices, when there is one."""
        page = self.page + step
        if not 0 <= page < len(self.pages):
            return
        self.page = page
        self._show_page()
        if self._piece_of(self.focused) is not None:
            # Keyboard focus follows the page, onto its first choice.
            first = self.pages[page][0]
            target = (
                first
                if first.can_focus
                else next((w for w in first.query("*") if w.can_focus), None)
            )
            if target is not None:
                target.focus()
        self.post_message(Say(self.answer.page_words(self.pages[page])))

    @on(Pager.Turned)
    def _turned(self, event: Pager.Turned) -> None:
        event.stop()
        self.action_turn(event.step)

    def on_descendant_focus(self, event: events.DescendantFocus) -> None:
        """A digit, an arrow or a move put the focus on a choice on another page: show it."""
        piece = self._piece_of(event.widget)
        if piece is None or not self.pages or piece in self.pages[self.page]:
            return
        self.page = next((n for n, page in enumerate(self.pages) if piece in page), self.page)
        self._show_page()

    # -- what it says --------------------------------------------------------------

    def current_answer(self) -> AnswerValue | None:
        """The answer as given on screen so far (checked), else the one given before."""
        if not self.question.asks:
            return None
        try:
            return check_answer(self.question, self.answer.raw_answer())
        except AnswerError:
            return self.previous

    def spoken_keys(self) -> narration.Keys:
        """The keys this screen really has from where the focus is (or will start)."""
        target = self.focused or self.answer.focus_target() or self.query_one("#next", Tap)
        return keys_from(
            target,
            digits_choose=self.answer.DIGITS_CHOOSE,
            after_tab=self.query_one("#next", Tap),
        )

    def narration(self) -> str:
        spoken = narration.question_screen(
            self.question,
            self.number,
            self.total,
            self.current_answer(),
            self.spoken_keys(),
            fewest=self.fewest,
        )
        if self.first_message:
            spoken = f"{narration.error(self.first_message)} {spoken}"
        if self.content_note:
            spoken = f"{narration.section_intro(self.section, self.content_note)} {spoken}"
        return spoken

    @property
    def can_skip(self) -> bool:
        """True when this question may be skipped."""
        return self.question.asks and not self.question.required

    def meaning(self) -> tuple[str | None, str]:
        question = self.question
        words = [
            self.content_note or "",
            question.text,
            *(option.label for option in question.options),
        ]
        words += [label for label in (question.low_label, question.high_label) if label]
        return question.help, "\n".join(words)

    def show_note(self, message: str) -> None:
        """Show a kind message under the answer (never alarming), and read it aloud."""
        note = self.query_one("#note", Static)
        note.update(safe_text(message))
        note.display = True
        note.scroll_visible(animate=False)
        self.call_after_refresh(self.lay_out_pages)  # the pages make room for the note
        self.post_message(Say(narration.error(message)))

    # -- moves ---------------------------------------------------------------------

    def action_confirm(self) -> None:
        if not self.question.asks:
            self.dismiss(QuestionOutcome(Move.NEXT))
            return
        untouched = self.answer.nothing_yet(skip=not self.question.required)
        if untouched is not None:
            self.show_note(untouched)
            return
        try:
            value = check_answer(self.question, self.answer.raw_answer())
        except AnswerError as error:
            self.show_note(error.told(_))
            return
        self.dismiss(QuestionOutcome(Move.ANSWER, value))

    def action_digit(self, number: int) -> None:
        self.answer.choose_number(number)

    @on(AnswerWidget.Confirmed)
    def _confirmed(self, event: AnswerWidget.Confirmed) -> None:
        event.stop()
        self.action_confirm()

    @on(Tap.Pressed, "#next")
    def _next(self) -> None:
        self.action_confirm()

    def tool_back(self) -> None:
        if not self.can_go_back:
            self.show_note(_(FIRST_QUESTION))
            return
        self.dismiss(QuestionOutcome(Move.BACK))

    def tool_skip(self) -> None:
        if not self.question.asks:
            self.dismiss(QuestionOutcome(Move.NEXT))
        elif self.question.required:
            self.show_note(_(AnswerCode.REQUIRED.template(skip=False)))
        else:
            self.dismiss(QuestionOutcome(Move.SKIP))
