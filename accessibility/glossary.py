"""Hard words explained in plain words, for "What does this mean?".

The built-in glossary covers words co-production work uses a lot; a survey's own
``glossary:`` adds to it (and wins where both explain the same word).
``Glossary.terms_in`` finds the entries for words on the current screen: whole
words, any case, plurals ("carers"), and with or without hyphens or spaces
("co-production", "coproduction").
Meanings are written for a reading age of 9 to 11: short sentences, common words.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from surveys.model import Question, Survey


@dataclass(frozen=True, slots=True)
class GlossaryEntry:
    """A word or phrase, what it means, and other forms of it to find on screen."""

    term: str
    meaning: str
    also: tuple[str, ...] = ()


BUILT_IN: tuple[GlossaryEntry, ...] = (
    GlossaryEntry(
        "co-production",
        "People who use services, carers and staff working together as equals. "
        "They plan and check services and courses together.",
        ("co-produced", "co-producing", "co-produce"),
    ),
    GlossaryEntry(
        "co-design",
        "Planning something together, as equals, from the very start.",
        ("co-designed", "co-designing"),
    ),
    GlossaryEntry(
        "lived experience",
        "Knowing about mental ill health from your own life, or from caring for someone.",
    ),
    GlossaryEntry(
        "learned experience",
        "Knowing about mental health from study, training or your job.",
        ("learnt experience",),
    ),
    GlossaryEntry(
        "facilitator",
        "The person who runs the session and helps everyone to take part.",
    ),
    GlossaryEntry(
        "anonymous",
        "No one can tell who gave the answers. We do not ask for your name.",
        ("anonymously", "anonymity"),
    ),
    GlossaryEntry(
        "anonymised",
        "Changed so that no one can tell who it is about.",
        ("anonymized", "anonymise", "anonymize"),
    ),
    GlossaryEntry(
        "consent",
        "Saying yes to taking part, after you have been told what will happen.",
        ("consented", "consenting"),
    ),
    GlossaryEntry("focus group", "A small group of people who meet to talk about one topic."),
    GlossaryEntry(
        "carer",
        "Someone who looks after a family member or a friend. They are not paid for it.",
    ),
    GlossaryEntry(
        "peer support worker",
        "Someone paid to support others, who has lived experience of mental ill health too.",
        ("peer worker", "peer supporter"),
    ),
    GlossaryEntry(
        "third sector",
        "Charities and community groups. They are not run by the government or a business.",
        ("voluntary sector",),
    ),
    GlossaryEntry("commissioner", "Someone who decides which services are paid for in an area."),
    GlossaryEntry(
        "confidential",
        "Kept private. Only the people who need to see it can see it.",
        ("confidentiality",),
    ),
    GlossaryEntry(
        "withdraw",
        "To take back your answers, so that they are deleted.",
        ("withdrawing", "withdrawn", "withdrawal"),
    ),
    GlossaryEntry(
        "receipt code",
        "The short code you get after you press Send. It lets you take your answers back later.",
    ),
    GlossaryEntry(
        "working group",
        "A group of people who meet to plan or check a piece of work.",
        ("core working group",),
    ),
    GlossaryEntry(
        "Recovery College",
        "A college with free courses about mental health and well-being. "
        "People with lived experience help to make and teach them.",
    ),
    GlossaryEntry("service user", "Someone who uses a health or care service."),
    GlossaryEntry(
        "stakeholder",
        "Anyone who cares about a service, such as people who use it, carers and staff.",
    ),
    GlossaryEntry(
        "clinician",
        "A health worker who looks after people, such as a doctor or a nurse.",
        ("clinical staff",),
    ),
    GlossaryEntry(
        "NHS trust",
        "A group that runs NHS services, such as hospitals, in an area.",
    ),
    GlossaryEntry("well-being", "How you feel in your body and your mind.", ("wellbeing",)),
    GlossaryEntry(
        "feedback", "Telling people what you think about something, so it can get better."
    ),
    GlossaryEntry("survey", "A set of questions to find out what people think."),
    GlossaryEntry("poll", "A quick question that everyone votes on."),
    GlossaryEntry(
        "self-assessment",
        "Checking how well you, or your group, are doing against a list.",
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


class Glossary:
    """A set of entries that can be found in text."""

    def __init__(self, entries: Iterable[GlossaryEntry]) -> None:
        by_term: dict[str, GlossaryEntry] = {}
        for entry in entries:
            by_term[entry.term.casefold()] = entry  # later entries win
        self._entries = tuple(by_term.values())
        alternatives: list[tuple[str, int]] = []
        for index, entry in enumerate(self._entries):
            for phrase in (entry.term, *entry.also):
                pattern = _pattern(phrase)
                if pattern:
                    alternatives.append((pattern, index))
        # Longest phrases first, so "peer support worker" wins over a shorter entry.
        alternatives.sort(key=lambda item: -len(item[0]))
        self._index = [index for _, index in alternatives]
        joined = "|".join(f"({pattern})" for pattern, _ in alternatives)
        self._regex = (
            re.compile(rf"(?<![\w\-])(?:{joined})(?![\w\-])", re.IGNORECASE) if joined else None
        )

    @property
    def entries(self) -> tuple[GlossaryEntry, ...]:
        """Every entry, built-in ones first."""
        return self._entries

    def terms_in(self, text: str) -> list[GlossaryEntry]:
        """Entries for words in ``text``, in the order they first appear, each once."""
        if self._regex is None:
            return []
        found: list[GlossaryEntry] = []
        for match in self._regex.finditer(text):
            group = match.lastindex
            if group is None:
                continue
            entry = self._entries[self._index[group - 1]]
            if entry not in found:
                found.append(entry)
        return found


def glossary_for(survey: Survey | None = None) -> Glossary:
    """The built-in glossary, extended (and overridden) by the survey's own words."""
    extra = survey.glossary if survey is not None else {}
    return Glossary([*BUILT_IN, *(GlossaryEntry(term, meaning) for term, meaning in extra.items())])


def terms_for_question(question: Question, glossary: Glossary) -> list[GlossaryEntry]:
    """Entries for every hard word on a question screen: the question, help and choices."""
    words = [question.text, question.help or "", *(option.label for option in question.options)]
    words += [label for label in (question.low_label, question.high_label) if label]
    return glossary.terms_in("\n".join(words))
