"""The SQL behind ParticipationService: employment rows overlapping a period, with
correlated sums over their sessions, and the roll-up into companies and branches.

Definitions are in services/participation.py (the module docstring).
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from sqlalchemy import and_, case, func, or_, select
from sqlalchemy.orm import Session, aliased

from ..domain import Attendance, Employment, Event, MentoringSession
from ..domain.enums import AttendanceStatus, SessionStatus

if TYPE_CHECKING:
    from .participation import Period

IN_CHUNK = 500  # volunteer IDs per IN (...) list


@dataclass
class _Tally:
    """Running totals for one company or branch while the figures are added up."""

    minutes: int = 0
    sessions: int = 0
    volunteers: set[int] = field(default_factory=set)


def _overlap(period: Period, row=Employment):
    """(the employment row overlaps the period, first day, last day of the overlap).

    Activities are compared with the overlap's ends (CASE: portable, SQLite has no
    GREATEST/LEAST), so each employment row reaches its volunteer's sessions through
    the (volunteer_id, session_date) index -- a few thousand index ranges instead of
    a pass over every session of the period.
    """
    start, end = row.start_date, row.end_date
    overlaps = and_(or_(start.is_(None), start <= period.end),
                    or_(end.is_(None), end >= period.start))
    first = case((or_(start.is_(None), start < period.start), period.start), else_=start)
    last = case((or_(end.is_(None), end > period.end), period.end), else_=end)
    return overlaps, first, last


def _per_employment(period: Period, sponsor_id: int | None):
    """Per employment row overlapping the period: its volunteer, company, branch, the
    minutes and number of attended sessions within the overlap, and whether the
    volunteer attended an event within it."""
    s = MentoringSession
    overlaps, first, last = _overlap(period)
    session_in = and_(s.volunteer_id == Employment.volunteer_id,
                      s.status == SessionStatus.ATTENDED,
                      s.session_date >= first, s.session_date <= last)
    minutes = select(func.coalesce(func.sum(s.duration_minutes), 0)).where(session_in)
    count = select(func.count(s.id)).where(session_in)
    event = (
        select(Attendance.id).join(Event, Event.id == Attendance.event_id)
        .where(Attendance.volunteer_id == Employment.volunteer_id,
               Attendance.status == AttendanceStatus.ATTENDED, Event.archived_at.is_(None),
               Event.event_date >= first, Event.event_date <= last)
        .exists()
    )
    query = select(Employment.volunteer_id, Employment.sponsor_id, Employment.branch_id,
                   minutes.scalar_subquery(), count.scalar_subquery(), event).where(overlaps)
    return query if sponsor_id is None else query.where(Employment.sponsor_id == sponsor_id)


def _overlapping_volunteers(s: Session, period: Period) -> set[int]:
    """Volunteers with two employment rows covering a common day of the period."""
    a, b = aliased(Employment), aliased(Employment)
    a_in, _, _ = _overlap(period, a)
    b_in, _, _ = _overlap(period, b)
    return set(s.scalars(
        select(a.volunteer_id).distinct()
        .join(b, and_(b.volunteer_id == a.volunteer_id, b.id > a.id))
        .where(a_in, b_in,
               or_(a.start_date.is_(None), b.end_date.is_(None), a.start_date <= b.end_date),
               or_(b.start_date.is_(None), a.end_date.is_(None), b.start_date <= a.end_date))
    ))


def _activities_of(s: Session, period: Period, volunteer_ids: list[int]):
    """Raw (company, branch, volunteer, session or None, minutes) per activity and covering
    employment row, for the few volunteers whose employment rows overlap."""
    def covers(day):
        return and_(or_(Employment.start_date.is_(None), Employment.start_date <= day),
                    or_(Employment.end_date.is_(None), Employment.end_date >= day))

    m = MentoringSession
    for chunk in (volunteer_ids[i:i + IN_CHUNK] for i in range(0, len(volunteer_ids), IN_CHUNK)):
        yield from s.execute(
            select(Employment.sponsor_id, Employment.branch_id, m.volunteer_id, m.id,
                   m.duration_minutes)
            .join(Employment, and_(Employment.volunteer_id == m.volunteer_id,
                                   covers(m.session_date)))
            .where(m.volunteer_id.in_(chunk), m.status == SessionStatus.ATTENDED,
                   m.session_date >= period.start, m.session_date <= period.end))
        for sid, bid, vid in s.execute(
            select(Employment.sponsor_id, Employment.branch_id, Attendance.volunteer_id)
            .join(Event, Event.id == Attendance.event_id)
            .join(Employment, and_(Employment.volunteer_id == Attendance.volunteer_id,
                                   covers(Event.event_date)))
            .where(Attendance.volunteer_id.in_(chunk),
                   Attendance.status == AttendanceStatus.ATTENDED, Event.archived_at.is_(None),
                   Event.event_date >= period.start, Event.event_date <= period.end)):
            yield sid, bid, vid, None, 0


def _tally(s: Session, period: Period, sponsor_id: int | None):
    """Totals per (company, branch) and per company."""
    branches: dict[tuple[int, int | None], _Tally] = defaultdict(_Tally)
    sponsors: dict[int, _Tally] = defaultdict(_Tally)
    overlapping = _overlapping_volunteers(s, period)
    for vid, sid, bid, minutes, count, event in s.execute(_per_employment(period, sponsor_id)):
        if vid in overlapping or not (count or event):
            continue
        for tally in (branches[sid, bid], sponsors[sid]):
            tally.minutes += int(minutes)
            tally.sessions += int(count)
            tally.volunteers.add(vid)
    seen: set[tuple] = set()
    for sid, bid, vid, session_id, minutes in _activities_of(s, period, sorted(overlapping)):
        if sponsor_id is not None and sid != sponsor_id:
            continue
        for key, tally in (((sid, bid), branches[sid, bid]), ((sid,), sponsors[sid])):
            tally.volunteers.add(vid)
            if session_id is not None and (key, session_id) not in seen:
                seen.add((key, session_id))
                tally.minutes += minutes
                tally.sessions += 1
    return branches, sponsors
