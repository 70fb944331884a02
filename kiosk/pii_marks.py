"""Participant words drawn with what was masked and what still needs a person's eyes.

Both the facilitator's moderation queue and the coordinator's review screen use this.
Masked placeholders (``[name]``, ``[phone]`` …) are drawn reversed; every token left
that still looks like a name, number, date or place (``surveys.pii.suspicious``) is
underlined. Text is built with ``Text(...)`` and ``stylize``, never parsed as markup,
and control characters are drawn as visible symbols (one for one, so positions fit).
"""

from __future__ import annotations

from collections.abc import Iterable

from rich.text import Text

from kiosk.safe_text import visible
from surveys.pii import Suspicious, placeholders, suspicious

MASK_STYLE = "bold reverse"
"""Masked parts: reversed colours work in every theme and on a printout."""
CHECK_STYLE = "bold underline"
"""Words still to check: underlined, so it is not told by colour alone."""

LEGEND = (
    "Reversed: hidden automatically. Underlined: still looks like a name, number, date "
    "or place — check it."
)


def marked(
    text: str,
    masked: Iterable[tuple[int, int]] | None = None,
    *,
    one_line: bool = False,
    style: str = "",
) -> Text:
    """``text`` shown literally, masks reversed and what to check underlined.

    ``masked`` gives the masked stretches when known (the scrubber's own spans);
    otherwise every placeholder in the text is taken as masked.
    """
    shown = Text(visible(text, one_line=one_line), style=style)
    spans = [(start, end) for start, end, _ in placeholders(text)] if masked is None else masked
    for start, end in spans:
        shown.stylize(MASK_STYLE, start, end)
    for found in suspicious(text):
        shown.stylize(CHECK_STYLE, found.start, found.end)
    return shown


def to_check(text: str) -> list[Suspicious]:
    """What in ``text`` still looks like a name, number, date or place."""
    return suspicious(text)


def check_line(text: str, *, limit: int = 8) -> Text:
    """ "To check: Marlow (place), 34 (number)" — or a calm line when nothing is left."""
    found = suspicious(text)
    if not found:
        return Text("Nothing else here looks like a name, number, date or place.")
    line = Text("To check: ")
    for number, item in enumerate(found[:limit]):
        if number:
            line.append(", ")
        line.append(visible(text[item.start : item.end], one_line=True), style=CHECK_STYLE)
        line.append(f" ({item.kind.value})")
    if len(found) > limit:
        line.append(f" and {len(found) - limit} more")
    return line
