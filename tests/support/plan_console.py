"""Helpers for the plan console's Pilot tests: a console running a plan on real
storage, the room's phones adding ideas and casting ballots through ``FocusGroup``
as the phone page would, and reading what the console shows."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from textual.pilot import Pilot

from kiosk.facilitator.app import FacilitatorApp, make_app
from kiosk.facilitator.console_services import FacilitatorServices
from kiosk.speaking import RecordingSpeaker
from kiosk.web.address import PhoneAddress
from surveys.audit import AuditLog
from surveys.clock import FixedClock
from surveys.focus_group import FocusGroup
from surveys.plan_model import SessionPlan
from surveys.plan_reader import load_plan, load_plan_text
from surveys.plan_templates import plan_path
from surveys.poll_files import PollSet
from surveys.storage.tinydb_ideas import TinyDbIdeaStore
from surveys.storage.tinydb_plan_progress import TinyDbPlanStore
from surveys.storage.tinydb_tallies import TinyDbTallyStore
from tests.support.facilitator import NOW, settle

SHORT_PLAN = """\
id: short-ngt
title: What matters most?
stages:
  - kind: ideas
    minutes: 5
    prompt: What would help most?
    guide: Ask people to write quietly.
  - kind: share
    minutes: 5
  - kind: merge
    minutes: 5
  - kind: rank
    minutes: 5
    top: 3
  - kind: results
    minutes: 5
  - kind: poll
    minutes: 2
    poll:
      id: heard
      kind: single
      text: Did you feel heard?
      options: [Yes, No]
"""


def builtin_plan(name: str = "priority-setting") -> SessionPlan:
    """A built-in plan, checked."""
    plan = load_plan(plan_path(name)).plan
    assert plan is not None
    return plan


def short_plan(text: str = SHORT_PLAN) -> SessionPlan:
    """The short NGT plan above (or ``text``), checked."""
    result = load_plan_text(text)
    assert result.plan is not None, [p.describe() for p in result.problems]
    return result.plan


def polls_of(plan: SessionPlan) -> PollSet:
    """The plan's poll stages as the console's poll set (as ``kiosk facilitate`` builds it)."""
    polls = tuple(stage.poll for stage in plan.stages if stage.poll is not None)
    return PollSet(plan.id, plan.title, polls)


@dataclass
class PlanConsole:
    """One plan console under test, with its services and stores."""

    app: FacilitatorApp
    services: FacilitatorServices
    clock: FixedClock
    ideas: TinyDbIdeaStore
    plans: TinyDbPlanStore
    speaker: RecordingSpeaker
    home: Path

    @property
    def session_id(self) -> str:
        """The session the console runs."""
        live = self.app.live
        assert live is not None
        return live.session.id

    def group(self) -> FocusGroup:
        """The session's focus group, as a phone page in another process would use it."""
        live = self.app.live
        assert live is not None
        return FocusGroup(self.ideas, live.session)

    def screen_text(self) -> str:
        """Every Static and list on the console, as plain text."""
        from rich.text import Text
        from textual.widgets import OptionList, Static

        from kiosk.facilitator.widgets.idea_queue import IdeaQueue

        parts: list[str] = []
        for widget in self.app.screen.query("*"):
            if isinstance(widget, Static) and widget.display:
                content = widget.content
                parts.append(content.plain if isinstance(content, Text) else str(content))
            elif isinstance(widget, IdeaQueue) and widget.display:
                parts.extend(widget.lines())
            elif isinstance(widget, OptionList) and widget.display:
                for index in range(widget.option_count):
                    prompt = widget.get_option_at_index(index).prompt
                    parts.append(prompt.plain if isinstance(prompt, Text) else str(prompt))
        return "\n".join(parts)


def build_plan_console(
    home: Path,
    plan: SessionPlan,
    *,
    clock: FixedClock | None = None,
    phones: PhoneAddress | None = None,
) -> PlanConsole:
    """A plan console on real storage under ``home``, with a fixed clock."""
    clock = clock or FixedClock(NOW)
    audit = AuditLog(home / "audit.jsonl", clock)
    sessions = home / "sessions"
    ideas = TinyDbIdeaStore(sessions)
    plans = TinyDbPlanStore(sessions)
    speaker = RecordingSpeaker()
    services = FacilitatorServices(
        store=TinyDbTallyStore(sessions),
        clock=clock,
        home=home,
        audit=audit,
        speaker=speaker,
        ideas=ideas,
        plans=plans,
    )
    app = make_app(
        services, [polls_of(plan)], unlocked=True, poll_seconds=0.05, plan=plan, phones=phones
    )
    return PlanConsole(app, services, clock, ideas, plans, speaker, home)


async def wait_for_console(pilot: Pilot[object]) -> None:
    """Let the console settle (and pick up changes other processes wrote)."""
    await settle(pilot)
    await pilot.pause(0.12)
    await settle(pilot)


BALLOTS = {
    "lived": ["ERQ", "ERQ", "EQR", "REQ", "QER", "RQE"],
    "carer": ["REQ", "RQE", "QRE", "ERQ", "RQE", "EQR"],
}
"""Twelve phones' top 3, by the first letter of each idea's words (see ``LETTERS``).
Every group's total for every idea is 0 or at least 5, so the disclosure engine can
show both groups (a total of 1 to 4 would come from one or two ballots)."""
LETTERS = {
    "E": "Appointments in the evening",
    "R": "Ring me when you say you will",
    "Q": "A quiet waiting room",
    "S": "Someone to talk to while I wait",
    "P": "My phone is 07700 900123",
}


def cast_ballots(
    group: FocusGroup, round_id: str, ids: dict[str, str], ballots: dict[str, list[str]] = BALLOTS
) -> None:
    """Every phone's ballot, cast as the phone page would."""
    for writer, lines in ballots.items():
        for line in lines:
            group.cast(round_id, [ids[LETTERS[letter]] for letter in line], writer)
