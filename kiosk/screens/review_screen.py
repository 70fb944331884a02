""" "Check your answers": every answer (or "Skipped") with a way to change it, then Send.

Nothing is below the fold: answers too many for the screen come in pages of whole
answers, with a count ("Answers 1–4 of 8") and large "◀ Earlier answers" /
"More answers ▶" targets beside "Send my answers", which is on every page. Tab or an
arrow onto an answer on another page turns to that page.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from typing import ClassVar

from rich.text import Text
from textual import events, on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.widget import Widget
from textual.widgets import Static

from accessibility import narration
from accessibility.narration import answer_words
from accessibility.screen_narration import SKIPPED
from kiosk.messages import Say
from kiosk.safe_text import safe_text
from kiosk.screens.paged_screen import PagedScreen
from kiosk.spoken_keys import bindings_along
from kiosk.widgets.paging import (
    PAGE_END,
    REVIEW_PAGES,
    PageBody,
    Pager,
    outer_height,
    split_pages,
)
from kiosk.widgets.tap import Tap
from kiosk.widgets.toolbar import Tool, Toolbar
from surveys.catalogues import N_, _
from surveys.model import DEFAULT_SCALE_LABELS, PREFER_NOT_TO_SAY, Kind
from surveys.session import ReviewItem

NOTHING_TO_SKIP = N_("There's nothing to skip here. Press Send my answers when you are ready.")
INTRO = N_("Here is what you said. You can change any answer before you send.")
CUT_SHORT = N_("{answer} … (Change shows all of it)")
"""After the part of a long answer that fits a page (read-aloud still reads it all)."""


def _shown_answer(item: ReviewItem) -> str:
    """An answer as shown: the kiosk's own words for yes/no, the usual agree scale
    and "Prefer not to say" in the screen's language; anything else as given."""
    words = answer_words(item.question, item.answer)
    kind = item.question.kind
    if (
        kind is Kind.YESNO
        or words == PREFER_NOT_TO_SAY
        or (kind is Kind.SCALE and words in DEFAULT_SCALE_LABELS)
    ):
        return _(words)
    return words


def answers_words(shown: range, total: int) -> str:
    """ "Answers 1–4 of 8" (or "Answer 5 of 8") for the answers ``shown``, from 0."""
    if len(shown) == 1:
        return _("Answer {number} of {total}", number=shown.start + 1, total=total)
    return _(
        "Answers {first}–{last} of {total}", first=shown.start + 1, last=shown.stop, total=total
    )


class ReviewMove(StrEnum):
    """What the person chose on the review."""

    SEND = "send"
    CHANGE = "change"
    BACK = "back"


@dataclass(frozen=True, slots=True)
class ReviewOutcome:
    """The choice, with the question to change when changing."""

    move: ReviewMove
    question_id: str | None = None


class ReviewScreen(PagedScreen[ReviewOutcome]):
    """Shows the answers, numbered as read aloud; returns a ``ReviewOutcome``.

    A number key changes that answer, as the narration says. Send needs its own press.
    """

    TOOLS = frozenset(Tool)
    BINDINGS: ClassVar[list[BindingType]] = [
        *(Binding(str(n), f"change({n})", show=False) for n in range(1, 10)),
        Binding("pagedown", "turn(1)", "More answers", show=False),
        Binding("pageup", "turn(-1)", "Earlier answers", show=False),
        Binding("down", "step(1)", "Next answer", show=False),
        Binding("up", "step(-1)", "Previous answer", show=False),
    ]

    DEFAULT_CSS = """
    ReviewScreen .item {
        height: auto;
        margin: 0 0 1 0;
        padding: 0 1;
        background: $surface;
        color: $foreground;
    }
    ReviewScreen .item-text {
        height: auto;
        width: 1fr;
    }
    ReviewScreen .item-answer {
        height: auto;
        width: 1fr;
        padding: 0 0 0 2;
        text-style: bold;
    }
    ReviewScreen .item-answer.-skipped {
        text-style: italic;
        color: $text-muted;
    }
    ReviewScreen .item-row {
        height: auto;
    }
    ReviewScreen .item-row > Tap {
        width: 12;
        height: 3;
    }
    ReviewScreen .item.-page-end {
        margin: 0;
    }
    ReviewScreen #review-count {
        height: 1;
        color: $text-muted;
        margin: 0 0 1 0;
    }
    ReviewScreen > .actions > Tap#send {
        width: 24;
        max-width: 40%;
    }
    """

    def __init__(self, items: list[ReviewItem], *, message: str | None = None) -> None:
        super().__init__()
        self.items = items
        self.first_message = _(message) if message else message
        self.page = 0
        self.pages: list[range] = [range(len(items))]
        self._cut_short: set[int] = set()
        """Answers shown cut short, being too long for a page of their own."""

    def compose(self) -> ComposeResult:
        yield Static(_("Check your answers"), classes="where", markup=False)
        with PageBody(classes="body", id="review-body"):
            yield Static(_(INTRO), classes="question-text", id="intro", markup=False)
            yield Static("", id="review-count", markup=False)
            for index, item in enumerate(self.items):
                words = _shown_answer(item)
                answer = Static(
                    safe_text(words) if not item.skipped else Text(_(SKIPPED)),
                    classes="item-answer" + (" -skipped" if item.skipped else ""),
                    id=f"answer-{index}",
                )
                with (
                    Vertical(classes="item", id=f"item-{index}"),
                    Horizontal(classes="item-row"),
                ):
                    with Vertical(classes="item-text"):
                        yield Static(
                            safe_text(f"{index + 1}. {item.question.text}"),
                            classes="item-question",
                        )
                        yield answer
                    yield Tap(_("Change"), id=f"change-{index}")
            yield Static(safe_text(self.first_message or ""), classes="note", id="note")
        with Horizontal(classes="actions", id="review-actions"):
            yield Pager(REVIEW_PAGES, id="review-pager")
            yield Tap(_("Send my answers"), id="send", classes="-main")
        yield Toolbar(self.TOOLS, faded={Tool.SKIP})

    def on_mount(self) -> None:
        self.query_one("#review-count").display = False
        self.query_one("#note").display = bool(self.first_message)
        self.query_one(Pager).display = False
        # Focus starts on the first answer, never on Send: a key pressed on arrival
        # (the Enter that finished the last question, a Space) must not send.
        changes = self.query(".item-row > Tap")
        (changes.first() if changes else self.query_one("#send", Tap)).focus()
        self.call_after_refresh(self.lay_out_pages)

    # -- pages of answers ----------------------------------------------------------

    def _pieces(self) -> list[Widget]:
        return list(self.query(".item"))

    def _index_of(self, widget: Widget | None) -> int | None:
        """The number (from 0) of the answer ``widget`` is part of, if any."""
        while widget is not None:
            if widget.has_class("item") and widget.id and widget.id.startswith("item-"):
                return int(widget.id.removeprefix("item-"))
            parent = widget.parent
            widget = parent if isinstance(parent, Widget) else None
        return None

    def lay_out_pages(self) -> None:
        """Split the answers into pages of whole answers that fit the body, and show
        the page with the focused answer, else the one the person was on."""
        if not self.is_attached or not self.query("#review-body"):
            return  # the screen has gone (a late call after it was closed)
        pieces = self._pieces()
        if not pieces:
            return
        body = self.query_one("#review-body")
        room = body.region.shrink(body.styles.gutter)
        if room.height <= 0 or room.width <= 0:
            return
        intro = self.query_one("#intro", Static)
        with self.app.batch_update():
            intro.display = True
            for piece in pieces:
                piece.display = True
                piece.remove_class(PAGE_END)
            for index in self._cut_short:
                self._show_answer(index)
            self._cut_short.clear()
        heights = [outer_height(piece, room.width) for piece in pieces]
        below = [piece.styles.margin.bottom for piece in pieces]
        note = self.query_one("#note", Static)
        # On every page: the words at the top and any kind note below.
        rest = outer_height(intro, room.width)
        rest += outer_height(note, room.width) if note.display else 0
        if sum(heights) - below[-1] + rest <= room.height:
            ranges = [range(len(pieces))]
        else:
            page_room = room.height - rest
            page_room -= outer_height(self.query_one("#review-count"), room.width)
            if max(h - b for h, b in zip(heights, below, strict=True)) > page_room:
                # No room for one answer a page: the words at the top go (read-aloud
                # and "What does this mean?" still say them).
                intro.display = False
                page_room += outer_height(intro, room.width)
            for index, piece in enumerate(pieces):
                if heights[index] - below[index] > page_room:
                    heights[index] = self._cut_to_fit(index, piece, page_room, room.width)
            ranges = split_pages(heights, page_room, below)
        was = self.pages[self.page].start if self.page < len(self.pages) else 0
        keep = self._index_of(self.focused)
        keep = was if keep is None else keep
        self.pages = ranges
        self.page = next((n for n, page in enumerate(ranges) if keep in page), 0)
        self._show_page()

    def _show_answer(self, index: int, length: int | None = None) -> None:
        """Show answer ``index`` whole, or its first ``length`` characters cut short."""
        item = self.items[index]
        if item.skipped:
            return
        words = _shown_answer(item)
        if length is not None:
            words = _(CUT_SHORT, answer=words[:length].rstrip())
        self.query_one(f"#answer-{index}", Static).update(safe_text(words))

    def _cut_to_fit(self, index: int, piece: Widget, room: int, width: int) -> int:
        """Cut a long answer short so its answer fits a page of its own (the question
        and Change stay whole); gives the new height."""
        item = self.items[index]
        if item.skipped:
            return outer_height(piece, width)
        words = _shown_answer(item)
        bottom = piece.styles.margin.bottom
        low, high = 0, len(words)
        while low < high:  # the longest start of the words that fits
            middle = (low + high + 1) // 2
            self._show_answer(index, middle)
            if outer_height(piece, width) - bottom <= room:
                low = middle
            else:
                high = middle - 1
        self._show_answer(index, low)
        self._cut_short.add(index)
        return outer_height(piece, width)

    def _show_page(self) -> None:
        shown = self.pages[self.page]
        paged = len(self.pages) > 1
        with self.app.batch_update():
            for index, piece in enumerate(self._pieces()):
                piece.display = index in shown
                piece.set_class(index == shown.stop - 1, PAGE_END)
            count = self.query_one("#review-count", Static)
            count.display = paged
            count.update(answers_words(shown, len(self.items)))
            self.query_one(Pager).show_page(self.page, len(self.pages))
            self.query_one("#review-body", VerticalScroll).scroll_home(
                animate=False, immediate=True
            )

    def action_turn(self, step: int) -> None:
        """Show the earlier (−1) or next (+1) page of answers, when there is one."""
        page = self.page + step
        if not 0 <= page < len(self.pages):
            return
        self.page = page
        self._show_page()
        if self._index_of(self.focused) is not None:
            # Keyboard focus follows the page, onto its first answer's "Change".
            self.query_one(f"#change-{self.pages[page].start}", Tap).focus()
        self.post_message(Say(answers_words(self.pages[page], len(self.items))))

    @on(Pager.Turned)
    def _turned(self, event: Pager.Turned) -> None:
        event.stop()
        self.action_turn(event.step)

    def _step_answer(self, step: int) -> bool:
        """From one answer's "Change" to the next (+1) or previous (−1) answer's,
        turning the page when it is on another; False when there is none."""
        index = self._index_of(self.focused)
        if index is None or not 0 <= index + step < len(self.items):
            return False
        target = index + step
        if target not in self.pages[self.page]:
            self.page = next(n for n, page in enumerate(self.pages) if target in page)
            self._show_page()
        self.query_one(f"#change-{target}", Tap).focus()
        return True

    def action_step(self, step: int) -> None:
        """Down / Up: the next or previous answer, on whatever page it is."""
        if not self._step_answer(step):
            if step > 0:
                super().focus_next()
            else:
                super().focus_previous()

    def focus_next(self, selector: str | type[Widget] = "*") -> Widget | None:
        """Tab walks every answer, page by page, before the targets below."""
        if self._step_answer(1):
            return self.focused
        return super().focus_next(selector)

    def focus_previous(self, selector: str | type[Widget] = "*") -> Widget | None:
        """Shift+Tab walks back through every answer, page by page."""
        if self._step_answer(-1):
            return self.focused
        return super().focus_previous(selector)

    def on_descendant_focus(self, event: events.DescendantFocus) -> None:
        """Focus put on an answer on another page (by any route): show that page."""
        index = self._index_of(event.widget)
        if index is None or index in self.pages[self.page]:
            return
        self.page = next((n for n, page in enumerate(self.pages) if index in page), self.page)
        self._show_page()

    def narration(self) -> str:
        numbers = bindings_along(self).get("1", "").startswith("change(")
        spoken = narration.review_screen(self.items, numbers_change=numbers)
        if self.first_message:
            spoken = f"{narration.error(self.first_message)} {spoken}"
        return spoken

    def meaning(self) -> tuple[str | None, str]:
        return (
            _(
                "These are your answers. Press Change next to one to change it. "
                "When you are happy, press Send my answers."
            ),
            " ".join(item.question.text for item in self.items),
        )

    def action_change(self, number: int) -> None:
        if 1 <= number <= len(self.items):
            self.dismiss(ReviewOutcome(ReviewMove.CHANGE, self.items[number - 1].question.id))

    @on(Tap.Pressed, "#send")
    def _send(self) -> None:
        self.dismiss(ReviewOutcome(ReviewMove.SEND))

    @on(Tap.Pressed)
    def _change(self, event: Tap.Pressed) -> None:
        tap_id = event.tap.id or ""
        if tap_id.startswith("change-"):
            event.stop()
            item = self.items[int(tap_id.removeprefix("change-"))]
            self.dismiss(ReviewOutcome(ReviewMove.CHANGE, item.question.id))

    def tool_back(self) -> None:
        self.dismiss(ReviewOutcome(ReviewMove.BACK))

    def tool_skip(self) -> None:
        note = self.query_one("#note", Static)
        note.update(_(NOTHING_TO_SKIP))
        note.display = True
        self.call_after_refresh(self.lay_out_pages)  # the pages make room for the note
        self.post_message(Say(narration.error(_(NOTHING_TO_SKIP))))
