"""The words read aloud around the questions: thanks, taking answers back, support,
a break and "Are you still there?". ``accessibility.narration`` offers them too.

Every sentence is one marked message in the ``aids`` catalogue, in the kiosk
screen's language; ``support_lines`` also takes the ``Words`` of a phone page.
"""

from __future__ import annotations

from accessibility.sentences import (
    CANCEL,
    DELETE_MY_ANSWERS,
    I_AM_READY,
    join,
    sentence,
    speaking,
)
from surveys.catalogues import N_, Words, _, n_
from surveys.model import SupportBlock
from surveys.receipts import spoken

NOTHING_KEPT = N_("That's fine. Nothing you did here has been kept.")
"""What the thank-you screen says after "No thanks"."""
STOPPING_BY = N_("Thank you for stopping by")


def receipt(code: str) -> str:
    """The receipt code, read a character at a time in its two groups."""
    return _("Your code is: {code}.", code=spoken(code))


def thank_you(
    code: str | None,
    contact: str = "",
    withdraw_days: int = 14,
    support_block: SupportBlock | None = None,
    results_shared: str = "",
) -> str:
    """The thank-you screen: after sending, thanks, the code and what it is for;
    after "No thanks" (``code`` is None), a kind goodbye. Then when and where results
    are shared, if the action log says; support follows either."""
    shared = [results_shared] if results_shared else []
    if code is None:
        return join([_(NOTHING_KEPT), _(STOPPING_BY), *shared, *support_lines(support_block)])
    return join(
        [
            _("Thank you. Your answers have been sent."),
            receipt(code),
            _("Please write it down and keep it safe and private."),
            n_(
                "If you change your mind, give the code to {contact} within {count} day.",
                "If you change your mind, give the code to {contact} within {count} days.",
                withdraw_days,
                contact=contact,
            ),
            _("We will then delete your answers."),
            *shared,
            *support_lines(support_block),
        ]
    )


def duration(seconds: float) -> str:
    """A length of time in plain words: "10 minutes", "1 minute", "30 seconds"."""
    whole = max(1, round(seconds))
    if whole < 60:
        return n_("{count} second", "{count} seconds", whole)
    return n_("{count} minute", "{count} minutes", round(whole / 60))


TAKE_BACK = N_("Take my answers back")
TAKE_BACK_ASK = N_(
    "Type the receipt code you were given when you sent your answers. "
    "It looks like 7K3QD-M9XTA. We will delete those answers."
)
TAKE_BACK_EMPTY = N_("Please type your code first.")


def take_back_wait(seconds: int) -> str:
    """Kind words while codes must wait, counting down in seconds or minutes."""
    return _(
        "That's a few codes that didn't match, so please wait {time} before trying "
        "again. If you need help, please ask the person running this session.",
        time=duration(seconds),
    )


def take_back(go_on: str | None) -> str:
    """ "Take my answers back" as read aloud, with the key that deletes."""
    how = (
        _("Then press {key}.", key=_(go_on))
        if go_on
        else _("Then press {button}.", button=_(DELETE_MY_ANSWERS))
    )
    return join([_(TAKE_BACK), _(TAKE_BACK_ASK), how, _("Or press {button}.", button=_(CANCEL))])


SUPPORT_TITLE = N_("If you would like some support")


def support_lines(block: SupportBlock | None, words: Words | None = None) -> list[str]:
    """Who to talk to in the room, then each phone line, one sentence each (shown and
    read the same way); none without a support block. ``words``: the language of a
    phone page (else the kiosk screen's)."""
    if block is None:
        return []
    _ = speaking(words)
    lines = [_("If anything here was hard, you can talk to {person}.", person=block.talk_to)]
    if block.lines:
        lines.append(_("You can also get help from:"))
        lines += [sentence(f"{line.name}: {line.how}") for line in block.lines]
    return lines


def support(block: SupportBlock | None, *, carry_on: str | None = None) -> str:
    """The support box as read aloud, with the key that carries on."""
    if block is None:
        return ""
    parts = [_(SUPPORT_TITLE), *support_lines(block)]
    if carry_on:
        parts.append(_("Press {key} to carry on.", key=_(carry_on)))
    return join(parts)


def break_words(minutes: float, *, has_answers: bool = True) -> str:
    """What the break box shows: how long the visit is kept, and that nothing is lost.

    Before the first question there are no answers, so it speaks of the person's place.
    """
    time = duration(minutes * 60)
    if has_answers:
        kept = _("We'll keep your answers for {time}.", time=time)
        sent = _("Your answers are not sent yet.")
    else:
        kept = _("We'll keep your place for {time}.", time=time)
        sent = _("Nothing is sent.")
    return "\n".join([kept, sent, _("Take your time.")])


def break_screen(
    minutes: float, *, has_answers: bool = True, carry_on: str | None = "Enter"
) -> str:
    """Taking a break, as read aloud: the box's words, what happens after the break,
    and the key (``carry_on``) that carries on."""
    ready = (
        _("Press {key} when you are ready to carry on.", key=_(carry_on))
        if carry_on
        else _("Press {button} when you are ready to carry on.", button=_(I_AM_READY))
    )
    return join(
        [
            _("You are taking a break."),
            *break_words(minutes, has_answers=has_answers).splitlines(),
            _("After that, we will ask if you are still there."),
            ready,
        ]
    )


STILL_THERE = N_("Are you still there?")
MORE_TIME = N_("I need more time")
"""The button on the "Are you still there?" box."""


def still_there_note(seconds: int, *, has_answers: bool) -> str:
    """What the "Are you still there?" box says under its title, counting down.

    Answers are mentioned only once there may be some (not on the screens before
    the first question).
    """
    if has_answers:
        return n_(
            "Take your time. If there's no answer, the kiosk will start again in "
            "{count} second, and your answers will be deleted.",
            "Take your time. If there's no answer, the kiosk will start again in "
            "{count} seconds, and your answers will be deleted.",
            seconds,
        )
    return n_(
        "Take your time. If there's no answer, the kiosk will start again in {count} second.",
        "Take your time. If there's no answer, the kiosk will start again in {count} seconds.",
        seconds,
    )


def still_there(seconds: int, *, has_answers: bool) -> str:
    """The idle warning as read aloud: the box's own words, then how to carry on."""
    return join(
        [
            _(STILL_THERE),
            still_there_note(seconds, has_answers=has_answers),
            _("To carry on, press {button}, or any key.", button=_(MORE_TIME)),
        ]
    )
