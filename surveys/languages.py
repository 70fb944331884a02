"""The languages a survey can be offered in: each one's own name, voice and direction.

A participant chooses a language by its own name ("Cymraeg", "Polski"), so the
list keeps the name as speakers write it, the English name for the survey author,
the espeak-ng voice that reads it aloud, and whether it is written right to left
(the terminal can't shape those scripts, so the kiosk offers the phone or tablet
browser page for them instead). The codes are the short ones people know (BCP 47
primary tags): ``cy`` for Welsh, ``pl`` for Polish.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Language:
    """One language the kiosk knows."""

    code: str
    own_name: str
    """The name as its speakers write it ("Cymraeg")."""
    english_name: str
    voice: str
    """The espeak-ng voice that reads it aloud."""
    right_to_left: bool = False


EASY_READ = "easy-read"
"""Not a language but a format: the survey's words in Easy Read English (short
sentences, one idea each), carried in ``translations:`` like a language so the
participant can choose it by name."""

LANGUAGES: dict[str, Language] = {
    language.code: language
    for language in (
        Language("en", "English", "English", "en"),
        Language("cy", "Cymraeg", "Welsh", "cy"),
        Language("pl", "Polski", "Polish", "pl"),
        Language("ro", "Română", "Romanian", "ro"),
        Language("pa", "ਪੰਜਾਬੀ", "Panjabi", "pa"),
        Language("ur", "اردو", "Urdu", "ur", right_to_left=True),
        Language("pt", "Português", "Portuguese", "pt"),
        Language("es", "Español", "Spanish", "es"),
        Language("ar", "العربية", "Arabic", "ar", right_to_left=True),
        Language("bn", "বাংলা", "Bengali", "bn"),
        Language("gd", "Gàidhlig", "Scottish Gaelic", "gd"),
        Language("ga", "Gaeilge", "Irish", "ga"),
        Language("so", "Soomaali", "Somali", "so"),
        Language("gu", "ગુજરાતી", "Gujarati", "gu"),
        Language("fr", "Français", "French", "fr"),
        Language("lt", "Lietuvių", "Lithuanian", "lt"),
        Language("tr", "Türkçe", "Turkish", "tr"),
        Language("ta", "தமிழ்", "Tamil", "ta"),
        Language(EASY_READ, "Easy Read", "Easy Read", "en"),
    )
}
"""Every language a survey may be written or translated in. England's most common
main languages other than English (Census 2021), Welsh and the other languages of
these islands; more can be added with their espeak-ng voice. Last, Easy Read."""

SOURCE_LANGUAGE = "en"
"""The language a survey file is written in when it does not say."""


def language(code: str) -> Language | None:
    """The language with this code, or None."""
    return LANGUAGES.get(code)
