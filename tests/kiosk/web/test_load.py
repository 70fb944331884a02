"""Fifty phones on loopback, each with its own cookies, vote in twenty polls opened
one after another: every vote is counted exactly once, even the ones sent twice."""

from __future__ import annotations

import asyncio
import re
import time
from collections import Counter
from pathlib import Path

import aiohttp
import pytest

from kiosk.web.server import PhoneServer
from surveys.poll_files import load_poll_set
from surveys.storage import SessionInfo
from surveys.storage.tinydb_tallies import TinyDbTallyStore
from tests.kiosk.web.conftest import GENEROUS, open_poll

PHONES = 50
POLLS = 20
OPTIONS = ("Red", "Green", "Blue")
TIME_LIMIT = 120.0

pytestmark = pytest.mark.slow


def poll_file(tmp_path: Path) -> Path:
    lines = []
    for number in range(POLLS):
        lines += [
            f"- id: poll{number:02d}",
            "  kind: single",
            f"  text: Question {number + 1}. Which colour?",
            f"  options: [{', '.join(OPTIONS)}]",
        ]
    path = tmp_path / "many-polls.yaml"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def choice(phone: int, poll: int) -> str:
    return OPTIONS[(phone + poll) % len(OPTIONS)]


async def join(http: aiohttp.ClientSession, url: str) -> None:
    async with http.get(url) as response:
        await response.read()
        assert response.url.path == "/vote"


async def vote(http: aiohttp.ClientSession, base: str, phone: int, poll: int) -> None:
    async with http.get(f"{base}/vote") as response:
        text = await response.text()
        assert response.status == 200
    assert f'name="poll" value="poll{poll:02d}"' in text, text[:300]
    token = re.search(r'name="csrf" value="([^"]+)"', text)
    assert token is not None
    form = {"csrf": token.group(1), "poll": f"poll{poll:02d}", "answer": choice(phone, poll)}
    sends = 2 if phone % 10 == 0 else 1  # every tenth phone double-taps
    for _ in range(sends):
        async with http.post(f"{base}/vote", data=form, allow_redirects=False) as response:
            assert response.status == 303


async def test_fifty_phones_twenty_polls_every_vote_counted_once(
    tmp_path: Path, session: SessionInfo
) -> None:
    poll_set, problems, _ = load_poll_set(poll_file(tmp_path))
    assert poll_set is not None, problems
    tallies = TinyDbTallyStore(tmp_path / "sessions")
    server = PhoneServer(session=session, polls=poll_set.polls, tallies=tallies, settings=GENEROUS)
    await server.start("127.0.0.1", 0)
    base = server.base_url
    sessions = [
        aiohttp.ClientSession(
            cookie_jar=aiohttp.CookieJar(unsafe=True),
            connector=aiohttp.TCPConnector(limit=2),
        )
        for _ in range(PHONES)
    ]
    started = time.perf_counter()
    try:
        await asyncio.gather(*(join(http, server.join_url) for http in sessions))

        async def run() -> None:
            for poll in range(POLLS):
                open_poll(tallies, session, f"poll{poll:02d}")
                await asyncio.gather(
                    *(vote(http, base, phone, poll) for phone, http in enumerate(sessions))
                )

        await asyncio.wait_for(run(), TIME_LIMIT)
        # Memory holds one (poll, marker) pair per vote and nothing else about it.
        assert len(server.context.ballots.pairs()) == PHONES * POLLS
    finally:
        for http in sessions:
            await http.close()
        await server.stop()
    elapsed = time.perf_counter() - started
    counted = tallies.tallies(session.id)
    assert len(counted) == POLLS
    for poll in range(POLLS):
        tally = counted[f"poll{poll:02d}"]
        expected = Counter(choice(phone, poll) for phone in range(PHONES))
        assert tally.votes == PHONES
        assert dict(tally.counts) == dict(expected)
    assert elapsed < TIME_LIMIT
