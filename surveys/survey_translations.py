"""A survey's words in other languages: the keys of its texts, checking a
``translations:`` block, and the survey as a participant sees it in their language.

Every text a participant meets has a key, so a translation is a flat list of
"key: words" under its language::

    language: en            # the language the file is written in (English if not said)
    translations:
      cy:
        title: Adborth am y cwrs
        question.how-was-it.text: Sut oedd y cwrs?
        question.how-was-it.option.good: Da

Option values are never translated (only their words), so answers in every
language merge into the same tables. A missing translation is advice (the text
shows in the file's own language); a key the survey doesn't have, an unknown
language, or a blank text is an error.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import replace

from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from surveys.consent import consent_languages
from surveys.errors import ErrorCode, Severity
from surveys.languages import EASY_READ, LANGUAGES, language
from surveys.model import (
    DEFAULT_SCALE_LABELS,
    PREFER_NOT_TO_SAY,
    ConsentBlock,
    Question,
    Section,
    SupportBlock,
    SupportLine,
    Survey,
    Translation,
)
from surveys.yaml_nodes import (
    FieldReader,
    Fields,
    Reporter,
    close_match_hint,
    mapping_fields,
    scalar_text,
)

_Say = Callable[[str, str], str]

OPTIONAL_KEYS = frozenset(
    {"run_by", "consent.organisation", "consent.coordinator", "consent.contact"}
)
"""Names that often stay as they are in every language: no advice when left out."""

_NAME_KEY = re.compile(
    r"^(?:run_by|consent\.(?:organisation|coordinator|help)|support\.talk_to"
    r"|support\.line\.\d+\.name|glossary\..+\.word)$"
)


def is_name(key: str) -> bool:
    """True for the key of a name or a who-to-ask phrase rather than a sentence: Easy
    Read (which is English) keeps these as they are, so none is missed when left out."""
    return bool(_NAME_KEY.match(key))


def texts(survey: Survey) -> dict[str, str]:
    """Every translatable text of the survey by its key, in the order people meet them."""
    out: dict[str, str] = {"title": survey.title, "intro": survey.intro}
    if survey.run_by:
        out["run_by"] = survey.run_by
    consent = survey.consent
    out["consent.organisation"] = consent.organisation
    out["consent.coordinator"] = consent.coordinator
    out["consent.contact"] = consent.contact
    out["consent.help"] = consent.help
    for tick in consent.ticks:
        out[f"consent.tick.{tick.id}"] = tick.text
    for section in survey.sections:
        out[f"section.{section.id}.title"] = section.title
        if section.content_note:
            out[f"section.{section.id}.content_note"] = section.content_note
    for question in survey.questions:
        out |= question_texts(question)
    if survey.support is not None:
        out["support.talk_to"] = survey.support.talk_to
        for number, line in enumerate(survey.support.lines, start=1):
            out[f"support.line.{number}.name"] = line.name
            out[f"support.line.{number}.how"] = line.how
    for word, meaning in survey.glossary.items():
        out[f"glossary.{word}.word"] = word
        out[f"glossary.{word}.meaning"] = meaning
    return out


def question_texts(question: Question) -> dict[str, str]:
    """A question's translatable texts by key (also used for the polls in a plan)."""
    key = f"question.{question.id}"
    out = {f"{key}.text": question.text}
    if question.help:
        out[f"{key}.help"] = question.help
    for option in question.options:
        if option.value != PREFER_NOT_TO_SAY:
            out[f"{key}.option.{option.value}"] = option.label
    if question.scale_labels != DEFAULT_SCALE_LABELS:
        for number, label in enumerate(question.scale_labels, start=1):
            out[f"{key}.scale.{number}"] = label
    if question.low_label:
        out[f"{key}.low_label"] = question.low_label
    if question.high_label:
        out[f"{key}.high_label"] = question.high_label
    return out


def describe_key(key: str) -> str:
    """A key in words for an author: "question 'q1' (its help)"."""
    parts = key.split(".")
    if parts[0] == "question" and len(parts) >= 3:
        rest = " ".join(parts[2:]).replace("_", " ")
        return f"question '{parts[1]}' ({rest})"
    if parts[0] == "section" and len(parts) >= 3:
        return f"section '{parts[1]}' ({parts[2].replace('_', ' ')})"
    return "the " + " ".join(parts).replace("_", " ")


# -- reading a file's translations -------------------------------------------------


class TranslationReader(FieldReader):
    """Reads ``language`` and ``translations`` once the survey itself is read."""

    def read_language(self, fields: Fields) -> str:
        """The file's own language (English when not said; reported when unknown)."""
        if "language" not in fields:
            return "en"
        node = fields["language"][1]
        code = (scalar_text(node) or "").strip().lower()
        if language(code) is None:
            self._unknown_language(code, node)
            return "en"
        return code

    def _unknown_language(self, code: str, node: Node) -> None:
        self.report.add(
            ErrorCode.UNKNOWN_LANGUAGE,
            node,
            lang=code,
            hint=close_match_hint(code, set(LANGUAGES)),
        )

    def read_translations(
        self, fields: Fields, survey: Survey, sources: dict[str, Node]
    ) -> tuple[Translation, ...]:
        """Each language's texts, checked against the survey's ``texts``; ``sources``
        locates each text in the file for the advice about missing ones."""
        if "translations" not in fields:
            return ()
        block = self.read_mapping(fields["translations"][1], "translations", "the survey")
        wanted = texts(survey)
        found: list[Translation] = []
        for code, (key_node, node) in (block or {}).items():
            known = language(code)
            if known is None:
                self._unknown_language(code, key_node)
                continue
            if code == survey.language:
                self.report.add(
                    ErrorCode.TRANSLATION_OF_SOURCE, key_node, name=known.english_name, lang=code
                )
                continue
            read = self.read_one(code, node, wanted)
            if read is None:
                continue
            words, places = read
            source = language(survey.language)
            for key in wanted.keys() - words.keys() - OPTIONAL_KEYS:
                if code == EASY_READ and is_name(key):
                    continue
                if code == EASY_READ:
                    self.report.add(
                        ErrorCode.EASY_READ_MISSING,
                        sources.get(key, key_node),
                        Severity.WARNING,
                        what=describe_key(key),
                        key=key,
                    )
                    continue
                self.report.add(
                    ErrorCode.TRANSLATION_MISSING,
                    sources.get(key, key_node),
                    Severity.WARNING,
                    name=known.english_name,
                    lang=code,
                    what=describe_key(key),
                    key=key,
                    source=source.english_name if source else survey.language,
                )
            # Easy Read is English: its readers meet the shipped English consent text.
            if code != EASY_READ and code not in consent_languages(survey.consent.version):
                self.report.add(
                    ErrorCode.CONSENT_NOT_TRANSLATED,
                    key_node,
                    Severity.WARNING,
                    version=survey.consent.version,
                    name=known.english_name,
                )
            found.append(Translation(code, words, places))
        return tuple(found)

    def read_one(
        self, code: str, node: Node, wanted: dict[str, str]
    ) -> tuple[dict[str, str], dict[str, tuple[int, int]]] | None:
        where = f"the '{code}' translation"
        if not isinstance(node, MappingNode):
            self.read_mapping(node, code, "translations")  # reports what it is instead
            return None
        name = LANGUAGES[code].english_name
        words: dict[str, str] = {}
        places: dict[str, tuple[int, int]] = {}
        fields = mapping_fields(node, self.report)
        for key, (key_node, value_node) in fields.items():
            if key not in wanted:
                self.report.add(
                    ErrorCode.TRANSLATION_EXTRA,
                    key_node,
                    name=name,
                    lang=code,
                    key=key,
                    hint=close_match_hint(key, set(wanted)),
                )
                continue
            text = self.read_text(fields, key, where, node)
            if text is not None:
                words[key] = text
                start = value_node.start_mark
                places[key] = (start.line + 1, start.column + 1)
        return words, places


def source_nodes(root: MappingNode) -> dict[str, Node]:
    """Where each translatable text is written in the file, for located advice."""
    top = mapping_fields(root, _quiet())
    out: dict[str, Node] = {}
    for key in ("title", "intro", "run_by"):
        if key in top:
            out[key] = top[key][1]
    consent = _fields(top, "consent")
    for key in ("organisation", "coordinator", "contact", "help"):
        if key in consent:
            out[f"consent.{key}"] = consent[key][1]
    for tick in _items(consent, "ticks"):
        _with_id(out, tick, "consent.tick.{id}", "text")
    for section in _items(top, "sections"):
        _with_id(out, section, "section.{id}.title", "title")
        _with_id(out, section, "section.{id}.content_note", "content_note")
    for question in _items(top, "questions"):
        for name in ("text", "help", "low_label", "high_label"):
            _with_id(out, question, "question.{id}." + name, name)
        ident = _text(question, "id")
        if ident and "options" in question:
            for item in _list(question["options"][1]):
                value = _option_value(item)
                if value:
                    out[f"question.{ident}.option.{value}"] = item
        if ident and "scale_labels" in question:
            for number, item in enumerate(_list(question["scale_labels"][1]), start=1):
                out[f"question.{ident}.scale.{number}"] = item
    support = _fields(top, "support")
    if "talk_to" in support:
        out["support.talk_to"] = support["talk_to"][1]
    for number, line in enumerate(_items(support, "lines"), start=1):
        for name in ("name", "how"):
            if name in line:
                out[f"support.line.{number}.{name}"] = line[name][1]
    for word, (key_node, value_node) in _fields(top, "glossary").items():
        out[f"glossary.{word}.word"] = key_node
        out[f"glossary.{word}.meaning"] = value_node
    return out


def _quiet() -> Reporter:
    """A reporter whose problems are dropped: the survey reader already reported them."""
    return Reporter("")


def _fields(fields: Fields, name: str) -> Fields:
    node = fields[name][1] if name in fields else None
    return mapping_fields(node, _quiet()) if isinstance(node, MappingNode) else {}


def _list(node: Node) -> list[Node]:
    return list(node.value) if isinstance(node, SequenceNode) else []


def _items(fields: Fields, name: str) -> list[Fields]:
    if name not in fields:
        return []
    return [
        mapping_fields(item, _quiet())
        for item in _list(fields[name][1])
        if isinstance(item, MappingNode)
    ]


def _text(fields: Fields, name: str) -> str | None:
    return scalar_text(fields[name][1]) if name in fields else None


def _with_id(out: dict[str, Node], fields: Fields, pattern: str, name: str) -> None:
    ident = _text(fields, "id")
    if ident and name in fields:
        out[pattern.format(id=ident.strip())] = fields[name][1]


def _option_value(item: Node) -> str | None:
    if isinstance(item, ScalarNode):
        text = scalar_text(item)
        return text.strip() if text else None
    if isinstance(item, MappingNode):
        fields = mapping_fields(item, _quiet())
        value = _text(fields, "value") or _text(fields, "label")
        return value.strip() if value else None
    return None


# -- the survey in a language -------------------------------------------------------


def in_language(survey: Survey, code: str) -> Survey:
    """The survey as people who chose ``code`` see it: every translated text in that
    language, anything untranslated in the file's own. Ids and option values stay
    the same, so answers merge whatever the language."""
    if code == survey.language:
        return survey
    chosen = next((t for t in survey.translations if t.language == code), None)
    if chosen is None:
        return survey
    words = chosen.texts

    def say(key: str, default: str) -> str:
        return words.get(key, default)

    return replace(
        survey,
        title=say("title", survey.title),
        intro=say("intro", survey.intro),
        run_by=say("run_by", survey.run_by) if survey.run_by else survey.run_by,
        consent=_consent(survey.consent, say),
        sections=tuple(_section(s, say) for s in survey.sections),
        questions=tuple(question_in_language(q, say) for q in survey.questions),
        support=None if survey.support is None else _support(survey.support, say),
        glossary={
            say(f"glossary.{w}.word", w): say(f"glossary.{w}.meaning", m)
            for w, m in survey.glossary.items()
        },
        language=code,
    )


def _consent(block: ConsentBlock, say: _Say) -> ConsentBlock:
    return replace(
        block,
        organisation=say("consent.organisation", block.organisation),
        coordinator=say("consent.coordinator", block.coordinator),
        contact=say("consent.contact", block.contact),
        help=say("consent.help", block.help),
        ticks=tuple(replace(t, text=say(f"consent.tick.{t.id}", t.text)) for t in block.ticks),
    )


def _section(section: Section, say: _Say) -> Section:
    key = f"section.{section.id}"
    note = section.content_note
    return replace(
        section,
        title=say(f"{key}.title", section.title),
        content_note=say(f"{key}.content_note", note) if note else note,
    )


def question_in_language(question: Question, say: _Say) -> Question:
    """The question with each text ``say`` has words for (its id and option values kept)."""
    key = f"question.{question.id}"
    scale = question.scale_labels
    if scale != DEFAULT_SCALE_LABELS:
        scale = tuple(say(f"{key}.scale.{n}", label) for n, label in enumerate(scale, start=1))
    return replace(
        question,
        text=say(f"{key}.text", question.text),
        help=say(f"{key}.help", question.help) if question.help else question.help,
        options=tuple(
            replace(o, label=say(f"{key}.option.{o.value}", o.label)) for o in question.options
        ),
        scale_labels=scale,
        low_label=say(f"{key}.low_label", question.low_label)
        if question.low_label
        else question.low_label,
        high_label=say(f"{key}.high_label", question.high_label)
        if question.high_label
        else question.high_label,
    )


def _support(block: SupportBlock, say: _Say) -> SupportBlock:
    return SupportBlock(
        say("support.talk_to", block.talk_to),
        tuple(
            SupportLine(
                say(f"support.line.{n}.name", line.name), say(f"support.line.{n}.how", line.how)
            )
            for n, line in enumerate(block.lines, start=1)
        ),
    )
