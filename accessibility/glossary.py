"""Hard words explained in plain words, for "What does this mean?".

The built-in glossary covers words co-production work uses a lot; a survey's own
``glossary:`` adds to it (and wins where both explain the same word).
``Glossary.terms_in`` finds the entries for words on the current screen: whole
words, any case, plurals ("carers"), and with or without hyphens or spaces
("co-production", "coproduction").
Meanings are written for a reading age of 9 to 11: short sentences, common words.

In every language: each built-in entry's word, meaning and ``forms`` (every form of
the word to look for, separated by commas) are messages in the ``aids`` catalogue.
A glossary looks for the words of the language it is in, in that language's text,
and explains them in that language: in Welsh, "cydgynhyrchu" in a Welsh question
gets the Welsh meaning. A glossary made without a language follows the kiosk
screen's (``surveys.catalogues.use_language``); a phone page passes its ``Words``.
A survey's own words are already in the language of the survey text it was given
(``surveys.survey_translations.in_language``).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from accessibility.sentences import translated
from surveys.catalogues import N_, Words, active_language, words
from surveys.model import Question, Survey


@dataclass(frozen=True, slots=True)
class GlossaryEntry:
    """A word or phrase, what it means, and other forms of it to find on screen.

    ``forms`` is set on built-in entries only: a message listing every form of the
    word (separated by commas), whose translation lists the forms to find in that
    language (Welsh mutations, Polish cases). An entry without it is a survey's own
    words and is never looked up in a catalogue.
    """

    term: str
    meaning: str
    also: tuple[str, ...] = ()
    forms: str = ""


BUILT_IN: tuple[GlossaryEntry, ...] = (
    GlossaryEntry(
        N_("co-production"),
        N_(
            "People who use services, carers and staff working together as equals. "
            "They plan and check services and courses together."
        ),
        ("co-produced", "co-producing", "co-produce"),
        # Translators: every form of the word to look for, separated by commas.
        N_("co-production, co-produced, co-producing, co-produce, coproduction"),
    ),
    GlossaryEntry(
        N_("co-design"),
        N_("Planning something together, as equals, from the very start."),
        ("co-designed", "co-designing"),
        # Translators: every form of the word to look for, separated by commas.
        N_("co-design, co-designed, co-designing, codesign"),
    ),
    GlossaryEntry(
        N_("lived experience"),
        N_("Knowing about mental ill health from your own life, or from caring for someone."),
        # Translators: every form of the word to look for, separated by commas.
        forms=N_("lived experience, lived experiences"),
    ),
    GlossaryEntry(
        N_("learned experience"),
        N_("Knowing about mental health from study, training or your job."),
        ("learnt experience",),
        # Translators: every form of the word to look for, separated by commas.
        N_("learned experience, learnt experience"),
    ),
    GlossaryEntry(
        N_("facilitator"),
        N_("The person who runs the session and helps everyone to take part."),
        # Translators: every form of the word to look for, separated by commas.
        forms=N_("facilitator, facilitators"),
    ),
    GlossaryEntry(
        N_("anonymous"),
        N_("No one can tell who gave the answers. We do not ask for your name."),
        ("anonymously", "anonymity"),
        # Translators: every form of the word to look for, separated by commas.
        N_("anonymous, anonymously, anonymity"),
    ),
    GlossaryEntry(
        N_("anonymised"),
        N_("Changed so that no one can tell who it is about."),
        ("anonymized", "anonymise", "anonymize"),
        # Translators: every form of the word to look for, separated by commas.
        N_("anonymised, anonymized, anonymise, anonymize"),
    ),
    GlossaryEntry(
        N_("consent"),
        N_("Saying yes to taking part, after you have been told what will happen."),
        ("consented", "consenting"),
        # Translators: every form of the word to look for, separated by commas.
        N_("consent, consented, consenting"),
    ),
    GlossaryEntry(
        N_("focus group"),
        N_("A small group of people who meet to talk about one topic."),
        # Translators: every form of the word to look for, separated by commas.
        forms=N_("focus group, focus groups"),
    ),
    GlossaryEntry(
        N_("carer"),
        N_("Someone who looks after a family member or a friend. They are not paid for it."),
        # Translators: every form of the word to look for, separated by commas.
        forms=N_("carer, carers"),
    ),
    GlossaryEntry(
        N_("peer support worker"),
        N_("Someone paid to support others, who has lived experience of mental ill health too."),
        ("peer worker", "peer supporter"),
        # Translators: every form of the word to look for, separated by commas.
        N_("peer support worker, peer worker, peer supporter"),
    ),
    GlossaryEntry(
        N_("third sector"),
        N_("Charities and community groups. They are not run by the government or a business."),
        ("voluntary sector",),
        # Translators: every form of the word to look for, separated by commas.
        N_("third sector, voluntary sector"),
    ),
    GlossaryEntry(
        N_("commissioner"),
        N_("Someone who decides which services are paid for in an area."),
        # Translators: every form of the word to look for, separated by commas.
        forms=N_("commissioner, commissioners"),
    ),
    GlossaryEntry(
        N_("confidential"),
        N_("Kept private. Only the people who need to see it can see it."),
        ("confidentiality",),
        # Translators: every form of the word to look for, separated by commas.
        N_("confidential, confidentiality"),
    ),
    GlossaryEntry(
        N_("withdraw"),
        N_("To take back your answers, so that they are deleted."),
        ("withdrawing", "withdrawn", "withdrawal"),
        # Translators: every form of the word to look for, separated by commas.
        N_("withdraw, withdrawing, withdrawn, withdrawal"),
    ),
    GlossaryEntry(
        N_("receipt code"),
        N_(
            "The short code you get after you press Send. It lets you take your answers back later."
        ),
        # Translators: every form of the word to look for, separated by commas.
        forms=N_("receipt code, receipt codes"),
    ),
    GlossaryEntry(
        N_("working group"),
        N_("A group of people who meet to plan or check a piece of work."),
        ("core working group",),
        # Translators: every form of the word to look for, separated by commas.
        N_("working group, working groups, core working group"),
    ),
    GlossaryEntry(
        N_("Recovery College"),
        N_(
            "A college with free courses about mental health and well-being. "
            "People with lived experience help to make and teach them."
        ),
        # Translators: every form of the word to look for, separated by commas.
        forms=N_("Recovery College, Recovery Colleges"),
    ),
    GlossaryEntry(
        N_("service user"),
        N_("Someone who uses a health or care service."),
        # Translators: every form of the word to look for, separated by commas.
        forms=N_("service user, service users"),
    ),
    GlossaryEntry(
        N_("stakeholder"),
        N_("Anyone who cares about a service, such as people who use it, carers and staff."),
        # Translators: every form of the word to look for, separated by commas.
        forms=N_("stakeholder, stakeholders"),
    ),
    GlossaryEntry(
        N_("clinician"),
        N_("A health worker who looks after people, such as a doctor or a nurse."),
        ("clinical staff",),
        # Translators: every form of the word to look for, separated by commas.
        N_("clinician, clinicians, clinical staff"),
    ),
    GlossaryEntry(
        N_("NHS trust"),
        N_("A group that runs NHS services, such as hospitals, in an area."),
        # Translators: every form of the word to look for, separated by commas.
        forms=N_("NHS trust, NHS trusts"),
    ),
    GlossaryEntry(
        N_("well-being"),
        N_("How you feel in your body and your mind."),
        ("wellbeing",),
        # Translators: every form of the word to look for, separated by commas.
        N_("well-being, wellbeing"),
    ),
    GlossaryEntry(
        N_("feedback"),
        N_("Telling people what you think about something, so it can get better."),
        # Translators: every form of the word to look for, separated by commas.
        forms=N_("feedback, feedbacks"),
    ),
    GlossaryEntry(
        N_("survey"),
        N_("A set of questions to find out what people think."),
        # Translators: every form of the word to look for, separated by commas.
        forms=N_("survey, surveys"),
    ),
    GlossaryEntry(
        N_("poll"),
        N_("A quick question that everyone votes on."),
        # Translators: every form of the word to look for, separated by commas.
        forms=N_("poll, polls"),
    ),
    GlossaryEntry(
        N_("self-assessment"),
        N_("Checking how well you, or your group, are doing against a list."),
        # Translators: every form of the word to look for, separated by commas.
        forms=N_("self-assessment, self-assessments"),
    ),
)
"""Words every kiosk explains, before any survey adds its own."""


def _variants(word: str) -> str:
    """A pattern for the last word of a term with its plural forms."""
    escaped = re.escape(word)
    if word[-1:].lower() == "y" and len(word) > 2 and word[-2].lower() not in "aeiou":
        return f"{re.escape(word[:-1])}(?:y|ies)"
    if word[-1:].lower() in ("s", "x", "z") or word[-2:].lower() in ("ch", "sh"):
        return f"{escaped}(?:es)?"
    return f"{escaped}s?"


def _pattern(phrase: str) -> str:
    words = [word for word in re.split(r"[\s\-‐‑]+", phrase.strip()) if word]
    if not words:
        return ""
    parts = [re.escape(word) for word in words[:-1]] + [_variants(words[-1])]
    return r"[\s\-‐‑]?".join(parts) if len(words) > 1 else parts[0]


def _in_language(entry: GlossaryEntry, w: Words) -> GlossaryEntry:
    """A built-in entry in the language of ``w`` (as it is where there are no words
    for it); a survey's own entry as written."""
    if not entry.forms or not translated(w, entry.meaning):
        return entry
    forms = tuple(form.strip() for form in w(entry.forms).split(",") if form.strip())
    return GlossaryEntry(w(entry.term), w(entry.meaning), forms, entry.forms)


class _Finder:
    """Entries in one language, and the pattern that finds them in text."""

    def __init__(self, entries: Iterable[GlossaryEntry]) -> None:
        by_term: dict[str, GlossaryEntry] = {}
        for entry in entries:
            by_term[entry.term.casefold()] = entry  # later entries win
        self.entries = tuple(by_term.values())
        alternatives: list[tuple[str, int]] = []
        for index, entry in enumerate(self.entries):
            for phrase in (entry.term, *entry.also):
                pattern = _pattern(phrase)
                if pattern:
                    alternatives.append((pattern, index))
        # Longest phrases first, so "peer support worker" wins over a shorter entry.
        alternatives.sort(key=lambda item: -len(item[0]))
        self.index = [index for _, index in alternatives]
        joined = "|".join(f"({pattern})" for pattern, _ in alternatives)
        self.regex = (
            re.compile(rf"(?<![\w\-])(?:{joined})(?![\w\-])", re.IGNORECASE) if joined else None
        )


class Glossary:
    """A set of entries that can be found in text, in one language or in the kiosk
    screen's language at each look-up (``words`` None)."""

    def __init__(self, entries: Iterable[GlossaryEntry], words: Words | None = None) -> None:
        self._source = tuple(entries)
        self._words = words
        self._finders: dict[str, _Finder] = {}

    def in_language(self, words: Words) -> Glossary:
        """The same entries, found and explained in the language of ``words``."""
        return Glossary(self._source, words)

    def _finder(self) -> _Finder:
        w = self._words if self._words is not None else words(active_language())
        finder = self._finders.get(w.language)
        if finder is None:
            finder = _Finder(_in_language(entry, w) for entry in self._source)
            self._finders[w.language] = finder
        return finder

    @property
    def entries(self) -> tuple[GlossaryEntry, ...]:
        """Every entry in the glossary's language, built-in ones first."""
        return self._finder().entries

    def terms_in(self, text: str) -> list[GlossaryEntry]:
        """Entries for words in ``text``, in the order they first appear, each once."""
        finder = self._finder()
        if finder.regex is None:
            return []
        found: list[GlossaryEntry] = []
        for match in finder.regex.finditer(text):
            group = match.lastindex
            if group is None:
                continue
            entry = finder.entries[finder.index[group - 1]]
            if entry not in found:
                found.append(entry)
        return found


def glossary_for(survey: Survey | None = None, words: Words | None = None) -> Glossary:
    """The built-in glossary, extended (and overridden) by the survey's own words.

    Give ``words`` for a page in a set language (a phone's); without it the glossary
    follows the kiosk screen's language. Pass the survey as it is in that language
    (``in_language``), so its own words match its text."""
    extra = survey.glossary if survey is not None else {}
    own = (GlossaryEntry(term, meaning) for term, meaning in extra.items())
    return Glossary([*BUILT_IN, *own], words)


def terms_for_question(question: Question, glossary: Glossary) -> list[GlossaryEntry]:
    """Entries for every hard word on a question screen: the question, help and choices."""
    texts = [question.text, question.help or "", *(option.label for option in question.options)]
    texts += [label for label in (question.low_label, question.high_label) if label]
    return glossary.terms_in("\n".join(texts))
