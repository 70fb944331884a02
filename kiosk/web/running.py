"""Starting the phone page from inside a running app, without making its screen wait.

``start_phone_server`` imports the server (aiohttp, Jinja) on a worker thread, so
the app's event loop keeps drawing while that loads, then builds the server in the
loop and binds the address. A failure to bind becomes ``AddressError`` with plain
words, never a traceback.

    server = await start_phone_server(address, session=..., survey=..., ...)
"""

from __future__ import annotations

import asyncio
import importlib
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
