"""Finding the survey files an export needs.

Stored responses name their survey and version but carry no question wording, so
an export needs each survey's definition. They come from, in this order:

1. files given on the command line (``--survey FILE``),
2. survey files in the given folders (``*.yaml`` / ``*.yml``), by default the
   ``surveys`` folder of the kiosk's data home,
3. the built-in templates.

A definition whose version matches the stored responses beats one that doesn't.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from surveys import paths, templates
from surveys.errors import PlainError
from surveys.loader import load_survey
from surveys.model import Survey


class DefinitionError(PlainError):
    """A survey file given for the export could not be used; the message is plain."""


@dataclass(frozen=True)
class Definitions:
    """Survey definitions by survey id, with where each came from."""

    surveys: dict[str, Survey] = field(default_factory=dict)
    sources: dict[str, str] = field(default_factory=dict)

    def get(self, survey_id: str) -> Survey | None:
        """The definition for a survey id, or None."""
        return self.surveys.get(survey_id)

    def __contains__(self, survey_id: object) -> bool:
        return survey_id in self.surveys


def load_definitions(files: Iterable[Path]) -> Definitions:
    """Load the survey files given by the coordinator.

    Raises ``DefinitionError`` naming the file and its first problem, since an
    export should not quietly use a different file from the one asked for.
    """
    surveys: dict[str, Survey] = {}
    sources: dict[str, str] = {}
    for path in files:
        result = load_survey(path)
        if result.survey is None:
            first = result.errors[0].describe() if result.errors else "it could not be read"
            raise DefinitionError(
                f"The survey file {path} can't be used: {first} "
                f"Run 'kiosk check {path}' to see every problem."
            )
        survey = result.survey
        if survey.id in surveys and sources[survey.id] != str(path):
            raise DefinitionError(
                f"Two survey files have the id '{survey.id}': {sources[survey.id]} and {path}. "
                "Please give only one."
            )
        surveys[survey.id] = survey
        sources[survey.id] = str(path)
    return Definitions(surveys, sources)


def default_folders() -> list[Path]:
    """Where a coordinator's own survey files are looked for by default."""
    return [paths.data_home() / "surveys"]


def find_definitions(
    wanted: dict[str, set[str]],
    *,
    given: Definitions | None = None,
    folders: Sequence[Path] | None = None,
    use_templates: bool = True,
) -> tuple[Definitions, list[str]]:
    """Definitions for every wanted survey id (and versions seen in storage).

    ``wanted`` maps survey id to the versions found in the stored responses.
    Returns the definitions found and a plain sentence for each one missing or
    whose version differs. Broken files in the folders are skipped silently:
    they may be drafts, and the coordinator can always name a file.
    """
    found: dict[str, Survey] = dict(given.surveys) if given else {}
    sources: dict[str, str] = dict(given.sources) if given else {}
    candidates: list[tuple[str, Path]] = []
    for folder in default_folders() if folders is None else folders:
        if folder.is_dir():
            candidates += [
                ("file", p) for p in sorted(folder.iterdir()) if p.suffix in {".yaml", ".yml"}
            ]
    if use_templates:
        candidates += [("template", templates.template_path(n)) for n in templates.template_names()]
    for origin, path in candidates:
        try:
            result = load_survey(path)
        except OSError:
            continue
        survey = result.survey
        if survey is None or survey.id not in wanted or (given and survey.id in given):
            continue  # a file the coordinator named always wins
        current = found.get(survey.id)
        if current is None or (
            current.version not in wanted[survey.id] and survey.version in wanted[survey.id]
        ):
            found[survey.id] = survey
            sources[survey.id] = f"{origin} {path}"
    notes: list[str] = []
    for survey_id in sorted(wanted):
        survey = found.get(survey_id)
        if survey is None:
            notes.append(
                f"Answers for the survey '{survey_id}' were found, but not its survey file. "
                "They are left out. Give the file with --survey FILE."
            )
        elif wanted[survey_id] and survey.version not in wanted[survey_id]:
            versions = ", ".join(sorted(wanted[survey_id]))
            notes.append(
                f"The survey file for '{survey_id}' is version {survey.version}, but the answers "
                f"are from version {versions}. Questions that changed may be missing."
            )
    return Definitions(found, sources), notes
