"""The facilitator's injection seam: store, clock, audit log, PIN, speaker, problem log."""

from __future__ import annotations

import datetime as dt
import os
from dataclasses import dataclass, field
from pathlib import Path

from kiosk.problems import ProblemLog
from kiosk.services import open_recovered_store
from kiosk.speaking import NullSpeaker, Speaker, SpeakerOnFirstUse, close_speaker
from surveys import paths
from surveys.audit import AuditLog
from surveys.clock import Clock, SystemClock
from surveys.operator_pin import OperatorPin, pin_path
from surveys.sealing import KeyFileError, Sealer, ensure_keys
from surveys.storage.tallies import TallyStore
from surveys.storage.tinydb_ideas import TinyDbIdeaStore
from surveys.storage.tinydb_plan_progress import TinyDbPlanStore
from surveys.storage.tinydb_tallies import SessionKeys, TinyDbTallyStore


@dataclass
class FacilitatorServices:
    """Everything with a side effect that the facilitator's apps use."""

    store: TallyStore
    clock: Clock
    home: Path
    audit: AuditLog | None = None
    pin: OperatorPin | None = None
    speaker: Speaker = field(default_factory=NullSpeaker)
    problems: ProblemLog | None = None
    recoveries: list[str] = field(default_factory=list)
    ideas: TinyDbIdeaStore | None = None
    """A focus group's ideas and rankings (built from ``home`` when not given)."""
    plans: TinyDbPlanStore | None = None
    """Where a running plan stands (built from ``home`` when not given)."""

    def idea_store(self) -> TinyDbIdeaStore:
        """The ideas and rankings, in the same session files as the polls."""
        if self.ideas is None:
            self.ideas = TinyDbIdeaStore(paths.sessions_dir(self.home))
        return self.ideas

    def plan_store(self) -> TinyDbPlanStore:
        """Where the plan stands, in the same session files as the polls."""
        if self.plans is None:
            self.plans = TinyDbPlanStore(paths.sessions_dir(self.home))
        return self.plans

    def today(self) -> str:
        """Today's date where the kiosk is (ISO), for new sessions and resuming."""
        return local_date(self.clock.now()).isoformat()

    def close(self) -> None:
        """Stop speaking and close the problem log."""
        close_speaker(self.speaker)
        if self.problems is not None:
            self.problems.close()


def local_date(moment: dt.datetime) -> dt.date:
    """The date on the wall clock here (a session just after midnight UTC is still today)."""
    return moment.astimezone().date() if moment.tzinfo is not None else moment.date()


def build_facilitator_services(
    home: Path | None = None, clock: Clock | None = None, *, speech: bool = True
) -> FacilitatorServices:
    """Open the real services under the data folder, repairing damaged files first."""
    home = home or paths.data_home()
    home.mkdir(parents=True, exist_ok=True)
    clock = clock or SystemClock()
    audit = AuditLog(paths.audit_path(home), clock)
    _, recoveries = open_recovered_store(home, audit)
    sessions = paths.sessions_dir(home)
    try:
        # Open comments are sealed to the coordinator's key, like survey answers.
        sealer: Sealer | None = ensure_keys(paths.keys_dir(home))[0]
    except (KeyFileError, OSError):
        sealer = None  # still never stored in plain: locked for this session only
    runtime = os.environ.get("XDG_RUNTIME_DIR")
    # Session-only keys: in the memory-backed runtime folder, never the data folder.
    keys = SessionKeys(Path(runtime) / "coproduction-kiosk") if runtime else None
    return FacilitatorServices(
        store=TinyDbTallyStore(sessions, sealer, keys),
        clock=clock,
        home=home,
        audit=audit,
        pin=OperatorPin(pin_path(home), clock=clock, audit=audit),
        # The real read-aloud starts once the first screen is up (FacilitatorApp.on_ready).
        speaker=SpeakerOnFirstUse() if speech else NullSpeaker(),
        problems=ProblemLog(home),
        recoveries=[r.message for r in recoveries],
        ideas=TinyDbIdeaStore(sessions, sealer, keys),
        plans=TinyDbPlanStore(sessions),
    )
