"""How long the kiosk waits: configurable, and short in tests."""

from __future__ import annotations

from dataclasses import dataclass

IDLE_SECONDS = 120.0
COUNTDOWN_SECONDS = 30.0
THANKS_SECONDS = 20.0


@dataclass(frozen=True, slots=True)
class Timings:
    """Idle time before "Are you still there?", its countdown, and the thank-you pause."""

    idle_seconds: float = IDLE_SECONDS
    countdown_seconds: float = COUNTDOWN_SECONDS
    thanks_seconds: float = THANKS_SECONDS

    def __post_init__(self) -> None:
        for name in ("idle_seconds", "countdown_seconds", "thanks_seconds"):
            if getattr(self, name) <= 0:
                raise ValueError(f"{name} must be more than 0")
