"""The anonymisation log: what the export masked in free text, never the text itself.

``kiosk export`` writes it beside the release folder, not inside it
(``<release>-anonymisation-log.json``), for whoever answers for the data (an
information-governance lead, a data protection officer). It says what kind of thing
was masked and how many times — by rule (the one PII engine, ``surveys.pii``) or by a
person (the review's keep, edit and drop decisions) — so they can judge the release
without reading anyone's words.

It holds counts and kinds only: no comment, no scrubbed text, no reviewer's wording,
no theme, no comment key. Counts are exact, because it is not for publishing; the
note inside says so.
"""

from __future__ import annotations

import datetime as dt
import json
from collections import Counter
from pathlib import Path

from exports.comment_review import Action, ReviewSession
from surveys.pii import Mask, placeholders
from surveys.storage.atomic import write_bytes_atomic

LOG_KIND = "coproduction-kiosk anonymisation log"
LOG_FORMAT = 1
NOTE = (
    "Counts only, for the people responsible for the data. Do not publish it: "
    "small counts are exact. Masking by rule uses the kiosk's PII engine; "
    "decisions by a person are the review's."
)
_DECISION_WORDS = {Action.KEEP: "kept", Action.EDIT: "edited", Action.DROP: "dropped"}


def log_path(release: Path) -> Path:
    """Where the log for a release folder goes: beside it, never inside it."""
    return release.parent / f"{release.name}-anonymisation-log.json"


def _kind(mask: Mask) -> str:
    return mask.value.strip("[]")


def anonymisation_log(review: ReviewSession, made_on: dt.date) -> dict[str, object]:
    """The log's contents: kinds and counts, counting each person's answer."""
    by_rule: Counter[str] = Counter()
    by_person: Counter[str] = Counter()
    in_wording: Counter[str] = Counter()
    by_survey: dict[str, Counter[str]] = {}
    answers = 0
    for comment in review.comments:
        answers += comment.count
        survey = by_survey.setdefault(comment.survey_id, Counter())
        for span in comment.spans:
            by_rule[_kind(span.mask)] += comment.count
            survey[_kind(span.mask)] += comment.count
        decision = review.decisions.get(comment.key)
        by_person[_DECISION_WORDS[decision.action] if decision else "not reviewed"] += comment.count
        if decision is not None and decision.text is not None:
            for _, _, mask in placeholders(decision.text):
                in_wording[_kind(mask)] += 1
    return {
        "kind": LOG_KIND,
        "format": LOG_FORMAT,
        "made_on": made_on.isoformat(),
        "note": NOTE,
        "answers_scrubbed": answers,
        "masked_by_rule": dict(sorted(by_rule.items())),
        "masked_by_rule_per_survey": {
            survey: dict(sorted(counts.items())) for survey, counts in sorted(by_survey.items())
        },
        "decided_by_a_person": {
            word: by_person.get(word, 0) for word in ("kept", "edited", "dropped", "not reviewed")
        },
        "masked_in_reviewers_wording": dict(sorted(in_wording.items())),
    }


def write_anonymisation_log(release: Path, review: ReviewSession, made_on: dt.date | None) -> Path:
    """Write the log beside ``release`` (atomic). Raises ``OSError`` when it can't."""
    path = log_path(release)
    document = anonymisation_log(review, made_on or dt.date.today())
    data = json.dumps(document, ensure_ascii=False, indent=1).encode("utf-8")
    write_bytes_atomic(path, data, mode=0o600)
    return path
