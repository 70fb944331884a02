"""What the console shows for the share, rank, results and talk stages, as text.

Every figure comes from the core: rank sums, Borda points and dots from
``FocusGroup.results`` (through the one disclosure engine, groups too small to
show hidden), and the agreement sentences from ``agreement_lines``. Nothing here
counts. Ideas are shown with personal details masked and never as markup.
"""

from __future__ import annotations

from rich.text import Text

from kiosk.facilitator.plan_steps import StageResults
from kiosk.safe_text import safe_text
from surveys.disclosure import Reason
from surveys.facilitation import group_words
from surveys.idea_ranking import RankTally, Score, Style, places
from surveys.ideas import IdeaPool, round_words
from surveys.plurals import counted
from surveys.poll_results import GROUP_NOTES
from surveys.polls import PollStatus

TALK = "Nothing is typed in during this stage. The shared screen shows the question and the timer."
SHARE_NONE = (
    "No ideas are on the list yet. Show some in the writing stage first (go back with B), "
    "or press → to start."
)
RANK_HIDDEN = (
    "The results stay hidden until this stage ends, so nobody's vote can be seen arriving."
)


def people(number: int) -> str:
    """ "1 person", "12 people"."""
    return "1 person" if number == 1 else f"{number} people"


def share_text(pool: IdeaPool) -> Text:
    """The idea on the shared screen now, with "Idea 3 of 12" and whether it is clarified."""
    on = pool.on_screen
    playing = pool.in_play()
    if on is None or on not in {idea.id for idea in playing}:
        if not playing:
            return Text(SHARE_NONE, style="italic")
        return Text(
            f"{counted(len(playing), 'idea')} to share. Press → to show the first on the "
            "shared screen.",
            style="italic",
        )
    idea = pool.find(on)
    out = Text()
    out.append(round_words(pool), style="bold")
    out.append("  ·  clarified ✓" if idea.clarified else "  ·  not clarified yet", style="dim")
    out.append("\n\n")
    out.append_text(safe_text(idea.display_text, "bold"))
    if idea.combines:
        out.append(f"\n({idea.combined_words})", style="dim")
        for words in pool.history(idea.id):
            out.append("\n  · ", style="dim")
            out.append_text(safe_text(words, "dim"))
    return out


def rank_text(tally: RankTally, expected: int) -> Text:
    """ "7 of 10 have ranked" while the round is open; the results stay hidden."""
    if tally.status is PollStatus.WAITING:
        return Text("This ranking hasn't opened.", style="italic")
    votes = tally.votes
    how = (
        f"Each person puts their top {tally.size} in order."
        if tally.style is Style.TOP
        else f"Each person spreads {counted(tally.size, 'dot')}."
    )
    if tally.status is PollStatus.OPEN:
        said = f"{votes} of {expected} have ranked" if expected else f"{votes} have ranked"
        out = Text()
        out.append(said, style="bold")
        out.append(f"\n{how} {counted(len(tally.candidates), 'idea')} to choose from.")
        out.append(f"\n\n{RANK_HIDDEN}", style="italic")
        return out
    out = Text()
    out.append(f"This ranking has closed: {people(votes)} ranked.", style="bold")
    out.append("\nThe results are in the results stage.", style="italic")
    return out


def _score_words(score: Score, style: Style) -> str:
    if score.points is None:  # a total the disclosure engine keeps back ("<5", "hidden")
        return f"{score.shown} {'dots' if style is Style.DOTS else 'points'}"
    if style is Style.DOTS or score.rank_sum is None:
        return counted(score.points, "dot")
    return f"rank sum {score.rank_sum} · {counted(score.points, 'point')}"


def _scores(out: Text, scores: tuple[Score, ...], style: Style, *, originals: bool) -> None:
    for place, score in zip(places(scores), scores, strict=True):
        out.append(f"\n{place}. " if place is not None else "\n– ", style="bold")
        out.append_text(safe_text(score.words, one_line=True))
        out.append(f" — {_score_words(score, style)}", style="dim")
        if originals and score.originals:
            out.append(f"\n     combines {counted(len(score.originals), 'idea')}:", style="dim")
            for words in score.originals:
                out.append("\n     · ", style="dim")
                out.append_text(safe_text(words, "dim", one_line=True))


def results_text(found: StageResults, pool: IdeaPool) -> Text:
    """The group's decision: overall, by group (hidden where too few), and agreement."""
    if found.round_id is None:
        playing = pool.in_play()
        out = Text()
        out.append(f"Everything the group came up with ({counted(len(playing), 'idea')}):", "bold")
        for idea in playing:
            out.append("\n• ")
            out.append_text(safe_text(idea.display_text, one_line=True))
        return out
    results, style = found.results, found.style or Style.TOP
    if results is None:
        return Text(found.note, style="italic")
    if results.note:
        out = Text()
        out.append(f"{people(results.votes)} ranked.\n", style="bold")
        out.append(results.note, style="italic")
        return out
    lower = " (a lower rank sum is better)" if style is Style.TOP else ""
    out = Text()
    out.append(f"Everyone: {people(results.votes)} ranked{lower}", style="bold")
    _scores(out, results.overall, style, originals=True)
    for group in results.by_group:
        # No count for a shown group: with who came known, "5 of the 6 carers" tells on one.
        out.append(f"\n\n{group_words(group.group)}", style="bold")
        if group.scores is None:
            why = GROUP_NOTES.get(group.reason or Reason.SMALL, GROUP_NOTES[Reason.SMALL])
            out.append(f": {why}", style="italic")
            continue
        _scores(out, group.scores, style, originals=False)
    if results.agreements:
        out.append("\n\nWhere groups agree and differ", style="bold")
        for line in results.agreements:
            out.append("\n• ")
            out.append_text(safe_text(line))
    return out
