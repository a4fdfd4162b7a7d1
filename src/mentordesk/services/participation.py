"""What each sponsor company's people did: volunteers, hours and sessions per branch.

Every figure is for a period (first and last day both included) and counts
through the volunteer's employment history: an activity counts for the company
and branch the volunteer worked at ON THE DAY OF THAT ACTIVITY, so a volunteer
who moved from one branch to another mid-period is split between the two.

Definitions (the sponsor report and the Sponsors page use these words):

- An **activity** is an attended mentoring session (status "attended"; cancelled
  sessions and no-shows are not activities) or an attended event (attendance
  status "attended" at an event that is not archived).
- A volunteer **volunteered for a branch** in the period when they have at least
  one activity on a day of the period on which an employment row of theirs
  (start_date..end_date, open ends included) places them at that branch. For a
  company, the same with any of its branches (or with no branch recorded).
  A volunteer who worked at two branches during the period and was active at
  both counts once at each branch and once for the company.
- **Sessions** and **hours** are the attended mentoring sessions in the period
  and their minutes, counted for the branch of the employment covering the
  session's date (events are not sessions and add no hours here). A session on a
  day two employment rows overlap (two jobs, or a data slip) counts once for
  each branch they name and once for each company -- never twice for one.
- **Participation rate** of a branch is volunteers ÷ headcount (the headcount the
  coordinator entered); None when the headcount is missing or 0.

Archived volunteers still count: what they did in the period happened. Archived
branches appear in a company's list only when they had activity in the period,
so the branch rows account for all of the company's hours.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date, timedelta

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from ..domain import Branch, Sponsor
from ..domain.dates import add_months
from ..domain.errors import ValidationError
from .participation_sql import (  # noqa: F401 (the SQL helpers stay importable from here)
    IN_CHUNK,
    _activities_of,
    _overlap,
    _overlapping_volunteers,
    _per_employment,
    _Tally,
    _tally,
)

NO_BRANCH = "No branch recorded"


@dataclass(frozen=True, slots=True)
class Period:
    """From `start` to `end`, both days included."""

    start: date
    end: date

    def __post_init__(self) -> None:
        if self.end < self.start:
            raise ValidationError("The period must end on or after the day it starts.", "end")

    @classmethod
    def last_12_months(cls, today: date) -> Period:
        """Twelve months ending today: from the day after the same date a year ago."""
        return cls(add_months(today, -12) + timedelta(days=1), today)

    def contains(self, day: date) -> bool:
        return self.start <= day <= self.end


class _Figures:
    """Hours and the participation rate, from minutes, volunteers and headcount."""

    __slots__ = ()
    minutes: int
    volunteers: int
    headcount: int | None

    @property
    def hours(self) -> float:
        return self.minutes / 60

    @property
    def rate(self) -> float | None:
        """Volunteers ÷ headcount; None without a headcount (or a headcount of 0)."""
        return self.volunteers / self.headcount if self.headcount else None


@dataclass(frozen=True, slots=True)
class BranchParticipation(_Figures):
    """One branch's figures for a period. `branch_id` None: no branch was recorded."""

    sponsor_id: int
    branch_id: int | None
    name: str
    city: str | None
    headcount: int | None
    volunteers: int
    minutes: int
    sessions: int
    archived: bool = False
    version: int | None = None

    @property
    def id(self) -> int | None:
        return self.branch_id


@dataclass(frozen=True, slots=True)
class SponsorParticipation(_Figures):
    """One company's figures for a period (each volunteer and session counted once)."""

    sponsor_id: int
    name: str
    contact_name: str | None
    contact_email: str | None
    contact_phone: str | None
    branches: int  # branches not archived
    headcount: int | None  # sum over those branches with a headcount; None if none has one
    volunteers: int
    minutes: int
    sessions: int
    archived: bool = False
    version: int | None = None
    branch_rows: tuple[BranchParticipation, ...] = ()  # its branches, as branch_figures lists them

    @property
    def id(self) -> int:
        return self.sponsor_id


@dataclass(frozen=True)
class Participation:
    """Companies and branches with their figures for one period."""

    period: Period
    sponsors: list[SponsorParticipation]
    branches: list[BranchParticipation]

    def branches_of(self, sponsor_id: int) -> list[BranchParticipation]:
        return [b for b in self.branches if b.sponsor_id == sponsor_id]


# --- the service --------------------------------------------------------------------------

class ParticipationService:
    """Read-only figures: one aggregate query over employment rows (with correlated
    sums over their sessions), then a roll-up of a few thousand rows."""

    def __init__(self, db):
        self.db = db

    def overview(self, period: Period, *, include_archived: bool = False) -> Participation:
        """Every company and every branch with its figures for the period."""
        with self.db.reading() as s:
            branch_tally, sponsor_tally = _tally(s, period, None)
            branches = self._branches(s, branch_tally, None, include_archived)
            sponsors = self._sponsors(s, sponsor_tally, include_archived, branches)
        return Participation(period, sponsors, branches)

    def sponsor_figures(self, period: Period, *,
                        include_archived: bool = False) -> list[SponsorParticipation]:
        return self.overview(period, include_archived=include_archived).sponsors

    def branch_figures(self, period: Period, *, sponsor_id: int | None = None,
                       include_archived: bool = False) -> list[BranchParticipation]:
        """Branches (of one company, or of all) by company, then name; see _branches."""
        with self.db.reading() as s:
            tally, _ = _tally(s, period, sponsor_id)
            return self._branches(s, tally, sponsor_id, include_archived)

    @staticmethod
    def _branches(s: Session, tally, sponsor_id: int | None,
                  include_archived: bool) -> list[BranchParticipation]:
        """Branch rows; an archived branch only with activity in the period (or when asked).
        A row with branch_id None collects activity while the volunteer's employment named
        the company but no branch; it appears only when there is some."""
        query = select(Branch.id, Branch.sponsor_id, Branch.name, Branch.city, Branch.headcount,
                       Branch.archived_at, Branch.version)
        if sponsor_id is not None:
            query = query.where(Branch.sponsor_id == sponsor_id)
        rows = []
        empty = _Tally()
        for b in s.execute(query):
            t = tally.get((b.sponsor_id, b.id), empty)
            if b.archived_at is not None and not include_archived and not t.volunteers:
                continue
            rows.append(BranchParticipation(
                b.sponsor_id, b.id, b.name, b.city, b.headcount, len(t.volunteers), t.minutes,
                t.sessions, b.archived_at is not None, b.version))
        for (sid, bid), t in tally.items():
            if bid is None and t.volunteers:
                rows.append(BranchParticipation(sid, None, NO_BRANCH, None, None,
                                                len(t.volunteers), t.minutes, t.sessions))
        rows.sort(key=lambda r: (r.sponsor_id, r.branch_id is None, r.name.casefold()))
        return rows

    @staticmethod
    def _sponsors(s: Session, tally, include_archived: bool,
                  branches: list[BranchParticipation]) -> list[SponsorParticipation]:
        branches_of: dict[int, list[BranchParticipation]] = defaultdict(list)
        for branch in branches:
            branches_of[branch.sponsor_id].append(branch)
        counts = {sid: (int(n), int(known), total) for sid, n, known, total in s.execute(
            select(Branch.sponsor_id, func.count(), func.count(Branch.headcount),
                   func.sum(Branch.headcount))
            .where(Branch.archived_at.is_(None)).group_by(Branch.sponsor_id))}
        query = select(Sponsor.id, Sponsor.name, Sponsor.contact_name, Sponsor.contact_email,
                       Sponsor.contact_phone, Sponsor.archived_at, Sponsor.version)
        if not include_archived:
            query = query.where(Sponsor.archived_at.is_(None))
        rows = []
        empty = _Tally()
        for sp in s.execute(query):
            t = tally.get(sp.id, empty)
            n, known, total = counts.get(sp.id, (0, 0, None))
            rows.append(SponsorParticipation(
                sp.id, sp.name, sp.contact_name, sp.contact_email, sp.contact_phone, n,
                int(total) if known else None, len(t.volunteers), t.minutes, t.sessions,
                sp.archived_at is not None, sp.version, tuple(branches_of[sp.id])))
        rows.sort(key=lambda r: r.name.casefold())
        return rows

