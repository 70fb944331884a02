"""A phone server in its own process with few open files allowed, for the tests that
flood it with silent connections.

    python -m tests.kiosk.web.few_files_server <folder> <open-file limit>

Prints ``ready <join url>`` once listening; then each line ``save`` on stdin makes
one change to the poll tallies — the console's save — and prints ``saved`` or
``failed <error type>``. ``stop`` (or end of input) stops it.
"""

from __future__ import annotations

import asyncio
import resource
import sys
from pathlib import Path

from kiosk.web.server import PhoneServer
from surveys.poll_files import load_poll_set
from surveys.polls import PollStatus, Tally
from surveys.storage import SessionInfo
from surveys.storage.tinydb_tallies import TinyDbTallyStore
from tests.kiosk.web.conftest import POLLS


def open_first(tally: Tally) -> None:
    tally.status = PollStatus.OPEN


def close_first(tally: Tally) -> None:
    tally.status = PollStatus.CLOSED


async def main(folder: Path, limit: int) -> None:
    resource.setrlimit(
        resource.RLIMIT_NOFILE, (limit, resource.getrlimit(resource.RLIMIT_NOFILE)[1])
    )
    (folder / "polls.yaml").write_text(POLLS, encoding="utf-8")
    poll_set, problems, _ = load_poll_set(folder / "polls.yaml")
    assert poll_set is not None, problems
    session = SessionInfo.new("2025-03-14")
    tallies = TinyDbTallyStore(folder / "sessions")
    tallies.change(session, poll_set.polls[0].id, open_first)
    server = PhoneServer(session=session, polls=poll_set.polls, tallies=tallies)
    await server.start("127.0.0.1", 0)
    print("ready", server.join_url, flush=True)
    loop = asyncio.get_running_loop()
    saves = 0
    while True:
        line = await loop.run_in_executor(None, sys.stdin.readline)
        command = line.strip()
        if command == "save":
            saves += 1
            edit = close_first if saves % 2 else open_first
            try:
                tallies.change(session, poll_set.polls[0].id, edit)
            except Exception as error:
                print("failed", type(error).__name__, flush=True)
            else:
                print("saved", flush=True)
        elif command == "count":
            keeper = getattr(server, "connections", None)
            print("open", keeper.open_count if keeper else -1, flush=True)
        else:
            break
    await server.stop()


if __name__ == "__main__":
    asyncio.run(main(Path(sys.argv[1]), int(sys.argv[2])))
