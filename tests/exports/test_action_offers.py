"""Actions from results: an export's themes and a session's top ideas, offered once."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from exports.action_offers import OffersError, idea_offers, offers_from_export, theme_offers
from exports.group_decisions import RankedIdea, RoundDecision, SessionDecisions
from exports.group_files import decisions_csv
from surveys.action_model import Action, ActionLog, ActionSource
from surveys.disclosure import release
from surveys.thresholds import Thresholds

HEADER = "session_date,plan,round,place,idea,combines,score,score_kind,voters\n"


def test_themes_once_each_and_never_no_theme() -> None:
    data = {
        "free_text": [
            {"themes": [{"answer": "Feeling  welcome"}, {"answer": "No theme given"}]},
            {"themes": [{"answer": "FEELING WELCOME"}, {"answer": "Getting there"}]},
        ]
    }
    offers = theme_offers(json.dumps(data))
    assert [(o.you_said, o.source_ref) for o in offers] == [
        ("Feeling welcome", "theme: Feeling welcome"),
        ("Getting there", "theme: Getting there"),
    ]


def test_the_top_three_ideas_of_each_round() -> None:
    rows = [
        "2026-04-20,priorities,r3,1,Saturdays,1,9,points,5",
        "2026-04-20,priorities,r3,2,'+More tea,1,8,points,5",
        "2026-04-20,priorities,r3,3,Quiet room,1,7,points,5",
        "2026-04-20,priorities,r3,4,Newsletter,1,1,points,5",
        "2026-04-27,next-steps,r1,1,Buddies,1,4,votes,5",
    ]
    offers = idea_offers(HEADER + "\n".join(rows) + "\n")
    assert [o.you_said for o in offers] == ["Saturdays", "+More tea", "Quiet room", "Buddies"]
    assert offers[0].detail == "1st in the session 'priorities' on 2026-04-20"
    assert {o.source for o in offers} == {ActionSource.SESSION_IDEA}


def test_a_csv_without_its_columns_is_refused_plainly() -> None:
    with pytest.raises(OffersError, match="has no 'session_date' column"):
        idea_offers("a,b\n1,2\n")


def test_a_data_file_that_is_not_an_export_is_refused_plainly() -> None:
    with pytest.raises(OffersError, match="is not an export's data file"):
        theme_offers("[1, 2]")
    with pytest.raises(OffersError, match="can't be read"):
        theme_offers("{not json")


def test_what_the_log_holds_from_the_same_source_is_not_offered_again(tmp_path: Path) -> None:
    (tmp_path / "data.json").write_text(
        json.dumps({"free_text": [{"themes": [{"answer": "Getting there"}]}]}), encoding="utf-8"
    )
    (tmp_path / "group_decisions.csv").write_text(
        HEADER + "2026-04-20,priorities,r3,1,Getting there,1,9,points,5\n", encoding="utf-8"
    )
    theme = Action(
        "a1",
        "Getting there",
        "Bus passes.",
        "Service manager",
        dt.date(2026, 6, 1),
        source=ActionSource.EXPORT_THEME,
        source_ref="theme: Getting there",
    )
    offers = offers_from_export(tmp_path, ActionLog((theme,)))
    # the same words from a session are another source, so still offered
    assert [(o.you_said, o.source) for o in offers] == [
        ("Getting there", ActionSource.SESSION_IDEA)
    ]


def test_a_folder_with_neither_file(tmp_path: Path) -> None:
    with pytest.raises(OffersError, match=r"holds no data\.json or group_decisions\.csv"):
        offers_from_export(tmp_path, ActionLog())
    with pytest.raises(OffersError, match="There is no folder"):
        offers_from_export(tmp_path / "nope", ActionLog())


def test_the_csv_the_export_writes_offers_its_top_ideas(tmp_path: Path) -> None:
    def idea(place: int | None, words: str, score: int | str) -> RankedIdea:
        return RankedIdea(place, words, 0, (), score, None)

    ideas = (
        idea(1, "=A drop-in on Saturdays", 14),
        idea(2, "Peer mentors", 11),
        idea(2, "Free tea", 11),
        idea(4, "A newsletter", 6),
        idea(None, "Hidden one", "<5"),
    )
    ranking = RoundDecision("r3", "What matters most", "top", 3, "points", 9, ideas, (), ())
    session = SessionDecisions(
        "2026-04-20",
        "Priority setting",
        (),
        (ranking,),
        (),
        (),
        release(30, None, Thresholds()),
        (),
    )
    (tmp_path / "group_decisions.csv").write_bytes(decisions_csv([session]))
    offers = offers_from_export(tmp_path, ActionLog())
    assert [o.you_said for o in offers] == ["=A drop-in on Saturdays", "Peer mentors", "Free tea"]
    assert offers[0].source_ref == (
        "session 2026-04-20, Priority setting, round What matters most: =A drop-in on Saturdays"
    )
    assert offers[2].detail == "2nd in the session 'Priority setting' on 2026-04-20"
