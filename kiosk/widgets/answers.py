"""Question kinds as data: each kind's answer widget is one row of ``ANSWER_WIDGETS``."""

from __future__ import annotations

from collections.abc import Callable

from kiosk.widgets.answer_base import AnswerWidget
from kiosk.widgets.choice_list import ChoiceList
from kiosk.widgets.ranking_list import RankingList
from kiosk.widgets.text_answer import TextAnswer
from surveys.model import AnswerValue, Kind, Question


class InfoPage(AnswerWidget):
    """An information page has nothing to answer; Next goes on."""


AnswerFactory = Callable[[Question, AnswerValue | None], AnswerWidget]

ANSWER_WIDGETS: dict[Kind, AnswerFactory] = {
    Kind.SINGLE: ChoiceList,
    Kind.MULTI: ChoiceList,
    Kind.SCALE: ChoiceList,
    Kind.RATING: ChoiceList,
    Kind.YESNO: ChoiceList,
    Kind.TEXT: TextAnswer,
    Kind.LONGTEXT: TextAnswer,
    Kind.RANKING: RankingList,
    Kind.INFO: InfoPage,
}


def answer_widget(question: Question, previous: AnswerValue | None) -> AnswerWidget:
    """The answer widget for a question's kind."""
    return ANSWER_WIDGETS[question.kind](question, previous)
