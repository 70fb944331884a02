"""A coordinator's action log for the "You said — We did" tests: three actions
ready to share (one done, one in progress, one not possible), one not shared, and
one shared but too long for a card."""

from __future__ import annotations

from pathlib import Path

ACTIONS_YAML = """\
title: Recovery College
results_shared: At the Recovery College café, on the first Monday of each month.
actions:
- id: a1
  you_said: The waiting room felt cold.
  we_did: We put in a heater and softer chairs.
  owner: Facilities lead
  due: 2026-03-31
  status: done
  closed_on: 2026-03-20
  share: true
- id: a2
  you_said: Evening groups would help people who work.
  we_did: We are starting a Tuesday evening group.
  owner: Recovery College manager
  due: 2026-09-30
  status: in progress
  share: true
- id: a3
  you_said: Free parking for visitors.
  we_did: Ask the council for free parking.
  owner: Service manager
  due: 2026-06-30
  status: not possible
  reason: The car park belongs to the council.
  closed_on: 2026-05-01
  share: true
- id: a4
  you_said: Not ready to share yet.
  we_did: Still being talked about.
  owner: Service manager
  due: 2026-12-31
  share: false
- id: a5
  you_said: >-
    A very long thing that people said about many parts of the service, from the
    front door and the forms to the waiting and the rooms and the staff
  we_did: >-
    We did a long list of things in answer, one after another, over many months,
    and we wrote them all down here in one go
  owner: Service manager
  due: 2026-12-31
  share: true
"""

SHOWN = (
    ("You said: The waiting room felt cold.", "We did: We put in a heater and softer chairs."),
    (
        "You said: Evening groups would help people who work.",
        "We are doing: We are starting a Tuesday evening group.",
    ),
    (
        "You said: Free parking for visitors.",
        "We could not do this because the car park belongs to the council.",
    ),
)
"""The cards, in turn, as they read."""
NOT_SHOWN = ("Not ready to share yet", "A very long thing")
RESULTS_SHARED = "At the Recovery College café, on the first Monday of each month."
THANKS_LINE = (
    "You can find out what happened next at the Recovery College café, "
    "on the first Monday of each month."
)
"""What the thank-you screen makes of ``RESULTS_SHARED``."""


def write_log(home: Path, text: str = ACTIONS_YAML) -> Path:
    """Put the action log where the kiosk looks for it."""
    home.mkdir(parents=True, exist_ok=True)
    path = home / "actions.yaml"
    path.write_text(text, encoding="utf-8")
    return path
