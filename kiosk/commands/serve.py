"""``kiosk serve``: the participant kiosk in a tablet's web browser, with big text.

textual-serve runs one kiosk process (``kiosk run …``) for each browser tab and
draws it with xterm.js. This module adds what a kiosk needs on top:

- **Only the address the operator names.** ``--host`` is required (there is no
  default, and never a silent 0.0.0.0): textual-serve has no log-in, so anyone who
  can reach the address can open a kiosk.
- **Fits the tablet.** textual-serve draws with one fixed font size (``?fontsize=``,
  default 16), which gave a 1024×768 tablet a 53×17 kiosk. The page
  (``serve_templates/app_index.html``) now picks the font size from the browser's
  screen before the terminal starts: the largest size, up to ``--font-size``
  (default 32) or ``?fontsize=``, that gives the kiosk 80×24 cells at a readable
  size (and 60×20 if the tablet is turned round), else 60×20 (``LEAST_CELLS``, what
  the kiosk is designed for).
- **Touch.** A tap is already a click; the page turns a swipe up or down into the
  mouse wheel, so whatever is under the finger scrolls, and keeps the mouse move
  the browser adds before a tap from the kiosk (a finger has no hover). A double
  tap counts once: a tap in the same place within 0.4 s of the last one is dropped,
  so it cannot press what the next screen has there.
- **Faces that draw.** The scale's faces are emoji, and a browser without an emoji
  font draws some of them blank. When this machine has Noto Color Emoji
  (``fonts-noto-color-emoji``, which ``make kiosk`` installs) the page serves it for
  emoji only, so every tablet draws the same faces.
- **Offline.** The page template (``serve_templates/app_index.html``) loads nothing
  from the internet: no Google Fonts, just textual-serve's own scripts and font.
- **Locked as started.** Each tab runs ``kiosk run SURVEY``, with ``--unlocked``
  only if the operator served it unlocked; a locked kiosk needs the PIN set first.

Read-aloud plays on the device running ``kiosk serve`` (each tab's kiosk process
speaks there), not in the browser. Storage is safe with many processes.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

from accessibility.themes import TEXT_SIZES, TextSizeName
from surveys.model import SCALE_FACES

if TYPE_CHECKING:
    from aiohttp import web

DEFAULT_FONT_SIZE = TEXT_SIZES[TextSizeName.LARGEST].serve_font_size
MIN_FONT_SIZE = 12
MAX_FONT_SIZE = 72
READABLE_FONT_SIZE = 20
"""80×24 is preferred only at this font size or larger; below it, 60×20 in bigger text."""
LEAST_CELLS = (60, 20)
"""The smallest kiosk (columns, rows) the screens are designed for."""
ROOMY_CELLS = (80, 24)
"""The kiosk's size where the screen has room for it at a readable font size."""
FACES_FONT = Path("/usr/share/fonts/truetype/noto/NotoColorEmoji.ttf")
"""Debian's fonts-noto-color-emoji; served for emoji only when it is installed."""
FACES_URL = "/kiosk-fonts/faces.ttf"
FACES_RANGE = "U+1F300-1F5FF, U+1F600-1F64F, U+1F680-1F6FF, U+1F900-1F9FF, U+1FA70-1FAFF"
TEMPLATES = Path(__file__).parent / "serve_templates"
TITLE = "Co-production kiosk"
OPEN_TO_ALL = ("0.0.0.0", "::", "")  # noqa: S104 — named only to warn about them

EXIT_OK = 0
EXIT_PROBLEMS = 1
NO_PIN = (
    "No operator PIN is set, so the served kiosk could not be locked.\n"
    "Set one first with:   kiosk pin set\n"
    "Or, only to try it out, add --unlocked."
)


def add_serve_parser(commands: Any) -> None:
    """Add ``kiosk serve`` to the command line's subcommands."""
    serve = commands.add_parser(
        "serve",
        help="serve the participant kiosk to a tablet's web browser, with big text",
        epilog="Each browser tab runs its own kiosk. Read aloud plays on this device, not in "
        "the browser. There is no log-in: use 127.0.0.1 (this device only) or this device's "
        "address on a private network the tablet shares.",
    )
    serve.add_argument("survey", type=Path, nargs="?", default=None, help="the survey file")
    serve.add_argument(
        "--host", required=True, metavar="ADDRESS", help="the address to listen on (required)"
    )
    serve.add_argument("--port", required=True, type=int, metavar="N", help="the port to use")
    serve.add_argument(
        "--font-size",
        type=int,
        default=DEFAULT_FONT_SIZE,
        metavar="PIXELS",
        help=f"the largest text size in the browser (default {DEFAULT_FONT_SIZE}); the page "
        "makes it smaller when the screen needs it, so the kiosk gets at least "
        f"{LEAST_CELLS[0]}×{LEAST_CELLS[1]} characters",
    )
    serve.add_argument(
        "--unlocked", action="store_true", help="serve without an operator PIN (trying out only)"
    )
    serve.add_argument(
        "--idle-seconds",
        type=float,
        default=None,
        metavar="SECONDS",
        help="time with no touch or key before 'Are you still there?' (default 120)",
    )


def served_command(survey_path: Path, *, unlocked: bool, idle_seconds: float | None = None) -> str:
    """The shell command each browser tab runs: this Python's ``kiosk run``."""
    words = [sys.executable, "-m", "kiosk", "run", str(survey_path.resolve())]
    if unlocked:
        words.append("--unlocked")
    if idle_seconds is not None:
        words += ["--idle-seconds", str(idle_seconds)]
    import shlex  # noqa: PLC0415 — only this command needs it

    return shlex.join(words)


def font_size_from(query: str | None, default: int) -> int:
    """The font size asked for in ``?fontsize=``, kept to a readable range."""
    try:
        size = int(query) if query is not None else default
    except ValueError:
        size = default
    return max(MIN_FONT_SIZE, min(MAX_FONT_SIZE, size))


def make_server(
    command: str, *, host: str, port: int, font_size: int, faces_font: Path = FACES_FONT
) -> Any:
    """A textual-serve ``Server`` for ``command`` with the kiosk's page and font size."""
    import aiohttp_jinja2  # noqa: PLC0415 — the web server loads only for this command
    from aiohttp import web  # noqa: PLC0415 — as above
    from textual_serve.server import Server  # noqa: PLC0415 — as above

    from kiosk.web.address import bracketed  # noqa: PLC0415 — as above

    class KioskServer(Server):
        """textual-serve with a large default font and an offline page."""

        async def handle_index(self, request: web.Request) -> web.Response:
            query = request.query.get("fontsize")
            scheme = "wss" if request.secure else "ws"
            faces = faces_font.is_file()
            context = {
                "font_size": font_size_from(query, font_size),
                "smallest_font_size": MIN_FONT_SIZE,
                "readable_font_size": READABLE_FONT_SIZE,
                "least_cells": LEAST_CELLS,
                "roomy_cells": ROOMY_CELLS,
                "faces_url": FACES_URL if faces else "",
                "faces_range": FACES_RANGE,
                "faces_text": "".join(SCALE_FACES) if faces else "",
                "app_websocket_url": f"{scheme}://{request.host}/ws",
                "config": {"static": {"url": "/static/"}},
                "application": {"name": self.title},
            }
            return aiohttp_jinja2.render_template("app_index.html", request, context)

        async def handle_faces(self, request: web.Request) -> web.StreamResponse:
            if not faces_font.is_file():
                raise web.HTTPNotFound
            return web.FileResponse(
                faces_font,
                headers={"Content-Type": "font/ttf", "Cache-Control": "max-age=86400"},
            )

        async def _make_app(self) -> web.Application:
            app = await super()._make_app()
            app.router.add_get(FACES_URL, self.handle_faces)
            return app

        async def on_startup(self, app: web.Application) -> None:
            print(f"Serving the kiosk at http://{bracketed(self.host)}:{self.port}/")
            print("Open that address in the tablet's web browser. Press Ctrl+C to stop.")

    return KioskServer(command, host=host, port=port, title=TITLE, templates_path=TEMPLATES)


def check_options(host: str, port: int, font_size: int) -> str | None:
    """A plain sentence about what is wrong with the options, or None."""
    if not host.strip():
        return "Give the address to listen on with --host, for example --host 127.0.0.1."
    if not 1 <= port <= 65535:
        return "The port must be a number from 1 to 65535."
    if not MIN_FONT_SIZE <= font_size <= MAX_FONT_SIZE:
        return f"The font size must be from {MIN_FONT_SIZE} to {MAX_FONT_SIZE}."
    return None


def run(args: argparse.Namespace) -> int:
    """``kiosk serve``: check the survey and the lock, then serve until Ctrl+C."""
    from kiosk.commands.pin import pin_refusal  # noqa: PLC0415 — the kiosk's checks
    from kiosk.commands.run import cannot_run, demo_survey_path  # noqa: PLC0415 — as above
    from surveys import paths  # noqa: PLC0415 — as above
    from surveys.loader import load_survey  # noqa: PLC0415 — as above

    problem = check_options(args.host, args.port, args.font_size)
    if problem:
        print(problem)
        return EXIT_PROBLEMS
    path: Path = args.survey or demo_survey_path()
    result = load_survey(path)
    if result.survey is None:
        return cannot_run(path, result)
    if not args.unlocked:
        refusal = pin_refusal(paths.data_home(), NO_PIN)
        if refusal is not None:
            print(refusal)
            return EXIT_PROBLEMS
    if args.host.strip() in OPEN_TO_ALL:
        print(
            "Note: every device that can reach this one on the network can open the kiosk. "
            "There is no log-in."
        )
    command = served_command(path, unlocked=args.unlocked, idle_seconds=args.idle_seconds)
    server = make_server(command, host=args.host, port=args.port, font_size=args.font_size)
    try:
        server.serve()
    except OSError as error:
        print(f"The kiosk could not listen on {args.host} port {args.port} ({error.strerror}).")
        return EXIT_PROBLEMS
    return EXIT_OK
