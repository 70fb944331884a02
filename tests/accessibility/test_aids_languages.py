"""The aids in every language: the glossary finds and explains Welsh words in Welsh
survey text, read-aloud speaks whole sentences in the chosen language with its own
plural forms, and real espeak-ng reads a Welsh or Polish screen in that language."""

from __future__ import annotations

import hashlib
import re
import textwrap
import threading
import wave
from collections.abc import Iterator
from pathlib import Path

import pytest
from babel.messages.pofile import read_po

from accessibility import narration, screen_narration
from accessibility.glossary import BUILT_IN, glossary_for, terms_for_question
from accessibility.plain_english import WordingCode, check_wording
from accessibility.pyttsx3_speaker import Pyttsx3Speaker
from accessibility.sentences import DEFAULT_SCALE_WORDS
from surveys.catalogues import LOCALE_DIR, use_language, words
from surveys.languages import LANGUAGES
from surveys.loader import load_survey_text
from surveys.model import (
    DEFAULT_SCALE_LABELS,
    ConsentBlock,
    Kind,
    Option,
    Question,
    SupportBlock,
    SupportLine,
    Survey,
)
from surveys.survey_translations import in_language

SURVEY = textwrap.dedent(
    """\
    id: course
    title: Course feedback
    version: "1"
    intro: Thank you for helping us.
    language: en
    consent:
      text: standard-v1
      organisation: the Recovery College
      coordinator: the course coordinator
      contact: the college office
    questions:
      - id: together
        kind: single
        text: Did the course feel like real co-production?
        help: Think about the carers and staff in your group.
        options:
          - {label: "Yes", value: "yes"}
          - {label: Not really, value: "no"}
        prefer_not_to_say: true
      - id: peer
        kind: single
        text: Was the peer mentor helpful?
        options:
          - {label: "Yes", value: "yes"}
          - {label: "No", value: "no"}
    glossary:
      mentor: Someone who has been through something similar and helps you.
    translations:
      cy:
        title: Adborth am y cwrs
        intro: Diolch am ein helpu.
        question.together.text: Oedd y cwrs yn teimlo fel cydgynhyrchu go iawn?
        question.together.help: Meddyliwch am y gofalwyr a'r staff yn eich grŵp.
        question.together.option.yes: Oedd
        question.together.option.no: Ddim wir
        question.peer.text: Oedd y mentor cymheiriaid yn help?
        question.peer.option.yes: Oedd
        question.peer.option.no: Nac oedd
        glossary.mentor.word: mentor cymheiriaid
        glossary.mentor.meaning: Rhywun sydd wedi bod drwy rywbeth tebyg ac sy'n eich helpu.
      pl:
        title: Opinia o kursie
        intro: Dziękujemy za pomoc.
        question.together.text: Czy kurs był prawdziwym współtworzeniem?
        question.together.help: Pomyśl o opiekunach i pracownikach w Twojej grupie.
        question.together.option.yes: Tak
        question.together.option.no: Nie bardzo
        question.peer.text: Czy mentor był pomocny?
        question.peer.option.yes: Tak
        question.peer.option.no: Nie
        glossary.mentor.word: mentor
        glossary.mentor.meaning: Ktoś, kto przeszedł coś podobnego i Ci pomaga.
    """
)

CHOICE_KEYS = narration.Keys(go_on="Enter", choose=True, move_focus="the up and down arrows")


@pytest.fixture(autouse=True)
def english_afterwards() -> Iterator[None]:
    """Each test chooses its language; the next person (test) starts in English."""
    yield
    use_language("en")


def _survey() -> Survey:
    result = load_survey_text(SURVEY, "course.yaml")
    assert result.survey is not None, result.problems
    return result.survey


def _aids_messages(language: str) -> list[tuple[str, str]]:
    """(English message, its words in ``language``) for every aids message."""
    with (LOCALE_DIR / language / "LC_MESSAGES" / "aids.po").open("rb") as file:
        catalog = read_po(file, locale=language, domain="aids")
    pairs: list[tuple[str, str]] = []
    for message in catalog:
        if not message.id:
            continue
        ids = message.id if isinstance(message.id, tuple) else (message.id,)
        texts = message.string if isinstance(message.string, tuple) else (message.string,)
        pairs += [(str(english), str(text)) for english in ids for text in texts]
    return pairs


def _english_left(text: str, language: str) -> list[str]:
    """Every aids message found in English in ``text`` (placeholders match anything).
    A message whose translation contains the English words (a key's name, "Enter",
    inside "y fysell Enter") can't be told apart, nor can one with fewer than three
    letters of its own ("{number}th"), so those are left out."""
    left = []
    for english, own in _aids_messages(language):
        pieces = re.split(r"\{\w+\}", english)
        if english in own or sum(c.isalpha() for c in "".join(pieces)) < 3:
            continue
        pattern = r"(?<!\w)" + r".+?".join(re.escape(piece) for piece in pieces) + r"(?!\w)"
        if re.search(pattern, text):
            left.append(english)
    return left


# -- the glossary ---------------------------------------------------------------------


def test_the_welsh_glossary_explains_a_welsh_word_in_a_welsh_question() -> None:
    welsh = in_language(_survey(), "cy")
    question = welsh.question("together")
    found = terms_for_question(question, glossary_for(welsh, words("cy")))
    assert [(entry.term, entry.meaning) for entry in found] == [
        (
            "cydgynhyrchu",
            "Pobl sy'n defnyddio gwasanaethau, gofalwyr a staff yn gweithio gyda'i gilydd "
            "yn gyfartal. Maen nhw'n cynllunio ac yn gwirio gwasanaethau a chyrsiau gyda'i "
            "gilydd.",
        ),
        (
            "gofalwr",
            "Rhywun sy'n gofalu am aelod o'r teulu neu ffrind. "
            "Dydyn nhw ddim yn cael eu talu am hyn.",
        ),
    ]


def test_the_kiosk_glossary_follows_the_language_chosen_on_the_welcome_screen() -> None:
    survey = _survey()
    glossary = glossary_for(in_language(survey, "cy"))  # made once, used for each person
    use_language("cy")
    assert [e.term for e in glossary.terms_in("Ydych chi'n ofalwr? Mae'n gyfrinachol.")] == [
        "gofalwr",
        "cyfrinachol",
    ]
    use_language("en")
    english = glossary_for(survey)
    assert [e.term for e in english.terms_in("Are you a carer? It is confidential.")] == [
        "carer",
        "confidential",
    ]
    # An English word in Welsh text is not what the Welsh glossary looks for.
    assert glossary_for(None, words("cy")).terms_in("a carer") == []


def test_a_surveys_own_welsh_word_is_found_and_explained_in_welsh() -> None:
    welsh = in_language(_survey(), "cy")
    found = terms_for_question(welsh.question("peer"), glossary_for(welsh, words("cy")))
    assert [(e.term, e.meaning) for e in found] == [
        ("mentor cymheiriaid", "Rhywun sydd wedi bod drwy rywbeth tebyg ac sy'n eich helpu.")
    ]


def test_polish_and_urdu_glossaries_find_their_own_words() -> None:
    polish = glossary_for(None, words("pl")).terms_in("Czy wyrażasz zgodę? Ankieta jest anonimowa.")
    assert [e.term for e in polish] == ["zgoda", "ankieta", "anonimowy"]
    assert polish[0].meaning.startswith("Powiedzenie „tak”")
    urdu = glossary_for(None, words("ur")).terms_in("کیا آپ اس سروے کے لیے رضامندی دیتے ہیں؟")
    assert [e.term for e in urdu] == ["سروے", "رضامندی"]


@pytest.mark.parametrize("code", ["cy", "pl", "ur"])
def test_every_built_in_word_is_found_by_each_of_its_forms_in_its_language(code: str) -> None:
    glossary = glossary_for(None, words(code))
    assert len(glossary.entries) == len(BUILT_IN)  # no two words became one
    english = {entry.term for entry in BUILT_IN} | {entry.meaning for entry in BUILT_IN}
    for entry in glossary.entries:
        assert entry.term not in english, entry
        assert entry.meaning not in english, entry
        assert entry.term in entry.also, entry
        for form in entry.also:
            found = glossary.terms_in(f"— {form} —")
            assert found == [entry], (form, found)


def test_the_authors_checks_read_english_whatever_the_kiosk_shows() -> None:
    """Words the glossary explains count as easy in ``kiosk check``: the English
    glossary's, even while the kiosk's screen is in Welsh."""
    text = (
        "Was the co-production with the commissioners, the clinicians and the stakeholders "
        "kept confidential?"
    )
    block = ConsentBlock("standard-v1", "the college", "the lead", "the office")
    survey = Survey("s", "Course", "1", "Thanks.", block, (Question("q", Kind.TEXT, text),))
    use_language("en")
    in_english = check_wording(survey)
    assert not [a for a in in_english if a.code is WordingCode.READING_AGE and a.question_id == "q"]
    use_language("cy")
    assert check_wording(survey) == in_english


# -- read aloud ---------------------------------------------------------------------


def _welsh_question_screen() -> str:
    welsh = in_language(_survey(), "cy")
    use_language("cy")
    return narration.question_screen(welsh.question("together"), 3, 8, keys=CHOICE_KEYS)


def test_a_welsh_question_screen_is_read_in_whole_welsh_sentences() -> None:
    text = _welsh_question_screen()
    assert text == (
        "Cwestiwn 3 o 8. Oedd y cwrs yn teimlo fel cydgynhyrchu go iawn? 1: Oedd. "
        "2: Ddim wir. 3: Gwell gen i beidio â dweud. "
        "Pwyswch rif i ddewis, ac yna pwyswch y fysell Enter. Gallwch chi hepgor y cwestiwn hwn."
    )
    assert _english_left(text, "cy") == []
    # The check can see English: the same screen in English is all English aids words.
    use_language("en")
    english = narration.question_screen(_survey().question("together"), 3, 8, keys=CHOICE_KEYS)
    assert {
        "Press a number to choose, then {key}.",
        "Prefer not to say",
        "Question {number} of {total}",
        "You can skip this question.",
    } <= set(_english_left(english, "cy"))


@pytest.mark.parametrize("kind", list(Kind))
def test_no_english_aids_words_are_left_in_any_welsh_question_screen(kind: Kind) -> None:
    question = Question(
        "q",
        kind,
        "Sut oedd heddiw?",
        options=(Option("Da", "good"), Option("Gwael", "poor")),
        prefer_not_to_say=kind is not Kind.RANKING,
    )
    use_language("cy")
    keys = narration.Keys(
        go_on="Enter",
        choose=True,
        move_focus="the up and down arrows",
        move_item="Shift with the up or down arrow",
        new_line="Enter" if kind is Kind.LONGTEXT else None,
        leave_box="Tab" if kind is Kind.LONGTEXT else None,
    )
    for text in (
        narration.question_screen(question, 2, 5, keys=keys, fewest=4),
        narration.question_screen(question, 2, 5),
    ):
        assert _english_left(text, "cy") == [], text
        # Whole sentences: each ends with a stop and none starts mid-sentence.
        assert text.endswith(".")
        for piece in re.split(r"(?<=[.?!])\s+", text):
            assert piece[:1].isupper() or piece[:1].isdigit(), (piece, text)


def test_every_welsh_screen_around_the_questions_is_welsh() -> None:
    use_language("cy")
    support = SupportBlock("tiwtor y cwrs", (SupportLine("Samariaid", "Ffoniwch 116 123"),))
    screens = [
        narration.thank_you("7K3QD-M9XTA", "swyddfa'r coleg", 14, support),
        narration.thank_you(None, support_block=support),
        narration.take_back("Enter"),
        narration.take_back_wait(90),
        narration.break_screen(20),
        narration.still_there(30, has_answers=True),
        narration.support(support, carry_on="Enter"),
        narration.help_text(None, ask="y tiwtor", can_skip=True),
        screen_narration.top_ballot(3, ["Te", "Coffi"], [1]),
        screen_narration.dots_ballot(5, ["Te", "Coffi"], [2, 0]),
        screen_narration.idea_turn("Beth hoffech chi ei newid?"),
        screen_narration.preferences_narration(),
    ]
    for text in screens:
        assert _english_left(text, "cy") == [], text
    assert "Dewis rhif 1: Coffi." in screens[8]


def test_a_scale_without_its_own_points_is_read_in_the_language_spoken() -> None:
    assert DEFAULT_SCALE_WORDS == DEFAULT_SCALE_LABELS  # the same words, marked
    use_language("pl")
    text = narration.question_screen(Question("s", Kind.SCALE, "Kurs był dobry."), 1, 2)
    assert "1: Zdecydowanie się nie zgadzam. 2: Nie zgadzam się." in text
    assert _english_left(text, "pl") == []


def test_a_phone_page_gets_support_and_answers_in_its_own_language() -> None:
    """Pages serving many people at once pass their ``Words``; the kiosk's own
    language (still English here) does not change them."""
    block = SupportBlock("opiekun kursu", (SupportLine("Samarytanie", "Zadzwoń 116 123"),))
    polish = words("pl")
    assert narration.support_lines(block, polish) == [
        "Jeśli coś tutaj było trudne, możesz porozmawiać z: opiekun kursu.",
        "Pomoc możesz też uzyskać tutaj:",
        "Samarytanie: Zadzwoń 116 123.",
    ]
    question = Question("q", Kind.YESNO, "Czy było dobrze?")
    assert narration.answer_words(question, True, polish) == "Tak"
    assert narration.answer_words(question, None, polish) == "Pominięto"
    assert narration.answer_words(question, True) == "Yes"


@pytest.mark.parametrize(
    ("count", "left", "dots", "days"),
    [
        (1, "Została 1 kropka", "Masz 1 kropkę do rozdania.", "w ciągu 1 dnia."),
        (2, "Zostały 2 kropki", "Masz 2 kropki do rozdania.", "w ciągu 2 dni."),
        (5, "Zostało 5 kropek", "Masz 5 kropek do rozdania.", "w ciągu 5 dni."),
    ],
)
def test_polish_narration_uses_the_right_plural_form(
    count: int, left: str, dots: str, days: str
) -> None:
    use_language("pl")
    assert screen_narration.dots_left(count) == left
    assert dots in screen_narration.dots_ballot(count, ["Herbata"], [0])
    assert narration.thank_you("7K3QD-M9XTA", "biuro", count).count(days) == 1
    seconds = {1: "1 sekundę", 2: "2 sekundy", 5: "5 sekund"}[count]
    assert f"za {seconds}." in narration.still_there_note(count, has_answers=False)


def test_urdu_sentences_end_with_the_urdu_full_stop() -> None:
    use_language("ur")
    question = Question("q", Kind.TEXT, "آج کا دن کیسا رہا؟")
    assert narration.question_screen(question, 1, 4, keys=narration.Keys(go_on="Enter")) == (
        "4 میں سے سوال 1۔ آج کا دن کیسا رہا؟ اپنا جواب لکھیں، پھر اینٹر کا بٹن دبائیں۔ "
        "آپ یہ سوال چھوڑ سکتے ہیں۔"
    )
    assert narration.sentence("Question 1") == "Question 1."


def test_welsh_counts_use_the_welsh_forms() -> None:
    use_language("cy")
    assert screen_narration.dots_left(2) == "2 ddot ar ôl"
    assert narration.duration(120) == "2 funud"
    assert narration.duration(180) == "3 munud"


# -- real espeak-ng -------------------------------------------------------------------


def _render(voice: str, text: str) -> bytes:
    made: list[bytes] = []
    done = threading.Event()

    def keep(path: Path) -> None:
        with wave.open(str(path), "rb") as audio:
            made.append(audio.readframes(audio.getnframes()))
        done.set()

    speaker = Pyttsx3Speaker(player=None, probe=False, on_audio=keep)
    try:
        speaker.set_voice(voice)
        speaker.say(text)
        assert done.wait(30), "nothing was rendered"
    finally:
        speaker.close()
    return made[0]


@pytest.mark.slow
@pytest.mark.parametrize("code", ["cy", "pl"])
def test_espeak_reads_a_welsh_or_polish_screen_in_that_language(espeak_ng: None, code: str) -> None:
    survey = _survey()
    question = in_language(survey, code).question("together")
    use_language(code)
    own_text = narration.question_screen(question, 3, 8, keys=CHOICE_KEYS)
    use_language("en")
    english_text = narration.question_screen(survey.question("together"), 3, 8, keys=CHOICE_KEYS)
    assert own_text != english_text
    own = _render(LANGUAGES[code].voice, own_text)
    english = _render(LANGUAGES["en"].voice, english_text)
    assert len(own) > 2 * 22050 * 2  # more than two seconds of 16-bit speech
    assert any(own[i] for i in range(0, len(own), 97)), "the audio is silent"
    assert hashlib.sha256(own).digest() != hashlib.sha256(english).digest()
    # The language's own voice: the same words in the English voice sound different.
    assert hashlib.sha256(_render(LANGUAGES["en"].voice, own_text)).digest() != (
        hashlib.sha256(own).digest()
    )
