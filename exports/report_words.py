"""The report's own words in the report's language (``kiosk export --lang cy``).

An export serves a whole group at once, so it never uses the kiosk screen's ``_``:
it takes ``surveys.catalogues.words(code)`` and looks each message up there (the
``report`` domain's catalogues). Messages written in Python are marked with ``N_``
where they are used, so ``make catalogues`` finds them; templates call ``_`` and
``n_`` (``template_functions``), which fill named ``{braces}`` after lookup and
escape every value.

The sentences saying why a number is hidden (``surveys.disclosure.explain``) and
what the settings were (``Thresholds.describe``) are written in the core, in the
kiosk's own domain. The report says them in its language with ``reason_text`` and
``settings_text`` here; in English they are word for word the core's (a test
checks), so the two can't drift apart.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence

from markupsafe import Markup, escape

from surveys.catalogues import DOMAINS, N_, Words, words
from surveys.disclosure import Reason, Released
from surveys.languages import SOURCE_LANGUAGE, language
from surveys.thresholds import Thresholds

HIDDEN = "hidden"
"""What ``surveys.disclosure.release`` shows for a number hidden for any reason but
a small count."""
EVERY_NUMBER = N_("every number")
"""The item of a hidden-numbers line that covers a whole table."""

MONTHS = (
    N_("January"),
    N_("February"),
    N_("March"),
    N_("April"),
    N_("May"),
    N_("June"),
    N_("July"),
    N_("August"),
    N_("September"),
    N_("October"),
    N_("November"),
    N_("December"),
)

CHANNEL_WORDS = {
    "kiosk": N_("On the kiosk"),
    "phone": N_("On their own phone"),
    "web": N_("On a web page"),
    "paper": N_("Paper"),
}
"""How people took part, in the impact report's words (a channel not listed is
shown by its name)."""


def report_languages() -> tuple[str, ...]:
    """The languages a report can be written in: English and those the ``report``
    catalogues ship."""
    shipped = next(d.languages for d in DOMAINS if d.name == "report")
    return (SOURCE_LANGUAGE, *shipped)


def report_words(code: str) -> Words:
    """The report's words in ``code`` (English for English or a language not shipped)."""
    return words(code, first="report")


def html_language(code: str) -> str:
    """The value of ``<html lang>`` for a report in ``code``."""
    return "en-GB" if code == "en" else code


def month_in(w: Words, month: str) -> str:
    """ "2026-03" → "March 2026" in the report's language (as it is when not a month)."""
    try:
        when = dt.date.fromisoformat(f"{month}-01")
    except ValueError:
        return month
    return w(N_("{month} {year}"), month=w(MONTHS[when.month - 1]), year=when.year)


def day_in(w: Words, day: str | dt.date) -> str:
    """ "2026-03-12" → "12 March 2026" in the report's language (as it is when not a day)."""
    if isinstance(day, dt.date):
        when = day
    else:
        try:
            when = dt.date.fromisoformat(day)
        except ValueError:
            return day
    return w(
        N_("{day} {month} {year}"), day=when.day, month=w(MONTHS[when.month - 1]), year=when.year
    )


def lang_tag(code: str) -> str:
    """The HTML ``lang`` value for text in ``code``: the code itself when it is a
    language tag ("cy"), else the language it is written in (Easy Read is English)."""
    if code.isalpha() and code.islower() and 2 <= len(code) <= 3:
        return code
    found = language(code)
    return found.voice if found else "und"


def language_name(w: Words, code: str) -> str:
    """A language as the report names it: its own name, and in an English report its
    English name too where that differs ("Cymraeg (Welsh)")."""
    found = language(code)
    if found is None:
        return code
    if w.language == "en" and found.english_name != found.own_name:
        return f"{found.own_name} ({found.english_name})"
    return found.own_name


def shown(w: Words, released: Released) -> str:
    """A published count as the report shows it: the number, the small-number label
    ("<5"), or "hidden" in the report's language."""
    if released.value is None and released.shown == HIDDEN:
        return w(N_("hidden"))
    return released.shown


def reason_text(w: Words, reason: Reason, thresholds: Thresholds) -> str:
    """Why a number is hidden, in the report's language (``surveys.disclosure.explain``)."""
    t = thresholds
    texts = {
        Reason.SMALL: lambda: w(
            N_("Between 1 and {small} people: hidden so that no one can be singled out."),
            small=t.cell_min - 1,
        ),
        Reason.SECONDARY: lambda: w(
            N_("Hidden as well, so that a small hidden number can't be worked out from the totals.")
        ),
        Reason.TOO_FEW: lambda: w(
            N_("Fewer than {count} people answered, so no numbers are shown."),
            count=t.min_respondents,
        ),
        Reason.DOMINANCE: lambda: w(
            N_(
                "Nearly everyone gave the same answer. Showing it could tell people in the "
                "room how the others answered."
            )
        ),
        Reason.LINKED: lambda: w(
            N_(
                "This question was only shown to some people, and how many would reveal a "
                "hidden number in an earlier question."
            )
        ),
        Reason.NO_PERCENT: lambda: w(
            N_(
                "No percentage: it would be worked out of fewer than {count} people, or of "
                "a hidden number."
            ),
            count=t.percent_min_denominator,
        ),
        Reason.NO_AVERAGE: lambda: w(
            N_(
                "No average: fewer than {count} answers, or the average could reveal a "
                "hidden number."
            ),
            count=t.stats_min_n,
        ),
        Reason.ROW_GROUP: lambda: w(
            N_(
                "In the data files, hidden on some rows so that every mix of \u201cabout "
                "you\u201d answers, month and survey version is shared by at least {count} "
                "rows."
            ),
            count=t.k_anonymity,
        ),
        Reason.WITHHELD: lambda: w(N_("Not shown, to protect the people who answered.")),
        Reason.ROW_SENSITIVE: lambda: w(
            N_(
                "In the data files, hidden where a group of rows had fewer than {count} "
                "different answers, which could tell how someone answered."
            ),
            count=t.l_diversity,
        ),
    }
    return texts[reason]()


def settings_text(w: Words, thresholds: Thresholds) -> list[str]:
    """The settings in plain sentences in the report's language (``Thresholds.describe``)."""
    t = thresholds
    lines = [
        w(N_("Groups of fewer than {count} people get no numbers."), count=t.min_respondents),
        w(
            N_("Counts from 1 to {small} are shown as \u201c{label}\u201d."),
            small=t.cell_min - 1,
            label=t.small_label,
        ),
    ]
    if t.rounding_base:
        lines.append(
            w(N_("Every other count is rounded to the nearest {base}."), base=t.rounding_base)
        )
    if t.secondary:
        lines.append(
            w(
                N_(
                    "More numbers are hidden where needed, so a hidden number can't be "
                    "worked out from the totals."
                )
            )
        )
    lines.append(
        w(
            N_(
                "No percentage is given of fewer than {people} people, and no average of "
                "fewer than {answers} answers."
            ),
            people=t.percent_min_denominator,
            answers=t.stats_min_n,
        )
    )
    if t.dominance:
        lines.append(
            w(N_("On sensitive questions, an answer that (nearly) everyone gave is hidden."))
        )
    lines.append(w(N_("\u201cAbout you\u201d answers are only counted one question at a time.")))
    return lines


def template_functions(w: Words) -> dict[str, Callable[..., object]]:
    """``_`` and ``n_`` for the report's templates: the message in the report's
    language with ``{name}`` values filled in, every value escaped (a value that is
    already markup, such as ``<strong>``, is kept)."""

    def say(message: str, /, **values: object) -> Markup:
        text = escape(w(message))  # the message's own words, as text (escape gives Markup)
        return text.format(**values) if values else text

    def counted(singular: str, plural: str, count: int, /, **values: object) -> Markup:
        # The form for ``count`` with the other {names} left in place, then filled escaped.
        text = w.n(singular, plural, count, **{key: f"{{{key}}}" for key in values})
        safe = escape(text)
        return safe.format(**values) if values else safe

    return {"_": say, "n_": counted}


STATUS_WORDS = {
    "planned": N_("Planned"),
    "in progress": N_("In progress"),
    "done": N_("Done"),
    "not possible": N_("Not possible"),
}
TIMELINESS_WORDS = {
    "closed on time": N_("Closed on time"),
    "closed late": N_("Closed late"),
    "overdue": N_("Overdue"),
    "not due yet": N_("Not due yet"),
    "not possible": N_("Not possible"),
}
COUNTED_TIMELINESS = {
    "closed on time": N_("{count} closed on time"),
    "closed late": N_("{count} closed late"),
    "overdue": N_("{count} overdue"),
    "not due yet": N_("{count} not due yet"),
    "not possible": N_("{count} not possible"),
}


def status_words(w: Words, status: str) -> str:
    """An action's status ("in progress") as the report shows it ("In progress")."""
    return w(STATUS_WORDS[status]) if status in STATUS_WORDS else status.capitalize()


def timeliness_words(w: Words, timeliness: str) -> str:
    """How an action stands against its due date, as the report shows it."""
    found = TIMELINESS_WORDS.get(timeliness)
    return w(found) if found else timeliness.capitalize()


def outcomes_summary(w: Words, counts: Sequence[tuple[str, int]]) -> str:
    """ "Of 12 actions: 5 closed on time, 3 overdue and 4 not due yet." in the
    report's language (``counts``: each timeliness with its number of actions)."""
    total = sum(count for _, count in counts)
    if not total:
        return ""
    parts = [
        w(COUNTED_TIMELINESS[kind], count=count) if kind in COUNTED_TIMELINESS else kind
        for kind, count in counts
    ]
    listed = parts[0]
    if len(parts) > 1:
        listed = w(N_("{items} and {last}"), items=", ".join(parts[:-1]), last=parts[-1])
    ngettext = w.n  # the name ``make catalogues`` looks for
    return ngettext(
        "Of {count} action: {listed}.", "Of {count} actions: {listed}.", total, listed=listed
    )
