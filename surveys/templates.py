"""The built-in survey templates: list them, find one, and copy one to start a new survey.

The templates are YAML survey files shipped in the ``surveys/templates/`` folder of
this package (course feedback, session debrief, the co-production checklist, the
five-principle self-assessment, "about you" and the demo survey). A template's name
is its file name without ``.yaml``.

These are pure functions for the command line (``kiosk templates`` and ``kiosk new``)
and for tests: they never print, and they report trouble by raising ``KeyError``
(no such template), ``FileExistsError`` or ``FileNotFoundError`` (a bad destination).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from importlib import resources
from importlib.resources.abc import Traversable
from pathlib import Path

import yaml

_PACKAGE = "surveys"
_FOLDER = "templates"
_SUFFIX = ".yaml"

_SENTENCE_END = re.compile(r"(?<=[.?!])\s")


@dataclass(frozen=True, slots=True)
class TemplateInfo:
    """What ``kiosk templates`` shows about one template."""

    name: str
    """The template's name: its file name without ``.yaml`` (what ``kiosk new`` takes)."""
    title: str
    """The survey's title, as participants see it."""
    description: str
    """The first sentence of the survey's intro."""
    question_count: int
    """How many questions ask for an answer (information pages are not counted)."""


def _folder() -> Traversable:
    return resources.files(_PACKAGE).joinpath(_FOLDER)


def template_names() -> tuple[str, ...]:
    """The names of every built-in template, in alphabetical order."""
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


def template_path(name: str) -> Path:
    """Where the built-in template called ``name`` is (KeyError when there is none).

    Only the names from ``template_names()`` are accepted, so a name can never
    reach outside the templates folder.
    """
    if name not in template_names():
        raise KeyError(name)
    return Path(str(_folder().joinpath(f"{name}{_SUFFIX}")))


def list_templates() -> list[TemplateInfo]:
    """A short description of every built-in template, in alphabetical order."""
    return [_describe(name, template_path(name)) for name in template_names()]


def copy_template(name: str, dest: Path, *, overwrite: bool = False) -> Path:
    """Copy a template, byte for byte, to start a new survey file; returns the new file.

    ``dest`` is the new file, or an existing folder to put ``NAME.yaml`` in.
    Raises ``KeyError`` for an unknown template, ``FileNotFoundError`` when the
    destination folder does not exist, and ``FileExistsError`` when the file is
    already there (unless ``overwrite`` is true).
    """
    return copy_file(template_path(name), name, dest, overwrite=overwrite)


def copy_file(source: Path, name: str, dest: Path, *, overwrite: bool = False) -> Path:
    """Copy a built-in file (a template or a session plan) as ``copy_template`` does."""
    dest = Path(dest)
    target = dest / f"{name}{_SUFFIX}" if dest.is_dir() else dest
    folder = target.parent
    if not folder.is_dir():
        raise FileNotFoundError(f"The folder {folder} does not exist.")
    data = source.read_bytes()
    if overwrite:
        if target.is_dir():
            raise IsADirectoryError(f"{target} is a folder.")
        target.write_bytes(data)
        return target
    # "x" creates the file only if it is not there, so nothing is ever overwritten,
    # even if another process makes the same file at the same moment.
    with target.open("xb") as handle:
        handle.write(data)
    return target


def _describe(name: str, path: Path) -> TemplateInfo:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    fields = data if isinstance(data, dict) else {}
    questions = fields.get("questions")
    count = 0
    if isinstance(questions, list):
        count = sum(
            1 for item in questions if not (isinstance(item, dict) and item.get("kind") == "info")
        )
    return TemplateInfo(
        name=name,
        title=_plain(fields.get("title")) or name,
        description=first_sentence(_plain(fields.get("intro"))),
        question_count=count,
    )


def _plain(value: object) -> str:
    return " ".join(str(value).split()) if isinstance(value, str | int | float) else ""


def first_sentence(text: str) -> str:
    """The first sentence of some text, with its spacing tidied."""
    tidy = " ".join(text.split())
    return _SENTENCE_END.split(tidy, maxsplit=1)[0]
