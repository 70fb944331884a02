"""The coordinator's inputs: survey definitions, the outcomes file, keys, and the report's
special sections for the checklist and the five principles."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
from nacl.public import PrivateKey

from exports import ExportError, run_export
from exports.definitions import DefinitionError, find_definitions, load_definitions
from exports.outcomes import OutcomesError, load_outcomes
from surveys import templates
from surveys.sealing import Opener
from surveys.thresholds import NHS
from tests.support.exports import Kiosk, template


def test_definitions_are_found_among_the_templates() -> None:
    found, notes = find_definitions({"course-feedback": {"1"}}, folders=[])
    assert found.get("course-feedback") is not None
    assert notes == []


def test_missing_definition_and_other_version_are_said_plainly() -> None:
    found, notes = find_definitions({"nowhere": {"1"}, "demo": {"9"}}, folders=[])
    assert "nowhere" not in found
    assert any("'nowhere' were found, but not its survey file" in n for n in notes)
    assert any("is version 1, but the answers are from version 9" in n for n in notes)


def test_a_named_file_wins_over_a_template(tmp_path: Path) -> None:
    text = templates.template_path("demo").read_text(encoding="utf-8")
    mine = tmp_path / "mine.yaml"
    mine.write_text(
        text.replace("title: Trying out the kiosk", "title: My own demo"), encoding="utf-8"
    )
    given = load_definitions([mine])
    found, _ = find_definitions({"demo": {"1"}}, given=given, folders=[])
    survey = found.get("demo")
    assert survey is not None
    assert survey.title == "My own demo"


def test_a_broken_survey_file_is_refused_plainly(tmp_path: Path) -> None:
    broken = tmp_path / "broken.yaml"
    broken.write_text("id: x\ntitle: [unclosed\n", encoding="utf-8")
    with pytest.raises(DefinitionError, match=r"can't be used.*kiosk check"):
        load_definitions([broken])


def test_survey_folder_files_are_found(tmp_path: Path) -> None:
    folder = tmp_path / "surveys"
    folder.mkdir()
    templates.copy_template("session-debrief", folder / "debrief.yaml")
    (folder / "draft.yaml").write_text("not: [a survey", encoding="utf-8")
    found, notes = find_definitions(
        {"session-debrief": {"1"}}, folders=[folder], use_templates=False
    )
    assert "session-debrief" in found
    assert str(folder / "debrief.yaml") in found.sources["session-debrief"]
    assert notes == []


ACTION_LOG = """\
actions:
- id: a1
  you_said: The room was too cold.
  we_did: We moved the course to the library.
  owner: Service manager
  due: 2026-03-31
  status: done
  closed_on: 2026-03-20
  share: true
- id: a2
  you_said: Ring Sarah Jones on 07700 900123 about evenings.
  we_did: We asked for a room on Thursdays.
  owner: Service manager
  due: 2026-04-15
  status: in progress
  share: true
- id: a3
  you_said: Leaflets in other languages.
  we_did: Leaflets will be translated.
  owner: Communications lead
  due: 2026-09-30
- id: a4
  you_said: Evening sessions.
  we_did: We looked for a room.
  owner: Service manager
  due: 2026-02-01
  status: not possible
  reason: The building closes at five.
  closed_on: 2026-02-10
  share: true
"""


@pytest.mark.parametrize(
    ("text", "message"),
    [
        (
            "- you_said: x\n  we_did: y\n  status: done\n",
            "line 1, column 1: This is the old 'you said, we did' list. To make it an action "
            "log: put 'actions:' on the first line",
        ),
        ("you_said: x\n", "The log has a field 'you_said' that the action log does not know"),
        ("actions:\n- [unclosed\n", "line 3, column 1: The file's layout could not be read"),
        (
            ACTION_LOG.replace("2026-03-31", "soon").replace("done", "dun"),
            "should be a date written like 2026-06-30.* \\(1 more problem: run 'kiosk check",
        ),
    ],
)
def test_a_log_that_cant_be_used_is_refused_in_the_checker_s_words(
    tmp_path: Path, text: str, message: str
) -> None:
    path = tmp_path / "outcomes.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(OutcomesError, match=message):
        load_outcomes(path, dt.date(2026, 5, 1))


def test_the_log_gives_shared_actions_with_status_and_timeliness(tmp_path: Path) -> None:
    path = tmp_path / "actions.yaml"
    path.write_text(ACTION_LOG, encoding="utf-8")
    outcomes = load_outcomes(path, dt.date(2026, 5, 1))
    assert [a.id for a in outcomes.shared] == ["a1", "a2", "a4"]  # a3 is not ready to share
    assert [outcomes.row(a)[2:5] for a in outcomes.shared] == [
        ("Done", "2026-03-31", "Closed on time"),
        ("In progress", "2026-04-15", "Overdue"),
        ("Not possible", "2026-02-01", "Not possible"),
    ]
    assert outcomes.shared[1].you_said == "Ring [name] on [phone] about evenings."
    assert outcomes.shared[2].reason == "The building closes at five."
    assert outcomes.summary() == (
        "Of 4 actions: 1 closed on time, 1 overdue, 1 not possible and 1 not due yet."
    )
    assert load_outcomes(None, dt.date(2026, 5, 1)).shared == ()
    with pytest.raises(OutcomesError, match="There is no file called"):
        load_outcomes(tmp_path / "missing.yaml", dt.date(2026, 5, 1))


def test_responses_sealed_to_another_key_are_counted_not_crashed(
    kiosk: Kiosk, tmp_path: Path
) -> None:
    survey = template("session-debrief")
    session = kiosk.session("2026-03-12")
    for number in range(12):
        kiosk.send(survey, session, {"overall": number % 11})
    stranger = Opener(PrivateKey.generate())
    result = run_export(kiosk.request(tmp_path / "out", survey, opener=stranger))
    assert result.responses == 0
    assert any("could not be opened with this key" in m for m in result.messages)


def test_principles_and_checklist_get_their_own_tables(kiosk: Kiosk, tmp_path: Path) -> None:
    principles = template("principles-self-assessment")
    checklist = template("coproduction-checklist")
    session = kiosk.session("2026-03-12")
    for number in range(12):
        kiosk.send(
            principles,
            session,
            {
                q.id: ["poor", "average", "good"][(number + i) % 3]
                for i, q in enumerate(principles.questions)
                if q.id.startswith("principle_")
            },
        )
        kiosk.send(
            checklist,
            session,
            {
                q.id: ["Yes", "No", "Not sure"][number % 2]
                for q in checklist.questions
                if q.kind.value == "single"
            },
        )
    run_export(kiosk.request(tmp_path / "out", principles, checklist))
    html = (tmp_path / "out" / "report.html").read_text(encoding="utf-8")
    assert "The five principles: poor, average or good" in html
    assert "The co-production checklist" in html
    for heading in ("Poor", "Average", "Good", "Yes", "No"):
        assert f'<th scope="col" class="n">{heading}</th>' in html


def test_nhs_profile_end_to_end_rounds_to_five(kiosk: Kiosk, tmp_path: Path) -> None:
    survey = template("session-debrief")
    session = kiosk.session("2026-03-12")
    for number in range(53):
        kiosk.send(survey, session, {"enough_breaks": number % 5 != 0})
    run_export(kiosk.request(tmp_path / "out", survey, thresholds=NHS))
    data = json.loads((tmp_path / "out" / "data.json").read_text(encoding="utf-8"))
    assert data["surveys"][0]["responses"]["count"] == 55
    breaks = next(q for q in data["surveys"][0]["questions"] if q["id"] == "enough_breaks")
    assert [a["count"] for a in breaks["answers"]] == [40, 10]  # 42 and 11, rounded


def test_export_of_nothing_chosen_is_refused(kiosk: Kiosk, tmp_path: Path) -> None:
    with pytest.raises(ExportError, match="nothing to export"):
        run_export(kiosk.request(tmp_path / "out", template("demo")))
