"""The injection seam: everything with a side effect reaches the app through here.

Also the kiosk's start-up tidy-up (``tidy_up``): sessions older than the keeping
period are deleted and receipt codes past the withdrawal cut-off are destroyed,
as the settings file (``kiosk.settings``) says.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path

from kiosk.settings import KioskSettings, SettingsError, load_settings
from kiosk.speaking import NullSpeaker, Speaker, SpeakerOnFirstUse
from surveys import paths
from surveys.audit import AuditLog
from surveys.clock import Clock, SystemClock
from surveys.operator_pin import OperatorPin, pin_path
from surveys.plurals import counted
from surveys.sealing import Sealer, ensure_keys
from surveys.storage import ResponseStore, SessionInfo
from surveys.storage.atomic import Recovery
from surveys.storage.tinydb_store import TinyDbResponseStore


@dataclass(frozen=True, slots=True)
class TidyUp:
    """What the start-up tidy-up did, in one plain line for the operator and the log."""

    when: dt.datetime
    line: str
    done: bool

    def describe(self) -> str:
        """ "Last tidy-up: …" as the operator menu shows it (local time)."""
        return f"Last tidy-up: {self.when.astimezone().strftime('%d %b %Y, %H:%M')}. {self.line}"


@dataclass
class KioskServices:
    """Store, sealer, audit log, clock, speaker, operator PIN, settings and the current
    session, built once at start-up."""

    store: ResponseStore
    sealer: Sealer
    audit: AuditLog
    clock: Clock
    session: SessionInfo
    home: Path
    demo_key_made: bool = False
    recoveries: list[Recovery] = field(default_factory=list)
    speaker: Speaker = field(default_factory=NullSpeaker)
    settings: KioskSettings = field(default_factory=KioskSettings)
    settings_problem: str | None = None
    """Why the settings file could not be used (defaults are shown, nothing is deleted)."""
    tidy: TidyUp | None = None
    """The last tidy-up, once ``tidy_up`` has run."""
    operator_pin: OperatorPin = field(init=False)

    def __post_init__(self) -> None:
        self.operator_pin = OperatorPin(pin_path(self.home), clock=self.clock, audit=self.audit)

    def withdraw(self, code: str) -> tuple[bool, str]:
        """Withdraw by receipt code; a code past the cut-off gets a message saying so."""
        # With a broken settings file the cut-off isn't known, so no number is promised.
        days = None if self.settings_problem else self.settings.withdraw_days
        # Imported here so only a withdrawal pays for it (it is small: see exports/__init__).
        from exports.comment_review import default_review_file  # noqa: PLC0415
        from exports.retention import withdraw_by_code  # noqa: PLC0415

        review_file = default_review_file(self.home)
        return withdraw_by_code(
            code, self.store, self.audit, withdraw_days=days, review_file=review_file
        )


def open_recovered_store(home: Path, audit: AuditLog) -> tuple[TinyDbResponseStore, list[Recovery]]:
    """The response store, after checking every file and restoring damaged ones.

    Each restore is written to the audit log. The kiosk and the facilitator console
    both open their data this way at start-up.
    """

    def note(recovery: Recovery) -> None:
        audit.record(
            "recovery",
            file=recovery.path.name,
            restored_from=recovery.restored_from.name if recovery.restored_from else None,
        )

    store = TinyDbResponseStore(paths.sessions_dir(home), on_recovery=note)
    return store, store.recover()


def build_services(
    home: Path | None = None, clock: Clock | None = None, speaker: Speaker | None = None
) -> KioskServices:
    """Open the real services under the data folder, recovering damaged files first.

    ``speaker`` defaults to the real read-aloud, started when it is first used.
    """
    home = home or paths.data_home()
    home.mkdir(parents=True, exist_ok=True)
    clock = clock or SystemClock()
    audit = AuditLog(paths.audit_path(home), clock)
    store, recoveries = open_recovered_store(home, audit)
    sealer, made = ensure_keys(paths.keys_dir(home))
    session = SessionInfo.new(clock.now().date().isoformat())
    try:
        settings, problem = load_settings(home), None
    except SettingsError as error:
        settings, problem = KioskSettings(), error.message
    return KioskServices(
        store=store,
        sealer=sealer,
        audit=audit,
        clock=clock,
        session=session,
        home=home,
        demo_key_made=made,
        recoveries=recoveries,
        settings=settings,
        settings_problem=problem,
        speaker=speaker or SpeakerOnFirstUse(),
    )


def tidy_up(services: KioskServices) -> TidyUp:
    """Delete sessions past ``keep_days`` and forget receipt codes past ``withdraw_days``.

    Each deletion is audit-logged by ``exports.retention``. Never raises: a kiosk
    that could not tidy up still starts, and the line says what went wrong.
    """
    # Imported here so only a real start-up pays for it (it is small: see exports/__init__).
    from exports.comment_review import default_review_file  # noqa: PLC0415
    from exports.retention import RetentionError, forget_old_receipts, purge  # noqa: PLC0415

    now = services.clock.now()
    settings = services.settings
    if services.settings_problem is not None:
        line = f"Not done, so nothing was deleted. {services.settings_problem}"
        services.tidy = TidyUp(now, line, done=False)
        return services.tidy
    today = now.date()
    try:
        purged = purge(
            services.store,
            settings.keep_days,
            today,
            services.audit,
            review_file=default_review_file(services.home),
        )
        forgotten = forget_old_receipts(
            services.store, settings.withdraw_days, today, services.audit
        )
    except (OSError, RetentionError, ValueError) as error:
        reason = getattr(error, "strerror", None) or str(error) or type(error).__name__
        line = f"Not finished: {reason}. It will be tried again when the kiosk next starts."
        services.tidy = TidyUp(now, line, done=False)
        return services.tidy
    deleted = (
        f"deleted {counted(purged.responses, 'response')} from "
        f"{counted(purged.sessions, 'session')} older than {settings.keep_days} days"
        if purged.sessions
        else f"no sessions older than {settings.keep_days} days to delete"
    )
    forgot = (
        f"forgot {counted(forgotten.receipts, 'receipt code')} older than "
        f"{settings.withdraw_days} days (those answers can no longer be taken back)"
        if forgotten.receipts
        else f"no receipt codes older than {settings.withdraw_days} days to forget"
    )
    services.tidy = TidyUp(now, f"{deleted[0].upper()}{deleted[1:]}; {forgot}.", done=True)
    return services.tidy
