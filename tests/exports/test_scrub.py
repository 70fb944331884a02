"""Free-text scrubbing: realistic, made-up UK comments, what must go and what must stay.

All names, numbers and addresses here are invented; phone numbers are from Ofcom's
drama ranges, the valid NHS number is the one NHS Digital uses in examples.
"""

from __future__ import annotations

import pytest

from surveys.pii import Mask, Scrubber, nhs_number_valid
from surveys.pii_words import LocalNames, ambiguous_names, first_names

LOCAL = LocalNames.parse(
    """
    # staff, wards and places the coordinator listed
    Patel
    name: Jo Bloggs
    Ward 7
    place: Riverside
    Norwich Recovery College
    Oak House
    """
)

# (comment, parts that must be masked, parts that must stay, expected masks)
CASES: list[tuple[str, tuple[str, ...], tuple[str, ...], tuple[Mask, ...]]] = [
    (
        "I saw Dr Patel on Ward 7 and she was lovely",
        ("Patel", "Ward 7"),
        ("lovely",),
        (Mask.NAME, Mask.PLACE),
    ),
    ("ring me on 07700 900123 if you want to talk", ("07700 900123",), ("ring me",), (Mask.PHONE,)),
    ("my landline is 01632 960001", ("01632 960001",), ("landline",), (Mask.PHONE,)),
    ("call +44 7700 900456 any time", ("7700 900456",), ("any time",), (Mask.PHONE,)),
    ("email jo@example.org for the notes", ("jo@example.org",), ("for the notes",), (Mask.EMAIL,)),
    ("I live near NR4 7TJ so the bus is easy", ("NR4 7TJ",), ("bus is easy",), (Mask.POSTCODE,)),
    ("postcode sw1a 2aa in lower case", ("sw1a 2aa",), ("lower case",), (Mask.POSTCODE,)),
    ("my nhs number is 943 476 5919", ("943 476 5919",), ("my nhs number",), (Mask.NHS_NUMBER,)),
    ("9434765919 is on my letter", ("9434765919",), ("on my letter",), (Mask.NHS_NUMBER,)),
    ("my NI number is QQ 12 34 56 C", ("QQ 12 34 56 C",), ("my NI number",), (Mask.NI_NUMBER,)),
    ("ni ab123456d written small", ("ab123456d",), ("written small",), (Mask.NI_NUMBER,)),
    (
        "see https://example.org/recovery?id=5 for more",
        ("https://example.org",),
        ("for more",),
        (Mask.LINK,),
    ),
    ("the website www.example.co.uk helped", ("www.example.co.uk",), ("helped",), (Mask.LINK,)),
    ("May was a hard month for me", (), ("May was a hard month",), ()),
    ("I will come back in May", (), ("I will come back in May",), ()),
    ("Grace and hope got me through", (), ("Grace and hope",), ()),
    ("May Thompson ran the group well", ("May Thompson",), ("ran the group",), (Mask.NAME,)),
    (
        "Sarah Jones on reception was kind",
        ("Sarah", "Jones"),
        ("reception was kind",),
        (Mask.NAME,),
    ),
    ("thanks to sarah for the tea", ("sarah",), ("thanks to", "for the tea"), (Mask.NAME,)),
    ("Nurse Jo made me feel safe", ("Jo",), ("made me feel safe",), (Mask.NAME,)),
    (
        "Mohammed and Priya were great facilitators",
        ("Mohammed", "Priya"),
        ("great facilitators",),
        (Mask.NAME, Mask.NAME),
    ),
    (
        "Went to Riverside with jo bloggs",
        ("Riverside", "jo bloggs"),
        ("Went to",),
        (Mask.PLACE, Mask.NAME),
    ),
    ("Norwich Recovery College is brilliant", ("Norwich",), ("is brilliant",), (Mask.PLACE,)),
    (
        "the staff at oak house listened",
        ("oak house",),
        ("the staff at", "listened"),
        (Mask.PLACE,),
    ),
    ("follow @calm_minds_22 for updates", ("@calm_minds_22",), ("for updates",), (Mask.NAME,)),
    ("my hospital number is 4857 2213", ("4857 2213",), ("hospital number",), (Mask.NUMBER,)),
    ("invalid nhs 943 476 5910 still hidden", ("943 476 5910",), ("still hidden",), (Mask.PHONE,)),
    ("I am 34 and came 3 times in 2023", (), ("I am 34 and came 3 times in 2023",), ()),
    ("The course ran from 10am to 12.30pm", (), ("10am to 12.30pm",), ()),
    ("It cost £12.50 for the trip", (), ("£12.50",), ()),
    ("I live in NR4 and it's quiet", (), ("NR4",), ()),
    ("Mark my words, this helped", (), ("Mark my words",), ()),
    ("Recovery is possible. Thank you all.", (), ("Recovery is possible. Thank you all.",), ()),
    ("<b>bold</b> text & stuff", (), ("<b>bold</b> text & stuff",), ()),
    ("e.g. more breaks, i.e. longer lunch", (), ("e.g. more breaks, i.e. longer lunch",), ()),
]


@pytest.mark.parametrize(
    ("comment", "masked", "kept", "masks"), CASES, ids=[c[0][:30] for c in CASES]
)
def test_scrub_masks_and_keeps(
    comment: str, masked: tuple[str, ...], kept: tuple[str, ...], masks: tuple[Mask, ...]
) -> None:
    result = Scrubber(LOCAL).scrub(comment)
    for part in masked:
        assert part not in result.text, result.text
    for part in kept:
        assert part in result.text, result.text
    assert tuple(span.mask for span in result.spans) == masks
    for span in result.spans:
        assert result.text[span.start : span.end] == span.mask.value


def test_there_are_at_least_thirty_cases() -> None:
    assert len(CASES) >= 30


def test_spans_remember_what_was_hidden_for_the_reviewer() -> None:
    result = Scrubber(LOCAL).scrub("ring 07700 900123 or email jo@example.org")
    assert result.text == "ring [phone] or email [email]"
    assert [s.original for s in result.spans] == ["07700 900123", "jo@example.org"]
    assert result.changed


@pytest.mark.parametrize(
    ("digits", "valid"),
    [
        ("9434765919", True),
        ("9434765910", False),
        ("4010232137", True),
        ("1234567890", False),
        ("0000000000", True),
        ("943476591", False),
        ("94347659199", False),
        ("94347659a9", False),
    ],
)
def test_nhs_number_checksum(digits: str, valid: bool) -> None:
    assert nhs_number_valid(digits) is valid


def test_local_list_marks_places_and_names() -> None:
    assert "Ward 7" in LOCAL.places
    assert "Riverside" in LOCAL.places
    assert "Oak House" in LOCAL.places
    assert "Norwich Recovery College" in LOCAL.places
    assert "Patel" in LOCAL.names
    assert "Jo Bloggs" in LOCAL.names


def test_shipped_name_lists_do_not_overlap() -> None:
    names = first_names()
    assert len(names) >= 200
    assert not names & ambiguous_names()
    assert {"May", "Will", "Hope", "Grace", "Mark"} <= ambiguous_names()


def test_scrubbing_is_offline_and_handles_huge_text() -> None:
    text = ("lovely course " * 8000) + "ring 07700 900123"
    result = Scrubber().scrub(text)
    assert result.text.endswith("ring [phone]")
