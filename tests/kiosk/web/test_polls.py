"""Live polls on phones: join, wait, vote once, optional group, and what is counted."""

from __future__ import annotations

import asyncio
from collections.abc import Callable

import pytest

from kiosk.web.server import PhoneServer
from surveys import groups
from surveys.model import Kind, Question, Survey
from surveys.polls import PollStatus, Room, Tally, voted_line
from surveys.sealing import Opener, Sealer
from surveys.storage import SessionInfo
from surveys.storage.tinydb_store import TinyDbResponseStore
from surveys.storage.tinydb_tallies import TinyDbTallyStore
from tests.kiosk.web.conftest import GENEROUS, JoinedPhone, close_poll, open_poll
from tests.support.web import MovableClock, Page, Phone


async def join(phone: Phone, server: PhoneServer) -> None:
    page = await phone.get(server.join_url)
    assert page.path == "/vote", page.text[:300]


async def test_the_join_code_is_stable_and_short(server: PhoneServer) -> None:
    assert len(server.join_code) == 6
    assert server.join_url == f"{server.base_url}/j/{server.join_code}"
    assert server.join_code == server.join_code


async def test_with_no_poll_open_the_phone_waits_calmly(joined_phone: JoinedPhone) -> None:
    async with joined_phone() as phone:
        page = phone.page
    assert page is not None
    assert page.status == 200
    assert "Please wait for the facilitator to open a question" in page.text
    assert "http-equiv" not in page.text  # no reload: "Check again" (test_waiting_pages)
    assert 'method="post"' not in page.text


async def test_the_open_poll_is_shown_with_an_optional_group_question(
    joined_phone: JoinedPhone,
) -> None:
    async with joined_phone("day") as phone:
        page = phone.page
    assert page is not None
    assert page.h1 == "Which day suits you?"
    assert page.field("poll") == "day"
    for group in groups.GROUPS:
        assert group.label in page.text
    assert "Which group are you in? You don't have to say." in page.text
    assert "http-equiv" not in page.text  # never reload a page someone is filling in
    assert " checked" not in page.text


async def test_a_vote_is_counted_and_a_second_post_is_not(
    joined_phone: JoinedPhone, tallies: TinyDbTallyStore, session: SessionInfo
) -> None:
    async with joined_phone("day") as phone:
        token = phone.page.csrf if phone.page else ""
        thanks = await phone.post(
            "/vote", [("poll", "day"), ("answer", "Tuesday"), ("group", "carer")], csrf=token
        )
        assert "Thank you. Your vote has been counted." in thanks.text
        assert "Results will be shown on the screen." in thanks.text
        assert "Check again" in thanks.text  # and no reload (test_waiting_pages)
        again = await phone.post("/vote", [("poll", "day"), ("answer", "Monday")], csrf=token)
        assert "Your vote has been counted" in again.text
    tally = tallies.tallies(session.id)["day"]
    assert tally.votes == 1
    assert dict(tally.counts) == {"Tuesday": 1}
    assert dict(tally.by_group) == {"carer": 1}


async def test_two_posts_at_once_from_one_phone_count_once(
    joined_phone: JoinedPhone, tallies: TinyDbTallyStore, session: SessionInfo
) -> None:
    async with joined_phone("day") as phone:
        token = phone.page.csrf if phone.page else ""
        await asyncio.gather(
            *(
                phone.post("/vote", [("poll", "day"), ("answer", "Monday")], csrf=token)
                for _ in range(10)
            )
        )
    assert tallies.tallies(session.id)["day"].votes == 1


async def test_each_phone_votes_once_per_poll_and_memory_holds_no_votes(
    server: PhoneServer, tallies: TinyDbTallyStore, session: SessionInfo
) -> None:
    open_poll(tallies, session, "day")
    phones = [Phone(server.base_url) for _ in range(3)]
    try:
        for phone, day in zip(phones, ["Monday", "Monday", "Wednesday"], strict=True):
            await join(phone, server)
            await phone.post("/vote", [("poll", "day"), ("answer", day)])
        open_poll(tallies, session, "useful")
        for phone in phones:
            page = await phone.get("/vote")
            assert page.field("poll") == "useful"
            await phone.post("/vote", [("poll", "useful"), ("answer", "4")])
    finally:
        for phone in phones:
            await phone.http.close()
    counted = tallies.tallies(session.id)
    assert dict(counted["day"].counts) == {"Monday": 2, "Wednesday": 1}
    assert dict(counted["useful"].counts) == {"4": 3}
    pairs = server.context.ballots.pairs()
    assert len(pairs) == 6
    for poll_id, marker in pairs:
        assert poll_id in ("day", "useful")
        assert len(marker) == 64
        assert all(ch in "0123456789abcdef" for ch in marker)
        for phone in phones:
            assert phone.cookie("phone") not in marker


async def test_the_group_is_remembered_on_the_phone_for_the_next_poll(
    joined_phone: JoinedPhone, tallies: TinyDbTallyStore, session: SessionInfo
) -> None:
    async with joined_phone("day") as phone:
        await phone.post("/vote", [("poll", "day"), ("answer", "Monday"), ("group", "peer")])
        open_poll(tallies, session, "useful")
        page = await phone.get("/vote")
    assert 'value="peer" checked' in page.text


@pytest.mark.parametrize("group", ["", "admin", "<b>", groups.NOT_SAID])
async def test_an_unknown_or_missing_group_counts_as_not_said(
    joined_phone: JoinedPhone, tallies: TinyDbTallyStore, session: SessionInfo, group: str
) -> None:
    async with joined_phone("day") as phone:
        fields = [("poll", "day"), ("answer", "Monday")]
        if group:
            fields.append(("group", group))
        await phone.post("/vote", fields)
    assert dict(tallies.tallies(session.id)["day"].by_group) == {groups.NOT_SAID: 1}


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ([("answer", "Sunday")], "Please choose one of the options shown."),
        ([], "Nothing is chosen yet. Please choose one of the options."),
        ([("answer", "Monday"), ("answer", "Tuesday")], "Please choose one of the options"),
    ],
)
async def test_a_malformed_vote_is_not_counted_and_may_be_tried_again(
    joined_phone: JoinedPhone,
    tallies: TinyDbTallyStore,
    session: SessionInfo,
    fields: list[tuple[str, str]],
    message: str,
) -> None:
    async with joined_phone("day") as phone:
        page = await phone.post("/vote", [("poll", "day"), *fields])
        assert page.status == 422
        assert message in page.text
        assert tallies.tallies(session.id)["day"].votes == 0
        await phone.post("/vote", [("poll", "day"), ("answer", "Monday")])
    assert tallies.tallies(session.id)["day"].votes == 1


async def test_a_vote_for_a_closed_poll_is_not_counted(
    joined_phone: JoinedPhone, tallies: TinyDbTallyStore, session: SessionInfo
) -> None:
    async with joined_phone("day") as phone:
        close_poll(tallies, session, "day")
        page = await phone.post("/vote", [("poll", "day"), ("answer", "Monday")])
    assert "Please wait for the facilitator" in page.text
    assert tallies.tallies(session.id)["day"].votes == 0


async def test_a_vote_that_reaches_the_store_just_after_the_close_is_refused_kindly(
    joined_phone: JoinedPhone,
    tallies: TinyDbTallyStore,
    session: SessionInfo,
    monkeypatch: pytest.MonkeyPatch,
    problems: list[tuple[str, str]],
) -> None:
    open_poll(tallies, session, "day")
    change = tallies.change

    def closing(tally: Tally) -> None:
        tally.status = PollStatus.CLOSED

    def facilitator_closes_first(
        at: SessionInfo, poll_id: str, edit: Callable[[Tally], None]
    ) -> Tally:
        # The page saw the poll open; the console's close takes the lock first.
        change(at, "day", closing)
        return change(at, poll_id, edit)

    async with joined_phone() as phone:
        monkeypatch.setattr(tallies, "change", facilitator_closes_first)
        page = await phone.post("/vote", [("poll", "day"), ("answer", "Monday")])
        monkeypatch.undo()
        assert page.status == 409
        assert page.h1 == "That question has just closed"
        assert "just before your vote arrived" in page.text
        assert "Traceback" not in page.text
        # Opened again, the same phone may vote: the refused vote left no mark.
        open_poll(tallies, session, "day")
        await phone.get("/vote")
        thanks = await phone.post("/vote", [("poll", "day"), ("answer", "Tuesday")])
        assert "Your vote has been counted" in thanks.text
    tally = tallies.tallies(session.id)["day"]
    assert dict(tally.counts) == {"Tuesday": 1}
    assert problems == []


async def test_a_vote_for_a_poll_that_is_not_the_open_one_is_not_counted(
    joined_phone: JoinedPhone, tallies: TinyDbTallyStore, session: SessionInfo
) -> None:
    async with joined_phone("useful") as phone:
        page = await phone.post("/vote", [("poll", "day"), ("answer", "Monday")])
    assert page.field("poll") == "useful"
    assert "day" not in tallies.tallies(session.id) or (
        tallies.tallies(session.id)["day"].votes == 0
    )


async def test_comments_and_words_go_into_the_same_tallies(
    joined_phone: JoinedPhone, tallies: TinyDbTallyStore, session: SessionInfo
) -> None:
    async with joined_phone("better") as phone:
        page = phone.page
        assert page is not None
        assert "<textarea" in page.text
        await phone.post("/vote", [("poll", "better"), ("answer", "More <b>tea</b>\r\nplease")])
        open_poll(tallies, session, "words")
        await phone.get("/vote")
        await phone.post("/vote", [("poll", "words"), ("answer", "Friendly friendly people")])
    counted = tallies.tallies(session.id)
    [comment] = counted["better"].comments
    assert comment.text == "More <b>tea</b>\nplease"
    assert dict(counted["words"].words) == {"friendly": 2, "people": 1}


async def test_voting_needs_the_join_code(
    server: PhoneServer, tallies: TinyDbTallyStore, session: SessionInfo
) -> None:
    open_poll(tallies, session, "day")
    async with Phone(server.base_url) as phone:
        page = await phone.get("/vote")
        assert page.status == 403
        assert "type the code shown on the facilitator" in page.text
        page = await phone.get("/j/ZZZZZZ")
        assert page.status == 404
        phone.http.cookie_jar.update_cookies({"phone": "x" * 43, "joined": "0" * 64})
        page = await phone.get("/vote")
        assert page.status == 403
    assert tallies.tallies(session.id)["day"].votes == 0


async def test_typing_the_join_code_on_the_home_page_goes_to_the_vote(
    server: PhoneServer,
) -> None:
    async with Phone(server.base_url) as phone:
        await phone.get("/")
        page = await phone.post("/", {"code": server.join_code.lower()})
    assert page.path == "/vote"


async def test_a_failed_count_lets_the_phone_try_again(
    joined_phone: JoinedPhone,
    tallies: TinyDbTallyStore,
    session: SessionInfo,
    monkeypatch: pytest.MonkeyPatch,
    problems: list[tuple[str, str]],
) -> None:
    open_poll(tallies, session, "day")

    def locked(*_: object, **__: object) -> None:
        raise OSError(5, "I/O error")

    async with joined_phone() as phone:
        monkeypatch.setattr(tallies, "change", locked)
        page = await phone.post("/vote", [("poll", "day"), ("answer", "Monday")])
        assert page.status == 503
        assert "your vote was not counted yet" in page.text
        monkeypatch.undo()
        await phone.get("/vote")
        await phone.post("/vote", [("poll", "day"), ("answer", "Monday")])
    assert tallies.tallies(session.id)["day"].votes == 1
    assert problems == [("OSError", "phone vote")]


async def test_a_server_without_polls_has_no_vote_pages(
    server: PhoneServer, session: SessionInfo
) -> None:
    plain = PhoneServer(session=session)
    await plain.start("127.0.0.1", 0)
    try:
        async with Phone(plain.base_url) as phone:
            assert (await phone.get(f"/j/{plain.join_code}")).status == 404
            assert (await phone.get("/vote")).status == 404
            assert (await phone.get("/h/ABCDEF")).status == 404
            with pytest.raises(RuntimeError, match="no survey"):
                plain.new_handoff()
    finally:
        await plain.stop()


def test_polls_are_the_poll_files_questions(polls: tuple[Question, ...]) -> None:
    assert [p.id for p in polls] == ["day", "useful", "better", "words"]


@pytest.mark.parametrize(
    "polls",
    [(Question(id="heard", kind=Kind.YESNO, text="Did today feel like real co-production?"),)],
)
async def test_the_poll_page_explains_hard_words(
    joined_phone: JoinedPhone, server: PhoneServer
) -> None:
    async with joined_phone("heard") as phone:
        page = phone.page
    assert page is not None
    assert page.h1 == "Did today feel like real co-production?"
    assert "<summary>What does this mean?</summary>" in page.text
    assert "<dt>co-production</dt>" in page.text
    assert "People who use services, carers and staff working together as equals." in page.text


# -- the room size is the ceiling -------------------------------------------------------


async def _vote(phone: Phone, server: PhoneServer, answer: str, group: str = "") -> Page:
    joined = await phone.get(server.join_url)
    if joined.path != "/vote":
        return joined  # refused at the door
    fields = [("poll", "day"), ("answer", answer)]
    if group:
        fields.append(("group", group))
    return await phone.post("/vote", fields)


async def test_fresh_cookie_jars_cannot_vote_past_the_headcount(
    server: PhoneServer, tallies: TinyDbTallyStore, session: SessionInfo
) -> None:
    """A private tab or cleared cookies is a new phone: the room's size still holds."""
    tallies.save_room(session, Room("Focus group", session.date, 5, {"carer": 2, "lived": 3}))
    open_poll(tallies, session, "day")
    pages = []
    for group in ["carer", "carer", "carer", "lived", "lived", "lived", "lived"]:
        async with Phone(server.base_url) as phone:  # a fresh cookie jar each time
            pages.append(await _vote(phone, server, "Monday", group))
    full = [p for p in pages if "This room is full" in p.text]
    # The third carer (only 2 here) is refused at the vote, and the phone after the
    # room of 5 filled at the door — kindly, with nothing counted.
    assert len(full) == 2
    assert all(p.status == 409 for p in full)
    assert "This room is full — please ask the facilitator." in full[0].text
    tally = tallies.tallies(session.id)["day"]
    assert tally.votes == 5
    assert dict(tally.by_group) == {"carer": 2, "lived": 3}
    assert tally.turned_away == 2
    room = tallies.room(session.id)
    assert room is not None
    assert voted_line(tally, room) == "5 of 5 have voted"
    # Now everyone here has voted, a new phone can't even join: it is told kindly.
    async with Phone(server.base_url) as late:
        page = await late.get(server.join_url)
    assert page.status == 409
    assert "This room is full — please ask the facilitator." in page.text
    assert tallies.tallies(session.id)["day"].votes == 5
    assert tallies.tallies(session.id)["day"].turned_away == 3  # the console says so


async def test_a_restart_does_not_let_the_same_phone_vote_twice(
    server: PhoneServer,
    tallies: TinyDbTallyStore,
    session: SessionInfo,
    survey: Survey,
    keys: tuple[Sealer, Opener],
    store: TinyDbResponseStore,
    polls: tuple[Question, ...],
    clock: MovableClock,
) -> None:
    open_poll(tallies, session, "day")
    phone = Phone(server.base_url)
    try:
        first = await _vote(phone, server, "Monday")
        assert "Your vote has been counted" in first.text
        await server.stop()
        again = PhoneServer(
            session=session,
            clock=clock,
            survey=survey,
            sealer=keys[0],
            store=store,
            polls=polls,
            tallies=tallies,
            settings=GENEROUS,
        )
        await again.start("127.0.0.1", 0)
        try:
            phone.base_url = again.base_url  # the same phone, the same cookies
            await join(phone, again)
            # The phone is told its vote is in, not offered the form again …
            assert phone.page is not None
            assert "Your vote has been counted" in phone.page.text
            assert 'method="post"' not in phone.page.text  # no vote form, only "Check again"
            # … and a vote sent anyway (an old tab) is still not counted.
            token = again.context.sign("csrf", phone.cookie("phone") or "")
            again.context.ballots.clear()  # as if the page had been open since before
            second = await phone.post("/vote", [("poll", "day"), ("answer", "Tuesday")], csrf=token)
            assert "Your vote has been counted" in second.text
            # A different phone still votes after the restart.
            async with Phone(again.base_url) as other:
                await _vote(other, again, "Wednesday")
        finally:
            await again.stop()
    finally:
        await phone.http.close()
    tally = tallies.tallies(session.id)["day"]
    assert dict(tally.counts) == {"Monday": 1, "Wednesday": 1}
    # What is kept is one mark per phone: not the cookie, not the vote.
    assert len(tally.markers) == 2
    assert phone.cookie("phone") not in repr(tally.to_json())
