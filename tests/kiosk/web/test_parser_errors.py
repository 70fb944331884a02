"""Requests aiohttp's own parser rejects — a huge header, a negative length, broken
chunking, HTTPS on the HTTP port — and broken form bodies get the calm page with the
security headers and a 4xx, never bare text or a 500, and the log stays short."""

from __future__ import annotations

import logging

import pytest

from kiosk.web.pages import CONTENT_SECURITY_POLICY
from kiosk.web.server import PhoneServer
from tests.kiosk.web.rawhttp import RawReply, exchange, port_of
from tests.support.web import Phone

PARSER_REJECTS = {
    "a header over 8 KB": b"GET / HTTP/1.1\r\nHost: kiosk\r\nX-Big: " + b"a" * 9000 + b"\r\n\r\n",
    "a request line over 8 KB": b"GET /" + b"a" * 9000 + b" HTTP/1.1\r\nHost: kiosk\r\n\r\n",
    "a negative Content-Length": (b"POST / HTTP/1.1\r\nHost: kiosk\r\nContent-Length: -5\r\n\r\n"),
    "bad chunking": (
        b"POST / HTTP/1.1\r\nHost: kiosk\r\n"
        b"Content-Type: application/x-www-form-urlencoded\r\n"
        b"Transfer-Encoding: chunked\r\n\r\nzz\r\nabc\r\n0\r\n\r\n"
    ),
    "both Content-Length and chunking": (
        b"POST / HTTP/1.1\r\nHost: kiosk\r\nContent-Length: 3\r\n"
        b"Transfer-Encoding: chunked\r\n\r\n0\r\n\r\n"
    ),
    "HTTPS on the HTTP port": b"\x16\x03\x01\x02\x00\x01\x00\x01\xfc\x03\x03" + b"\x00" * 40,
    "a header with no colon": b"GET / HTTP/1.1\r\nHost: kiosk\r\nnonsense\r\n\r\n",
}


def assert_calm(reply: RawReply) -> None:
    """What a phone would see: a 4xx calm page with the strict headers, nothing of aiohttp."""
    assert 400 <= reply.status < 500, reply
    assert reply.headers["Content-Security-Policy"] == CONTENT_SECURITY_POLICY
    assert reply.headers["X-Content-Type-Options"] == "nosniff"
    assert reply.headers["X-Frame-Options"] == "DENY"
    assert reply.headers["Cache-Control"] == "no-store, max-age=0"
    assert reply.headers["Content-Type"] == "text/html; charset=utf-8"
    assert "aiohttp" not in reply.headers.get("Server", "")
    assert "<h1>" in reply.body
    assert "nothing was changed" in reply.body
    for leak in ("Traceback", "aiohttp", "Got more than", "Invalid character", "b'"):
        assert leak not in reply.body, leak


@pytest.mark.parametrize("raw", PARSER_REJECTS.values(), ids=PARSER_REJECTS.keys())
async def test_a_request_the_parser_rejects_gets_the_calm_page(
    server: PhoneServer, raw: bytes
) -> None:
    assert_calm(await exchange(port_of(server.base_url), raw))


async def test_a_header_over_8_kb_says_it_was_too_much(server: PhoneServer) -> None:
    reply = await exchange(port_of(server.base_url), PARSER_REJECTS["a header over 8 KB"])
    assert reply.status == 431
    assert "too much to send at once" in reply.body


def _multipart(boundary: str, body: bytes, path: str = "/") -> bytes:
    return (
        f"POST {path} HTTP/1.1\r\nHost: kiosk\r\n"
        f"Content-Type: multipart/form-data; boundary={boundary}\r\n"
        f"Content-Length: {len(body)}\r\nConnection: close\r\n\r\n"
    ).encode() + body


MALFORMED_BODIES = {
    "multipart part with a bad header": _multipart("xyz", b"--xyz\r\ngarbage\r\n\r\n\r\n"),
    "multipart cut short": _multipart("xyz", b"--xyz\r\nContent-Disposition: form-da"),
    "multipart with no boundary line": _multipart("xyz", b"just some words\r\n"),
    "form in an unknown charset": (
        b"POST / HTTP/1.1\r\nHost: kiosk\r\nConnection: close\r\n"
        b"Content-Type: application/x-www-form-urlencoded; charset=klingon\r\n"
        b"Content-Length: 6\r\n\r\ncode=a"
    ),
    "chunked form cut short": (
        b"POST / HTTP/1.1\r\nHost: kiosk\r\nConnection: close\r\n"
        b"Content-Type: application/x-www-form-urlencoded\r\n"
        b"Transfer-Encoding: chunked\r\n\r\n6\r\ncode=a\r\nzz\r\n"
    ),
}


@pytest.mark.parametrize("raw", MALFORMED_BODIES.values(), ids=MALFORMED_BODIES.keys())
async def test_a_malformed_body_is_a_calm_400_and_not_a_reported_problem(
    server: PhoneServer, problems: list[tuple[str, str]], raw: bytes
) -> None:
    reply = await exchange(port_of(server.base_url), raw)
    assert reply.status == 400
    assert_calm(reply)
    assert problems == []


async def test_a_malformed_vote_changes_nothing_and_the_phone_can_still_vote(
    server: PhoneServer, problems: list[tuple[str, str]]
) -> None:
    async with Phone(server.base_url) as phone:
        page = await phone.get(server.join_url)
        assert page.status == 200
        cookies = "; ".join(f"{cookie.key}={cookie.value}" for cookie in phone.http.cookie_jar)
        raw = _multipart("b", b"--b\r\nno headers here\r\n--b--\r\n", "/vote").replace(
            b"Host: kiosk\r\n", f"Host: kiosk\r\nCookie: {cookies}\r\n".encode()
        )
        reply = await exchange(port_of(server.base_url), raw)
        assert reply.status == 400
        assert (await phone.get("/vote")).status == 200
    assert problems == []


async def test_bad_requests_are_logged_as_one_short_line_at_most_once_a_minute(
    server: PhoneServer, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)
    port = port_of(server.base_url)
    for _ in range(5):
        for raw in (*PARSER_REJECTS.values(), *MALFORMED_BODIES.values()):
            await exchange(port, raw)
    noisy = [record for record in caplog.records if record.levelno >= logging.INFO]
    assert len(noisy) <= 1, [record.getMessage() for record in noisy]
    for record in noisy:
        assert record.exc_info is None
        assert "\n" not in record.getMessage()
        assert "aaaa" not in record.getMessage()


def test_the_bounded_log_counts_what_it_left_out(caplog: pytest.LogCaptureFixture) -> None:
    from kiosk.web.connections import BoundedLog

    now = [0.0]
    bounded = BoundedLog(every=60.0, clock=lambda: now[0])
    caplog.set_level(logging.WARNING, logger="kiosk.web")
    for second in range(0, 130, 2):
        now[0] = float(second)
        bounded.refused("a request it could not read (LineTooLong)")
    lines = [record.getMessage() for record in caplog.records]
    assert lines == [
        "Phone page: refused a request it could not read (LineTooLong)",
        "Phone page: refused a request it could not read (LineTooLong)"
        " (and 29 more since the last note)",
        "Phone page: refused a request it could not read (LineTooLong)"
        " (and 29 more since the last note)",
    ]
