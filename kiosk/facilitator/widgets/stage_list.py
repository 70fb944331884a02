"""The plan's stages down the side of the console, the current one marked."""

from __future__ import annotations

from rich.text import Text
from textual.widgets import Static

from kiosk.safe_text import safe_text
from surveys.plan_model import SessionPlan, StageKind

CURRENT = "▶"
DONE = "✓"


class StageList(Static):
    """Every stage with its timer; ▶ marks the one on now, ✓ those already done."""

    DEFAULT_CSS = """
    StageList {
        height: 1fr;
        border: round $panel-lighten-2;
        padding: 0 1;
        text-wrap: nowrap;
        text-overflow: ellipsis;
    }
    """

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__("", id=id, markup=False)
        self._drawn: tuple[int, frozenset[int]] | None = None

    def show(self, plan: SessionPlan, index: int, sealed: frozenset[int]) -> None:
        """Draw the list with stage ``index`` marked (only when something changed)."""
        if self._drawn == (index, sealed):
            return
        self._drawn = (index, sealed)
        self.border_title = "Plan"
        lines = Text(no_wrap=True, overflow="ellipsis")
        for number, stage in enumerate(plan.stages):
            if number == index:
                mark, style = CURRENT, "bold reverse"
            elif number < index:
                mark, style = DONE, "dim"
            else:
                mark, style = " ", ""
            line = Text(f"{mark}{number + 1:>2} ", style=style)
            line.append_text(safe_text(stage.title, style, one_line=True))
            line.append(f" · {stage.minutes} min", style=style or "dim")
            if stage.kind is StageKind.RANK and number in sealed:
                line.append(" (closed)", style=style or "dim")
            if number:
                lines.append("\n")
            lines.append_text(line)
        if index >= len(plan.stages):
            lines.append(f"\n{DONE} All done", style="bold")
        self.update(lines)
