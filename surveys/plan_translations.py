"""A session plan's words in other languages: the keys of its texts, checking a plan's
``translations:`` block, and the plan as a group that chose a language sees it.

A plan is written in English. Its translations use the same flat "key: words" list
as a survey's (``surveys.survey_translations``)::

    translations:
      cy:
        title: Beth sy'n bwysig i ni?
        stage.1.title: Ysgrifennu syniadau
        stage.1.prompt: Beth fyddai'n gwneud y gwahaniaeth mwyaf i chi?
        question.heard.text: Faint oeddech chi'n teimlo bod pobl yn gwrando arnoch chi?
        question.heard.option.A lot: Llawer

Stages are counted from 1, in the order they are written. A poll in a plan has the
same keys as a survey question (its option VALUES never change, so the votes in every
language are counted together). A stage's ``guide`` is the facilitator's own and is
not translated; a stage with no ``title`` shows the kiosk's own heading, which the
kiosk already has in every language.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace

from yaml.nodes import MappingNode, Node

from surveys.errors import ErrorCode, Severity
from surveys.languages import LANGUAGES, SOURCE_LANGUAGE, language
from surveys.model import Translation
from surveys.plan_model import DEFAULT_TITLES, PlanStage, SessionPlan
from surveys.survey_translations import (
    TranslationReader,
    describe_key,
    question_in_language,
    question_texts,
)
from surveys.yaml_nodes import Fields, scalar_text


def plan_texts(plan: SessionPlan) -> dict[str, str]:
    """Every text of the plan the group sees, by its key, in the order they meet them."""
    out = {"title": plan.title}
    if plan.about:
        out["about"] = plan.about
    for number, stage in enumerate(plan.stages, start=1):
        if stage.title != DEFAULT_TITLES[stage.kind]:
            out[f"stage.{number}.title"] = stage.title
        if stage.prompt:
            out[f"stage.{number}.prompt"] = stage.prompt
        if stage.poll is not None:
            out |= question_texts(stage.poll)
    return out


def describe_plan_key(key: str) -> str:
    """A key in words for an author: "stage 2 (prompt)"."""
    parts = key.split(".")
    if parts[0] == "stage" and len(parts) == 3:
        return f"stage {parts[1]} ({parts[2]})"
    return describe_key(key)


def read_plan_translations(
    reader: TranslationReader, fields: Fields, plan: SessionPlan, sources: dict[str, Node]
) -> tuple[Translation, ...]:
    """Each language's texts, checked against ``plan_texts``: an unknown language, a key
    the plan doesn't have or blank words are errors; a missing text is advice (it shows
    in English), located at the English text in ``sources``."""
    if "translations" not in fields:
        return ()
    block = reader.read_mapping(fields["translations"][1], "translations", "the plan")
    wanted = plan_texts(plan)
    found: list[Translation] = []
    for code, (key_node, node) in (block or {}).items():
        known = language(code)
        if known is None or code == SOURCE_LANGUAGE or code not in LANGUAGES:
            reader.report.add(
                ErrorCode.UNKNOWN_LANGUAGE,
                key_node,
                lang=code,
                hint=" The plan itself is in English." if code == SOURCE_LANGUAGE else "",
            )
            continue
        read = reader.read_one(code, node, wanted)
        if read is None:
            continue
        words, places = read
        written = (
            {scalar_text(key) for key, _ in node.value} if isinstance(node, MappingNode) else set()
        )
        for key in wanted:
            if key not in words and key not in written:  # blank words are reported already
                reader.report.add(
                    ErrorCode.TRANSLATION_MISSING,
                    sources.get(key, key_node),
                    Severity.WARNING,
                    name=known.english_name,
                    lang=code,
                    what=describe_plan_key(key),
                    key=key,
                    source="English",
                )
        found.append(Translation(code, words, places))
    return tuple(found)


def plan_in_language(plan: SessionPlan, code: str) -> SessionPlan:
    """The plan as a group that chose ``code`` sees it: every translated text in that
    language, anything untranslated in English. Stage kinds, timers, poll ids and
    option values stay the same, so a saved session and its votes still fit."""
    chosen = next((t for t in plan.translations if t.language == code), None)
    if chosen is None:
        return plan
    words = chosen.texts

    def say(key: str, default: str) -> str:
        return words.get(key, default)

    return replace(
        plan,
        title=say("title", plan.title),
        about=say("about", plan.about) if plan.about else plan.about,
        stages=tuple(_stage(stage, number, say) for number, stage in enumerate(plan.stages, 1)),
    )


def _stage(stage: PlanStage, number: int, say: Callable[[str, str], str]) -> PlanStage:
    key = f"stage.{number}"
    return replace(
        stage,
        title=say(f"{key}.title", stage.title),
        prompt=say(f"{key}.prompt", stage.prompt) if stage.prompt else stage.prompt,
        poll=None if stage.poll is None else question_in_language(stage.poll, say),
    )
