"""Every sentence the phone pages say that does not come from a survey file.

Plain words, short sentences, no blame: the same voice as the kiosk. Kept in one
place so they can be read, checked and changed together. Each is marked with
``N_`` (English here) and shown in the page's language (``Pages.message`` and
``Words``); translations are in the ``phone`` catalogues.
"""

from __future__ import annotations

from dataclasses import dataclass

from surveys.catalogues import N_

SITE = N_("Co-production kiosk")


@dataclass(frozen=True, slots=True)
class Message:
    """A calm page with a heading, a few sentences and, maybe, a link onward."""

    title: str
    paragraphs: tuple[str, ...]
    link_text: str = ""
    link_href: str = ""


CODE_EXPIRED = Message(
    N_("That code has expired"),
    (
        N_("That code has expired. Please ask for a new one at the kiosk."),
        N_("Each code works once, on one phone, for a short time."),
    ),
    N_("Type a different code"),
    "/",
)
SURVEY_FINISHED = Message(
    N_("This survey has finished on this phone"),
    (
        N_("This survey is not open on this phone any more."),
        N_("If you pressed Send, your answers are safe. If you did not, nothing was kept."),
        N_("To start again, please ask for a new code at the kiosk."),
    ),
    N_("Type a code"),
    "/",
)
NOT_JOINED = Message(
    N_("Please type the code from the screen"),
    ("To vote, please open the link or type the code shown on the facilitator's screen.",),
    N_("Type a code"),
    "/",
)
OUT_OF_DATE = Message(
    N_("That page was out of date"),
    (
        N_("That page was out of date, so nothing was changed."),
        N_("Please go back, reload the page and try again."),
        N_("This page needs cookies. If they are turned off, please turn them on for it."),
    ),
    N_("Start again"),
    "/",
)
NOT_FOUND = Message(
    N_("We couldn't find that page"),
    ("We couldn't find that page. Please check the address, or type your code again.",),
    N_("Type a code"),
    "/",
)
NOT_ALLOWED = Message(
    N_("That didn't work"),
    ("That didn't work. Please go back and use the buttons on the page.",),
    N_("Start again"),
    "/",
)
TOO_LARGE = Message(
    N_("That was too much to send at once"),
    (
        N_("That was too much to send at once, so nothing was changed."),
        N_("Please go back and make your answer shorter."),
    ),
)
BAD_REQUEST = Message(
    N_("That didn't work"),
    ("That didn't work, so nothing was changed. Please go back and try again.",),
    N_("Start again"),
    "/",
)
TOO_FAST = Message(
    N_("Please wait a moment"),
    (
        N_("You're going a bit fast for this page."),
        N_("Please wait a few seconds, then try again."),
    ),
)
SOMETHING_WRONG = Message(
    N_("Sorry, something went wrong"),
    (
        N_("Sorry, something went wrong on our side. Nothing you sent has been lost."),
        N_("Please go back and try again, or ask the person running this session for help."),
    ),
    N_("Start again"),
    "/",
)
NOT_SENT = Message(
    N_("Your answers were not sent"),
    (
        N_("That didn't work, and your answers were not sent yet."),
        N_("Please go back and press Send again in a moment."),
        N_("If it still doesn't work, ask the person running this session for help."),
    ),
    N_("Back to your answers"),
    "/s",
)
VOTE_NOT_COUNTED = Message(
    N_("Your vote was not counted yet"),
    (
        N_("That didn't work, so your vote was not counted yet."),
        N_("Please try again in a moment."),
    ),
    N_("Try again"),
    "/vote",
)
VOTE_TOO_LATE = Message(
    N_("That question has just closed"),
    (
        N_("That question closed just before your vote arrived, so it wasn't counted."),
        N_("That's fine. Please wait for the next question."),
    ),
    N_("See what is open now"),
    "/vote",
)
DECLINED = Message(
    N_("Thank you"),
    (
        N_("Thank you. You chose not to take part, and that is fine."),
        N_("Nothing you gave has been kept."),
        N_("You can close this page now."),
    ),
)
STOPPED = Message(
    N_("You have stopped"),
    (
        N_("You have stopped. Everything you gave has been deleted."),
        N_("Nothing was sent. You can close this page now."),
    ),
)

CODE_NOT_FOUND = N_(
    "We couldn't find that code. It may have expired. "
    "Please check it, or ask for a new one at the kiosk."
)
CODE_EMPTY = N_("Please type the code you were given. It has 6 letters and numbers.")
CHOOSE_CONSENT = N_("Please choose “Yes, I agree” or “No thanks”.")

# -- focus groups: ideas and ranking on phones ----------------------------------------

IDEA_EMPTY = N_("Please write your idea in the box first.")
IDEA_THANKS = N_("Thank you — your idea is in")
IDEA_ANOTHER = N_("You can write another.")
WRITING_CLOSED = Message(
    N_("Writing time has finished"),
    (
        N_("Writing ideas has finished for now, so this idea wasn't sent. Thank you."),
        N_("That's not your fault. You could say your idea aloud when the group talks."),
    ),
    N_("See what is happening now"),
    "/vote",
)
IDEA_NOT_SENT = Message(
    N_("Your idea was not sent yet"),
    (
        N_("That didn't work, so your idea was not sent yet."),
        N_("Please go back and press “Send my idea” again in a moment."),
    ),
    N_("Try again"),
    "/vote",
)
RANK_CLOSED = Message(
    N_("This ranking has closed"),
    (
        N_("This ranking has closed. Thank you."),
        N_("Results will be shown on the screen."),
    ),
    N_("See what is happening now"),
    "/vote",
)
RANK_TOO_LATE = Message(
    N_("This ranking has closed"),
    (
        N_("This ranking has closed. Thank you."),
        N_(
            "Your choices arrived just after it closed, so they weren't counted. "
            "That's not your fault."
        ),
    ),
    N_("See what is happening now"),
    "/vote",
)
RANK_NOT_COUNTED = Message(
    N_("Your choices were not counted yet"),
    (
        N_("That didn't work, so your choices were not counted yet."),
        N_("Please try again in a moment."),
    ),
    N_("Try again"),
    "/vote",
)
RANK_THANKS = (
    N_("Thank you — your choices are in"),
    (
        N_("Thank you. Your choices have been counted. Nobody can see who chose what."),
        N_("Results will be shown on the screen."),
    ),
)
RANK_SOON = (
    N_("The ranking will start soon"),
    (N_("The facilitator is getting the ranking ready. Please look at the screen."),),
)
LOOK_AT_SCREEN = N_("Please look at the screen")
NOTHING_ON_PHONE = N_("There is nothing to do on your phone for this part.")
MOVE_ON_NOTE = N_(
    "When the facilitator moves on, press “Check again” to see what to do. "
    "Nothing changes on its own, so take your time."
)
