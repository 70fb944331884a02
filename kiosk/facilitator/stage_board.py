"""What the shared screen shows for each stage of a session plan, as Rich ``Text``.

The projector is watched by everyone in the room, so each stage shows only what the
room may see: while ideas are written, how many have come in (never their words);
while people rank, how many have ranked (never a partial result); and the results
only as ``FocusGroup.results`` gives them, through the one disclosure engine.
Every word a participant wrote is drawn as plain text (``safe_text`` or the big
glyphs), never read as markup or sent to the terminal as a command.
"""

from __future__ import annotations

import datetime as dt
import math

from rich.text import Text

from accessibility.big_text import ROWS_PER_LINE, big_text, drawable, wrap
from accessibility.big_text import characters_per_line as big_characters
from kiosk.facilitator.plan_view import PlanView
from kiosk.safe_text import safe_text
from surveys.catalogues import N_, _, n_
from surveys.disclosure import Reason
from surveys.facilitation import group_words
from surveys.idea_ranking import GroupScores, RankResults, Score, places
from surveys.ideas import Idea, IdeaPool, round_words
from surveys.plan_model import DEFAULT_TITLES, StageKind
from surveys.plan_record import StageNow
from surveys.poll_results import GROUP_NOTES

TIME_UP = N_("Time's up")
PAUSED = N_("Paused")
WRITING = N_("Write your ideas on your own, on your phone or the tablet.")
WRITING_DONE = N_("Writing has finished. Thank you.")
TALKING = N_("Talk together. There is nothing to type.")
SHARE_WAITING = N_("The first idea will appear here soon.")
TALKED_THROUGH = N_("✓ Talked through")
NO_IDEAS = N_("No ideas on the list yet.")
RANK_HIDDEN = N_("Nobody sees the results until everyone has finished.")
RANK_CLOSED = N_("Choosing has finished. The results come next.")
RESULTS_WAITING = N_("The results appear here when choosing has finished.")
HARVEST = N_("Everything the group came up with")
STAGE_TITLES = {
    StageKind.IDEAS: N_("Writing ideas"),
    StageKind.TALK: N_("Talking together"),
    StageKind.SHARE: N_("Sharing ideas"),
    StageKind.MERGE: N_("Grouping ideas"),
    StageKind.RANK: N_("Choosing what matters most"),
    StageKind.RESULTS: N_("What the group decided"),
    StageKind.POLL: N_("A quick poll"),
}
"""The headings a stage gets when its plan gives it none (``DEFAULT_TITLES``), marked
for the group's language."""
FEW_NEEDED = 5
"""Groups with fewer voters than this are never shown on their own ("<5")."""


def stage_where(now: StageNow) -> str:
    """ "Stage 2 of 8"."""
    return _("Stage {number} of {total}", number=now.index + 1, total=now.count)


def stage_title(now: StageNow) -> str:
    """The stage's heading: the plan's own words as written, or the default heading
    in the group's language."""
    if now.title == DEFAULT_TITLES.get(now.kind):
        return _(STAGE_TITLES[now.kind])
    return now.title


def clock_words(seconds: float) -> str:
    """The time left as mm:ss, rounded up (a stage of 5 minutes starts at 05:00)."""
    whole = max(math.ceil(seconds - 1e-6), 0)
    return f"{whole // 60:02d}:{whole % 60:02d}"


def timer_state(now: StageNow, at: dt.datetime) -> str:
    """ "Time's up", "Paused" or "" (running)."""
    if now.remaining(at) <= 0:
        return _(TIME_UP)
    return _(PAUSED) if now.paused else ""


def big_or_bold(words: str, width: int, rows: int) -> Text:
    """``words`` in big glyphs when they fit in ``rows`` rows, otherwise in bold."""
    if (
        big_characters(width) >= 1
        and drawable(words)
        and len(wrap(words, width)) * ROWS_PER_LINE <= rows
    ):
        return Text("\n".join(big_text(words, width)), style="bold")
    return safe_text(words, "bold")


def stage_body(plan: PlanView, now: StageNow, width: int, rows: int, expected: int) -> Text:
    """The body of the screen for the current (non-poll) stage."""
    if now.kind is StageKind.IDEAS:
        return _ideas(plan, now, width, rows)
    if now.kind is StageKind.SHARE:
        return _share(plan.pool, width, rows)
    if now.kind is StageKind.MERGE:
        return idea_list(plan.pool)
    if now.kind is StageKind.RANK:
        return _rank(plan, now, width, rows, expected)
    if now.kind is StageKind.RESULTS:
        return _results(plan)
    return Text(_(TALKING), style="italic")


def _ideas(plan: PlanView, now: StageNow, width: int, rows: int) -> Text:
    count = plan.ideas_written()
    text = Text()
    if len(str(count)) <= big_characters(width) and rows >= ROWS_PER_LINE + 2:
        text.append("\n".join(big_text(str(count), width)), style="bold")
        text.append("\n" + n_("idea so far", "ideas so far", count), style="bold")
    else:
        text.append(n_("{count} idea so far", "{count} ideas so far", count), style="bold")
    text.append("\n\n" + _(WRITING if now.open else WRITING_DONE), style="italic")
    return text


def _find(pool: IdeaPool, idea_id: str | None) -> Idea | None:
    return next((idea for idea in pool.ideas if idea.id == idea_id), None)


def _originals(pool: IdeaPool, idea: Idea) -> Text:
    """ "Brings together 3 ideas:" and their first wordings, one a line."""
    text = Text()
    if not idea.combines:
        return text
    words = pool.history(idea.id)
    brings = n_("Brings together {count} idea:", "Brings together {count} ideas:", len(words))
    text.append(brings, style="italic")
    for original in words:
        text.append("\n  “", style="dim")
        text.append_text(safe_text(original, one_line=True))
        text.append("”", style="dim")
    return text


def _share(pool: IdeaPool, width: int, rows: int) -> Text:
    idea = _find(pool, pool.on_screen)
    if idea is None or not idea.in_play:
        return Text(_(SHARE_WAITING), style="italic")
    text = Text()
    text.append(round_words(pool), style="bold")
    if idea.clarified:
        text.append("   " + _(TALKED_THROUGH), style="bold")
    text.append("\n\n")
    extra = len(pool.history(idea.id)) + 1 if idea.combines else 0
    text.append_text(big_or_bold(idea.display_text, width, rows - 4 - extra))
    if idea.combines:
        text.append("\n\n")
        text.append_text(_originals(pool, idea))
    return text


def idea_list(pool: IdeaPool) -> Text:
    """Every idea on the list, as merged, with what each combined idea brings together."""
    ideas = pool.in_play()
    if not ideas:
        return Text(_(NO_IDEAS), style="italic")
    on_list = n_("{count} idea on the list", "{count} ideas on the list", len(ideas))
    text = Text(on_list, style="bold")
    for idea in ideas:
        text.append("\n\n• ")
        text.append_text(safe_text(idea.display_text, "bold", one_line=True))
        if idea.combines:
            text.append("\n  ")
            text.append_text(_originals(pool, idea))
    return text


def _rank(plan: PlanView, now: StageNow, width: int, rows: int, expected: int) -> Text:
    if not now.open:
        return Text(_(RANK_CLOSED), style="italic")
    ranked = plan.ranked()
    shown = min(ranked, expected) if expected else ranked
    count = _("{count} of {total}", count=shown, total=expected) if expected else str(ranked)
    text = Text()
    if len(count) <= big_characters(width) and rows >= ROWS_PER_LINE + 4:
        text.append("\n".join(big_text(count, width)), style="bold")
        text.append("\n" + n_("has ranked", "have ranked", shown), style="bold")
    elif expected:
        said = n_(
            "{count} of {total} has ranked", "{count} of {total} have ranked", shown, total=expected
        )
        text.append(said, style="bold")
    else:
        text.append(n_("{count} has ranked", "{count} have ranked", ranked), style="bold")
    if now.dots:
        how = n_(
            "Spread your {count} dot over the ideas you like most.",
            "Spread your {count} dots over the ideas you like most.",
            now.dots,
        )
    else:
        how = _("Put your top {size} in order.", size=now.top or 3)
    secret = _("Choose in secret, on your phone or the tablet.")
    text.append(f"\n\n{how} {secret}", style="italic")
    text.append("\n" + _(RANK_HIDDEN), style="italic")
    return text


def _results(plan: PlanView) -> Text:
    if plan.results_round() is None:
        text = Text(_(HARVEST), style="bold")
        text.append("\n\n")
        text.append_text(idea_list(plan.pool))
        return text
    results = plan.results
    if results is None:
        return Text(_(RESULTS_WAITING), style="italic")
    return results_text(results, plan.pool)


def _score_words(score: Score, dots: bool) -> str:
    if score.points is None:
        if dots:
            return _("{shown} dots", shown=score.shown)
        return _("{shown} points", shown=score.shown)
    if score.rank_sum is None:
        return n_("{count} dot", "{count} dots", score.points)
    points = n_("{count} point", "{count} points", score.points)
    return _("rank sum {rank_sum} · {points}", rank_sum=score.rank_sum, points=points)


def results_text(results: RankResults, pool: IdeaPool) -> Text:
    """A closed round's results as the disclosure engine gives them: overall, by
    group (groups it hides say so), and where groups agree."""
    text = Text(n_("{count} person ranked", "{count} people ranked", results.votes), style="bold")
    if results.note:
        text.append("\n\n" + results.note, style="italic")
    if not results.overall:
        return text
    text.append("\n\n" + _("Overall"), style="bold underline")
    if results.overall[0].rank_sum is not None:
        better = _("a lower rank sum and more points are better")
        text.append("   " + better, style="italic")
    for place, score in zip(places(results.overall), results.overall, strict=True):
        text.append(f"\n{place:>2}. " if place is not None else "\n  – ", style="bold")
        text.append_text(safe_text(score.words, "bold", one_line=True))
        text.append(f"  ({_score_words(score, results.dots)})")
        if score.originals:
            brings = n_(
                "Brings together {count} idea:",
                "Brings together {count} ideas:",
                len(score.originals),
            )
            text.append(f"\n    {brings} ")
            text.append_text(
                safe_text(" · ".join(f"“{o}”" for o in score.originals), "italic", one_line=True)
            )
    if results.by_group:
        text.append("\n\n" + _("By group"), style="bold underline")
        for group in results.by_group:
            text.append("\n")
            text.append_text(_group_line(group))
    if results.agreements:
        text.append("\n\n" + _("Where groups agree and differ"), style="bold underline")
        for line in results.agreements:
            text.append("\n• ")
            text.append_text(safe_text(line, one_line=True))
    return text


def _group_line(group: GroupScores) -> Text:
    name = group_words(group.group)
    text = Text()
    if group.scores is None:
        size = " (<5)" if group.voters < FEW_NEEDED else ""
        why = GROUP_NOTES.get(group.reason or Reason.SMALL, GROUP_NOTES[Reason.SMALL])
        text.append(f"{name}{size}: ", style="bold")
        text.append(why, style="italic")
        return text
    # No count per group: with who came known, "5 of the 6 carers" would tell on one.
    text.append(f"{name}: ", style="bold")
    tops = [
        s
        for s, place in zip(group.scores, places(group.scores), strict=True)
        if place is not None and place <= 3
    ]
    text.append_text(safe_text(" · ".join(f"“{s.words}”" for s in tops), one_line=True))
    return text
