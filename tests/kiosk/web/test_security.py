"""A hostile or broken request gets a calm page and changes nothing: form tokens,
body limits, malformed forms, markup in text, rate limits, headers, error pages."""

from __future__ import annotations

import html
import re

import pytest
from aiohttp import web

from kiosk.web.context import PhoneSettings
from kiosk.web.pages import CONTENT_SECURITY_POLICY
from kiosk.web.server import PhoneServer
from surveys.model import Question, Survey
from surveys.sealing import Opener, Sealer
from surveys.storage import SessionInfo
from surveys.storage.tinydb_store import TinyDbResponseStore
from surveys.storage.tinydb_tallies import TinyDbTallyStore
from tests.kiosk.web.conftest import GENEROUS, open_poll
from tests.kiosk.web.test_handoff import answer_all, start_survey
from tests.support.web import MovableClock, Phone, build_survey

HOSTILE = ["<script>alert(1)</script>", "{{7*7}}", "[bold]red[/bold]", "\x1b[31mred", "{% raw %}"]


def assert_no_traceback(text: str) -> None:
    for leak in ("Traceback", 'File "', "aiohttp", "Exception", "Error:"):
        assert leak not in text, leak


# -- headers ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    "path",
    [
        "/",
        "/static/phone.css",
        "/h/ZZZZZZ",
        "/s",
        "/s/consent",
        "/s/question",
        "/s/review",
        "/s/stop",
        "/vote",
        "/j/ZZZZZZ",
        "/nowhere",
        "/favicon.ico",
    ],
)
async def test_every_response_carries_the_strict_headers(server: PhoneServer, path: str) -> None:
    async with Phone(server.base_url) as phone:
        page = await phone.get(path)
    headers = page.headers
    assert headers["Content-Security-Policy"] == CONTENT_SECURITY_POLICY
    assert "default-src 'none'" in CONTENT_SECURITY_POLICY
    assert "script-src" not in CONTENT_SECURITY_POLICY
    assert headers["X-Content-Type-Options"] == "nosniff"
    assert headers["Referrer-Policy"] == "no-referrer"
    assert headers["X-Frame-Options"] == "DENY"
    assert "aiohttp" not in headers.get("Server", "")
    if path != "/static/phone.css" and path != "/favicon.ico":
        assert headers["Cache-Control"] == "no-store, max-age=0"
        assert headers["Content-Type"] == "text/html; charset=utf-8"


async def test_every_page_of_a_full_survey_has_the_headers_and_no_caching(
    server: PhoneServer,
) -> None:
    seen: list[dict[str, str]] = []
    async with Phone(server.base_url) as phone:
        await start_survey(phone, server)
        await answer_all(phone)
        assert phone.page is not None
        seen.append(phone.page.headers)
        await phone.post("/s/review", [("action", "send")])
        seen.append(phone.page.headers)
    for headers in seen:
        assert headers["Cache-Control"] == "no-store, max-age=0"
        assert headers["Content-Security-Policy"] == CONTENT_SECURITY_POLICY


async def test_pages_allow_zoom_and_say_they_are_in_british_english(server: PhoneServer) -> None:
    async with Phone(server.base_url) as phone:
        page = await phone.get("/")
    assert '<html lang="en-GB" dir="ltr">' in page.text
    viewport = re.search(r'<meta name="viewport" content="([^"]+)"', page.text)
    assert viewport is not None
    assert viewport.group(1) == "width=device-width, initial-scale=1"
    assert "<script" not in page.text
    assert " style=" not in page.text


# -- form tokens -----------------------------------------------------------------------


@pytest.mark.parametrize("token", [None, "", "wrong", "x" * 43, "é"])
async def test_a_missing_or_wrong_form_token_changes_nothing(
    server: PhoneServer, token: str | None
) -> None:
    async with Phone(server.base_url) as phone:
        await start_survey(phone, server)
        page = await phone.post(
            "/s/question", [("question", "welcome"), ("action", "next")], csrf=token
        )
        assert page.status == 403
        assert "That page was out of date, so nothing was changed." in page.text
        where = await phone.get("/s")
    assert where.field("question") == "welcome"


async def test_another_visits_token_is_refused(server: PhoneServer) -> None:
    async with Phone(server.base_url) as mine, Phone(server.base_url) as theirs:
        await start_survey(mine, server)
        await start_survey(theirs, server)
        assert theirs.page is not None
        page = await mine.post(
            "/s/question",
            [("question", "welcome"), ("action", "next")],
            csrf=theirs.page.csrf,
        )
    assert page.status == 403


async def test_consent_without_a_token_records_nothing(
    server: PhoneServer, store: TinyDbResponseStore, session: SessionInfo
) -> None:
    async with Phone(server.base_url) as phone:
        await phone.get(server.new_handoff().url)
        page = await phone.post("/s/consent", {"choice": "decline"}, csrf=None)
    assert page.status == 403
    assert store.declines(session.id) == 0


async def test_the_code_form_needs_its_token_and_its_cookie(server: PhoneServer) -> None:
    code = server.new_handoff().code
    async with Phone(server.base_url) as phone:
        page = await phone.post("/", {"code": code}, csrf="made-up")
        assert page.status == 403
        await phone.get("/")
        assert (await phone.post("/", {"code": code}, csrf=None)).status == 403
        await phone.get("/")
        assert (await phone.post("/", {"code": code}, csrf="page")).path == "/s/consent"


async def test_a_vote_without_a_token_is_not_counted(
    server: PhoneServer, tallies: TinyDbTallyStore, session: SessionInfo
) -> None:
    open_poll(tallies, session, "day")
    async with Phone(server.base_url) as phone:
        await phone.get(server.join_url)
        page = await phone.post("/vote", {"poll": "day", "answer": "Monday"}, csrf=None)
    assert page.status == 403
    assert tallies.tallies(session.id)["day"].votes == 0


# -- sizes and shapes ------------------------------------------------------------------


async def test_an_oversized_body_gets_the_too_large_page(server: PhoneServer) -> None:
    async with Phone(server.base_url) as phone:
        await start_survey(phone, server)
        page = await phone.post(
            "/s/question",
            [("question", "welcome"), ("action", "next"), ("answer", "x" * 70_000)],
        )
        assert page.status == 413
        assert "too much to send at once" in page.text
        assert_no_traceback(page.text)
        assert (await phone.get("/s")).field("question") == "welcome"


async def test_a_file_upload_is_refused_plainly(server: PhoneServer) -> None:
    import aiohttp

    async with Phone(server.base_url) as phone:
        await start_survey(phone, server)
        assert phone.page is not None
        form = aiohttp.FormData()
        form.add_field("csrf", phone.page.csrf)
        form.add_field("question", "welcome")
        form.add_field("action", "next")
        form.add_field("answer", b"GIF89a", filename="x.gif", content_type="image/gif")
        async with phone.http.post(f"{server.base_url}/s/question", data=form) as response:
            text = await response.text()
            assert response.status == 400
    assert "nothing was changed" in text
    assert_no_traceback(text)


async def test_a_body_that_is_not_a_form_changes_nothing(server: PhoneServer) -> None:
    async with Phone(server.base_url) as phone:
        await start_survey(phone, server)
        async with phone.http.post(
            f"{server.base_url}/s/question", json={"action": "next"}
        ) as response:
            assert response.status == 403
        async with phone.http.post(
            f"{server.base_url}/s/question",
            data=b"\xff\xfe=%ff%fe&&&=",
            headers={"Content-Type": "application/x-www-form-urlencoded"},
        ) as response:
            text = await response.text()
            assert response.status in (400, 403)
            assert_no_traceback(text)


async def test_too_many_fields_are_refused(server: PhoneServer) -> None:
    async with Phone(server.base_url) as phone:
        await start_survey(phone, server)
        page = await phone.post("/s/question", [("junk", "1")] * 500)
    assert page.status == 400


MALFORMED = [
    ("drink", [("answer", "Lemonade")], "Please choose one of the options shown."),
    ("drink", [], "Nothing is chosen yet. Please choose one of the options, or press Skip."),
    ("easy", [], "Nothing is chosen yet. Please choose one of the options, or press Skip."),
    ("drink", [("answer", "Tea"), ("answer", "Water")], "Please choose one of the options shown."),
    ("tried", [], "Please choose at least one option, or press Skip."),
    (
        "tried",
        [("answer", "Bigger text"), ("answer", "Bigger text")],
        "Each option can be chosen only once.",
    ),
    ("tried", [("answer", "Flying")], "Please choose one of the options shown."),
    ("easy", [("answer", "6")], "Please choose a number from 1 to 5."),
    ("easy", [("answer", "four")], "Please choose a number from 1 to 5."),
    ("easy", [("answer", "-1")], "Please choose a number from 1 to 5."),
    ("easy", [("answer", "prefer-not-to-say")], "Please choose a number from 1 to 5."),
    ("feeling", [("answer", "11")], "Please choose a number from 0 to 10."),
    ("feeling", [("answer", "٣")], "Please choose a number from 0 to 10."),
    ("feeling", [("answer", "99999999999999999999")], "Please choose a number from 0 to 10."),
    ("heard", [("answer", "maybe")], "Please choose one of the options shown."),
    ("heard", [("answer", "true")], "Please choose one of the options shown."),
    (
        "order",
        [("rank-0", "1"), ("rank-1", "1"), ("rank-2", "2")],
        "Please put every option in order, or press Skip.",
    ),
    ("order", [("rank-0", "1"), ("rank-1", "2")], "Please put every option in order"),
    ("order", [("rank-0", "1"), ("rank-1", "2"), ("rank-2", "9")], "Please put every option"),
    ("word", [("answer", "   ")], "There&#39;s nothing written yet."),
    ("word", [("answer", "x" * 51)], "Please keep it under 50 characters"),
    ("why", [("answer", "y" * 5001)], "Please keep it under 5,000 characters"),
]


async def _go_to(phone: Phone, target: str) -> None:
    order = [
        "welcome",
        "drink",
        "tried",
        "easy",
        "feeling",
        "heard",
        "order",
        "word",
        "why",
        "again",
    ]
    for question_id in order[: order.index(target)]:
        action = "next" if question_id == "welcome" else "skip"
        await phone.post("/s/question", [("question", question_id), ("action", action)])
    assert phone.page is not None
    assert phone.page.field("question") == target


@pytest.mark.parametrize(("question_id", "fields", "message"), MALFORMED)
async def test_a_malformed_answer_gets_a_kind_message_and_the_same_question(
    server: PhoneServer, question_id: str, fields: list[tuple[str, str]], message: str
) -> None:
    async with Phone(server.base_url) as phone:
        await start_survey(phone, server)
        await _go_to(phone, question_id)
        page = await phone.post(
            "/s/question", [("question", question_id), ("action", "next"), *fields]
        )
        assert page.status == 422
        assert message in page.text
        assert page.field("question") == question_id
        assert 'role="alert"' in page.text
        assert_no_traceback(page.text)
        [visit] = server.context.visits._visits.values()
        assert visit.flow.answer_for(question_id) is None


@pytest.mark.parametrize("action", [None, "", "destroy", "send"])
async def test_an_unknown_action_changes_nothing(server: PhoneServer, action: str | None) -> None:
    async with Phone(server.base_url) as phone:
        await start_survey(phone, server)
        fields = [("question", "welcome")] + ([("action", action)] if action is not None else [])
        page = await phone.post("/s/question", fields)
    assert page.status == 200
    assert page.field("question") == "welcome"


async def test_changing_a_question_that_is_not_there_stays_on_the_review(
    server: PhoneServer,
) -> None:
    async with Phone(server.base_url) as phone:
        await start_survey(phone, server)
        await answer_all(phone)
        page = await phone.post("/s/review", [("change", "no-such-question")])
    assert page.path == "/s/review"


# -- markup and template-looking text --------------------------------------------------


@pytest.mark.parametrize("text", HOSTILE)
async def test_typed_markup_is_shown_as_text_on_every_page_it_reaches(
    server: PhoneServer, text: str, store: TinyDbResponseStore, keys: tuple[Sealer, Opener]
) -> None:
    shown = html.escape(text, quote=False)
    async with Phone(server.base_url) as phone:
        await start_survey(phone, server)
        await _go_to(phone, "word")
        # Too long for "word" (50 characters): it comes back in the box, escaped.
        too_long = await phone.post(
            "/s/question", [("question", "word"), ("action", "next"), ("answer", text * 20)]
        )
        await phone.post("/s/question", [("question", "word"), ("action", "skip")])
        await phone.post("/s/question", [("question", "why"), ("action", "next"), ("answer", text)])
        await phone.post(
            "/s/question", [("question", "again"), ("action", "next"), ("answer", "yes")]
        )
        review = phone.page
        assert review is not None
        assert review.path == "/s/review"
        again = await phone.post("/s/review", [("change", "why")])  # back in its box
        for page in (too_long, review, again):
            main = page.text.split('<main id="main">')[1]
            assert shown in main
            assert "<script>" not in main
            assert ">49<" not in main
        await phone.post("/s/question", [("question", "why"), ("action", "next"), ("answer", text)])
        await phone.post("/s/review", [("action", "send")])
    [stored] = list(store.responses())
    assert keys[1].open(stored.sealed)["answers"]["why"] == text  # type: ignore[index]


async def test_survey_words_with_markup_are_escaped_too(
    keys: tuple[Sealer, Opener],
    store: TinyDbResponseStore,
    session: SessionInfo,
    clock: MovableClock,
) -> None:
    survey = build_survey(
        """
        - id: q
          kind: single
          text: "<script>alert(1)</script> {{7*7}} [bold]hi[/bold]"
          help: "<img src=x onerror=alert(1)>"
          options: ["<b>one</b>", "{{ 7*7 }}"]
        """,
        title="'<i>Title</i>'",
    )
    server = PhoneServer(
        session=session, clock=clock, survey=survey, sealer=keys[0], store=store, settings=GENEROUS
    )
    await server.start("127.0.0.1", 0)
    try:
        async with Phone(server.base_url) as phone:
            await phone.get(server.new_handoff().url)
            consent = phone.page
            page = await phone.post("/s/consent", {"choice": "agree"})
            bad = await phone.post(
                "/s/question", [("question", "q"), ("action", "next"), ("answer", "{{ 7*7 }}")]
            )
            review = phone.page
    finally:
        await server.stop()
    assert consent is not None
    assert "&lt;i&gt;Title&lt;/i&gt;" in consent.text
    for text in (page.text, review.text if review else ""):
        assert "<script>" not in text
        assert "<img" not in text
        assert "<b>one" not in text
        assert ">49<" not in text
    assert "&lt;script&gt;alert(1)&lt;/script&gt; {{7*7}} [bold]hi[/bold]" in page.text
    assert "&lt;img src=x onerror=alert(1)&gt;" in page.text
    assert bad.path == "/s/review"
    assert "{{ 7*7 }}" in bad.text


# -- rate limiting ---------------------------------------------------------------------


async def test_a_phone_going_too_fast_gets_a_kind_429_then_may_go_on(
    survey: Survey,
    keys: tuple[Sealer, Opener],
    store: TinyDbResponseStore,
    session: SessionInfo,
    clock: MovableClock,
) -> None:
    server = PhoneServer(
        session=session,
        clock=clock,
        survey=survey,
        sealer=keys[0],
        store=store,
        settings=PhoneSettings(rate_per_second=1.0, rate_burst=5),
    )
    await server.start("127.0.0.1", 0)
    try:
        async with Phone(server.base_url) as phone:
            statuses = [(await phone.get("/")).status for _ in range(7)]
            assert statuses == [200] * 5 + [429] * 2
            assert phone.page is not None
            assert "Please wait a few seconds" in phone.page.text
            assert phone.page.headers["Retry-After"] == "1"
            assert phone.page.headers["Content-Security-Policy"] == CONTENT_SECURITY_POLICY
            clock.advance(seconds=2)
            assert [(await phone.get("/")).status for _ in range(3)] == [200, 200, 429]
    finally:
        await server.stop()


# -- error pages -----------------------------------------------------------------------


async def test_an_unknown_page_is_a_kind_404(server: PhoneServer) -> None:
    async with Phone(server.base_url) as phone:
        page = await phone.get("/admin/../../etc/passwd")
    assert page.status == 404
    assert "We couldn&#39;t find that page" in page.text
    assert_no_traceback(page.text)


async def test_a_wrong_method_is_a_kind_405(server: PhoneServer) -> None:
    async with (
        Phone(server.base_url) as phone,
        phone.http.delete(f"{server.base_url}/s/review") as response,
    ):
        text = await response.text()
        assert response.status == 405
        assert "Allow" in response.headers
    assert "use the buttons on the page" in text
    assert_no_traceback(text)


async def test_an_unexpected_error_is_a_calm_500_and_is_reported_without_detail(
    server: PhoneServer, problems: list[tuple[str, str]], monkeypatch: pytest.MonkeyPatch
) -> None:
    from kiosk.web import survey_pages

    def broken(*_: object, **__: object) -> str:
        raise RuntimeError("secret answer text must not show")

    monkeypatch.setattr(survey_pages, "consent_text", broken)
    async with Phone(server.base_url) as phone:
        page = await phone.get(server.new_handoff().url)
    assert page.status == 500
    assert "Sorry, something went wrong" in page.text
    assert "secret answer" not in page.text
    assert_no_traceback(page.text)
    assert problems == [("RuntimeError", "phone page /s/consent")]


# -- nothing can be read back ----------------------------------------------------------


def test_the_only_routes_are_the_phone_pages(server: PhoneServer) -> None:
    routes = sorted(
        {
            (route.method, route.resource.canonical)
            for route in server.app.router.routes()
            if route.resource is not None and route.method != "HEAD"
        }
    )
    assert routes == sorted(
        [
            ("GET", "/"),
            ("POST", "/"),
            ("GET", "/static/phone.css"),
            ("GET", "/favicon.ico"),
            ("GET", "/h/{code}"),
            ("GET", "/s"),
            ("GET", "/s/consent"),
            ("POST", "/s/consent"),
            ("GET", "/s/question"),
            ("POST", "/s/question"),
            ("GET", "/s/review"),
            ("POST", "/s/review"),
            ("GET", "/s/stop"),
            ("POST", "/s/stop"),
            ("GET", "/j"),
            ("GET", "/j/{code}"),
            ("GET", "/vote"),
            ("POST", "/vote"),
        ]
    )


async def test_a_new_phone_sees_nothing_of_anyone_elses_answers(
    server: PhoneServer, tallies: TinyDbTallyStore, session: SessionInfo
) -> None:
    secret = "my very private answer"
    async with Phone(server.base_url) as phone:
        await start_survey(phone, server)
        await _go_to(phone, "why")
        await phone.post(
            "/s/question", [("question", "why"), ("action", "next"), ("answer", secret)]
        )
        await phone.post(
            "/s/question", [("question", "again"), ("action", "next"), ("answer", "yes")]
        )
        await phone.post("/s/review", [("action", "send")])
    open_poll(tallies, session, "better")
    async with Phone(server.base_url) as voter:
        await voter.get(server.join_url)
        await voter.post("/vote", [("poll", "better"), ("answer", secret)])
    async with Phone(server.base_url) as stranger:
        await stranger.get(server.join_url)
        pages = [
            await stranger.get(path)
            for path in ("/", "/vote", "/s", "/s/review", "/s/question", "/s/consent")
        ]
    for page in pages:
        assert secret not in page.text


def test_the_server_needs_a_tally_store_for_polls(
    session: SessionInfo, polls: tuple[Question, ...]
) -> None:
    with pytest.raises(ValueError, match="tally store"):
        PhoneServer(session=session, polls=polls)


def test_the_app_is_an_aiohttp_application_with_a_body_limit(server: PhoneServer) -> None:
    assert isinstance(server.app, web.Application)
    assert server.app._client_max_size == 64 * 1024
