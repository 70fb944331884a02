"""Unexpected errors: written to a log for the coordinator, never shown as a traceback.

The log says what kind of error happened and where in the code, and nothing else:
no exception message (it could quote an answer), no local variables, no answers.
``Guarded`` is mixed into the App and every kiosk screen and widget so that an error
in one handler is reported calmly and the handler's message loop keeps running.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import logging
import time
import traceback
from collections import deque
from pathlib import Path
from typing import Any, Protocol

LOG_FILE = "kiosk.log"
_LOGGER_NAME = "kiosk.problems"


def log_folder(home: Path) -> Path:
    """Where the kiosk's own log lives under its data folder."""
    return home / "logs"


def describe(error: BaseException) -> str:
    """Error type and code locations only: safe to keep, since no data is quoted."""
    lines: list[str] = []
    seen: set[int] = set()
    current: BaseException | None = error
    while current is not None and id(current) not in seen:
        seen.add(id(current))
        kind = type(current)
        lines.append(f"{kind.__module__}.{kind.__qualname__}")
        for frame in traceback.extract_tb(current.__traceback__):
            lines.append(f"  at {frame.filename}:{frame.lineno} in {frame.name}")
        current = current.__cause__ or current.__context__
        if current is not None:
            lines.append("while handling:")
    return "\n".join(lines)


class ProblemLog:
    """Appends problems to ``KIOSK_HOME/logs/kiosk.log`` (rotated, made on first use)."""

    def __init__(self, home: Path) -> None:
        self.path = log_folder(home) / LOG_FILE
        self._logger: logging.Logger | None = None

    def _open(self) -> logging.Logger:
        if self._logger is None:
            from logging.handlers import RotatingFileHandler  # noqa: PLC0415 — on first use only

            self.path.parent.mkdir(parents=True, exist_ok=True)
            logger = logging.getLogger(f"{_LOGGER_NAME}.{id(self)}")
            logger.propagate = False
            logger.setLevel(logging.INFO)
            handler = RotatingFileHandler(
                self.path, maxBytes=1_000_000, backupCount=3, encoding="utf-8", delay=True
            )
            logger.addHandler(handler)
            self._logger = logger
        return self._logger

    def record(self, error: BaseException, where: str) -> None:
        """Write one problem. Never raises: a full disk must not stop the kiosk."""
        stamp = dt.datetime.now(dt.UTC).isoformat(timespec="seconds")
        # Logging must never add a second failure to the first.
        with contextlib.suppress(Exception):
            self._open().error("%s problem in %s\n%s", stamp, where, describe(error))

    def note(self, line: str) -> None:
        """Write one plain line of news (a start-up tidy-up, say). Never raises."""
        stamp = dt.datetime.now(dt.UTC).isoformat(timespec="seconds")
        with contextlib.suppress(Exception):
            self._open().info("%s %s", stamp, line)

    def close(self) -> None:
        """Close the file handler."""
        if self._logger is not None:
            for handler in list(self._logger.handlers):
                handler.close()
                self._logger.removeHandler(handler)
            self._logger = None


MAX_PROBLEMS = 8
PROBLEM_WINDOW_SECONDS = 10.0


class ProblemBurst:
    """Notices when unexpected errors pour in: more than ``MAX_PROBLEMS`` within
    ``PROBLEM_WINDOW_SECONDS`` (a fault while drawing, say), when an app should close
    with a plain message rather than show one calm box after another."""

    def __init__(self) -> None:
        self._times: deque[float] = deque()

    def too_many(self) -> bool:
        """Note one more problem now; True when there have been too many of late."""
        now = time.monotonic()
        self._times.append(now)
        while self._times and now - self._times[0] > PROBLEM_WINDOW_SECONDS:
            self._times.popleft()
        return len(self._times) > MAX_PROBLEMS


class ProblemReporter(Protocol):
    """The App's side of ``Guarded``."""

    def report_problem(self, error: Exception, where: str) -> None:
        """Log an unexpected error and show the calm "Something went wrong" screen."""
        ...


class Guarded:
    """Mixin: an error in any of this node's handlers is reported, not fatal.

    Textual ends a node's message loop (and, for the App, the whole program) when a
    handler raises. Catching here, around each message, keeps the loop alive. The
    override relies on ``MessagePump._dispatch_message`` in Textual 8.2.8, which is
    pinned exactly; ``tests/kiosk/participant/test_problems.py`` fails if that ever changes.
    """

    async def _dispatch_message(self, message: Any) -> None:
        try:
            await super()._dispatch_message(message)  # type: ignore[misc]
        except Exception as error:
            reporter: Any = getattr(self, "app", None)
            report = getattr(reporter, "report_problem", None)
            if report is None:
                raise
            report(error, f"{type(self).__name__} handling {type(message).__name__}")
