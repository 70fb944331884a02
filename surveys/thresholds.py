"""How cautious an export is: the numbers behind "small numbers are hidden".

Two profiles, from ``research/privacy.md`` §0–1:

* ``small-group`` (the default) follows the GP Patient Survey pattern for rooms of
  5–15 people: no numbers at all for fewer than 10 people, counts 1–4 shown as
  "<5" with secondary suppression, no percentage or average on fewer than 10.
* ``nhs`` follows NHS England's method for large pooled data: counts 1–7 hidden,
  every other count rounded to the nearest 5, no secondary suppression (rounding
  protects the totals), averages from 8 values up.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from enum import StrEnum

from surveys.errors import PlainError


class Profile(StrEnum):
    """A named set of thresholds."""

    SMALL_GROUP = "small-group"
    NHS = "nhs"


class ThresholdsError(PlainError, ValueError):
    """A threshold setting makes no sense; the message is plain English."""


@dataclass(frozen=True, slots=True)
class Thresholds:
    """Every disclosure-control setting, with the small-group defaults."""

    profile: Profile = Profile.SMALL_GROUP
    min_respondents: int = 10
    """A table about fewer people than this shows no numbers at all."""
    cell_min: int = 5
    """Counts from 1 to ``cell_min - 1`` are hidden (0 is shown)."""
    percent_min_denominator: int = 10
    """No percentage is worked out of fewer people than this."""
    stats_min_n: int = 10
    """No average or median of fewer values than this."""
    secondary: bool = True
    """Hide more cells until no hidden count can be worked out from the totals."""
    dominance: bool = True
    """On sensitive questions, hide answers (nearly) everyone gave."""
    rounding_base: int = 0
    """Round every shown count to a multiple of this (0: no rounding)."""
    k_anonymity: int = 5
    """Row-level data: each mix of "about you" answers and month is shared by this many rows."""
    l_diversity: int = 2
    """Row-level data: sensitive answers need this many different values in each such group."""

    def __post_init__(self) -> None:
        if self.cell_min < 1:
            raise ThresholdsError("The smallest count to show must be 1 or more.")
        if self.min_respondents < self.cell_min:
            raise ThresholdsError(
                "The smallest group to report on can't be smaller than the smallest count."
            )
        if self.percent_min_denominator < 1 or self.stats_min_n < 1:
            raise ThresholdsError("Percentages and averages need at least 1 value.")
        if self.rounding_base < 0 or self.rounding_base == 1:
            raise ThresholdsError("Rounding must be to 2 or more, or 0 for no rounding.")
        if self.k_anonymity < 1 or self.l_diversity < 1:
            raise ThresholdsError("Row-level group sizes must be 1 or more.")

    @property
    def small_label(self) -> str:
        """How a hidden small count is shown: "<5"."""
        return f"<{self.cell_min}"

    def describe(self) -> list[str]:
        """The settings in plain sentences, for the report's "About this report"."""
        lines = [
            f"Groups of fewer than {self.min_respondents} people get no numbers.",
            f"Counts from 1 to {self.cell_min - 1} are shown as \u201c{self.small_label}\u201d.",
        ]
        if self.rounding_base:
            lines.append(f"Every other count is rounded to the nearest {self.rounding_base}.")
        if self.secondary:
            lines.append(
                "More numbers are hidden where needed, so a hidden number can't be "
                "worked out from the totals."
            )
        lines.append(
            f"No percentage is given of fewer than {self.percent_min_denominator} people, "
            f"and no average of fewer than {self.stats_min_n} answers."
        )
        if self.dominance:
            lines.append("On sensitive questions, an answer that (nearly) everyone gave is hidden.")
        lines.append("\u201cAbout you\u201d answers are only counted one question at a time.")
        return lines


SMALL_GROUP = Thresholds()
NHS = Thresholds(
    profile=Profile.NHS,
    cell_min=8,
    stats_min_n=8,
    secondary=False,
    rounding_base=5,
)

_PROFILES = {Profile.SMALL_GROUP: SMALL_GROUP, Profile.NHS: NHS}


def thresholds_for(profile: str | Profile, **changes: int | bool) -> Thresholds:
    """The thresholds of a named profile, with any settings changed.

    Raises ``ThresholdsError`` (plain message) for an unknown profile or a bad setting.
    """
    try:
        base = _PROFILES[Profile(profile)]
    except ValueError as error:
        names = ", ".join(p.value for p in Profile)
        raise ThresholdsError(
            f"There is no thresholds profile called '{profile}'. Use one of: {names}."
        ) from error
    return replace(base, **changes) if changes else base  # type: ignore[arg-type]
