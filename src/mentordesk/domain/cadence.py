"""Support-contact cadence: when the next check-in with a match is due.

Presets follow the field's standards (FIELD.md):
- EEPM 4th ed. (MENTOR 2015): twice in the first month, then monthly.
- BBBS: first contact within 2 weeks, monthly in year one, quarterly after the
  first anniversary.
- EEPM 5th ed. (MENTOR 2025, element 11): check-ins monthly in year one,
  in-depth contact at least quarterly after.

The next contact is due one interval after the last contact that was made (or
after the match start when there is none); the interval depends on the match's
age at that last contact. A match past its due date is overdue.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta

from .dates import add_months, whole_months


@dataclass(frozen=True)
class Interval:
    months: int = 0
    days: int = 0

    def after(self, day: date) -> date:
        return add_months(day, self.months) + timedelta(days=self.days)


@dataclass(frozen=True)
class Phase:
    until_month: int | None  # the phase applies while the match is younger than this
    interval: Interval


@dataclass(frozen=True)
class Cadence:
    key: str
    name: str
    source: str
    first_contact: Interval
    phases: tuple[Phase, ...]

    def interval_at(self, age_months: int) -> Interval:
        for phase in self.phases:
            if phase.until_month is None or age_months < phase.until_month:
                return phase.interval
        return self.phases[-1].interval


EEPM4 = Cadence(
    "eepm4",
    "EEPM 4th edition: twice in the first month, then monthly",
    "MENTOR, Elements of Effective Practice for Mentoring, 4th ed. (2015)",
    first_contact=Interval(days=15),
    phases=(Phase(1, Interval(days=15)), Phase(None, Interval(months=1))),
)
BBBS = Cadence(
    "bbbs",
    "BBBS: within 2 weeks, monthly in year one, quarterly after",
    "Big Brothers Big Sisters match support standard",
    first_contact=Interval(days=14),
    phases=(Phase(12, Interval(months=1)), Phase(None, Interval(months=3))),
)
EEPM5 = Cadence(
    "eepm5",
    "EEPM 5th edition: monthly in year one, quarterly after",
    "MENTOR, Elements of Effective Practice for Mentoring, 5th ed. (2025), element 11",
    first_contact=Interval(months=1),
    phases=(Phase(12, Interval(months=1)), Phase(None, Interval(months=3))),
)
PRESETS: dict[str, Cadence] = {c.key: c for c in (EEPM4, BBBS, EEPM5)}
DEFAULT_CADENCE = BBBS


@dataclass(frozen=True)
class ContactDue:
    due: date
    last_contact: date | None
    overdue: bool
    days_overdue: int


def next_contact_due(
    start_date: date, contact_dates: Iterable[date], cadence: Cadence = DEFAULT_CADENCE
) -> tuple[date, date | None]:
    """(due date, last counted contact) for a match started on `start_date`.

    `contact_dates` are the dates of contacts that were made; contacts before the
    start (the match meeting, say) count as made on the start date.
    """
    dates = [max(d, start_date) for d in contact_dates]
    if not dates:
        return cadence.first_contact.after(start_date), None
    last = max(dates)
    interval = cadence.interval_at(whole_months(start_date, last))
    return interval.after(last), last


def contact_status(
    start_date: date,
    contact_dates: Iterable[date],
    today: date,
    cadence: Cadence = DEFAULT_CADENCE,
) -> ContactDue:
    due, last = next_contact_due(start_date, contact_dates, cadence)
    late = (today - due).days
    return ContactDue(due, last, late > 0, max(0, late))
