"""Silent, slow and too many connections can't stall the phone server: they are
closed after a while, capped overall and per address, and the server always leaves
open files for the console, so a new phone still joins and the console still saves."""

from __future__ import annotations

import asyncio
import contextlib
import sys
from collections.abc import AsyncIterator
from dataclasses import replace
from pathlib import Path

import pytest

from kiosk.web.context import PhoneSettings
from kiosk.web.server import PhoneServer
from surveys.storage import SessionInfo
from surveys.storage.tinydb_tallies import TinyDbTallyStore
from tests.kiosk.web.conftest import GENEROUS
from tests.kiosk.web.rawhttp import HANG_GUARD, closed_by_server, port_of, read_reply
from tests.support.web import Phone

pytestmark = pytest.mark.slow

QUICK = replace(GENEROUS, idle_seconds=0.5, body_seconds=0.5)
"""Short limits, so a test sees a connection closed without waiting long."""


async def started(settings: PhoneSettings, tmp_path: Path, polls: object = ()) -> PhoneServer:
    server = PhoneServer(
        session=SessionInfo.new("2025-03-14"),
        polls=polls,  # type: ignore[arg-type]
        tallies=TinyDbTallyStore(tmp_path / "sessions"),
        settings=settings,
    )
    await server.start("127.0.0.1", 0)
    return server


@contextlib.asynccontextmanager
async def silent_sockets(
    port: int, count: int, *, addresses: int = 1
) -> AsyncIterator[list[tuple[asyncio.StreamReader, asyncio.StreamWriter]]]:
    """``count`` connections that send nothing, from 127.0.0.2, 127.0.0.3, ..."""
    opened = []
    try:
        for number in range(count):
            source = f"127.0.0.{2 + number % addresses}"
            opened.append(await asyncio.open_connection("127.0.0.1", port, local_addr=(source, 0)))
        yield opened
    finally:
        for _, writer in opened:
            writer.close()


async def test_a_connection_that_sends_nothing_is_closed(
    tmp_path: Path,
) -> None:
    server = await started(QUICK, tmp_path)
    try:
        async with silent_sockets(port_of(server.base_url), 1) as [(reader, _)]:
            assert await closed_by_server(reader, within=10.0)
    finally:
        await server.stop()


async def test_headers_sent_a_byte_at_a_time_are_cut_off(tmp_path: Path) -> None:
    server = await started(QUICK, tmp_path)
    try:
        reader, writer = await asyncio.open_connection("127.0.0.1", port_of(server.base_url))
        request = b"GET / HTTP/1.1\r\nHost: kiosk\r\nX-Slow: " + b"a" * 1000

        async def drip() -> None:
            with contextlib.suppress(ConnectionError):
                for byte in request:
                    writer.write(bytes([byte]))
                    await writer.drain()
                    await asyncio.sleep(0.05)

        dripping = asyncio.create_task(drip())
        assert await closed_by_server(reader, within=10.0)
        assert not dripping.done()  # cut off long before the headers were finished
        dripping.cancel()
        writer.close()
    finally:
        await server.stop()


async def test_an_idle_keep_alive_connection_is_closed(tmp_path: Path) -> None:
    server = await started(QUICK, tmp_path)
    try:
        reader, writer = await asyncio.open_connection("127.0.0.1", port_of(server.base_url))
        writer.write(b"GET / HTTP/1.1\r\nHost: kiosk\r\n\r\n")
        reply = await read_reply(reader)
        assert reply.status == 200
        assert await closed_by_server(reader, within=10.0)
        writer.close()
    finally:
        await server.stop()


async def test_a_form_body_that_never_finishes_gets_a_calm_page(tmp_path: Path) -> None:
    server = await started(QUICK, tmp_path)
    try:
        reader, writer = await asyncio.open_connection("127.0.0.1", port_of(server.base_url))
        writer.write(
            b"POST / HTTP/1.1\r\nHost: kiosk\r\n"
            b"Content-Type: application/x-www-form-urlencoded\r\n"
            b"Content-Length: 500\r\n\r\ncode=ab"
        )
        reply = await read_reply(reader)
        assert reply.status == 408
        assert "nothing was changed" in reply.body
        assert reply.headers["X-Frame-Options"] == "DENY"
        writer.close()
    finally:
        await server.stop()


async def test_one_address_cannot_hold_more_than_its_share(tmp_path: Path) -> None:
    settings = replace(GENEROUS, per_address=10)
    server = await started(settings, tmp_path)
    try:
        async with silent_sockets(port_of(server.base_url), 60) as sockets:
            closed = await asyncio.gather(
                *(closed_by_server(reader, within=2.0) for reader, _ in sockets)
            )
            assert sum(closed) >= 50
            assert not any(closed[-10:])  # the oldest made way for the newest
            async with Phone(server.base_url) as phone:  # another address: unaffected
                assert (await phone.get("/")).status == 200
    finally:
        await server.stop()


async def test_an_address_reconnecting_in_a_tight_loop_is_turned_away(tmp_path: Path) -> None:
    settings = replace(GENEROUS, per_address=5, connections_per_second=1.0)
    server = await started(settings, tmp_path)
    try:
        async with silent_sockets(port_of(server.base_url), 30) as sockets:
            closed = await asyncio.gather(
                *(closed_by_server(reader, within=2.0) for reader, _ in sockets)
            )
            assert not any(closed[:4])  # the first few are kept...
            assert sum(closed) >= 24  # ...the flood after them is closed at once
            assert closed[-1]
            async with Phone(server.base_url) as phone:  # another address: unaffected
                assert (await phone.get("/")).status == 200
    finally:
        await server.stop()


async def test_a_busy_connection_is_never_dropped_for_a_new_one(tmp_path: Path) -> None:
    settings = replace(GENEROUS, per_address=2, body_seconds=30.0)
    server = await started(settings, tmp_path)
    try:
        port = port_of(server.base_url)
        reader, writer = await asyncio.open_connection("127.0.0.1", port)
        writer.write(
            b"POST / HTTP/1.1\r\nHost: kiosk\r\n"
            b"Content-Type: application/x-www-form-urlencoded\r\n"
            b"Content-Length: 9\r\n\r\ncode="
        )
        await writer.drain()
        await asyncio.sleep(0.2)  # the request is in the handler, reading its body
        async with silent_sockets(port, 5, addresses=1):
            pass
        others = [await asyncio.open_connection("127.0.0.1", port) for _ in range(3)]
        writer.write(b"ab12")
        reply = await read_reply(reader)
        assert reply.status == 403  # the form arrived whole (its token was missing)
        for _, other in others:
            other.close()
        writer.close()
    finally:
        await server.stop()


# -- the whole story, in a process with few open files --------------------------------

FILE_LIMIT = 200
CONSOLE_FILE_LIMIT = 300
FLOOD = 400


async def send(process: asyncio.subprocess.Process, command: str) -> str:
    assert process.stdin is not None
    assert process.stdout is not None
    process.stdin.write(f"{command}\n".encode())
    await process.stdin.drain()
    return (await asyncio.wait_for(process.stdout.readline(), HANG_GUARD)).decode().strip()


async def test_hundreds_of_silent_connections_leave_room_for_a_phone_and_a_save(
    tmp_path: Path,
) -> None:
    process = await asyncio.create_subprocess_exec(
        sys.executable,
        "-m",
        "tests.kiosk.web.few_files_server",
        str(tmp_path),
        str(FILE_LIMIT),
        stdin=asyncio.subprocess.PIPE,
        stdout=asyncio.subprocess.PIPE,
        cwd=Path(__file__).parents[3],
    )
    try:
        assert process.stdout is not None
        ready = (await asyncio.wait_for(process.stdout.readline(), 60)).decode().split()
        assert ready[:1] == ["ready"], ready
        join_url = ready[1]
        base_url = join_url.split("/j/")[0]
        async with silent_sockets(port_of(base_url), FLOOD, addresses=20):
            await asyncio.sleep(0.5)  # let the server accept all it will
            opened = int((await send(process, "count")).split()[1])
            assert opened < FILE_LIMIT - 50  # open files are kept back
            async with Phone(base_url) as phone:
                page = await asyncio.wait_for(phone.get(join_url), HANG_GUARD)
            assert page.status == 200
            assert page.path == "/vote"
            assert 'name="poll"' in page.text
            assert await send(process, "save") == "saved"
            assert await send(process, "save") == "saved"
    finally:
        if process.returncode is None:
            with contextlib.suppress(ConnectionError, TimeoutError):
                await send(process, "stop")
        with contextlib.suppress(ProcessLookupError):
            process.kill()
        await process.wait()


async def test_the_real_console_still_saves_and_a_phone_still_joins_under_a_flood(
    tmp_path: Path,
) -> None:
    """The same, with the facilitator's console (Textual, headless) serving the page
    in its own event loop: pressing O and C still saves while the flood is held."""
    process = await asyncio.create_subprocess_exec(
        sys.executable,
        "-m",
        "tests.kiosk.web.few_files_console",
        str(tmp_path),
        str(CONSOLE_FILE_LIMIT),
        stdin=asyncio.subprocess.PIPE,
        stdout=asyncio.subprocess.PIPE,
        cwd=Path(__file__).parents[3],
    )
    try:
        assert process.stdout is not None
        ready = (await asyncio.wait_for(process.stdout.readline(), 120)).decode().split()
        assert ready[:1] == ["ready"], ready
        join_url = ready[1]
        base_url = join_url.split("/j/")[0]
        assert await send(process, "save") == "saved"  # a poll open: phones have a question
        async with silent_sockets(port_of(base_url), FLOOD, addresses=40):
            await asyncio.sleep(0.5)
            async with Phone(base_url) as phone:
                page = await asyncio.wait_for(phone.get(join_url), HANG_GUARD)
            assert page.status == 200
            assert 'name="poll"' in page.text
            assert await send(process, "save") == "saved"
            assert await send(process, "save") == "saved"
    finally:
        if process.returncode is None:
            with contextlib.suppress(ConnectionError, TimeoutError):
                await send(process, "stop")
        with contextlib.suppress(ProcessLookupError):
            process.kill()
        await process.wait()
