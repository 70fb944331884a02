"""The welcome screen: the survey's title, who runs it, and one big Start.

With the phone page on, "Use my own phone" offers the survey on the person's own
phone (the App shows the link). "Take my answers back" lets someone delete what they
sent earlier with their receipt code, without handing it to staff. Below them,
"You said — We did" cards (``SaidDidCards``) show in turn what came of what people
said before; "Read aloud" reads the card on screen with the rest. Small notes at the
foot tell the operator when the kiosk is unlocked or uses the demo key; the demo-key
note can arrive just after the screen is drawn, once the kiosk has opened its keys
(``show_notes``).

When the survey carries more than one language, large buttons above Start offer
each by its own name (``LanguageChoice``); the kiosk then shows the whole visit in
the one chosen and this screen redraws in it (``show_language``).

This is the first screen drawn at start-up, so it loads only what it draws: the
words it reads aloud are loaded when first asked for.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from rich.text import Text
from textual import events, on
from textual.app import ComposeResult
from textual.containers import Center, Horizontal, Vertical
from textual.css.scalar import Scalar
from textual.message import Message
from textual.widgets import Static

from kiosk.messages import PhoneWanted
from kiosk.safe_text import safe_text
from kiosk.screens.base import KioskScreen
from kiosk.screens.phone_offer import OFFER_WORDS
from kiosk.widgets.said_did_cards import SaidDidCards
from kiosk.widgets.tap import Tap
from kiosk.widgets.toolbar import Tool, Toolbar
from surveys.action_cards import Card
from surveys.catalogues import N_, _, active_language
from surveys.model import Survey

if TYPE_CHECKING:
    from kiosk.widgets.language_choice import LanguageChoice

UNLOCKED_NOTE = "Unlocked — for trying out"

WORDS = {
    "#start": N_("Start"),
    "#use-phone": N_("Use my own phone"),
    "#read-welcome": N_("Read aloud"),
    "#take-back": N_("Take my answers back"),
}
"""The words on this screen's targets, looked up in the visit's language when shown."""
RUN_BY = N_("Run by {organisation}")
CHOOSE_LANGUAGE = N_("Choose your language: {languages}.")


class WelcomeScreen(KioskScreen[None]):
    """Shown between visitors, at the bottom of the screen stack. Start posts ``Started``."""

    TOOLS = frozenset({Tool.READ, Tool.MEANING, Tool.SETTINGS})
    """F2 reads, F1 explains and F6 changes text and sound, here as on every screen."""
    IDLE_WATCH = False

    DEFAULT_CSS = """
    WelcomeScreen {
        align: center middle;
    }
    WelcomeScreen #welcome {
        width: 100%;
        max-width: 90;
        height: auto;
        padding: 0 2;
    }
    WelcomeScreen #title {
        text-style: bold;
        text-align: center;
        width: 100%;
        margin: 0 0 1 0;
    }
    WelcomeScreen #run-by, WelcomeScreen #intro {
        text-align: center;
        width: 100%;
        margin: 0 0 1 0;
    }
    WelcomeScreen #start {
        width: 30;
        max-width: 100%;
        height: 5;
    }
    WelcomeScreen #welcome-more {
        width: auto;
        height: auto;
        margin: 1 0 0 0;
    }
    WelcomeScreen #take-back {
        width: 26;
        max-width: 100%;
        margin: 1 0 0 0;
    }
    WelcomeScreen #welcome-more > Tap {
        width: 24;
        margin: 0 1;
    }
    /* 20 to 23 rows: no blank lines between the parts, a lower Start, so every
       target is on screen above the operator's notes. */
    WelcomeScreen.-short #title, WelcomeScreen.-short #run-by, WelcomeScreen.-short #intro,
    WelcomeScreen.-short #welcome-more, WelcomeScreen.-short #take-back {
        margin: 0;
    }
    WelcomeScreen.-short #start {
        height: 3;
    }
    /* The languages on one row of one-line buttons where the full-height ones would
       push a target off the screen (``_fit_languages``), so Start stays in view. */
    WelcomeScreen.-short #languages, WelcomeScreen.-few-rows #languages {
        margin: 0;
    }
    WelcomeScreen.-short #languages > LanguageTap,
    WelcomeScreen.-few-rows #languages > LanguageTap {
        height: 1;
    }
    WelcomeScreen.-few-rows #title, WelcomeScreen.-few-rows #run-by,
    WelcomeScreen.-few-rows #intro, WelcomeScreen.-few-rows #welcome-more,
    WelcomeScreen.-few-rows #take-back {
        margin: 0;
    }
    /* A "You said — We did" card that would not fit otherwise: the same tighter
       spacing makes room for it. */
    WelcomeScreen.-cards #title, WelcomeScreen.-cards #run-by, WelcomeScreen.-cards #intro,
    WelcomeScreen.-cards #welcome-more, WelcomeScreen.-cards #take-back {
        margin: 0;
    }
    WelcomeScreen.-short #said-did, WelcomeScreen.-cards #said-did {
        margin: 0;
    }
    WelcomeScreen #notes {
        dock: bottom;
        width: 100%;
        height: auto;
        color: $text-muted;
        text-align: left;
        padding: 0 1;
    }
    """

    def __init__(
        self,
        survey: Survey,
        *,
        notes: Sequence[str] = (),
        phones: bool = False,
        cards: Sequence[Card] = (),
        languages: Sequence[str] = (),
    ) -> None:
        super().__init__()
        self.survey = survey
        self.languages = tuple(languages)
        """The survey's languages, offered as buttons (none or one: no choice shown)."""
        self._fitted_for: object = None
        self.notes = tuple(notes)
        self.phones = phones
        self.cards = tuple(cards)

    def compose(self) -> ComposeResult:
        with Vertical(id="welcome"):
            yield Static(safe_text(self.survey.title), id="title")
            if self.survey.run_by:
                yield Static(self._run_by(), id="run-by")
            yield Static(safe_text(self.survey.intro), id="intro")
            if len(self.languages) > 1:
                from kiosk.widgets.language_choice import LanguageChoice  # noqa: PLC0415 — only with a choice to make

                with Center():
                    yield LanguageChoice(self.languages, active_language(), id="languages")
            with Center():
                yield Tap(_(WORDS["#start"]), id="start", classes="-main")
            with Center(), Horizontal(id="welcome-more"):
                if self.phones:
                    yield Tap(_(WORDS["#use-phone"]), id="use-phone")
                if not getattr(self.app, "speech_off", False):
                    yield Tap(_(WORDS["#read-welcome"]), id="read-welcome")
            with Center():
                yield Tap(_(WORDS["#take-back"]), id="take-back")
            # Below every target, so a card never moves Start or hides it.
            yield SaidDidCards(self.cards, id="said-did")
        yield Static("\n".join(self.notes), id="notes", markup=False)

    def on_mount(self) -> None:
        self.query_one("#start", Tap).focus()
        self.show_notes(self.notes)
        self.show_cards(self.cards)

    def on_resize(self, event: events.Resize) -> None:
        super().on_resize(event)
        self._refit_languages()
        if self.cards:
            self._refit_cards()

    def _refit_languages(self) -> None:
        """Try the full-height language buttons first; ``_fit_languages`` makes them
        one line high if then a target would be off the screen. Only when the
        terminal's size or the notes changed: a scroll bar coming and going changes
        the screen's own size, and must not start the fitting again."""
        fitting = (self.app.size, self.notes)
        if len(self.languages) > 1 and fitting != self._fitted_for:
            self._fitted_for = fitting
            self.remove_class("-few-rows")
            self.call_after_refresh(self._fit_languages)

    def _fit_languages(self) -> None:
        if not self.is_mounted:
            return
        notes = self.query_one("#notes", Static)
        free = self.size.height - (notes.outer_size.height if notes.display else 0)
        last = self.query_one("#take-back", Tap)
        if self.max_scroll_y > 0 or last.region.bottom > free:
            self.add_class("-few-rows")

    def _refit_cards(self) -> None:
        """Try the cards with the usual spacing first (``_fit_cards`` tightens it).
        The card is hidden meanwhile, so not even one frame has Start pushed down."""
        self.query_one("#said-did", SaidDidCards).display = False
        self.remove_class("-cards")
        self.call_after_refresh(self._fit_cards)

    def _fit_cards(self) -> None:
        """Show the cards only where the whole card fits below every target: a card
        never pushes Start (or anything else) off the screen, at any size. Where it
        does not fit with the usual spacing, the spacing tightens (``-cards``) and
        the card is tried once more."""
        cards = self.query_one("#said-did", SaidDidCards)
        show, rows = False, 0
        if cards.cards and self.is_mounted:
            welcome = self.query_one("#welcome", Vertical)
            notes = self.query_one("#notes", Static)
            free = self.size.height - (notes.outer_size.height if notes.display else 0)
            targets = [child for child in welcome.children if child is not cards]
            above = max(child.region.bottom for child in targets) - welcome.region.y
            rows = cards.rows_needed(welcome.content_region.width)
            tight = self.has_class("-short") or self.has_class("-cards")
            show = above + (0 if tight else 1) + rows <= free
            if not show and not self.has_class("-cards"):
                self.add_class("-cards")
                self.call_after_refresh(self._fit_cards)
        elif self.has_class("-cards"):
            self.remove_class("-cards")
        if show and cards.styles.height != Scalar.from_number(rows):
            cards.styles.height = rows
        if cards.display != show:
            cards.display = show

    def _choices(self) -> list[LanguageChoice]:
        """The language buttons' row (none when the survey has one language)."""
        if len(self.languages) < 2:
            return []
        from kiosk.widgets.language_choice import LanguageChoice  # noqa: PLC0415 — as in compose

        return list(self.query(LanguageChoice))

    def _run_by(self) -> Text:
        return safe_text(_(RUN_BY, organisation=self.survey.run_by))

    def show_language(self, survey: Survey, code: str) -> None:
        """Redraw in the visit's language now (``survey`` is the survey in it)."""
        self.survey = survey
        if not self.is_mounted:
            return
        self.query_one("#title", Static).update(safe_text(survey.title))
        for run_by in self.query("#run-by").results(Static):
            run_by.update(self._run_by())
        self.query_one("#intro", Static).update(safe_text(survey.intro))
        for selector, words in WORDS.items():
            for tap in self.query(selector).results(Tap):
                tap.update(_(words))
        for choice in self._choices():
            choice.show_chosen(code)
        if self.cards:
            self._refit_cards()
        focused = self.focused
        if focused is not None and (focused.id or "").startswith("language-"):
            # Chosen: the next press starts, in that language (Shift+Tab goes back).
            self.query_one("#start", Tap).focus()

    def show_again(self, notes: Sequence[str]) -> None:
        """Ready for the next person: the notes brought up to date, the focus on Start."""
        self.show_notes(notes)
        if self.is_mounted:
            self.query_one("#start", Tap).focus()

    def show_cards(self, cards: Sequence[Card]) -> None:
        """Show these "You said — We did" cards in turn (none: no cards)."""
        self.cards = tuple(cards)
        if self.is_mounted:
            self.query_one("#said-did", SaidDidCards).show_cards(self.cards)
            self._refit_cards()

    def show_notes(self, notes: Sequence[str]) -> None:
        """Show these notes for the operator at the foot of the screen (none: no strip)."""
        self.notes = tuple(notes)
        strip = self.query_one("#notes", Static)
        strip.update("\n".join(self.notes))
        strip.display = bool(self.notes)
        self._refit_languages()
        if self.cards:
            self._refit_cards()

    def narration(self) -> str:
        from accessibility import narration  # noqa: PLC0415 — not needed to draw the first screen
        from kiosk.spoken_keys import GO_ON_ACTIONS, key_for  # noqa: PLC0415 — as above

        start = key_for(self.query_one("#start", Tap), GO_ON_ACTIONS)
        words = narration.welcome(self.survey, start)
        for choice in self._choices():
            names = ", ".join(choice.names())
            words += " " + _(CHOOSE_LANGUAGE, languages=names)
        if self.phones:
            words += " " + _(OFFER_WORDS)
        cards = self.query_one("#said-did", SaidDidCards)
        if cards.current is not None:
            cards.hold()  # the card being read stays until it has been heard
            words += " " + cards.current.text
        return words

    class Started(Message):
        """Start was chosen: the App begins a fresh visit on top of this screen."""

        def __init__(self, welcome: WelcomeScreen) -> None:
            super().__init__()
            self.welcome = welcome

    @on(Tap.Pressed, "#start")
    def _start(self) -> None:
        self.post_message(self.Started(self))

    @on(Tap.Pressed, "#use-phone")
    def _use_phone(self) -> None:
        self.post_message(PhoneWanted())

    class TakeBackWanted(Message):
        """ "Take my answers back": the App asks for the receipt code."""

    @on(Tap.Pressed, "#take-back")
    def _take_back(self) -> None:
        self.post_message(self.TakeBackWanted())

    @on(Tap.Pressed, "#read-welcome")
    def _read(self) -> None:
        self.post_message(Toolbar.Used(Tool.READ))
