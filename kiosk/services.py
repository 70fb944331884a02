"""The injection seam: everything with a side effect reaches the app through here."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from kiosk.speaking import NullSpeaker, Speaker
from surveys import paths
from surveys.audit import AuditLog
from surveys.clock import Clock, SystemClock
from surveys.operator_pin import OperatorPin, pin_path
from surveys.sealing import Sealer, ensure_keys
from surveys.storage import ResponseStore, SessionInfo
from surveys.storage.atomic import Recovery
from surveys.storage.tinydb_store import TinyDbResponseStore


@dataclass
class KioskServices:
    """Store, sealer, audit log, clock, speaker, operator PIN and the current session,
    built once at start-up."""

    store: ResponseStore
    sealer: Sealer
    audit: AuditLog
    clock: Clock
    session: SessionInfo
    home: Path
    demo_key_made: bool = False
    recoveries: list[Recovery] = field(default_factory=list)
    speaker: Speaker = field(default_factory=NullSpeaker)
    operator_pin: OperatorPin = field(init=False)

    def __post_init__(self) -> None:
        self.operator_pin = OperatorPin(pin_path(self.home), clock=self.clock, audit=self.audit)


def build_services(home: Path | None = None, clock: Clock | None = None) -> KioskServices:
    """Open the real services under the data folder, recovering damaged files first."""
    home = home or paths.data_home()
    home.mkdir(parents=True, exist_ok=True)
    clock = clock or SystemClock()
    audit = AuditLog(paths.audit_path(home), clock)

    def note(recovery: Recovery) -> None:
        audit.record(
            "recovery",
            file=recovery.path.name,
            restored_from=recovery.restored_from.name if recovery.restored_from else None,
        )

    store = TinyDbResponseStore(paths.sessions_dir(home), on_recovery=note)
    recoveries = store.recover()
    sealer, made = ensure_keys(paths.keys_dir(home))
    session = SessionInfo.new(clock.now().date().isoformat())
    return KioskServices(
        store=store,
        sealer=sealer,
        audit=audit,
        clock=clock,
        session=session,
        home=home,
        demo_key_made=made,
        recoveries=recoveries,
    )
