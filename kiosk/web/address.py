"""Where the phone page listens: ``--phones HOST:PORT`` read and checked, in plain words.

Nothing here imports aiohttp, so the command line can check an address (and say
plainly what is wrong with it) before anything slow loads. ``check_can_listen``
opens a socket for a moment to find a port that is already in use; the real server
binds later, inside the app, once the first screen is drawn.
"""

from __future__ import annotations

import errno
import ipaddress
import socket
from dataclasses import dataclass

from surveys.errors import PlainError

WILDCARDS = frozenset({"0.0.0.0", "::"})  # noqa: S104 — names to recognise, not to bind
"""Hosts that mean "every network this computer is on": links can't name them."""

EXAMPLE = "for example:  --phones 192.168.1.20:8080"


class AddressError(PlainError, ValueError):
    """The address can't be used; ``message`` says why in plain English."""


@dataclass(frozen=True, slots=True)
class PhoneAddress:
    """Where to listen, and the name phones should use when it differs."""

    host: str
    port: int
    public_host: str | None = None

    @property
    def shown(self) -> str:
        """``HOST:PORT`` as the operator typed it (IPv6 in brackets)."""
        return f"{bracketed(self.host)}:{self.port}"


def bracketed(host: str) -> str:
    """A host as it goes in a link or ``HOST:PORT``: an IPv6 address in brackets."""
    return f"[{host}]" if ":" in host and not host.startswith("[") else host


def _is_ip(text: str) -> bool:
    try:
        ipaddress.ip_address(text)
    except ValueError:
        return False
    return True


def _valid_name(host: str) -> bool:
    """A plain host name: letters, digits, dots and hyphens (no spaces or slashes)."""
    if _is_ip(host):
        return True
    if not host or len(host) > 253 or host.startswith(("-", ".")):
        return False
    return all(ch.isascii() and (ch.isalnum() or ch in ".-") for ch in host)


def parse_phone_address(text: str, public_host: str | None = None) -> PhoneAddress:
    """Read ``HOST:PORT`` (``[::1]:8080`` for IPv6). Raises ``AddressError``."""
    cleaned = text.strip()
    if "://" in cleaned:
        raise AddressError(f"Please leave out the 'http://' and give just HOST:PORT, {EXAMPLE}")
    if cleaned.startswith("["):
        host, _, rest = cleaned[1:].partition("]")
        port_text = rest[1:] if rest.startswith(":") else None
    else:
        host, colon, port_text_or_empty = cleaned.rpartition(":")
        port_text = port_text_or_empty if colon else None
        if ":" in host and _is_ip(host):  # an IPv6 address needs brackets for the port
            raise AddressError(
                f"Please put an IPv6 address in square brackets, like [{host}]:{port_text}."
            )
    if not host or port_text is None:
        raise AddressError(
            f"Please give the address and the port for phones as HOST:PORT, {EXAMPLE}"
        )
    if not (port_text.isascii() and port_text.isdigit()) or not 1 <= int(port_text) <= 65535:
        raise AddressError(
            f"The port must be a number from 1 to 65535 (you gave '{port_text[:20]}'), {EXAMPLE}"
        )
    if not _valid_name(host):
        raise AddressError(f"'{host[:60]}' is not an address phones can use, {EXAMPLE}")
    if public_host is not None:
        public_host = public_host.strip()
        if not _valid_name(public_host) or public_host in WILDCARDS:
            raise AddressError(
                f"'{public_host[:60]}' is not a name phones can open. Give this computer's "
                "address on the network, for example:  --public-host 192.168.1.20"
            )
    if host in WILDCARDS and public_host is None:
        raise AddressError(
            f"{host} listens on every network, but phones need one address to open. "
            "Add this computer's address on the network, for example:  "
            "--public-host 192.168.1.20"
        )
    return PhoneAddress(host, int(port_text), public_host)


def problem_starting(error: OSError, address: PhoneAddress) -> str:
    """Plain words for an ``OSError`` from binding ``address``."""
    port = address.port
    if error.errno == errno.EADDRINUSE:
        return (
            f"The phone page couldn't start: port {port} is already in use on this "
            "computer. Choose another port (like 8081) with --phones, or close the "
            "program using it."
        )
    if error.errno in (errno.EACCES, errno.EPERM):
        return (
            f"The phone page couldn't start: port {port} needs administrator rights. "
            "Choose a port above 1024, like 8080."
        )
    if error.errno == errno.EADDRNOTAVAIL:
        return (
            f"The phone page couldn't start: {address.host} is not an address of this "
            "computer. Check the computer's address on the network and try again."
        )
    if isinstance(error, socket.gaierror):
        return (
            f"The phone page couldn't start: the name {address.host} couldn't be found. "
            "Use this computer's address on the network, like 192.168.1.20."
        )
    return (
        f"The phone page couldn't start on {address.shown} "
        f"({error.strerror or type(error).__name__}). Check the address and try again."
    )


def check_can_listen(address: PhoneAddress) -> None:
    """Raise ``AddressError`` when ``address`` can't be listened on right now.

    Binds a socket for a moment (with the same address reuse the server uses) and
    closes it again, so a port already in use is reported before the app starts.
    """
    try:
        found = socket.getaddrinfo(
            address.host, address.port, type=socket.SOCK_STREAM, flags=socket.AI_PASSIVE
        )
    except (socket.gaierror, UnicodeError) as error:
        raise AddressError(problem_starting(socket.gaierror(str(error)), address)) from error
    for family, kind, protocol, _, where in found:
        try:
            with socket.socket(family, kind, protocol) as probe:
                probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
                probe.bind(where)
        except OSError as error:
            raise AddressError(problem_starting(error, address)) from error


def phones_from_options(phones: str | None, public_host: str | None) -> PhoneAddress | None:
    """``--phones`` and ``--public-host`` as typed: None when phones are off.

    Raises ``AddressError`` when the address is malformed or can't be listened on
    (a port already in use, say), so the command can say so before starting.
    """
    if phones is None:
        if public_host is not None:
            raise AddressError(
                "--public-host goes with --phones HOST:PORT, which turns the phone page on."
            )
        return None
    address = parse_phone_address(phones, public_host)
    check_can_listen(address)
    return address
