"""``kiosk`` and ``kiosk run``: load the survey, draw the first screen, then open the data.

``run_kiosk`` checks the survey (and, when locked, that a PIN is set) and starts the
App straight away, so the welcome screen is up as soon as possible. Just after the
first screen is drawn, the App calls ``open_kiosk`` (see ``kiosk.startup``), which

- opens the data folder through ``build_services``: every storage file checked and
  damaged ones restored, the coordinator key (or a demo key, made on first run);
- tidies up (``kiosk.services.tidy_up``): old sessions deleted, old receipt codes
  forgotten, as ``settings.yaml`` says;
- keeps a copy of the survey file in ``KIOSK_HOME/surveys`` (``keep_survey_copy``),
  so ``kiosk export`` finds its wording with no ``--survey`` flag.

What it did (and anything unusual) is written to the kiosk's log at once, and
printed as plain lines when the kiosk closes, since the full-screen kiosk covers
the terminal while it runs.
"""

from __future__ import annotations

import argparse
import re
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING

import surveys
from surveys.survey_cache import checked_survey, keep_checked, read_source

if TYPE_CHECKING:
    from kiosk.services import KioskServices
    from kiosk.settings import KioskSettings
    from kiosk.speaking import Speaker
    from kiosk.web.address import PhoneAddress
    from surveys.loader import LoadResult
    from surveys.model import Survey

NO_PIN = (
    "No operator PIN is set, so this kiosk could not be locked.\n"
    "Set one first with:   kiosk pin set\n"
    "Or, only to try the kiosk out:   kiosk --unlocked   (or: kiosk run SURVEY.yaml --unlocked)"
)
_UNSAFE = re.compile(r"[^A-Za-z0-9._-]+")


def demo_survey_path() -> Path:
    """The bundled demo survey that ``kiosk`` runs with no arguments."""
    return Path(surveys.__file__).parent / "templates" / "demo.yaml"


@dataclass(frozen=True, slots=True)
class SurveyCopy:
    """Where the copy of a survey file is, and a plain note when something was unusual."""

    path: Path
    note: str | None = None


def keep_survey_copy(data: bytes, survey: Survey, home: Path) -> SurveyCopy:
    """Save a survey file's bytes as ``home/surveys/<id>-<version>.yaml`` (durably).

    ``data`` is what was checked, so the copy is the survey that ran even if the file
    has been edited since.

    An identical copy already there is left alone. A *different* file with the same
    id and version is never overwritten: both are kept (the new one with a short
    hash in its name) and the note says so, since answers to the two can't be told
    apart. Raises ``OSError`` when the copy can't be written.
    """
    import hashlib  # noqa: PLC0415 — imported late so other commands start fast

    from filelock import FileLock  # noqa: PLC0415 — as above

    from surveys import paths  # noqa: PLC0415 — as above
    from surveys.storage.atomic import (  # noqa: PLC0415 — as above
        make_folder,
        stamp_day,
        write_bytes_atomic,
    )

    folder = paths.surveys_dir(home)
    make_folder(folder)
    stem = _UNSAFE.sub("_", f"{survey.id}-{survey.version}")
    target = folder / f"{stem}.yaml"
    with FileLock(folder / ".copies.lock", timeout=10):
        stamp_day(folder / ".copies.lock", folder)  # file times say the day only
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


def open_kiosk(
    path: Path,
    source: bytes,
    survey: Survey,
    *,
    speaker: Speaker | None = None,
    news: list[str],
    checked_now: bool = False,
) -> KioskServices:
    """Open the data folder for ``survey`` (checked from ``source``, the bytes of the
    file at ``path``), tidy up and keep the survey's copy.

    ``checked_now``: the bytes were just checked in full; their checked form is then
    kept for a faster next start (``surveys.survey_cache``).
    Appends a plain line to ``news`` for each thing the operator should know (and
    writes it to the kiosk's log). Raises what ``build_services`` raises when the
    data folder or the keys can't be opened.
    """
    from kiosk.problems import ProblemLog  # noqa: PLC0415 — opened after the first screen
    from kiosk.services import build_services, tidy_up  # noqa: PLC0415 — as above

    services = build_services(speaker=speaker)
    lines = [recovery.message for recovery in services.recoveries]
    if services.demo_key_made:
        lines.append(
            "Made a demo key pair for trying the kiosk. Answers locked with it are for "
            "trying out only: make a real coordinator key with 'kiosk keys new'."
        )
    lines += [tidy_up(services).describe(), *promise_notes(survey, services.settings)]
    from kiosk.speaking import speech_switched_off  # noqa: PLC0415 — as above

    if not speech_switched_off():
        from accessibility.voices import missing_voice_note  # noqa: PLC0415 — as above

        voices = missing_voice_note(survey.languages)
        if voices:
            lines.append(voices)
    try:
        copy = keep_survey_copy(source, survey, services.home)
    except OSError as error:
        lines.append(
            f"A copy of the survey file could not be kept ({error.strerror or error}). "
            f"Give it to 'kiosk export' with --survey {path}."
        )
    else:
        if copy.note:
            lines.append(copy.note)
    log = ProblemLog(services.home)
    for line in lines:
        log.note(line)
    if checked_now:
        try:
            keep_checked(services.home, source, survey)
        except OSError as error:  # only the next start is slower; the operator needn't act
            log.note(f"The checked survey could not be kept for a faster start ({error}).")
    log.close()
    news += lines
    return services


def cannot_run(path: Path, result: LoadResult) -> int:
    """Say why the survey at ``path`` can't run; the exit status for that."""
    from surveys.errors import Severity  # noqa: PLC0415 — only when a survey is refused

    print(f"The survey {path} can't run yet:")
    for problem in result.problems:
        if problem.severity is Severity.ERROR:
            print("  " + problem.describe())
    if result.survey is not None:  # readable after all: it changed while starting
        print("  The file changed while the kiosk was starting. Please start it again.")
    return 2 if not result.readable else 1


def run(args: argparse.Namespace) -> int:
    """``kiosk [run SURVEY.yaml]``: the options as ``kiosk.cli`` parsed them."""
    return run_kiosk(
        getattr(args, "survey", None),
        unlocked=args.unlocked,
        idle_seconds=getattr(args, "idle_seconds", None),
        break_minutes=getattr(args, "break_minutes", None),
        phones=args.phone_address,
    )


def run_kiosk(
    survey_path: Path | None,
    *,
    unlocked: bool = False,
    idle_seconds: float | None = None,
    break_minutes: float | None = None,
    phones: PhoneAddress | None = None,
) -> int:
    """Load and check the survey, then run the kiosk. Returns an exit status.

    ``phones`` (from ``--phones``) turns on the phone page; None leaves it off.
    """
    from surveys import paths  # noqa: PLC0415 — imported late so other commands start fast

    path = survey_path or demo_survey_path()
    home = paths.data_home()
    source = read_source(path)
    if source is None:  # missing, unreadable or far too large: the checker says which
        from surveys.loader import load_survey  # noqa: PLC0415 — as above

        return cannot_run(path, load_survey(path))
    survey = checked_survey(home, source)
    checked_now = survey is None
    if survey is None:  # not kept from an earlier start: check the file in full
        from surveys.loader import load_survey_bytes  # noqa: PLC0415 — as above

        result = load_survey_bytes(source, str(path))
        if result.survey is None:
            return cannot_run(path, result)
        survey = result.survey
    if not unlocked:
        from kiosk.commands.pin import pin_refusal  # noqa: PLC0415 — as above

        refusal = pin_refusal(home, NO_PIN)  # before anything is created: no trace
        if refusal is not None:
            print(refusal)
            return 1

    from kiosk.app import GIVE_UP, make_app  # noqa: PLC0415 — imported late so other commands start fast
    from kiosk.problems import ProblemLog  # noqa: PLC0415 — imported late so other commands start fast
    from kiosk.settings import BREAK_MINUTES, IDLE_SECONDS  # noqa: PLC0415 — imported late so other commands start fast
    from kiosk.speaking import SpeakerOnFirstUse  # noqa: PLC0415 — imported late so other commands start fast

    news: list[str] = []
    speaker = SpeakerOnFirstUse()  # the real read-aloud, started once the first screen is up
    app = make_app(
        survey,
        partial(
            open_kiosk, path, source, survey, speaker=speaker, news=news, checked_now=checked_now
        ),
        home=home,
        speaker=speaker,
        unlocked=unlocked,
        idle_seconds=IDLE_SECONDS if idle_seconds is None else idle_seconds,
        break_minutes=BREAK_MINUTES if break_minutes is None else break_minutes,
        phones=phones,
    )
    try:
        app.run()
    except Exception as error:
        ProblemLog(home).record(error, "kiosk run")
        print(GIVE_UP)
        return 1
    for line in news:
        print(line)
    return app.return_code or 0
