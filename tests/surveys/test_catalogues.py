"""The kiosk's own words in every shipped language: the catalogues are complete,
current and correct in their plural forms and placeholders."""

from __future__ import annotations

import gettext
import io
import re
import string
import subprocess
import sys
from pathlib import Path

import pytest
from babel.messages.catalog import Catalog
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po

from surveys import catalogues
from surveys.catalogues import DOMAINS, LOCALE_DIR, PARTICIPANT_LANGUAGES, Words, words

ROOT = Path(__file__).resolve().parents[2]
SHIPPED = [(domain.name, language) for domain in DOMAINS for language in domain.languages]


def _catalog(domain: str, language: str) -> Catalog:
    with (LOCALE_DIR / language / "LC_MESSAGES" / f"{domain}.po").open("rb") as file:
        return read_po(file, locale=language, domain=domain)


def untranslated(catalog: Catalog) -> list[str]:
    """Every message with no words (or only guessed, fuzzy words) in ``catalog``."""
    missing: list[str] = []
    for message in catalog:
        if not message.id:
            continue
        texts = message.string if isinstance(message.string, tuple) else (message.string,)
        if message.fuzzy or not all(text and text.strip() for text in texts):
            missing.append(message.id if isinstance(message.id, str) else message.id[0])
    return missing


def _fields(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name is not None}


def placeholder_mismatches(catalog: Catalog) -> list[str]:
    """Messages whose translation fills in other values than the English does."""
    wrong: list[str] = []
    for message in catalog:
        if not message.id or not message.string:
            continue
        ids = message.id if isinstance(message.id, tuple) else (message.id,)
        texts = message.string if isinstance(message.string, tuple) else (message.string,)
        wanted = set().union(*(_fields(text) for text in ids))
        for text in texts:
            try:
                found = _fields(text)
            except ValueError:
                wrong.append(ids[0])
                break
            # A plural form may leave out {count} ("un ateb", "one answer").
            if found - wanted or (wanted - {"count"}) - found:
                wrong.append(ids[0])
                break
    return wrong


def test_the_catalogues_are_current_with_the_code() -> None:
    """A message added to the code without `make catalogues` fails here."""
    done = subprocess.run(
        [sys.executable, str(ROOT / "scripts" / "catalogues"), "--check"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stdout + done.stderr


@pytest.mark.parametrize(("domain", "language"), SHIPPED)
def test_every_message_has_words_in_each_shipped_language(domain: str, language: str) -> None:
    assert untranslated(_catalog(domain, language)) == []


@pytest.mark.parametrize(("domain", "language"), SHIPPED)
def test_translations_fill_in_the_same_values(domain: str, language: str) -> None:
    assert placeholder_mismatches(_catalog(domain, language)) == []


def test_a_missing_translation_is_found() -> None:
    """The coverage check itself fails on a message left empty or guessed."""
    catalog = Catalog(locale="cy")
    catalog.add("Start", "Dechrau")
    catalog.add("Stop", "")
    catalog.add("Next", "Nesaf", flags=["fuzzy"])
    catalog.add(("{count} answer", "{count} answers"), ("", "", "", "", "", ""))
    assert untranslated(catalog) == ["Stop", "Next", "{count} answer"]


def test_a_translation_with_other_placeholders_is_found() -> None:
    catalog = Catalog(locale="cy")
    catalog.add("Question {number} of {total}", "Cwestiwn {rhif} o {total}")
    catalog.add("Hello {name}", "Helo")
    catalog.add("Thank you", "Diolch")
    assert placeholder_mismatches(catalog) == ["Question {number} of {total}", "Hello {name}"]


@pytest.mark.parametrize(("language", "forms"), [("cy", 6), ("pl", 3), ("ur", 2)])
def test_each_language_has_its_own_plural_rule(language: str, forms: int) -> None:
    header = _catalog("kiosk", language)
    assert header.num_plurals == forms


def test_welsh_plurals_follow_the_welsh_rule() -> None:
    """Welsh picks a different form for 0, 1, 2, 3, 6 and the rest."""
    catalog = Catalog(locale="cy")
    catalog.add(
        ("{count} answer", "{count} answers"),
        (
            "{count} atebion",
            "{count} ateb",
            "{count} ateb (2)",
            "{count} ateb (3)",
            "{count} ateb (6)",
            "{count} o atebion",
        ),
    )
    out = io.BytesIO()
    write_mo(out, catalog)
    out.seek(0)
    welsh = Words("cy", gettext.GNUTranslations(out))
    said = {n: welsh.n("{count} answer", "{count} answers", n) for n in (0, 1, 2, 3, 6, 7)}
    assert said == {
        0: "0 atebion",
        1: "1 ateb",
        2: "2 ateb (2)",
        3: "3 ateb (3)",
        6: "6 ateb (6)",
        7: "7 o atebion",
    }


def test_english_is_the_code_s_own_words() -> None:
    english = words("en")
    assert english("Question {number} of {total}", number=3, total=9) == "Question 3 of 9"
    assert english.n("{count} answer", "{count} answers", 1) == "1 answer"
    assert english.n("{count} answer", "{count} answers", 4) == "4 answers"


def test_a_language_not_shipped_falls_back_to_english() -> None:
    assert words("ta")("Start") == "Start"


def test_choosing_a_language_changes_the_kiosk_s_words_until_the_next_person() -> None:
    try:
        catalogues.use_language("cy")
        assert catalogues.active_language() == "cy"
    finally:
        catalogues.use_language("en")
    assert catalogues.active_language() == "en"
    assert catalogues._("Start") == "Start"


def test_no_participant_message_is_glued_from_pieces() -> None:
    """A message that ends or starts mid-sentence with a space was glued together."""
    glued: list[str] = []
    for domain in DOMAINS:
        with (LOCALE_DIR / f"{domain.name}.pot").open("rb") as file:
            template = read_po(file)
        for message in template:
            for text in message.id if isinstance(message.id, tuple) else (message.id,):
                if text and (re.match(r"^\s", text) or re.search(r"\s$", text)):
                    glued.append(text)
    assert glued == []


def test_a_part_s_own_words_win_where_two_catalogues_differ() -> None:
    """Each part asks for its own catalogue first; the rest fill in what it lacks."""
    for domain in DOMAINS:
        for language in domain.languages:
            own = _catalog(domain.name, language)
            chosen = words(language, first=domain.name)
            for message in own:
                if message.id and isinstance(message.id, str) and message.string:
                    assert chosen(message.id) == message.string, (domain.name, message.id)


def test_an_unknown_part_is_refused() -> None:
    with pytest.raises(ValueError, match="unknown catalogue domain"):
        words("cy", first="posters")


def test_the_same_english_has_the_same_words_in_every_participant_part() -> None:
    """A button read aloud, shown on the kiosk, on a phone and on paper is one word:
    "Send my answers" is never said one way and shown another."""
    differ: list[tuple[str, str, dict[str, str]]] = []
    for language in PARTICIPANT_LANGUAGES:
        seen: dict[str, dict[str, str]] = {}
        for domain in DOMAINS:
            if language not in domain.languages or domain.name == "report":
                continue
            for message in _catalog(domain.name, language):
                if message.id and isinstance(message.id, str) and message.string:
                    seen.setdefault(message.id, {})[domain.name] = str(message.string)
        for english, found in seen.items():
            if len(set(found.values())) > 1:
                differ.append((language, english, found))
    assert differ == []
