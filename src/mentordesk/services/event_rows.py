"""Reads of events, attendance sheets and learning circles as plain rows (for the desktop).

EventService inherits these (EventReads); they only read, each in one session.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from sqlalchemy import func, or_, select
from sqlalchemy.orm import Session

from ..domain import (
    Attendance,
    Branch,
    CircleMember,
    Employment,
    Event,
    LearningCircle,
    Programme,
    Sponsor,
    Volunteer,
)
from ..domain.enums import AttendanceStatus, EventKind
from .base import get_or_raise
from .volunteers import current_employment_on


@dataclass(frozen=True, slots=True)
class EventRow:
    """One line of the events list, with how many attended."""

    id: int
    kind: EventKind
    title: str
    topic: str
    event_date: date
    duration_minutes: int
    location: str | None
    programme_id: int | None
    programme: str | None
    circle_id: int | None
    circle: str | None
    attended: int
    archived: bool
    version: int


@dataclass(frozen=True, slots=True)
class PersonRow:
    """A volunteer in a checklist or a circle, with their company and branch on a day.

    `status`: their attendance at the event the checklist is for (None: not recorded).
    `joined_on`/`left_on`: their membership, in a learning circle's member list.
    """

    volunteer_id: int
    first_name: str
    last_name: str
    sponsor: str | None
    branch: str | None
    archived: bool = False
    status: AttendanceStatus | None = None
    joined_on: date | None = None
    left_on: date | None = None

    @property
    def name(self) -> str:
        return f"{self.first_name} {self.last_name}".strip()


@dataclass(frozen=True, slots=True)
class CircleRow:
    id: int
    name: str
    topic: str
    members: int  # members on the day asked for
    meetings: int
    last_meeting: date | None
    archived: bool
    version: int


def _employers_on(s: Session, volunteer_ids: Iterable[int] | None,
                  day: date) -> dict[int, tuple[str, str | None]]:
    """Company and branch of each volunteer on `day` (the latest-starting employment)."""
    query = (
        select(Employment.volunteer_id, Sponsor.name, Branch.name)
        .join(Sponsor, Sponsor.id == Employment.sponsor_id)
        .outerjoin(Branch, Branch.id == Employment.branch_id)
        .where(current_employment_on(day))
        .order_by(Employment.start_date.is_(None).desc(), Employment.start_date)
    )
    if volunteer_ids is not None:
        query = query.where(Employment.volunteer_id.in_(list(volunteer_ids)))
    return {vid: (sponsor, branch) for vid, sponsor, branch in s.execute(query)}


class EventReads:
    """The read side of EventService: lists, the attendance checklist, circles."""

    db: object
    what = "event"

    def list_rows(
        self, *, kind: EventKind | None = None, circle_id: int | None = None,
        include_archived: bool = False,
    ) -> list[EventRow]:
        """Events as plain rows, newest first, with the number who attended each."""
        attended = (
            select(Attendance.event_id, func.count().label("n"))
            .where(Attendance.status == AttendanceStatus.ATTENDED)
            .group_by(Attendance.event_id).subquery()
        )
        e = Event
        query = (
            select(e.id, e.kind, e.title, e.topic, e.event_date, e.duration_minutes, e.location,
                   e.programme_id, Programme.name, e.circle_id, LearningCircle.name,
                   func.coalesce(attended.c.n, 0), e.archived_at, e.version)
            .outerjoin(Programme, Programme.id == e.programme_id)
            .outerjoin(LearningCircle, LearningCircle.id == e.circle_id)
            .outerjoin(attended, attended.c.event_id == e.id)
            .order_by(e.event_date.desc(), e.id.desc())
        )
        if kind is not None:
            query = query.where(e.kind == kind)
        if circle_id is not None:
            query = query.where(e.circle_id == circle_id)
        if not include_archived:
            query = query.where(e.archived_at.is_(None))
        with self.db.reading() as s:
            return [EventRow(*row[:11], int(row[11]), row[12] is not None, row[13])
                    for row in s.execute(query)]

    def checklist(self, event_id: int) -> list[PersonRow]:
        """Who can be ticked on the event's attendance sheet: every volunteer not archived,
        plus anyone already recorded; with their company and branch on the event's day."""
        with self.db.reading() as s:
            event = get_or_raise(s, Event, event_id, self.what)
            recorded = dict(s.execute(
                select(Attendance.volunteer_id, Attendance.status)
                .where(Attendance.event_id == event_id)).all())
            v = Volunteer
            people = s.execute(
                select(v.id, v.first_name, v.last_name, v.archived_at)
                .where(or_(v.archived_at.is_(None), v.id.in_(list(recorded))))
                .order_by(v.last_name, v.first_name, v.id)).all()
            employers = _employers_on(s, None, event.event_date)
            return [
                PersonRow(vid, first, last, *employers.get(vid, (None, None)),
                          archived=archived is not None, status=recorded.get(vid))
                for vid, first, last, archived in people
            ]

    def people(self, on: date) -> list[PersonRow]:
        """Every volunteer not archived, with company and branch on `on` (for pickers)."""
        with self.db.reading() as s:
            v = Volunteer
            people = s.execute(select(v.id, v.first_name, v.last_name)
                               .where(v.archived_at.is_(None))
                               .order_by(v.last_name, v.first_name, v.id)).all()
            employers = _employers_on(s, None, on)
            return [PersonRow(vid, first, last, *employers.get(vid, (None, None)))
                    for vid, first, last in people]

    def circle_rows(self, on: date, include_archived: bool = False) -> list[CircleRow]:
        """Learning circles with their members on `on` and their meetings (events)."""
        current = (
            select(CircleMember.circle_id, func.count().label("n"))
            .where(or_(CircleMember.joined_on.is_(None), CircleMember.joined_on <= on),
                   or_(CircleMember.left_on.is_(None), CircleMember.left_on >= on))
            .group_by(CircleMember.circle_id).subquery()
        )
        meetings = (
            select(Event.circle_id, func.count().label("n"),
                   func.max(Event.event_date).label("last"))
            .where(Event.circle_id.is_not(None), Event.archived_at.is_(None))
            .group_by(Event.circle_id).subquery()
        )
        c = LearningCircle
        query = (
            select(c.id, c.name, c.topic, func.coalesce(current.c.n, 0),
                   func.coalesce(meetings.c.n, 0), meetings.c.last, c.archived_at, c.version)
            .outerjoin(current, current.c.circle_id == c.id)
            .outerjoin(meetings, meetings.c.circle_id == c.id)
            .order_by(c.name)
        )
        if not include_archived:
            query = query.where(c.archived_at.is_(None))
        with self.db.reading() as s:
            return [CircleRow(cid, name, topic or "", int(n), int(m), last, archived is not None,
                              version)
                    for cid, name, topic, n, m, last, archived, version in s.execute(query)]

    def member_rows(self, circle_id: int, on: date) -> list[PersonRow]:
        """Everyone who was ever a member, with company and branch on `on` (or on the
        day they left, for former members)."""
        with self.db.reading() as s:
            get_or_raise(s, LearningCircle, circle_id, "learning circle")
            v, m = Volunteer, CircleMember
            members = s.execute(
                select(v.id, v.first_name, v.last_name, v.archived_at, m.joined_on, m.left_on)
                .join(m, m.volunteer_id == v.id).where(m.circle_id == circle_id)
                .order_by(v.last_name, v.first_name, v.id)).all()
            ids = [row[0] for row in members]
            days = {min(on, left) if left else on for *_, left in members}
            employers = {day: _employers_on(s, ids, day) for day in days}
            rows = []
            for vid, first, last, archived, joined, left in members:
                day = min(on, left) if left else on
                rows.append(PersonRow(vid, first, last, *employers[day].get(vid, (None, None)),
                                      archived=archived is not None, joined_on=joined,
                                      left_on=left))
            return rows
