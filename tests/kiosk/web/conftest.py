"""Fixtures for the phone page: real stores in a temp folder, a demo key, a movable
clock, a started ``PhoneServer`` on loopback, a phone that has joined the polls, and
kiosks with the phone page on."""

from __future__ import annotations

from collections.abc import AsyncIterator, Callable, Iterator
from contextlib import AbstractAsyncContextManager, asynccontextmanager
from pathlib import Path

import pytest

from kiosk.web.context import PhoneSettings
from kiosk.web.server import PhoneServer
from surveys.model import Question, Survey
from surveys.poll_files import load_poll_set
from surveys.polls import PollStatus, Tally
from surveys.sealing import DEMO_PRIVATE_KEY_FILE, Opener, Sealer, ensure_keys, load_private_key
from surveys.storage import SessionInfo
from surveys.storage.tinydb_store import TinyDbResponseStore
from surveys.storage.tinydb_tallies import TinyDbTallyStore
from tests.support.kiosk import Kiosk, kiosk_maker
from tests.support.phones import build_phone_kiosk
from tests.support.web import MovableClock, Phone, every_kind_survey

GENEROUS = PhoneSettings(
    rate_burst=100_000,
    rate_per_second=100_000.0,
    per_address=100_000,
    connections_per_second=100_000.0,
)
"""Limits no test trips by accident (the rate-limit test sets its own). Every test
phone comes from 127.0.0.1, where real phones each have their own address."""

POLLS = """\
- id: day
  kind: single
  text: Which day suits you?
  options: [Monday, Tuesday, Wednesday]
- id: useful
  kind: scale
  text: Today's session was useful to me.
- id: better
  kind: longtext
  text: What could be better next time?
- id: words
  kind: text
  text: In one word, what went well?
"""


@pytest.fixture
def survey() -> Survey:
    return every_kind_survey()


@pytest.fixture
def clock() -> MovableClock:
    return MovableClock()


@pytest.fixture
def session() -> SessionInfo:
    return SessionInfo.new("2025-03-14")


@pytest.fixture
def keys(tmp_path: Path) -> tuple[Sealer, Opener]:
    sealer, _ = ensure_keys(tmp_path / "keys")
    return sealer, load_private_key(tmp_path / "keys" / DEMO_PRIVATE_KEY_FILE, None)


@pytest.fixture
def store(tmp_path: Path) -> TinyDbResponseStore:
    return TinyDbResponseStore(tmp_path / "sessions")


@pytest.fixture
def tallies(tmp_path: Path) -> TinyDbTallyStore:
    return TinyDbTallyStore(tmp_path / "sessions")


@pytest.fixture
def polls(tmp_path: Path) -> tuple[Question, ...]:
    path = tmp_path / "polls.yaml"
    path.write_text(POLLS, encoding="utf-8")
    poll_set, problems, _ = load_poll_set(path)
    assert poll_set is not None, problems
    return poll_set.polls


def open_poll(tallies: TinyDbTallyStore, session: SessionInfo, poll_id: str) -> None:
    """What the facilitator's console does: close any open poll, open this one."""
    for other_id, tally in tallies.tallies(session.id).items():
        if tally.status is PollStatus.OPEN and other_id != poll_id:
            tallies.change(session, other_id, _set_status(PollStatus.CLOSED))
    tallies.change(session, poll_id, _set_status(PollStatus.OPEN))


def close_poll(tallies: TinyDbTallyStore, session: SessionInfo, poll_id: str) -> None:
    tallies.change(session, poll_id, _set_status(PollStatus.CLOSED))


def _set_status(status: PollStatus):  # type: ignore[no-untyped-def]
    def edit(tally: Tally) -> None:
        tally.status = status

    return edit


@pytest.fixture
def problems() -> list[tuple[str, str]]:
    """Errors reported by the server: (error type, where)."""
    return []


@pytest.fixture
async def server(
    survey: Survey,
    keys: tuple[Sealer, Opener],
    store: TinyDbResponseStore,
    tallies: TinyDbTallyStore,
    polls: tuple[Question, ...],
    session: SessionInfo,
    clock: MovableClock,
    problems: list[tuple[str, str]],
) -> AsyncIterator[PhoneServer]:
    phone_server = PhoneServer(
        session=session,
        clock=clock,
        survey=survey,
        sealer=keys[0],
        store=store,
        polls=polls,
        tallies=tallies,
        settings=GENEROUS,
        report=lambda error, where: problems.append((type(error).__name__, where)),
    )
    await phone_server.start("127.0.0.1", 0)
    yield phone_server
    await phone_server.stop()


JoinedPhone = Callable[..., AbstractAsyncContextManager[Phone]]
"""``joined_phone(poll_id=None)``: open that poll, then a phone that has joined."""


@pytest.fixture
def joined_phone(
    server: PhoneServer, tallies: TinyDbTallyStore, session: SessionInfo
) -> JoinedPhone:
    """What most poll tests start with: the console opens a poll (if one is named), and a
    phone scans the join code and lands on the vote page."""

    @asynccontextmanager
    async def joined(poll_id: str | None = None) -> AsyncIterator[Phone]:
        if poll_id is not None:
            open_poll(tallies, session, poll_id)
        async with Phone(server.base_url) as phone:
            page = await phone.get(server.join_url)
            assert page.path == "/vote", page.text[:300]
            yield phone

    return joined


@pytest.fixture
def make_kiosk(tmp_path: Path) -> Iterator[Callable[..., Kiosk]]:
    """Build kiosks with the phone page on (unless told) and survey ``short`` unless
    named, in ``tmp_path``; afterwards, fail if any met an unexpected error."""
    yield from kiosk_maker(tmp_path, build_phone_kiosk, "short")
