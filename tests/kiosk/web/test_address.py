"""``--phones HOST:PORT`` read plainly: good addresses parse, bad ones say why, and a
port already in use is found before anything starts."""

from __future__ import annotations

import errno
import socket

import pytest

from kiosk.web.address import (
    AddressError,
    PhoneAddress,
    check_can_listen,
    parse_phone_address,
    phones_from_options,
    problem_starting,
)


@pytest.mark.parametrize(
    ("text", "public", "expected"),
    [
        ("192.168.1.20:8080", None, PhoneAddress("192.168.1.20", 8080)),
        (" 10.0.0.5:80 ", None, PhoneAddress("10.0.0.5", 80)),
        ("kiosk.local:8080", None, PhoneAddress("kiosk.local", 8080)),
        ("[::1]:8080", None, PhoneAddress("::1", 8080)),
        ("0.0.0.0:8080", "192.168.1.20", PhoneAddress("0.0.0.0", 8080, "192.168.1.20")),
        ("[::]:9000", "kiosk.local", PhoneAddress("::", 9000, "kiosk.local")),
    ],
)
def test_good_addresses_parse(text: str, public: str | None, expected: PhoneAddress) -> None:
    assert parse_phone_address(text, public) == expected


@pytest.mark.parametrize(
    ("text", "public", "says"),
    [
        ("8080", None, "as HOST:PORT"),
        ("192.168.1.20", None, "as HOST:PORT"),
        (":8080", None, "as HOST:PORT"),
        ("192.168.1.20:", None, "The port must be a number"),
        ("192.168.1.20:0", None, "from 1 to 65535"),
        ("192.168.1.20:65536", None, "from 1 to 65535"),
        ("192.168.1.20:-1", None, "The port must be a number"),
        ("192.168.1.20:８０８０", None, "The port must be a number"),
        ("::1:8080", None, "square brackets"),
        ("[::1]8080", None, "as HOST:PORT"),
        ("http://192.168.1.20:8080", None, "leave out the 'http://'"),
        ("a:b:8080", None, "is not an address phones can use"),
        ("a b:8080", None, "is not an address phones can use"),
        ("<b>:8080", None, "is not an address phones can use"),
        ("0.0.0.0:8080", None, "--public-host"),
        ("[::]:8080", None, "--public-host"),
        ("0.0.0.0:8080", "0.0.0.0", "is not a name phones can open"),
        ("0.0.0.0:8080", "two words", "is not a name phones can open"),
    ],
)
def test_bad_addresses_say_why(text: str, public: str | None, says: str) -> None:
    with pytest.raises(AddressError) as caught:
        parse_phone_address(text, public)
    assert says in caught.value.message
    assert "Traceback" not in caught.value.message


def test_phones_are_off_unless_asked() -> None:
    assert phones_from_options(None, None) is None
    with pytest.raises(AddressError, match="goes with --phones"):
        phones_from_options(None, "192.168.1.20")


def test_a_port_in_use_is_found_before_starting() -> None:
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        with pytest.raises(AddressError, match=f"port {port} is already in use"):
            check_can_listen(PhoneAddress("127.0.0.1", port))
    check_can_listen(PhoneAddress("127.0.0.1", port))  # free again: no complaint


def test_a_name_that_cannot_be_found_is_told_plainly() -> None:
    with pytest.raises(AddressError, match="couldn't be found"):
        check_can_listen(PhoneAddress("no-such-host.invalid", 8080))


@pytest.mark.parametrize(
    ("number", "says"),
    [
        (errno.EACCES, "needs administrator rights"),
        (errno.EADDRNOTAVAIL, "is not an address of this computer"),
        (errno.EADDRINUSE, "is already in use"),
        (errno.EIO, "Check the address and try again"),
    ],
)
def test_each_binding_problem_has_plain_words(number: int, says: str) -> None:
    message = problem_starting(OSError(number, "x"), PhoneAddress("10.9.9.9", 80))
    assert says in message
