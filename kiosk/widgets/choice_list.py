"""Big choice targets: single and multiple choice, the agree scale, yes/no, 0–10.

Digits choose (1–9; on the 0–10 row the number typed, so "1" then "0" is 10), Space
or a tap chooses, arrows move, Enter goes on with what is chosen (it never chooses).
A multiple-choice list shows clear ticks and digits toggle them. The numbers are the ones read aloud
(``accessibility.narration.choices_for``).
"""

from __future__ import annotations

from typing import ClassVar

from rich.cells import cell_len
from rich.text import Text
from textual import events, on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal
from textual.message import Message
from textual.widget import Widget
from textual.widgets import Static

from accessibility.narration import chosen as chosen_words
from accessibility.screen_narration import choice_labels
from accessibility.themes import FocusStyle
from kiosk.messages import Say
from kiosk.problems import Guarded
from kiosk.safe_text import safe_text, visible
from kiosk.widgets.answer_base import AnswerWidget
from kiosk.widgets.big_label import BigGlyphs, big_lines, largest, share_of_screen
from surveys.catalogues import N_, _
from surveys.model import (
    DEFAULT_SCALE_LABELS,
    PREFER_NOT_TO_SAY,
    SCALE_FACES,
    AnswerValue,
    Kind,
    Question,
)

FOCUS = FocusStyle()
"""How focus and choices are marked beyond colour (``accessibility.themes``)."""
CHOSEN_MARK = "✓"
OUR_WORDS = (N_("Yes"), N_("No"))
"""Words the kiosk gives a yes/no question (with the default scale words and "Prefer
not to say", shown in the screen's language; a survey's own words come translated)."""
"""Marks the chosen number on the 0–10 row (with "✓ chosen: 8" under the row)."""
RATING_ROW = 4
"""Numbers to a row of the 0–10 scale when it is drawn in big glyphs."""
NUMBER_GAP = 4
"""Cells between a big number and its big words, so "2" and "Sleep" read apart."""


class ChoiceItem(Guarded, BigGlyphs, Widget, can_focus=True):
    """One choice: a big target with its number, a clear mark, and its words.

    The focused choice has a "▶" marker, a thick border and the focus colours; a
    chosen one says so in text ("(•)", "[x]") as well as colour. At the largest text
    size the number and words are drawn in big glyphs when they fit.
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("space", "pick", "Choose", show=False),
        Binding("enter", "go_on", "Go on", show=False),
    ]

    DEFAULT_CSS = """
    ChoiceItem {
        height: auto;
        min-height: 3;
        width: 100%;
        padding: 0 1;
        border: round $text-muted;
        background: $surface;
        color: $foreground;
    }
    ChoiceItem:hover {
        border: round $foreground;
    }
    ChoiceItem.-selected {
        background: $block-cursor-blurred-background;
        color: $block-cursor-blurred-foreground;
        text-style: bold;
    }
    ChoiceItem:focus {
        border: thick $border;
        background: $block-cursor-background;
        color: $block-cursor-foreground;
        text-style: bold;
    }
    ChoiceItem.-compact {
        width: 1fr;
        min-width: 4;
        padding: 0;
        content-align: center middle;
        text-align: center;
    }
    """

    class Picked(Message):
        """The item was tapped or Space was pressed on it."""

        def __init__(self, item: ChoiceItem) -> None:
            super().__init__()
            self.item = item

    class GoOn(Message):
        """Enter was pressed on the item."""

        def __init__(self, item: ChoiceItem) -> None:
            super().__init__()
            self.item = item

    def __init__(
        self,
        value: object,
        words: str,
        *,
        number: str,
        mark: str,
        compact: bool = False,
        group: str = "",
        face: str = "",
    ) -> None:
        super().__init__(classes="-compact" if compact else None)
        self.group = group
        self.value = value
        self.words = words
        self.face = face
        self.number = number
        self.mark = mark
        self.selected = False

    @property
    def mark_text(self) -> str:
        """ "(•)" / "( )" or "[x]" / "[ ]" (none for the 0–10 numbers)."""
        marks = {
            "radio": (FOCUS.not_chosen, FOCUS.chosen),
            "check": (FOCUS.unticked, FOCUS.ticked),
        }
        return marks[self.mark][self.selected] if self.mark in marks else ""

    def _marker(self) -> str:
        return f"{FOCUS.marker} " if self.has_focus else "  "

    def _small(self) -> str:
        """What is drawn small before the words: marker, mark and face."""
        mark = f"{self.mark_text} " if self.mark_text else ""
        face = f"{self.face}  " if self.face else ""
        return self._marker() + mark + face

    def big_rows(self, width: int) -> list[str] | None:
        """The choice drawn in big glyphs for ``width`` cells, or None for plain text."""
        if not largest(self.app) or not self.big_allowed:
            return None
        if self.has_class("-compact"):
            return big_lines(self.words, width)
        number = big_lines(self.number, width) if self.number else []
        if number is None:
            return None
        number_width = max((len(row) for row in number), default=0)
        left = cell_len(self._small())
        room = width - left - (number_width + NUMBER_GAP if number else 0)
        words = big_lines(self.words, room, share_of_screen(self.app, 0.6))
        if words is None:
            return None
        middle = 2  # the middle of the first line of big glyphs
        rows = []
        for index in range(max(len(number), len(words))):
            prefix = self._small() if index == middle else " " * left
            glyphs = number[index] if index < len(number) else ""
            column = glyphs.ljust(number_width + NUMBER_GAP) if number else ""
            word_row = words[index] if index < len(words) else ""
            rows.append((prefix + column + word_row).rstrip())
        return rows

    def render(self) -> Text:
        rows = self.big_rows(self.content_size.width)
        if rows is not None:
            return Text("\n".join(rows), no_wrap=True, overflow="crop")
        if self.has_class("-compact"):
            return Text(self._compact_words(self.content_size.width), justify="center")
        text = Text(self._marker())
        if self.number:
            text.append(f"{self.number}  ")
        if self.mark_text:
            text.append(f"{self.mark_text} ")
        if self.face:
            text.append(f"{self.face}  ")
        text.append_text(safe_text(self.words))
        return text

    def _compact_words(self, width: int) -> str:
        """A number on the 0–10 row: the chosen one carries "✓" (never colour alone),
        and the focused one "▶", each only where it fits."""
        words = visible(self.words, one_line=True)
        if self.selected:
            words = f"{CHOSEN_MARK} {words}" if len(words) + 2 <= width else f"{CHOSEN_MARK}{words}"
        marker = FOCUS.marker if self.has_focus else ""
        if marker and len(words) + 1 <= width:
            words = marker + words
        return words

    def watch_has_focus(self, has_focus: bool) -> None:
        super().watch_has_focus(has_focus)
        self.refresh(layout=True)  # the "▶" marker comes and goes

    def set_selected(self, selected: bool) -> None:
        """Show the item as chosen or not."""
        self.selected = selected
        self.set_class(selected, "-selected")
        self.refresh()

    def action_pick(self) -> None:
        self.post_message(self.Picked(self))

    def action_go_on(self) -> None:
        self.post_message(self.GoOn(self))

    def on_click(self, event: events.Click) -> None:
        event.stop()
        self.focus()
        self.action_pick()


class ChoiceList(AnswerWidget):
    """Choices for single, multi, scale, yes/no and 0–10 rating questions."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("up", "move(-1)", "Previous", show=False),
        Binding("down", "move(1)", "Next", show=False),
        Binding("left", "move(-1)", "Previous", show=False),
        Binding("right", "move(1)", "Next", show=False),
    ]

    # Unscoped, so rules can start from the App's text-size class ("App.-text-largest …").
    SCOPED_CSS = False

    DEFAULT_CSS = """
    ChoiceList .row {
        height: auto;
        width: 100%;
    }
    ChoiceList .row > ChoiceItem {
        width: 1fr;
    }
    ChoiceList .row.-rating > .part {
        height: auto;
        width: 4fr;
    }
    ChoiceList .row.-rating > .part.-short {
        width: 3fr;
    }
    ChoiceList .row.-rating > .part > ChoiceItem {
        width: 1fr;
    }
    /* The chosen number: a double border as well as its colours and "✓". */
    ChoiceList .row.-rating ChoiceItem.-selected {
        border: double $foreground;
    }
    ChoiceList .row.-rating ChoiceItem.-selected:focus {
        border: thick $border;
    }
    ChoiceList .ends {
        height: auto;
        min-height: 1;
        color: $text-muted;
    }
    /* Big glyphs need room: yes/no stack, and 0-10 goes four to a row. Each of those
       rows is then a piece of a page (QuestionScreen pages long lists). */
    App.-text-largest ChoiceList .row.-yesno {
        layout: vertical;
    }
    App.-text-largest ChoiceList .row.-yesno > ChoiceItem {
        width: 100%;
    }
    App.-text-largest ChoiceList .row.-rating {
        layout: vertical;
    }
    App.-text-largest ChoiceList .row.-rating > .part,
    App.-text-largest ChoiceList .row.-rating > .part.-short {
        width: 100%;
        margin: 0 0 1 0;
    }
    App.-text-largest ChoiceList .row.-rating > .part > ChoiceItem {
        width: 1fr;
        margin: 0 1 0 0;
    }
    """

    DIGITS_CHOOSE = True

    def __init__(self, question: Question, previous: AnswerValue | None) -> None:
        super().__init__(question, previous)
        kind = question.kind
        self.multi = kind is Kind.MULTI
        self.rating = kind is Kind.RATING
        self.side_by_side = kind in (Kind.YESNO, Kind.RATING)
        self._typed = ""
        mark = "check" if self.multi else ("" if self.rating else "radio")
        self.items: list[ChoiceItem] = []
        for index, (value, label) in enumerate(choice_labels(question)):
            special = value == PREFER_NOT_TO_SAY
            ours = special or kind is Kind.YESNO or label in DEFAULT_SCALE_LABELS
            words = _(label) if ours else label
            number = str(index + 1) if index < 9 and not self.rating else ""
            compact = self.side_by_side and not special and self.rating
            face = ""
            if kind is Kind.SCALE and question.faces and isinstance(value, int):
                face = SCALE_FACES[value - 1]
            elif kind in (Kind.SINGLE, Kind.MULTI):
                face = question.symbol_for(value)  # the author's picture, if any
            self.items.append(
                ChoiceItem(
                    value,
                    words,
                    number=number,
                    mark="radio" if special else mark,
                    compact=compact,
                    face=face,
                )
            )
        chosen = previous if isinstance(previous, tuple) else (previous,)
        for item in self.items:
            item.selected = previous is not None and any(
                _same(item.value, value) for value in chosen
            )
            item.set_class(item.selected, "-selected")

    def compose(self) -> ComposeResult:
        main = [i for i in self.items if i.value != PREFER_NOT_TO_SAY]
        rest = [i for i in self.items if i.value == PREFER_NOT_TO_SAY]
        if self.rating:
            # In parts of four, side by side (one row) until big glyphs stack them.
            with Horizontal(classes="row -rating"):
                for start in range(0, len(main), RATING_ROW):
                    part = main[start : start + RATING_ROW]
                    short = " -short" if len(part) < RATING_ROW else ""
                    with Horizontal(classes=f"part{short}"):
                        yield from part
        elif self.side_by_side:
            with Horizontal(classes=f"row -{self.question.kind.value}"):
                yield from main
        else:
            yield from main
        if self.rating:
            # What 0 and 10 mean, and (in words, never colour alone) the number chosen.
            yield Static("", classes="ends")
        yield from rest

    def on_mount(self) -> None:
        self._show_chosen()

    # -- pages -------------------------------------------------------------------

    def page_pieces(self) -> list[Widget]:
        """The pieces a long list is paged by: each choice, or each row of choices
        (a side-by-side row is one piece; when big glyphs stack it, each of its rows)."""
        pieces: list[Widget] = []
        for child in self.children:
            if isinstance(child, ChoiceItem):
                pieces.append(child)
            elif child.has_class("row"):
                stacked = child.styles.layout is not None and child.styles.layout.name == "vertical"
                pieces.extend(child.children if stacked else [child])
        return pieces

    def page_words(self, shown: list[Widget]) -> str:
        """ "Choices 1–4 of 6" (or "Numbers 0–3 of 0 to 10") for the pieces on a page."""
        numbers = [
            index
            for index, item in enumerate(self.items)
            if any(item is piece or piece in item.ancestors for piece in shown)
        ]
        if not numbers:
            return ""
        if self.rating:
            values = [
                self.items[n].value for n in numbers if self.items[n].value != PREFER_NOT_TO_SAY
            ]
            if not values:
                return _("The numbers 0 to 10 are on an earlier page")
            if len(values) == 1:
                return _("Number {number} of 0 to 10", number=values[0])
            return _("Numbers {first}–{last} of 0 to 10", first=values[0], last=values[-1])
        first, last = numbers[0] + 1, numbers[-1] + 1
        total = len(self.items)
        if first == last:
            return _("Choice {number} of {total}", number=first, total=total)
        return _("Choices {first}–{last} of {total}", first=first, last=last, total=total)

    # -- answers -----------------------------------------------------------------

    def raw_answer(self) -> object:
        chosen = [item.value for item in self.items if item.selected]
        if self.multi:
            return tuple(chosen)
        return chosen[0] if chosen else None

    def choose_number(self, number: int) -> bool:
        if self.rating:
            # Digits typed one after another make one number ("1", "0" is 10); a digit
            # that would go past 10 starts a new number.
            typed = f"{self._typed}{number}"
            self._typed = typed if int(typed) <= 10 else str(number)
            index = int(self._typed)
        elif number == 0:
            return False
        else:
            index = number - 1
        if index >= len(self.items):
            return False
        item = self.items[index]
        item.focus()
        self._pick(item)
        return True

    def focus_target(self) -> Widget | None:
        chosen = [item for item in self.items if item.selected]
        return (chosen or self.items)[0]

    # -- events ------------------------------------------------------------------

    def _pick(self, item: ChoiceItem) -> None:
        if self.multi:
            if item.value == PREFER_NOT_TO_SAY:
                for other in self.items:
                    if other is not item:
                        other.set_selected(False)
            else:
                for other in self.items:
                    if other.value == PREFER_NOT_TO_SAY:
                        other.set_selected(False)
            item.set_selected(not item.selected)
        else:
            for other in self.items:
                other.set_selected(other is item)
            self._show_chosen()
        # Said briefly, for people who chose read-aloud: "Coffee, chosen."
        self.post_message(Say(chosen_words(item.words, is_chosen=item.selected)))

    def _show_chosen(self) -> None:
        """On the 0–10 row, say in words which number is chosen (never colour alone)."""
        if not self.rating:
            return
        parts = []
        if self.question.low_label:
            parts.append(f"0 = {self.question.low_label}")
        if self.question.high_label:
            parts.append(f"10 = {self.question.high_label}")
        chosen = [item for item in self.items if item.selected]
        if chosen:
            parts.append(_("✓ chosen: {words}", words=visible(chosen[0].words, one_line=True)))
        for line in self.query(".ends").results(Static):
            line.update(safe_text("   ".join(parts)))

    @on(ChoiceItem.Picked)
    def _picked(self, event: ChoiceItem.Picked) -> None:
        event.stop()
        self._typed = ""
        self._pick(event.item)

    @on(ChoiceItem.GoOn)
    def _go_on(self, event: ChoiceItem.GoOn) -> None:
        # Enter goes on with what was chosen; it never chooses the focused item, so
        # focus alone (or Tab onto "Prefer not to say") is never an answer.
        event.stop()
        self.post_message(self.Confirmed())

    def action_move(self, step: int) -> None:
        self._typed = ""
        focused = self.screen.focused
        if focused not in self.items:
            return
        index = self.items.index(focused) + step
        if 0 <= index < len(self.items):
            self.items[index].focus()


def _same(a: object, b: object) -> bool:
    """Equal and of the same type (so True is not 1, and 1 is not True)."""
    return type(a) is type(b) and a == b
