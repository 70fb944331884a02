"""What the impact report counts, and the trend rule.

``Tally`` reads opened responses one at a time (so 100 000 fit in little memory)
and keeps only counts by quarter: responses and how they were sent, the "about
you" stakeholder groups, the five principles' poor / average / good and the
co-production checklist's answers. ``Tally.tables`` turns them into protected
tables (``exports.impact_counts``), and ``trend`` says whether an item is moving
towards good.

The trend rule (also in ``docs/impact.md`` and the report itself): take the quarters
where at least ``min_respondents`` people answered the item and the share giving
the good answer may be shown; compare the first such quarter with the last. Up by
``TREND_POINTS`` percentage points or more: improving. Down by as much: getting
worse. Otherwise: about the same. Fewer than two such quarters: not enough answers
to tell.
"""

from __future__ import annotations

import enum
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from exports.impact_counts import Crossed, protect_by_quarter
from exports.opening import OpenedResponse
from exports.report import CHECKLIST_ID, PRINCIPLE_LEVELS, PRINCIPLE_PREFIX
from exports.report_words import CHANNEL_WORDS
from surveys.model import Kind, Question, Survey
from surveys.session import LARGE_TEXT, READ_ALOUD
from surveys.storage import CHANNELS
from surveys.thresholds import Thresholds

STAKEHOLDER_QUESTION = "stakeholder_group"
TREND_POINTS = 10
"""How many percentage points of change count as a real move (a judgement: in groups
of 10 to 30 people, one or two people changing their answer moves a share by less)."""
GOOD_PRINCIPLE = "good"
GOOD_CHECKLIST = "Yes"
AID_ROWS = (
    (READ_ALOUD, "Used read aloud"),
    (LARGE_TEXT, "Chose larger text"),
)
"""The kiosk's aids the report counts, in the order shown."""


class Direction(enum.Enum):
    """Which way an item is moving."""

    IMPROVING = "improving"
    SAME = "about the same"
    WORSE = "getting worse"
    UNKNOWN = "not enough answers to tell"


@dataclass(frozen=True)
class Trend:
    """An item's share giving the good answer, per quarter, and the verdict."""

    shares: tuple[float | None, ...]
    """Per quarter: the share (0 to 100), or None when it may not be shown."""
    direction: Direction
    first: int | None = None
    last: int | None = None
    """Indexes of the quarters compared."""

    @property
    def change(self) -> float | None:
        """Percentage points from the first quarter compared to the last."""
        if self.first is None or self.last is None:
            return None
        first, last = self.shares[self.first], self.shares[self.last]
        assert first is not None
        assert last is not None
        return last - first


def trend(shares: Sequence[float | None]) -> Trend:
    """The trend rule (see the module's words) over per-quarter shares."""
    known = [i for i, share in enumerate(shares) if share is not None]
    if len(known) < 2:
        return Trend(tuple(shares), Direction.UNKNOWN)
    first, last = known[0], known[-1]
    change = shares[last] - shares[first]  # type: ignore[operator]
    if change >= TREND_POINTS:
        direction = Direction.IMPROVING
    elif change <= -TREND_POINTS:
        direction = Direction.WORSE
    else:
        direction = Direction.SAME
    return Trend(tuple(shares), direction, first, last)


@dataclass(frozen=True)
class Item:
    """A principle or a checklist item, with its protected answers and its trend."""

    question_id: str
    text: str
    rows: tuple[tuple[str, str], ...]
    """(stored value, words shown) for each answer."""
    good: str
    table: Crossed
    trend: Trend


@dataclass(frozen=True)
class Tables:
    """Every protected table of the report."""

    quarters: tuple[str, ...]
    channels: Crossed
    channel_rows: tuple[tuple[str, str], ...]
    groups: Crossed | None
    group_rows: tuple[tuple[str, str], ...]
    principles: tuple[Item, ...]
    checklist: tuple[Item, ...]
    aids: Crossed | None = None
    """Read aloud and larger text on the kiosk, of all kiosk answers (None: no kiosk answers)."""
    live: Crossed | None = None
    """Votes and rankings from the passed tablet and from phones (None: there were none)."""


@dataclass
class _Asked:
    text: str
    rows: tuple[tuple[str, str], ...]
    counts: Counter[tuple[str, str]] = field(default_factory=Counter)
    answered: Counter[str] = field(default_factory=Counter)


@dataclass
class Tally:
    """Counts by quarter, added one opened response at a time."""

    surveys: dict[str, Survey]
    responses: Counter[str] = field(default_factory=Counter)
    channels: Counter[tuple[str, str]] = field(default_factory=Counter)
    aids: Counter[tuple[str, str]] = field(default_factory=Counter)
    live: Counter[tuple[str, str]] = field(default_factory=Counter)
    """Votes and ranking ballots by (tablet or phone, quarter): ``exports.impact_live``."""
    groups: _Asked | None = None
    principles: dict[str, _Asked] = field(default_factory=dict)
    checklist: dict[str, _Asked] = field(default_factory=dict)
    _plan: dict[str, list[tuple[str, str]]] = field(default_factory=dict)

    def __post_init__(self) -> None:
        for survey in self.surveys.values():
            self._plan[survey.id] = list(self._questions(survey))

    def _questions(self, survey: Survey) -> Iterable[tuple[str, str]]:
        for question in survey.questions:
            where = _role(survey, question)
            if where is None:
                continue
            rows = tuple((o.value, o.label) for o in question.options)
            if where == "groups" and self.groups is None:
                self.groups = _Asked(question.text, rows)
            elif where == "principles":
                # "Good: We trusted and respected each other…": the level first, for a board.
                named = tuple((value, f"{value.capitalize()}: {label}") for value, label in rows)
                self.principles.setdefault(question.id, _Asked(question.text, named))
            elif where == "checklist":
                self.checklist.setdefault(question.id, _Asked(question.text, rows))
            yield where, question.id

    @property
    def total(self) -> int:
        """Responses counted so far."""
        return sum(self.responses.values())

    def add(self, response: OpenedResponse, quarter: str, channel: str) -> None:
        """Count one response of this quarter, sent this way."""
        self.responses[quarter] += 1
        self.channels[(channel, quarter)] += 1
        if channel == "kiosk":
            for aid in response.aids:
                self.aids[(aid, quarter)] += 1
        for where, question_id in self._plan.get(response.survey_id, ()):
            answer = response.answers.get(question_id)
            if answer is None:
                continue
            asked = (
                self.groups
                if where == "groups"
                else (self.principles if where == "principles" else self.checklist)[question_id]
            )
            assert asked is not None
            asked.answered[quarter] += 1
            chosen = answer if isinstance(answer, tuple) else (answer,)
            for value in chosen:
                asked.counts[(str(value), quarter)] += 1

    def tables(self, quarters: Sequence[str], thresholds: Thresholds) -> Tables:
        """Every table, protected, with each item's trend."""
        used = {c for c, _ in self.channels}
        # Every way people took part gets its row, a known one by its plain words
        # (paper forms keyed in too); the kiosk and phones always.
        known = [c for c in (*CHANNELS, *CHANNEL_WORDS) if c in used]
        seen = [*known, *sorted(used - set(known))]
        channel_rows = tuple((c, CHANNEL_WORDS.get(c, c)) for c in ("kiosk", "phone", *seen))
        channel_rows = tuple(dict(channel_rows).items())
        # Each quarter stands alone (no whole-period column): an export of one quarter
        # shows that quarter's numbers its own way, and must not undo hiding done here.
        channels = protect_by_quarter(
            self.channels,
            self.responses,
            [c for c, _ in channel_rows],
            quarters,
            thresholds,
            whole=False,
        )
        kiosk = {q: self.channels[("kiosk", q)] for q in quarters}
        aids = None
        if any(kiosk.values()):
            # Each aid counts some of the kiosk's answers: a person may use both.
            aids = protect_by_quarter(
                self.aids,
                kiosk,
                [aid for aid, _ in AID_ROWS],
                quarters,
                thresholds,
                multi=True,
                whole=False,
            )
        live = None
        if any(self.live.values()):
            rows = ("tablet", "phone")
            totals = {q: sum(self.live[(row, q)] for row in rows) for q in quarters}
            live = protect_by_quarter(self.live, totals, rows, quarters, thresholds, whole=False)
        groups = None
        if self.groups is not None:
            groups = protect_by_quarter(
                self.groups.counts,
                self.groups.answered,
                [value for value, _ in self.groups.rows],
                quarters,
                thresholds,
                multi=True,
                sensitive=True,
                whole=False,
            )
        return Tables(
            tuple(quarters),
            channels,
            channel_rows,
            groups,
            self.groups.rows if self.groups else (),
            _items(self.principles, GOOD_PRINCIPLE, quarters, thresholds),
            _items(self.checklist, GOOD_CHECKLIST, quarters, thresholds),
            aids,
            live,
        )


def _items(
    asked: dict[str, _Asked], good: str, quarters: Sequence[str], thresholds: Thresholds
) -> tuple[Item, ...]:
    items = []
    for question_id, what in asked.items():
        table = protect_by_quarter(
            what.counts, what.answered, [v for v, _ in what.rows], quarters, thresholds, whole=False
        )
        shares = [table.share_value(good, q, thresholds) for q in quarters]
        items.append(Item(question_id, what.text, what.rows, good, table, trend(shares)))
    return tuple(items)


def _role(survey: Survey, question: Question) -> str | None:
    if question.id == STAKEHOLDER_QUESTION and question.kind is Kind.MULTI:
        return "groups"
    if (
        question.id.startswith(PRINCIPLE_PREFIX)
        and question.kind is Kind.SINGLE
        and question.option_values() == PRINCIPLE_LEVELS
    ):
        return "principles"
    if (
        survey.id == CHECKLIST_ID
        and question.kind is Kind.SINGLE
        and GOOD_CHECKLIST in question.option_values()
    ):
        return "checklist"
    return None
