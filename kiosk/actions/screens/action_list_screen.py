"""The action log: every action with its status and due date, overdue ones first told.

At the top, "3 actions are overdue". The list can show the overdue actions, the
open ones or all. Add, Edit, Close and Ready to share change the log and save it
at once; From results offers an export's themes and a session's top ideas as new
actions. A log that could not be read is shown with what is wrong, never changed.
Everything from the file is drawn as plain text, never as markup.
"""

from __future__ import annotations

from pathlib import Path
from typing import ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal
from textual.screen import Screen
from textual.widgets import Button, DataTable, Footer, Static

from kiosk.actions.action_desk import ActionDesk, Checked, Filter, form_values
from kiosk.actions.screens.action_form import ActionForm
from kiosk.actions.screens.close_modal import CloseModal
from kiosk.actions.screens.log_details_modal import LogDetailsModal
from kiosk.actions.screens.offers_modal import OffersModal
from kiosk.problems import Guarded
from kiosk.safe_text import safe_text
from surveys.action_model import Action, Timeliness
from surveys.plurals import counted

SHORT = 40
"""Characters of "you said" and "we did" shown in the list (all of it in the form)."""
EMPTY = {
    Filter.OVERDUE: "No actions are overdue.",
    Filter.OPEN: "No actions are open.",
    Filter.ALL: "The log is empty. Press A to add an action, or X to make some from results.",
}


def _short(text: str) -> Text:
    one = safe_text(text, one_line=True)
    if len(one) > SHORT:
        one = one[: SHORT - 1] + Text("…")
    return one


def status_cell(action: Action, timeliness: Timeliness) -> Text:
    """The status, with "overdue" said and coloured when it is."""
    if timeliness is Timeliness.OVERDUE:
        return Text(f"{action.status.label}, overdue", style="bold red")
    return Text(action.status.label)


class ActionListScreen(Guarded, Screen[None]):
    """The log: filter, add, edit, close, share, and actions from results."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("a", "add", "Add"),
        Binding("e", "edit", "Edit"),
        Binding("c", "close_action", "Close"),
        Binding("r", "share", "Ready to share"),
        Binding("o", "show('overdue')", "Overdue"),
        Binding("p", "show('open')", "Open"),
        Binding("l", "show('all')", "All"),
        Binding("x", "from_results", "From results"),
        Binding("t", "details", "Details"),
        Binding("q", "app.quit", "Close"),
    ]

    DEFAULT_CSS = """
    ActionListScreen {
        layout: vertical;
    }
    ActionListScreen #overdue {
        height: auto;
        text-style: bold;
        padding: 0 1;
    }
    ActionListScreen #blocked, ActionListScreen #message {
        height: auto;
        padding: 0 1;
    }
    ActionListScreen #showing {
        height: 1;
        color: $text-muted;
        padding: 0 1;
    }
    ActionListScreen .buttons {
        height: auto;
    }
    ActionListScreen Button {
        margin: 0 1 0 0;
        min-width: 10;
    }
    ActionListScreen #actions {
        height: 1fr;
    }
    """

    def __init__(self, desk: ActionDesk, from_export: Path | None = None) -> None:
        super().__init__()
        self.desk = desk
        self.from_export = from_export

    def compose(self) -> ComposeResult:
        yield Static("", id="overdue", markup=False)
        yield Static("", id="blocked", markup=False)
        with Horizontal(classes="buttons"):
            yield Button("Overdue", id="show-overdue")
            yield Button("Open", id="show-open")
            yield Button("All", id="show-all")
            yield Button("Add", variant="primary", id="add")
            yield Button("Edit", id="edit")
            yield Button("Close", id="close")
            yield Button("Ready to share", id="share")
            yield Button("From results", id="from-results")
        yield Static("", id="showing", markup=False)
        table: DataTable[Text] = DataTable(id="actions", cursor_type="row", zebra_stripes=True)
        yield table
        yield Static("", id="message", markup=False)
        yield Footer()

    def on_mount(self) -> None:
        table: DataTable[Text] = self.query_one("#actions", DataTable)
        for label in ("Id", "Status", "Due", "Share", "You said", "We did"):
            table.add_column(label, key=label)
        self.query_one("#blocked", Static).display = bool(self.desk.blocked)
        if self.desk.blocked:
            lines = [self.desk.blocked, "", *(p.describe() for p in self.desk.problems)]
            self.query_one("#blocked", Static).update("\n".join(lines))
            for button in self.query(Button):
                button.disabled = True
        self.refresh_list()
        table.focus()
        if self.from_export is not None and not self.desk.blocked:
            self.action_from_results()

    # -- showing -----------------------------------------------------------------------

    def refresh_list(self, keep: str | None = None) -> None:
        """Draw the overdue line and the list again, keeping the cursor on ``keep``."""
        self.query_one("#overdue", Static).update(self.desk.overdue_line())
        table: DataTable[Text] = self.query_one("#actions", DataTable)
        table.clear()
        today = self.desk.today()
        shown = self.desk.shown()
        for action in shown:
            table.add_row(
                Text(action.id),
                status_cell(action, action.timeliness(today)),
                Text(action.due.isoformat()),
                Text("yes" if action.share else ""),
                _short(action.you_said),
                _short(action.we_did),
                key=action.id,
            )
        showing = f"Showing {self.desk.filter.value} actions: {len(shown)}."
        if not shown and not self.desk.blocked:
            showing = EMPTY[self.desk.filter]
        self.query_one("#showing", Static).update(showing)
        if keep is not None and any(a.id == keep for a in shown):
            table.move_cursor(row=table.get_row_index(keep))

    def say(self, words: str) -> None:
        """A line under the list: what just happened, or what went wrong."""
        self.query_one("#message", Static).update(words)

    def chosen(self) -> Action | None:
        """The action under the cursor."""
        table: DataTable[Text] = self.query_one("#actions", DataTable)
        if not table.row_count:
            return None
        key = table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value
        return self.desk.log.find(str(key)) if key is not None else None

    def _done(self, problem: str, success: str, keep: str | None = None) -> None:
        self.say(problem or success)
        self.refresh_list(keep)

    # -- filters -------------------------------------------------------------------------

    def action_show(self, which: str) -> None:
        """Show the overdue, open or all actions."""
        self.desk.filter = Filter(which)
        self.refresh_list()

    @on(Button.Pressed, "#show-overdue")
    def _overdue(self) -> None:
        self.action_show("overdue")

    @on(Button.Pressed, "#show-open")
    def _open(self) -> None:
        self.action_show("open")

    @on(Button.Pressed, "#show-all")
    def _all(self) -> None:
        self.action_show("all")

    # -- changes -------------------------------------------------------------------------

    def _can_change(self) -> bool:
        if self.desk.blocked:
            self.say("This log can't be changed here until the problems above are put right.")
            return False
        return True

    @on(Button.Pressed, "#add")
    def action_add(self) -> None:
        """Open an empty form for a new action."""
        if not self._can_change():
            return
        values = {"due": self.desk.default_due()}
        form = ActionForm("A new action", values, False, self.desk.check)
        self.app.push_screen(form, self._added)

    def _added(self, action: Action | None) -> None:
        if action is None:
            return
        self._done(self.desk.add(action), f"Added and saved action {action.id}.", action.id)

    @on(Button.Pressed, "#edit")
    def action_edit(self) -> None:
        """Open the form on the chosen action."""
        action = self.chosen()
        if action is None or not self._can_change():
            return

        def check(values: dict[str, str], share: bool) -> Checked:
            return self.desk.check(values, share, editing=action)

        title = f"Action {action.id}"
        form = ActionForm(title, form_values(action), action.share, check)
        self.app.push_screen(form, self._edited)

    def _edited(self, action: Action | None) -> None:
        if action is None:
            return
        self._done(self.desk.update(action), f"Saved action {action.id}.", action.id)

    @on(DataTable.RowSelected, "#actions")
    def _row_chosen(self) -> None:
        self.action_edit()

    @on(Button.Pressed, "#close")
    def action_close_action(self) -> None:
        """Close the chosen action: done, or not possible with the reason."""
        action = self.chosen()
        if action is None or not self._can_change():
            return

        def closed(choice: tuple[bool, str] | None) -> None:
            if choice is None:
                return
            done, reason = choice
            problem = self.desk.close(action.id, done=done, reason=reason)
            how = "done" if done else "not possible"
            self._done(problem, f"Action {action.id} is closed as {how}, and saved.", action.id)

        self.app.push_screen(CloseModal(action.you_said), closed)

    @on(Button.Pressed, "#share")
    def action_share(self) -> None:
        """Mark the chosen action ready to share, or not."""
        action = self.chosen()
        if action is None or not self._can_change():
            return
        problem = self.desk.toggle_share(action.id)
        now = "ready to share" if not action.share else "no longer shared"
        self._done(problem, f"Action {action.id} is {now}, and saved.", action.id)

    @on(Button.Pressed, "#from-results")
    def action_from_results(self) -> None:
        """Offer an export's themes and a session's top ideas as new actions."""
        if not self._can_change():
            return
        modal = OffersModal(
            self.from_export, self.desk.find_offers, self.desk.adopt, self.desk.default_due()
        )
        self.from_export = None
        self.app.push_screen(modal, self._adopted)

    def action_details(self) -> None:
        """The service's name, and when and where results are shared."""
        if not self._can_change():
            return
        log = self.desk.log
        modal = LogDetailsModal(log.title, log.results_shared, self.desk.set_details)
        self.app.push_screen(modal, self._details_saved)

    def _details_saved(self, saved: bool | None) -> None:
        if saved:
            self._done("", "Saved the name and when results are shared.")

    def _adopted(self, count: int | None) -> None:
        if count:
            self.desk.filter = Filter.ALL
            self._done("", f"Added and saved {counted(count, 'new action')} from results.")
