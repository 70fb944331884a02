"""The receipt code, drawn large and in groups so it is easy to copy down."""

from __future__ import annotations

from rich.text import Text
from textual.widgets import Static


def spaced(code: str) -> Text:
    """``7K3QD-M9XTA`` as ``7 K 3 Q D   M 9 X T A`` (groups kept apart)."""
    groups = [" ".join(group) for group in code.split("-")]
    return Text("    ".join(groups), justify="center")


class ReceiptCode(Static):
    """A receipt code in a box, with wide spacing between characters and groups."""

    DEFAULT_CSS = """
    ReceiptCode {
        width: auto;
        min-width: 30;
        height: 5;
        padding: 1 3;
        border: double $accent;
        text-style: bold;
        content-align: center middle;
    }
    """

    def __init__(self, code: str, **kwargs: str) -> None:
        super().__init__(spaced(code), markup=False, **kwargs)  # type: ignore[arg-type]
        self.code = code
