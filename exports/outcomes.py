"""The "you said, we did" file the coordinator keeps, for the report's last word.

A YAML list, one item per change::

    - you_said: The room was too cold.
      we_did: We moved the course to the library.
      status: done            # done, in progress, planned, or not possible (any words work)

Everything in it is shown as plain text (escaped), never as markup.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import yaml

from surveys.errors import PlainError

MAX_FILE_BYTES = 200_000
MAX_FIELD = 2_000
STATUSES = {
    "done": "Done",
    "in progress": "In progress",
    "planned": "Planned",
    "not possible": "Not possible",
}


class OutcomesError(PlainError):
    """The outcomes file could not be used; the message is plain."""


@dataclass(frozen=True, slots=True)
class Outcome:
    """One "you said, we did" item."""

    you_said: str
    we_did: str
    status: str


def load_outcomes(path: Path | None) -> tuple[Outcome, ...]:
    """Read the outcomes file (none given: no items). Raises ``OutcomesError``."""
    if path is None:
        return ()
    try:
        if path.stat().st_size > MAX_FILE_BYTES:
            raise OutcomesError(f"The outcomes file {path} is too big (over 200 KB).")
        data = yaml.safe_load(path.read_text(encoding="utf-8-sig"))
    except FileNotFoundError as error:
        raise OutcomesError(f"There is no outcomes file at {path}.") from error
    except (OSError, UnicodeDecodeError) as error:
        raise OutcomesError(f"The outcomes file {path} could not be read.") from error
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        where = f" near line {mark.line + 1}" if mark is not None else ""
        raise OutcomesError(
            f"The outcomes file {path} could not be read{where}. Check the indents and quotes."
        ) from error
    if data is None:
        return ()
    if not isinstance(data, list):
        raise OutcomesError(
            f"The outcomes file {path} should be a list of items, each starting with '- you_said:'."
        )
    items = []
    for number, item in enumerate(data, start=1):
        if not isinstance(item, dict):
            raise OutcomesError(f"Item {number} in {path} should have you_said, we_did and status.")
        unknown = set(map(str, item)) - {"you_said", "we_did", "status"}
        if unknown:
            raise OutcomesError(
                f"Item {number} in {path} has '{sorted(unknown)[0]}', which is not known. "
                "Use you_said, we_did and status."
            )
        fields = {}
        for name in ("you_said", "we_did", "status"):
            value = item.get(name)
            if value is None or not str(value).strip():
                raise OutcomesError(f"Item {number} in {path} needs '{name}'.")
            text = " ".join(str(value).split())
            if len(text) > MAX_FIELD:
                raise OutcomesError(f"'{name}' in item {number} of {path} is too long.")
            fields[name] = text
        status = STATUSES.get(fields["status"].lower(), fields["status"])
        items.append(Outcome(fields["you_said"], fields["we_did"], status))
    return tuple(items)
