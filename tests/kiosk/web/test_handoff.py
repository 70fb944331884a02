"""A survey taken on a phone: handoff codes, consent, every kind of question, review,
Send — and what is stored afterwards (sealed, channel "phone", nothing else)."""

from __future__ import annotations

from pathlib import Path

import pytest

from kiosk.web.codes import CODE_LENGTH
from kiosk.web.server import PhoneServer
from surveys.consent import consent_text, text_hash
from surveys.model import Survey
from surveys.receipts import code_hash
from surveys.sealing import Opener, Sealer
from surveys.storage import SessionInfo
from surveys.storage.tinydb_store import TinyDbResponseStore
from tests.kiosk.web.conftest import GENEROUS
from tests.support.web import MovableClock, Phone

ANSWERS: list[tuple[str, list[tuple[str, str]]]] = [
    ("welcome", []),
    ("drink", [("answer", "Coffee")]),
    ("tried", [("answer", "Bigger text"), ("answer", "Read aloud")]),
    ("easy", [("answer", "4")]),
    ("feeling", [("answer", "7")]),
    ("heard", [("answer", "yes")]),
    ("order", [("rank-0", "3"), ("rank-1", "1"), ("rank-2", "2")]),
    ("word", [("answer", "Calm")]),
    ("why", [("answer", "Because it is <b>quiet</b>\r\nand slow")]),
    ("again", [("answer", "no")]),
]
"""What the phone sends for each question, in order."""

STORED = {
    "drink": "Coffee",
    "tried": ["Bigger text", "Read aloud"],
    "easy": 4,
    "feeling": 7,
    "heard": True,
    "order": ["Skip", "Stop", "Back"],
    "word": "Calm",
    "why": "Because it is <b>quiet</b>\nand slow",
    "again": False,
}
"""What must come out of the sealed record, exactly."""


async def start_survey(phone: Phone, server: PhoneServer) -> None:
    """Open a fresh handoff link and agree with the optional tick ticked."""
    handoff = server.new_handoff()
    page = await phone.get(handoff.url)
    assert page.path == "/s/consent", page.text[:400]
    page = await phone.post("/s/consent", [("choice", "agree"), ("tick", "quotes")])
    assert page.path == "/s/question"


async def answer_all(phone: Phone) -> None:
    for question_id, fields in ANSWERS:
        assert phone.page is not None
        assert phone.page.field("question") == question_id, phone.page.text[:800]
        page = await phone.post(
            "/s/question", [("question", question_id), ("action", "next"), *fields]
        )
        assert page.status == 200, page.text[:800]
    assert phone.page is not None
    assert phone.page.path == "/s/review"


def test_new_handoff_gives_a_short_code_a_link_and_an_expiry(
    server: PhoneServer, clock: MovableClock
) -> None:
    handoff = server.new_handoff()
    assert len(handoff.code) == CODE_LENGTH
    assert handoff.url == f"{server.base_url}/h/{handoff.code}"
    assert (handoff.expires_at - clock.now()).total_seconds() == 15 * 60
    assert handoff.display_code == f"{handoff.code[:3]} {handoff.code[3:]}"
    assert server.new_handoff().code != handoff.code


async def test_full_handoff_stores_exactly_the_answers_sealed_with_channel_phone(
    server: PhoneServer,
    store: TinyDbResponseStore,
    keys: tuple[Sealer, Opener],
    session: SessionInfo,
    survey: Survey,
) -> None:
    async with Phone(server.base_url) as phone:
        await start_survey(phone, server)
        await answer_all(phone)
        assert list(store.responses()) == []  # nothing is stored before Send
        review = phone.page
        assert review is not None
        assert "Because it is &lt;b&gt;quiet&lt;/b&gt;" in review.text
        receipt = await phone.post("/s/review", [("action", "send")])
        assert receipt.status == 200
        assert "Your answers have been sent" in receipt.text
        code = receipt.receipt_code
        # The visit is gone: going back to the survey shows a kind "finished" page.
        again = await phone.get("/s/review")
        assert again.status == 410
        assert "If you pressed Send, your answers are safe" in again.text
    [stored] = list(store.responses())
    assert stored.channel == "phone"
    assert stored.session_id == session.id
    assert stored.session_date == session.date
    opened = keys[1].open(stored.sealed)
    assert opened == {
        "survey": survey.id,
        "version": survey.version,
        "answers": STORED,
        "consent": {
            "version": "standard-v1",
            "sha256": text_hash(consent_text(survey.consent)),
            "ticks": {"quotes": True},
        },
        "aids": {"read_aloud": 0, "large_text": 0},  # a phone's own settings are not noted
        "language": "en",
    }
    assert stored.receipt_hash == code_hash(code)


async def test_the_receipt_code_is_never_written_to_the_session_folder(
    server: PhoneServer, store: TinyDbResponseStore, session: SessionInfo, tmp_path: Path
) -> None:
    async with Phone(server.base_url) as phone:
        await start_survey(phone, server)
        await answer_all(phone)
        receipt = await phone.post("/s/review", [("action", "send")])
    code = receipt.receipt_code
    raw = code.replace("-", "")
    for path in tmp_path.rglob("*"):
        if path.is_file():
            data = path.read_bytes()
            assert code.encode() not in data, path
            assert raw.encode() not in data, path


async def test_reusing_a_claimed_code_on_another_phone_shows_the_expired_page(
    server: PhoneServer,
) -> None:
    handoff = server.new_handoff()
    async with Phone(server.base_url) as first, Phone(server.base_url) as second:
        assert (await first.get(handoff.url)).path == "/s/consent"
        page = await second.get(handoff.url)
        assert page.status == 404
        assert "That code has expired. Please ask for a new one at the kiosk." in page.text
        assert second.cookie("survey") is None
        # The first phone may reload its link and carries on where it was.
        assert (await first.get(handoff.url)).path == "/s/consent"


async def test_a_code_expires_after_15_minutes_unused(
    server: PhoneServer, clock: MovableClock
) -> None:
    handoff = server.new_handoff()
    clock.advance(minutes=15)
    async with Phone(server.base_url) as phone:
        page = await phone.get(handoff.url)
    assert page.status == 404
    assert "That code has expired" in page.text


async def test_a_code_still_works_just_before_it_expires(
    server: PhoneServer, clock: MovableClock
) -> None:
    handoff = server.new_handoff()
    clock.advance(minutes=14, seconds=59)
    async with Phone(server.base_url) as phone:
        assert (await phone.get(handoff.url)).path == "/s/consent"


@pytest.mark.parametrize("code", ["ZZZZZZ", "ABC", "not-a-code", "%3Cscript%3E", "U" * 6])
async def test_unknown_codes_get_the_kind_expired_page(server: PhoneServer, code: str) -> None:
    async with Phone(server.base_url) as phone:
        page = await phone.get(f"/h/{code}")
    assert page.status == 404
    assert "That code has expired. Please ask for a new one at the kiosk." in page.text
    assert "Traceback" not in page.text


async def test_a_head_request_does_not_use_up_the_code(server: PhoneServer) -> None:
    handoff = server.new_handoff()
    async with Phone(server.base_url) as preview, Phone(server.base_url) as phone:
        async with preview.http.head(handoff.url) as response:
            assert response.status == 200
        assert (await phone.get(handoff.url)).path == "/s/consent"


@pytest.mark.parametrize(
    "typed", ["{code}", "{lower}", "{spaced}", "{dashed}", "  {lower}  ", "{fullwidth}"]
)
async def test_typing_the_code_on_the_home_page_opens_the_survey(
    server: PhoneServer, typed: str
) -> None:
    code = server.new_handoff().code
    forms = {
        "code": code,
        "lower": code.lower(),
        "spaced": f"{code[:3]} {code[3:]}",
        "dashed": f"{code[:3]}-{code[3:]}",
        "fullwidth": "".join(chr(ord(ch) + 0xFEE0) for ch in code),
    }
    async with Phone(server.base_url) as phone:
        await phone.get("/")
        page = await phone.post("/", {"code": typed.format(**forms)})
    assert page.path == "/s/consent"


async def test_look_alike_letters_are_read_as_digits(server: PhoneServer) -> None:
    from kiosk.web.codes import normalise_code

    assert normalise_code("o1lI0o") == "011100"
    async with Phone(server.base_url) as phone:
        await phone.get("/")
        page = await phone.post("/", {"code": "OIL000"})
    assert page.status == 422  # a real code of that shape isn't out, so a kind message


@pytest.mark.parametrize("typed", ["", "   ", "ZZZZZZ", "12345", "x" * 500])
async def test_a_wrong_typed_code_asks_again_kindly(server: PhoneServer, typed: str) -> None:
    async with Phone(server.base_url) as phone:
        await phone.get("/")
        page = await phone.post("/", {"code": typed})
    assert page.status == 422
    assert 'role="alert"' in page.text
    assert "Please check" in page.title
    assert ("Please type the code" in page.text) or ("couldn&#39;t find that code" in page.text)


async def test_no_thanks_counts_a_decline_and_keeps_nothing(
    server: PhoneServer, store: TinyDbResponseStore, session: SessionInfo
) -> None:
    async with Phone(server.base_url) as phone:
        await phone.get(server.new_handoff().url)
        page = await phone.post("/s/consent", [("choice", "decline"), ("tick", "quotes")])
        assert "Nothing you gave has been kept" in page.text
        assert (await phone.get("/s/question")).status == 410
    assert store.declines(session.id) == 1
    assert list(store.responses()) == []
    assert len(server.context.visits) == 0


async def test_consent_starts_with_nothing_ticked_and_no_choice_made(server: PhoneServer) -> None:
    async with Phone(server.base_url) as phone:
        page = await phone.get(server.new_handoff().url)
        assert "checked" not in page.text
        assert "You can quote my words" in page.text
        again = await phone.post("/s/consent", [("tick", "quotes")])
    assert again.status == 422
    assert "Yes, I agree" in again.text
    assert "No thanks" in again.text
    assert 'value="quotes" checked' in again.text  # their tick is kept while they choose


async def test_unticked_optional_ticks_are_stored_as_false(
    server: PhoneServer, store: TinyDbResponseStore, keys: tuple[Sealer, Opener]
) -> None:
    async with Phone(server.base_url) as phone:
        await phone.get(server.new_handoff().url)
        await phone.post("/s/consent", [("choice", "agree"), ("tick", "not-offered")])
        for question_id in (
            "welcome",
            "drink",
            "tried",
            "easy",
            "feeling",
            "heard",
            "order",
            "word",
            "why",
        ):
            await phone.post(
                "/s/question",
                [("question", question_id), ("action", "skip")]
                if question_id != "welcome"
                else [("question", question_id), ("action", "next")],
            )
        await phone.post(
            "/s/question", [("question", "again"), ("action", "next"), ("answer", "yes")]
        )
        await phone.post("/s/review", [("action", "send")])
    [stored] = list(store.responses())
    opened = keys[1].open(stored.sealed)
    assert opened["consent"]["ticks"] == {"quotes": False}  # type: ignore[index]
    assert opened["answers"] == {"again": True}


async def test_stop_asks_first_then_deletes_everything(
    server: PhoneServer, store: TinyDbResponseStore
) -> None:
    async with Phone(server.base_url) as phone:
        await start_survey(phone, server)
        await phone.post("/s/question", [("question", "welcome"), ("action", "next")])
        await phone.post(
            "/s/question", [("question", "drink"), ("action", "next"), ("answer", "Tea")]
        )
        confirm = await phone.post("/s/question", [("question", "tried"), ("action", "stop")])
        assert confirm.path == "/s/stop"
        assert "everything you have given so far will be deleted" in confirm.text
        back = await phone.post("/s/stop", [("choice", "carry_on")])
        assert back.path == "/s/question"
        assert back.field("question") == "tried"
        await phone.get("/s/stop")
        stopped = await phone.post("/s/stop", [("choice", "stop")])
        assert "Everything you gave has been deleted" in stopped.text
        assert (await phone.get("/s")).status == 410
    assert list(store.responses()) == []
    assert len(server.context.visits) == 0


async def test_skip_and_back_move_like_the_kiosk(server: PhoneServer) -> None:
    async with Phone(server.base_url) as phone:
        await start_survey(phone, server)
        page = await phone.post("/s/question", [("question", "welcome"), ("action", "next")])
        assert page.field("question") == "drink"
        assert "Question 1 of 9" in page.text
        page = await phone.post("/s/question", [("question", "drink"), ("action", "skip")])
        assert page.field("question") == "tried"
        page = await phone.post("/s/question", [("question", "tried"), ("action", "back")])
        assert page.field("question") == "drink"
        assert 'value="Tea" checked' not in page.text


async def test_an_answer_is_shown_again_when_coming_back(server: PhoneServer) -> None:
    async with Phone(server.base_url) as phone:
        await start_survey(phone, server)
        await phone.post("/s/question", [("question", "welcome"), ("action", "next")])
        await phone.post(
            "/s/question", [("question", "drink"), ("action", "next"), ("answer", "Water")]
        )
        page = await phone.post("/s/question", [("question", "tried"), ("action", "back")])
    assert 'value="Water" checked' in page.text


async def test_a_required_question_cannot_be_skipped(server: PhoneServer) -> None:
    async with Phone(server.base_url) as phone:
        await start_survey(phone, server)
        for question_id, _ in ANSWERS[:-1]:
            await phone.post(
                "/s/question",
                [("question", question_id), ("action", "skip")]
                if question_id != "welcome"
                else [("question", question_id), ("action", "next")],
            )
        page = phone.page
        assert page is not None
        assert page.field("question") == "again"
        assert "Skip this question" not in page.text
        refused = await phone.post("/s/question", [("question", "again"), ("action", "skip")])
    assert refused.status == 422
    assert "This question needs an answer before you go on." in refused.text


async def test_change_from_the_review_returns_to_the_review(server: PhoneServer) -> None:
    async with Phone(server.base_url) as phone:
        await start_survey(phone, server)
        await answer_all(phone)
        page = await phone.post("/s/review", [("change", "drink")])
        assert page.field("question") == "drink"
        assert 'value="Coffee" checked' in page.text
        page = await phone.post(
            "/s/question", [("question", "drink"), ("action", "next"), ("answer", "Tea")]
        )
    assert page.path == "/s/review"
    assert "Tea" in page.text


async def test_an_old_page_posted_again_changes_nothing(server: PhoneServer) -> None:
    async with Phone(server.base_url) as phone:
        await start_survey(phone, server)
        await phone.post("/s/question", [("question", "welcome"), ("action", "next")])
        await phone.post(
            "/s/question", [("question", "drink"), ("action", "next"), ("answer", "Tea")]
        )
        stale = await phone.post(
            "/s/question", [("question", "drink"), ("action", "next"), ("answer", "Water")]
        )
    assert stale.field("question") == "tried"
    [visit] = server.context.visits._visits.values()
    assert visit.flow.answer_for("drink") == "Tea"


async def test_abandoned_visits_are_forgotten_after_the_idle_time(
    server: PhoneServer, clock: MovableClock
) -> None:
    async with Phone(server.base_url) as phone:
        await start_survey(phone, server)
        assert len(server.context.visits) == 1
        clock.advance(minutes=31)
        page = await phone.get("/s/question")
    assert page.status == 410
    assert len(server.context.visits) == 0


async def test_stop_of_the_server_forgets_every_visit(
    survey: Survey,
    keys: tuple[Sealer, Opener],
    store: TinyDbResponseStore,
    session: SessionInfo,
    clock: MovableClock,
) -> None:
    server = PhoneServer(
        session=session, clock=clock, survey=survey, sealer=keys[0], store=store, settings=GENEROUS
    )
    await server.start("127.0.0.1", 0)
    async with Phone(server.base_url) as phone:
        await start_survey(phone, server)
        flow = next(iter(server.context.visits._visits.values())).flow
        await phone.post("/s/question", [("question", "welcome"), ("action", "next")])
        await phone.post(
            "/s/question", [("question", "drink"), ("action", "next"), ("answer", "Tea")]
        )
        assert flow.answers == {"drink": "Tea"}
        await server.stop()
    assert flow.answers == {}
    assert len(server.context.visits) == 0


async def test_a_double_tapped_send_sends_once(
    server: PhoneServer, store: TinyDbResponseStore
) -> None:
    import asyncio

    async with Phone(server.base_url) as phone:
        await start_survey(phone, server)
        await answer_all(phone)
        token = phone.page.csrf if phone.page else ""
        pages = await asyncio.gather(
            *(phone.post("/s/review", [("action", "send")], csrf=token) for _ in range(3))
        )
    assert sorted(p.status for p in pages) == [200, 410, 410]
    assert len(list(store.responses())) == 1


async def test_a_failed_save_keeps_the_answers_and_says_so(
    server: PhoneServer,
    store: TinyDbResponseStore,
    problems: list[tuple[str, str]],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    def full_disk(*_: object) -> None:
        raise OSError(28, "No space left on device")

    async with Phone(server.base_url) as phone:
        await start_survey(phone, server)
        await answer_all(phone)
        monkeypatch.setattr(store, "save", full_disk)
        page = await phone.post("/s/review", [("action", "send")])
        assert page.status == 503
        assert "your answers were not sent yet" in page.text
        monkeypatch.undo()
        again = await phone.get("/s")
        assert again.path == "/s/review"
        sent = await phone.post("/s/review", [("action", "send")])
    assert "Your answers have been sent" in sent.text
    assert len(list(store.responses())) == 1
    assert problems == [("OSError", "phone send")]


def test_new_handoff_before_start_says_the_page_is_not_running(
    survey: Survey, keys: tuple[Sealer, Opener], store: TinyDbResponseStore, session: SessionInfo
) -> None:
    server = PhoneServer(session=session, survey=survey, sealer=keys[0], store=store)
    with pytest.raises(RuntimeError, match="not running"):
        server.new_handoff()


def test_a_survey_needs_a_sealer_and_a_store(survey: Survey, session: SessionInfo) -> None:
    with pytest.raises(ValueError, match="sealer"):
        PhoneServer(session=session, survey=survey)


async def test_the_kiosk_hears_when_a_phone_opens_its_code(
    survey: Survey,
    keys: tuple[Sealer, Opener],
    store: TinyDbResponseStore,
    session: SessionInfo,
    clock: MovableClock,
) -> None:
    claimed: list[str] = []
    server = PhoneServer(
        session=session,
        clock=clock,
        survey=survey,
        sealer=keys[0],
        store=store,
        settings=GENEROUS,
        on_claim=lambda handoff: claimed.append(handoff.code),
    )
    await server.start("127.0.0.1", 0)
    try:
        handoff = server.new_handoff()
        assert claimed == []
        async with Phone(server.base_url) as phone:
            await phone.get(handoff.url)
            await phone.get(handoff.url)  # a reload is not a second claim
    finally:
        await server.stop()
    assert claimed == [handoff.code]


async def test_the_receipt_code_is_spelt_out_for_screen_readers(server: PhoneServer) -> None:
    async with Phone(server.base_url) as phone:
        await start_survey(phone, server)
        await answer_all(phone)
        receipt = await phone.post("/s/review", [("action", "send")])
    code = receipt.receipt_code
    first, second = code.split("-")
    spoken = f"{' '.join(first)}. {' '.join(second)}"
    assert f'<span class="visually-hidden">{spoken}</span>' in receipt.text
