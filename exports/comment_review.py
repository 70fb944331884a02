"""The person's review of free-text comments, headless (a screen drives it later).

Every comment is scrubbed first (``surveys.pii``). Then the coordinator decides
for each one: **keep** it as scrubbed, **edit** it (their own wording replaces
it), or **drop** it; and may give it a theme. Comments nobody has reviewed are
left out of the export and counted. Only comments whose writer ticked "You can
quote my words" can appear word for word; the others count towards their theme.

Decisions are saved in a review file (JSON). To keep that file free of what
people wrote, a comment is known by a keyed hash of its scrubbed text: the key is
derived from the coordinator's private key, so nobody without it can test a
guess against the file. Only an edit's replacement wording is stored — that is
text the coordinator wrote to be published.

The API a review screen needs::

    review = ReviewSession.load(path, comments)      # comments from prepare_review()
    for comment in review.pending(): ...             # text, spans to highlight, quotable
    review.decide(comment.key, Action.EDIT, text="...", theme="Feeling welcome")
    review.save()                                    # atomic
"""

from __future__ import annotations

import hashlib
import hmac
import json
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from enum import StrEnum
from pathlib import Path

from surveys import paths
from surveys.errors import PlainError
from surveys.model import Kind, Survey
from surveys.pii import Scrubber, Span
from surveys.sealing import Opener
from surveys.storage.atomic import fsync_folder, make_folder, stamp_day, write_bytes_atomic

REVIEW_KIND = "coproduction-kiosk review"
REVIEW_FORMAT = 1
FREE_TEXT = (Kind.TEXT, Kind.LONGTEXT)
MAX_THEME = 80


def default_review_file(home: Path | None = None) -> Path:
    """Where review decisions are kept by default: the data folder, not the shared export."""
    return (home or paths.data_home()) / "exports" / "review.json"


class Action(StrEnum):
    """What the reviewer decided for one comment."""

    KEEP = "keep"
    EDIT = "edit"
    DROP = "drop"


class ReviewError(PlainError):
    """The review file or a decision could not be used; the message is plain."""


@dataclass(frozen=True, slots=True)
class Comment:
    """One distinct comment to review (identical comments to one question are one item)."""

    key: str
    survey_id: str
    question_id: str
    question_text: str
    text: str
    """The scrubbed text."""
    spans: tuple[Span, ...]
    """What was masked, to highlight (``original`` is for the reviewer's eyes only)."""
    count: int
    """How many people wrote exactly this."""
    quotable: int
    """How many of them agreed to be quoted."""
    held_back: str | None = None
    """Why its words stay out of the shared report whatever is decided (written in a
    language too few people used: ``exports.language_counts``), for the reviewer."""


@dataclass(frozen=True, slots=True)
class Decision:
    """The reviewer's decision for one comment."""

    action: Action
    text: str | None = None
    theme: str | None = None
    survey: str | None = field(default=None, compare=False)
    """The survey the comment answers, so its edit can be deleted with its answers."""

    def to_json(self) -> dict[str, str]:
        """The saved form."""
        data = {"action": self.action.value}
        if self.text is not None:
            data["text"] = self.text
        if self.theme:
            data["theme"] = self.theme
        if self.survey:
            data["survey"] = self.survey
        return data

    @staticmethod
    def from_json(data: object) -> Decision:
        """Read a saved decision; ``ReviewError`` when it is damaged."""
        if not isinstance(data, dict):
            raise ReviewError("A decision in the review file is damaged.")
        try:
            action = Action(str(data.get("action")))
        except ValueError as error:
            raise ReviewError("A decision in the review file is damaged.") from error
        text = data.get("text")
        theme = data.get("theme")
        survey = data.get("survey")
        if any(value is not None and not isinstance(value, str) for value in (text, theme, survey)):
            raise ReviewError("A decision in the review file is damaged.")
        return replace(_checked(action, text, theme), survey=survey)


def _checked(action: Action, text: str | None, theme: str | None) -> Decision:
    if action is Action.EDIT and (text is None or not text.strip()):
        raise ReviewError("An edited comment needs its new wording.")
    if action is not Action.EDIT:
        text = None
    theme = " ".join(theme.split()) if theme else None
    if theme and len(theme) > MAX_THEME:
        raise ReviewError(f"A theme can have at most {MAX_THEME} characters.")
    return Decision(action, text.strip() if text else None, theme or None)


def review_secret(opener: Opener) -> bytes:
    """The key for comment hashes, derived from the coordinator's private key."""
    return hashlib.sha256(b"coproduction-kiosk review key v1" + bytes(opener.private_key)).digest()


def comment_key(secret: bytes, survey_id: str, question_id: str, text: str) -> str:
    """The stable, keyed name of a comment (same words, same question → same key)."""
    message = "\x1f".join((survey_id, question_id, text)).encode("utf-8")
    return hmac.new(secret, message, hashlib.sha256).hexdigest()[:32]


@dataclass(frozen=True, slots=True)
class Written:
    """One free-text answer as written, scrubbed and keyed (inside the export only)."""

    key: str
    survey_id: str
    question_id: str
    quotable: bool
    language: str | None = None
    """The language to mark a quote with, where that can't single anyone out."""
    held_back: bool = False
    """True when its words must stay out of the shared files (see ``Comment.held_back``)."""


class CommentCollector:
    """Scrubs free-text answers and gathers them into distinct comments."""

    def __init__(self, secret: bytes, scrubber: Scrubber, surveys: dict[str, Survey]) -> None:
        self._secret = secret
        self._scrubber = scrubber
        self._surveys = surveys
        self._comments: dict[str, Comment] = {}

    def add(
        self,
        survey_id: str,
        question_id: str,
        text: str,
        quotable: bool,
        *,
        language: str | None = None,
        held_back: str | None = None,
    ) -> Written:
        """Scrub one answer and count it; returns its key. ``language`` marks its quote;
        ``held_back`` says why its words stay out of the shared files."""
        scrubbed = self._scrubber.scrub(text.strip())
        key = comment_key(self._secret, survey_id, question_id, scrubbed.text)
        known = self._comments.get(key)
        if known is None:
            question = self._surveys[survey_id].question(question_id)
            known = Comment(
                key, survey_id, question_id, question.text, scrubbed.text, scrubbed.spans, 0, 0
            )
        self._comments[key] = Comment(
            known.key,
            known.survey_id,
            known.question_id,
            known.question_text,
            known.text,
            known.spans,
            known.count + 1,
            known.quotable + (1 if quotable else 0),
            known.held_back or held_back,
        )
        return Written(key, survey_id, question_id, quotable, language, held_back is not None)

    def comments(self) -> list[Comment]:
        """Every distinct comment, by survey, question and text."""
        return sorted(self._comments.values(), key=lambda c: (c.survey_id, c.question_id, c.text))


@dataclass
class ReviewSession:
    """Decisions for a set of comments, saved to a review file."""

    path: Path | None
    comments: list[Comment]
    decisions: dict[str, Decision] = field(default_factory=dict)

    @staticmethod
    def read_decisions(path: Path | None) -> dict[str, Decision]:
        """Saved decisions (none when there is no file yet)."""
        if path is None or not path.exists():
            return {}
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError) as error:
            raise ReviewError(f"The review file {path} could not be read.") from error
        if not isinstance(data, dict) or data.get("kind") != REVIEW_KIND:
            raise ReviewError(f"{path} is not a review file.")
        saved = data.get("decisions")
        if not isinstance(saved, dict):
            raise ReviewError(f"The review file {path} is damaged.")
        return {str(key): Decision.from_json(value) for key, value in saved.items()}

    @classmethod
    def load(cls, path: Path | None, comments: Sequence[Comment]) -> ReviewSession:
        """Comments with any decisions already saved for them."""
        return cls(path, list(comments), cls.read_decisions(path))

    def pending(self) -> list[Comment]:
        """Comments not yet reviewed."""
        return [c for c in self.comments if c.key not in self.decisions]

    def decide(
        self, key: str, action: Action, *, text: str | None = None, theme: str | None = None
    ) -> Decision:
        """Record a decision (replacing any earlier one). Not saved until ``save``."""
        comment = next((c for c in self.comments if c.key == key), None)
        if comment is None:
            raise ReviewError("That comment is not in this review.")
        decision = replace(_checked(action, text, theme), survey=comment.survey_id)
        self.decisions[key] = decision
        return decision

    def undo(self, key: str) -> None:
        """Forget the decision for a comment, so it is pending again."""
        self.decisions.pop(key, None)

    def save(self) -> None:
        """Write every decision to the review file (atomic, durable).

        Decisions for comments not in this export are kept, so reviewing one
        survey never forgets another's.
        """
        if self.path is None:
            raise ReviewError("There is no review file to save to.")
        merged = self.read_decisions(self.path)
        merged.update(self.decisions)
        _write_decisions(self.path, merged)

    def summary(self) -> Counter[str]:
        """How many comments (people, not distinct texts) are kept, edited, dropped, pending."""
        counts: Counter[str] = Counter()
        for comment in self.comments:
            decision = self.decisions.get(comment.key)
            counts[decision.action.value if decision else "pending"] += comment.count
        return counts


def _write_decisions(path: Path, decisions: dict[str, Decision]) -> None:
    document = {
        "kind": REVIEW_KIND,
        "format": REVIEW_FORMAT,
        "decisions": {key: decisions[key].to_json() for key in sorted(decisions)},
    }
    make_folder(path.parent)
    data = json.dumps(document, ensure_ascii=False, indent=1).encode("utf-8")
    write_bytes_atomic(path, data, mode=0o600)


def forget_edits(path: Path | None, survey_ids: Iterable[str]) -> int:
    """Delete the edited wording of these surveys' comments from the review file.

    Called when answers are withdrawn or deleted. The kiosk can't open sealed answers
    to tell whose comment an edit was, so every edit of those surveys goes (and any
    edit saved before decisions named their survey); the comments come back to the
    review as new. Keep and drop decisions hold no wording and stay. A review file
    that can't be read is deleted, as it may hold edits. Returns how many edits went.
    """
    wanted = set(survey_ids)
    if path is None or not wanted or not path.exists():
        return 0
    try:
        decisions = ReviewSession.read_decisions(path)
    except ReviewError:
        path.unlink(missing_ok=True)
        stamp_day(path.parent)
        fsync_folder(path.parent)
        return 1
    doomed = [
        key
        for key, decision in decisions.items()
        if decision.action is Action.EDIT and (decision.survey is None or decision.survey in wanted)
    ]
    if doomed:
        _write_decisions(path, {k: d for k, d in decisions.items() if k not in doomed})
    return len(doomed)


def free_text_questions(survey: Survey) -> Iterable[str]:
    """Ids of the free-text questions an export may show (never identifying ones)."""
    return (q.id for q in survey.questions if q.kind in FREE_TEXT and not q.identifying)
