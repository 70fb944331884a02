"""Start the participant kiosk: load the survey, build the services, run the app."""

from __future__ import annotations

from importlib import resources
from pathlib import Path

from surveys.errors import Severity
from surveys.loader import load_survey


def demo_survey_path() -> Path:
    """The bundled demo survey that ``kiosk`` runs with no arguments."""
    return Path(str(resources.files("surveys").joinpath("templates", "demo.yaml")))


def run_kiosk(survey_path: Path | None, *, unlocked: bool = False) -> int:
    """Load and check the survey, then run the kiosk. Returns an exit status."""
    path = survey_path or demo_survey_path()
    result = load_survey(path)
    if result.survey is None:
        print(f"The survey {path} can't run yet:")
        for problem in result.problems:
            if problem.severity is Severity.ERROR:
                print("  " + problem.describe())
        return 2 if not result.readable else 1
    from kiosk.services import build_services

    services = build_services()
    from kiosk.app import make_app

    make_app(result.survey, services, unlocked=unlocked).run()
    return 0
