"""``kiosk actions`` driven as a coordinator would: what the list shows, and that the
file on disk holds exactly what was typed, saved at once."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

from textual.pilot import Pilot
from textual.widgets import DataTable, Input, Static

from kiosk.actions.action_desk import ActionDesk
from kiosk.actions.app import ActionsApp
from kiosk.actions.screens.action_form import ActionForm
from kiosk.actions.screens.action_list_screen import ActionListScreen
from kiosk.actions.screens.close_modal import CloseModal
from kiosk.actions.screens.offers_modal import OffersModal
from surveys.action_model import ActionSource, ActionStatus
from surveys.action_reader import load_action_log
from tests.support.screen import screen_text

TODAY = dt.date(2026, 5, 1)
SIZE = (130, 50)
MARKUP = "[bold red]Free[/] text & \x1b[31mcodes"

LOG = """\
results_shared: At the café, first Monday of the month
actions:
- id: a1
  you_said: The room was too cold.
  we_did: We asked for the heating to be fixed.
  owner: Building manager
  due: 2026-03-31
- id: a2
  you_said: More evening sessions.
  we_did: We will ask for a room on Thursdays.
  owner: Service manager
  due: 2026-04-15
  status: in progress
- id: a3
  you_said: Leaflets in other languages.
  we_did: Leaflets will be translated.
  owner: Communications lead
  due: 2026-04-30
- id: a4
  you_said: A quiet room.
  we_did: Room 2 is now quiet.
  owner: Service manager
  due: 2026-03-01
  status: done
  closed_on: 2026-02-20
- id: a5
  you_said: Easier forms.
  we_did: The forms are being rewritten.
  owner: Peer support lead
  due: 2026-09-30
"""


def _app(path: Path, from_export: Path | None = None) -> ActionsApp:
    return ActionsApp(ActionDesk.open(path, lambda: TODAY), None, from_export)


def _log_file(tmp_path: Path, text: str = LOG) -> Path:
    path = tmp_path / "actions.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def _rows(app: ActionsApp) -> list[str]:
    table: DataTable[object] = app.screen.query_one("#actions", DataTable)
    return [str(key.value) for key in table.rows]


async def _press(pilot: Pilot[int], *keys: str) -> None:
    await pilot.press(*keys)
    await pilot.pause()


async def _type(pilot: Pilot[int], field: str, text: str) -> None:
    """Clear a field of the open form and type into it, key by key."""
    box = pilot.app.screen.query_one(f"#{field}", Input)
    box.focus()
    box.value = ""
    await pilot.pause()
    await pilot.press(*text)
    await pilot.pause()


def _message(app: ActionsApp) -> str:
    return str(app.screen.query_one("#message", Static).content)


async def test_overdue_count_at_the_top_and_the_filters(tmp_path: Path) -> None:
    app = _app(_log_file(tmp_path))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert "3 actions are overdue." in screen_text(app)
        assert _rows(app) == ["a1", "a2", "a3"]  # opens on the overdue ones
        assert "In progress, overdue" in screen_text(app)
        await _press(pilot, "l")
        assert _rows(app) == ["a1", "a2", "a3", "a4", "a5"]
        await _press(pilot, "p")
        assert _rows(app) == ["a1", "a2", "a3", "a5"]
        await pilot.click("#show-overdue")
        await pilot.pause()
        assert _rows(app) == ["a1", "a2", "a3"]
        await _press(pilot, "q")
    assert app.return_code == 0
    assert app.problems == []


async def test_add_saves_exactly_what_was_typed_as_plain_text(tmp_path: Path) -> None:
    path = tmp_path / "new" / "actions.yaml"
    app = _app(path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert "The log is empty." in screen_text(app)
        await _press(pilot, "a")
        assert isinstance(app.screen, ActionForm)
        await _type(pilot, "you_said", '[bold]Too[/] cold: "really" #cold')
        await _type(pilot, "owner", "Building manager")
        await _type(pilot, "due", "2026-06-30")
        await pilot.click("#save")
        await pilot.pause()
        form_message = str(app.screen.query_one("#form-message", Static).content)
        assert form_message.startswith("This action needs 'we_did'")
        assert not path.exists()  # nothing is written until the action is whole
        await _type(pilot, "we_did", "We fixed  the heating.")
        await pilot.click("#save")
        await pilot.pause()
        assert isinstance(app.screen, ActionListScreen)
        assert _message(app) == "Added and saved action a1."
        assert "[bold]Too[/] cold" in screen_text(app)  # shown literally, not as markup
        await _press(pilot, "q")
    log = load_action_log(path).log
    assert log is not None
    (action,) = log.actions
    assert action.you_said == '[bold]Too[/] cold: "really" #cold'
    assert action.we_did == "We fixed the heating."  # spaces tidied, as the checker reads
    assert (action.owner, action.due, action.status) == (
        "Building manager",
        dt.date(2026, 6, 30),
        ActionStatus.PLANNED,
    )
    assert action.created_on == TODAY


async def test_markup_and_escape_codes_stay_plain_text_everywhere(tmp_path: Path) -> None:
    path = _log_file(tmp_path, "actions: []\n")
    app = _app(path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await _press(pilot, "a")
        app.screen.query_one("#you_said", Input).value = MARKUP
        await _type(pilot, "we_did", "[link=http://x]Click[/link]")
        await _type(pilot, "owner", "Service manager")
        await pilot.click("#save")
        await pilot.pause()
        shown = screen_text(app)
        assert "[bold red]Free[/] text & ␛[31mcodes" in shown
        assert "[link=http://x]Click[/link]" in shown
        await _press(pilot, "q")
    log = load_action_log(path).log
    assert log is not None
    assert log.actions[0].you_said == MARKUP
    assert log.actions[0].we_did == "[link=http://x]Click[/link]"


async def test_edit_every_field_and_mark_ready_to_share(tmp_path: Path) -> None:
    path = _log_file(tmp_path)
    app = _app(path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await _press(pilot, "e")  # the first overdue action, a1
        assert isinstance(app.screen, ActionForm)
        assert app.screen.query_one("#owner", Input).value == "Building manager"
        await _type(pilot, "we_did", "The heating was fixed in April.")
        await _type(pilot, "due", "2026-05-31")
        await _type(pilot, "fed_back_on", "2026-05-02")
        await _type(pilot, "source_ref", "theme: Feeling welcome")
        app.screen.query_one("#status").value = "done"  # type: ignore[attr-defined]
        await pilot.click("#share")
        await pilot.click("#save")
        await pilot.pause()
        assert _message(app) == "Saved action a1."
        assert "2 actions are overdue." in screen_text(app)
        await _press(pilot, "q")
    log = load_action_log(path).log
    assert log is not None
    action = log.actions[0]
    assert action.we_did == "The heating was fixed in April."
    assert action.status is ActionStatus.DONE
    assert (action.due, action.closed_on, action.fed_back_on) == (
        dt.date(2026, 5, 31),
        TODAY,
        dt.date(2026, 5, 2),
    )
    assert action.source_ref == "theme: Feeling welcome"
    assert action.share
    assert log.to_share() == (action,)
    assert log.actions[1:] == load_action_log(tmp_path / "actions.yaml").log.actions[1:]  # type: ignore[union-attr]


async def test_a_bad_date_in_the_form_is_said_plainly_and_nothing_is_saved(tmp_path: Path) -> None:
    path = _log_file(tmp_path)
    app = _app(path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await _press(pilot, "e")
        await _type(pilot, "due", "31/5/26")
        await pilot.click("#save")
        await pilot.pause()
        message = str(app.screen.query_one("#form-message", Static).content)
        assert message == (
            "'due' in this action should be a date written like 2026-06-30 "
            "(year, month, day), but it is '31/5/26'."
        )
        await _press(pilot, "escape")
        await _press(pilot, "q")
    assert path.read_text(encoding="utf-8") == LOG


async def test_close_done_and_not_possible_with_a_reason(tmp_path: Path) -> None:
    path = _log_file(tmp_path)
    app = _app(path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await _press(pilot, "c")  # a1
        assert isinstance(app.screen, CloseModal)
        await pilot.click("#done")
        await pilot.pause()
        assert _message(app) == "Action a1 is closed as done, and saved."
        assert _rows(app) == ["a2", "a3"]
        await _press(pilot, "c")  # a2
        await pilot.click("#not-possible")
        await pilot.pause()
        assert "Please say why it is not possible" in screen_text(app)
        await _type(pilot, "reason", "The building closes at five.")
        await pilot.click("#not-possible")
        await pilot.pause()
        assert _message(app) == "Action a2 is closed as not possible, and saved."
        assert "1 action is overdue." in screen_text(app)
        await _press(pilot, "q")
    log = load_action_log(path).log
    assert log is not None
    a1, a2 = log.actions[:2]
    assert (a1.status, a1.closed_on) == (ActionStatus.DONE, TODAY)
    assert (a2.status, a2.reason, a2.closed_on) == (
        ActionStatus.NOT_POSSIBLE,
        "The building closes at five.",
        TODAY,
    )


async def test_ready_to_share_toggles_and_saves(tmp_path: Path) -> None:
    path = _log_file(tmp_path)
    app = _app(path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await _press(pilot, "r")
        assert _message(app) == "Action a1 is ready to share, and saved."
        await _press(pilot, "q")
    log = load_action_log(path).log
    assert log is not None
    assert [a.id for a in log.to_share()] == ["a1"]


async def test_a_damaged_file_is_shown_and_never_overwritten(tmp_path: Path) -> None:
    damaged = LOG.replace("due: 2026-03-31", "due: soon")
    path = _log_file(tmp_path, damaged)
    app = _app(path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        shown = str(app.screen.query_one("#blocked", Static).content)
        assert "can't be changed here until it is put right" in shown
        assert "line 7, column 8: 'due' in action 'a1' should be a date" in shown
        assert "overdue" not in str(app.screen.query_one("#overdue", Static).content)
        await _press(pilot, "a")
        await _press(pilot, "r")
        assert not isinstance(app.screen, ActionForm)
        await _press(pilot, "q")
    assert path.read_text(encoding="utf-8") == damaged
    assert sorted(p.name for p in tmp_path.iterdir()) == ["actions.yaml"]


async def test_a_file_changed_by_hand_meanwhile_is_not_overwritten(tmp_path: Path) -> None:
    path = _log_file(tmp_path)
    app = _app(path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        by_hand = LOG.replace("The room was too cold.", "The room was freezing.")
        path.write_text(by_hand, encoding="utf-8")
        await _press(pilot, "r")
        assert "was changed outside this editor since it was opened" in _message(app)
        assert "nothing in the file was lost" in _message(app)
        await _press(pilot, "q")
    assert path.read_text(encoding="utf-8") == by_hand


def _export_folder(tmp_path: Path) -> Path:
    folder = tmp_path / "export"
    folder.mkdir()
    data = {
        "free_text": [
            {"themes": [{"answer": "Feeling welcome"}, {"answer": "No theme given"}]},
            {"themes": [{"answer": "Getting there"}, {"answer": "feeling welcome"}]},
        ]
    }
    (folder / "data.json").write_text(json.dumps(data), encoding="utf-8")
    (folder / "group_decisions.csv").write_text(
        "session_date,plan,round,place,idea,combines,score,score_kind,voters\n"
        "2026-04-20,priorities,r3,1,A drop-in on Saturdays,2,14,points,9\n"
        "2026-04-20,priorities,r3,2,'=Peer mentors for new people,1,11,points,9\n"
        "2026-04-20,priorities,r3,3,[b]Free[/b] tea,1,8,points,9\n"
        "2026-04-20,priorities,r3,4,A newsletter,1,3,points,9\n",
        encoding="utf-8",
    )
    return folder


async def test_from_results_makes_planned_actions_once(tmp_path: Path) -> None:
    path = _log_file(tmp_path, "actions: []\n")
    folder = _export_folder(tmp_path)
    app = _app(path, from_export=folder)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, OffersModal)
        assert "5 new actions to add." in screen_text(app)
        assert "[b]Free[/b] tea" in screen_text(app)
        await _type(pilot, "owner", "Co-production lead")
        await pilot.click("#add")
        await pilot.pause()
        assert _message(app) == "Added and saved 5 new actions from results."
        await _press(pilot, "x")
        await _type(pilot, "folder", str(folder))
        await _press(pilot, "enter")
        assert "Everything in that folder is already in the log." in screen_text(app)
        await _press(pilot, "escape")
        await _press(pilot, "q")
    log = load_action_log(path).log
    assert log is not None
    assert [(a.id, a.you_said, a.source) for a in log.actions] == [
        ("a1", "Feeling welcome", ActionSource.EXPORT_THEME),
        ("a2", "Getting there", ActionSource.EXPORT_THEME),
        ("a3", "A drop-in on Saturdays", ActionSource.SESSION_IDEA),
        ("a4", "=Peer mentors for new people", ActionSource.SESSION_IDEA),
        ("a5", "[b]Free[/b] tea", ActionSource.SESSION_IDEA),
    ]
    assert log.actions[0].source_ref == "theme: Feeling welcome"
    assert log.actions[2].source_ref == (
        "session 2026-04-20, priorities, round r3: A drop-in on Saturdays"
    )
    assert {(a.status, a.owner, a.due, a.created_on) for a in log.actions} == {
        (ActionStatus.PLANNED, "Co-production lead", dt.date(2026, 7, 30), TODAY)
    }


async def test_from_results_without_an_export_says_so(tmp_path: Path) -> None:
    path = _log_file(tmp_path)
    empty = tmp_path / "empty"
    empty.mkdir()
    app = _app(path, from_export=empty)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        message = str(app.screen.query_one("#offers-message", Static).content)
        assert message.endswith(
            "holds no data.json or group_decisions.csv. Choose the folder 'kiosk export' wrote."
        )
        await _press(pilot, "escape")
        await _press(pilot, "q")
    assert path.read_text(encoding="utf-8") == LOG


async def test_advice_is_shown_before_saving_and_a_second_save_keeps_it(tmp_path: Path) -> None:
    path = _log_file(tmp_path, "actions: []\n")
    app = _app(path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await _press(pilot, "a")
        await _type(pilot, "you_said", "More breaks.")
        await _type(pilot, "we_did", "Two breaks now.")
        await _type(pilot, "owner", "Sarah Jones")
        await pilot.click("#save")
        await pilot.pause()
        message = str(app.screen.query_one("#form-message", Static).content)
        assert message.startswith("The owner of this action looks like a person's name")
        assert message.endswith("Press Save again to keep it as it is.")
        assert load_action_log(path).log.actions == ()  # type: ignore[union-attr]
        await _type(pilot, "owner", "Service manager")
        await pilot.click("#save")
        await pilot.pause()
        assert _message(app) == "Added and saved action a1."
        await _press(pilot, "q")
    log = load_action_log(path).log
    assert log is not None
    assert log.actions[0].owner == "Service manager"


async def test_q_in_the_form_is_a_letter_not_close(tmp_path: Path) -> None:
    path = _log_file(tmp_path, "actions: []\n")
    app = _app(path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await _press(pilot, "a")
        app.screen.query_one("#share").focus()
        await _press(pilot, "q")
        assert isinstance(app.screen, ActionForm)  # still open, nothing lost
        await _press(pilot, "escape")
        await _press(pilot, "q")
    assert app.return_code == 0


async def test_the_name_and_when_results_are_shared(tmp_path: Path) -> None:
    path = _log_file(tmp_path)
    app = _app(path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await _press(pilot, "t")
        assert app.screen.query_one("#results_shared", Input).value.startswith("At the café")
        await _type(pilot, "title", "Recovery College")
        await _type(pilot, "results_shared", "On the notice board, every first Monday")
        await pilot.click("#save")
        await pilot.pause()
        assert _message(app) == "Saved the name and when results are shared."
        await _press(pilot, "q")
    log = load_action_log(path).log
    assert log is not None
    assert (log.title, log.results_shared) == (
        "Recovery College",
        "On the notice board, every first Monday",
    )
    assert len(log.actions) == 5
