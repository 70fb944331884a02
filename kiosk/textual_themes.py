"""The kiosk's colour themes, registered with Textual from ``accessibility.themes``.

Every colour comes from the accessibility themes, where each pair of text and
background the screens use is measured at 7:1 or better. Screens and widgets use
only these theme variables in their CSS (never a hex colour, never a blend such as
``$primary 40%``, which would make a pair nobody measured):

| Variable | Used for | Measured pair |
|---|---|---|
| ``$foreground`` on ``$background`` | body text | body text |
| ``$foreground`` on ``$surface`` | choices, review rows, the "where" bar | text on a panel |
| ``$text-muted`` | hints, progress, faded tools | hint text (on a panel) |
| ``$primary`` on ``$background`` | the question, headings | heading, question |
| ``$accent`` | explained words, the receipt code's border | explained word |
| ``$text-warning`` / ``$text-error`` | kind notes, problems | warning / error message |
| ``$button-foreground`` on ``$secondary`` | every Tap | button |
| ``$block-cursor-foreground`` on ``-background`` | the focused control | focused control |
| ``$border`` | the thick border round the focused control | focus border |
| ``$block-cursor-blurred-foreground`` on ``-background`` | a chosen option | selected choice |

``$secondary`` carries the button background: Textual has no variable of that name,
and a custom one would not exist until the theme is set, after the CSS is parsed.
"""

from __future__ import annotations

from textual.theme import Theme

from accessibility.themes import DEFAULT_THEME, ThemeName
from accessibility.themes import THEMES as ACCESSIBLE_THEMES


def textual_theme(name: ThemeName) -> Theme:
    """The Textual theme for one of the accessibility themes."""
    theme = ACCESSIBLE_THEMES[name]
    arguments = theme.textual_theme_kwargs()
    arguments["secondary"] = theme.palette.button_background
    # accessibility may not import Textual, so it hands over a plain dict[str, object];
    # Theme's keyword types can't be checked against that (the themes' tests check them).
    return Theme(**arguments)  # type: ignore[arg-type]


THEME_NAMES: dict[ThemeName, str] = {
    name: str(theme.textual_theme_kwargs()["name"]) for name, theme in ACCESSIBLE_THEMES.items()
}
"""The Textual theme name ("kiosk-standard", …) for each colour choice."""

THEMES: tuple[Theme, ...] = tuple(textual_theme(name) for name in ACCESSIBLE_THEMES)
"""Every kiosk theme, for ``App.register_theme``."""

DEFAULT_THEME_NAME = THEME_NAMES[DEFAULT_THEME]
