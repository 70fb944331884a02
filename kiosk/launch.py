"""Start the participant kiosk: load the survey, build the services, tidy up, run the app.

Before the first screen, ``run_kiosk`` also

- keeps a copy of the survey file in ``KIOSK_HOME/surveys`` (``keep_survey_copy``),
  so ``kiosk export`` finds its wording with no ``--survey`` flag;
- tidies up (``kiosk.services.tidy_up``): old sessions deleted, old receipt codes
  forgotten, as ``settings.yaml`` says, with one plain line printed and logged.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING

from surveys.errors import Severity
from surveys.loader import load_survey

if TYPE_CHECKING:
    from kiosk.settings import KioskSettings
    from kiosk.web.address import PhoneAddress
    from surveys.model import Survey

NO_PIN = (
    "No operator PIN is set, so this kiosk could not be locked.\n"
    "Set one first with:   kiosk pin set\n"
    "Or, only to try the kiosk out:   kiosk --unlocked   (or: kiosk run SURVEY.yaml --unlocked)"
)
SURVEYS_FOLDER = "surveys"
_UNSAFE = re.compile(r"[^A-Za-z0-9._-]+")


def demo_survey_path() -> Path:
    """The bundled demo survey that ``kiosk`` runs with no arguments."""
    return Path(str(resources.files("surveys").joinpath("templates", "demo.yaml")))


@dataclass(frozen=True, slots=True)
class SurveyCopy:
    """Where the copy of a survey file is, and a plain note when something was unusual."""

    path: Path
    note: str | None = None


def keep_survey_copy(source: Path, survey: Survey, home: Path) -> SurveyCopy:
    """Save ``source`` as ``home/surveys/<id>-<version>.yaml`` (atomically, durably).

    An identical copy already there is left alone. A *different* file with the same
    id and version is never overwritten: both are kept (the new one with a short
    hash in its name) and the note says so, since answers to the two can't be told
    apart. Raises ``OSError`` when the file can't be read or written.
    """
    from filelock import FileLock  # noqa: PLC0415 — imported late so other commands start fast

    from surveys.storage.atomic import make_folder, write_bytes_atomic  # noqa: PLC0415 — as above

    data = source.read_bytes()
    folder = home / SURVEYS_FOLDER
    make_folder(folder)
    stem = _UNSAFE.sub("_", f"{survey.id}-{survey.version}")
    target = folder / f"{stem}.yaml"
    with FileLock(folder / ".copies.lock", timeout=10):
        if not target.exists():
            write_bytes_atomic(target, data)
            return SurveyCopy(target)
        if target.read_bytes() == data:
            return SurveyCopy(target)
        other = folder / f"{stem}-{hashlib.sha256(data).hexdigest()[:10]}.yaml"
        if not other.exists():
            write_bytes_atomic(other, data)
        note = (
            f"A different survey file with the id '{survey.id}' and version "
            f"'{survey.version}' was used on this kiosk before. Both are kept in {folder}. "
            "Please give a survey a new version number whenever its wording changes."
        )
        return SurveyCopy(other, note)


def promise_notes(survey: Survey, settings: KioskSettings) -> list[str]:
    """Where the survey's consent text and this kiosk's settings disagree on the days."""
    notes = []
    block = survey.consent
    if block.withdraw_days != settings.withdraw_days:
        notes.append(
            f"This survey tells people they can take answers back within "
            f"{block.withdraw_days} days, but this kiosk forgets receipt codes after "
            f"{settings.withdraw_days} days (settings.yaml). Please make them the same."
        )
    if block.keep_days < settings.keep_days:
        notes.append(
            f"This survey tells people their answers are deleted within {block.keep_days} "
            f"days, but this kiosk keeps them for {settings.keep_days} days (settings.yaml). "
            "Please make them the same."
        )
    return notes


def run_kiosk(
    survey_path: Path | None,
    *,
    unlocked: bool = False,
    idle_seconds: float | None = None,
    phones: PhoneAddress | None = None,
) -> int:
    """Load and check the survey, then run the kiosk. Returns an exit status.

    ``phones`` (from ``--phones``) turns on the phone page; None leaves it off.
    """
    path = survey_path or demo_survey_path()
    result = load_survey(path)
    if result.survey is None:
        print(f"The survey {path} can't run yet:")
        for problem in result.problems:
            if problem.severity is Severity.ERROR:
                print("  " + problem.describe())
        return 2 if not result.readable else 1
    from kiosk.services import build_services, tidy_up  # noqa: PLC0415 — imported late so other commands start fast
    from surveys import paths  # noqa: PLC0415 — imported late so other commands start fast
    from surveys.operator_pin import OperatorPin, PinError, pin_path  # noqa: PLC0415 — as above

    if not unlocked:
        # Checked before anything is created, so a refused start leaves no trace.
        try:
            pin_set = OperatorPin(pin_path(paths.data_home())).is_set()
        except PinError as error:
            print(error.message)
            return 1
        if not pin_set:
            print(NO_PIN)
            return 1
    services = build_services()
    for recovery in services.recoveries:
        print(recovery.message)
    if services.demo_key_made:
        print("Made a demo key pair for trying the kiosk. Answers locked with it are for")
        print("trying out only: make a real coordinator key with 'kiosk keys new'.")

    from kiosk.app import make_app  # noqa: PLC0415 — imported late so other commands start fast
    from kiosk.guard import GIVE_UP  # noqa: PLC0415 — imported late so other commands start fast
    from kiosk.problems import ProblemLog  # noqa: PLC0415 — imported late so other commands start fast
    from kiosk.settings import IDLE_SECONDS  # noqa: PLC0415 — imported late so other commands start fast

    log = ProblemLog(services.home)
    news = [tidy_up(services).describe(), *promise_notes(result.survey, services.settings)]
    try:
        copy = keep_survey_copy(path, result.survey, services.home)
    except OSError as error:
        news.append(
            f"A copy of the survey file could not be kept ({error.strerror or error}). "
            f"Give it to 'kiosk export' with --survey {path}."
        )
    else:
        if copy.note:
            news.append(copy.note)
    for line in news:
        print(line)
        log.note(line)
    log.close()

    app = make_app(
        result.survey,
        services,
        unlocked=unlocked,
        idle_seconds=IDLE_SECONDS if idle_seconds is None else idle_seconds,
        phones=phones,
    )
    try:
        app.run()
    except Exception as error:
        ProblemLog(services.home).record(error, "kiosk run")
        print(GIVE_UP)
        return 1
    return app.return_code or 0
