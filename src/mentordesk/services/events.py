"""Events and trainings with attendance; learning circles and their members."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import date
from typing import Any

from sqlalchemy import select

from ..domain import Attendance, CircleMember, Event, LearningCircle, Programme, Volunteer
from ..domain.enums import AttendanceStatus, EventKind
from ..domain.errors import ValidationError
from ..domain.values import normalise_name
from .base import (
    Service,
    apply_changes,
    check_version,
    ensure_unique_name,
    get_or_raise,
    parse_choice,
    required_text,
    set_archived,
)
from .event_rows import CircleRow, EventReads, EventRow, PersonRow

__all__ = ["CircleRow", "EventRow", "EventService", "PersonRow"]

EVENT_FIELDS = frozenset(
    {"kind", "title", "topic", "event_date", "duration_minutes", "location", "programme_id", "circle_id"}
)


def _event_fields(fields: dict[str, Any]) -> dict[str, Any]:
    out = dict(fields)
    if "title" in out:
        out["title"] = required_text(out["title"], "title", "event title")
    if "kind" in out:
        out["kind"] = parse_choice(EventKind, out["kind"], "kind", "kind of event")
    if "duration_minutes" in out:
        minutes = out["duration_minutes"]
        if minutes is None or minutes <= 0 or minutes > 24 * 60:
            raise ValidationError("An event lasts between a minute and a day.", "duration_minutes")
    if "topic" in out and out["topic"] is None:
        out["topic"] = ""
    return out


class EventService(EventReads, Service):
    what = "event"
    model = Event

    def create(self, **fields: Any) -> Event:
        unknown = set(fields) - EVENT_FIELDS
        if unknown:
            raise ValidationError(f"Unknown event field {sorted(unknown)[0]!r}.")
        for key in ("title", "kind", "event_date", "duration_minutes"):
            if fields.get(key) is None and key != "title":
                raise ValidationError(f"Enter the event's {key.replace('_', ' ')}.", key)
        fields.setdefault("title", "")
        fields = _event_fields(fields)
        with self.db.transaction() as s:
            if fields.get("programme_id") is not None:
                get_or_raise(s, Programme, fields["programme_id"], "programme")
            if fields.get("circle_id") is not None:
                get_or_raise(s, LearningCircle, fields["circle_id"], "learning circle")
            event = Event(**fields)
            s.add(event)
            return event

    def update(self, event_id: int, expected_version: int | None = None, **changes: Any) -> Event:
        changes = _event_fields(changes)
        with self.db.transaction() as s:
            event = get_or_raise(s, Event, event_id, self.what)
            check_version(event, expected_version, self.what)
            apply_changes(event, changes, EVENT_FIELDS)
            return event

    def set_attendance(
        self, event_id: int, volunteer_ids: Iterable[int],
        status: AttendanceStatus = AttendanceStatus.ATTENDED,
    ) -> None:
        """Take attendance from a checklist: the listed volunteers get `status`;
        anyone recorded before and not listed any more is marked absent."""
        wanted = set(volunteer_ids)
        with self.db.transaction() as s:
            get_or_raise(s, Event, event_id, self.what)
            known = set(s.scalars(select(Volunteer.id).where(Volunteer.id.in_(wanted))))
            missing = wanted - known
            if missing:
                raise ValidationError(f"There is no volunteer with ID {min(missing)}.")
            existing = {
                a.volunteer_id: a
                for a in s.scalars(select(Attendance).where(Attendance.event_id == event_id))
            }
            for vid in sorted(wanted):
                row = existing.get(vid)
                if row is None:
                    s.add(Attendance(event_id=event_id, volunteer_id=vid, status=status))
                elif row.status != status:
                    row.status = status
            for vid, row in existing.items():
                if vid not in wanted and row.status != AttendanceStatus.ABSENT:
                    row.status = AttendanceStatus.ABSENT

    def restore_attendance(self, event_id: int,
                           sheet: Mapping[int, AttendanceStatus | str]) -> None:
        """Put an event's attendance back exactly as `sheet` (volunteer -> status)
        had it -- the undo of taking attendance: records the sheet does not hold
        are removed, the others get their status back (one transaction)."""
        wanted = {vid: AttendanceStatus(status) for vid, status in sheet.items()}
        with self.db.transaction() as s:
            get_or_raise(s, Event, event_id, self.what)
            existing = {a.volunteer_id: a for a in s.scalars(
                select(Attendance).where(Attendance.event_id == event_id))}
            for vid, row in existing.items():
                if vid not in wanted:
                    s.delete(row)
                elif row.status != wanted[vid]:
                    row.status = wanted[vid]
            for vid, status in sorted(wanted.items()):
                if vid not in existing:
                    s.add(Attendance(event_id=event_id, volunteer_id=vid, status=status))

    def attendance(self, event_id: int) -> list[Attendance]:
        with self.db.reading() as s:
            return list(s.scalars(select(Attendance).where(Attendance.event_id == event_id)))

    def list(self, *, kind: EventKind | None = None, include_archived: bool = False) -> list[Event]:
        with self.db.reading() as s:
            query = select(Event).order_by(Event.event_date.desc(), Event.id.desc())
            if kind is not None:
                query = query.where(Event.kind == kind)
            if not include_archived:
                query = query.where(Event.archived_at.is_(None))
            return list(s.scalars(query))

    # --- learning circles -------------------------------------------------

    def create_circle(self, name: str, topic: str = "") -> LearningCircle:
        name = required_text(normalise_name(name), "name", "learning circle's name")
        with self.db.transaction() as s:
            ensure_unique_name(s, LearningCircle, name, None, "learning circle")
            circle = LearningCircle(name=name, topic=topic or "")
            s.add(circle)
            return circle

    def add_member(self, circle_id: int, volunteer_id: int, joined_on: date | None = None) -> CircleMember:
        with self.db.transaction() as s:
            get_or_raise(s, LearningCircle, circle_id, "learning circle")
            get_or_raise(s, Volunteer, volunteer_id, "volunteer")
            member = s.scalar(
                select(CircleMember).where(
                    CircleMember.circle_id == circle_id, CircleMember.volunteer_id == volunteer_id
                )
            )
            if member is None:
                member = CircleMember(circle_id=circle_id, volunteer_id=volunteer_id, joined_on=joined_on)
                s.add(member)
            elif member.left_on is not None:  # re-joining: the new membership starts now
                member.left_on = None
                member.joined_on = joined_on
            return member

    def remove_member(self, circle_id: int, volunteer_id: int, left_on: date) -> None:
        with self.db.transaction() as s:
            member = s.scalar(
                select(CircleMember).where(
                    CircleMember.circle_id == circle_id, CircleMember.volunteer_id == volunteer_id
                )
            )
            if member is None:
                raise ValidationError("That volunteer is not a member of this learning circle.")
            member.left_on = left_on

    def restore_memberships(
        self, circle_id: int, memberships: Mapping[int, tuple[date | None, date | None] | None],
    ) -> None:
        """Put these volunteers' memberships back as they were -- (joined_on,
        left_on), or None for "was never a member" (the row is removed); the undo
        of adding or removing members (one transaction)."""
        with self.db.transaction() as s:
            get_or_raise(s, LearningCircle, circle_id, "learning circle")
            existing = {m.volunteer_id: m for m in s.scalars(
                select(CircleMember).where(CircleMember.circle_id == circle_id,
                                           CircleMember.volunteer_id.in_(list(memberships))))}
            for vid, dates in sorted(memberships.items()):
                member = existing.get(vid)
                if dates is None:
                    if member is not None:
                        s.delete(member)
                    continue
                if member is None:
                    member = CircleMember(circle_id=circle_id, volunteer_id=vid)
                    s.add(member)
                member.joined_on, member.left_on = dates

    def circles(self, include_archived: bool = False) -> list[LearningCircle]:
        with self.db.reading() as s:
            query = select(LearningCircle).order_by(LearningCircle.name)
            if not include_archived:
                query = query.where(LearningCircle.archived_at.is_(None))
            return list(s.scalars(query))

    def members(self, circle_id: int, on: date | None = None) -> list[CircleMember]:
        with self.db.reading() as s:
            query = select(CircleMember).where(CircleMember.circle_id == circle_id)
            if on is not None:
                query = query.where(
                    (CircleMember.joined_on.is_(None)) | (CircleMember.joined_on <= on),
                    (CircleMember.left_on.is_(None)) | (CircleMember.left_on >= on),
                )
            return list(s.scalars(query))

    # --- several members at once, renaming -------------------------------------------

    def add_members(self, circle_id: int, volunteer_ids: Iterable[int],
                    joined_on: date | None = None) -> None:
        """Several volunteers join at once (one transaction); members stay as they are,
        former members re-join from `joined_on`."""
        wanted = sorted(set(volunteer_ids))
        with self.db.transaction() as s:
            get_or_raise(s, LearningCircle, circle_id, "learning circle")
            known = set(s.scalars(select(Volunteer.id).where(Volunteer.id.in_(wanted))))
            missing = set(wanted) - known
            if missing:
                raise ValidationError(f"There is no volunteer with ID {min(missing)}.")
            existing = {
                m.volunteer_id: m for m in s.scalars(
                    select(CircleMember).where(CircleMember.circle_id == circle_id,
                                               CircleMember.volunteer_id.in_(wanted)))
            }
            for vid in wanted:
                member = existing.get(vid)
                if member is None:
                    s.add(CircleMember(circle_id=circle_id, volunteer_id=vid, joined_on=joined_on))
                elif member.left_on is not None:
                    member.left_on = None
                    member.joined_on = joined_on

    def archive_circle(self, circle_id: int, expected_version: int | None = None,
                       ) -> tuple[int, int]:
        with self.db.transaction() as s:
            circle = get_or_raise(s, LearningCircle, circle_id, "learning circle")
            check_version(circle, expected_version, "learning circle")
            return set_archived(s, circle, True)

    def restore_circle(self, circle_id: int, expected_version: int | None = None,
                       ) -> tuple[int, int]:
        with self.db.transaction() as s:
            circle = get_or_raise(s, LearningCircle, circle_id, "learning circle")
            check_version(circle, expected_version, "learning circle")
            return set_archived(s, circle, False)

    def update_circle(self, circle_id: int, expected_version: int | None = None,
                      **changes: Any) -> LearningCircle:
        with self.db.transaction() as s:
            circle = get_or_raise(s, LearningCircle, circle_id, "learning circle")
            check_version(circle, expected_version, "learning circle")
            if "name" in changes:
                changes["name"] = required_text(
                    normalise_name(changes["name"]), "name", "learning circle's name")
                ensure_unique_name(s, LearningCircle, changes["name"], circle_id,
                                   "learning circle")
            if "topic" in changes:
                changes["topic"] = changes["topic"] or ""
            apply_changes(circle, changes, frozenset({"name", "topic"}))
            return circle
