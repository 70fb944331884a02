"""The impact report's period: ``--from 2026-01 --to 2026-12``, and its quarters.

A period runs from the first day of its first month to the last day of its last
month. Quarters are calendar quarters (January to March is the first); a quarter
cut by the period's edge counts only the months inside the period.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass

from surveys.errors import PlainError

_MONTH = re.compile(r"(\d{4})-(\d{1,2})")
MONTH_NAMES = tuple(calendar.month_name[m] for m in range(1, 13))
SHORT_NAMES = tuple(calendar.month_abbr[m] for m in range(1, 13))
LONGEST_YEARS = 10
"""A report covers at most this many years (longer is almost surely a typing slip)."""


class PeriodError(PlainError):
    """The months given for the report can't be used; the message says why, kindly."""


@dataclass(frozen=True, order=True, slots=True)
class Quarter:
    """One calendar quarter, cut to the period."""

    year: int
    number: int
    first: dt.date
    last: dt.date

    @property
    def key(self) -> str:
        """``2026-Q1``: for files and cell ids."""
        return f"{self.year}-Q{self.number}"

    @property
    def label(self) -> str:
        """``Jan to Mar 2026`` (the months inside the period)."""
        start, end = SHORT_NAMES[self.first.month - 1], SHORT_NAMES[self.last.month - 1]
        if start == end:
            return f"{start} {self.year}"
        return f"{start} to {end} {self.year}"


@dataclass(frozen=True, slots=True)
class Period:
    """From the first day of one month to the last day of another."""

    first: dt.date
    last: dt.date

    @property
    def label(self) -> str:
        """``2026`` for a whole year, else ``April 2026 to March 2027``."""
        if (self.first.month, self.last.month) == (1, 12) and self.first.year == self.last.year:
            return str(self.first.year)
        start = f"{MONTH_NAMES[self.first.month - 1]} {self.first.year}"
        end = f"{MONTH_NAMES[self.last.month - 1]} {self.last.year}"
        if start == end:
            return start
        if self.first.year == self.last.year:
            return f"{MONTH_NAMES[self.first.month - 1]} to {end}"
        return f"{start} to {end}"

    def quarters(self) -> tuple[Quarter, ...]:
        """Every quarter the period touches, oldest first."""
        found: list[Quarter] = []
        year, month = self.first.year, self.first.month
        while (year, month) <= (self.last.year, self.last.month):
            number = (month - 1) // 3 + 1
            start = max(self.first, dt.date(year, 3 * number - 2, 1))
            end_month = 3 * number
            end = min(self.last, dt.date(year, end_month, _days(year, end_month)))
            found.append(Quarter(year, number, start, end))
            year, month = (year + 1, 1) if end_month == 12 else (year, end_month + 1)
        return tuple(found)

    def quarter_of(self, day: dt.date) -> Quarter | None:
        """The quarter a day falls in, or None outside the period."""
        if not self.first <= day <= self.last:
            return None
        return next(q for q in self.quarters() if q.first <= day <= q.last)


def _days(year: int, month: int) -> int:
    return calendar.monthrange(year, month)[1]


def _month(text: str, which: str) -> tuple[int, int]:
    found = _MONTH.fullmatch(text.strip())
    if found is None:
        raise PeriodError(
            f"'{text}' is not a month the report understands. "
            f"Please write the {which} month like 2026-01 (the year, a dash, then the month)."
        )
    year, month = int(found.group(1)), int(found.group(2))
    if not 1 <= month <= 12:
        raise PeriodError(
            f"'{text}' has no month {month}: months go from 01 to 12. "
            f"Please write the {which} month like 2026-01."
        )
    if year < 2000:
        raise PeriodError(f"'{text}' is too long ago. Please check the year.")
    return year, month


def period_from(start: str, end: str) -> Period:
    """The period ``--from START --to END`` describes (``PeriodError`` with a kind message)."""
    first_year, first_month = _month(start, "first")
    last_year, last_month = _month(end, "last")
    if (first_year, first_month) > (last_year, last_month):
        raise PeriodError(
            f"The first month ({start}) is after the last month ({end}). "
            "Please swap them round, like --from 2026-01 --to 2026-12."
        )
    if last_year - first_year >= LONGEST_YEARS:
        raise PeriodError(
            f"That is more than {LONGEST_YEARS} years. Please choose a shorter period."
        )
    return Period(
        dt.date(first_year, first_month, 1),
        dt.date(last_year, last_month, _days(last_year, last_month)),
    )
