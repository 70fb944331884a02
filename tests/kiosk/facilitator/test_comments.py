"""Open comments: a moderation queue before anything reaches the shared screen,
with names, phone numbers and emails masked, and words never read as markup."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.pilot import Pilot
from textual.widgets import OptionList, TextArea

from kiosk.facilitator.screens.comments_modal import CommentsModal
from kiosk.facilitator.screens.console_screen import READ_AFTER_CLOSE
from surveys.polls import CommentStatus, PollClosedError
from surveys.storage.tinydb_tallies import SessionKeys, TinyDbTallyStore
from tests.support.facilitator import (
    SIZE,
    Facilitator,
    build_console,
    press,
    select_poll,
    settle,
    start_session,
    static_text,
)
from tests.support.screen import screen_text

COMMENTS = (
    "Call me on 07700 900123 about the room",
    "More breaks please",
    "[bold red]Shouting[/] about Dr Patel",
)


async def _queue(pilot: Pilot[object], console: Facilitator) -> CommentsModal:
    app = console.app
    await start_session(pilot)
    await select_poll(pilot, "better")
    await press(pilot, "o")
    live = app.live
    assert live is not None
    for words in COMMENTS:
        live.cast("better", words)
    await pilot.pause(0.2)
    await settle(pilot)
    waiting = " ".join(static_text(app, "#poll-waiting").split())
    assert waiting == "3 comments waiting for you to read once the poll is closed."
    # While the poll is open the queue stays shut: a comment arriving just as
    # someone taps Send could be matched to them.
    await press(pilot, "m")
    assert not isinstance(app.screen, CommentsModal)
    assert READ_AFTER_CLOSE in [str(n.message) for n in app._notifications]
    await press(pilot, "c", "m")
    screen = app.screen
    assert isinstance(screen, CommentsModal)
    return screen


async def test_comments_wait_masked_in_the_queue_and_markup_stays_words(home: Path) -> None:
    console = build_console(home)
    async with console.app.run_test(size=SIZE) as pilot:
        await _queue(pilot, console)
        text = screen_text(console.app)
        assert "[waiting] Call me on [phone] about the room" in text
        assert "07700" not in text
        assert "[waiting] [bold red]Shouting[/] about [name]" in text
        assert "Patel" not in text


async def test_show_edit_and_drop_decide_what_the_room_sees(home: Path) -> None:
    console = build_console(home)
    async with console.app.run_test(size=SIZE) as pilot:
        queue = await _queue(pilot, console)
        box = queue.query_one("#comments", OptionList)
        tally = console.app.live.tally("better")  # type: ignore[union-attr]
        ids = [c.id for c in tally.comments]
        by_words = {c.text: c for c in tally.comments}
        comments = [by_words[words] for words in COMMENTS]  # in the order they were sent
        box.highlighted = ids.index(comments[0].id)
        await press(pilot, "s")  # show the first (masked)
        box.highlighted = ids.index(comments[1].id)
        await press(pilot, "e")  # edit the second
        editor = console.app.screen.query_one(TextArea)
        editor.text = "More breaks, please"
        await pilot.click("#save")
        await settle(pilot)
        assert isinstance(console.app.screen, CommentsModal)
        box.highlighted = ids.index(comments[2].id)
        await press(pilot, "d")  # drop the third
        await press(pilot, "escape")
        await press(pilot, "r")  # reveal: only shown comments, masked
        results = static_text(console.app, "#poll-results")
        assert "“Call me on [phone] about the room”" in results
        assert "“More breaks, please”" in results
        assert "Shouting" not in results
        live = console.app.live
        assert live is not None
        # The console's own store can read them back for moderation this session …
        stored = {c.text: c for c in live.store.tallies(live.session.id)["better"].comments}
    # … without the session key only what was shown can be read.
    session_id = console.app.live.session.id  # type: ignore[union-attr]
    # (no session key: as after the computer restarts, or a copy of the files)
    elsewhere = (
        TinyDbTallyStore(home / "sessions", keys=SessionKeys())
        .tallies(session_id)["better"]
        .comments
    )
    readable = {c.text for c in elsewhere if c.status is CommentStatus.SHOWN}
    assert readable == {"Call me on [phone] about the room", "More breaks, please"}
    assert all(COMMENTS[2] not in c.text for c in elsewhere)
    assert stored[COMMENTS[0]].status is CommentStatus.SHOWN
    assert stored[COMMENTS[1]].status is CommentStatus.SHOWN
    assert stored[COMMENTS[1]].edited == "More breaks, please"
    assert stored[COMMENTS[2]].status is CommentStatus.DROPPED
    assert stored[COMMENTS[0]].text == COMMENTS[0]  # the original words are kept, unshown
    assert console.events().count("comment-moderated") == 3


async def test_no_comment_can_arrive_while_the_queue_is_being_read(home: Path) -> None:
    """The queue opens only once the poll is closed, so a comment can't be seen
    arriving as someone taps Send: a late one is refused and the queue stays as it was."""
    console = build_console(home)
    async with console.app.run_test(size=SIZE) as pilot:
        queue = await _queue(pilot, console)
        with pytest.raises(PollClosedError):
            console.app.live.cast("better", "A late thought")  # type: ignore[union-attr]
        await pilot.pause(0.3)
        await settle(pilot)
        assert queue.query_one("#comments", OptionList).option_count == 3
        assert "A late thought" not in screen_text(console.app)
