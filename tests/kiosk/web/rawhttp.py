"""Raw sockets against the real phone server: requests no browser would send, and
connections that send nothing at all."""

from __future__ import annotations

import asyncio
from dataclasses import dataclass

HANG_GUARD = 20.0
"""Seconds before a test gives up waiting (a guard against hanging, not a measure)."""


@dataclass
class RawReply:
    status: int
    headers: dict[str, str]
    body: str


def port_of(base_url: str) -> int:
    return int(base_url.rsplit(":", 1)[1])


async def read_reply(reader: asyncio.StreamReader) -> RawReply:
    """One HTTP response: status line, headers, and a ``Content-Length`` body."""
    head = await asyncio.wait_for(reader.readuntil(b"\r\n\r\n"), HANG_GUARD)
    lines = head.decode("latin-1").split("\r\n")
    status = int(lines[0].split()[1])
    headers: dict[str, str] = {}
    for line in lines[1:]:
        if ":" in line:
            name, value = line.split(":", 1)
            headers[name.strip().title()] = value.strip()
    length = int(headers.get("Content-Length", "0"))
    body = await asyncio.wait_for(reader.readexactly(length), HANG_GUARD)
    return RawReply(status, headers, body.decode("utf-8", "replace"))


async def exchange(port: int, raw: bytes, *, host: str = "127.0.0.1") -> RawReply:
    """Send ``raw`` on a fresh connection and read the one reply."""
    reader, writer = await asyncio.open_connection(host, port)
    try:
        writer.write(raw)
        await writer.drain()
        return await read_reply(reader)
    finally:
        writer.close()


async def closed_by_server(reader: asyncio.StreamReader, *, within: float = HANG_GUARD) -> bool:
    """True once the server closes this connection (EOF or reset) within ``within``."""
    try:
        while True:
            data = await asyncio.wait_for(reader.read(4096), within)
            if not data:
                return True
    except TimeoutError:  # before OSError, of which it is a kind
        return False
    except (ConnectionError, OSError):
        return True
