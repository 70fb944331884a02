"""``session_decisions``: what a focus group decided, as an export may publish it, on real
TinyDB files; totals and places worked out by hand below."""

from __future__ import annotations

from pathlib import Path

from exports.group_decisions import BORDA, session_decisions
from exports.pipeline import load_scrubber
from surveys.storage import SessionInfo
from tests.support.exports import Kiosk
from tests.support.group_sessions import SECOND_RANK, group_session

IDEAS = {
    "A": ("Shorter waits for a first appointment", "lived"),
    "A2": ("Quicker first appointments", "carer"),
    "B": ("One contact person for carers", "carer"),
    "C": ("Peer support on every ward", "lived"),
    "D": ("Evening groups for people who work", "clinician"),
}


def test_borda_points_rank_sums_and_places_match_a_hand_count(kiosk: Kiosk, tmp_path: Path) -> None:
    made = group_session(kiosk.store.root, kiosk.sealer, tmp_path / "run")
    made.write(IDEAS)
    made.merge(["A", "A2"], "A quicker first appointment", "W")
    # Top 3 of the four ideas on the list (W, B, C, D): first 3 points, second 2, third 1.
    made.rank(
        [
            ("lived", "W,C,B", 3),
            ("lived", "D,C,W", 2),
            ("lived", "W,B,C", 1),
            ("carer", "B,W,C", 3),
            ("clinician", "D,C,W", 1),
        ]
    )
    # By hand, ballot line by line (W, C, B, D):
    #   lived W,C,B ×3:  W 9, C 6, B 3
    #   lived D,C,W ×2:  D 6, C 4, W 2
    #   lived W,B,C ×1:  W 3, B 2, C 1     lived (6 voters): W 14, C 11, B 5, D 6
    #   carer B,W,C ×3:  B 9, W 6, C 3     carers (3 voters)
    #   clinician D,C,W: D 3, C 2, W 1     clinician (1 voter)
    # Overall (10 voters): W 14+6+1 = 21, C 11+3+2 = 16, B 5+9 = 14, D 6+3 = 9.
    # Rank sums: (k + 1) × voters − points = 4 × 10 − points: W 19, C 24, B 26, D 31.

    (found,) = session_decisions(kiosk.store.root, [made.session], opener=kiosk.opener)

    assert found.date == made.session.date
    assert found.plan == "Priority setting: what matters most to us?"
    assert [s.title for s in found.stages][:4] == [
        "Writing ideas on your own",
        "Hearing every idea",
        "Putting ideas together",
        "Choosing your top 5",
    ]
    (ranking,) = found.rounds
    assert ranking.title == "Choosing your top 5"
    assert (ranking.score_kind, ranking.voters) == (BORDA, 10)
    got = [(i.place, i.idea, i.score, i.rank_sum, i.combines) for i in ranking.ideas]
    assert got == [
        (1, "A quicker first appointment", 21, 19, 2),
        (2, "Peer support on every ward", 16, 24, 0),
        (3, "One contact person for carers", 14, 26, 0),
        (4, "Evening groups for people who work", 9, 31, 0),
    ]
    assert sorted(ranking.ideas[0].originals) == [
        "Quicker first appointments",
        "Shorter waits for a first appointment",
    ]
    # Lived experience (6) may be shown; carers (3) and the clinician (1) are "<5".
    by_group = {g.group: g for g in ranking.groups}
    lived = by_group["Someone with lived experience"]
    assert lived.voters == "6"
    assert lived.scores == (
        ("A quicker first appointment", 14),
        ("Peer support on every ward", 11),
        ("One contact person for carers", 5),
        ("Evening groups for people who work", 6),
    )
    for name in ("A family member, carer or supporter", "A clinician or health professional"):
        assert by_group[name].voters == "<5"
        assert by_group[name].scores is None
        assert "Fewer than 5 people in this group voted" in by_group[name].why
    hidden = {(h.where.rpartition(": ")[2], h.item) for h in found.hidden}
    assert ("Choosing your top 5", "A family member, carer or supporter's scores") in hidden
    # The combined idea and its original wordings.
    (combined,) = found.combined
    assert combined.idea == "A quicker first appointment"
    assert sorted(combined.originals) == [
        "Quicker first appointments",
        "Shorter waits for a first appointment",
    ]


def test_equal_scores_share_a_place_and_dots_are_counted_as_dots(
    kiosk: Kiosk, tmp_path: Path
) -> None:
    from surveys.idea_ranking import Style

    made = group_session(kiosk.store.root, kiosk.sealer, tmp_path / "run")
    made.write({k: v for k, v in IDEAS.items() if k != "A2"})
    room = made.room
    room.open_ranking(SECOND_RANK, Style.DOTS, 3)
    # Dots (3 each), 6 voters: 3 give A 2 and B 1; 3 give C 2 and B 1.
    for _ in range(3):
        room.cast(SECOND_RANK, {made.ids["A"]: 2, made.ids["B"]: 1}, "lived")
        room.cast(SECOND_RANK, {made.ids["C"]: 2, made.ids["B"]: 1}, "lived")
    room.close_ranking(SECOND_RANK)
    # B 6, A 6, C 6, D 0: three share first place, D is fourth.

    (found,) = session_decisions(kiosk.store.root, [made.session], opener=kiosk.opener)
    (ranking,) = found.rounds
    assert ranking.title == "Choosing again"
    assert (ranking.score_kind, ranking.size, ranking.voters) == ("dots", 3, 6)
    assert [(i.place, i.score, i.rank_sum) for i in ranking.ideas] == [
        (1, 6, None),
        (1, 6, None),
        (1, 6, None),
        (4, 0, None),
    ]


def test_open_rounds_and_sessions_without_a_focus_group_are_left_out(
    kiosk: Kiosk, tmp_path: Path
) -> None:
    made = group_session(kiosk.store.root, kiosk.sealer, tmp_path / "run")
    made.write({k: v for k, v in IDEAS.items() if k != "A2"})
    made.rank([("lived", "A,B,C", 6)], close=False)
    survey_only = SessionInfo.new("2026-03-11")
    kiosk.decline(survey_only)

    found = session_decisions(kiosk.store.root, kiosk.store.sessions(), opener=kiosk.opener)

    assert [f.date for f in found] == [made.session.date]
    assert found[0].rounds == ()


def test_idea_words_are_unsealed_with_the_key_and_scrubbed_with_the_names_list(
    kiosk: Kiosk, tmp_path: Path
) -> None:
    names = tmp_path / "names.txt"
    names.write_text("place: Larkspur Unit\n", encoding="utf-8")
    made = group_session(kiosk.store.root, kiosk.sealer, tmp_path / "run")
    made.write(
        {
            "A": ("Ask Sarah Jones on 07700 900123 about the rota", "lived"),
            "B": ("More groups at Larkspur Unit", "lived"),
        }
    )
    made.rank([("lived", "A,B", 3), ("lived", "B,A", 3)], size=2)

    (found,) = session_decisions(
        kiosk.store.root,
        [made.session],
        opener=kiosk.opener,
        scrubber=load_scrubber(names),
    )

    words = sorted(i.idea for i in found.rounds[0].ideas)
    assert words == ["Ask [name] on [phone] about the rota", "More groups at [place]"]
    # In another process the session key is gone: without the coordinator's key the
    # words the room was shown (already masked) are all there is.
    (without_key,) = session_decisions(
        kiosk.store.root, [made.session], scrubber=load_scrubber(names)
    )
    assert "Sarah" not in repr(without_key)
    assert "07700" not in repr(without_key)


def test_voters_who_did_not_say_their_group_are_named_plainly(kiosk: Kiosk, tmp_path: Path) -> None:
    made = group_session(kiosk.store.root, kiosk.sealer, tmp_path / "run")
    made.write({k: v for k, v in IDEAS.items() if k in ("B", "C", "D")})
    made.rank([("not_said", "B,C,D", 3), ("not_said", "C,B,D", 3), ("lived", "D,C,B", 1)])

    (found,) = session_decisions(kiosk.store.root, [made.session], opener=kiosk.opener)

    names = {g.group: g.voters for g in found.rounds[0].groups}
    assert names == {
        "Someone with lived experience": "<5",
        "People who didn't say their group": "6",
    }
