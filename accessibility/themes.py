"""Text sizes and colour themes as plain data, for the kiosk to apply.

Three themes — standard (light, NHS-like), high contrast (white and yellow on
black) and low light (dim, warm, little blue, for people sensitive to light) — name
every colour the screens use in hex. ``Theme.pairs()`` lists each (text,
background) pair that appears on screen with its WCAG contrast ratio; every one is
at least 7:1 (tested, and tabled in docs/accessibility.md by ``contrast_table``).

Focus is never shown by colour alone: the focused control has a "▶" marker
(``FocusStyle``), and the widgets' CSS draws it bold, in the focus colours, with a
thick border; ticked and chosen options carry text marks as well as colour. Nothing
blinks or moves.
"""

from __future__ import annotations

from dataclasses import dataclass, fields
from enum import StrEnum

from accessibility.contrast import AAA_TEXT, contrast_ratio
from surveys.catalogues import N_


class TextSizeName(StrEnum):
    """The three text sizes a participant can pick."""

    STANDARD = "standard"
    LARGE = "large"
    LARGEST = "largest"


@dataclass(frozen=True, slots=True)
class TextSize:
    """One text size: its name, its App CSS class and its font size when served.

    A terminal cannot change its own font, so what a size changes on screen (bold
    text, space between choices and, at the largest size, big glyphs) is styled by
    ``css_class`` in the kiosk's stylesheet and widgets.
    """

    name: TextSizeName
    label: str
    css_class: str
    serve_font_size: int
    """``?fontsize=`` for textual-serve (its default is 16)."""


TEXT_SIZES: dict[TextSizeName, TextSize] = {
    TextSizeName.STANDARD: TextSize(TextSizeName.STANDARD, N_("Standard"), "-text-standard", 16),
    TextSizeName.LARGE: TextSize(TextSizeName.LARGE, N_("Large"), "-text-large", 24),
    TextSizeName.LARGEST: TextSize(TextSizeName.LARGEST, N_("Largest"), "-text-largest", 32),
}


@dataclass(frozen=True, slots=True)
class FocusStyle:
    """How the focused control and chosen options are marked, beyond colour."""

    marker: str = "▶"
    """Put before the focused control's words."""
    ticked: str = "[x]"
    unticked: str = "[ ]"
    chosen: str = "(•)"
    not_chosen: str = "( )"


@dataclass(frozen=True, slots=True)
class Palette:
    """Every colour a theme uses, as "#RRGGBB"."""

    background: str
    surface: str
    """Panels, the bar of always-there buttons, cards."""
    text: str
    muted_text: str
    """Hints and progress ("Question 3 of 8")."""
    primary: str
    """Headings and the question."""
    accent: str
    """Words the glossary explains (also underlined)."""
    error_text: str
    warning_text: str
    success_text: str
    button_text: str
    button_background: str
    focus_text: str
    focus_background: str
    focus_border: str
    selected_text: str
    selected_background: str


@dataclass(frozen=True, slots=True)
class ColourPair:
    """One combination of text and background that appears on screen."""

    role: str
    foreground: str
    background: str

    @property
    def ratio(self) -> float:
        """WCAG 2.2 contrast ratio of this pair."""
        return contrast_ratio(self.foreground, self.background)


PAIR_ROLES: tuple[tuple[str, str, str], ...] = (
    ("body text", "text", "background"),
    ("text on a panel", "text", "surface"),
    ("hint text", "muted_text", "background"),
    ("hint text on a panel", "muted_text", "surface"),
    ("heading, question", "primary", "background"),
    ("explained word", "accent", "background"),
    ("error message", "error_text", "background"),
    ("error on a panel", "error_text", "surface"),
    ("warning message", "warning_text", "background"),
    ("success message", "success_text", "background"),
    ("button", "button_text", "button_background"),
    ("focused control", "focus_text", "focus_background"),
    ("focus border", "focus_border", "background"),
    ("selected choice", "selected_text", "selected_background"),
)
"""(role, foreground field, background field) for every pair the screens use."""


class ThemeName(StrEnum):
    """The colour themes a participant can pick."""

    STANDARD = "standard"
    HIGH_CONTRAST = "high-contrast"
    LOW_LIGHT = "low-light"


@dataclass(frozen=True, slots=True)
class Theme:
    """A named palette."""

    name: ThemeName
    label: str
    dark: bool
    palette: Palette

    def pairs(self) -> tuple[ColourPair, ...]:
        """Every (text, background) pair this theme puts on screen."""
        colours = {f.name: getattr(self.palette, f.name) for f in fields(Palette)}
        return tuple(
            ColourPair(role, colours[foreground], colours[background])
            for role, foreground, background in PAIR_ROLES
        )

    def weakest(self) -> ColourPair:
        """The pair with the lowest contrast."""
        return min(self.pairs(), key=lambda pair: pair.ratio)

    def textual_theme_kwargs(self) -> dict[str, object]:
        """Arguments for ``textual.theme.Theme(**kwargs)``, so the kiosk need not copy colours.

        ``text_alpha`` is 1.0 and the derived variables are set explicitly, so Textual
        never blends a colour into one whose contrast was not measured here.
        """
        p = self.palette
        return {
            "name": f"kiosk-{self.name.value}",
            "primary": p.primary,
            "secondary": p.accent,
            "accent": p.accent,
            "warning": p.warning_text,
            "error": p.error_text,
            "success": p.success_text,
            "foreground": p.text,
            "background": p.background,
            "surface": p.surface,
            "panel": p.surface,
            "dark": self.dark,
            "text_alpha": 1.0,
            "variables": {
                "text": p.text,
                "text-muted": p.muted_text,
                "text-primary": p.primary,
                "text-accent": p.accent,
                "text-error": p.error_text,
                "text-warning": p.warning_text,
                "text-success": p.success_text,
                "border": p.focus_border,
                "border-blurred": p.muted_text,
                "block-cursor-foreground": p.focus_text,
                "block-cursor-background": p.focus_background,
                "block-cursor-text-style": "bold",
                "block-cursor-blurred-foreground": p.selected_text,
                "block-cursor-blurred-background": p.selected_background,
                "block-hover-background": p.surface,
                "footer-background": p.surface,
                "footer-foreground": p.text,
                "footer-key-foreground": p.primary,
                "footer-key-background": p.surface,
                "footer-description-foreground": p.text,
                "footer-description-background": p.surface,
                "button-foreground": p.button_text,
                "button-focus-text-style": "bold reverse",
                "input-cursor-foreground": p.focus_text,
                "input-cursor-background": p.focus_background,
                "input-selection-foreground": p.selected_text,
                "input-selection-background": p.selected_background,
                "link-color": p.accent,
                "link-style": "underline",
            },
        }


THEMES: dict[ThemeName, Theme] = {
    ThemeName.STANDARD: Theme(
        ThemeName.STANDARD,
        N_("Standard"),
        dark=False,
        palette=Palette(
            background="#FFFFFF",
            surface="#E8EDEE",
            text="#212B32",
            muted_text="#3F4F5A",
            primary="#003087",
            accent="#330072",
            error_text="#8A1538",
            warning_text="#6A4300",
            success_text="#005A2B",
            button_text="#FFFFFF",
            button_background="#003087",
            focus_text="#000000",
            focus_background="#FFEB3B",
            focus_border="#000000",
            selected_text="#FFFFFF",
            selected_background="#330072",
        ),
    ),
    ThemeName.HIGH_CONTRAST: Theme(
        ThemeName.HIGH_CONTRAST,
        N_("High contrast"),
        dark=True,
        palette=Palette(
            background="#000000",
            surface="#000000",
            text="#FFFFFF",
            muted_text="#E0E0E0",
            primary="#FFFF00",
            accent="#00FFFF",
            error_text="#FF9E9E",
            warning_text="#FFD700",
            success_text="#6EFF6E",
            button_text="#000000",
            button_background="#FFFFFF",
            focus_text="#000000",
            focus_background="#FFFF00",
            focus_border="#FFFF00",
            selected_text="#000000",
            selected_background="#00FFFF",
        ),
    ),
    ThemeName.LOW_LIGHT: Theme(
        ThemeName.LOW_LIGHT,
        N_("Low light"),
        dark=True,
        palette=Palette(
            background="#16120E",
            surface="#231D17",
            text="#CDBB98",
            muted_text="#BCA888",
            primary="#E0A85C",
            accent="#D8B070",
            error_text="#EE9E80",
            warning_text="#E2B25A",
            success_text="#A8C080",
            button_text="#CDBB98",
            button_background="#2E261E",
            focus_text="#16120E",
            focus_background="#D9A441",
            focus_border="#D9A441",
            selected_text="#16120E",
            selected_background="#BFAE90",
        ),
    ),
}

DEFAULT_THEME = ThemeName.STANDARD
DEFAULT_TEXT_SIZE = TextSizeName.STANDARD


def failing_pairs(theme: Theme, minimum: float = AAA_TEXT) -> list[ColourPair]:
    """Pairs of a theme below ``minimum`` contrast (none, for the shipped themes)."""
    return [pair for pair in theme.pairs() if pair.ratio < minimum]


def contrast_table() -> str:
    """A Markdown table of every pair in every theme with its measured ratio."""
    lines = [
        "| Theme | Where | Text | Background | Contrast |",
        "|---|---|---|---|---|",
    ]
    for theme in THEMES.values():
        for pair in theme.pairs():
            lines.append(
                f"| {theme.label} | {pair.role} | `{pair.foreground}` | `{pair.background}` "
                f"| {pair.ratio:.1f}:1 |"
            )
    return "\n".join(lines)


if __name__ == "__main__":  # python -m accessibility.themes: the table for the docs
    print(contrast_table())
