"""A checked survey kept beside the data, so the kiosk starts without reading YAML again.

Checking a survey file (``surveys.loader``) parses YAML in pure Python; at start-up
that is the slowest thing the kiosk does before its first screen. So once a file
has passed the check and the kiosk has started on it, its checked form is kept as
JSON in ``KIOSK_HOME/cache`` (``keep_checked``), and the next start on the same file
reads that instead (``checked_survey``).

An entry is used only when everything it was made from is unchanged:

- the survey file, byte for byte (the entry holds the whole file to compare);
- the checker: the source of every module that shapes a checked survey, the
  shipped consent texts, and the installed PyYAML (``checker_fingerprint``).

Anything else (a missing, unreadable or damaged entry, a different file, a newer
checker) means the file is checked in full, as on a first start. Only surveys with
no errors are kept. Nothing personal is in an entry: it is the survey's own words.
"""

from __future__ import annotations

import json
import zlib
from importlib.util import find_spec
from pathlib import Path
from typing import Any

from surveys.model import (
    Condition,
    ConsentBlock,
    ConsentTick,
    Kind,
    Option,
    Question,
    Section,
    ShowIf,
    SupportBlock,
    SupportLine,
    Survey,
)

CACHE_FOLDER = "cache"
FORMAT = 1
"""Bumped whenever the layout of an entry changes."""

_HERE = Path(__file__).parent
_CHECKER_FILES = (
    "errors.py",
    "kinds.py",
    "loader.py",
    "question_reader.py",
    "show_if.py",
    "model.py",
    "consent.py",
    "yaml_nodes.py",
    "survey_cache.py",
)
"""The modules whose code decides what a checked survey is."""


def checker_fingerprint() -> str:
    """Changes whenever the checker could judge a file differently."""
    digest = 0
    for name in _CHECKER_FILES:
        digest = zlib.crc32((_HERE / name).read_bytes(), digest)
    texts = sorted(entry.name for entry in (_HERE / "consent_texts").iterdir())
    for name in texts:
        digest = zlib.crc32((_HERE / "consent_texts" / name).read_bytes(), digest)
    spec = find_spec("yaml")  # found, not imported
    yaml_stamp = ""
    if spec is not None and spec.origin is not None:
        stat = Path(spec.origin).stat()
        yaml_stamp = f"{stat.st_size}-{stat.st_mtime_ns}"
    return f"{FORMAT}-{digest:08x}-{','.join(texts)}-{yaml_stamp}"


READ_LIMIT = 2_000_000
"""More than any survey file the checker accepts (1 MB), so every such file fits."""


def read_source(path: Path) -> bytes | None:
    """The bytes of a survey file, or None when it can't be read or is far too large."""
    try:
        with path.open("rb") as handle:
            data = handle.read(READ_LIMIT)
    except OSError:
        return None
    return data if len(data) < READ_LIMIT else None


def entry_path(home: Path, source: bytes) -> Path:
    """Where the checked form of a file with these bytes is kept."""
    return home / CACHE_FOLDER / f"survey-{zlib.crc32(source):08x}-{len(source)}.json"


def checked_survey(home: Path, source: bytes) -> Survey | None:
    """The kept checked form of a survey file with exactly these bytes, or None."""
    try:
        entry = json.loads(entry_path(home, source).read_bytes())
        if (
            not isinstance(entry, dict)
            or entry.get("checker") != checker_fingerprint()
            or entry.get("source") != source.decode("utf-8")
        ):
            return None
        return survey_from_data(entry["survey"])
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        return None  # nothing kept, or not usable: the file is checked in full


def keep_checked(home: Path, source: bytes, survey: Survey) -> Path:
    """Keep ``survey`` (checked from ``source``) for the next start. Raises ``OSError``."""
    from surveys.storage.atomic import make_folder, write_bytes_atomic  # noqa: PLC0415 — after start-up

    path = entry_path(home, source)
    entry = {
        "checker": checker_fingerprint(),
        "source": source.decode("utf-8"),
        "survey": survey_to_data(survey),
    }
    make_folder(path.parent)
    write_bytes_atomic(path, json.dumps(entry, ensure_ascii=False).encode("utf-8"))
    return path


# -- the checked survey as plain JSON data ---------------------------------------------


def survey_to_data(survey: Survey) -> dict[str, Any]:
    """Everything in ``survey``, as JSON-ready data (``survey_from_data`` reverses it)."""
    consent = survey.consent
    return {
        "id": survey.id,
        "title": survey.title,
        "version": survey.version,
        "intro": survey.intro,
        "run_by": survey.run_by,
        "consent": {
            "version": consent.version,
            "organisation": consent.organisation,
            "coordinator": consent.coordinator,
            "contact": consent.contact,
            "withdraw_days": consent.withdraw_days,
            "keep_days": consent.keep_days,
            "help": consent.help,
            "ticks": [[tick.id, tick.text] for tick in consent.ticks],
        },
        "questions": [_question_to_data(question) for question in survey.questions],
        "sections": [
            [section.id, section.title, section.content_note, section.sensitive]
            for section in survey.sections
        ],
        "glossary": dict(survey.glossary),
        "support": None
        if survey.support is None
        else {
            "talk_to": survey.support.talk_to,
            "lines": [[line.name, line.how] for line in survey.support.lines],
        },
    }


def _question_to_data(question: Question) -> dict[str, Any]:
    show_if = question.show_if
    return {
        "id": question.id,
        "kind": question.kind.value,
        "text": question.text,
        "help": question.help,
        "options": [[option.label, option.value] for option in question.options],
        "required": question.required,
        "show_if": None
        if show_if is None
        else {
            "question": show_if.question,
            "condition": show_if.condition.value,
            "values": [list(v) if isinstance(v, tuple) else v for v in show_if.values],
            "answered": show_if.answered,
        },
        "identifying": question.identifying,
        "sensitive": question.sensitive,
        "section": question.section,
        "scale_labels": list(question.scale_labels),
        "faces": question.faces,
        "prefer_not_to_say": question.prefer_not_to_say,
        "low_label": question.low_label,
        "high_label": question.high_label,
        "max_length": question.max_length,
        "line": question.line,
    }


def survey_from_data(data: dict[str, Any]) -> Survey:
    """The ``Survey`` that ``survey_to_data`` described."""
    consent = data["consent"]
    return Survey(
        id=data["id"],
        title=data["title"],
        version=data["version"],
        intro=data["intro"],
        run_by=data["run_by"],
        consent=ConsentBlock(
            version=consent["version"],
            organisation=consent["organisation"],
            coordinator=consent["coordinator"],
            contact=consent["contact"],
            withdraw_days=consent["withdraw_days"],
            keep_days=consent["keep_days"],
            help=consent["help"],
            ticks=tuple(ConsentTick(tick_id, text) for tick_id, text in consent["ticks"]),
        ),
        questions=tuple(_question_from_data(question) for question in data["questions"]),
        sections=tuple(
            Section(section_id, title, note, sensitive)
            for section_id, title, note, sensitive in data["sections"]
        ),
        glossary=dict(data["glossary"]),
        support=None
        if data["support"] is None
        else SupportBlock(
            data["support"]["talk_to"],
            tuple(SupportLine(name, how) for name, how in data["support"]["lines"]),
        ),
    )


def _question_from_data(data: dict[str, Any]) -> Question:
    show_if = data["show_if"]
    return Question(
        id=data["id"],
        kind=Kind(data["kind"]),
        text=data["text"],
        help=data["help"],
        options=tuple(Option(label, value) for label, value in data["options"]),
        required=data["required"],
        show_if=None
        if show_if is None
        else ShowIf(
            question=show_if["question"],
            condition=Condition(show_if["condition"]),
            values=tuple(tuple(v) if isinstance(v, list) else v for v in show_if["values"]),
            answered=show_if["answered"],
        ),
        identifying=data["identifying"],
        sensitive=data["sensitive"],
        section=data["section"],
        scale_labels=tuple(data["scale_labels"]),
        faces=data["faces"],
        prefer_not_to_say=data["prefer_not_to_say"],
        low_label=data["low_label"],
        high_label=data["high_label"],
        max_length=data["max_length"],
        line=data["line"],
    )
