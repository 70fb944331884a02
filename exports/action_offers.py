"""New actions offered from results, in one step: an export's themes and a session's top ideas.

``kiosk actions --from-export DIR`` (and the editor's "From results" button) reads
an export folder:

- ``data.json`` (``exports.writers``): the themes the reviewer gave comments, per
  free-text question (``free_text[].themes[].answer``), already through the one
  disclosure engine (a theme too small to show was merged into "No theme given",
  which is never offered);
- ``group_decisions.csv`` (``exports.group_files``): one row per ranked idea of
  a focus-group session, top first, the idea in its masked wording. The top
  ``TOP_IDEAS`` of each round are offered.

Each offer becomes a planned action with ``source`` and ``source_ref`` filled in.
What the log already holds from the same source (the same ``source_ref``, or the
same words) is not offered again, so running it twice makes no duplicates.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from exports.cells import FORMULA_STARTS
from exports.content import NO_THEME
from exports.group_files import DECISIONS_CSV
from exports.report_words import report_languages, report_words
from surveys.action_model import ActionLog, ActionSource
from surveys.errors import PlainError

DATA_FILE = "data.json"
DECISIONS_FILE = DECISIONS_CSV
TOP_IDEAS = 3
MAX_BYTES = 20_000_000
DECISION_COLUMNS = ("session_date", "plan", "round", "place", "idea")
"""The columns read, of those the export writes (``exports.group_files``)."""


class OffersError(PlainError):
    """The folder could not be read for offers; the message is plain."""


@dataclass(frozen=True, slots=True)
class Offer:
    """What people said, ready to become a planned action."""

    you_said: str
    source: ActionSource
    source_ref: str
    detail: str
    """Where it came from, in plain words, for the list of offers."""


def _read(path: Path) -> str | None:
    """A file's text, None when it is not there; raises ``OffersError`` if it can't be read."""
    if not path.is_file():
        return None
    try:
        if path.stat().st_size > MAX_BYTES:
            raise OffersError(f"{path} is too big to read for actions.")
        return path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as error:
        raise OffersError(f"{path} could not be read.") from error


def _tidy(text: object) -> str:
    return " ".join(str(text).split())


def theme_offers(data_text: str, name: str = DATA_FILE) -> list[Offer]:
    """The export's themes, once each, in the order the export lists them."""
    try:
        document = json.loads(data_text)
    except ValueError as error:
        raise OffersError(f"{name} is not an export's data file (it can't be read).") from error
    free = document.get("free_text") if isinstance(document, dict) else None
    if not isinstance(free, list):
        raise OffersError(f"{name} is not an export's data file (it has no 'free_text').")
    seen: set[str] = set()
    offers = []
    for question in free:
        themes = question.get("themes") if isinstance(question, dict) else None
        for row in themes if isinstance(themes, list) else ():
            label = _tidy(row.get("answer", "")) if isinstance(row, dict) else ""
            if not label or label in _no_theme() or label.lower() in seen:
                continue
            seen.add(label.lower())
            offers.append(
                Offer(label, ActionSource.EXPORT_THEME, f"theme: {label}", "A theme in the export")
            )
    return offers


def _unguarded(cell: str) -> str:
    """A spreadsheet cell's words, without the quote that stops them running as a formula."""
    if cell.startswith("'") and cell[1:].startswith(FORMULA_STARTS):
        return cell[1:]
    return cell


def _ordinal(place: int) -> str:
    return {1: "1st", 2: "2nd", 3: "3rd"}.get(place, f"{place}th")


def idea_offers(csv_text: str, name: str = DECISIONS_FILE, top: int = TOP_IDEAS) -> list[Offer]:
    """The top ideas of each session's rounds, top first."""
    reader = csv.DictReader(io.StringIO(csv_text))
    missing = [c for c in DECISION_COLUMNS if c not in (reader.fieldnames or [])]
    if missing:
        raise OffersError(
            f"{name} is not a group decisions file (it has no '{missing[0]}' column)."
        )
    offers = []
    for row in reader:
        try:
            place = int(row["place"])
        except (TypeError, ValueError):
            continue
        idea = _tidy(_unguarded(row["idea"] or ""))
        if not idea or not 1 <= place <= top:
            continue
        date, plan, round_id = (_tidy(row[c] or "") for c in ("session_date", "plan", "round"))
        ref = f"session {date}, {plan}, round {round_id}: {idea}"
        detail = f"{_ordinal(place)} in the session '{plan}' on {date}"
        offers.append(Offer(idea, ActionSource.SESSION_IDEA, ref[:200], detail))
    return offers


def _new(offers: Iterable[Offer], log: ActionLog) -> Iterator[Offer]:
    """Offers the log does not hold yet from the same source (by reference or words)."""
    taken = {(a.source, a.source_ref) for a in log.actions}
    said = {(a.source, a.you_said.lower()) for a in log.actions}
    for offer in offers:
        if (offer.source, offer.source_ref) in taken or (
            offer.source,
            offer.you_said.lower(),
        ) in said:
            continue
        taken.add((offer.source, offer.source_ref))
        said.add((offer.source, offer.you_said.lower()))
        yield offer


def offers_from_export(folder: Path, log: ActionLog) -> tuple[Offer, ...]:
    """What an export folder offers that the log does not hold yet.

    Raises ``OffersError`` (plain words) when the folder holds neither file or one
    can't be read.
    """
    if not folder.is_dir():
        raise OffersError(f"There is no folder at {folder}.")
    data_text = _read(folder / DATA_FILE)
    csv_text = _read(folder / DECISIONS_FILE)
    if data_text is None and csv_text is None:
        raise OffersError(
            f"{folder} holds no {DATA_FILE} or {DECISIONS_FILE}. Choose the folder "
            "'kiosk export' wrote."
        )
    found: list[Offer] = []
    if data_text is not None:
        found += theme_offers(data_text, str(folder / DATA_FILE))
    if csv_text is not None:
        found += idea_offers(csv_text, str(folder / DECISIONS_FILE))
    return tuple(_new(found, log))


def _no_theme() -> set[str]:
    """ "No theme given" in each language a report can be written in."""
    return {report_words(code)(NO_THEME) for code in report_languages()}
