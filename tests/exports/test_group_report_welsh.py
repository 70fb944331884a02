"""``kiosk export --lang cy``: "What the group decided" in Welsh — the session's
names, the reasons a group's scores are hidden, the group names and the sentences
saying where groups agree — with the English report unchanged."""

from __future__ import annotations

import re
from pathlib import Path

from exports import run_export
from surveys.catalogues import words
from surveys.idea_ranking import GroupScores, Score, agreement_lines
from tests.exports.test_languages_export import english_left
from tests.support.exports import Kiosk
from tests.support.group_sessions import GroupSession, group_session
from tests.support.untranslated import untranslated_on_screen

IDEAS = {
    "W": ("Shorter waits for a first appointment", "lived"),
    "P": ("Peer support on every ward", "lived"),
    "E": ("Evening groups for people who work", "clinician"),
    "T": ("Free transport to the clinic", "peer"),
    "C": ("More chairs in the waiting room", "carer"),
}
BALLOTS = [
    ("lived", "W,P,E", 3),
    ("lived", "P,W,E", 3),
    ("clinician", "W,T,P", 3),
    ("clinician", "T,W,P", 3),
    ("peer", "C,T,W", 3),
    ("peer", "T,C,W", 3),
    ("carer", "C,W,P", 3),  # three carers: too few to show on their own
]


def run_session(kiosk: Kiosk, tmp_path: Path) -> GroupSession:
    made = group_session(kiosk.store.root, kiosk.sealer, tmp_path / "run")
    made.write(IDEAS)
    made.rank(BALLOTS)
    return made


def group_section(report: str) -> str:
    start = report.index('<h2 id="decided">')
    end = report.index("<h2", start + 1)
    return report[start:end]


def text_of(html: str) -> str:
    return " ".join(re.sub(r"<[^>]+>", " ", html).split())


def without_stages(section: str) -> str:
    """The section without the plan's own stage headings (the plan author's words)."""
    return re.sub(r'<ol class="stages">.*?</ol>', "", section, flags=re.S)


def test_a_welsh_report_says_what_the_group_decided_in_welsh(kiosk: Kiosk, tmp_path: Path) -> None:
    run_session(kiosk, tmp_path)
    run_export(kiosk.request(tmp_path / "en"))
    run_export(kiosk.request(tmp_path / "cy", language="cy"))
    english = (tmp_path / "en" / "report.html").read_text(encoding="utf-8")
    welsh = (tmp_path / "cy" / "report.html").read_text(encoding="utf-8")

    section = without_stages(group_section(welsh))
    # No English report or kiosk message is left in the section (the ideas, the
    # plan's title and its stage headings are the room's and the author's words).
    assert english_left(section) == []
    assert untranslated_on_screen(text_of(section)) == []
    assert english_left(without_stages(welsh)) == []
    # Where groups agree, said whole in Welsh; the hidden groups never named in it.
    assert (
        "Rhoddodd clinigwyr neu weithwyr iechyd proffesiynol a gweithwyr cymorth "
        "cymheiriaid ill dau \u201cShorter waits for a first appointment\u201d yn eu 3 uchaf."
    ) in section
    assert (
        "Rhoddodd clinigwyr neu weithwyr iechyd proffesiynol \u201cPeer support on every "
        "ward\u201d yn eu 3 uchaf, ond wnaeth gweithwyr cymorth cymheiriaid ddim."
    ) in section
    # Why a group's scores are hidden, with the group's name, in Welsh.
    assert (
        "Aelod o\u2019r teulu, gofalwr neu gefnogwr (pleidleisiodd &lt;5): Pleidleisiodd llai "
        "na 5 o bobl yn y grŵp hwn, felly dydy eu dewisiadau ddim yn cael eu dangos ar eu "
        "pen eu hunain."
    ) in section
    assert (
        "Rhywun sydd â phrofiad bywyd (pleidleisiodd 6): Dydyn nhw ddim yn cael eu dangos "
        "ar eu pen eu hunain"
    ) in section
    # The list of hidden numbers names the group's scores in Welsh too.
    assert "Sgorau\u2019r grŵp: Aelod o\u2019r teulu, gofalwr neu gefnogwr" in welsh
    assert "scores" not in text_of(welsh)

    # The English report says the same in the same English words as before.
    assert (
        "Clinicians or health professionals and peer support workers both put "
        "\u201cShorter waits for a first appointment\u201d in their top 3."
    ) in english
    assert (
        "Clinicians or health professionals put \u201cPeer support on every ward\u201d in "
        "their top 3, but peer support workers did not."
    ) in english
    assert (
        "A family member, carer or supporter (&lt;5 voted): Fewer than 5 people in this "
        "group voted, so their choices are not shown on their own."
    ) in english
    assert "Someone with lived experience (6 voted): Not shown on their own" in english
    assert "A family member, carer or supporter&#39;s scores" in english


def test_agreement_among_three_groups_joins_their_names_in_the_language(
    kiosk: Kiosk, tmp_path: Path
) -> None:
    """Three groups shown: "a, b and c" in English, the Welsh pattern in Welsh."""
    made = run_session(kiosk, tmp_path)
    pool = made.room.pool
    ids = made.ids
    scores = tuple(Score(ids[n], 10 - i, None, IDEAS[n][0]) for i, n in enumerate("WPE"))
    shown = [GroupScores(g, 6, scores) for g in ("lived", "clinician", "peer")]

    english = agreement_lines(shown, pool)
    welsh = agreement_lines(shown, pool, 3, words("cy", first="report"))

    assert english[0] == (
        "People with lived experience, clinicians or health professionals and peer "
        "support workers all put \u201cShorter waits for a first appointment\u201d in "
        "their top 3."
    )
    assert welsh[0] == (
        "Rhoddodd pobl sydd â phrofiad bywyd, clinigwyr neu weithwyr iechyd proffesiynol a "
        "gweithwyr cymorth cymheiriaid i gyd \u201cShorter waits for a first "
        "appointment\u201d yn eu 3 uchaf."
    )


def test_every_core_sentence_the_report_says_is_in_the_report_catalogue() -> None:
    """The group names and agreement sentences are written in ``surveys``; the report
    marks the same English so a Welsh report finds them. A change in the core's words
    without the mark would leave English in a Welsh report."""
    from exports import group_decisions
    from surveys import groups, idea_ranking

    core = {g.label for g in groups.GROUPS} | {g.plural for g in groups.GROUPS}
    core |= {
        idea_ranking.NOT_SAID_PLURAL,
        idea_ranking.AGREE_TWO,
        idea_ranking.AGREE_ALL,
        idea_ranking.AGREE_SOME,
        idea_ranking.LIST_TWO,
        idea_ranking.LIST_MORE,
        idea_ranking.ALL_HIDDEN_NOTE,
    }
    assert core <= set(group_decisions.SHARED_WORDS)
    assert (
        group_decisions.TOO_FEW_VOTES.format(count=group_decisions.GROUP_RULES.min_respondents)
        == idea_ranking.TOO_FEW_NOTE
    )
    welsh = words("cy", first="report")
    assert all(welsh.has(message) for message in core)
