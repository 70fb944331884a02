"""State a survey in a few lines, so each test's input is visible in the test itself.

    from tests.support.survey_yaml import build_survey, survey_yaml

    text = survey_yaml('''
      - id: mood
        kind: single
        text: How was today?
        options: [Good, OK, Not so good]
    ''')
    survey = build_survey('''
      - id: mood
        kind: yesno
        text: Did it help?
    ''', title="Debrief")

``survey_yaml`` wraps the question YAML (a list, indented any way you like) in a
valid id / title / version / intro / consent block. Keyword arguments replace
top-level fields (``title="X"``) or add new ones after the consent block;
``None`` leaves a field out. A value with a line break is written on the lines
under the field name, so indent it two spaces
(``consent=CONSENT_YAML + "  ticks: ..."``). ``questions="[]"`` (or ``None``)
replaces the whole questions field, and the question YAML is then ignored.

With the default fields, ``HEADER_LINES`` lines come before the first question, so
question line N of the input is line ``HEADER_LINES + N`` of the file.
"""

from __future__ import annotations

import textwrap

from surveys.loader import LoadResult, load_survey_text
from surveys.model import Survey

CONSENT_YAML = """\
  text: standard-v1
  organisation: the Recovery College
  coordinator: the course coordinator
  contact: the college office
"""
"""The body of a valid consent block (indented two spaces, ending in a newline)."""

_TOP: dict[str, str | None] = {
    "id": "test_survey",
    "title": "A test survey",
    "version": "1",
    "intro": "Thank you for helping.",
    "consent": CONSENT_YAML,
}

HEADER_LINES = 10
"""Lines before the questions (id, title, version, intro, consent and 4 fields, questions:)."""


def survey_yaml(questions_yaml: str, **top: str | None) -> str:
    """A whole survey file around ``questions_yaml`` (the items under ``questions:``).

    ``top`` replaces or adds top-level fields; a value of ``None`` drops the field.
    Multi-line values (such as a consent block or sections list) are written under
    the field name as given, so indent them two spaces.
    """
    fields = {**_TOP, **top}
    if "questions" not in top:
        body = textwrap.indent(textwrap.dedent(questions_yaml).strip("\n"), "  ")
        fields["questions"] = "\n" + body if body.strip() else ""
    lines: list[str] = []
    for name, value in fields.items():
        if value is None:
            continue
        if "\n" in value:
            lines.append(f"{name}:\n{value.strip(chr(10)).rstrip()}")
        else:
            lines.append(f"{name}: {value}".rstrip())
    return "\n".join(lines) + "\n"


def load(questions_yaml: str, **top: str | None) -> LoadResult:
    """Load ``survey_yaml(questions_yaml, **top)`` under the name ``survey.yaml``."""
    return load_survey_text(survey_yaml(questions_yaml, **top), "survey.yaml")


def build_survey(questions_yaml: str, **top: str | None) -> Survey:
    """Load a survey that must be valid; fail the test with every problem if it is not."""
    result = load(questions_yaml, **top)
    problems = "\n".join(p.describe() for p in result.problems)
    assert result.survey is not None, f"survey did not load:\n{problems}"
    assert not result.errors, problems
    return result.survey
