"""The exact words read aloud for each screen."""

from __future__ import annotations

import pytest

from accessibility import narration
from accessibility.glossary import glossary_for, terms_for_question
from surveys.consent import consent_text
from surveys.errors import AnswerCode, AnswerError
from surveys.model import ConsentBlock, ConsentTick, Kind, Option, Question, Survey
from surveys.session import ReviewItem

SKIP = "You can skip this question."
CHOOSE = "Press a number to choose, then Enter."

# The keys the kiosk really has on each kind of question (``kiosk.spoken_keys`` reads
# them from the bindings; tests/kiosk/participant/test_read_aloud.py checks they agree).
CHOICE_KEYS = narration.Keys(go_on="Enter", choose=True, move_focus="the up and down arrows")
RANKING_KEYS = narration.Keys(
    go_on="Enter",
    move_focus="the up and down arrows",
    move_item="Shift with the up or down arrow",
)
TYPING_KEYS = narration.Keys(go_on="Enter")
LONG_TEXT_KEYS = narration.Keys(go_on="Enter", new_line="Enter", leave_box="Tab")
KEYS = {
    Kind.SINGLE: CHOICE_KEYS,
    Kind.MULTI: CHOICE_KEYS,
    Kind.SCALE: CHOICE_KEYS,
    Kind.RATING: CHOICE_KEYS,
    Kind.YESNO: CHOICE_KEYS,
    Kind.TEXT: TYPING_KEYS,
    Kind.LONGTEXT: LONG_TEXT_KEYS,
    Kind.RANKING: RANKING_KEYS,
    Kind.INFO: TYPING_KEYS,
}


def _options(*labels: str) -> tuple[Option, ...]:
    return tuple(Option(label, label.lower()) for label in labels)


CASES = [
    (
        Question("how", Kind.SINGLE, "How was today?", options=_options("Good", "OK", "Not good")),
        f"Question 3 of 8. How was today? 1: Good. 2: OK. 3: Not good. {CHOOSE} {SKIP}",
    ),
    (
        Question(
            "parts",
            Kind.MULTI,
            "Which parts did you enjoy?",
            options=_options("The talk", "Group work"),
            prefer_not_to_say=True,
        ),
        "Question 3 of 8. Which parts did you enjoy? 1: The talk. 2: Group work. "
        "3: Prefer not to say. Press numbers to tick all that apply, then Enter. " + SKIP,
    ),
    (
        Question("safe", Kind.SCALE, "I felt safe to share my views.", faces=True),
        "Question 3 of 8. I felt safe to share my views. 1: Strongly disagree. 2: Disagree. "
        f"3: Neither agree nor disagree. 4: Agree. 5: Strongly agree. {CHOOSE} {SKIP}",
    ),
    (
        Question(
            "rate",
            Kind.RATING,
            "How would you rate today?",
            low_label="not good at all",
            high_label="really good",
        ),
        "Question 3 of 8. How would you rate today? Choose a number from 0 to 10, where 0 "
        "means not good at all and 10 means really good. Type the number, then press Enter. "
        + SKIP,
    ),
    (
        Question("rate0", Kind.RATING, "How likely are you to come again?"),
        "Question 3 of 8. How likely are you to come again? Choose a number from 0 to 10. "
        f"Type the number, then press Enter. {SKIP}",
    ),
    (
        Question("again", Kind.YESNO, "Would you come again?", required=True),
        f"Question 3 of 8. Would you come again? 1: Yes. 2: No. {CHOOSE} "
        "This question needs an answer.",
    ),
    (
        Question("well", Kind.TEXT, "What went well?"),
        f"Question 3 of 8. What went well? Type your answer, then press Enter. {SKIP}",
    ),
    (
        Question("better", Kind.LONGTEXT, "What could be better"),
        "Question 3 of 8. What could be better. Type your answer. Enter starts a new line. "
        f"When you are done, press Tab to go to Next, then press Enter. {SKIP}",
    ),
    (
        Question(
            "order", Kind.RANKING, "What matters most to you?", options=_options("Time", "Place")
        ),
        "Question 3 of 8. What matters most to you? 1: Time. 2: Place. Put the most important "
        "at the top. Use the up and down arrows to go to an option, and Shift with the up or "
        "down arrow to move it. Or tap Up and Down. If the order is already right, press This "
        f"order is right. When you have moved them, press Enter. {SKIP}",
    ),
    (
        Question("about", Kind.INFO, "The next questions are about you."),
        "The next questions are about you. Press Enter to go on.",
    ),
]


@pytest.mark.parametrize(
    ("question", "expected"), CASES, ids=[q.kind.value + "-" + q.id for q, _ in CASES]
)
def test_question_screen_reads_progress_question_choices_and_how_to_answer(
    question: Question, expected: str
) -> None:
    assert narration.question_screen(question, 3, 8, keys=KEYS[question.kind]) == expected


def test_without_keys_the_words_say_what_to_tap() -> None:
    question = CASES[0][0]
    assert narration.how_to_answer(question) == (
        f"Tap an option to choose it, then press Next. {SKIP}"
    )
    assert "Enter" not in narration.question_screen(CASES[-1][0])


def test_every_kind_has_a_narration_case() -> None:
    assert {question.kind for question, _ in CASES} == set(Kind)


def test_question_screen_reads_the_answer_already_given() -> None:
    question = CASES[0][0]
    assert narration.question_screen(question, 1, 2, answer="ok", keys=CHOICE_KEYS) == (
        f"Question 1 of 2. How was today? 1: Good. 2: OK. 3: Not good. Your answer now: OK. "
        f"{CHOOSE} {SKIP}"
    )


def test_progress_reads_position() -> None:
    assert narration.progress(3, 8) == "Question 3 of 8."


BLOCK = ConsentBlock(
    version="standard-v1",
    organisation="the Recovery College",
    coordinator="the research lead",
    contact="the course team",
    ticks=(
        ConsentTick("quotes", "You can quote my words (without my name)"),
        ConsentTick("contact", "You can contact me about this work."),
    ),
)


def test_consent_screen_reads_the_full_text_then_ticks_then_both_choices() -> None:
    full = " ".join(line.strip() for line in consent_text(BLOCK).splitlines())
    assert narration.consent_screen(BLOCK, ticked={"contact"}) == (
        f"{full} You can also tick these, if you want. You do not have to. "
        "Tick 1: You can quote my words (without my name). Now not ticked. "
        "Tick 2: You can contact me about this work. Now ticked. "
        "Choose Yes, I agree. Or choose No thanks."
    )
    assert full.startswith("We want to know what you think about the Recovery College.")
    assert full.endswith("Do you agree to take part?")


def test_consent_screen_without_ticks_goes_straight_to_the_choices() -> None:
    block = ConsentBlock("standard-v1", "the Recovery College", "the research lead", "the team")
    assert narration.consent_screen(block).endswith(
        "Do you agree to take part? Choose Yes, I agree. Or choose No thanks."
    )


@pytest.mark.parametrize(
    ("problem", "expected"),
    [
        (
            AnswerError(AnswerCode.OUT_OF_RANGE, low=0, high=10),
            "Please choose a number from 0 to 10.",
        ),
        (AnswerError(AnswerCode.REQUIRED), "This question needs an answer before you go on."),
        ("That didn't work", "That didn't work."),
    ],
)
def test_errors_are_read_as_their_kind_message(problem: AnswerError | str, expected: str) -> None:
    assert narration.error(problem) == expected


def test_receipt_code_is_read_a_character_at_a_time_in_groups() -> None:
    assert narration.receipt("7K3QD-M9XTA") == "Your code is: 7 K 3 Q D. M 9 X T A."


def test_thank_you_reads_the_code_and_how_to_withdraw() -> None:
    assert narration.thank_you("7K3QD-M9XTA", "the course team", 14) == (
        "Thank you. Your answers have been sent. Your code is: 7 K 3 Q D. M 9 X T A. "
        "Please write it down and keep it safe and private. If you change your mind, give "
        "the code to the course team within 14 days. We will then delete your answers."
    )


def test_review_reads_each_answer_in_words_and_skips() -> None:
    by_id = {question.id: question for question, _ in CASES}
    single, multi, scale, rating, yesno, text, ranking = (
        by_id[name] for name in ("how", "parts", "safe", "rate", "again", "well", "order")
    )
    items = [
        ReviewItem(single, "ok"),
        ReviewItem(multi, ("the talk", "group work")),
        ReviewItem(scale, 4),
        ReviewItem(rating, 7),
        ReviewItem(yesno, False),
        ReviewItem(text, None),
        ReviewItem(ranking, ("place", "time")),
    ]
    assert narration.review_screen(items) == (
        "Check your answers. 1: How was today? OK. 2: Which parts did you enjoy? The talk and "
        "Group work. 3: I felt safe to share my views. Agree. 4: How would you rate today? "
        "7 out of 10. 5: Would you come again? No. 6: What went well? Skipped. "
        "7: What matters most to you? first: Place, second: Time. "
        "Press a number to change an answer. Press Send my answers when you are happy."
    )


def test_review_with_nothing_to_send_says_so() -> None:
    assert narration.review_screen([]) == "Check your answers. There are no answers to send yet."


def test_help_reads_the_question_help_then_the_hard_words() -> None:
    question = Question(
        "cop", Kind.YESNO, "Was this co-production?", help="Think about the whole course."
    )
    terms = [(e.term, e.meaning) for e in terms_for_question(question, glossary_for())]
    assert narration.help_text(question.help, terms) == (
        "Think about the whole course. co-production: People who use services, carers and "
        "staff working together as equals. They plan and check services and courses together."
    )


def test_help_with_nothing_to_explain_says_who_to_ask_and_skip_only_when_allowed() -> None:
    assert narration.help_text(None, [], ask="Sam at the front desk", can_skip=True) == (
        "There is no extra help for this page. You can ask Sam at the front desk. "
        "You can skip this question if you like."
    )
    # A question that needs an answer (or a page that isn't a question) never says skip.
    assert narration.help_text(None, [], ask="Sam at the front desk") == (
        "There is no extra help for this page. You can ask Sam at the front desk."
    )


def test_welcome_says_who_runs_the_survey() -> None:
    survey = Survey(
        id="s",
        title="Tell us about the course",
        version="1",
        intro="A few questions.",
        run_by="The Recovery College team",
        consent=ConsentBlock("standard-v1", "the College", "Sam", "Sam"),
        questions=(Question("q", Kind.TEXT, "What went well?"),),
    )
    assert narration.welcome(survey) == (
        "Tell us about the course. It is run by The Recovery College team. "
        "A few questions. Press Enter to start."
    )


def test_thank_you_after_no_thanks_keeps_nothing() -> None:
    assert narration.thank_you(None) == (
        "That's fine. Nothing you did here has been kept. Thank you for stopping by."
    )


def test_break_still_there_and_section_screens() -> None:
    assert narration.break_screen(10) == (
        "You are taking a break. We'll keep your answers for 10 minutes. Your answers are "
        "not sent yet. Take your time. After that, we will ask if you are still there. "
        "Press Enter when you are ready to carry on."
    )
    assert narration.break_screen(0.5, has_answers=False).startswith(
        "You are taking a break. We'll keep your place for 30 seconds. Nothing is sent."
    )
    assert narration.still_there(30, has_answers=True) == (
        "Are you still there? Take your time. If there's no answer, the kiosk will start "
        "again in 30 seconds, and your answers will be deleted. To carry on, press I need "
        "more time, or any key."
    )
    # Before the first question there are no answers to delete, so none are mentioned.
    assert narration.still_there(1, has_answers=False) == (
        "Are you still there? Take your time. If there's no answer, the kiosk will start "
        "again in 1 second. To carry on, press I need more time, or any key."
    )
    assert narration.section_intro(
        "About you", "Some questions are personal. You can skip them."
    ) == ("About you. Some questions are personal. You can skip them.")


SECTIONED = [
    Question("a", Kind.INFO, "Hello.", section="start"),
    Question("b", Kind.TEXT, "How are you?", section="feelings"),
    Question("c", Kind.TEXT, "And today?", section="feelings"),
    Question("d", Kind.TEXT, "Anything else?"),
]


@pytest.mark.parametrize(
    ("question", "shown", "opens"),
    [
        pytest.param(SECTIONED[1], SECTIONED, True, id="first-of-its-section"),
        pytest.param(SECTIONED[2], SECTIONED, False, id="later-in-its-section"),
        pytest.param(SECTIONED[2], [SECTIONED[0], SECTIONED[2]], True, id="first-shown"),
        pytest.param(SECTIONED[3], SECTIONED, False, id="in-no-section"),
    ],
)
def test_a_section_opens_at_its_first_question_shown(
    question: Question, shown: list[Question], opens: bool
) -> None:
    assert narration.opens_section(question, shown) is opens


def test_choices_are_numbered_with_their_stored_values() -> None:
    question = Question("again", Kind.YESNO, "Again?", prefer_not_to_say=True)
    assert [(c.number, c.label, c.value) for c in narration.choices_for(question)] == [
        (1, "Yes", True),
        (2, "No", False),
        (3, "Prefer not to say", "Prefer not to say"),
    ]


def test_take_back_and_support_words() -> None:
    assert narration.take_back("Enter") == (
        "Take my answers back. Type the receipt code you were given when you sent your "
        "answers. It looks like 7K3QD-M9XTA. We will delete those answers. Then press Enter. "
        "Or press Cancel."
    )
    assert "wait 2 minutes" in narration.take_back_wait(90)
    assert narration.chosen("Tea") == "Tea, chosen."
    assert narration.chosen("Tea", is_chosen=False) == "Tea, not chosen."
    assert narration.support(None) == ""
    assert narration.duration(600) == "10 minutes"
    assert narration.duration(1) == "1 second"
