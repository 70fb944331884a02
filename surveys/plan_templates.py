"""The built-in session plans: list them, find one, and copy one to start a new plan.

The plans are YAML files shipped in the ``surveys/plans/`` folder of this package
("Priority setting", "Getting back on track" and "1-2-4-All"). A plan's name is its
file name without ``.yaml``; ``kiosk templates`` lists them after the survey
templates and ``kiosk new NAME FILE`` copies one, as it does a survey template.
Like ``surveys.templates``, these functions never print and report trouble by
raising ``KeyError``, ``FileExistsError`` or ``FileNotFoundError``.
"""

from __future__ import annotations

from dataclasses import dataclass
from importlib import resources
from importlib.resources.abc import Traversable
from pathlib import Path

from surveys.plan_reader import load_plan
from surveys.templates import copy_file, first_sentence

_SUFFIX = ".yaml"


@dataclass(frozen=True, slots=True)
class PlanInfo:
    """What ``kiosk templates`` shows about one built-in plan."""

    name: str
    """The plan's name: its file name without ``.yaml`` (what ``kiosk new`` takes)."""
    title: str
    description: str
    """The first sentence of the plan's ``about``."""
    stage_count: int
    minutes: int
    """How long the plan runs if every timer runs out once."""


def _folder() -> Traversable:
    return resources.files("surveys").joinpath("plans")


def plan_names() -> tuple[str, ...]:
    """The names of every built-in plan, in alphabetical order."""
    folder = _folder()
    if not folder.is_dir():
        return ()
    return tuple(
        sorted(
            entry.name.removesuffix(_SUFFIX)
            for entry in folder.iterdir()
            if entry.name.endswith(_SUFFIX) and entry.is_file()
        )
    )


def plan_path(name: str) -> Path:
    """Where the built-in plan called ``name`` is (KeyError when there is none)."""
    if name not in plan_names():
        raise KeyError(name)
    return Path(str(_folder().joinpath(f"{name}{_SUFFIX}")))


def list_plans() -> list[PlanInfo]:
    """A short description of every built-in plan that loads, in alphabetical order."""
    found = []
    for name in plan_names():
        plan = load_plan(plan_path(name)).plan
        if plan is not None:
            found.append(
                PlanInfo(
                    name=name,
                    title=plan.title,
                    description=first_sentence(plan.about),
                    stage_count=len(plan.stages),
                    minutes=plan.total_minutes,
                )
            )
    return found


def copy_plan(name: str, dest: Path, *, overwrite: bool = False) -> Path:
    """Copy a built-in plan, byte for byte, to start a new plan file; returns the new file."""
    return copy_file(plan_path(name), name, dest, overwrite=overwrite)
