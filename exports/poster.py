""" "You said — We did" as an A4 poster to put up where people meet.

``write_poster(log, out)`` writes the actions ready to share as one A4 page in an
Easy Read style: large type, one idea per line, short sentences, and nothing but
words (no scripts, no pictures from elsewhere). It always writes the HTML, with
print CSS (``@page { size: A4 }``), so it can be printed from any browser; it then
asks the computer's Chromium, headless, to print the same page to a PDF. Where no
Chromium is found, or it fails, the HTML is still there and ``PosterWithoutPdf``
says so in plain words.

The poster shows the same cards as the kiosk (``surveys.action_cards``): only
actions marked ready to share and short enough for a card, what people said
scrubbed by the one PII scrubber. The type is as large as lets every action fit
one page (``choose_layout``, never below 14 point); at most ``MOST_ON_A_PAGE``
are shown, and the poster says how many more there are and where to see them.

``out`` is a folder (``poster.html`` and ``poster.pdf`` go in it) or a file name
ending in ``.html`` or ``.pdf`` (both files take its name).
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path

from jinja2 import Environment, PackageLoader, StrictUndefined, select_autoescape

from surveys.action_cards import NOT_POSSIBLE, TITLE, YOU_SAID, Card, shared_cards
from surveys.action_model import ActionLog
from surveys.errors import PlainError
from surveys.plurals import counted

MOST_ON_A_PAGE = 6
"""The most actions one A4 page holds in large type."""

CHROMIUM_NAMES = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable")
CHROMIUM_SECONDS = 120
INTRO = ("You told us what matters to you.", "This is what happened next.")
NO_ACTIONS = (
    "We are still working on what you told us.",
    "We will put up news here soon.",
)

_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-Z0-9\"'(])")


class WithoutPdf(PlainError):  # noqa: N818 — a plain outcome, not a failure
    """The HTML page was written, but no PDF could be made (``.html`` is its path)."""

    def __init__(self, message: str, html: Path) -> None:
        super().__init__(message)
        self.html = html


class PosterWithoutPdf(WithoutPdf):
    """The HTML poster was written, but no PDF could be made."""


@dataclass(frozen=True, slots=True)
class PosterAction:
    """One action as the poster shows it: a bold opening line, then one line per idea."""

    said_label: str
    said: tuple[str, ...]
    did_label: str
    did: tuple[str, ...]


def lines_of(text: str) -> tuple[str, ...]:
    """One sentence a line: "We moved it. It is warmer." becomes two lines."""
    return tuple(part for part in _SENTENCE_END.split(" ".join(text.split())) if part)


def poster_action(card: Card) -> PosterAction:
    """A card laid out for the poster."""
    said_label = YOU_SAID.rstrip(":")
    if card.done_opening == NOT_POSSIBLE:
        why = lines_of(f"This is because {card.done}")
        return PosterAction(said_label, lines_of(card.said), "We could not do this", why)
    done_label = card.done_opening.rstrip(":")
    return PosterAction(said_label, lines_of(card.said), done_label, lines_of(card.done))


PAGE_HEIGHT_PT = (297 - 2 * 14) * 72 / 25.4
"""The printable height of A4 inside the poster's 14 mm margins, in points."""
TEXT_WIDTH_PT = (210 - 2 * 14 - 2 * 5 - 2) * 72 / 25.4
"""The width of a line inside an action's box, in points."""
TEXT_SIZES = (22, 20, 18, 16, 14)
"""Type sizes to try, largest first; Easy Read asks for 14 point at the least."""
_MM = 72 / 25.4


@dataclass(frozen=True, slots=True)
class Layout:
    """The type sizes (points) and the space between actions (mm) for one poster."""

    title: int
    text: int
    gap: int


def _rows(lines: tuple[str, ...], size: int) -> int:
    """How many printed rows ``lines`` take at ``size`` points (a generous guess)."""
    per_row = max(10, int(TEXT_WIDTH_PT / (size * 0.5)))
    return sum(max(1, -(-len(line) // per_row)) for line in lines)


def _height(layout: Layout, actions: list[PosterAction], head: int, tail: int) -> float:
    """Roughly how tall the poster is, in points, with ``head`` and ``tail`` plain rows."""
    row = layout.text * 1.35 + 1.5 * _MM
    title = layout.title * 1.35 + 4 * _MM
    boxes = sum(
        (_rows((a.said_label, *a.said, a.did_label, *a.did), layout.text)) * row
        + (6 + 1.6 + layout.gap) * _MM
        for a in actions
    )
    return title + (head + tail) * row + boxes + (8 * _MM if tail else 0)


def choose_layout(
    actions: list[PosterAction], head: int, tail: int
) -> tuple[Layout, list[PosterAction]]:
    """The largest type that fits all of ``actions`` on one page; with too many even
    at the smallest size, as many as fit (at least one)."""
    for size in TEXT_SIZES:
        layout = Layout(title=round(size * 1.7), text=size, gap=5 if size >= 18 else 3)
        if _height(layout, actions, head, tail) <= PAGE_HEIGHT_PT:
            return layout, actions
    kept = list(actions)
    while len(kept) > 1 and _height(layout, kept, head + 1, tail) > PAGE_HEIGHT_PT:
        kept.pop()
    return layout, kept


def render_poster(log: ActionLog) -> str:
    """The poster as one HTML document (every word escaped)."""
    cards = shared_cards(log)
    actions = [poster_action(card) for card in cards[:MOST_ON_A_PAGE]]
    service = " ".join(log.title.split())
    shared = lines_of(log.results_shared)
    intro = INTRO if actions else NO_ACTIONS
    head = len(intro) + (1 if service else 0)
    tail = len(shared) + 1 if shared else 0
    layout, actions = choose_layout(actions, head, tail)
    more = len(cards) - len(actions)
    environment = Environment(
        loader=PackageLoader("exports", "templates"),
        autoescape=select_autoescape(default=True, default_for_string=True),
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    return environment.get_template("poster.html.j2").render(
        heading=TITLE,
        service=service,
        intro=intro,
        actions=actions,
        more=(
            f"There {'is' if more == 1 else 'are'} {counted(more, 'more thing')} we did or are "
            "doing. Ask us, or look on the kiosk."
            if more
            else ""
        ),
        shared=shared,
        sizes=layout,
    )


def find_chromium() -> Path | None:
    """The computer's Chromium (or Chrome), if it has one."""
    for name in CHROMIUM_NAMES:
        found = shutil.which(name)
        if found:
            return Path(found)
    return None


def poster_paths(out: Path) -> tuple[Path, Path]:
    """Where the HTML and the PDF go for ``out`` (a folder, or a ``.html``/``.pdf`` name)."""
    if out.suffix.lower() in (".html", ".htm", ".pdf"):
        return out.with_suffix(".html"), out.with_suffix(".pdf")
    return out / "poster.html", out / "poster.pdf"


def print_to_pdf(chromium: Path, html: Path, pdf: Path) -> bool:
    """Ask headless Chromium to print ``html`` to ``pdf``; True when the PDF is there."""
    with tempfile.TemporaryDirectory(prefix="poster-") as profile:
        try:
            subprocess.run(
                [
                    str(chromium),
                    "--headless",
                    "--no-sandbox",
                    "--disable-gpu",
                    "--no-first-run",
                    "--disable-background-networking",
                    "--disable-component-update",
                    "--disable-sync",
                    f"--user-data-dir={profile}",
                    "--no-pdf-header-footer",
                    f"--print-to-pdf={pdf}",
                    html.resolve().as_uri(),
                ],
                capture_output=True,
                timeout=CHROMIUM_SECONDS,
                check=False,
                env={**os.environ, "HOME": profile},
            )
        except (OSError, subprocess.TimeoutExpired):
            return False
    return pdf.is_file() and pdf.stat().st_size > 0


def write_poster(log: ActionLog, out: Path, *, chromium: Path | bool | None = True) -> list[Path]:
    """Write the poster's HTML and PDF; returns the files written.

    ``chromium`` is the browser to print with: ``True`` finds the computer's own,
    ``None`` or ``False`` makes no PDF. Raises ``PosterWithoutPdf`` (the HTML is
    written) when no PDF could be made.
    """
    html_path, pdf_path = poster_paths(Path(out))
    return write_printable(
        render_poster(log),
        html_path,
        pdf_path,
        chromium=chromium,
        what="The poster",
        without_pdf=PosterWithoutPdf,
    )


def write_printable(
    html: str,
    html_path: Path,
    pdf_path: Path,
    *,
    chromium: Path | bool | None,
    what: str,
    without_pdf: type[WithoutPdf],
) -> list[Path]:
    """Write a printable page and its PDF (through headless Chromium); returns both
    paths. ``what`` names it in the plain message of ``without_pdf``, raised (the HTML
    written) when no PDF could be made."""
    html_path.parent.mkdir(parents=True, exist_ok=True)
    html_path.write_text(html, encoding="utf-8")
    browser = find_chromium() if chromium is True else chromium or None
    ready = f"{what} is ready to print from a web browser: {html_path}. No PDF was made"
    if browser is None:
        raise without_pdf(
            f"{ready}, because this computer has no Chromium to make one with.", html_path
        )
    pdf_path.unlink(missing_ok=True)
    if not print_to_pdf(Path(browser), html_path, pdf_path):
        raise without_pdf(f"{ready}, because Chromium could not make one.", html_path)
    return [html_path, pdf_path]
