"""The programme (board) report's figures as plain values, and the pure rules behind them.

services/programme_report.py reads the database and fills these; the PDF
(exporting/pdf/programme.py) prints them. Definitions are in the service's
docstring and in the report's methodology section.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from .cadence import Cadence
from .dates import add_months
from .enums import CheckType, ClosureCategory, VolunteerStatus
from .survival import MONTH_DAYS, Survival, share

CHECK_STATES = ("missing", "pending", "clear", "flagged", "expired")


# --- the rules ----------------------------------------------------------------------------

@dataclass(frozen=True, slots=True)
class Due:
    """One support contact the cadence asked for, and whether one was made by then."""

    due: date
    met: bool


def contact_schedule(start: date, contacts: list[date], cadence: Cadence,
                     until: date) -> list[Due]:
    """Every contact due from the match start up to `until` under the cadence.

    The first is due `first_contact` after the start. A due date is met when a
    contact was made on or before it (and after the one that met the previous due
    date); the next is then due one interval (by the match's age at that contact)
    after the latest contact made by the due date. A due date that passes without
    a contact is missed, and the next falls one interval after the missed date, as
    the cadence would have asked again. Contacts before the start count as made on
    the start date (as domain.cadence does).
    """
    made = sorted(max(d, start) for d in contacts)
    # The phase of an anchor date, without counting months at every step: the match
    # is younger than n months on `anchor` exactly when anchor < start + n months.
    ends = [(add_months(start, p.until_month), p.interval) for p in cadence.phases
            if p.until_month is not None]
    last_interval = cadence.interval_at(10**6)

    def interval_after(anchor: date) -> date:
        return next((iv for end, iv in ends if anchor < end), last_interval).after(anchor)

    out: list[Due] = []
    due, used = cadence.first_contact.after(start), 0
    while due <= until:
        taken = used
        while taken < len(made) and made[taken] <= due:
            taken += 1
        if taken > used:
            anchor, used = made[taken - 1], taken
            out.append(Due(due, True))
        else:
            anchor = due
            out.append(Due(due, False))
        due = interval_after(anchor)
    return out


# --- the figures --------------------------------------------------------------------------

@dataclass(frozen=True, slots=True)
class MatchFigures:
    active: int  # running on at least one day of the period
    started: int  # start date in the period
    closed: int  # closure date in the period
    running_at_end: int
    length_days: int  # matches active in the period, start to closure or period end, summed
    closed_length_days: int  # matches closed in the period, start to closure, summed
    survival: tuple[Survival, ...]

    @property
    def average_months(self) -> float | None:
        """Average length of the matches active in the period, in average months."""
        return self.length_days / self.active / MONTH_DAYS if self.active else None

    @property
    def average_closed_months(self) -> float | None:
        return self.closed_length_days / self.closed / MONTH_DAYS if self.closed else None

    def reaching(self, months: int) -> Survival:
        return next(s for s in self.survival if s.months == months)


@dataclass(frozen=True, slots=True)
class Closures:
    total: int
    by_reason: tuple[tuple[str, int], ...]  # most frequent first, then by label
    by_category: tuple[tuple[ClosureCategory, int], ...]  # every category, in order
    rematch_yes: int
    rematch_no: int
    rematch_unrecorded: int


@dataclass(frozen=True, slots=True)
class Compliance:
    cadence: str  # the cadence's name
    source: str  # where the cadence comes from
    matches: int  # matches active in the period
    with_dues: int  # of those, with at least one contact due in the period
    fully_compliant: int  # every contact due in the period made on time
    due: int  # contacts due in the period, over all matches
    on_time: int  # of those, made on time
    running_at_end: int
    overdue_at_end: int  # running at the end with the next contact past due

    @property
    def share_compliant(self) -> float | None:
        return share(self.fully_compliant, self.with_dues)

    @property
    def share_on_time(self) -> float | None:
        return share(self.on_time, self.due)


@dataclass(frozen=True, slots=True)
class CheckCounts:
    """How the volunteers in screening stand on one required check (one per volunteer)."""

    type: CheckType
    missing: int
    pending: int
    clear: int
    flagged: int
    expired: int
    expiring: int  # clear, but expiring within the warning window after the period

    @property
    def total(self) -> int:
        return self.missing + self.pending + self.clear + self.flagged + self.expired

    def count(self, state: str) -> int:
        return getattr(self, state)


@dataclass(frozen=True, slots=True)
class Screening:
    by_status: tuple[tuple[VolunteerStatus, int], ...]  # every status, in pipeline order
    in_pipeline: int  # volunteers applied, in screening, accepted or matched
    checks: tuple[CheckCounts, ...]  # each check type some volunteer needs, in order
    warning_days: int

    @property
    def volunteers(self) -> int:
        return sum(n for _, n in self.by_status)


@dataclass(frozen=True, slots=True)
class BranchVolunteers:
    branch_id: int | None  # None: the employment names the company but no branch
    name: str
    volunteers: int
    active: int  # of those, with an attended session in the period


@dataclass(frozen=True, slots=True)
class SponsorVolunteers:
    sponsor_id: int | None  # None: no employer recorded on the last day
    name: str
    volunteers: int  # distinct over the branches
    active: int
    branches: tuple[BranchVolunteers, ...]


@dataclass(frozen=True, slots=True)
class Activity:
    sessions: int  # attended sessions in the period
    minutes: int  # their exact minutes
    cancelled: int
    no_show: int
    volunteers: int  # distinct volunteers with an attended session
    youth: int  # distinct young people with an attended session of their match


@dataclass(frozen=True, slots=True)
class ProgrammeFigures:
    start: date
    end: date
    matches: MatchFigures
    closures: Closures
    compliance: Compliance
    screening: Screening
    activity: Activity
    sponsors: tuple[SponsorVolunteers, ...]  # by name; "no employer recorded" last
    volunteers_on_record: int  # not archived (the sponsors table's population)
    active_on_record: int  # of those, with an attended session in the period
