"""A focus group on phones, through a real server on 127.0.0.1: phones write ideas and
rank them in secret while the console (``ConsoleSide``, the store side as the console
does it) moves the plan on; what the store holds is checked afterwards."""

from __future__ import annotations

import asyncio
import html
import logging
import re
import time
from collections.abc import AsyncIterator, Callable
from pathlib import Path

import pytest

from kiosk.web.focus_box import FocusBox, WritingClosedError
from kiosk.web.server import PhoneServer
from surveys import groups
from surveys.idea_ranking import RankTally, Style
from surveys.polls import PollClosedError, PollStatus, Room
from surveys.storage import SessionInfo
from surveys.storage.tinydb_tallies import TinyDbTallyStore
from tests.kiosk.web.conftest import GENEROUS
from tests.support.phone_plan import DOTS, MERGE, POLL, RESULTS, SHARE, TOP3, ConsoleSide
from tests.support.web import MovableClock, Page, Phone

SCRIPT = "<script>alert(1)</script> {{7*7}} more buses"


@pytest.fixture
def console(tmp_path: Path, session: SessionInfo, clock: MovableClock) -> ConsoleSide:
    return ConsoleSide(tmp_path / "sessions", session, clock)


def focus_server(
    console: ConsoleSide,
    tallies: TinyDbTallyStore,
    clock: MovableClock,
    problems: list[tuple[str, str]],
) -> PhoneServer:
    return PhoneServer(
        session=console.session,
        clock=clock,
        tallies=tallies,
        polls=console.polls,
        focus=console.focus,
        plans=console.plans,
        settings=GENEROUS,
        report=lambda error, where: problems.append((type(error).__name__, where)),
    )


@pytest.fixture
async def server(
    console: ConsoleSide,
    tallies: TinyDbTallyStore,
    clock: MovableClock,
    problems: list[tuple[str, str]],
) -> AsyncIterator[PhoneServer]:
    phone_server = focus_server(console, tallies, clock, problems)
    await phone_server.start("127.0.0.1", 0)
    yield phone_server
    await phone_server.stop()
    assert problems == []


@pytest.fixture
async def phones(server: PhoneServer) -> AsyncIterator[Callable[[], Phone]]:
    """``new()``: a fresh phone (its own cookie jar), closed afterwards."""
    made: list[Phone] = []

    def new() -> Phone:
        phone = Phone(server.base_url)
        made.append(phone)
        return phone

    yield new
    for phone in made:
        await phone.http.close()


TOKENS: dict[int, str] = {}
"""Each phone's form token (the same on every page for one phone and server)."""


async def joined(phone: Phone, server: PhoneServer) -> Page:
    page = await phone.get(server.join_url)
    assert page.path == "/vote", page.text[:300]
    if page.field("csrf"):
        TOKENS[id(phone)] = page.csrf
    return page


def group_field(page: Page, group: str | None) -> list[tuple[str, str]]:
    """The group a browser sends: the one chosen, else the one already ticked."""
    ticked = re.search(r'name="group" value="([^"]+)" checked>', page.text)
    chosen = group or (ticked.group(1) if ticked else None)
    return [("group", chosen)] if chosen else []


async def send_idea(phone: Phone, text: str, group: str | None = None) -> Page:
    page = await phone.get("/vote")
    assert 'action="/idea"' in page.text, page.text[:500]
    return await phone.post("/idea", [("idea", text), *group_field(page, group)])


async def rank(
    phone: Phone, choices: list[str], group: str | None = None, *, round_id: str = ""
) -> Page:
    """Send a top-k ballot: ``choices`` are idea ids, first place first ("" for none).
    With ``round_id``, send it even when the page shows no form (a second ballot)."""
    page = await phone.get("/vote")
    fields = [("round", page.field("round") or round_id)]
    fields += [(f"place-{n}", idea) for n, idea in enumerate(choices, 1)]
    fields += group_field(page, group)
    return await phone.post("/rank", fields, csrf=TOKENS[id(phone)])


async def spend(phone: Phone, dots: dict[str, str], group: str | None = None) -> Page:
    page = await phone.get("/vote")
    fields = [("round", page.field("round") or "")]
    fields += [(f"dots-{idea}", n) for idea, n in dots.items()]
    fields += group_field(page, group)
    return await phone.post("/rank", fields, csrf=TOKENS[id(phone)])


def plain(page: Page) -> str:
    """The page's words as a person reads them (entities turned back into characters)."""
    return html.unescape(page.text)


def totals(tally: RankTally) -> tuple[dict[str, int], dict[str, int]]:
    """Each idea's points over every group, and its rank sum, from the stored totals."""
    points = {i: sum(p.get(i, 0) for p in tally.points.values()) for i in tally.candidates}
    return points, {i: (tally.size + 1) * tally.votes - n for i, n in points.items()}


def selected(page: Page, field: str) -> str | None:
    """The option chosen in a drop-down list on the page."""
    block = re.search(rf'<select id="{field}" name="{field}">(.*?)</select>', page.text, re.S)
    assert block, page.text[:800]
    chosen = re.search(r'<option value="([^"]*)" selected>', block.group(1))
    return chosen.group(1) if chosen else None


# -- joining and waiting -----------------------------------------------------------------


async def test_before_the_plan_starts_a_phone_joins_and_waits_calmly(
    server: PhoneServer, phones: Callable[[], Phone]
) -> None:
    page = await joined(phones(), server)
    assert "Please wait" in page.text
    assert "http-equiv" not in page.text
    assert "Check again" in page.text


async def test_stages_with_nothing_for_a_phone_say_look_at_the_screen(
    server: PhoneServer, phones: Callable[[], Phone], console: ConsoleSide
) -> None:
    console.start()
    phone = phones()
    await joined(phone, server)
    for index, title in ((SHARE, "Hearing every idea"), (MERGE, "Putting ideas together")):
        console.go_to(index)
        page = await phone.get("/vote")
        assert page.h1 == "Please look at the screen"
        assert f"Now: {title}" in page.text
        assert '<form method="get" action="/vote" class="check-again">' in page.text
        assert "http-equiv" not in page.text
        assert 'method="post"' not in page.text


# -- ideas ------------------------------------------------------------------------------


async def test_a_phone_sends_ideas_and_is_thanked_without_seeing_them_again(
    server: PhoneServer, phones: Callable[[], Phone], console: ConsoleSide
) -> None:
    console.start()
    phone, other = phones(), phones()
    page = await joined(phone, server)
    assert page.h1 == "What would make the most difference to you?"
    assert '<textarea id="idea" name="idea"' in page.text
    assert "Send my idea" in page.text
    await joined(other, server)
    await send_idea(other, "A quiet room to wait in")

    thanks = await send_idea(phone, "Buses that run on Sundays", "carer")
    assert thanks.path == "/idea-sent"
    assert thanks.status == 200
    assert thanks.h1 == "Thank you — your idea is in"
    assert "You can write another." in thanks.text
    for words in ("Buses that run on Sundays", "A quiet room to wait in"):
        assert words not in thanks.text  # never shown back, nor anyone else's
    assert not re.search(r"\bi[0-9a-f]{8}\b", thanks.text)  # no idea id either
    assert "<textarea" in thanks.text  # room for another
    await send_idea(phone, "Letters in plain words")

    pool = console.focus.pool
    assert sorted(idea.text for idea in pool.ideas) == [
        "A quiet room to wait in",
        "Buses that run on Sundays",
        "Letters in plain words",
    ]
    assert dict(pool.writers) == {"carer": 2, groups.NOT_SAID: 1}  # the group cookie


async def test_an_empty_or_long_idea_gets_a_kind_message_and_keeps_the_words(
    server: PhoneServer, phones: Callable[[], Phone], console: ConsoleSide
) -> None:
    console.start()
    phone = phones()
    await joined(phone, server)
    empty = await phone.post("/idea", [("idea", "   ")])
    assert empty.status == 422
    assert 'role="alert"' in empty.text
    assert "Please write your idea in the box first." in empty.text

    long_words = SCRIPT + " and" * 80
    long = await phone.post("/idea", [("idea", long_words)])
    assert long.status == 422
    assert "That idea is a bit long. Please keep it under 280 letters" in long.text
    # Kept, as the characters they are: never markup, never a template.
    assert "&lt;script&gt;alert(1)&lt;/script&gt; {{7*7}} more buses and" in long.text
    assert "<script>" not in long.text
    assert "49 more buses" not in long.text
    assert console.focus.pool.ideas == []


async def test_an_idea_sent_after_writing_time_is_refused_kindly_and_kept(
    server: PhoneServer, phones: Callable[[], Phone], console: ConsoleSide
) -> None:
    console.start()
    phone = phones()
    form = await joined(phone, server)
    console.next()  # writing time is over
    late = await phone.post("/idea", [("idea", SCRIPT)], csrf=form.csrf)
    assert late.status == 409
    assert "Writing ideas has finished for now, so this idea wasn't sent. Thank you." in plain(late)
    assert "&lt;script&gt;alert(1)&lt;/script&gt; {{7*7}} more buses" in late.text
    assert console.focus.pool.ideas == []


async def test_forms_without_their_token_or_joining_change_nothing(
    server: PhoneServer, phones: Callable[[], Phone], console: ConsoleSide
) -> None:
    console.start()
    stranger = phones()
    refused = await stranger.post("/idea", [("idea", "Hello")], csrf=None)
    assert refused.status == 403
    phone = phones()
    await joined(phone, server)
    forged = await phone.post("/idea", [("idea", "Hello")], csrf="0" * 64)
    assert forged.status == 403
    async with phone.http.post(
        f"{server.base_url}/idea",
        data=b"--x\r\nbroken",
        headers={"Content-Type": "multipart/form-data; boundary=x"},
    ) as broken:
        assert broken.status == 400
        assert broken.headers["Content-Security-Policy"].startswith("default-src 'none'")
    huge = await phone.post("/idea", [("idea", "x" * 70_000)], csrf=None)
    assert huge.status == 413
    assert "That was too much to send at once" in huge.text
    page = await phone.get("/vote")
    assert page.headers["Content-Security-Policy"].startswith("default-src 'none'")
    assert page.headers["Cache-Control"] == "no-store, max-age=0"
    assert page.headers["X-Content-Type-Options"] == "nosniff"
    assert "<script" not in page.text
    assert console.focus.pool.ideas == []


# -- ranking ----------------------------------------------------------------------------


async def _ideas_in(server: PhoneServer, phone: Phone, words: list[str]) -> None:
    await joined(phone, server)
    for text in words:
        await send_idea(phone, text)


async def test_phones_rank_their_top_3_once_and_the_rank_sums_add_up(
    server: PhoneServer, phones: Callable[[], Phone], console: ConsoleSide
) -> None:
    console.start()
    writer = phones()
    await _ideas_in(server, writer, ["Buses", "Ramps", "Quiet room", "Plain letters", SCRIPT])
    console.go_to(MERGE)
    console.merge(["Ramps", "Quiet room"], "Access: ramps and a quiet room")
    console.go_to(TOP3)
    ids = console.ids_by_words()
    assert len(ids) == 4

    page = await writer.get("/vote")
    assert page.h1 == "Which 3 ideas matter most to you? Put the most important first."
    for place in ("1st choice", "2nd choice", "3rd choice"):
        assert f">{place}</label>" in page.text
    assert "Brings together 2 ideas" in page.text  # and the two wordings, masked
    assert "<li>Ramps</li>" in page.text
    assert "<li>Quiet room</li>" in page.text
    assert "&lt;script&gt;alert(1)&lt;/script&gt; {{7*7}} more buses" in page.text
    assert "<script>" not in page.text

    b, a, p, s = (
        ids["Buses"],
        ids["Access: ramps and a quiet room"],
        ids["Plain letters"],
        ids[SCRIPT],
    )
    ballots = [
        ([b, a, p], "carer"),
        ([b, p, a], "carer"),
        ([a, b, s], "lived"),
        ([a, s, b], None),
        ([p, b, a], "lived"),
    ]
    voters = [writer] + [phones() for _ in ballots[1:]]
    for phone, (choices, group) in zip(voters, ballots, strict=True):
        if phone is not writer:
            await joined(phone, server)
        thanks = await rank(phone, choices, group)
        assert thanks.h1 == "Thank you — your choices are in", thanks.text[:600]
        assert "Results will be shown on the screen." in thanks.text
    again = await rank(writer, [s, p, a], round_id=console.round_id())  # a second ballot
    assert again.h1 == "Thank you — your choices are in"

    tally = console.round()
    assert tally.votes == 5
    assert dict(tally.voters) == {"carer": 2, "lived": 2, groups.NOT_SAID: 1}
    console.next()  # leaving the rank stage closes the round
    tally = console.round(TOP3)
    assert tally.status is PollStatus.CLOSED
    points, rank_sums = totals(tally)
    # By hand: 3 points for a 1st place, 2 for a 2nd, 1 for a 3rd; a rank sum adds
    # up the places (4 for an idea outside someone's top 3), lower is better.
    assert points == {b: 11, a: 10, p: 6, s: 3}
    assert rank_sums == {b: 9, a: 10, p: 14, s: 17}


async def test_a_ballot_with_a_problem_is_explained_and_keeps_the_choices(
    server: PhoneServer, phones: Callable[[], Phone], console: ConsoleSide
) -> None:
    console.start()
    phone = phones()
    await _ideas_in(server, phone, ["Buses", "Ramps", "Quiet room"])
    console.go_to(TOP3)
    ids = list(console.round().candidates)
    twice = await rank(phone, [ids[0], ids[0], ids[1]])
    assert twice.status == 422
    assert 'role="alert"' in twice.text
    assert "Each idea can only be chosen once." in twice.text
    assert [selected(twice, f"place-{n}") for n in (1, 2, 3)] == [ids[0], ids[0], ids[1]]
    short = await rank(phone, [ids[2], "", ids[1]])
    assert "Please choose 3 ideas, in order. You have chosen 2." in short.text
    assert [selected(short, f"place-{n}") for n in (1, 2, 3)] == [ids[2], "", ids[1]]
    assert console.round().votes == 0
    done = await rank(phone, [ids[2], ids[0], ids[1]])
    assert done.h1 == "Thank you — your choices are in"
    assert console.round().votes == 1


async def test_dots_are_spent_on_a_number_box_per_idea(
    server: PhoneServer, phones: Callable[[], Phone], console: ConsoleSide
) -> None:
    console.start()
    phone, other = phones(), phones()
    await _ideas_in(server, phone, ["Buses", "Ramps", "Quiet room"])
    await joined(other, server)
    console.go_to(DOTS)
    ids = console.ids_by_words()
    page = await phone.get("/vote")
    assert "You have 10 dots to spend" in page.text
    assert page.text.count('type="number"') == 3

    too_many = await spend(phone, {ids["Buses"]: "8", ids["Ramps"]: "5"})
    assert too_many.status == 422
    assert "You have 10 dots to spend, and have used 13. Please take some off." in too_many.text
    assert f'name="dots-{ids["Buses"]}" value="8"' in too_many.text  # kept
    halves = await spend(phone, {ids["Buses"]: "1.5"})
    assert "Please use whole dots, like 1 or 2." in halves.text
    assert console.round().votes == 0

    await spend(phone, {ids["Buses"]: "7", ids["Ramps"]: "3", ids["Quiet room"]: ""}, "lived")
    await spend(other, {ids["Quiet room"]: "10"})
    tally = console.round()
    assert tally.votes == 2
    overall = {idea: sum(p.get(idea, 0) for p in tally.points.values()) for idea in ids.values()}
    assert overall == {ids["Buses"]: 7, ids["Ramps"]: 3, ids["Quiet room"]: 10}


async def test_a_ballot_after_the_ranking_closed_is_refused_and_not_counted(
    server: PhoneServer, phones: Callable[[], Phone], console: ConsoleSide
) -> None:
    console.start()
    early, late, later = phones(), phones(), phones()
    await _ideas_in(server, early, ["Buses", "Ramps", "Quiet room"])
    await joined(late, server)
    await joined(later, server)
    console.go_to(TOP3)
    ids = list(console.round().candidates)
    await rank(early, ids)
    form = await late.get("/vote")
    # The facilitator closes the round while the stage is still on the screen …
    console.focus.close_ranking(console.round_id())
    refused = await late.post(
        "/rank",
        [("round", form.field("round") or "")] + [(f"place-{n}", i) for n, i in enumerate(ids, 1)],
    )
    assert refused.status == 409
    assert "This ranking has closed. Thank you." in refused.text
    assert "weren't counted" in plain(refused)
    # … and a phone still holding the form after the plan moved on.
    form = await later.get("/vote")
    assert "This ranking has closed. Thank you." in form.text
    console.next()
    stale = await later.post("/rank", [("round", console.round_id(TOP3))], csrf=TOKENS[id(later)])
    assert stale.status == 409
    assert "This ranking has closed" in stale.text
    assert console.round(TOP3).votes == 1


async def test_the_room_ceiling_holds_for_rankings_as_for_polls(
    server: PhoneServer,
    phones: Callable[[], Phone],
    console: ConsoleSide,
    tallies: TinyDbTallyStore,
    session: SessionInfo,
) -> None:
    tallies.save_room(session, Room("Focus group", session.date, 2))
    console.start()
    first = phones()
    await _ideas_in(server, first, ["Buses", "Ramps", "Quiet room"])
    crowd = [first, phones(), phones()]
    for phone in crowd[1:]:
        await joined(phone, server)
    console.go_to(TOP3)
    ids = list(console.round().candidates)
    pages = [await rank(phone, ids) for phone in crowd]
    assert [page.h1 for page in pages[:2]] == ["Thank you — your choices are in"] * 2
    assert pages[2].status == 409
    assert "This room is full — please ask the facilitator." in pages[2].text
    assert console.round().votes == 2


async def test_a_phone_that_comes_back_lands_on_the_stage_and_ranks_once_after_a_restart(
    server: PhoneServer,
    phones: Callable[[], Phone],
    console: ConsoleSide,
    tallies: TinyDbTallyStore,
    clock: MovableClock,
) -> None:
    console.start()
    phone = phones()
    await _ideas_in(server, phone, ["Buses", "Ramps", "Quiet room"])
    console.go_to(TOP3)
    # Signal lost during the move: the same cookie comes back to the stage now.
    page = await phone.get("/vote")
    assert page.h1.startswith("Which 3 ideas matter most to you?")
    ids = list(console.round().candidates)
    await rank(phone, ids)
    await server.stop()
    problems: list[tuple[str, str]] = []
    again = focus_server(console, tallies, clock, problems)
    await again.start("127.0.0.1", 0)
    try:
        phone.base_url = again.base_url  # the same phone, the same cookies
        back = await joined(phone, again)
        assert back.h1 == "Thank you — your choices are in"
        token = (await phone.get("/")).csrf  # a new server signs with a new key
        ballot = [(f"place-{n}", i) for n, i in enumerate(reversed(ids), 1)]
        refused = await phone.post("/rank", [("round", console.round_id()), *ballot], csrf=token)
        assert refused.h1 == "Thank you — your choices are in"
    finally:
        await again.stop()
    assert problems == []
    tally = console.round()
    assert tally.votes == 1
    assert len(tally.markers) == 1
    assert phone.cookie("phone") not in repr(tally.to_json())


async def test_the_page_follows_the_plan_through_a_poll_to_the_end(
    server: PhoneServer,
    phones: Callable[[], Phone],
    console: ConsoleSide,
    tallies: TinyDbTallyStore,
    session: SessionInfo,
) -> None:
    console.start()
    phone = phones()
    await _ideas_in(server, phone, ["Buses", "Ramps"])
    console.go_to(RESULTS)
    assert (await phone.get("/vote")).h1 == "Please look at the screen"
    console.go_to(POLL)
    poll = await phone.get("/vote")
    assert poll.h1 == "How much did you feel heard today?"
    await phone.post("/vote", [("poll", "heard"), ("answer", "A lot")])
    assert dict(tallies.tallies(session.id)["heard"].counts) == {"A lot": 1}
    console.next()  # the end: the calm wait, and "Check again"
    assert "Please wait" in (await phone.get("/vote")).text


async def test_the_log_never_holds_an_idea_or_a_ballot(
    server: PhoneServer,
    phones: Callable[[], Phone],
    console: ConsoleSide,
    caplog: pytest.LogCaptureFixture,
) -> None:
    caplog.set_level(logging.DEBUG)
    console.start()
    phone = phones()
    await _ideas_in(server, phone, ["Secret buses idea", "Secret ramps idea", "Secret room"])
    await phone.post("/idea", [("idea", "")])
    console.go_to(TOP3)
    ids = list(console.round().candidates)
    await rank(phone, [ids[0], ids[0], ids[0]])
    await rank(phone, ids)
    logged = caplog.text + "".join(str(r.args) for r in caplog.records)
    assert "Secret" not in logged
    assert not any(idea in logged for idea in ids)


# -- many phones at once --------------------------------------------------------------------


async def test_phones_sending_at_once_are_each_counted_or_told_why(
    server: PhoneServer, phones: Callable[[], Phone], console: ConsoleSide
) -> None:
    console.start()
    crowd = [phones() for _ in range(10)]
    for phone in crowd:
        await joined(phone, server)
    words = [f"Idea number {n}" for n in range(9)] + ["far too long " * 30]
    pages = await asyncio.gather(
        *(
            phone.post("/idea", [("idea", text)], csrf=TOKENS[id(phone)])
            for phone, text in zip(crowd, words, strict=True)
        )
    )
    assert [page.status for page in pages] == [200] * 9 + [422]
    assert "That idea is a bit long." in pages[-1].text
    assert sorted(idea.text for idea in console.focus.pool.ideas) == sorted(words[:9])
    # A double tap on "Send my idea" sends it once; both taps are thanked. (The
    # storage thread is kept busy for a moment, so both taps arrive while the
    # first is on its way, as on a slow disk.)
    busy = asyncio.ensure_future(server.context.blocking(time.sleep, 0.3))
    taps = await asyncio.gather(
        *(
            crowd[0].post("/idea", [("idea", "Tapped twice")], csrf=TOKENS[id(crowd[0])])
            for _ in range(2)
        )
    )
    await busy
    assert [page.path for page in taps] == ["/idea-sent", "/idea-sent"]
    assert [idea.text for idea in console.focus.pool.ideas].count("Tapped twice") == 1

    console.go_to(TOP3)
    ids = list(console.round().candidates)
    assert len(ids) == 10
    ballots = [[ids[n % 9], ids[(n + 1) % 9], ids[(n + 2) % 9]] for n in range(9)]
    ballots.append([ids[0], ids[0], ids[1]])  # one with a problem, in the same burst
    forms = [
        [("round", console.round_id())] + [(f"place-{p}", i) for p, i in enumerate(b, 1)]
        for b in ballots
    ]
    # Each phone sends twice at once: its ballot counts once.
    pages = await asyncio.gather(
        *(
            phone.post("/rank", form, csrf=TOKENS[id(phone)])
            for phone, form in zip(crowd + crowd, forms + forms, strict=True)
        )
    )
    assert sum(page.h1 == "Thank you — your choices are in" for page in pages) == 18
    # The ballot with a problem is explained once; its twin waits for it and is
    # then shown the form again, never a thank-you for choices that weren't counted.
    twins = sorted((pages[9], pages[19]), key=lambda page: page.status)
    assert [page.status for page in twins] == [200, 422]
    assert 'action="/rank"' in twins[0].text
    assert "Each idea can only be chosen once" in twins[1].text
    tally = console.round()
    assert tally.votes == 9
    overall = sum(sum(points.values()) for points in tally.points.values())
    assert overall == 9 * (3 + 2 + 1)


async def test_the_box_takes_nothing_once_the_plan_has_moved_on(
    server: PhoneServer, console: ConsoleSide, tallies: TinyDbTallyStore
) -> None:
    """The stage is read again just before each write, not only when the page loaded."""
    box = FocusBox(console.focus, console.plans, tallies, server.context.blocking)
    console.start()
    await box.add("Written in time", groups.NOT_SAID)
    console.next()
    with pytest.raises(WritingClosedError):
        await box.add("Written too late", groups.NOT_SAID)
    with pytest.raises(PollClosedError):
        await box.cast(console.round_id(TOP3), [], groups.NOT_SAID, "mark")
    assert [idea.text for idea in console.focus.pool.ideas] == ["Written in time"]
    assert console.focus.store.rounds(console.session.id) == {}


async def test_a_ranking_not_open_yet_or_gone_back_to_takes_no_ballot(
    server: PhoneServer, phones: Callable[[], Phone], console: ConsoleSide
) -> None:
    console.start()
    phone = phones()
    await _ideas_in(server, phone, ["Buses", "Ramps"])
    console.go_to(MERGE)
    # The plan is at the rank stage a moment before the console opens its round.
    console.focus.stop_writing()
    console.show_waiting_ideas()
    console.run.next()
    console.plans.save(console.session, console.run)
    soon = await phone.get("/vote")
    assert soon.h1 == "The ranking will start soon"
    assert "Check again" in soon.text
    refused = await phone.post("/rank", [("round", console.round_id())], csrf=TOKENS[id(phone)])
    assert refused.status == 409
    assert console.focus.store.rounds(console.session.id) == {}
    # Gone back to after moving past it: shown, but it takes no more ballots.
    console.focus.open_ranking(console.round_id(), Style.TOP, 2)
    console.next()
    console.run.back()
    console.plans.save(console.session, console.run)
    back = await phone.get("/vote")
    assert back.h1 == "Please look at the screen"
    assert "Now: Choosing your top 3" in back.text


async def test_a_disk_that_fails_loses_nothing_silently_and_logs_no_words(
    server: PhoneServer,
    phones: Callable[[], Phone],
    console: ConsoleSide,
    problems: list[tuple[str, str]],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    console.start()
    phone = phones()
    await joined(phone, server)

    def full_disk(*_: object) -> None:
        raise OSError(28, "No space left on device: Secret words")

    with monkeypatch.context() as patch:
        patch.setattr(console.focus.store, "change_pool", full_disk)
        failed = await phone.post("/idea", [("idea", "Secret words")], csrf=TOKENS[id(phone)])
    assert failed.status == 503
    assert "your idea was not sent yet" in failed.text
    assert problems == [("OSError", "phone idea")]  # the error's type and place only
    problems.clear()
    sent = await send_idea(phone, "Secret words")  # and it can be sent again
    assert sent.h1 == "Thank you — your idea is in"
    assert [idea.text for idea in console.focus.pool.ideas] == ["Secret words"]
