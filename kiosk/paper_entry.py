"""Keying in paper forms: ``kiosk paper SURVEY --enter``, for the facilitator at a desk.

One screen walks through a form in the printed order: the consent boxes, then each
numbered question with the same letters and numbers as the paper, then a check
page. Enter moves on; Escape goes back a step; on the check page a question's
number goes back to it (Enter then returns to the check page) and Enter stores the
form, sealed like any response (``channel="paper"``, no receipt). A form whose
"Yes, I agree" box is not ticked is not stored, and the screen says so plainly.
Ctrl+Q closes; a form part keyed in is then not stored.

Nothing typed is logged: the audit line is the kiosk's own ``send`` line (session,
survey, channel). Survey words and what was typed are drawn through ``safe_text``,
never as markup.
"""

from __future__ import annotations

from collections.abc import Callable
from enum import Enum
from typing import ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widgets import Input, Static

from exports.paper_layout import Keying, PaperForm, PaperQuestion
from kiosk.base_app import KioskBaseApp
from kiosk.paper_keying import KeyedForm, KeyingProblem, read_answer, read_consent
from kiosk.problems import ProblemLog
from kiosk.safe_text import safe_text
from surveys.model import AnswerValue
from surveys.session import CompletedResponse

GIVE_UP = (
    "Keying in had a problem and closed. Forms stored before now are safe. The form you "
    "were keying in was not stored: please key it in again."
)
PROBLEM_LINE = (
    "Something went wrong there, and it has been noted in the log. This form is not "
    "stored yet: check it and press Enter again."
)
NOT_AGREED = (
    'The "Yes, I agree" box (A) is not ticked on this form, so it is not stored. '
    "Nothing from it is kept. Put it with the forms to shred. "
    "Press Enter to key in the next form."
)

Store = Callable[[CompletedResponse], None]
"""Seals and stores one keyed-in response (``surveys.sending.store_keyed_in``)."""


class Step(Enum):
    """Where the facilitator is in one form."""

    CONSENT = "consent"
    QUESTION = "question"
    CHECK = "check"
    DONE = "done"
    """Stored."""
    REFUSED = "refused"
    """Not stored: its "Yes, I agree" box is not ticked."""


def _shown(item: PaperQuestion, value: AnswerValue) -> str:
    """An answer as the check page shows it: the printed keys, then the words."""
    if item.keying is Keying.WRITE:
        return str(value)
    given = value if isinstance(value, tuple) else (value,)
    marks = [m for v in given for m in item.marks if m.value == v and type(m.value) is type(v)]
    return "; ".join(f"{m.key} {m.label}" if m.label != m.key else m.key for m in marks)


class PaperEntryScreen(Screen[None]):
    """One form at a time: consent, each question, check, store."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "back", "Back a step"),
    ]
    DEFAULT_CSS = """
    PaperEntryScreen { padding: 1 2; }
    #where { text-style: bold; }
    #words { margin: 1 0; }
    #how { color: $text-muted; margin: 1 0 0 0; }
    #message { margin: 1 0 0 0; color: $warning; }
    """

    def __init__(self, form: PaperForm, store: Store) -> None:
        super().__init__()
        self.form = form
        self.store = store
        self.keyed = KeyedForm(form)
        self.step = Step.CONSENT
        self.position = 0
        """Index into ``form.asking`` while on a question."""
        self.stored = 0
        """Forms stored since this screen opened."""
        self.changing = False
        """True while changing one answer from the check page: Enter goes back there."""

    def compose(self) -> ComposeResult:
        with VerticalScroll():
            yield Static(id="where")
            yield Static(id="words")
            yield Static(id="how")
            yield Input(id="keys")
            yield Static(id="message")

    def on_mount(self) -> None:
        self._show()

    # -- drawing ---------------------------------------------------------------------

    def _set(self, where: str, words: Text, how: str, typed: str = "") -> None:
        self.query_one("#where", Static).update(Text(where))
        self.query_one("#words", Static).update(words)
        self.query_one("#how", Static).update(Text(how))
        keys = self.query_one("#keys", Input)
        keys.value = typed
        keys.focus()
        keys.select_all()  # what was typed before is replaced by the next keys

    def say(self, line: str) -> None:
        """Show a plain line under the typing box (never markup)."""
        self.query_one("#message", Static).update(Text(line))

    def _show(self) -> None:
        form_number = self.stored + 1
        if self.step is Step.CONSENT:
            lines = [safe_text(line) for line in self.form.consent[-1:]]
            lines += [safe_text(f"{m.key}  [ ]  {m.label}") for m in self.form.consent_marks]
            self._set(
                f"Form {form_number}: the consent boxes",
                Text("\n").join(lines),
                "Type the letters of the ticked consent boxes, then press Enter. "
                'A is "Yes, I agree": without it the form is not stored.',
                self.keyed.consent_typed,
            )
        elif self.step is Step.QUESTION:
            item = self.form.asking[self.position]
            self._set(
                f"Form {form_number}: question {item.number} of {len(self.form.asking)}",
                self._question_words(item),
                _how(item),
                self.keyed.typed.get(item.number, ""),
            )
        elif self.step is Step.CHECK:
            self._set(
                f"Form {form_number}: check before storing",
                self._check_words(),
                "Press Enter to store this form. To change an answer, type its question "
                "number and press Enter. Escape goes back a step.",
            )
        elif self.step is Step.REFUSED:
            self._set("Not stored", Text(NOT_AGREED), "")
        else:
            self._set(
                "Stored",
                Text(f"Form {self.stored} is stored, locked like every answer."),
                "Shred the paper form now. Press Enter to key in the next form, or "
                "Ctrl+Q to finish.",
            )

    def _question_words(self, item: PaperQuestion) -> Text:
        lines = [safe_text(item.question.text, "bold")]
        if item.only_if:
            lines.append(safe_text(item.only_if, "italic"))
        lines += [
            safe_text(f"{m.key}  [ ]  {m.label}" if m.label != m.key else f"{m.key}  [ ]")
            for m in item.marks
        ]
        return Text("\n").join(lines)

    def _check_words(self) -> Text:
        agreed, ticked = read_consent(self.form, self.keyed.consent_typed)
        lines = [Text("Consent: " + ("A ticked (yes, I agree)" if agreed else "A not ticked"))]
        for mark in self.form.consent_marks[1:]:
            state = "ticked" if mark.value in ticked else "not ticked"
            lines.append(safe_text(f"  {mark.key} {state}: {mark.label}", one_line=True))
        answers, left_out = self.keyed.kept_answers()
        for item in self.form.asking:
            value = answers.get(item.question.id)
            if item.number in left_out:
                shown = "answered, but left out: this question was not for this person"
            elif value is None:
                shown = "left blank"
            else:
                shown = _shown(item, value)
            lines.append(safe_text(f"{item.number}. {item.question.text}", "bold", one_line=True))
            lines.append(safe_text(f"    {shown}", one_line=True))
        return Text("\n").join(lines)

    # -- keys ------------------------------------------------------------------------

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        typed = event.value
        self.say("")
        if self.step is Step.CONSENT:
            self._consent(typed)
        elif self.step is Step.QUESTION:
            self._answer(typed)
        elif self.step is Step.CHECK:
            self._check(typed)
        else:
            self._next_form()

    def _consent(self, typed: str) -> None:
        self.keyed.consent_typed = typed
        try:
            agreed = self.keyed.agreed()
        except KeyingProblem as problem:
            self.say(problem.message)
            return
        if not agreed:
            self.keyed = KeyedForm(self.form)
            self.step = Step.REFUSED
            self._show()
            return
        self._go_to_question(0)

    def _answer(self, typed: str) -> None:
        item = self.form.asking[self.position]
        try:
            read_answer(item, typed)
        except KeyingProblem as problem:
            self.say(problem.message)
            return
        self.keyed.typed[item.number] = typed
        if self.changing:
            self.changing = False
            self._go_to_question(len(self.form.asking))
            return
        self._go_to_question(self.position + 1)

    def _go_to_question(self, position: int) -> None:
        if position >= len(self.form.asking):
            self.step = Step.CHECK
        else:
            self.step, self.position = Step.QUESTION, position
        self._show()

    def _check(self, typed: str) -> None:
        wanted = typed.strip()
        if wanted:
            numbers = [item.number for item in self.form.asking]
            if not wanted.isdigit() or int(wanted) not in numbers:
                self.say(f"Type a question number from 1 to {len(numbers)}, or nothing to store.")
                return
            self.changing = True
            self._go_to_question(numbers.index(int(wanted)))
            return
        try:
            self.store(self.keyed.completed())
        except OSError as error:
            self.say(
                f"This form could not be stored ({error.strerror or error}). It is still "
                "here: press Enter to try again."
            )
            return
        self.stored += 1
        self.keyed = KeyedForm(self.form)
        self.step = Step.DONE
        self._show()

    def _next_form(self) -> None:
        self.keyed = KeyedForm(self.form)
        self.step = Step.CONSENT
        self._show()

    def action_back(self) -> None:
        """Back one step (the typing is kept)."""
        self.say("")
        self.changing = False
        if self.step is Step.QUESTION:
            if self.position == 0:
                self.step = Step.CONSENT
                self._show()
            else:
                self._go_to_question(self.position - 1)
        elif self.step is Step.CHECK and self.form.asking:
            self._go_to_question(len(self.form.asking) - 1)
        elif self.step is Step.CHECK:
            self.step = Step.CONSENT
            self._show()


def _how(item: PaperQuestion) -> str:
    if item.keying is Keying.WRITE:
        return "Type what the person wrote, then press Enter. Leave it empty if they wrote nothing."
    if item.keying is Keying.ORDER:
        return (
            "Type the letters in the order the person numbered them (1 first), then press "
            "Enter. Leave it empty if they did not number them."
        )
    if item.keying is Keying.ANY:
        return "Type the letters of every ticked box, then press Enter. Empty: nothing ticked."
    return "Type the letter or number of the ticked box, then press Enter. Empty: nothing ticked."


class PaperEntryApp(KioskBaseApp):
    """Key in paper forms of one survey in one language."""

    TITLE = "Key in paper forms"
    START_THEME = None  # Textual's own look: this is for staff at a desk
    GIVE_UP = GIVE_UP
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+q,ctrl+c", "finish", "Finish", show=False, priority=True),
    ]

    def __init__(self, form: PaperForm, store: Store, problem_log: ProblemLog | None) -> None:
        super().__init__(problem_log)
        self.form = form
        self.store_form = store

    def on_mount(self) -> None:
        self.push_screen(PaperEntryScreen(self.form, self.store_form))

    def action_finish(self) -> None:
        """Close (a form part keyed in is not stored)."""
        screen = self.screen
        stored = screen.stored if isinstance(screen, PaperEntryScreen) else 0
        self.exit(stored)

    def show_problem(self) -> None:
        """Say calmly that something went wrong; the form is still on screen."""
        screen = self.screen
        if isinstance(screen, PaperEntryScreen):
            screen.say(PROBLEM_LINE)
        else:
            self.notify(PROBLEM_LINE, severity="warning", markup=False)
