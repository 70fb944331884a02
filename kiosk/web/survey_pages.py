"""The survey pages a phone sees, rendered from where the person is in the survey.

``SurveyRoutes`` decides what happens; this module only shows it: the consent text
with its optional ticks, one question, "Check your answers", the stop question and
the receipt code. Words come from the survey, the consent text and the kiosk's own
narration helpers, so the phone says what the kiosk says.
"""

from __future__ import annotations

from dataclasses import replace

from aiohttp import web

from accessibility.glossary import Glossary, glossary_for
from accessibility.narration import answer_words, section_note, support_lines
from kiosk.web.context import PhoneContext
from kiosk.web.said_did_routes import LINK_TEXT as SAID_DID_LINK
from kiosk.web.said_did_routes import PATH as SAID_DID_PATH
from kiosk.web.state import Visit
from kiosk.web.views import question_view
from kiosk.web.wording import DECLINED
from surveys import receipts
from surveys.consent import consent_text
from surveys.model import Question, Survey


class SurveyPages:
    """Renders the survey pages for one survey."""

    def __init__(self, context: PhoneContext, survey: Survey) -> None:
        self.context = context
        self.survey = survey
        self.glossary: Glossary = glossary_for(survey)

    def title(self, text: str) -> str:
        """A page title: what the page is, then the survey's name."""
        return f"{text} – {self.survey.title}"

    def consent(
        self,
        visit: Visit,
        *,
        problem: str = "",
        ticked: frozenset[str] = frozenset(),
        status: int = 200,
    ) -> web.Response:
        block = self.survey.consent
        lines = [line.strip() for line in consent_text(block).splitlines() if line.strip()]
        # The closing question ("Do you agree to take part?") sits just above the two
        # buttons, after any optional ticks: the same words, in the order they are used.
        question = lines.pop() if lines and lines[-1].endswith("?") else ""
        return self.context.pages.render(
            "consent.html",
            title=self.title("Before you start"),
            status=status,
            problem=problem,
            survey_title=self.survey.title,
            intro=self.survey.intro,
            consent_lines=lines,
            consent_question=question,
            said_did=SAID_DID_LINK if self.context.said_did() else "",
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
        question = flow.current
        number, total = flow.progress()
        progress = f"Question {number} of {total}" if question.asks else ""
        section = self.survey.section(question.section)
        shown = flow.visible_questions()
        note = section_note(self.survey, question, shown)
        place = next((i for i, q in enumerate(shown) if q.id == question.id), 0)
        view = question_view(
            question,
            answer=flow.answer_for(question.id),
            fields=fields,
            glossary=self.glossary,
        )
        return self.context.pages.render(
            "question.html",
            title=self.title(progress or question.text[:60]),
            status=status,
            problem=problem,
            progress=progress,
            section_title=section.title if section else "",
            content_note=note or "",
            support=self._support_after(shown[place - 1] if place else None, question),
            q=view,
            can_skip=question.asks and not question.required,
            can_go_back=flow.can_go_back,
            idle_minutes=self.context.settings.idle_minutes,
            csrf=visit.csrf,
        )

    def review(self, visit: Visit, *, problem: str = "", status: int = 200) -> web.Response:
        items = [
            {
                "id": item.question.id,
                "text": item.question.text,
                "words": answer_words(item.question, item.answer),
                "skipped": item.skipped,
            }
            for item in visit.flow.review()
        ]
        return self.context.pages.render(
            "review.html",
            title=self.title("Check your answers"),
            status=status,
            problem=problem,
            items=items,
            support=self._support_after(
                next(iter(visit.flow.visible_questions()[::-1]), None), None
            ),
            can_go_back=visit.flow.can_go_back,
            csrf=visit.csrf,
        )

    def _support_after(self, before: Question | None, now: Question | None) -> list[str]:
        """The support lines when the page follows the end of a sensitive section."""
        if before is None or not self.survey.in_sensitive_section(before):
            return []
        if now is not None and now.section == before.section:
            return []
        return support_lines(self.survey.support)

    def stop(self, visit: Visit) -> web.Response:
        """ "Do you want to stop?" with "No, carry on" first."""
        return self.context.pages.render(
            "stop.html", title=self.title("Do you want to stop?"), csrf=visit.csrf
        )

    def receipt(self, code: str) -> web.Response:
        """The thank-you page with the receipt code, spelt out for screen readers."""
        block = self.survey.consent
        return self.context.pages.render(
            "receipt.html",
            title=self.title("Your answers have been sent"),
            code=code,
            spoken=receipts.spoken(code),
            contact=block.contact,
            withdraw_days=block.withdraw_days,
            support=support_lines(self.survey.support),
            said_did=SAID_DID_LINK if self.context.said_did() else "",
            results_shared=self.context.results_shared(),
        )

    def declined(self) -> web.Response:
        """After "No thanks": nothing kept, then the survey's support, as on the kiosk."""
        lines = tuple(support_lines(self.survey.support))
        shared = self.context.results_shared()
        declined = replace(
            DECLINED,
            paragraphs=(
                *DECLINED.paragraphs[:-1],
                *([shared] if shared else []),
                *lines,
                DECLINED.paragraphs[-1],
            ),
        )
        if self.context.said_did():
            declined = replace(declined, link_text=SAID_DID_LINK, link_href=SAID_DID_PATH)
        return self.context.pages.message(declined)
