""" "You said — We did" for the kiosk: the shared cards and where results are shared.

The coordinator's action log (``<data folder>/actions.yaml``, kept with
``kiosk actions``) is read when the kiosk's first screen is up and again between
visitors when the file has changed. A missing log is normal (no cards); a damaged
one shows no cards either and never stops the kiosk: the kiosk's log gets the
kind of problem and where it is, never the file's words.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from kiosk.problems import ProblemLog
from surveys.action_cards import Card, shared_cards

ACTIONS_FILE = "actions.yaml"


def actions_path(home: Path) -> Path:
    """Where the action log lives under the kiosk's data folder."""
    return home / ACTIONS_FILE


@dataclass(frozen=True, slots=True)
class SaidDid:
    """What the kiosk shows of the action log."""

    cards: tuple[Card, ...] = ()
    """The welcome and idle screens' cards: shared, short enough, in the log's order."""
    results_shared: str = ""
    """When and where results are shared, for the thank-you screen ("" when not given)."""


class SaidDidSource:
    """Reads the action log under ``home`` when it has changed since the last read."""

    def __init__(self, home: Path, problems: ProblemLog) -> None:
        self.path = actions_path(home)
        self.problems = problems
        self.current = SaidDid()
        self._seen: tuple[int, int] | None = None

    def refresh(self) -> SaidDid:
        """The cards and words from the file as it is now. Never raises."""
        try:
            stat = self.path.stat()
        except FileNotFoundError:
            self._seen, self.current = None, SaidDid()
            return self.current
        except OSError as error:
            return self._failed(error)
        seen = (stat.st_mtime_ns, stat.st_size)
        if seen == self._seen:
            return self.current
        self._seen = seen
        try:
            self.current = self._read()
        except Exception as error:  # a damaged log must never stop the kiosk
            return self._failed(error)
        return self.current

    def _read(self) -> SaidDid:
        from surveys.action_reader import load_action_log  # noqa: PLC0415 — only when there is a log

        result = load_action_log(self.path)
        if not result.readable:
            places = ", ".join(
                f"{getattr(p, 'code', 'problem')} at line {getattr(p, 'line', '?')}"
                for p in result.problems[:5]
            )
            self.problems.note(
                f"The action log ({self.path.name}) could not be read, so no "
                f"'You said - We did' cards are shown. {places}".strip()
            )
            return SaidDid()
        log = result.log
        return SaidDid(shared_cards(log), " ".join(log.results_shared.split()))

    def _failed(self, error: Exception) -> SaidDid:
        self.problems.record(error, f"reading the action log ({self.path.name})")
        self.current = SaidDid()
        return self.current
