"""The facilitator's console, headless, with its phone page on, in a process with few
open files allowed — for the test that floods the phone page with silent connections.

    python -m tests.kiosk.web.few_files_console <home folder> <open-file limit>

Prints ``ready <join url>`` once the phone page listens. Then each ``save`` line on
stdin presses O (open) or C (close) on the highlighted poll, as the facilitator
would, and prints ``saved`` when the store shows the change and the console shows no
"couldn't be saved", else ``failed``. ``stop`` (or end of input) closes the console.
"""

from __future__ import annotations

import asyncio
import resource
import sys
from pathlib import Path

from kiosk.facilitator.screens.console_screen import NOT_SAVED
from kiosk.web.address import PhoneAddress
from surveys.polls import PollStatus
from tests.support.facilitator import SIZE, build_console, press, start_session
from tests.support.phones import wait_for
from tests.support.screen import screen_text


async def main(home: Path, limit: int) -> None:
    _, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    resource.setrlimit(resource.RLIMIT_NOFILE, (limit, hard))
    facilitator = build_console(home, phones=PhoneAddress("127.0.0.1", 0))  # type: ignore[arg-type]
    app = facilitator.app
    async with app.run_test(size=SIZE) as pilot:
        await start_session(pilot)
        await wait_for(pilot, lambda: app.phones.join is not None, seconds=30)
        join = app.phones.join
        assert join is not None
        print("ready", join.url, flush=True)
        opened = False
        while True:
            command = (await asyncio.to_thread(sys.stdin.readline)).strip()
            if command != "save":
                break
            opened = not opened
            await press(pilot, "o" if opened else "c")
            live = app.live
            assert live is not None
            poll_id = app.screen.selected  # type: ignore[attr-defined]
            tally = facilitator.store.tallies(live.session.id).get(poll_id)
            wanted = PollStatus.OPEN if opened else PollStatus.CLOSED
            shown = screen_text(app)
            if tally is not None and tally.status is wanted and NOT_SAVED not in shown:
                print("saved", flush=True)
            else:
                status = tally.status.value if tally is not None else "no tally"
                print("failed", status, flush=True)


if __name__ == "__main__":
    asyncio.run(main(Path(sys.argv[1]), int(sys.argv[2])))
