"""The phone pages in the person's own language: ``?lang=`` on the handoff or join
link chooses it, the browser keeps it, the survey and its consent are shown in it,
the page says its language (and direction) to the browser, the other languages are
offered by their own names, and the response is sealed with the language. Words
from the survey and from participants stay escaped in every language."""

from __future__ import annotations

import html
import re

import pytest
from babel.messages.pofile import read_po
from markupsafe import escape

from kiosk.web.page_language import LANG_COOKIE, phone_words, problem_words
from kiosk.web.poll_routes import GROUP_WORDS
from kiosk.web.server import PhoneServer
from surveys import groups
from surveys.catalogues import LOCALE_DIR, Words
from surveys.consent import consent_text, text_hash
from surveys.errors import PlainError
from surveys.loader import load_survey_text
from surveys.model import Survey
from surveys.sealing import Opener, Sealer
from surveys.storage import SessionInfo
from surveys.storage.tinydb_store import TinyDbResponseStore
from surveys.storage.tinydb_tallies import TinyDbTallyStore
from surveys.survey_translations import in_language
from surveys.templates import template_path
from tests.kiosk.web.conftest import open_poll
from tests.support.phone_languages import course_survey, english_left
from tests.support.web import Page, Phone


@pytest.fixture
def survey() -> Survey:
    return course_survey()


def html_tag(page: Page) -> str:
    match = re.search(r"<html[^>]*>", page.text)
    assert match, page.text[:300]
    return match.group(0)


def visible(page: Page) -> str:
    """The page's words as a person meets them: text, title and accessible names."""
    body = re.sub(r"<(script|style)[^>]*>.*?</\1>", "", page.text, flags=re.S)
    labels = " ".join(re.findall(r'aria-label="([^"]*)"', body))
    return html.unescape(re.sub(r"<[^>]+>", " ", body) + " " + labels)


async def answer(phone: Phone, question: str, value: str) -> Page:
    return await phone.post(
        "/s/question", [("question", question), ("action", "next"), ("answer", value)]
    )


async def take_part(phone: Phone, server: PhoneServer, lang: str) -> Page:
    """Open a fresh handoff link with ``?lang=`` (as the kiosk's QR code does)."""
    handoff = server.new_handoff()
    page = await phone.get(f"/h/{handoff.code}?lang={lang}")
    assert page.path == "/s/consent", page.text[:500]
    return page


async def test_a_welsh_handoff_is_welsh_from_consent_to_receipt_and_sealed_as_welsh(
    server: PhoneServer,
    store: TinyDbResponseStore,
    keys: tuple[Sealer, Opener],
    survey: Survey,
) -> None:
    welsh = in_language(survey, "cy")
    async with Phone(server.base_url) as phone:
        consent = await take_part(phone, server, "cy")
        assert html_tag(consent) == '<html lang="cy" dir="ltr">'
        assert consent.h1 == "Adborth am y cwrs"
        assert "Cyn i chi ddechrau" in consent.text
        first_line = consent_text(welsh.consent, "cy").splitlines()[0].strip()
        assert str(escape(first_line)) in consent.text
        assert phone.cookie(LANG_COOKIE) == "cy"
        pages = [consent]
        pages.append(await phone.post("/s/consent", [("choice", "agree"), ("tick", "quote")]))
        assert pages[-1].h1 == "Sut oedd y cwrs?"
        assert "Cwestiwn 1 o 3" in pages[-1].text
        pages.append(await answer(phone, "how", "poor"))
        # The page's own words for a yes / no question.
        assert "<span>Ie</span>" in pages[-1].text
        assert "<span>Na</span>" in pages[-1].text
        pages.append(await answer(phone, "again", "yes"))
        # The survey's Welsh words carry markup: they show as the characters they are.
        assert "Unrhyw beth arall? &lt;b&gt;&#34;dim&#34;&lt;/b&gt;" in pages[-1].text
        pages.append(await answer(phone, "more", "<script>x</script>"))
        review = pages[-1]
        assert review.h1 == "Gwirio eich atebion"
        assert "Ddim cystal" in review.text
        assert "&lt;script&gt;x&lt;/script&gt;" in review.text
        assert "<script>" not in review.text
        # A Welsh sentence with the question filled in, escaped inside the attribute.
        assert (
            'aria-label="Newid eich ateb i: Unrhyw beth arall? &lt;b&gt;&#34;dim&#34;'
            in review.text
        )
        pages.append(await phone.post("/s/review", [("action", "send")]))
        receipt = pages[-1]
        assert receipt.h1 == "Diolch. Mae eich atebion wedi cael eu hanfon"
        assert "i Sam Jones on 01234 567890 o fewn 14 diwrnod" in receipt.text
        assert "Os oedd unrhyw beth yma’n anodd, gallwch siarad â tiwtor y cwrs." in receipt.text
        for page in pages:
            assert html_tag(page) == '<html lang="cy" dir="ltr">'
            assert english_left(visible(page), "cy") == [], page.path
    [stored] = list(store.responses())
    opened = keys[1].open(stored.sealed)
    assert opened["language"] == "cy"
    assert opened["answers"] == {"how": "poor", "again": True, "more": "<script>x</script>"}
    # Consent is recorded as the Welsh words the person read.
    assert opened["consent"]["sha256"] == text_hash(consent_text(welsh.consent, "cy"))


async def test_an_urdu_page_reads_right_to_left_and_offers_the_others_by_their_own_names(
    server: PhoneServer,
) -> None:
    async with Phone(server.base_url) as phone:
        consent = await take_part(phone, server, "ur")
    assert html_tag(consent) == '<html lang="ur" dir="rtl">'
    assert consent.h1 == "کورس کے بارے میں رائے"
    assert "شروع کرنے سے پہلے" in consent.text
    assert english_left(visible(consent), "ur") == []
    links = re.findall(
        r'<a href="([^"]+)" lang="([^"]+)" hreflang="[^"]+" dir="(\w+)">([^<]+)</a>', consent.text
    )
    assert links == [
        ("/s/consent?lang=en", "en-GB", "ltr", "English"),
        ("/s/consent?lang=cy", "cy", "ltr", "Cymraeg"),
    ]


async def test_choosing_another_language_on_the_first_page_starts_again_in_it(
    server: PhoneServer,
) -> None:
    async with Phone(server.base_url) as phone:
        english = await take_part(phone, server, "en")
        assert html_tag(english) == '<html lang="en-GB" dir="ltr">'
        assert ">Cymraeg</a>" in english.text
        assert ">اردو</a>" in english.text
        # The check for English left on a page finds it on an English page.
        assert {"Before you start", "Yes, I agree", "No thanks"} <= set(
            english_left(visible(english), "cy")
        )
        welsh = await phone.get("/s/consent?lang=cy")
        assert welsh.h1 == "Adborth am y cwrs"
        assert phone.cookie(LANG_COOKIE) == "cy"
        question = await phone.post("/s/consent", [("choice", "agree")])
        assert question.h1 == "Sut oedd y cwrs?"
        # Once the questions start, ?lang= changes the page's words no more: the
        # visit keeps the language its answers are given in.
        again = await phone.get("/s/question?lang=en")
        assert again.h1 == "Sut oedd y cwrs?"


async def test_a_language_with_phone_words_but_no_survey_translation_keeps_the_survey_s_words(
    server: PhoneServer,
) -> None:
    async with Phone(server.base_url) as phone:
        polish = await take_part(phone, server, "pl")
    assert html_tag(polish) == '<html lang="pl" dir="ltr">'
    assert "Zanim zaczniesz" in polish.text
    assert polish.h1 == "Course feedback"  # the survey has no Polish words


async def test_a_language_nobody_offers_is_ignored(server: PhoneServer) -> None:
    async with Phone(server.base_url) as phone:
        page = await take_part(phone, server, "xx")
        assert html_tag(page) == '<html lang="en-GB" dir="ltr">'
        assert phone.cookie(LANG_COOKIE) == "en"


async def test_pages_outside_a_survey_follow_the_language_this_browser_chose(
    server: PhoneServer,
) -> None:
    async with Phone(server.base_url) as phone:
        home = await phone.get("/?lang=cy")
        assert html_tag(home) == '<html lang="cy" dir="ltr">'
        assert home.h1 == "Cymryd rhan ar eich ffôn"
        missing = await phone.get("/no-such-page")
        assert missing.status == 404
        assert html_tag(missing) == '<html lang="cy" dir="ltr">'
        assert missing.h1 == "Doedden ni ddim yn gallu dod o hyd i’r dudalen honno"
        await phone.get("/")
        typed = await phone.post("/", [("code", "")])
        assert "Teipiwch y cod a gawsoch chi" in typed.text
        assert english_left(visible(typed), "cy") == []


async def test_a_poll_joined_in_welsh_asks_and_thanks_in_welsh(
    server: PhoneServer, tallies: TinyDbTallyStore, session: SessionInfo
) -> None:
    open_poll(tallies, session, "day")
    async with Phone(server.base_url) as phone:
        vote = await phone.get(f"/j/{server.join_code}?lang=cy")
        assert vote.path == "/vote"
        assert html_tag(vote) == '<html lang="cy" dir="ltr">'
        assert "Cwestiwn byw" in vote.text
        assert "Rhywun sydd â phrofiad bywyd" in vote.text
        assert english_left(visible(vote), "cy") == []
        thanks = await phone.post(
            "/vote", [("poll", "day"), ("answer", "Tuesday"), ("action", "vote")]
        )
        assert thanks.h1 == "Diolch, mae eich pleidlais wedi cyrraedd"
        assert english_left(visible(thanks), "cy") == []
    assert dict(tallies.tallies(session.id)["day"].counts) == {"Tuesday": 1}


def test_the_phone_s_group_words_are_the_groups_own() -> None:
    ids = [group.id for group in groups.GROUPS] + [groups.NOT_SAID]
    assert {group_id: GROUP_WORDS[group_id] for group_id in ids} == {
        group_id: groups.label(group_id) for group_id in ids
    }


def test_a_problem_is_told_in_the_page_s_language() -> None:
    welsh = phone_words("cy")
    assert problem_words(PlainError("That didn't work"), welsh) == "Wnaeth hynny ddim gweithio"

    class ToldError(PlainError):
        """A problem the core words with its values, as ``AnswerError.told`` does."""

        def told(self, say: Words) -> str:
            return say("Question {number} of {total}", number=2, total=5)

    assert problem_words(ToldError("Question 2 of 5"), welsh) == "Cwestiwn 2 o 5"


async def test_no_thanks_and_stop_are_welsh_too(server: PhoneServer) -> None:
    async with Phone(server.base_url) as phone:
        await take_part(phone, server, "cy")
        declined = await phone.post("/s/consent", [("choice", "decline")])
        assert declined.h1 == "Diolch"
        assert "Chafodd dim byd a roesoch chi ei gadw." in declined.text
        assert "Samariaid: Ffoniwch 116 123." in declined.text
        assert english_left(visible(declined), "cy") == []
    async with Phone(server.base_url) as phone:
        await take_part(phone, server, "cy")
        unchosen = await phone.post("/s/consent", [])
        assert unchosen.status == 422
        # The page escapes the apostrophe; a person reads the button's own words.
        assert "Dewiswch “Ydw, rwy'n cytuno” neu “Dim diolch”" in html.unescape(unchosen.text)
        await phone.post("/s/consent", [("choice", "agree")])
        stop = await phone.get("/s/stop")
        assert stop.h1 == "Ydych chi eisiau stopio?"
        assert english_left(visible(stop), "cy") == []
        stopped = await phone.post("/s/stop", [("choice", "stop")])
        assert stopped.h1 == "Rydych chi wedi stopio"
        gone = await phone.get("/s/question")
        assert gone.status == 410
        for page in (unchosen, stopped, gone):
            assert html_tag(page) == '<html lang="cy" dir="ltr">'
            assert english_left(visible(page), "cy") == [], page.path


@pytest.mark.parametrize("language", ["cy", "pl", "ur"])
def test_a_phone_page_says_its_own_words_where_another_part_words_the_same_english_otherwise(
    language: str,
) -> None:
    """ "Next" is a button here and a key name read aloud by the aids: each part's
    catalogue may word it its own way, and a phone page uses the phone's."""
    with (LOCALE_DIR / language / "LC_MESSAGES" / "phone.po").open("rb") as file:
        catalog = read_po(file, locale=language)
    own = phone_words(language)
    wrong = [
        message.id
        for message in catalog
        if message.id and isinstance(message.id, str) and own(message.id) != message.string
    ]
    assert wrong == []


async def test_easy_read_is_offered_by_name_and_its_pages_are_english(
    keys: tuple[Sealer, Opener], store: TinyDbResponseStore, session: SessionInfo
) -> None:
    """Easy Read is chosen like a language: by its name, with the survey's Easy Read
    words and the phone pages' own English (``lang="en-GB"``)."""
    demo = load_survey_text(template_path("demo").read_text("utf-8"), "demo.yaml").survey
    assert demo is not None
    server = PhoneServer(session=session, survey=demo, sealer=keys[0], store=store)
    await server.start("127.0.0.1", 0)
    try:
        async with Phone(server.base_url) as phone:
            english = await take_part(phone, server, "en")
            assert ">Easy Read</a>" in english.text
            assert 'href="/s/consent?lang=easy-read" lang="en-GB"' in english.text
            easy = await phone.get("/s/consent?lang=easy-read")
            assert html_tag(easy) == '<html lang="en-GB" dir="ltr">'
            assert easy.h1 == "Try the kiosk"
            assert "Before you start" in easy.text
    finally:
        await server.stop()
