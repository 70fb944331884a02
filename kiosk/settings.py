"""The kiosk's settings: how long it waits (``Timings``) and how long it keeps data.

``KIOSK_HOME/settings.yaml`` holds the keeping periods, for the coordinator to set
once per kiosk::

    keep_days: 30       # delete sealed answers this many days after their session
    withdraw_days: 14   # destroy receipt codes after this; then answers can't be taken back

Both are optional; a missing file means the defaults. A file that can't be used is
never guessed at: ``load_settings`` raises ``SettingsError`` with a plain message,
and nothing is deleted until it is fixed, since a typo must not shorten a promise.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from surveys.errors import PlainError

IDLE_SECONDS = 120.0
COUNTDOWN_SECONDS = 30.0
THANKS_SECONDS = 20.0
BREAK_MINUTES = 10.0
"""How long "Take a break" keeps a visit before asking "Are you still there?"."""

SETTINGS_FILE = "settings.yaml"
DEFAULT_KEEP_DAYS = 30
DEFAULT_WITHDRAW_DAYS = 14
_LIMITS = {"keep_days": (1, 3650), "withdraw_days": (0, 365)}
"""The same ranges a survey's consent block allows."""


@dataclass(frozen=True, slots=True)
class Timings:
    """Idle time before "Are you still there?", its countdown, the thank-you pause, and
    how long a break keeps the visit (then the same question and the same wipe)."""

    idle_seconds: float = IDLE_SECONDS
    countdown_seconds: float = COUNTDOWN_SECONDS
    thanks_seconds: float = THANKS_SECONDS
    break_minutes: float = BREAK_MINUTES

    @property
    def break_seconds(self) -> float:
        """The break's length in seconds."""
        return self.break_minutes * 60

    def __post_init__(self) -> None:
        for name in ("idle_seconds", "countdown_seconds", "thanks_seconds", "break_minutes"):
            if getattr(self, name) <= 0:
                raise ValueError(f"{name} must be more than 0")


class SettingsError(PlainError):
    """The settings file can't be used; ``message`` says why in plain words."""


@dataclass(frozen=True, slots=True)
class KioskSettings:
    """How long this kiosk keeps answers and receipt codes, in days after each session."""

    keep_days: int = DEFAULT_KEEP_DAYS
    withdraw_days: int = DEFAULT_WITHDRAW_DAYS


def settings_path(home: Path) -> Path:
    """Where the settings file lives in a data folder."""
    return home / SETTINGS_FILE


def load_settings(home: Path) -> KioskSettings:
    """The settings in ``home`` (defaults when there is no file); ``SettingsError`` if bad."""
    path = settings_path(home)
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return KioskSettings()
    except (OSError, UnicodeDecodeError) as error:
        raise SettingsError(f"The settings file {path} could not be read.") from error
    import yaml  # noqa: PLC0415 — only a settings file needs it, not the kiosk's first screen

    try:
        data = yaml.safe_load(text)
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        where = f" (line {mark.line + 1})" if mark is not None else ""
        raise SettingsError(
            f"The settings file {path} is not written correctly{where}. "
            "Each line should look like:  keep_days: 30"
        ) from error
    if data is None:
        return KioskSettings()
    if not isinstance(data, dict):
        raise SettingsError(
            f"The settings file {path} should have lines like  keep_days: 30  and nothing else."
        )
    values: dict[str, int] = {}
    for key, value in data.items():
        name = str(key)
        if name not in _LIMITS:
            import difflib  # noqa: PLC0415 — only a mistyped setting needs it

            close = difflib.get_close_matches(name, list(_LIMITS), n=1)
            hint = f" Did you mean {close[0]}?" if close else ""
            raise SettingsError(
                f"The settings file {path} has '{name}', which the kiosk doesn't know.{hint} "
                f"It knows: {', '.join(_LIMITS)}."
            )
        low, high = _LIMITS[name]
        if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
            raise SettingsError(
                f"In the settings file {path}, {name} should be a whole number of days "
                f"from {low} to {high}."
            )
        values[name] = value
    return KioskSettings(**values)
