"""Date arithmetic the rules share (calendar months, match length)."""

from __future__ import annotations

import calendar
from datetime import date


def add_months(day: date, months: int) -> date:
    """The same day `months` later, clamped to the month's end (31 Jan + 1 = 28/29 Feb)."""
    index = day.year * 12 + (day.month - 1) + months
    year, month = divmod(index, 12)
    month += 1
    last = calendar.monthrange(year, month)[1]
    return date(year, month, min(day.day, last))


def whole_months(start: date, end: date) -> int:
    """Completed calendar months from `start` to `end` (0 if end is before start).

    A match that started on 15 March has lasted one month on 15 April.
    A start on the 31st completes a month on the last day of a shorter month.
    """
    if end < start:
        return 0
    months = (end.year - start.year) * 12 + (end.month - start.month)
    if add_months(start, months) > end:
        months -= 1
    return months


def reached_months(start: date, end: date, months: int) -> bool:
    """True when a match running from start to end lasted at least `months` months."""
    return end >= add_months(start, months)
