"""The review screen driven as a coordinator would: what it shows, what it saves, and
what the export then does with those decisions."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from rich.text import Text
from textual.widgets import Static

from exports import run_export
from exports.comment_review import Action
from kiosk.review.app import PROBLEM_LINE, ReviewApp
from kiosk.review.marking import MASK_STYLE
from kiosk.review.screens.comments_screen import CommentsScreen
from kiosk.review.screens.unsaved_modal import UnsavedModal
from tests.support.review import (
    COLD,
    LUNCH,
    MARKUP,
    PHONE,
    SIZE,
    Desk,
    press,
    settle,
)
from tests.support.screen import screen_text

# The review lists comments by their scrubbed text.
S_WELCOME = "[name] on reception made me feel welcome."
S_PHONE = "ring me on [phone] if you want more"
S_PATEL = "Nothing to add, thanks [name]"


def _screen(app: ReviewApp) -> CommentsScreen:
    screen = app.screen
    assert isinstance(screen, CommentsScreen)
    return screen


def _shown(app: ReviewApp) -> Text:
    content = _screen(app).query_one("#text", Static).content
    assert isinstance(content, Text)
    return content


async def _go_to(pilot: object, app: ReviewApp, text: str) -> None:
    target = next(i for i, c in enumerate(app.desk.comments) if c.text == text)
    while app.desk.index != target:
        await press(pilot, "n" if app.desk.index < target else "p")  # type: ignore[arg-type]


async def test_keep_edit_drop_undo_are_saved_and_the_export_uses_them(
    desk: Desk, tmp_path: Path
) -> None:
    app = desk.app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await _go_to(pilot, app, S_WELCOME)
        await press(pilot, "t", *"Feeling welcome", "enter", "k")
        assert app.desk.current.text == S_PHONE  # Keep moved on to the next one to do
        await press(pilot, "e", "ctrl+a", "ctrl+k")
        await pilot.press(*"Please call Priya on 07911 123456")
        await press(pilot, "ctrl+s")
        assert "Will be shown as: Please call [name] on [phone]" in screen_text(app)
        assert "more was hidden: [name], [phone]" in screen_text(app)
        await _go_to(pilot, app, S_PATEL)
        await press(pilot, "d")
        assert app.desk.current.text == COLD
        await press(pilot, "k")
        assert app.desk.current.text == MARKUP
        await press(pilot, "d")
        await _go_to(pilot, app, MARKUP)
        await press(pilot, "u")
        assert "waiting for review again" in screen_text(app)
        assert "not saved yet" in screen_text(app)
        await press(pilot, "s")
        assert "all saved" in screen_text(app)
        message = str(_screen(app).query_one("#message", Static).content)
        assert message.startswith(f"Saved to {desk.review_file}.")
        assert "5 kept, 1 edited, 1 dropped, 3 not reviewed (left out of the export" in message
        await press(pilot, "q")
    assert app.return_code == 0
    assert app.problems == []

    saved = desk.saved()
    assert {text: d.action for text, d in saved.items()} == {
        S_WELCOME: Action.KEEP,
        S_PHONE: Action.EDIT,
        S_PATEL: Action.DROP,
        COLD: Action.KEEP,
    }
    assert saved[S_WELCOME].theme == "Feeling welcome"
    assert saved[S_PHONE].text == "Please call [name] on [phone]"
    on_disk = desk.review_file.read_text(encoding="utf-8")
    for private in ("Sarah", "Priya", "07911", "reception", COLD, LUNCH):
        assert private not in on_disk  # comments are named by keyed hashes only

    out = tmp_path / "for-the-group"
    result = run_export(desk.request(out))
    assert result.comments_waiting == 3  # Lunch (2 people) and the undone one (1)
    report = (out / "report.html").read_text(encoding="utf-8")
    # Only 4 people may be quoted: fewer than 5, so no quote is shown (the quotes
    # would count them), and small counts of comments are "<5".
    assert "[name] on reception made me feel welcome." not in report
    assert "Please call [name] on [phone]" not in report
    assert "their words are not shown here, so that no one can be picked out" in report
    # Given to only 3 comments, the theme is left out of every file, and the report says so.
    assert "Feeling welcome" not in report
    assert "Themes given to too few comments" in report
    for left_out in (COLD, "Nothing to add", LUNCH, "More breaks", "07700", "Priya", "Sarah"):
        assert left_out not in report
    assert "Still waiting for review, so not in this report: <strong>&lt;5</strong>" in report
    data = json.loads((out / "data.json").read_text(encoding="utf-8"))
    assert LUNCH not in json.dumps(data)
    (free,) = data["free_text"]
    shown = [free[key]["shown"] for key in ("written", "kept", "dropped")]
    assert shown == ["10", "6", "<5"]
    assert (free["waiting_for_review"]["shown"], free["kept_not_quotable"]["shown"]) == ("<5", "<5")
    assert data["quotes"] == []


async def test_markup_looking_comment_is_shown_literally(desk: Desk) -> None:
    app = desk.app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await _go_to(pilot, app, MARKUP)
        assert _shown(app).plain == MARKUP
        assert _shown(app).spans == []  # nothing masked, nothing styled
        assert MARKUP in screen_text(app)
    assert app.problems == []


async def test_masked_parts_are_highlighted_and_the_hidden_words_shown_on_request(
    desk: Desk,
) -> None:
    app = desk.app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await _go_to(pilot, app, S_WELCOME)
        shown = _shown(app)
        assert shown.plain == S_WELCOME
        assert [(s.start, s.end, str(s.style)) for s in shown.spans] == [(0, 6, MASK_STYLE)]
        assert "Sarah" not in screen_text(app)  # the original only on request
        await press(pilot, "h")
        assert "What was hidden: [name] was “Sarah”" in screen_text(app)
        await _go_to(pilot, app, S_PHONE)
        spans = [(s.start, s.end) for s in _shown(app).spans]
        assert [S_PHONE[a:b] for a, b in spans] == ["[phone]"]
    assert app.problems == []


@pytest.mark.parametrize(
    ("text", "says"),
    [
        (COLD, "2 people wrote this. None ticked “You can quote my words”"),
        (LUNCH, "2 people wrote this. All said their words may be quoted."),
        (PHONE.replace("07700 900123", "[phone]"), "The writer said their words may be quoted."),
    ],
)
async def test_whether_the_writer_allowed_quoting_is_shown(
    desk: Desk, text: str, says: str
) -> None:
    app = desk.app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await _go_to(pilot, app, text)
        quoting = _screen(app).query_one("#quoting", Static).content
        assert str(quoting).startswith(says)


async def test_closing_with_unsaved_decisions_asks_once_and_stay_keeps_them(desk: Desk) -> None:
    app = desk.app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await press(pilot, "k", "q")
        assert isinstance(app.screen, UnsavedModal)
        await press(pilot, "q")  # asking again does not stack a second question
        assert len([s for s in app.screen_stack if isinstance(s, UnsavedModal)]) == 1
        await pilot.click("#stay")
        await settle(pilot)
        assert isinstance(app.screen, CommentsScreen)
        await press(pilot, "q")
        await pilot.click("#discard")
        await settle(pilot)
    assert app.return_code == 0
    assert not desk.review_file.exists()  # closed without saving: nothing written


async def test_save_and_close_writes_the_decisions(desk: Desk) -> None:
    app = desk.app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await press(pilot, "d", "ctrl+q")
        await pilot.click("#save-close")
        await settle(pilot)
    assert app.return_code == 0
    assert set(desk.saved()) == {LUNCH}
    assert desk.saved()[LUNCH].action is Action.DROP


async def test_closing_with_everything_saved_does_not_ask(desk: Desk) -> None:
    app = desk.app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await press(pilot, "q")
    assert app.return_code == 0


async def test_an_empty_edit_is_refused_kindly(desk: Desk) -> None:
    app = desk.app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await press(pilot, "e", "ctrl+a", "ctrl+k", "ctrl+s")
        assert "The comment is empty. To leave it out, choose Drop instead." in screen_text(app)
        assert app.desk.decision() is None
    assert app.problems == []


async def test_a_save_that_fails_says_so_and_keeps_the_decisions(desk: Desk) -> None:
    desk.review_file.parent.parent.mkdir(parents=True, exist_ok=True)
    desk.review_file.parent.write_text("not a folder")  # the review file can't be written
    app = desk.app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await press(pilot, "k", "s")
        assert "could not be saved" in screen_text(app)
        assert "not saved yet" in screen_text(app)
        assert app.desk.changes == 1
    assert app.problems == []


async def test_an_unexpected_error_is_calm_and_logged_without_comment_text(
    desk: Desk, monkeypatch: pytest.MonkeyPatch
) -> None:
    app = desk.app()

    def broken(theme: str | None = None) -> None:
        raise RuntimeError(LUNCH)

    monkeypatch.setattr(app.desk, "keep", broken)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await press(pilot, "k")
        assert PROBLEM_LINE.split(",")[0] in screen_text(app)
        assert "Traceback" not in screen_text(app)
        await press(pilot, "d")  # the screen still works
        assert app.desk.decision(app.desk.comments[0]) is not None
    assert app.problems == ["RuntimeError in ReviewApp handling Key"]
    log = (desk.home / "logs" / "kiosk.log").read_text(encoding="utf-8")
    assert "RuntimeError" in log
    assert LUNCH not in log
