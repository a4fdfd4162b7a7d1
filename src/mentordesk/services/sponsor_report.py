"""The figures of a sponsor impact report: what one company's people did in a period.

Every figure counts through the volunteer's employment AT THE DATE OF EACH
ACTIVITY (services/participation.py, whose definitions and tally this reuses),
so a volunteer who moved branch -- or company -- mid-period is split correctly.
The period includes its first and last days.

- **Employees volunteering**, **sessions**, **hours** and the branch rows
  (volunteers, headcount, participation rate, hours, sessions) are
  participation.py's figures for the company.
- **New this period**: employees volunteering who had no activity for this
  company before the period's first day.
- **Active matches**: matches with at least one attended session counted for the
  company in the period; **youth served**: the distinct young people of those
  matches (a count only; nothing about them is read beyond their match).
- **Average match length** of those matches, as of the period's last day: from
  the start date to the end date, or to the period's last day when the match
  ran on (or closed later); in months of 365.25 / 12 days.
- **Reaching 6 and 12 months**: of those matches, the ones that could have --
  closed by the period's last day, or running and started at least that long
  before it -- and how many did (the dashboard's rule, as of the period's end).
- **Hours per month**: the same sessions' minutes by calendar month.
- **Estimated value of volunteer time**: exact minutes × the hour rate ÷ 60,
  rounded half up to the cent; the rate is the national one (region "") for the
  period's last year, else the latest earlier year, else the earliest there is.
- **Trainings and learning circles**: attended events (not archived) in the period
  of the volunteers employed by the company on the event's date, by kind.
- **Recognition**: employees volunteering who consented to be named, by name;
  the others only counted.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date, timedelta

from sqlalchemy import and_, extract, func, or_, select
from sqlalchemy.orm import Session

from ..db import Database
from ..domain import (
    Attendance,
    Employment,
    Event,
    HourValueRate,
    LearningCircle,
    Match,
    MentoringSession,
    Sponsor,
    Volunteer,
)
from ..domain.enums import AttendanceStatus, EventKind, MatchStatus, SessionStatus
from ..domain.progress import SILENT, Progress
from ..domain.survival import Survival
from ..domain.values import name_key
from .base import get_or_raise
from .dashboard import DashboardService
from .participation import BranchParticipation, ParticipationService, Period, _overlap, _tally
from .settings import SettingsService

SURVIVAL_MONTHS = (6, 12)
EARLIEST = date(1900, 1, 1)


@dataclass(frozen=True, slots=True)
class HourRate:
    year: int
    cents: int
    currency: str
    source: str


@dataclass(frozen=True, slots=True)
class TrainingLine:
    """Attended events of one kind: distinct events, distinct volunteers, and the
    minutes of every attendance (an event's length once per volunteer present)."""

    kind: EventKind
    events: int
    volunteers: int
    minutes: int


@dataclass(frozen=True)
class SponsorFigures:
    sponsor_id: int
    sponsor: str
    organisation: str
    period: Period
    sponsor_logo: str | None
    organisation_logo: str | None
    volunteers: int
    new_volunteers: int
    headcount: int | None
    sessions: int
    minutes: int
    youth_served: int
    active_matches: int
    match_days: int  # summed lengths of the active matches, as of the period's end
    survival: tuple[Survival, ...]
    rate: HourRate | None
    value_cents: int | None
    branches: tuple[BranchParticipation, ...]
    months: tuple[tuple[date, int], ...]  # (first day of the month, minutes)
    trainings: tuple[TrainingLine, ...]
    circles: tuple[str, ...]  # names of the learning circles whose meetings they attended
    named: tuple[str, ...]  # volunteers who consented to be named
    colleagues: int  # the other employees volunteering
    highlights: str

    @property
    def start(self) -> date:
        return self.period.start

    @property
    def end(self) -> date:
        return self.period.end

    def reaching(self, months: int) -> Survival:
        return next(s for s in self.survival if s.months == months)


@dataclass(frozen=True, slots=True)
class _AsOf:
    """A match as it stood on the period's last day (what DashboardService reads)."""

    status: MatchStatus
    start: date
    end: date | None


def value_of_time(minutes: int, cents_per_hour: int) -> int:
    """minutes × rate ÷ 60 in cents, rounded half up."""
    return (2 * minutes * cents_per_hour + 60) // 120


def months_of(period: Period) -> list[date]:
    """The first day of every calendar month the period touches."""
    months, day = [], period.start.replace(day=1)
    while day <= period.end:
        months.append(day)
        day = (day + timedelta(days=32)).replace(day=1)
    return months


class SponsorReportService:
    def __init__(self, db: Database):
        self.db = db

    def figures(self, sponsor_id: int, start: date, end: date, *,
                highlights: str | None = None, progress: Progress = SILENT) -> SponsorFigures:
        """Every figure of the report for one company and period (read in one session).
        `highlights`: the coordinator's text; None reads the one stored for the company."""
        period = Period(start, end)
        progress.progress(0, 2, "Counting what the volunteers did…")
        settings = SettingsService(self.db).all()
        if highlights is None:
            highlights = settings["report_highlights"].get(str(sponsor_id), "")
        with self.db.reading() as s:
            sponsor = get_or_raise(s, Sponsor, sponsor_id, "sponsor company")
            branch_tally, sponsor_tally = _tally(s, period, sponsor_id)
            branches = ParticipationService._branches(s, branch_tally, sponsor_id, False)
            totals = sponsor_tally.get(sponsor_id)
            volunteer_ids = set(totals.volunteers) if totals else set()
            earlier = self._earlier(s, sponsor_id, start)
            progress.check()
            by_month, matches = self._months_and_matches(s, period, sponsor_id)
            trainings, circles = self._trainings(s, period, sponsor_id)
            named, colleagues = self._recognition(s, volunteer_ids)
            rate = self._rate(s, end.year)
            logo = sponsor.logo_path
            name = sponsor.name
        headcounts = [b.headcount for b in branches if b.headcount is not None and not b.archived]
        as_of = [self._as_of(start_, end_, status, end)
                 for _, start_, end_, status in matches if start_]
        minutes = totals.minutes if totals else 0
        return SponsorFigures(
            sponsor_id=sponsor_id, sponsor=name, organisation=settings["organisation_name"],
            period=period, sponsor_logo=logo or None,
            organisation_logo=settings["organisation_logo"] or None,
            volunteers=len(volunteer_ids), new_volunteers=len(volunteer_ids - earlier),
            headcount=sum(headcounts) if headcounts else None,
            sessions=totals.sessions if totals else 0, minutes=minutes,
            youth_served=len({youth for youth, *_ in matches}),
            active_matches=len(matches),
            match_days=sum(((m.end or end) - m.start).days for m in as_of if m.start <= end),
            survival=tuple(DashboardService._survival(as_of, end, n) for n in SURVIVAL_MONTHS),
            rate=rate, value_cents=value_of_time(minutes, rate.cents) if rate else None,
            branches=tuple(branches),
            months=tuple((m, by_month.get(m, 0)) for m in months_of(period)),
            trainings=trainings, circles=circles, named=named, colleagues=colleagues,
            highlights=highlights,
        )

    @staticmethod
    def _as_of(start: date, end: date | None, status: MatchStatus, day: date) -> _AsOf:
        if status == MatchStatus.CLOSED and end is not None and end <= day:
            return _AsOf(MatchStatus.CLOSED, start, end)
        return _AsOf(MatchStatus.ACTIVE, start, None)

    @staticmethod
    def _counted_sessions(period: Period, sponsor_id: int):
        """IDs of the attended sessions in the period counted for the company: reached
        from its employment rows through the (volunteer_id, session_date) index; used
        as `IN (...)`, so a session on a day two employment rows overlap counts once."""
        m, e = MentoringSession, Employment
        overlaps, first, last = _overlap(period)
        return (select(m.id).select_from(e)
                .join(m, and_(m.volunteer_id == e.volunteer_id, m.session_date >= first,
                              m.session_date <= last))
                .where(e.sponsor_id == sponsor_id, overlaps, m.status == SessionStatus.ATTENDED))

    @classmethod
    def _months_and_matches(cls, s: Session, period: Period,
                            sponsor_id: int) -> tuple[dict[date, int], list[tuple]]:
        """Minutes of the counted sessions per calendar month, and (youth, start, end,
        status) of each match with a counted session -- one grouped query."""
        m, day = MentoringSession, MentoringSession.session_date
        year, month = extract("year", day), extract("month", day)
        match_columns = (Match.youth_id, Match.start_date, Match.end_date, Match.status)
        rows = s.execute(
            select(m.match_id, *match_columns, year, month, func.sum(m.duration_minutes))
            .outerjoin(Match, Match.id == m.match_id)
            .where(m.id.in_(cls._counted_sessions(period, sponsor_id)))
            .group_by(m.match_id, *match_columns, year, month))
        by_month: dict[date, int] = defaultdict(int)
        matches = {}
        for match_id, youth, start, end, status, y, mo, minutes in rows:
            by_month[date(int(y), int(mo), 1)] += int(minutes)
            if match_id is not None:
                matches[match_id] = (youth, start, end, status)
        return by_month, list(matches.values())

    @staticmethod
    def _earlier(s: Session, sponsor_id: int, start: date) -> set[int]:
        """Volunteers with an activity for the company before `start` (participation's
        definition of an activity, asked as EXISTS: no sums over the whole history)."""
        if start <= EARLIEST:
            return set()
        m, e = MentoringSession, Employment
        overlaps, first, last = _overlap(Period(EARLIEST, start - timedelta(days=1)))
        session = select(m.id).where(m.volunteer_id == e.volunteer_id,
                                     m.status == SessionStatus.ATTENDED,
                                     m.session_date >= first, m.session_date <= last).exists()
        event = (select(Attendance.id).join(Event, Event.id == Attendance.event_id)
                 .where(Attendance.volunteer_id == e.volunteer_id,
                        Attendance.status == AttendanceStatus.ATTENDED,
                        Event.archived_at.is_(None),
                        Event.event_date >= first, Event.event_date <= last).exists())
        return set(s.scalars(select(e.volunteer_id).distinct()
                             .where(e.sponsor_id == sponsor_id, overlaps, or_(session, event))))

    @staticmethod
    def _trainings(s: Session, period: Period,
                   sponsor_id: int) -> tuple[tuple[TrainingLine, ...], tuple[str, ...]]:
        e, a = Employment, Attendance
        overlaps, first, last = _overlap(period)
        rows = s.execute(
            select(a.volunteer_id, Event.id, Event.kind, Event.duration_minutes,
                   LearningCircle.name)
            .select_from(e)
            .join(a, a.volunteer_id == e.volunteer_id)
            .join(Event, and_(Event.id == a.event_id, Event.event_date >= first,
                              Event.event_date <= last))
            .outerjoin(LearningCircle, LearningCircle.id == Event.circle_id)
            .where(e.sponsor_id == sponsor_id, overlaps, a.status == AttendanceStatus.ATTENDED,
                   Event.archived_at.is_(None)))
        seen = {(vid, eid): (kind, minutes, circle) for vid, eid, kind, minutes, circle in rows}
        events, people, total = defaultdict(set), defaultdict(set), defaultdict(int)
        for (vid, eid), (kind, minutes, _) in seen.items():
            events[kind].add(eid)
            people[kind].add(vid)
            total[kind] += minutes
        lines = tuple(TrainingLine(k, len(events[k]), len(people[k]), total[k])
                      for k in EventKind if k in events)
        circles = sorted({c for _, _, c in seen.values() if c}, key=name_key)
        return lines, tuple(circles)

    @staticmethod
    def _recognition(s: Session, volunteer_ids: set[int]) -> tuple[tuple[str, ...], int]:
        ids = sorted(volunteer_ids)
        people = []
        for i in range(0, len(ids), 500):
            people += s.execute(
                select(Volunteer.first_name, Volunteer.last_name)
                .where(Volunteer.id.in_(ids[i:i + 500]),
                       Volunteer.consent_named_in_reports.is_(True))).all()
        people.sort(key=lambda p: (name_key(p[1]), name_key(p[0])))
        named = tuple(f"{first} {last}".strip() for first, last in people)
        return named, len(ids) - len(named)

    @staticmethod
    def _rate(s: Session, year: int) -> HourRate | None:
        rates = s.execute(select(HourValueRate.year, HourValueRate.cents, HourValueRate.currency,
                                 HourValueRate.source)
                          .where(HourValueRate.region == "").order_by(HourValueRate.year)).all()
        if not rates:
            return None
        earlier = [r for r in rates if r.year <= year]
        chosen = earlier[-1] if earlier else rates[0]
        return HourRate(chosen.year, chosen.cents, chosen.currency, chosen.source)
