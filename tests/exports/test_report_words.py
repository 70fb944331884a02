"""The report's own words (issue 17): in English word for word the core's sentences,
so the two can't drift; in Welsh through the report catalogue, plurals in Welsh's
six forms, every value escaped."""

from __future__ import annotations

import datetime as dt

import pytest

from exports.outcomes import Outcomes
from exports.report_words import (
    lang_tag,
    outcomes_summary,
    reason_text,
    report_words,
    settings_text,
    template_functions,
)
from surveys.action_model import Timeliness
from surveys.disclosure import Reason, explain
from surveys.thresholds import NHS, SMALL_GROUP, Thresholds

ENGLISH = report_words("en")
WELSH = report_words("cy")
MORE = (
    "{count} more quote on this theme is in the workbook\u2019s Comments sheet.",
    "{count} more quotes on this theme are in the workbook\u2019s Comments sheet.",
)


@pytest.mark.parametrize("thresholds", [SMALL_GROUP, NHS], ids=["small-group", "nhs"])
@pytest.mark.parametrize("reason", list(Reason))
def test_english_reasons_are_the_core_s_own_words(reason: Reason, thresholds: Thresholds) -> None:
    assert reason_text(ENGLISH, reason, thresholds) == explain(reason, thresholds)


@pytest.mark.parametrize("thresholds", [SMALL_GROUP, NHS], ids=["small-group", "nhs"])
def test_english_settings_are_the_core_s_own_words(thresholds: Thresholds) -> None:
    assert settings_text(ENGLISH, thresholds) == thresholds.describe()


@pytest.mark.parametrize(
    "counts",
    [
        ((Timeliness.ON_TIME, 1),),
        ((Timeliness.ON_TIME, 5), (Timeliness.OVERDUE, 3), (Timeliness.NOT_DUE, 4)),
        ((Timeliness.LATE, 2), (Timeliness.NOT_POSSIBLE, 1)),
    ],
)
def test_the_english_actions_summary_is_unchanged(
    counts: tuple[tuple[Timeliness, int], ...],
) -> None:
    outcomes = Outcomes(today=dt.date(2026, 4, 1), counts=counts)
    plain = [(kind.value, count) for kind, count in counts]
    assert outcomes_summary(ENGLISH, plain) == outcomes.summary()


def test_welsh_reasons_are_welsh() -> None:
    said = reason_text(WELSH, Reason.SMALL, SMALL_GROUP)
    assert said == "Rhwng 1 a 4 o bobl: wedi\u2019i guddio fel na all neb gael ei adnabod."


@pytest.mark.parametrize(
    ("count", "words"),
    [
        (1, "Mae un dyfyniad arall"),
        (2, "Mae dau ddyfyniad arall"),
        (3, "Mae tri dyfyniad arall"),
        (6, "Mae chwe dyfyniad arall"),
        (7, "Mae 7 dyfyniad arall"),
        (20, "Mae 20 dyfyniad arall"),
    ],
)
def test_welsh_plurals_take_the_welsh_form(count: int, words: str) -> None:
    counted = template_functions(WELSH)["n_"]
    assert str(counted(*MORE, count)).startswith(words)


def test_template_words_escape_every_value() -> None:
    say = template_functions(ENGLISH)["_"]
    shown = str(say("Written in {language}", language="<b>x</b>"))
    assert shown == "Written in &lt;b&gt;x&lt;/b&gt;"


def test_a_variant_that_is_not_a_language_tag_is_marked_as_its_language() -> None:
    assert (lang_tag("cy"), lang_tag("pl")) == ("cy", "pl")
    assert lang_tag("no-such-variant") == "und"
