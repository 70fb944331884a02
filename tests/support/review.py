"""Helpers for the review screen's tests: a kiosk home with comments, and the app on it.

The survey is stated here in full, so each test's input is visible. Comments are
sent through ``send_response`` with the demo key, as a kiosk would.
"""

from __future__ import annotations

import datetime as dt
import json
import random
from dataclasses import dataclass, replace
from pathlib import Path

from textual.pilot import Pilot

from exports import ExportRequest, prepare_review
from exports.comment_review import Decision, ReviewSession
from exports.definitions import Definitions
from kiosk.commands.review import make_review_app
from kiosk.review.app import ReviewApp
from surveys.loader import load_survey_text
from surveys.model import Survey
from surveys.pii import Scrubber
from surveys.sealing import DEMO_PRIVATE_KEY_FILE, ensure_keys, load_private_key
from surveys.storage.tinydb_store import TinyDbResponseStore
from tests.support.exports import Kiosk
from tests.support.survey_yaml import CONSENT_YAML, survey_yaml

SIZE = (100, 30)

SURVEY_YAML = survey_yaml(
    """
    - id: mood
      kind: single
      text: How was today?
      options: [Good, Okay, Not so good]
    - id: better
      kind: longtext
      text: What could be better?
    """,
    id="hillside_feedback",
    title="Hillside feedback",
    consent=CONSENT_YAML
    + "  ticks:\n    - id: quotes\n      text: You can quote my words (without my name)\n",
)

WELCOME = "Sarah on reception made me feel welcome."
PHONE = "ring me on 07700 900123 if you want more"
COLD = "The room was too cold"
MARKUP = "[bold]More breaks[/bold] please"
PATEL = "Nothing to add, thanks Dr Patel"
LUNCH = "Lunch was lovely"

COMMENTS: tuple[tuple[str, bool, int], ...] = (
    # (what was written, ticked "You can quote my words", how many people)
    (WELCOME, True, 3),
    (PHONE, True, 1),
    (COLD, False, 2),
    (MARKUP, True, 1),
    (PATEL, True, 1),
    (LUNCH, True, 2),
)
"""The review lists them by scrubbed text: Lunch…, Nothing to add, thanks [name], The
room…, [bold]More breaks…, [name] on reception…, ring me on [phone]…"""


def the_survey() -> Survey:
    loaded = load_survey_text(SURVEY_YAML, "hillside.yaml")
    assert loaded.survey is not None, [p.describe() for p in loaded.problems]
    return loaded.survey


@dataclass
class Desk:
    """A kiosk home holding the comments above, and ways to review and export them."""

    kiosk: Kiosk
    survey: Survey

    @property
    def home(self) -> Path:
        return self.kiosk.home

    @property
    def review_file(self) -> Path:
        return self.home / "exports" / "review.json"

    def request(self, output: Path | None = None) -> ExportRequest:
        return ExportRequest(
            store=self.kiosk.store,
            opener=self.kiosk.opener,
            output=output or self.home.parent / "export",
            definitions=Definitions({self.survey.id: self.survey}, {self.survey.id: "test"}),
            survey_folders=[],
            review_file=self.review_file,
            today=dt.date(2026, 4, 1),
            rng=random.Random(7),
        )

    def review(self) -> ReviewSession:
        return prepare_review(self.request())

    def app(self) -> ReviewApp:
        return make_review_app(self.review(), Scrubber(), home=self.home)

    def saved(self) -> dict[str, Decision]:
        """The decisions in the review file, by comment text (scrubbed)."""
        by_key = ReviewSession.read_decisions(self.review_file)
        return {c.text: by_key[c.key] for c in self.review().comments if c.key in by_key}

    def saved_json(self) -> dict[str, object]:
        return json.loads(self.review_file.read_text(encoding="utf-8"))  # type: ignore[no-any-return]


def make_desk(tmp_path: Path, comments: tuple[tuple[str, bool, int], ...] = COMMENTS) -> Desk:
    """A home with six distinct comments from ten people, plus two with no comment."""
    home = tmp_path / "home"
    sealer, _ = ensure_keys(home / "keys")
    opener = load_private_key(home / "keys" / DEMO_PRIVATE_KEY_FILE, None)
    kiosk = Kiosk(home, TinyDbResponseStore(home / "sessions"), sealer, opener)
    survey = the_survey()
    session = kiosk.session("2026-03-12")
    for text, quotes, people in comments:
        for _ in range(people):
            kiosk.send(survey, session, {"mood": "Good", "better": text}, quotes=quotes)
    for _ in range(2):
        kiosk.send(survey, session, {"mood": "Okay"})
    return Desk(kiosk, survey)


def replace_request(desk: Desk, **changes: object) -> ExportRequest:
    return replace(desk.request(), **changes)  # type: ignore[arg-type]


async def settle(pilot: Pilot[object]) -> None:
    """Let messages, callbacks and screen changes finish."""
    await pilot.pause()


async def press(pilot: Pilot[object], *keys: str) -> None:
    """Press keys and let everything settle."""
    await pilot.press(*keys)
    await settle(pilot)
