"""The kiosk's own words in each shipped language: gettext message catalogues.

Every word the kiosk shows or says to a participant is written in English in the
code, marked for translation, and looked up here in the person's language:

- ``_("Start")`` — one message; named values fill ``{braces}`` after lookup, so a
  sentence is never glued from pieces: ``_("Question {number} of {total}",
  number=3, total=9)``.
- ``n_("{count} answer", "{count} answers", count)`` — a message that depends on a
  number, using the language's own plural rule (Welsh has six forms, Polish three).
  ``count`` is filled in for you.
- ``N_("Start")`` — marks a message defined before anyone has chosen a language (a
  module constant); it returns the English unchanged, and ``_(CONSTANT)`` looks it
  up when shown.

``_`` and ``n_`` use the kiosk screen's language, chosen on the welcome screen with
``use_language``. Code that serves many people at once (the phone pages, exports)
never uses them: it asks ``words(code)`` for one language's ``Words`` and uses that.

The catalogues live in ``surveys/locale/<language>/LC_MESSAGES/<domain>.po`` with the
compiled ``.mo`` beside them (shipped with the package). ``make catalogues`` extracts
the messages again (``scripts/catalogues``), updates every ``.po`` and compiles them;
``tests/surveys/test_catalogues.py`` fails on a message missing from any shipped
language. Each domain is one part of the product, so one change touches one file.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

from surveys.languages import SOURCE_LANGUAGE

if TYPE_CHECKING:
    import gettext

LOCALE_DIR = Path(__file__).parent / "locale"


@dataclass(frozen=True, slots=True)
class Domain:
    """One part of the product's words, extracted from its own files."""

    name: str
    languages: tuple[str, ...]
    """The languages shipped complete for this part (besides English)."""
    sources: str
    """Where its messages are written (a note for people; the script has the globs)."""


PARTICIPANT_LANGUAGES = ("cy", "pl", "ur")
"""The kiosk's own words are shipped complete in these languages (and English)."""

DOMAINS: tuple[Domain, ...] = (
    Domain("kiosk", PARTICIPANT_LANGUAGES, "kiosk/ (not web, facilitator) and surveys/"),
    Domain("group", PARTICIPANT_LANGUAGES, "kiosk/facilitator/"),
    Domain("aids", PARTICIPANT_LANGUAGES, "accessibility/"),
    Domain("phone", PARTICIPANT_LANGUAGES, "kiosk/web/"),
    Domain("paper", PARTICIPANT_LANGUAGES, "exports/paper*"),
    Domain("report", ("cy",), "exports/ (not paper)"),
)
"""kiosk: the participant's screens on the kiosk; group: the passed tablet and the
shared screen in a focus group (not the facilitator's own console); aids: read
aloud, the glossary and the help; phone: the phone and tablet browser pages; paper:
the printable Easy Read paper form; report: the coordinator's report, in Welsh as
well as English. ``scripts/catalogues`` says which files each is extracted from."""


def shipped_languages() -> tuple[str, ...]:
    """The languages the kiosk's own screens can be shown in: English first."""
    return (SOURCE_LANGUAGE, *PARTICIPANT_LANGUAGES)


class Words:
    """One language's catalogues: look up a message and fill in its values."""

    __slots__ = ("_translations", "language")

    def __init__(self, language: str, translations: gettext.NullTranslations | None) -> None:
        self.language = language
        self._translations = translations
        """None: the code's own English words (no catalogue to load, nothing imported)."""

    def __call__(self, message: str, /, **values: object) -> str:
        """``message`` in this language, with ``{name}`` filled from ``values``."""
        found = self._translations
        text = message if found is None else found.gettext(message)
        return text.format(**values) if values else text

    def n(self, singular: str, plural: str, count: int, /, **values: object) -> str:
        """The form of the message for ``count`` in this language's plural rule."""
        found = self._translations
        if found is None:
            text = singular if count == 1 else plural
        else:
            text = found.ngettext(singular, plural, count)
        return text.format(count=count, **values)

    def has(self, message: str) -> bool:
        """True when this language has its own words for ``message`` (a word the
        same in both languages, such as "OK", counts as not translated)."""
        found = self._translations
        if self.language == SOURCE_LANGUAGE:
            return True
        return found is not None and found.gettext(message) != message


@cache
def words(language: str, first: str | None = None) -> Words:
    """The catalogues for ``language``; English (the code's own words) for English
    or a language not shipped. Loaded the first time a language is chosen, so the
    kiosk's start (in English) loads nothing. The same English can be in two parts'
    catalogues with different words ("Next" as a phone button, as a key name read
    aloud): ``first`` names the domain whose words win (a phone page asks for
    ``first="phone"``); the others follow in ``DOMAINS`` order for the words it lacks."""
    names = [domain.name for domain in DOMAINS]
    if first is not None:
        if first not in names:
            raise ValueError(f"unknown catalogue domain {first!r}")
        names.remove(first)
        names.insert(0, first)
    if language == SOURCE_LANGUAGE:
        return Words(language, None)
    import gettext  # noqa: PLC0415 — only when another language is first chosen

    head: gettext.NullTranslations | None = None
    for name in names:
        mo = LOCALE_DIR / language / "LC_MESSAGES" / f"{name}.mo"
        if not mo.is_file():
            continue
        with mo.open("rb") as file:
            found = gettext.GNUTranslations(file)
        if head is None:
            head = found
        else:
            head.add_fallback(found)
    return Words(language, head)


_active: list[Words] = [words(SOURCE_LANGUAGE)]


def use_language(language: str, first: str | None = None) -> Words:
    """Show the kiosk's own screens in ``language`` from now on (the welcome
    screen's choice; English again for the next person). ``first``: whose words win
    where two parts' catalogues differ (see ``words``)."""
    chosen = words(language, first)
    _active[0] = chosen
    return chosen


def active_language() -> str:
    """The code of the language the kiosk's screens are in now."""
    return _active[0].language


def _(message: str, /, **values: object) -> str:
    """``message`` in the kiosk screen's language (see the module's notes)."""
    return _active[0](message, **values)


def n_(singular: str, plural: str, count: int, /, **values: object) -> str:
    """The plural form for ``count`` in the kiosk screen's language."""
    return _active[0].n(singular, plural, count, **values)


def N_(message: str, /) -> str:  # noqa: N802 — the usual gettext marker name
    """Mark ``message`` for translation without translating it yet."""
    return message
