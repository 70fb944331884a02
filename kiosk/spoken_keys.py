"""Which keys a screen really has, read from its bindings, for the words read aloud.

``accessibility.narration`` says "press Enter" only when this module finds a real
binding that goes on from where the focus is: walking from the focused widget up
through its screen to the App, as Textual does when a key is pressed. A text area
takes Enter for a new line before any binding sees it, so there Enter is a new line
and never "go on". Numbers are said to choose only where the answer widget uses
them to choose (``AnswerWidget.DIGITS_CHOOSE``); on a ranking they only move focus.
"""

from __future__ import annotations

from textual.dom import DOMNode
from textual.widget import Widget
from textual.widgets import TextArea

from accessibility.narration import SPOKEN_KEYS, Keys
from surveys.catalogues import _

GO_ON_ACTIONS = frozenset({"confirm", "go_on", "submit", "press"})
"""Actions that go on with the answer as given (a question's Enter, an item's, a box's,
or a focused button's)."""
FOCUS_NEXT_ACTIONS = frozenset({"app.focus_next", "focus_next"})


def bindings_along(widget: DOMNode) -> dict[str, str]:
    """Key → action for every key bound from ``widget`` up to the App (innermost wins)."""
    found: dict[str, str] = {}
    for node in widget.ancestors_with_self:
        merged = type(node)._merged_bindings
        if merged is None:  # a class whose bindings Textual has not gathered: none of its own
            continue
        for key, bindings in merged.key_to_bindings.items():
            if bindings:
                found.setdefault(key, bindings[0].action)
    return found


def takes_enter(widget: DOMNode) -> bool:
    """True when the widget uses Enter itself (a text area adds a line)."""
    return isinstance(widget, TextArea)


def keys_from(target: Widget, *, digits_choose: bool, after_tab: Widget | None = None) -> Keys:
    """The keys the person has while ``target`` has focus, as spoken words.

    ``after_tab`` is where Tab leads from a text area (the Next button): there the
    key that goes on is the one that presses it.
    """
    bound = bindings_along(target)

    def first(actions: frozenset[str] | None = None, prefix: str = "") -> str | None:
        for key, action in bound.items():
            name = action.split("(")[0]
            if (actions is not None and name in actions) or (prefix and action.startswith(prefix)):
                return key
        return None

    go_on = first(GO_ON_ACTIONS)
    new_line = None
    if takes_enter(target):
        new_line = SPOKEN_KEYS["enter"]
        go_on = None
        if after_tab is not None:
            go_on = next(
                (
                    k
                    for k, a in bindings_along(after_tab).items()
                    if a.split("(")[0] in GO_ON_ACTIONS
                ),
                None,
            )
    move_focus = _("the up and down arrows") if bound.get("down", "").startswith("move(") else None
    move_item = (
        _("Shift with the up or down arrow")
        if bound.get("shift+down", "").startswith("shift(")
        else None
    )
    choose = digits_choose and all(bound.get(str(n), "").startswith("digit(") for n in range(1, 10))
    tab = first(FOCUS_NEXT_ACTIONS)
    return Keys(
        go_on=SPOKEN_KEYS.get(go_on, go_on) if go_on else None,
        choose=choose,
        move_focus=move_focus,
        move_item=move_item,
        new_line=new_line,
        leave_box=SPOKEN_KEYS.get(tab, tab) if tab and new_line else None,
    )


def key_for(target: Widget, actions: frozenset[str]) -> str | None:
    """The spoken name of a key doing one of ``actions`` from ``target``, else None."""
    for key, action in bindings_along(target).items():
        if action.split("(")[0] in actions and not (key == "enter" and takes_enter(target)):
            return SPOKEN_KEYS.get(key, key)
    return None
