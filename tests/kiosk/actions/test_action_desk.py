"""The editor's desk without a screen: ids, the form's words, and actions from results."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from exports.action_offers import Offer
from kiosk.actions.action_desk import ActionDesk, Filter
from surveys.action_model import ActionSource, ActionStatus
from surveys.action_reader import load_action_log

TODAY = dt.date(2026, 5, 1)
FORM = {
    "you_said": "More breaks.",
    "we_did": "Two breaks now.",
    "owner": "Service manager",
    "due": "2026-06-30",
}


def _desk(tmp_path: Path) -> ActionDesk:
    return ActionDesk.open(tmp_path / "actions.yaml", lambda: TODAY)


def test_a_new_log_is_empty_and_ids_count_up(tmp_path: Path) -> None:
    desk = _desk(tmp_path)
    assert (desk.log.actions, desk.filter, desk.blocked) == ((), Filter.ALL, "")
    checked = desk.check(FORM, share=False)
    assert checked.action is not None
    assert desk.add(checked.action) == ""
    assert desk.next_id() == "a2"


def test_the_form_s_words_are_the_checker_s(tmp_path: Path) -> None:
    desk = _desk(tmp_path)
    named = desk.check({**FORM, "owner": "Sarah Jones"}, share=False)
    assert named.action is not None  # advice does not stop it
    assert named.advice[0].startswith("The owner of this action looks like a person's name")
    no_reason = desk.check({**FORM, "status": "not possible"}, share=False)
    assert no_reason.action is None
    assert no_reason.message.startswith("This action is 'not possible', so it needs a 'reason:'")


def test_closing_sets_the_day_and_reopening_clears_it(tmp_path: Path) -> None:
    desk = _desk(tmp_path)
    done = desk.check({**FORM, "status": "done"}, share=True)
    assert done.action is not None
    assert (done.action.status, done.action.closed_on) == (ActionStatus.DONE, TODAY)
    again = desk.check({**FORM, "status": "planned", "closed_on": "2026-04-01"}, share=True)
    assert again.action is not None
    assert again.action.closed_on is None


def test_adopt_needs_an_owner_and_a_date(tmp_path: Path) -> None:
    desk = _desk(tmp_path)
    offer = Offer("Getting there", ActionSource.EXPORT_THEME, "theme: Getting there", "")
    assert desk.adopt([offer], "  ", "2026-07-01").startswith("Please say which role owns")
    assert desk.adopt([offer], "Lead", "July").startswith("Please write the due date")
    assert not (tmp_path / "actions.yaml").exists()
    assert desk.adopt([offer, offer], "Lead", "2026-07-01") == ""
    log = load_action_log(tmp_path / "actions.yaml").log
    assert log is not None
    assert [a.id for a in log.actions] == ["a1", "a2"]
