"""Typed codes, reading forms into answers, and the per-question views: plain units."""

from __future__ import annotations

import datetime as dt
import string

import pytest

from kiosk.web.codes import CODE_LENGTH, SecretTokens, display_code, normalise_code
from kiosk.web.forms import raw_answer
from kiosk.web.state import Ballots, Claim, Handoff, Handoffs, RateLimiter, Visit, Visits
from kiosk.web.views import question_view
from surveys import receipts
from surveys.errors import AnswerCode, AnswerError
from surveys.kinds import check_answer
from surveys.model import PREFER_NOT_TO_SAY, Survey
from surveys.receipts import ALPHABET
from surveys.session import SurveySession
from tests.support.web import every_kind_survey

T0 = dt.datetime(2025, 3, 14, 10, 0, tzinfo=dt.UTC)


def test_codes_use_the_no_look_alike_alphabet() -> None:
    tokens = SecretTokens()
    for _ in range(500):
        code = tokens.code()
        assert len(code) == CODE_LENGTH
        assert set(code) <= set(ALPHABET)
        assert not set(code) & set("ILOU")


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("7K3QDM", "7K3QDM"),
        ("7k3qdm", "7K3QDM"),
        ("7k3 qdm", "7K3QDM"),
        ("7K3-QDM", "7K3QDM"),
        ("o1LiOl", "011101"),
        ("７Ｋ３ＱＤＭ", "7K3QDM"),
        ("7K3QD", None),
        ("7K3QDMM", None),
        ("7K3QDU", None),
        ("", None),
        ("<script>", None),
        ("7K3QDM" * 20, None),
    ],
)
def test_typed_codes_are_read_kindly(typed: str, expected: str | None) -> None:
    assert normalise_code(typed) == expected


# Every character a person might type in one place of a code: letters and numbers in
# both cases, their full-width forms (some phone keyboards), and a few look-alikes
# from other scripts that NFKC does not fold (Greek omicron, Cyrillic o, dotless i).
TYPED_CHARACTERS = [
    *string.ascii_letters,
    *string.digits,
    *(chr(ord(ch) - ord("!") + 0xFF01) for ch in string.ascii_letters + string.digits),
    "\u039f",
    "\u043e",
    "\u0131",
    "\u2160",  # Roman numeral one, which NFKC folds to I
]


@pytest.mark.parametrize("typed", TYPED_CHARACTERS, ids=lambda ch: f"U+{ord(ch):04X}")
def test_a_receipt_code_and_a_join_code_read_each_character_the_same(typed: str) -> None:
    """One reading of look-alikes: a person who learns that O means 0 on one code is
    never told otherwise by the other."""
    receipt = receipts.normalise(typed + "7K3QD-M9XT")
    join = normalise_code(typed + "7K3QD")
    assert (receipt is None) == (join is None)
    if receipt is not None and join is not None:
        assert receipt[0] == join[0]
        assert receipt[0] in ALPHABET
        if typed.upper() in "OIL":
            assert join[0] == {"O": "0", "I": "1", "L": "1"}[typed.upper()]


def test_display_code_groups_in_threes() -> None:
    assert display_code("7K3QDM") == "7K3 QDM"


@pytest.fixture
def survey() -> Survey:
    return every_kind_survey()


def fields(*pairs: tuple[str, str]) -> dict[str, list[str]]:
    out: dict[str, list[str]] = {}
    for name, value in pairs:
        out.setdefault(name, []).append(value)
    return out


@pytest.mark.parametrize(
    ("question_id", "sent", "stored"),
    [
        ("drink", fields(("answer", "Tea")), "Tea"),
        (
            "tried",
            fields(("answer", "Read aloud"), ("answer", "Bigger text")),
            ("Bigger text", "Read aloud"),
        ),
        ("easy", fields(("answer", "5")), 5),
        ("feeling", fields(("answer", "0")), 0),
        ("feeling", fields(("answer", "prefer-not-to-say")), PREFER_NOT_TO_SAY),
        ("heard", fields(("answer", "no")), False),
        (
            "order",
            fields(("rank-0", "2"), ("rank-1", "3"), ("rank-2", "1")),
            ("Stop", "Back", "Skip"),
        ),
        ("word", fields(("answer", "Calm")), "Calm"),
        ("why", fields(("answer", "a\r\nb\rc")), "a\nb\nc"),
    ],
)
def test_a_form_becomes_the_answer_the_core_stores(
    survey: Survey, question_id: str, sent: dict[str, list[str]], stored: object
) -> None:
    question = survey.question(question_id)
    assert check_answer(question, raw_answer(question, sent)) == stored


@pytest.mark.parametrize(
    ("question_id", "sent", "code"),
    [
        ("drink", fields(), AnswerCode.NOTHING_CHOSEN),
        ("easy", fields(("answer", "1.5")), AnswerCode.OUT_OF_RANGE),
        ("easy", fields(("answer", "prefer-not-to-say")), AnswerCode.OUT_OF_RANGE),
        ("heard", fields(("answer", "prefer-not-to-say")), AnswerCode.NOT_A_CHOICE),
        ("order", fields(("rank-0", "1")), AnswerCode.NOT_ALL_RANKED),
        (
            "order",
            fields(("rank-0", "1"), ("rank-1", "2"), ("rank-2", "2")),
            AnswerCode.NOT_ALL_RANKED,
        ),
        ("word", fields(), AnswerCode.EMPTY),
        ("easy", fields(), AnswerCode.NOTHING_CHOSEN),
        ("order", fields(), AnswerCode.NOT_ALL_RANKED),
        ("welcome", fields(), AnswerCode.NO_ANSWER_NEEDED),
    ],
)
def test_a_form_that_cannot_be_an_answer_says_why(
    survey: Survey, question_id: str, sent: dict[str, list[str]], code: AnswerCode
) -> None:
    question = survey.question(question_id)
    with pytest.raises(AnswerError) as caught:
        check_answer(question, raw_answer(question, sent))
    assert caught.value.code is code


def test_views_pre_fill_the_answer_already_given(survey: Survey) -> None:
    view = question_view(survey.question("tried"), answer=("Read aloud",))
    assert view.control == "checkbox"
    assert [c.value for c in view.choices if c.checked] == ["Read aloud"]
    rating = question_view(survey.question("feeling"), answer=PREFER_NOT_TO_SAY)
    assert [c.label for c in rating.choices if c.checked] == [PREFER_NOT_TO_SAY]
    assert rating.choices[0].label == "0 – Not good at all"
    assert rating.choices[10].label == "10 – Really good"
    ranking = question_view(survey.question("order"), answer=("Skip", "Stop", "Back"))
    assert [row.chosen for row in ranking.ranks] == [3, 1, 2]
    scale = question_view(survey.question("easy"))
    assert [c.face for c in scale.choices] == ["😞", "🙁", "😐", "🙂", "😀"]
    assert not any(c.checked for c in scale.choices)
    text = question_view(survey.question("word"), answer="Calm")
    assert (text.control, text.text_value, text.max_length) == ("text", "Calm", 50)


def test_views_explain_glossary_words(survey: Survey) -> None:
    from accessibility.glossary import glossary_for

    view = question_view(survey.question("heard"), glossary=glossary_for(survey))
    assert [t.term for t in view.terms] == ["co-production"]


def test_a_handoff_is_claimed_once_then_only_by_the_same_phone() -> None:
    handoffs = Handoffs(limit=10)
    handoffs.add(Handoff("AAAAAA", "http://x/h/AAAAAA", T0 + dt.timedelta(minutes=15)))
    assert handoffs.claim("AAAAAA", None, T0) is Claim.NEW
    handoffs.bind("AAAAAA", "visit-1")
    assert handoffs.claim("AAAAAA", "visit-1", T0) is Claim.SAME_PHONE
    assert handoffs.claim("AAAAAA", "visit-2", T0) is Claim.GONE
    assert handoffs.claim("AAAAAA", None, T0) is Claim.GONE
    assert handoffs.claim("BBBBBB", None, T0) is Claim.GONE
    handoffs.sweep(T0 + dt.timedelta(minutes=15))
    assert "AAAAAA" not in handoffs


def test_handoffs_keep_at_most_their_limit() -> None:
    handoffs = Handoffs(limit=2)
    for code in ("AAAAAA", "BBBBBB", "CCCCCC"):
        handoffs.add(Handoff(code, "", T0 + dt.timedelta(minutes=15)))
    assert "AAAAAA" not in handoffs
    assert "CCCCCC" in handoffs


def test_visits_are_forgotten_and_stopped_when_idle(survey: Survey) -> None:
    visits = Visits(dt.timedelta(minutes=30), limit=5)
    flow = SurveySession(survey)
    flow.agree()
    visits.add(Visit("v1", flow, "csrf", T0))
    assert visits.get("v1", T0 + dt.timedelta(minutes=29)) is not None
    assert visits.get("v1", T0 + dt.timedelta(minutes=58)) is not None  # touched at 29
    assert visits.get("v1", T0 + dt.timedelta(minutes=89)) is None
    assert flow.stage.value == "stopped"


def test_ballots_hold_only_poll_and_marker_pairs() -> None:
    ballots = Ballots()
    assert ballots.take("day", "m1")
    assert not ballots.take("day", "m1")
    assert ballots.take("useful", "m1")
    ballots.give_back("useful", "m1")
    assert ballots.pairs() == frozenset({("day", "m1")})


def test_the_rate_limiter_is_a_token_bucket_per_address() -> None:
    limiter = RateLimiter(rate=2.0, burst=3)
    assert [limiter.allow("a", 0.0) for _ in range(4)] == [0.0, 0.0, 0.0, 0.5]
    assert limiter.allow("b", 0.0) == 0.0  # another address has its own bucket
    assert limiter.allow("a", 0.5) == 0.0  # one token back after half a second
    limiter.sweep(100.0)
    assert limiter.allow("a", 100.0) == 0.0
