"""``anonymise``: the default release, the only way from decrypted responses to what
writers accept when no rows are asked for.

It has no per-response rows: the quotes (only with the writer's agreement, unlinked to
anything) and the comment counts, protected as one grid. Rows are a separate release,
asked for by name (``kiosk export --research-extract``): ``exports.research_extract``.
"""

from __future__ import annotations

import random
import secrets
from collections import Counter, defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from exports.comment_review import Action, Comment, Decision, Written
from exports.opening import OpenedResponse
from exports.records import (
    SEAL,
    AnonymisedRecord,
    Column,
    Quote,
)
from exports.report_words import report_words
from surveys.catalogues import N_
from surveys.disclosure import CountGrid, Reason, Released, Suppression, protect
from surveys.model import Survey
from surveys.thresholds import Thresholds

KEPT_NO_THEME = "comment kept"


@dataclass(frozen=True, slots=True)
class CommentSummary:
    """What happened to the comments for one free-text question (counts of people)."""

    survey_id: str
    question_id: str
    written: int = 0
    kept: int = 0
    dropped: int = 0
    pending: int = 0
    kept_not_quotable: int = 0
    themes: tuple[tuple[str, int], ...] = ()
    """(theme, people), most first; "" is no theme, and holds the themes merged into it."""
    themes_merged: int = 0
    """How many themes were too small to show, so count as no theme (``protect_comments``)."""
    cells: Mapping[str, Released] = field(default_factory=dict)
    """The counts above as published: written, kept, dropped, pending, kept_not_quotable,
    quoted — each shown, "<5" or hidden."""
    theme_cells: Mapping[str, Released] = field(default_factory=dict)
    quotes_shown: bool = True


@dataclass(frozen=True)
class AnonymisedData:
    """Everything row-level an export may write."""

    columns: tuple[Column, ...]
    records: tuple[AnonymisedRecord, ...]
    quotes: tuple[Quote, ...]
    comments: tuple[CommentSummary, ...]
    suppressions: tuple[Suppression, ...] = ()
    left_out: tuple[str, ...] = field(default=())
    """Plain notes on what was left out of the rows (e.g. identifying questions)."""
    merged_themes: Mapping[tuple[str, str], frozenset[str]] = field(default_factory=dict)
    """Per question, the themes too small to name (given as no theme everywhere)."""
    extract: bool = False
    """True for a research extract (rows); the default release has none."""


def anonymise(
    responses: Sequence[OpenedResponse],
    *,
    written: Sequence[Sequence[Written]],
    comments: Sequence[Comment],
    decisions: Mapping[str, Decision],
    surveys: Sequence[Survey],
    thresholds: Thresholds,
    rng: random.Random | None = None,
    language: str = "en",
) -> AnonymisedData:
    """Quotes and comment counts that may be written: the default release has no rows.

    ``written[i]`` holds the free-text answers of ``responses[i]``, already scrubbed
    and keyed by ``exports.comment_review``. Rows come only from ``research_extract``.
    """
    rng = rng or secrets.SystemRandom()
    text_of = {c.key: c for c in comments}
    w = report_words(language)
    left_out = [
        w(
            N_(
                "\u201c{question}\u201d ({survey}) is marked identifying, "
                "so its answers are left out."
            ),
            question=q.text,
            survey=s.id,
        )
        for s in surveys
        for q in s.questions
        if q.asks and q.identifying
    ]
    respondents = Counter(r.survey_id for r in responses)
    quotes, summaries, merged = _quotes(
        written, text_of, decisions, thresholds, rng, respondents=respondents
    )
    return AnonymisedData((), (), quotes, summaries, (), tuple(left_out), merged)


def _quotes(
    written: Sequence[Sequence[Written]],
    comments: Mapping[str, Comment],
    decisions: Mapping[str, Decision],
    thresholds: Thresholds,
    rng: random.Random,
    *,
    respondents: Mapping[str, int],
) -> tuple[tuple[Quote, ...], tuple[CommentSummary, ...], dict[tuple[str, str], frozenset[str]]]:
    """Quotes, comment counts, and the themes too small to show, per question."""
    counts: dict[tuple[str, str], Counter[str]] = defaultdict(Counter)
    themes: dict[tuple[str, str], Counter[str]] = defaultdict(Counter)
    quoted: dict[tuple[str, str], Counter[str]] = defaultdict(Counter)
    quotable: list[tuple[str, str, str, str | None, str | None]] = []
    for texts in written:
        for item in texts:
            where = (item.survey_id, item.question_id)
            tally = counts[where]
            tally["written"] += 1
            decision = decisions.get(item.key)
            if decision is None:
                tally["pending"] += 1
                continue
            if decision.action is Action.DROP:
                tally["dropped"] += 1
                continue
            tally["kept"] += 1
            themes[where][decision.theme or ""] += 1
            if not item.quotable or item.held_back:
                # Held back: its language could tell who wrote it, so it is never quoted,
                # and counted with the comments not quoted (a count of its own would
                # tell the room that someone in a small language group wrote one).
                tally["kept_not_quotable"] += 1
                continue
            tally["quoted"] += 1
            quoted[where][decision.theme or ""] += 1
            words = decision.text if decision.action is Action.EDIT else comments[item.key].text
            quotable.append(
                (item.survey_id, item.question_id, words or "", decision.theme, item.language)
            )
    protected = {
        where: protect_comments(
            tally, themes[where], quoted[where], respondents.get(where[0], 0), thresholds
        )
        for where, tally in counts.items()
    }
    merged = {where: c.merged for where, c in protected.items()}
    marked = _language_marks(quotable, thresholds)
    quotes = []
    for survey_id, question_id, words, theme, language in quotable:
        found = protected[(survey_id, question_id)]
        if not found.quotes_shown:
            continue
        mark = language if (survey_id, question_id) in marked else None
        named = found.themes_on_quotes and theme not in found.merged
        quotes.append(
            Quote(
                survey_id,
                question_id,
                words,
                theme if named else None,
                seal=SEAL,
                language=mark,
            )
        )
    rng.shuffle(quotes)
    summaries = tuple(
        CommentSummary(
            survey_id=where[0],
            question_id=where[1],
            written=tally["written"],
            kept=tally["kept"],
            dropped=tally["dropped"],
            pending=tally["pending"],
            kept_not_quotable=tally["kept_not_quotable"],
            themes=protected[where].themes,
            themes_merged=len(protected[where].merged),
            cells=protected[where].cells,
            theme_cells=protected[where].theme_cells,
            quotes_shown=protected[where].quotes_shown,
        )
        for where, tally in sorted(counts.items())
    )
    return tuple(quotes), summaries, merged


def _language_marks(
    quotable: Sequence[tuple[str, str, str, str | None, str | None]], thresholds: Thresholds
) -> set[tuple[str, str]]:
    """The questions whose quotes may carry their language marks.

    Marks let a reader count a question's quotes per language, so those counts go
    through the disclosure engine as one grid adding up to the number of quotes
    (unmarked quotes are one more cell): if any would be hidden — say, the only
    quote in Welsh — no quote of that question is marked.
    """
    by_question: dict[tuple[str, str], Counter[str]] = defaultdict(Counter)
    for survey_id, question_id, _, _, language in quotable:
        by_question[(survey_id, question_id)][language or ""] += 1
    allowed = set()
    for where, counts in by_question.items():
        if not any(counts.keys() - {""}):
            continue
        grid = CountGrid()
        cells = [grid.add(f"l:{code}", n) for code, n in counts.items()]
        grid.add("quoted", sum(counts.values()))
        grid.tie(cells, "quoted")
        released = protect(grid, thresholds)
        if not any(released[cell].hidden for cell in cells):
            allowed.add(where)
    return allowed


@dataclass(frozen=True)
class CommentCounts:
    """One free-text question's published counts, protected together."""

    cells: Mapping[str, Released]
    """written, kept, dropped, pending, kept_not_quotable, quoted (and respondents)."""
    themes: tuple[tuple[str, int], ...]
    theme_cells: Mapping[str, Released]
    merged: frozenset[str]
    themes_on_quotes: bool
    quotes_shown: bool


def protect_comments(
    tally: Mapping[str, int],
    themes: Mapping[str, int],
    quoted: Mapping[str, int],
    respondents: int,
    thresholds: Thresholds,
) -> CommentCounts:
    """Every count published about a question's comments, as one grid of sums.

    The survey's response count = wrote + didn't; wrote = kept + dropped + waiting;
    kept = quoted + not quotable = the sum of the themes; and, when quotes are shown
    under their themes, each theme's quotes are a count too. A theme whose count
    would be hidden is merged into no theme (its name would let the rows or quotes be
    counted back); when a theme's number of quotes would be hidden, quotes are shown
    without themes; when the number of quotes would be hidden, none are shown.
    """
    counts = Counter(themes)
    quotes_by_theme = Counter(quoted)
    merged: set[str] = set()

    def build(by_theme: bool) -> dict[str, Released]:
        grid = CountGrid()
        written = tally.get("written", 0)
        grid.add("respondents", max(respondents, written))
        grid.add("not_written", max(respondents, written) - written, published=False)
        for name in ("written", "kept", "dropped", "pending", "kept_not_quotable", "quoted"):
            grid.add(name, tally.get(name, 0))
        grid.tie(["written", "not_written"], "respondents")
        grid.tie(["kept", "dropped", "pending"], "written")
        grid.tie(["quoted", "kept_not_quotable"], "kept")
        if counts:
            grid.tie([grid.add(f"t:{name}", n) for name, n in counts.items()], "kept")
        if by_theme and counts:
            for name, n in counts.items():
                grid.add(f"q:{name}", quotes_by_theme[name])
                grid.add(f"nq:{name}", n - quotes_by_theme[name], published=False)
                grid.tie([f"q:{name}", f"nq:{name}"], f"t:{name}")
            grid.tie([f"q:{name}" for name in counts], "quoted")
        return protect(grid, thresholds)

    while True:  # merge hidden themes into no theme, the small ones first
        released = build(by_theme=False)
        hidden = [name for name in counts if name and released[f"t:{name}"].hidden]
        small = [n for n in hidden if released[f"t:{n}"].reason is Reason.SMALL] or hidden
        if not small:
            break
        for name in small:
            counts[""] += counts.pop(name)
            quotes_by_theme[""] += quotes_by_theme.pop(name, 0)
            merged.add(name)
    by_theme = bool(counts)
    if by_theme:  # quotes under their themes only when every theme's quote count is shown
        with_quotes = build(by_theme=True)
        if any(with_quotes[f"q:{n}"].hidden or with_quotes[f"t:{n}"].hidden for n in counts):
            by_theme = False
        else:
            released = with_quotes
    withheld = released["respondents"].hidden
    if withheld:
        gone = Released(None, "hidden", Reason.SECONDARY)
        released = dict.fromkeys(released, gone)
    shown = tuple(sorted(counts.items(), key=lambda t: (-t[1], t[0])))
    return CommentCounts(
        cells=released,
        themes=shown,
        theme_cells={name: released[f"t:{name}"] for name in counts},
        merged=frozenset(merged),
        themes_on_quotes=by_theme,
        quotes_shown=not released["quoted"].hidden,
    )
