"""Consent: the versioned texts shipped with the kiosk, the exact words shown, and
what is kept about a person's agreement.

The text a person reads is a shipped template filled with the survey's details. Its
SHA-256 is stored (sealed) with the answers, so the coordinator can always prove
which words someone agreed to. A "No thanks" keeps nothing but a count.

Each version is written in English (``standard-v1.txt``) and may be shipped in other
languages beside it (``standard-v1.cy.txt``), with the same lines and the same
details to fill in; ``docs/languages.md`` says who has reviewed each one.

A paper form has its own words (``PAPER_VERSION``): the kiosk's say "press Send"
and "the person running this session cannot read them", which are not true of a
form someone keys in later. A survey file cannot name them; ``on_paper(block)``
gives the survey's consent block with the paper words.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from pathlib import Path

from surveys.model import ConsentBlock

_FOLDER = Path(__file__).parent / "consent_texts"
"""Shipped inside the package, beside this file."""

PAPER_VERSION = "paper-v1"
"""The consent words printed on a paper form (true of paper: who reads it, the box)."""


def _shipped() -> tuple[str, ...]:
    return tuple(
        sorted(
            entry.stem
            for entry in _FOLDER.iterdir()
            if entry.name.endswith(".txt") and "." not in entry.stem
        )
    )


def known_versions() -> tuple[str, ...]:
    """The consent texts a survey file may name (the paper form's words are not one)."""
    return tuple(version for version in _shipped() if version != PAPER_VERSION)


def on_paper(block: ConsentBlock) -> ConsentBlock:
    """The survey's consent block with the paper form's words (same details, ticks)."""
    return replace(block, version=PAPER_VERSION)


def consent_languages(version: str) -> tuple[str, ...]:
    """The languages a consent version is shipped in: English first, then the rest."""
    others = sorted(
        entry.stem.split(".", 1)[1]
        for entry in _FOLDER.glob(f"{version}.*.txt")
        if entry.stem.count(".") == 1
    )
    return ("en", *others)


def template_text(version: str, language: str = "en") -> str:
    """The shipped template for one consent version in one language (KeyError when
    there is none)."""
    if version not in _shipped() or language not in consent_languages(version):
        raise KeyError(version if language == "en" else f"{version}.{language}")
    name = f"{version}.txt" if language == "en" else f"{version}.{language}.txt"
    return (_FOLDER / name).read_text(encoding="utf-8")


def consent_text(block: ConsentBlock, language: str = "en") -> str:
    """The exact words shown to the participant for this survey, in ``language``
    (English when the version has no text in that language)."""
    if language not in consent_languages(block.version):
        language = "en"
    return (
        template_text(block.version, language)
        .format(
            organisation=block.organisation,
            coordinator=block.coordinator,
            contact=block.contact,
            withdraw_days=block.withdraw_days,
            keep_days=block.keep_days,
            help=block.help,
        )
        .strip()
    )


def text_hash(text: str) -> str:
    """SHA-256 (hex) of the exact text shown, as UTF-8."""
    import hashlib  # noqa: PLC0415 — loaded when first needed, not at start-up

    return hashlib.sha256(text.encode("utf-8")).hexdigest()


@dataclass(frozen=True, slots=True)
class ConsentRecord:
    """What is sealed with the answers about the person's agreement."""

    version: str
    sha256: str
    ticks: dict[str, bool] = field(default_factory=dict)

    def to_json(self) -> dict[str, object]:
        """Plain data for the sealed record."""
        return {"version": self.version, "sha256": self.sha256, "ticks": dict(self.ticks)}


def give_consent(
    block: ConsentBlock, ticked: set[str] | frozenset[str], language: str = "en"
) -> ConsentRecord:
    """Record a "Yes, I agree" with the optional ticks the person chose.

    Ticks not offered by the survey are ignored; every offered tick is recorded as
    True or False so "not ticked" is never confused with "not asked".
    """
    text = consent_text(block, language)
    return ConsentRecord(
        version=block.version,
        sha256=text_hash(text),
        ticks={tick.id: tick.id in ticked for tick in block.ticks},
    )
