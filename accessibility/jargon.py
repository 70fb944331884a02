"""Hard or official words, each with a plainer word to use instead.

Drawn from the NHS digital service manual's word list and the Plain English
Campaign's A to Z of alternative words, with words common in mental-health services.
Each entry lists the forms to catch ("utilise", "utilises", "utilising", "utilize" …);
matching is by whole words, in any case.
"""

from __future__ import annotations

import re

JARGON: tuple[tuple[tuple[str, ...], str], ...] = (
    (
        (
            "utilise",
            "utilises",
            "utilised",
            "utilising",
            "utilisation",
            "utilize",
            "utilizes",
            "utilized",
            "utilizing",
            "utilization",
        ),
        "use",
    ),
    (("facilitate", "facilitates", "facilitated", "facilitating"), "help, or run"),
    (("commence", "commences", "commenced", "commencing", "commencement"), "start"),
    (("in order to",), "to"),
    (("prior to",), "before"),
    (("service user", "service users"), "people who use services, or you"),
    (("terminate", "terminates", "terminated", "terminating"), "end, or stop"),
    (("endeavour", "endeavours", "endeavoured", "endeavor"), "try"),
    (("assist", "assists", "assisted", "assisting", "assistance"), "help"),
    (("approximately",), "about"),
    (("additional",), "more, or extra"),
    (("require", "requires", "required", "requiring", "requirement", "requirements"), "need"),
    (("sufficient", "sufficiently"), "enough"),
    (
        ("regarding", "in relation to", "with regard to", "with respect to", "pertaining to"),
        "about",
    ),
    (("obtain", "obtains", "obtained", "obtaining"), "get"),
    (("purchase", "purchases", "purchased"), "buy"),
    (
        ("participate", "participates", "participated", "participating", "participation"),
        "take part",
    ),
    (("individuals",), "people"),
    (("demonstrate", "demonstrates", "demonstrated", "demonstrating"), "show"),
    (("subsequently",), "later, or then"),
    (("therefore",), "so"),
    (("in the event that", "in the event of"), "if"),
    (("at this point in time", "at the present time"), "now"),
    (
        ("implement", "implements", "implemented", "implementing", "implementation"),
        "do, or carry out",
    ),
    (("methodology",), "method, or way"),
    (("ascertain", "ascertained"), "find out"),
    (("evaluate", "evaluates", "evaluated", "evaluating", "evaluation"), "check, or judge"),
    (("indicate", "indicates", "indicated", "indicating"), "show, or say"),
    (("modify", "modifies", "modified", "modification"), "change"),
    (("optimal", "optimum"), "best"),
    (("prioritise", "prioritize", "prioritised", "prioritized"), "put first"),
    (("remuneration",), "pay"),
    (("whilst",), "while"),
    (("accordingly",), "so"),
    (("aforementioned",), "this, or that"),
    (("notwithstanding",), "even though, or despite"),
    (("deem", "deemed"), "think"),
    (("expedite",), "speed up"),
    (("ensure", "ensures", "ensured", "ensuring"), "make sure"),
    (("outcome", "outcomes"), "result"),
    (("engagement",), "taking part"),
    (("signpost", "signposted", "signposting"), "point you to, or tell you about"),
    (("holistic",), "whole-person"),
    (("care pathway", "pathway", "pathways"), "steps, or route"),
    (("intervention", "interventions"), "treatment, or help"),
    (("multidisciplinary", "multi-disciplinary"), "different kinds of staff"),
    (("going forward",), "from now on"),
    (("leverage", "leveraged"), "use"),
    (("robust",), "strong"),
    (("comprehensive",), "full"),
    (("adequate", "adequately"), "enough"),
    (("initiate", "initiated"), "start"),
    (("provision",), "services, or what we offer"),
    (("stakeholders",), "everyone involved"),
    (("in conjunction with",), "with"),
    (("a number of",), "some"),
    (("on a regular basis",), "often"),
)
"""(forms, plainer words) pairs."""

_FORMS: dict[str, str] = {form.casefold(): plain for forms, plain in JARGON for form in forms}
_PATTERN = re.compile(
    r"(?<![\w\-])("
    + "|".join(
        r"\s+".join(re.escape(word) for word in form.split())
        for form in sorted(_FORMS, key=len, reverse=True)
    )
    + r")(?![\w\-])",
    re.IGNORECASE,
)


def find_jargon(text: str) -> list[tuple[str, str]]:
    """(words as written, plainer words) for each hard word or phrase in ``text``."""
    found = []
    for match in _PATTERN.finditer(text):
        written = match.group(1)
        plain = _FORMS[" ".join(written.split()).casefold()]
        found.append((written, plain))
    return found
