"""The volunteers list as plain rows: employer today, readiness to match, and what
the list's filters need (programmes of their matches, date of application)."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from ..domain import Attendance, Event, Match, Programme, ScreeningCheck, Volunteer
from ..domain.enums import AttendanceStatus, EventKind, MatchStatus, VolunteerStatus
from ..domain.rules import matching_eligibility
from .employment import employer_at, employer_fields, employment_spans
from .settings import SettingsService
from .volunteer_pipeline import not_ready_reasons

Pair = tuple[int, str]


@dataclass(frozen=True, slots=True)
class VolunteerRow:
    """One line of the volunteers list (plain values, cheap to hold by thousands)."""

    id: int
    first_name: str
    last_name: str
    email: str | None
    phone: str | None
    status: VolunteerStatus
    sponsor: str | None
    branch: str | None
    city: str | None
    training_minutes: int
    eligible: bool
    archived: bool
    # Every reason the volunteer is not ready to match today (empty when ready).
    not_ready_reasons: tuple[str, ...] = ()
    sponsor_id: int | None = None  # the employer today
    branch_id: int | None = None
    applied_on: date | None = None
    # (id, name) of the programmes of the volunteer's matches (declined ones left out).
    programmes: tuple[Pair, ...] = ()

    @property
    def name(self) -> str:
        return f"{self.first_name} {self.last_name}"

    @property
    def ready_to_match(self) -> bool:
        return self.eligible and self.status == VolunteerStatus.ACCEPTED


def training_minutes_query():
    """Pre-match training minutes per volunteer from attended training events."""
    return (
        select(Attendance.volunteer_id, func.sum(Event.duration_minutes))
        .join(Event, Event.id == Attendance.event_id)
        .where(
            Event.kind == EventKind.PRE_MATCH_TRAINING,
            Attendance.status == AttendanceStatus.ATTENDED,
            Event.archived_at.is_(None),
        )
        .group_by(Attendance.volunteer_id)
    )


def programmes_by_person(s: Session, person) -> dict[int, tuple[Pair, ...]]:
    """The programmes of each person's matches (`person`: Match.volunteer_id or youth_id);
    declined and archived matches are left out."""
    found: dict[int, set[Pair]] = defaultdict(set)
    for pid, programme_id, name in s.execute(
        select(person, Programme.id, Programme.name).distinct()
        .join(Programme, Programme.id == Match.programme_id)
        .where(Match.status != MatchStatus.DECLINED, Match.archived_at.is_(None))
    ):
        found[pid].add((programme_id, name))
    return {pid: tuple(sorted(pairs)) for pid, pairs in found.items()}


class VolunteerRows:
    """The list read of VolunteerService."""

    db: object

    def list_rows(
        self,
        today: date,
        *,
        include_archived: bool = False,
        status: VolunteerStatus | None = None,
        sponsor_id: int | None = None,
    ) -> list[VolunteerRow]:
        """Every volunteer as a plain row, with employer today and readiness to match."""
        policy = SettingsService(self.db).screening_policy()
        with self.db.reading() as s:
            v = Volunteer
            query = select(
                v.id, v.first_name, v.last_name, v.email, v.phone, v.status, v.city,
                v.drives_youth, v.prior_training_minutes, v.archived_at, v.applied_on,
            ).order_by(v.last_name, v.first_name)
            if not include_archived:
                query = query.where(v.archived_at.is_(None))
            if status is not None:
                query = query.where(v.status == status)
            volunteers = s.execute(query).all()
            spans = employment_spans(s)
            programmes = programmes_by_person(s, Match.volunteer_id)
            training = dict(s.execute(training_minutes_query()).all())
            # Plain rows (not ORM objects) are enough for the rules and much cheaper.
            checks: dict[int, list] = defaultdict(list)
            c = ScreeningCheck
            for check in s.execute(
                select(c.volunteer_id, c.id, c.type, c.result, c.requested_on, c.completed_on,
                       c.expires_on)
            ):
                checks[check.volunteer_id].append(check)
        rows = []
        for v in volunteers:
            employer = employer_at(spans.get(v.id, ()), today)
            if sponsor_id is not None and (employer is None or employer.sponsor_id != sponsor_id):
                continue
            minutes = v.prior_training_minutes + int(training.get(v.id, 0))
            eligibility = matching_eligibility(
                checks.get(v.id, ()), minutes, today, drives_youth=v.drives_youth,
                status=v.status, policy=policy,
            )
            rows.append(VolunteerRow(
                id=v.id, first_name=v.first_name, last_name=v.last_name, email=v.email,
                phone=v.phone, status=v.status, city=v.city, training_minutes=minutes,
                eligible=eligibility.eligible, archived=v.archived_at is not None,
                not_ready_reasons=not_ready_reasons(eligibility, v.status),
                applied_on=v.applied_on, programmes=programmes.get(v.id, ()),
                **employer_fields(employer),
            ))
        return rows
