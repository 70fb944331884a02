"""The built-in session plans: each loads with no problem at all, says what it is in
plain words, and is copied byte for byte to start a new plan."""

from __future__ import annotations

from pathlib import Path

import pytest

from accessibility.plain_english import check_text
from surveys import plan_reader, plan_templates, templates
from surveys.plan_model import RankRule, SessionPlan, StageKind
from surveys.plan_reader import load_plan

NAMES = plan_templates.plan_names()


def test_at_least_the_three_plans_ship() -> None:
    assert {"priority-setting", "back-on-track", "one-two-four-all"} <= set(NAMES)


def test_plan_names_never_clash_with_survey_template_names() -> None:
    assert not set(NAMES) & set(templates.template_names())


@pytest.mark.parametrize("name", NAMES)
def test_every_plan_loads_with_no_problems(name: str) -> None:
    result = load_plan(plan_templates.plan_path(name))
    assert result.problems == (), [p.describe() for p in result.problems]
    assert result.plan is not None
    assert result.plan.id == name


def _plan(name: str) -> SessionPlan:
    plan = load_plan(plan_templates.plan_path(name)).plan
    assert plan is not None
    return plan


def test_priority_setting_is_the_nominal_group_technique() -> None:
    plan = _plan("priority-setting")
    kinds = plan.stage_kinds
    assert kinds[:5] == (
        StageKind.IDEAS,
        StageKind.SHARE,
        StageKind.MERGE,
        StageKind.RANK,
        StageKind.RESULTS,
    )
    assert plan.stages[3].rank == RankRule(top=5)
    assert kinds.count(StageKind.RANK) == 2  # the optional second round
    assert plan.stages[0].prompt


def test_one_two_four_all_times_alone_pairs_fours_then_all() -> None:
    plan = _plan("one-two-four-all")
    assert [(s.kind, s.minutes) for s in plan.stages[:4]] == [
        (StageKind.IDEAS, 2),
        (StageKind.TALK, 2),
        (StageKind.TALK, 4),
        (StageKind.SHARE, 10),
    ]
    assert [s.title.split(":")[0] for s in plan.stages[:4]] == ["1", "2", "4", "All"]
    assert plan.stages[-1].kind is StageKind.RESULTS  # the harvest


def test_getting_back_on_track_spends_dots_in_secret() -> None:
    plan = _plan("back-on-track")
    [rank] = [s for s in plan.stages if s.kind is StageKind.RANK]
    assert rank.rank == RankRule(dots=3)
    assert plan.stages[0].kind is StageKind.POLL


@pytest.mark.parametrize("name", NAMES)
def test_what_people_read_is_plain_english(name: str) -> None:
    plan = _plan(name)
    texts = [(plan.title, False), (plan.about, False)]
    for stage in plan.stages:
        texts += [(stage.title, False), (stage.prompt or "", True), (stage.guide or "", False)]
        if stage.poll is not None:
            texts.append((stage.poll.text, True))
    hard = [advice for text, asks in texts if text for advice in check_text(text, question=asks)]
    assert hard == [], hard


def test_list_plans_describes_each(tmp_path: Path) -> None:
    infos = {info.name: info for info in plan_templates.list_plans()}
    assert set(infos) == set(NAMES)
    one = infos["one-two-four-all"]
    assert one.title == "1-2-4-All"
    assert one.description.startswith("Think on your own")
    assert (one.stage_count, one.minutes) == (5, 23)


def test_copy_plan_byte_for_byte_and_never_overwrites(tmp_path: Path) -> None:
    written = plan_templates.copy_plan("priority-setting", tmp_path)
    assert written == tmp_path / "priority-setting.yaml"
    assert written.read_bytes() == plan_templates.plan_path("priority-setting").read_bytes()
    with pytest.raises(FileExistsError):
        plan_templates.copy_plan("priority-setting", written)
    with pytest.raises(KeyError):
        plan_templates.copy_plan("../templates/demo", tmp_path)


def test_the_facilitation_guide_names_every_stage_kind_field_and_plan() -> None:
    guide_file = Path(__file__).resolve().parents[2] / "docs" / "facilitation.md"
    guide = guide_file.read_text(encoding="utf-8")
    for kind in StageKind:
        assert f"**{kind.value}:" in guide, kind
    fields = plan_reader._ALL_STAGE_FIELDS | plan_reader._PLAN_FIELDS
    for name in fields:
        assert f"| `{name}` |" in guide, name
    for name in NAMES:
        assert f"(`{name}`," in guide, name
