"""Every sentence the phone pages say that does not come from a survey file.

Plain words, short sentences, no blame: the same voice as the kiosk. Kept in one
place so they can be read, checked and changed together.
"""

from __future__ import annotations

from dataclasses import dataclass

SITE = "Co-production kiosk"


@dataclass(frozen=True, slots=True)
class Message:
    """A calm page with a heading, a few sentences and, maybe, a link onward."""

    title: str
    paragraphs: tuple[str, ...]
    link_text: str = ""
    link_href: str = ""


CODE_EXPIRED = Message(
    "That code has expired",
    (
        "That code has expired. Please ask for a new one at the kiosk.",
        "Each code works once, on one phone, for a short time.",
    ),
    "Type a different code",
    "/",
)
SURVEY_FINISHED = Message(
    "This survey has finished on this phone",
    (
        "This survey is not open on this phone any more.",
        "If you pressed Send, your answers are safe. If you did not, nothing was kept.",
        "To start again, please ask for a new code at the kiosk.",
    ),
    "Type a code",
    "/",
)
NOT_JOINED = Message(
    "Please type the code from the screen",
    ("To vote, please open the link or type the code shown on the facilitator's screen.",),
    "Type a code",
    "/",
)
OUT_OF_DATE = Message(
    "That page was out of date",
    (
        "That page was out of date, so nothing was changed.",
        "Please go back, reload the page and try again.",
        "This page needs cookies. If they are turned off, please turn them on for it.",
    ),
    "Start again",
    "/",
)
NOT_FOUND = Message(
    "We couldn't find that page",
    ("We couldn't find that page. Please check the address, or type your code again.",),
    "Type a code",
    "/",
)
NOT_ALLOWED = Message(
    "That didn't work",
    ("That didn't work. Please go back and use the buttons on the page.",),
    "Start again",
    "/",
)
TOO_LARGE = Message(
    "That was too much to send at once",
    (
        "That was too much to send at once, so nothing was changed.",
        "Please go back and make your answer shorter.",
    ),
)
BAD_REQUEST = Message(
    "That didn't work",
    ("That didn't work, so nothing was changed. Please go back and try again.",),
    "Start again",
    "/",
)
TOO_FAST = Message(
    "Please wait a moment",
    (
        "You're going a bit fast for this page.",
        "Please wait a few seconds, then try again.",
    ),
)
SOMETHING_WRONG = Message(
    "Sorry, something went wrong",
    (
        "Sorry, something went wrong on our side. Nothing you sent has been lost.",
        "Please go back and try again, or ask the person running this session for help.",
    ),
    "Start again",
    "/",
)
NOT_SENT = Message(
    "Your answers were not sent",
    (
        "That didn't work, and your answers were not sent yet.",
        "Please go back and press Send again in a moment.",
        "If it still doesn't work, ask the person running this session for help.",
    ),
    "Back to your answers",
    "/s",
)
VOTE_NOT_COUNTED = Message(
    "Your vote was not counted yet",
    (
        "That didn't work, so your vote was not counted yet.",
        "Please try again in a moment.",
    ),
    "Try again",
    "/vote",
)
VOTE_TOO_LATE = Message(
    "That question has just closed",
    (
        "That question closed just before your vote arrived, so it wasn't counted.",
        "That's fine. Please wait for the next question.",
    ),
    "See what is open now",
    "/vote",
)
DECLINED = Message(
    "Thank you",
    (
        "Thank you. You chose not to take part, and that is fine.",
        "Nothing you gave has been kept.",
        "You can close this page now.",
    ),
)
STOPPED = Message(
    "You have stopped",
    (
        "You have stopped. Everything you gave has been deleted.",
        "Nothing was sent. You can close this page now.",
    ),
)

CODE_NOT_FOUND = (
    "We couldn't find that code. It may have expired. "
    "Please check it, or ask for a new one at the kiosk."
)
CODE_EMPTY = "Please type the code you were given. It has 6 letters and numbers."
CHOOSE_CONSENT = "Please choose “Yes, I agree” or “No thanks”."

# -- focus groups: ideas and ranking on phones ----------------------------------------

IDEA_EMPTY = "Please write your idea in the box first."
IDEA_THANKS = "Thank you — your idea is in"
IDEA_ANOTHER = "You can write another."
WRITING_CLOSED = Message(
    "Writing time has finished",
    (
        "Writing ideas has finished for now, so this idea wasn't sent. Thank you.",
        "That's not your fault. You could say your idea aloud when the group talks.",
    ),
    "See what is happening now",
    "/vote",
)
IDEA_NOT_SENT = Message(
    "Your idea was not sent yet",
    (
        "That didn't work, so your idea was not sent yet.",
        "Please go back and press “Send my idea” again in a moment.",
    ),
    "Try again",
    "/vote",
)
RANK_CLOSED = Message(
    "This ranking has closed",
    (
        "This ranking has closed. Thank you.",
        "Results will be shown on the screen.",
    ),
    "See what is happening now",
    "/vote",
)
RANK_TOO_LATE = Message(
    "This ranking has closed",
    (
        "This ranking has closed. Thank you.",
        "Your choices arrived just after it closed, so they weren't counted. "
        "That's not your fault.",
    ),
    "See what is happening now",
    "/vote",
)
RANK_NOT_COUNTED = Message(
    "Your choices were not counted yet",
    (
        "That didn't work, so your choices were not counted yet.",
        "Please try again in a moment.",
    ),
    "Try again",
    "/vote",
)
RANK_THANKS = (
    "Thank you — your choices are in",
    (
        "Thank you. Your choices have been counted. Nobody can see who chose what.",
        "Results will be shown on the screen.",
    ),
)
RANK_SOON = (
    "The ranking will start soon",
    ("The facilitator is getting the ranking ready. Please look at the screen.",),
)
LOOK_AT_SCREEN = "Please look at the screen"
NOTHING_ON_PHONE = "There is nothing to do on your phone for this part."
MOVE_ON_NOTE = (
    "When the facilitator moves on, press “Check again” to see what to do. "
    "Nothing changes on its own, so take your time."
)
