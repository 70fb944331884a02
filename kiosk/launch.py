"""Start the participant kiosk: load the survey, build the services, run the app."""

from __future__ import annotations

from importlib import resources
from pathlib import Path

from surveys.errors import Severity
from surveys.loader import load_survey

NO_PIN = (
    "No operator PIN is set, so this kiosk could not be locked.\n"
    "Set one first with:   kiosk pin set\n"
    "Or, only to try the kiosk out:   kiosk --unlocked   (or: kiosk run SURVEY.yaml --unlocked)"
)


def demo_survey_path() -> Path:
    """The bundled demo survey that ``kiosk`` runs with no arguments."""
    return Path(str(resources.files("surveys").joinpath("templates", "demo.yaml")))


def run_kiosk(
    survey_path: Path | None,
    *,
    unlocked: bool = False,
    idle_seconds: float | None = None,
) -> int:
    """Load and check the survey, then run the kiosk. Returns an exit status."""
    path = survey_path or demo_survey_path()
    result = load_survey(path)
    if result.survey is None:
        print(f"The survey {path} can't run yet:")
        for problem in result.problems:
            if problem.severity is Severity.ERROR:
                print("  " + problem.describe())
        return 2 if not result.readable else 1
    from kiosk.services import build_services  # noqa: PLC0415 — imported late so other commands start fast
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

    app = make_app(
        result.survey,
        services,
        unlocked=unlocked,
        idle_seconds=IDLE_SECONDS if idle_seconds is None else idle_seconds,
    )
    try:
        app.run()
    except Exception as error:
        ProblemLog(services.home).record(error, "kiosk run")
        print(GIVE_UP)
        return 1
    return app.return_code or 0
