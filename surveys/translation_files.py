"""Files a translator fills in, and putting their words back into the survey file.

``kiosk translate SURVEY --lang cy --out cy.po`` writes every text of the survey
with its English (or whatever the file is written in) for a translator: a PO file
for translation tools (each text's key as its context), or a YAML file with the
original in a comment above each line. Words already translated are filled in.
``kiosk translate SURVEY --merge cy.po`` puts the translator's words back into the
survey's ``translations:`` block, leaving every other line of the file as it was,
and checks the result before writing it; a text left blank is left out (the
participant sees it in the file's own language).
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from pathlib import Path

import yaml
from yaml.nodes import MappingNode, Node

from surveys.errors import PlainError
from surveys.languages import EASY_READ, language
from surveys.loader import LoadResult, load_survey_text
from surveys.model import Survey
from surveys.plurals import counted
from surveys.survey_translations import texts

MAX_TRANSLATION_BYTES = 1_000_000


class TranslationFileError(PlainError):
    """A translation file that can't be written, read or merged; ``message`` says why."""


@dataclass(frozen=True, slots=True)
class TranslationFile:
    """A translator's words for one language, by key (blank ones left out)."""

    language: str
    texts: dict[str, str]
    blank: int = 0
    """How many texts were left blank."""


def _existing(survey: Survey, code: str) -> dict[str, str]:
    found = next((t for t in survey.translations if t.language == code), None)
    return dict(found.texts) if found else {}


def check_language(survey: Survey, code: str) -> str:
    """The language code, checked (``TranslationFileError`` when it can't be used)."""
    code = code.strip().lower()
    known = language(code)
    if known is None:
        raise TranslationFileError(
            f"'{code}' is not a language the kiosk knows. Use a short code such as "
            "'cy' for Welsh or 'pl' for Polish."
        )
    if code == survey.language:
        raise TranslationFileError(
            f"This survey is already written in {known.english_name}: choose another language."
        )
    return code


def po_text(survey: Survey, code: str) -> bytes:
    """A PO file of the survey's texts for ``code`` (context: the key)."""
    from babel.messages.catalog import Catalog  # noqa: PLC0415 — only this command needs Babel
    from babel.messages.pofile import write_po  # noqa: PLC0415

    code = check_language(survey, code)
    if code == EASY_READ:
        # Translation tools want a real language; Easy Read is English in another style.
        raise TranslationFileError(
            "Easy Read is English, so translation tools can't take it as a PO file. "
            "Write it as YAML instead, for example:  --out easy-read.yaml"
        )
    catalog = Catalog(
        locale=code,
        project=f"{survey.title} ({survey.id}, version {survey.version})",
        charset="utf-8",
    )
    done = _existing(survey, code)
    for key, source in texts(survey).items():
        catalog.add(source, done.get(key, ""), context=key)
    out = io.BytesIO()
    write_po(out, catalog, width=0, omit_header=False, sort_output=False)
    return out.getvalue()


def yaml_text(survey: Survey, code: str) -> str:
    """A YAML file of the survey's texts for ``code``, the original above each line."""
    code = check_language(survey, code)
    known = language(code)
    source = language(survey.language)
    assert known is not None  # checked above
    done = _existing(survey, code)
    lines = [
        f"# {known.english_name} ({code}) words for the survey \u201c{survey.title}\u201d.",
        f"# Write the {known.english_name} after each colon; the "
        f"{source.english_name if source else survey.language} is in the comment above it.",
        "# Leave a line blank ('') and people will see that text untranslated.",
        "# Then:  kiosk translate SURVEY.yaml --merge THIS-FILE",
        f"language: {code}",
        "texts:",
    ]
    for key, original in texts(survey).items():
        for part in original.splitlines() or [""]:
            lines.append(f"  # {part}")
        lines.append("  " + _dump_pair(key, done.get(key, "")))
    return "\n".join(lines) + "\n"


def _dump_pair(key: str, value: str) -> str:
    dumped = yaml.safe_dump({key: value}, allow_unicode=True, width=10**9, default_flow_style=False)
    return dumped.rstrip("\n")


def read_translation_file(path: Path) -> TranslationFile:
    """A filled-in PO or YAML file (``TranslationFileError`` with a plain reason)."""
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise TranslationFileError(f"There is no file called {path}.") from None
    except OSError as error:
        raise TranslationFileError(
            f"The file {path} could not be opened ({error.strerror})."
        ) from None
    if len(data) > MAX_TRANSLATION_BYTES:
        raise TranslationFileError(f"The file {path} is too big for a translation.")
    if path.suffix.lower() in (".po", ".pot"):
        return _read_po(path, data)
    return _read_yaml(path, data)


def _read_po(path: Path, data: bytes) -> TranslationFile:
    from babel.messages.pofile import PoFileError, read_po  # noqa: PLC0415

    try:
        catalog = read_po(io.BytesIO(data), abort_invalid=True)
    except (PoFileError, ValueError, UnicodeDecodeError) as error:
        raise TranslationFileError(
            f"The file {path} could not be read as a PO file. Check it in your translation tool."
        ) from error
    if catalog.locale is None:
        raise TranslationFileError(f"The file {path} does not say its language ('Language:').")
    words: dict[str, str] = {}
    blank = 0
    for message in catalog:
        if not message.id or message.context is None:
            continue
        text = message.string if isinstance(message.string, str) else ""
        if text.strip():
            words[message.context] = text.strip()
        else:
            blank += 1
    return TranslationFile(str(catalog.locale).split("_")[0].lower(), words, blank)


def _read_yaml(path: Path, data: bytes) -> TranslationFile:
    try:
        loaded = yaml.safe_load(data.decode("utf-8-sig"))
    except (yaml.YAMLError, UnicodeDecodeError) as error:
        mark = getattr(error, "problem_mark", None)
        near = f" near line {mark.line + 1}" if mark is not None else ""
        raise TranslationFileError(
            f"The file {path} could not be read{near}. Check the indents and quotes."
        ) from error
    if (
        not isinstance(loaded, dict)
        or not isinstance(loaded.get("language"), str)
        or not isinstance(loaded.get("texts"), dict)
    ):
        raise TranslationFileError(
            f"The file {path} should have 'language:' and 'texts:', as kiosk translate writes it."
        )
    words: dict[str, str] = {}
    blank = 0
    for key, value in loaded["texts"].items():
        text = "" if value is None else str(value)
        if text.strip():
            words[str(key)] = text.strip()
        else:
            blank += 1
    return TranslationFile(loaded["language"].strip().lower(), words, blank)


# -- merging back ------------------------------------------------------------------------


def merge_text(survey_text: str, words: TranslationFile) -> str:
    """The survey file's text with ``words`` as its translation for their language:
    that language's part of ``translations:`` replaced (or added), nothing else
    changed. Raises ``TranslationFileError`` when the file's layout can't take it."""
    code = words.language
    root = yaml.compose(survey_text)
    if not isinstance(root, MappingNode):
        raise TranslationFileError("The survey file could not be read.")
    lines = survey_text.splitlines(keepends=True)
    if lines and not lines[-1].endswith("\n"):
        lines[-1] += "\n"
    block = _block(code, words.texts, indent=4)
    translations = _value_of(root, "translations")
    if translations is None:
        return "".join(lines) + "translations:\n" + block
    if not isinstance(translations, MappingNode) or translations.flow_style:
        raise TranslationFileError(
            "The survey's 'translations:' is not written as a list of languages on their "
            "own lines, so it can't be changed safely. Please write it that way, or add "
            "the words by hand."
        )
    for key_node, value_node in translations.value:
        if key_node.value == code:
            start = key_node.start_mark.line
            end = _end_line(value_node, lines)
            indent = key_node.start_mark.column
            return "".join(
                [*lines[:start], _block(code, words.texts, indent + 2, indent), *lines[end:]]
            )
    first = translations.value[0][0] if translations.value else None
    indent = first.start_mark.column if first is not None else 2
    end = _end_line(translations, lines)
    return "".join([*lines[:end], _block(code, words.texts, indent + 2, indent), *lines[end:]])


def _value_of(root: MappingNode, name: str) -> Node | None:
    return next((v for k, v in root.value if getattr(k, "value", None) == name), None)


def _end_line(node: Node, lines: list[str]) -> int:
    """The line after the node's last line with text (its end mark may sit on the
    next key, after blank lines and comments that belong to what follows)."""
    end = node.end_mark.line if node.end_mark.column == 0 else node.end_mark.line + 1
    while end > node.start_mark.line + 1 and not lines[end - 1].strip():
        end -= 1
    return end


def _block(code: str, words: dict[str, str], indent: int, key_indent: int = 2) -> str:
    inner = " " * indent
    out = [" " * key_indent + f"{code}:\n"]
    for key, value in words.items():
        out.append(inner + _dump_pair(key, value) + "\n")
    return "".join(out)


@dataclass(frozen=True, slots=True)
class MergeOutcome:
    """The merged survey text, its check, and what to tell the author."""

    text: str
    result: LoadResult
    summary: str


def merge_into(survey_path: Path, words: TranslationFile) -> MergeOutcome:
    """Merge ``words`` into the survey file's text and check it (nothing is written)."""
    try:
        original = survey_path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as error:
        raise TranslationFileError(f"The survey file {survey_path} could not be read.") from error
    before = load_survey_text(original, str(survey_path))
    if before.survey is None:
        raise TranslationFileError(
            f"The survey file {survey_path} has problems. Fix them first (kiosk check)."
        )
    code = check_language(before.survey, words.language)
    wanted = texts(before.survey)
    unknown = sorted(set(words.texts) - set(wanted))
    if unknown:
        raise TranslationFileError(
            f"The translation has {counted(len(unknown), 'text')} the survey doesn't have "
            f"(such as '{unknown[0]}'). Was it made from another version of the survey? "
            "Make a new one with kiosk translate."
        )
    ordered = {key: words.texts[key] for key in wanted if key in words.texts}
    merged = merge_text(original, TranslationFile(code, ordered, words.blank))
    result = load_survey_text(merged, str(survey_path))
    name = language(code)
    label = name.english_name if name else code
    still = len(set(wanted) - set(ordered))
    summary = f"{label}: {counted(len(ordered), 'text')} translated"
    if still:
        summary += f", {counted(still, 'text')} still in the survey's own language"
    return MergeOutcome(merged, result, summary + ".")
