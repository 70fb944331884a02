"""Starting the phone page from inside a running app, without making its screen wait.

``start_phone_server`` imports the server (aiohttp, Jinja) on a worker thread, so
the app's event loop keeps drawing while that loads, then builds the server in the
loop and binds the address. A failure to bind becomes ``AddressError`` with plain
words, never a traceback.

    server = await start_phone_server(address, session=..., survey=..., ...)

``start_for_app`` is the same for an app (the kiosk, the console): a failure is
turned into plain words for the app to show, the cause of an unexpected one goes
to the app's log, and a server that finished starting after its app began closing
is stopped again at once.
"""

from __future__ import annotations

import asyncio
import importlib
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from kiosk.web.address import AddressError, PhoneAddress, problem_starting

if TYPE_CHECKING:
    from kiosk.web.server import PhoneServer


def _server_class() -> type[PhoneServer]:
    module = importlib.import_module("kiosk.web.server")
    server_class: type[PhoneServer] = module.PhoneServer
    return server_class


async def start_phone_server(address: PhoneAddress, **options: Any) -> PhoneServer:
    """Build a ``PhoneServer`` with ``options`` and start it on ``address``.

    Raises ``AddressError`` (with a plain ``message``) when it can't listen there.
    """
    server_class = await asyncio.to_thread(_server_class)
    server = server_class(**options)
    try:
        await server.start(address.host, address.port, public_host=address.public_host)
    except OSError as error:
        raise AddressError(problem_starting(error, address)) from error
    except ValueError as error:  # a wildcard host with no public name
        raise AddressError(str(error)) from error
    return server


async def start_for_app(
    address: PhoneAddress,
    *,
    report: Callable[[BaseException, str], None],
    not_started: str,
    closing: Callable[[], bool],
    **options: Any,
) -> PhoneServer | str | None:
    """Start the phone page for an app: the server, or plain words on why not.

    ``not_started`` is what to say when something unexpected went wrong (its cause
    goes to ``report``); an address that can't be used says so itself. None when
    the app began closing while the page started (the server is stopped again).
    """
    try:
        server = await start_phone_server(address, report=report, **options)
    except AddressError as error:
        return error.message
    except Exception as error:  # plain words on screen; details in the log
        report(error, "starting the phone page")
        return not_started
    if closing():
        await server.stop()
        return None
    return server
