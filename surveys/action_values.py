"""The action log's values as text: dates, the checks on personal details, and plain YAML.

Shared by the reader (``surveys.action_reader``) and the editor: a date is written
year-month-day; an owner is a role, so a name the one PII scrubber finds is advice;
and the YAML written has every value in full, in the order a person would write it.
"""

from __future__ import annotations

import datetime as dt

import yaml

from surveys.action_model import Action, ActionSource
from surveys.pii import Mask, scrub

CARD_WORDS = 40
"""A kiosk card (what people said and what was done) holds fewer words than this."""
_PRIVATE_MASKS = set(Mask) - {Mask.PLACE}
"""What the scrubber finds that names or reaches a person (a place alone is advice-free)."""


def parse_date(text: str) -> dt.date | None:
    """A date written as year-month-day ("2026-06-30"), or None."""
    try:
        return dt.date.fromisoformat(text.strip()) if len(text.strip()) == 10 else None
    except ValueError:
        return None


def owner_looks_like_a_name(owner: str) -> bool:
    """Whether the one PII scrubber takes the owner for a person's name."""
    return any(span.mask is Mask.NAME for span in scrub(owner).spans)


def personal_details(text: str) -> list[str]:
    """What the one scrubber would mask in ``text`` ("name", "phone"), places aside."""
    found = {span.mask for span in scrub(text).spans if span.mask in _PRIVATE_MASKS}
    return sorted(mask.value.strip("[]") for mask in found)


class _PlainDumper(yaml.SafeDumper):
    """Writes every value out in full: no '&anchor' / '*alias', which the checker refuses
    (PyYAML would otherwise alias one date object used by two actions)."""

    def ignore_aliases(self, data: object) -> bool:
        return True


def dump_yaml(data: object) -> str:
    """YAML as a person would write it: block style, fields in order, no aliases."""
    return yaml.dump(
        data,
        Dumper=_PlainDumper,
        sort_keys=False,
        allow_unicode=True,
        default_flow_style=False,
        width=100,
    )


def action_fields(action: Action) -> dict[str, object]:
    """One action as the fields written to the file (defaults left out)."""
    fields: dict[str, object] = {
        "id": action.id,
        "you_said": action.you_said,
        "we_did": action.we_did,
        "owner": action.owner,
        "due": action.due,
        "status": action.status.value,
    }
    optional: dict[str, object] = {
        "reason": action.reason,
        "closed_on": action.closed_on,
        "fed_back_on": action.fed_back_on,
        "share": action.share or None,
        "source": action.source.value if action.source is not ActionSource.BY_HAND else None,
        "source_ref": action.source_ref,
        "created_on": action.created_on,
    }
    fields.update({name: value for name, value in optional.items() if value})
    return fields
