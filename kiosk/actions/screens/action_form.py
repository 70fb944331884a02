"""Add or edit one action: every field, the status with a reason for "not possible",
ready to share, and the date it was fed back.

The form checks what was typed with the action log's own checker (``check``, passed
in), so its words are the ones ``kiosk check`` uses; it closes only with an action
that will save. Advice (an owner that looks like a person's name, words that may
identify someone, a card too long for the kiosk) is shown first, and a second Save
keeps the action as it is. Everything typed is kept as plain text.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Button, Checkbox, Input, Select, Static

from kiosk.actions.action_desk import Checked
from kiosk.problems import Guarded
from surveys.action_model import Action, ActionStatus
from surveys.action_reader import LIMITS

LABELS = {
    "you_said": "You said (what people said, a theme or a top idea)",
    "we_did": "We did (what will be done, in plain words)",
    "owner": "Owner (a role, not a person's name)",
    "due": "Due by (like 2026-06-30)",
    "reason": "Why it is not possible (needed for 'Not possible')",
    "closed_on": "Closed on (filled in when it is done or not possible)",
    "fed_back_on": "Fed back to people on (like 2026-07-15)",
    "source_ref": "Where it came from (a theme or session; may be empty)",
}


class ActionForm(Guarded, ModalScreen[Action | None]):
    """The fields of one action; Save checks them, Escape or Cancel leaves."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "cancel", "Cancel", show=False),
        Binding("ctrl+s", "save", "Save", show=False, priority=True),
    ]

    DEFAULT_CSS = """
    ActionForm {
        align: center middle;
    }
    ActionForm > Vertical {
        width: 90;
        max-width: 98%;
        height: 95%;
        border: thick $primary;
        background: $surface;
        padding: 0 1;
    }
    ActionForm #form-title {
        text-style: bold;
    }
    ActionForm VerticalScroll {
        height: 1fr;
    }
    ActionForm .label {
        margin: 1 0 0 0;
    }
    ActionForm #form-message {
        color: $error;
        height: auto;
    }
    ActionForm #form-buttons {
        height: auto;
    }
    ActionForm Button {
        margin: 0 1 0 0;
    }
    """

    def __init__(
        self,
        title: str,
        values: dict[str, str],
        share: bool,
        check: Callable[[dict[str, str], bool], Checked],
    ) -> None:
        super().__init__()
        self._warned: tuple[str, ...] = ()
        """Advice already shown for what the form holds: a second Save keeps it as it is."""
        self.form_title = title
        self.values = values
        self.share = share
        self.checker = check

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static(self.form_title, id="form-title", markup=False)
            with VerticalScroll():
                for name in ("you_said", "we_did", "owner", "due"):
                    yield from self._field(name)
                yield Static("Status", classes="label", markup=False)
                status = self.values.get("status") or ActionStatus.PLANNED.value
                yield Select(
                    [(s.label, s.value) for s in ActionStatus],
                    value=status,
                    allow_blank=False,
                    id="status",
                )
                for name in ("reason", "closed_on", "fed_back_on", "source_ref"):
                    yield from self._field(name)
                yield Checkbox(
                    "Ready to share (on the kiosk, phones and poster)", self.share, id="share"
                )
            yield Static("", id="form-message", markup=False)
            with Horizontal(id="form-buttons"):
                yield Button("Save", variant="primary", id="save")
                yield Button("Cancel", id="cancel")

    def _field(self, name: str) -> ComposeResult:
        yield Static(LABELS[name], classes="label", markup=False)
        limit = LIMITS.get(name, 10 if name in ("due", "closed_on", "fed_back_on") else None)
        yield Input(self.values.get(name, ""), id=name, max_length=limit or 0)

    def on_mount(self) -> None:
        self.query_one("#you_said", Input).focus()

    def typed(self) -> dict[str, str]:
        """What the form holds now, field by field."""
        values = {name: self.query_one(f"#{name}", Input).value for name in LABELS}
        status = self.query_one("#status", Select).value
        values["status"] = str(status) if isinstance(status, str) else ""
        return values

    @on(Button.Pressed, "#save")
    def action_save(self) -> None:
        """Check the fields; close with the action, or say what to put right."""
        checked = self.checker(self.typed(), self.query_one("#share", Checkbox).value)
        message = self.query_one("#form-message", Static)
        if checked.action is None:
            message.update(checked.message)
            return
        if checked.advice and checked.advice != self._warned:
            self._warned = checked.advice
            message.update(" ".join((*checked.advice, "Press Save again to keep it as it is.")))
            return
        if self.is_current:
            self.dismiss(checked.action)

    @on(Button.Pressed, "#cancel")
    def action_cancel(self) -> None:
        if self.is_current:
            self.dismiss(None)
