"""How long matches last: spans, survival to 6/12/24 months among the matches that
could have got there, total and average lengths. Plain values and rules, shared by
the reports (and open to the dashboard)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from .dates import add_months, reached_months

MONTH_DAYS = 365.25 / 12  # the average calendar month, for lengths in months
SURVIVAL_MONTHS = (6, 12, 24)


def share(part: int, whole: int) -> float | None:
    """part ÷ whole, or None when there is nothing to divide by."""
    return part / whole if whole else None


@dataclass(frozen=True, slots=True)
class MatchSpan:
    """One match as the report sees it: its start and, if it closed, its closure date."""

    start: date
    closed_on: date | None = None

    def active_in(self, first: date, last: date) -> bool:
        """Running on at least one day from `first` to `last`."""
        return self.start <= last and (self.closed_on is None or self.closed_on >= first)

    def closed_by(self, day: date) -> bool:
        return self.closed_on is not None and self.closed_on <= day

    def running_on(self, day: date) -> bool:
        return self.start <= day and not self.closed_by(day)

    def length_end(self, as_of: date) -> date:
        """The last day of the match as known on `as_of`: its closure, else `as_of`."""
        return self.closed_on if self.closed_by(as_of) else as_of


def survival(spans: list[MatchSpan], as_of: date, months: int) -> tuple[int, int]:
    """(reached, could have): among the matches that could have lasted `months` by
    `as_of` -- closed by then, or started at least `months` before -- those that did."""
    could = [m for m in spans if m.closed_by(as_of) or add_months(m.start, months) <= as_of]
    reached = sum(reached_months(m.start, m.length_end(as_of), months) for m in could)
    return reached, len(could)


def total_days(spans: list[MatchSpan], as_of: date) -> int:
    """The matches' lengths in days (start to closure, or to `as_of`), added up."""
    return sum((m.length_end(as_of) - m.start).days for m in spans)


@dataclass(frozen=True, slots=True)
class Survival:
    """Matches that reached `months` months, among those that could have."""

    months: int
    reached: int
    could_have: int

    @property
    def share(self) -> float | None:
        return share(self.reached, self.could_have)
