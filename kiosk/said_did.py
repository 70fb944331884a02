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
from surveys.action_cards import Card, results_sentence, shared_cards

ACTIONS_FILE = "actions.yaml"
"""The action log's name in the data folder (``surveys.action_reader.FILE_NAME``; not
imported from there, so the kiosk loads the reader only when a log exists)."""


@dataclass(frozen=True, slots=True)
class SaidDid:
    """What the kiosk shows of the action log."""

    cards: tuple[Card, ...] = ()
    """The welcome and idle screens' cards: shared, short enough, in the log's order."""
    results_shared: str = ""
    """When and where results are shared, as the thank-you screen says it ("You can
    find out what happened next at …"; "" when the log does not say)."""


class SaidDidSource:
    """Reads the action log under ``home`` when it has changed since the last read."""

    def __init__(self, home: Path, problems: ProblemLog) -> None:
        self.path = home / ACTIONS_FILE
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
        if result.log is None:
            # Codes and places only: a problem's message may quote the file's words.
            places = "; ".join(
                f"{problem.code.name} at line {problem.line}, column {problem.column}"
                for problem in result.errors[:5]
            )
            self.problems.note(
                f"The action log ({self.path.name}) could not be used, so the kiosk "
                f"shows no 'You said - We did' cards. {places}".strip()
            )
            return SaidDid()
        log = result.log
        return SaidDid(shared_cards(log), results_sentence(log.results_shared))

    def _failed(self, error: Exception) -> SaidDid:
        self.problems.record(error, f"reading the action log ({self.path.name})")
        self.current = SaidDid()
        return self.current
