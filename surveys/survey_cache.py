"""A checked survey kept beside the data, so the kiosk starts without reading YAML again.

Checking a survey file (``surveys.loader``) parses YAML in pure Python; at start-up
that is the slowest thing the kiosk does before its first screen. So once a file
has passed the check and the kiosk has started on it, its checked form is kept as
JSON in ``KIOSK_HOME/cache`` (``keep_checked``), and the next start on the same file
reads that instead (``checked_survey``).

An entry is used only when everything it was made from is unchanged:

- the survey file, byte for byte (the entry holds the whole file to compare);
- the checker: the source of every module that shapes a checked survey, the
  shipped consent texts, and the installed PyYAML (``checker_fingerprint``);
- the model's shape: its dataclasses, their fields and types (``model_shape``).

The survey is written generically from the model's dataclasses (``survey_to_data``),
so a field added to ``surveys.model`` needs no edit here, and read back strictly
(``survey_from_data``): kept data with a field missing, extra or of another type is
refused rather than read into a different survey.

Anything else (a missing, unreadable or damaged entry, a different file, a newer
checker or model) means the file is checked in full, as on a first start. Only surveys with
no errors are kept. Nothing personal is in an entry: it is the survey's own words.
"""

from __future__ import annotations

import dataclasses
import json
import zlib
from collections.abc import Callable
from enum import Enum
from functools import cache
from importlib.util import find_spec
from pathlib import Path
from types import UnionType
from typing import Any, Union, get_args, get_origin, get_type_hints

from surveys.model import Survey

CACHE_FOLDER = "cache"
FORMAT = 2
"""Bumped whenever the layout of an entry changes (2: written from the model's fields)."""

_HERE = Path(__file__).parent
_CHECKER_FILES = (
    "errors.py",
    "kinds.py",
    "loader.py",
    "question_reader.py",
    "show_if.py",
    "symbols.py",
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
            or entry.get("shape") != model_shape()
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
        "shape": model_shape(),
        "source": source.decode("utf-8"),
        "survey": survey_to_data(survey),
    }
    make_folder(path.parent)
    write_bytes_atomic(path, json.dumps(entry, ensure_ascii=False).encode("utf-8"))
    return path


# -- the checked survey as plain JSON data ---------------------------------------------
#
# Written from the model's own dataclasses, so a field added to ``surveys.model`` needs
# no edit here: a dataclass becomes an object keyed by its field names, an enum its
# value, a tuple a list. Reading back is led by the fields' declared types and is
# strict: an entry with a field missing or extra, or a value of the wrong type, is
# refused (``ValueError``), never read into a survey that differs from what was kept.


class _ShapeMismatchError(ValueError):
    """Kept data that does not fit the model as it is now (an older or newer shape)."""


def survey_to_data(survey: Survey) -> dict[str, Any]:
    """Everything in ``survey``, as JSON-ready data (``survey_from_data`` reverses it)."""
    data: dict[str, Any] = _to_data(survey)
    return data


def survey_from_data(data: dict[str, Any]) -> Survey:
    """The ``Survey`` that ``survey_to_data`` described. Raises ``ValueError`` when the
    data does not fit the model exactly."""
    survey: Survey = _from_data(Survey, data)
    return survey


@cache
def model_shape() -> str:
    """A short stamp of the model's shape: every dataclass reachable from ``Survey``, its
    fields and their types, and every enum's values. Kept in each entry."""
    described: dict[str, str] = {}
    _describe(Survey, described)
    text = ";".join(f"{name}({fields})" for name, fields in sorted(described.items()))
    return f"{zlib.crc32(text.encode('utf-8')):08x}"


def _to_data(value: object) -> Any:
    if isinstance(value, Enum):  # before str: a StrEnum is a str too
        return value.value
    if value is None or isinstance(value, str | int | float):
        return value  # bool is an int
    if isinstance(value, tuple):
        return [_to_data(item) for item in value]
    if isinstance(value, dict):
        return {str(key): _to_data(item) for key, item in value.items()}
    cls = type(value)
    names = _FIELD_NAMES.get(cls)
    if names is None:
        if not dataclasses.is_dataclass(cls):
            raise TypeError(f"a survey cannot hold {cls.__name__}")
        names = _FIELD_NAMES[cls] = tuple(item.name for item in dataclasses.fields(cls))
    return {name: _to_data(getattr(value, name)) for name in names}


_FIELD_NAMES: dict[type, tuple[str, ...]] = {}
"""Each dataclass's field names, found once."""


@cache
def _field_types(cls: type) -> tuple[tuple[str, Any], ...]:
    hints = get_type_hints(cls)
    return tuple((item.name, hints[item.name]) for item in dataclasses.fields(cls))


def _from_data(kind: Any, data: Any) -> Any:
    """``data`` read as a value of the type ``kind``, or ``_ShapeMismatchError``."""
    return _reader(kind)(data)


_Reader = Callable[[Any], Any]


@cache
def _reader(kind: Any) -> _Reader:
    """A function that reads JSON data as a value of the type ``kind``, built once per type."""
    origin = get_origin(kind)
    if origin in (Union, UnionType):
        return _union_reader(tuple(_reader(arm) for arm in get_args(kind)), str(kind))
    if origin is tuple:
        args = get_args(kind)
        if len(args) == 2 and args[1] is Ellipsis:
            return _tuple_reader(_reader(args[0]))
        return _fixed_tuple_reader(tuple(_reader(arm) for arm in args))
    if origin is dict:
        key_type, value_type = get_args(kind)
        return _dict_reader(_reader(key_type), _reader(value_type))
    if kind is type(None):
        return _exact_reader(type(None))
    if isinstance(kind, type) and dataclasses.is_dataclass(kind):
        fields = tuple((name, _reader(hint)) for name, hint in _field_types(kind))
        return _dataclass_reader(kind, fields)
    if isinstance(kind, type) and issubclass(kind, Enum):
        return _enum_reader(kind)
    if kind in (str, int, bool, float):
        return _exact_reader(kind)
    raise TypeError(f"a survey cannot hold {kind}")


def _union_reader(arms: tuple[_Reader, ...], name: str) -> _Reader:
    def read(data: Any) -> Any:
        for arm in arms:
            try:
                return arm(data)
            except _ShapeMismatchError:
                continue
        raise _ShapeMismatchError(f"{data!r} is none of {name}")

    return read


def _tuple_reader(item: _Reader) -> _Reader:
    def read(data: Any) -> Any:
        if not isinstance(data, list):
            raise _ShapeMismatchError(f"{data!r} is not a list")
        return tuple(item(value) for value in data)

    return read


def _fixed_tuple_reader(items: tuple[_Reader, ...]) -> _Reader:
    def read(data: Any) -> Any:
        if not isinstance(data, list) or len(data) != len(items):
            raise _ShapeMismatchError(f"{data!r} is not a list of {len(items)}")
        return tuple(item(value) for item, value in zip(items, data, strict=True))

    return read


def _dict_reader(key: _Reader, value: _Reader) -> _Reader:
    def read(data: Any) -> Any:
        if not isinstance(data, dict):
            raise _ShapeMismatchError(f"{data!r} is not an object")
        return {key(k): value(v) for k, v in data.items()}

    return read


def _dataclass_reader(cls: type, fields: tuple[tuple[str, _Reader], ...]) -> _Reader:
    names = {name for name, _ in fields}

    def read(data: Any) -> Any:
        if not isinstance(data, dict) or data.keys() != names:
            raise _ShapeMismatchError(f"the fields of {cls.__name__} have changed")
        return cls(**{name: field_reader(data[name]) for name, field_reader in fields})

    return read


def _enum_reader(cls: type[Enum]) -> _Reader:
    def read(data: Any) -> Any:
        try:
            return cls(data)
        except ValueError as error:
            raise _ShapeMismatchError(str(error)) from None

    return read


def _exact_reader(cls: type) -> _Reader:
    def read(data: Any) -> Any:
        if type(data) is not cls:  # exactly: JSON's true is not the number 1
            raise _ShapeMismatchError(f"{data!r} is not {cls.__name__}")
        return data

    return read


def _describe(kind: Any, described: dict[str, str]) -> None:
    """Add ``kind`` and every type inside it to ``described`` (name → its fields)."""
    if get_origin(kind) is not None:
        for arm in get_args(kind):
            if arm is not Ellipsis:
                _describe(arm, described)
        return
    if not isinstance(kind, type) or kind.__qualname__ in described:
        return
    if dataclasses.is_dataclass(kind):
        fields = _field_types(kind)
        described[kind.__qualname__] = ",".join(f"{name}:{hint}" for name, hint in fields)
        for _, hint in fields:
            _describe(hint, described)
    elif issubclass(kind, Enum):
        described[kind.__qualname__] = ",".join(str(member.value) for member in kind)
