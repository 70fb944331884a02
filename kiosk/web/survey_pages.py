"""The survey pages a phone sees, rendered from where the person is in the survey.

``SurveyRoutes`` decides what happens; this module only shows it: the consent text
with its optional ticks, one question, "Check your answers", the stop question and
the receipt code. Each page is in the visit's language (``Visit.language``): the
survey as ``in_language`` gives it (``visit.flow.survey``), the consent text in
that language, and the phone pages' own words from ``phone_words(code)``.
"""

from __future__ import annotations

from aiohttp import web

from accessibility.glossary import Glossary, glossary_for
from accessibility.narration import answer_words, section_note, sentence
from kiosk.web.context import PhoneContext
from kiosk.web.page_language import LanguageLink, phone_words
from kiosk.web.pages import translated
from kiosk.web.said_did_routes import LINK_TEXT as SAID_DID_LINK
from kiosk.web.said_did_routes import PATH as SAID_DID_PATH
from kiosk.web.state import Visit
from kiosk.web.views import question_view
from kiosk.web.wording import DECLINED, Message
from surveys import receipts
from surveys.catalogues import N_, Words
from surveys.consent import consent_text
from surveys.model import PREFER_NOT_TO_SAY, AnswerValue, Kind, Question, SupportBlock, Survey


def support_words(block: SupportBlock | None, w: Words) -> list[str]:
    """Who to talk to in the room, then each phone line, one sentence each, in the
    page's language (the names and numbers are the survey's own)."""
    if block is None:
        return []
    lines = [w(N_("If anything here was hard, you can talk to {name}."), name=block.talk_to)]
    if block.lines:
        lines.append(w(N_("You can also get help from:")))
        lines += [
            sentence(w(N_("{name}: {how}"), name=line.name, how=line.how)) for line in block.lines
        ]
    return lines


def answer_text(question: Question, answer: AnswerValue | None, w: Words) -> str:
    """An answer as words in the page's language: the chosen labels (the survey's
    own, already in that language), "7 out of 10", "Yes", or what was typed."""
    if answer is None:
        return w(N_("Skipped"))
    if answer == PREFER_NOT_TO_SAY:
        return w(N_("Prefer not to say"))
    kind = question.kind
    if kind is Kind.YESNO and isinstance(answer, bool):
        return w(N_("Yes")) if answer else w(N_("No"))
    if kind is Kind.RATING and isinstance(answer, int):
        return w(N_("{number} out of 10"), number=answer)
    if isinstance(answer, tuple):
        labels = [question.label_for(value) for value in answer]
        if kind is Kind.RANKING:
            places = "; ".join(
                w(N_("{place}. {label}"), place=place, label=label)
                for place, label in enumerate(labels, 1)
            )
            ngettext = w.n  # marks the message for extraction as a plural
            return ngettext(
                "{count} place: {places}", "{count} places: {places}", len(labels), places=places
            )
        if len(labels) == 1:
            return labels[0]
        return w(N_("{first} and {last}"), first=", ".join(labels[:-1]), last=labels[-1])
    return answer_words(question, answer)


class SurveyPages:
    """Renders the survey pages for one survey."""

    def __init__(self, context: PhoneContext, survey: Survey) -> None:
        self.context = context
        self.survey = survey
        self._glossaries: dict[str, Glossary] = {}

    def glossary(self, visit: Visit) -> Glossary:
        """The glossary for the survey in the visit's language (made once per language)."""
        found = self._glossaries.get(visit.language)
        if found is None:
            found = self._glossaries[visit.language] = glossary_for(visit.flow.survey)
        return found

    @staticmethod
    def title(text: str, survey: Survey, w: Words) -> str:
        """A page title: what the page is, then the survey's name."""
        return w(N_("{page} – {survey}"), page=text, survey=survey.title)

    def languages(self, visit: Visit, path: str) -> tuple[LanguageLink, ...]:
        """The survey's other languages, by their own names, as links to ``path``."""
        return self.context.language_links(self.context.survey_languages, visit.language, path)

    def consent(
        self,
        visit: Visit,
        *,
        problem: str = "",
        ticked: frozenset[str] = frozenset(),
        status: int = 200,
    ) -> web.Response:
        survey, w = visit.flow.survey, phone_words(visit.language)
        block = survey.consent
        text = consent_text(block, visit.language)
        lines = [line.strip() for line in text.splitlines() if line.strip()]
        # The closing question ("Do you agree to take part?") sits just above the two
        # buttons, after any optional ticks: the same words, in the order they are used.
        question = lines.pop() if lines and lines[-1].endswith("?") else ""
        return self.context.pages.render(
            "consent.html",
            language=visit.language,
            languages=self.languages(visit, "/s/consent"),
            title=self.title(w(N_("Before you start")), survey, w),
            status=status,
            problem=problem,
            survey_title=survey.title,
            intro=survey.intro,
            consent_lines=lines,
            consent_question=question,
            said_did=w(SAID_DID_LINK) if self.context.said_did() else "",
            ticks=block.ticks,
            ticked=ticked,
            csrf=visit.csrf,
        )

    def question(
        self,
        visit: Visit,
        *,
        problem: str = "",
        fields: dict[str, list[str]] | None = None,
        status: int = 200,
    ) -> web.Response:
        flow = visit.flow
        survey, w = flow.survey, phone_words(visit.language)
        question = flow.current
        number, total = flow.progress()
        progress = w(N_("Question {number} of {total}"), number=number, total=total)
        progress = progress if question.asks else ""
        section = survey.section(question.section)
        shown = flow.visible_questions()
        note = section_note(survey, question, shown)
        place = next((i for i, q in enumerate(shown) if q.id == question.id), 0)
        view = question_view(
            question,
            answer=flow.answer_for(question.id),
            fields=fields,
            glossary=self.glossary(visit),
            words=w,
        )
        return self.context.pages.render(
            "question.html",
            language=visit.language,
            title=self.title(progress or question.text[:60], survey, w),
            status=status,
            problem=problem,
            progress=progress,
            section_title=section.title if section else "",
            content_note=note or "",
            support=self._support_after(visit, shown[place - 1] if place else None, question),
            q=view,
            can_skip=question.asks and not question.required,
            can_go_back=flow.can_go_back,
            idle_minutes=self.context.settings.idle_minutes,
            csrf=visit.csrf,
        )

    def review(self, visit: Visit, *, problem: str = "", status: int = 200) -> web.Response:
        w = phone_words(visit.language)
        items = [
            {
                "id": item.question.id,
                "text": item.question.text,
                "words": answer_text(item.question, item.answer, w),
                "skipped": item.skipped,
            }
            for item in visit.flow.review()
        ]
        return self.context.pages.render(
            "review.html",
            language=visit.language,
            title=self.title(w(N_("Check your answers")), visit.flow.survey, w),
            status=status,
            problem=problem,
            items=items,
            support=self._support_after(
                visit, next(iter(visit.flow.visible_questions()[::-1]), None), None
            ),
            can_go_back=visit.flow.can_go_back,
            csrf=visit.csrf,
        )

    def _support_after(
        self, visit: Visit, before: Question | None, now: Question | None
    ) -> list[str]:
        """The support lines when the page follows the end of a sensitive section."""
        survey = visit.flow.survey
        if before is None or not survey.in_sensitive_section(before):
            return []
        if now is not None and now.section == before.section:
            return []
        return support_words(survey.support, phone_words(visit.language))

    def stop(self, visit: Visit) -> web.Response:
        """ "Do you want to stop?" with "No, carry on" first."""
        w = phone_words(visit.language)
        return self.context.pages.render(
            "stop.html",
            language=visit.language,
            title=self.title(w(N_("Do you want to stop?")), visit.flow.survey, w),
            csrf=visit.csrf,
        )

    def receipt(self, code: str, survey: Survey, language: str) -> web.Response:
        """The thank-you page with the receipt code, spelt out for screen readers
        (``survey`` as the person saw it, in their ``language``)."""
        w = phone_words(language)
        block = survey.consent
        return self.context.pages.render(
            "receipt.html",
            language=language,
            title=self.title(w(N_("Your answers have been sent")), survey, w),
            code=code,
            spoken=receipts.spoken(code),
            contact=block.contact,
            withdraw_days=block.withdraw_days,
            support=support_words(survey.support, w),
            said_did=w(SAID_DID_LINK) if self.context.said_did() else "",
            results_shared=self.context.results_shared(),
        )

    def declined(self, survey: Survey, language: str) -> web.Response:
        """After "No thanks": nothing kept, then the survey's support, as on the kiosk."""
        w = phone_words(language)
        said = translated(DECLINED, w)
        shared = self.context.results_shared()
        declined = Message(
            said.title,
            (
                *said.paragraphs[:-1],
                *([shared] if shared else []),
                *support_words(survey.support, w),
                said.paragraphs[-1],
            ),
        )
        if self.context.said_did():
            declined = Message(declined.title, declined.paragraphs, w(SAID_DID_LINK), SAID_DID_PATH)
        return self.context.pages.render(
            "message.html", language=language, title=declined.title, message=declined
        )
