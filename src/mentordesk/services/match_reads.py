"""What the matches list and the match page read: rows, one match's detail, its timeline.

MatchService inherits these (MatchReads); they only read, each in one session.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import func, select
from sqlalchemy.orm import Session, aliased

from ..domain import (
    ClosureReason,
    Match,
    MentoringSession,
    Programme,
    SupportContact,
    Volunteer,
    Youth,
)
from ..domain.enums import ClosureCategory, MatchKind, MatchStatus, SessionStatus
from .base import get_or_raise
from .employment import employer_at, employer_fields, employment_spans


@dataclass(frozen=True, slots=True)
class MatchRow:
    """One line of the matches list."""

    id: int
    volunteer_id: int
    volunteer: str
    youth_id: int
    youth: str
    youth_ref: str | None
    programme: str
    kind: MatchKind
    status: MatchStatus
    start_date: date | None
    end_date: date | None
    closure_reason: str | None
    archived: bool
    programme_id: int | None = None
    proposed_on: date | None = None
    # The volunteer's employer when the match started (or was proposed).
    sponsor_id: int | None = None
    sponsor: str | None = None
    branch_id: int | None = None
    branch: str | None = None


@dataclass(frozen=True, slots=True)
class MatchDetail:
    """Everything the match page shows about one match (plain values)."""

    id: int
    version: int
    volunteer_id: int
    volunteer: str
    youth_id: int
    youth: str
    youth_ref: str | None
    programme_id: int
    programme: str
    kind: MatchKind
    status: MatchStatus
    proposed_on: date | None
    start_date: date | None
    end_date: date | None
    plan: str
    closure_reason: str | None
    closure_category: ClosureCategory | None
    rematch_eligible: bool | None
    closure_note: str
    archived: bool
    sessions_attended: int
    minutes_attended: int
    last_session: date | None
    last_activity: date | None


@dataclass(frozen=True, slots=True)
class TimelineEntry:
    """One session or support contact of a match, as the match page lists them."""

    kind: str  # "session" or "contact"
    id: int
    day: date
    what: str  # "In person" / "Guardian · phone"
    minutes: int | None
    outcome: str  # Attended / Cancelled / No show; Contact made / No contact
    rating: int | None
    notes: str
    follow_up_due: date | None = None


def _last_activity(s: Session, match_id: int) -> date | None:
    """The date of the match's latest session or support contact."""
    return max(
        (d for d in (
            s.scalar(select(func.max(MentoringSession.session_date))
                     .where(MentoringSession.match_id == match_id)),
            s.scalar(select(func.max(SupportContact.contact_date))
                     .where(SupportContact.match_id == match_id)),
        ) if d is not None),
        default=None,
    )


class MatchReads:
    """The read side of MatchService."""

    db: object
    what = "match"

    def list_rows(self, *, include_archived: bool = False,
                  status: MatchStatus | None = None) -> list[MatchRow]:
        """Every match as a plain row, not started first, then the newest start first.

        The company and branch are the volunteer's employer on the match's start date
        (its proposal date before it starts).
        """
        v, y, p, r = Volunteer, Youth, Programme, aliased(ClosureReason)
        with self.db.reading() as s:
            query = (
                select(
                    Match, v.first_name, v.last_name, y.first_name, y.last_name, y.programme_ref,
                    p.name, r.label,
                )
                .join(v, v.id == Match.volunteer_id)
                .join(y, y.id == Match.youth_id)
                .join(p, p.id == Match.programme_id)
                .outerjoin(r, r.id == Match.closure_reason_id)
                # Not started yet (no start date) first, on SQLite as on PostgreSQL.
                .order_by(Match.start_date.desc().nulls_first(), Match.id.desc())
            )
            if not include_archived:
                query = query.where(Match.archived_at.is_(None))
            if status is not None:
                query = query.where(Match.status == status)
            found = s.execute(query).all()
            spans = employment_spans(s)
        rows = []
        for m, vf, vl, yf, yl, ref, pname, reason in found:
            job = employer_at(spans.get(m.volunteer_id, ()), m.start_date or m.proposed_on)
            rows.append(MatchRow(
                id=m.id, volunteer_id=m.volunteer_id, volunteer=f"{vf} {vl}",
                youth_id=m.youth_id, youth=f"{yf} {yl}".strip(), youth_ref=ref,
                programme=pname, kind=m.kind, status=m.status, start_date=m.start_date,
                end_date=m.end_date, closure_reason=reason, archived=m.archived_at is not None,
                programme_id=m.programme_id, proposed_on=m.proposed_on, **employer_fields(job),
            ))
        return rows


    def detail(self, match_id: int) -> MatchDetail:
        with self.db.reading() as s:
            m = get_or_raise(s, Match, match_id, self.what)
            attended = (MentoringSession.match_id == match_id,
                        MentoringSession.status == SessionStatus.ATTENDED)
            count, minutes = s.execute(
                select(func.count(), func.coalesce(func.sum(MentoringSession.duration_minutes), 0))
                .where(*attended)).one()
            last_session = s.scalar(select(func.max(MentoringSession.session_date))
                                    .where(*attended))
            return MatchDetail(
                id=m.id, version=m.version, volunteer_id=m.volunteer_id,
                volunteer=m.volunteer.full_name, youth_id=m.youth_id, youth=m.youth.full_name,
                youth_ref=m.youth.programme_ref, programme_id=m.programme_id,
                programme=m.programme.name, kind=m.kind, status=m.status,
                proposed_on=m.proposed_on, start_date=m.start_date, end_date=m.end_date,
                plan=m.plan or "",
                closure_reason=m.closure_reason.label if m.closure_reason else None,
                closure_category=m.closure_category, rematch_eligible=m.rematch_eligible,
                closure_note=m.closure_note or "", archived=m.archived_at is not None,
                sessions_attended=int(count), minutes_attended=int(minutes),
                last_session=last_session, last_activity=_last_activity(s, match_id),
            )

    def timeline(self, match_id: int) -> list[TimelineEntry]:
        """The match's sessions and support contacts, newest first."""
        ms, sc = MentoringSession, SupportContact
        with self.db.reading() as s:
            get_or_raise(s, Match, match_id, self.what)
            entries = [
                TimelineEntry("session", i, day, medium.label, minutes, status.label, None,
                              notes or "")
                for i, day, medium, minutes, status, notes in s.execute(
                    select(ms.id, ms.session_date, ms.medium, ms.duration_minutes, ms.status,
                           ms.notes).where(ms.match_id == match_id))
            ]
            for i, day, party, method, made, minutes, rating, concerns, notes, follow in (
                    s.execute(select(sc.id, sc.contact_date, sc.party, sc.method, sc.made,
                                     sc.duration_minutes, sc.rating, sc.concerns, sc.notes,
                                     sc.follow_up_due).where(sc.match_id == match_id))):
                text = " ".join(t for t in (
                    f"Concerns: {concerns}" if concerns else "", notes or "") if t)
                entries.append(TimelineEntry(
                    "contact", i, day, f"{party.label} · {method.label.lower()}", minutes,
                    "Contact made" if made else "No contact", rating, text, follow))
        entries.sort(key=lambda e: (e.day, e.kind == "contact", e.id), reverse=True)
        return entries
