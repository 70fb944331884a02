"""One person's walk through a survey: show_if, skip, back, review, change, send, stop."""

from __future__ import annotations

import hashlib

import pytest

from surveys.consent import consent_text
from surveys.errors import AnswerCode, AnswerError
from surveys.model import PREFER_NOT_TO_SAY, AnswerValue, Condition, Kind, Question, ShowIf
from surveys.session import SurveySession, shows
from tests.support.survey_yaml import CONSENT_YAML, build_survey

# -- show_if on its own --------------------------------------------------------------------

SHOW_IF_TABLE = [
    # (rule, earlier answers, shown?)
    (ShowIf("mood", Condition.EQUALS, ("Bad",)), {"mood": "Bad"}, True),
    (ShowIf("mood", Condition.EQUALS, ("Bad",)), {"mood": "Good"}, False),
    (ShowIf("mood", Condition.EQUALS, ("Bad",)), {}, False),
    (ShowIf("ok", Condition.EQUALS, (False,)), {"ok": False}, True),
    (ShowIf("ok", Condition.EQUALS, (False,)), {"ok": True}, False),
    (ShowIf("score", Condition.EQUALS, (0,)), {"score": 0}, True),
    (ShowIf("score", Condition.EQUALS, (0,)), {"score": 1}, False),
    (ShowIf("mood", Condition.IN, ("Bad", "OK")), {"mood": "OK"}, True),
    (ShowIf("mood", Condition.IN, ("Bad", "OK")), {"mood": "Good"}, False),
    (ShowIf("mood", Condition.IN, ("Bad", "OK")), {}, False),
    (ShowIf("mood", Condition.ANSWERED, (), True), {"mood": "Good"}, True),
    (ShowIf("mood", Condition.ANSWERED, (), True), {}, False),
    (ShowIf("mood", Condition.ANSWERED, (), False), {}, True),
    (ShowIf("mood", Condition.ANSWERED, (), False), {"mood": "Good"}, False),
    (ShowIf("mood", Condition.ANSWERED, (), True), {"mood": PREFER_NOT_TO_SAY}, True),
    # For a multiple-choice target, "equals" means "includes".
    (ShowIf("groups", Condition.EQUALS, ("Carer",)), {"groups": ("Carer", "Peer")}, True),
    (ShowIf("groups", Condition.EQUALS, ("Carer",)), {"groups": ("Peer",)}, False),
    (ShowIf("groups", Condition.IN, ("Carer", "Nurse")), {"groups": ("Peer", "Nurse")}, True),
    (ShowIf("groups", Condition.IN, ("Carer", "Nurse")), {"groups": ("Peer",)}, False),
]


@pytest.mark.parametrize(("rule", "answers", "shown"), SHOW_IF_TABLE)
def test_shows(rule: ShowIf, answers: dict[str, AnswerValue], shown: bool) -> None:
    question = Question(id="later", kind=Kind.TEXT, text="?", show_if=rule)

    assert shows(question, answers) is shown


# -- surveys used below --------------------------------------------------------------------

BRANCHING = """
- id: mood
  kind: single
  text: How was today?
  options: [Good, OK, Bad]
- id: why_bad
  kind: text
  text: What made it bad?
  show_if: {question: mood, equals: Bad}
- id: groups
  kind: multi
  text: Which groups are you part of?
  options: [Carer, Clinician, Peer]
- id: caring
  kind: yesno
  text: Is caring hard this month?
  show_if: {question: groups, equals: Carer}
- id: work
  kind: text
  text: What is work like?
  show_if: {question: groups, in: [Clinician, Peer]}
- id: thanks
  kind: info
  text: Thank you. Two more.
  show_if: {question: mood, answered: true}
- id: no_mood
  kind: text
  text: You skipped the first question. Anything to add?
  show_if: {question: mood, answered: false}
- id: score
  kind: rating
  text: How likely are you to come again?
"""


def start(questions_yaml: str = BRANCHING, **top: str | None) -> SurveySession:
    session = SurveySession(build_survey(questions_yaml, **top))
    session.agree()
    return session


def walk(session: SurveySession, *steps: object) -> list[str]:
    """Answer (or 'skip', or 'next' on an information page) in turn; the ids seen."""
    seen = []
    for step in steps:
        seen.append(session.current.id)
        if step == "skip":
            session.skip()
        elif step == "next":
            session.next()
        else:
            session.answer(step)
    return seen


# -- show_if in the flow -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("steps", "expected_path"),
    [
        (["Good", ["Peer"], "x", "next", 7], ["mood", "groups", "work", "thanks", "score"]),
        (
            ["Bad", "Long day", ["Carer"], True, "next", 3],
            ["mood", "why_bad", "groups", "caring", "thanks", "score"],
        ),
        (
            ["OK", ["Carer", "Clinician"], False, "busy", "next", 9],
            ["mood", "groups", "caring", "work", "thanks", "score"],
        ),
        (["skip", "skip", "nothing", 5], ["mood", "groups", "no_mood", "score"]),
    ],
    ids=["equals-false-in-true", "equals-true", "multi-includes-both", "answered-false"],
)
def test_show_if_decides_the_path(steps: list[object], expected_path: list[str]) -> None:
    session = start()

    assert walk(session, *steps) == expected_path
    assert session.stage == "review"


def test_skip_moves_on_and_keeps_nothing() -> None:
    session = start()
    session.answer("Good")
    session.back()

    session.skip()

    assert session.current.id == "groups"
    assert session.answer_for("mood") is None


def test_required_question_cannot_be_skipped() -> None:
    session = start("""
        - {id: name_ok, kind: yesno, text: Is this OK, required: true}
        - {id: more, kind: text, text: More}
    """)

    with pytest.raises(AnswerError) as caught:
        session.skip()

    assert caught.value.code is AnswerCode.REQUIRED
    assert session.current.id == "name_ok"


def test_bad_answer_keeps_the_person_on_the_question() -> None:
    session = start()

    with pytest.raises(AnswerError) as caught:
        session.answer("Great")

    assert caught.value.code is AnswerCode.NOT_A_CHOICE
    assert session.current.id == "mood"
    assert session.answers == {}


def test_next_on_a_question_that_asks_is_refused() -> None:
    session = start()

    with pytest.raises(AnswerError):
        session.next()

    assert session.current.id == "mood"


def test_answer_on_an_information_page_just_moves_on() -> None:
    session = start()
    walk(session, "Good", ["Peer"], "x")

    assert session.current.id == "thanks"
    assert session.answer("ignored") == ""
    assert session.current.id == "score"
    assert "thanks" not in session.answers


# -- back ----------------------------------------------------------------------------------


def test_back_returns_to_the_previous_shown_question() -> None:
    session = start()
    walk(session, "Good", ["Peer"])
    assert session.current.id == "work"

    session.back()
    assert session.current.id == "groups"
    assert session.answer_for("groups") == ("Peer",)  # to pre-fill the screen
    session.back()
    assert session.current.id == "mood"
    assert not session.can_go_back
    session.back()
    assert session.current.id == "mood"


def test_back_from_review_goes_to_the_last_question_then_further() -> None:
    session = start()
    walk(session, "Good", ["Peer"], "x", "next", 7)
    assert session.stage == "review"
    assert session.can_go_back

    session.back()
    assert session.current.id == "score"
    session.back()
    assert session.current.id == "thanks"
    session.back()
    assert session.current.id == "work"


def test_answering_after_back_walks_on_from_there() -> None:
    session = start()
    walk(session, "Good", ["Peer"], "x", "next", 7)
    for _ in range(4):
        session.back()
    assert session.current.id == "groups"

    assert walk(session, ["Carer"], True, "next", 8) == ["groups", "caring", "thanks", "score"]
    assert session.answers == {"mood": "Good", "groups": ("Carer",), "caring": True, "score": 8}


def test_going_back_and_hiding_a_question_hides_what_depends_on_it() -> None:
    session = start("""
        - {id: a, kind: single, text: A, options: [x, y]}
        - {id: b, kind: yesno, text: B, show_if: {question: a, equals: x}}
        - {id: c, kind: text, text: C, show_if: {question: b, answered: true}}
        - {id: d, kind: text, text: D}
    """)
    walk(session, "x", True, "see", "done")
    for _ in range(4):
        session.back()
    assert session.current.id == "a"

    session.answer("y")

    # 'b' is hidden now, so its kept answer can't show 'c' either.
    assert session.current.id == "d"
    assert session.progress() == (2, 2)
    assert [q.id for q in session.visible_questions()] == ["a", "d"]


# -- review and change ---------------------------------------------------------------------


def test_review_lists_shown_questions_with_skipped_as_none() -> None:
    session = start()
    walk(session, "Good", "skip", "next", 7)

    review = [(item.question.id, item.answer, item.skipped) for item in session.review()]

    assert review == [
        ("mood", "Good", False),
        ("groups", None, True),
        ("score", 7, False),
    ]


def test_change_from_review_returns_to_review() -> None:
    session = start()
    walk(session, "Good", ["Peer"], "x", "next", 7)

    session.change("score")
    assert session.current.id == "score"
    assert session.answer_for("score") == 7
    session.answer(9)

    assert session.stage == "review"
    assert session.answers["score"] == 9


def test_back_while_changing_returns_to_review_unchanged() -> None:
    session = start()
    walk(session, "Good", ["Peer"], "x", "next", 7)
    session.change("mood")

    assert session.can_go_back
    session.back()

    assert session.stage == "review"
    assert session.answers["mood"] == "Good"


def test_skip_while_changing_clears_the_answer_and_returns_to_review() -> None:
    session = start()
    walk(session, "Good", ["Peer"], "x", "next", 7)

    session.change("score")
    session.skip()

    assert session.stage == "review"
    assert "score" not in session.answers


def test_change_that_reveals_a_question_asks_it_before_review() -> None:
    session = start()
    walk(session, "Good", ["Peer"], "x", "next", 7)

    session.change("mood")
    session.answer("Bad")

    assert session.current.id == "why_bad"
    session.answer("Rain")
    assert session.stage == "review"
    assert session.answers["why_bad"] == "Rain"


def test_change_that_reveals_two_questions_asks_both() -> None:
    session = start()
    walk(session, "Good", ["Peer"], "x", "next", 7)

    session.change("groups")
    session.answer(["Carer", "Peer"])

    assert session.current.id == "caring"
    session.answer(True)
    assert session.stage == "review"
    assert session.answers["groups"] == ("Carer", "Peer")
    assert session.answers["work"] == "x"


def test_change_that_hides_a_question_drops_its_answer() -> None:
    session = start()
    walk(session, "Bad", "Long day", ["Carer"], True, "next", 3)

    session.change("mood")
    session.answer("Good")
    completed = session.complete()

    assert session.stage == "review"
    assert "why_bad" not in completed.answers
    assert completed.answers == {"mood": "Good", "groups": ("Carer",), "caring": True, "score": 3}


def test_change_needs_a_shown_question() -> None:
    session = start()
    walk(session, "Good", ["Peer"], "x", "next", 7)

    with pytest.raises(KeyError):
        session.change("why_bad")
    with pytest.raises(KeyError):
        session.change("no_such_question")


def test_revealed_required_question_must_be_answered_before_send() -> None:
    session = start("""
        - {id: a, kind: single, text: A, options: [x, y]}
        - {id: b, kind: yesno, text: B, required: true, show_if: {question: a, equals: x}}
    """)
    walk(session, "y")
    session.change("a")
    session.answer("x")
    assert session.current.id == "b"
    session.back()  # back to the review without answering

    assert [q.id for q in session.missing_required] == ["b"]
    with pytest.raises(AnswerError) as caught:
        session.complete()
    assert caught.value.code is AnswerCode.REQUIRED


# -- consent, send, stop -------------------------------------------------------------------

TICKS = (
    CONSENT_YAML
    + """\
  ticks:
    - {id: quote, text: You can quote my words}
    - {id: contact_me, text: You can tell me what changed}
"""
)


def test_complete_holds_the_consent_hash_and_ticks() -> None:
    survey = build_survey("- {id: ok, kind: yesno, text: OK}", consent=TICKS)
    session = SurveySession(survey)
    session.agree({"quote", "not_offered"})
    session.answer(True)

    completed = session.complete()

    expected = hashlib.sha256(consent_text(survey.consent).encode("utf-8")).hexdigest()
    assert completed.consent.version == "standard-v1"
    assert completed.consent.sha256 == expected
    assert completed.consent.ticks == {"quote": True, "contact_me": False}
    assert completed.survey_id == survey.id
    assert completed.survey_version == survey.version
    assert completed.to_json() == {
        "survey": survey.id,
        "version": "1",
        "answers": {"ok": True},
        "consent": {
            "version": "standard-v1",
            "sha256": expected,
            "ticks": {"quote": True, "contact_me": False},
        },
        # Every aid is written, 0 or 1, so the sealed length never tells.
        "aids": {"read_aloud": 0, "large_text": 0},
        # Always written, so the sealed record's shape never tells.
        "language": "en",
    }
    used = completed.with_aids({"large_text", "not-an-aid"}).to_json()["aids"]
    assert used == {"read_aloud": 0, "large_text": 1}
    assert len(str(used)) == len(str(completed.to_json()["aids"]))


def test_consent_text_is_filled_with_the_survey_details() -> None:
    survey = build_survey("- {id: ok, kind: yesno, text: OK}")
    text = consent_text(survey.consent)

    assert "the Recovery College" in text
    assert "{" not in text


def test_to_json_turns_tuples_into_lists() -> None:
    session = start()
    walk(session, "Good", ["Carer", "Peer"], True, "x", "next", 7)

    data = session.complete().to_json()

    assert data["answers"]["groups"] == ["Carer", "Peer"]  # type: ignore[index]


def test_mark_sent_forgets_everything() -> None:
    session = start()
    walk(session, "Good", ["Peer"], "x", "next", 7)
    completed = session.complete()

    session.mark_sent()

    assert session.stage == "sent"
    assert session.answers == {}
    assert session.consent is None
    assert completed.answers["mood"] == "Good"  # what was handed over is not emptied


@pytest.mark.parametrize("when", ["first question", "middle", "review", "changing"])
def test_stop_forgets_everything(when: str) -> None:
    session = start()
    if when != "first question":
        walk(session, "Bad", "Sad", ["Carer"])
    if when in ("review", "changing"):
        walk(session, True, "next", 1)
    if when == "changing":
        session.change("mood")

    session.stop()

    assert session.stage == "stopped"
    assert session.answers == {}
    assert session.answer_for("mood") is None
    assert session.consent is None
    assert all(item.skipped for item in session.review())
    with pytest.raises(RuntimeError):
        session.complete()


def test_decline_keeps_nothing() -> None:
    session = SurveySession(build_survey(BRANCHING))

    session.decline()

    assert session.stage == "declined"
    assert session.consent is None
    assert session.answers == {}
    with pytest.raises(RuntimeError):
        session.current  # noqa: B018
    with pytest.raises(RuntimeError):
        session.agree()


def test_nothing_can_be_answered_before_consent() -> None:
    session = SurveySession(build_survey(BRANCHING))

    with pytest.raises(RuntimeError):
        session.answer("Good")
    assert session.answers == {}


# -- progress ------------------------------------------------------------------------------


def test_progress_counts_only_questions_that_ask_and_are_shown() -> None:
    session = start()
    assert session.progress() == (1, 4)  # mood, groups, no_mood, score while mood is empty

    session.answer("Bad")
    assert session.current.id == "why_bad"
    assert session.progress() == (2, 4)  # mood, why_bad, groups, score; no_mood is hidden

    walk(session, "Rain", ["Peer"])
    assert session.current.id == "work"
    assert session.progress() == (4, 5)

    session.answer("x")
    assert session.current.id == "thanks"
    assert session.progress() == (4, 5)  # an information page counts what came before it

    walk(session, "next", 1)
    assert session.stage == "review"
    assert session.progress() == (5, 5)


def test_survey_of_one_information_page() -> None:
    session = start("- {id: hello, kind: info, text: Welcome}")

    assert session.current.id == "hello"
    assert session.progress() == (0, 0)
    session.next()
    assert session.stage == "review"
    assert session.review() == []
    assert session.complete().answers == {}


# -- the language a response was given in ------------------------------------------


def test_a_visit_in_welsh_records_welsh_and_the_welsh_consent_words() -> None:
    from surveys.loader import load_survey_text
    from surveys.survey_translations import in_language
    from tests.surveys.test_survey_translations import SURVEY, WELSH

    loaded = load_survey_text(SURVEY + WELSH, "course.yaml").survey
    assert loaded is not None
    welsh = in_language(loaded, "cy")
    session = SurveySession(welsh)
    session.agree({"quote"})
    while session.stage.value == "question":
        session.skip()

    completed = session.complete()

    assert completed.language == "cy"
    assert completed.to_json()["language"] == "cy"
    shown = consent_text(welsh.consent, "cy")
    assert completed.consent.sha256 == hashlib.sha256(shown.encode("utf-8")).hexdigest()
    assert (
        completed.consent.sha256
        != hashlib.sha256(consent_text(loaded.consent).encode("utf-8")).hexdigest()
    )


def test_with_language_notes_the_language_and_keeps_everything_else() -> None:
    survey = build_survey("- {id: ok, kind: yesno, text: OK}")
    session = SurveySession(survey)
    session.agree()
    session.answer(True)
    completed = session.complete()

    polish = completed.with_language("pl")

    assert completed.to_json()["language"] == "en"
    assert polish.to_json() == {**completed.to_json(), "language": "pl"}
