"""The stakeholder groups co-production brings together, in plain words.

Used for the room's make-up in live polls, for "which group are you in?" when a
voter chooses to say, and by the "about you" template and the exports.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Group:
    """One stakeholder group: a stable id, the words a voter sees, and a plural for warnings."""

    id: str
    label: str
    plural: str


GROUPS: tuple[Group, ...] = (
    Group("lived", "Someone with lived experience", "people with lived experience"),
    Group("carer", "A family member, carer or supporter", "carers or family members"),
    Group("clinician", "A clinician or health professional", "clinicians or health professionals"),
    Group("peer", "A peer support worker", "peer support workers"),
    Group(
        "third_sector",
        "Someone from a charity or voluntary group (third sector)",
        "people from charities or voluntary groups",
    ),
    Group("government", "Someone from government or a commissioner", "government or commissioners"),
    Group("other", "Other", "people from other groups"),
)
"""The groups a facilitator counts in the room and a voter may choose from."""

NOT_SAID = "not_said"
"""A voter who chose not to say their group."""

KEY_GROUPS = ("lived", "carer", "clinician")
"""Groups whose absence the console points out: the charters ask for their voices."""

BY_ID = {group.id: group for group in GROUPS}


def label(group_id: str) -> str:
    """The words for a group id ("Prefer not to say" for a voter who didn't say)."""
    if group_id == NOT_SAID:
        return "Prefer not to say"
    return BY_ID[group_id].label if group_id in BY_ID else group_id
