"""The language of a phone page: chosen by ``?lang=<code>`` on any link, kept for
that browser in a cookie, and offered by each language's own name.

Many people use the phone pages at once, each in their own language, so nothing
here touches the kiosk screen's language (``surveys.catalogues._``): every page
takes its words from ``phone_words(code)`` for the language of its own request. A
survey visit keeps the language it started in (``Visit.language``); the other
pages follow the ``lang`` cookie the last ``?lang=`` set.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from aiohttp import web

from surveys.catalogues import Words, shipped_languages, words
from surveys.errors import PlainError
from surveys.languages import SOURCE_LANGUAGE, language

LANG_COOKIE = "lang"
"""The language this browser chose (a language code, nothing else)."""
ENGLISH_TAG = "en-GB"
"""The pages' own English is British English."""
LANG_PARAMETER = "lang"
"""The query parameter that chooses the language: ``/h/7K3QDM?lang=cy``."""


@dataclass(frozen=True, slots=True)
class PageLanguage:
    """What a page needs to speak one language: its words, ``lang`` and ``dir``."""

    code: str
    words: Words

    @property
    def html_lang(self) -> str:
        """The ``lang`` attribute: the code itself for a language, British English for
        English and for a variant such as Easy Read (its words are English)."""
        code = self.code if self.code.isalpha() and len(self.code) <= 3 else SOURCE_LANGUAGE
        return ENGLISH_TAG if code == SOURCE_LANGUAGE else code

    @property
    def direction(self) -> str:
        """``rtl`` for a language written right to left (Urdu, Arabic), else ``ltr``."""
        known = language(self.code)
        return "rtl" if known is not None and known.right_to_left else "ltr"


PHONE_DOMAIN = "phone"


def phone_words(language: str) -> Words:
    """``words(language)`` with the phone pages' own catalogue looked in first: the
    same English can be in two parts' catalogues with different words ("Next" as a
    button here, as a key name read aloud by the aids); a phone page says its own."""
    return words(language, first=PHONE_DOMAIN)


def page_language(code: str) -> PageLanguage:
    """The page language for ``code`` (its words fall back to English where the phone
    pages are not shipped in it)."""
    return PageLanguage(code, phone_words(code))


@dataclass(frozen=True, slots=True)
class LanguageLink:
    """One other language offered on a page, by its own name."""

    code: str
    name: str
    direction: str
    href: str


def language_links(codes: Iterable[str], current: str, path: str) -> tuple[LanguageLink, ...]:
    """Links to ``path`` in each of ``codes`` but ``current``, each named in its own
    language ("Cymraeg", "Polski", "اردو")."""
    links: list[LanguageLink] = []
    for code in dict.fromkeys(codes):
        known = language(code)
        if code == current or known is None:
            continue
        links.append(
            LanguageLink(
                code=page_language(code).html_lang,
                name=known.own_name,
                direction="rtl" if known.right_to_left else "ltr",
                href=f"{path}?{LANG_PARAMETER}={code}",
            )
        )
    return tuple(links)


def phone_languages() -> tuple[str, ...]:
    """The languages the phone pages' own words are shipped in, English first."""
    return shipped_languages()


def asked_for(request: web.Request, allowed: Iterable[str]) -> str | None:
    """The language ``?lang=`` asks for, when it is one of ``allowed``."""
    code = request.query.get(LANG_PARAMETER, "").strip().lower()
    return code if code in set(allowed) else None


def remembered(request: web.Request, allowed: Iterable[str]) -> str | None:
    """The language this browser chose before (its cookie), when still allowed."""
    code = request.cookies.get(LANG_COOKIE, "")
    return code if code in set(allowed) else None


def problem_words(error: PlainError, words_: Words) -> str:
    """A problem's kind sentence in the page's language.

    The core words an answer problem once, in English, with its values
    (``AnswerError.told(say)`` fills them into the sentence looked up in ``say``'s
    language); any other problem's English sentence is looked up whole.
    """
    told = getattr(error, "told", None)
    if callable(told):
        return str(told(words_))
    return words_(error.message)
