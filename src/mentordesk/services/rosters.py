"""What each exported roster lists: plain rows for exporting/, read in chunks.

Filters (`RosterFilters`), each optional, all combined:

- **period** (`start`..`end`, both days included, either end may be open):
  volunteers and youth *who took part* in it (a volunteer: an attended session
  or an attended event, as services/participation.py counts activities; a young
  person: an attended session of one of their matches); matches running during
  it (from start date -- or proposed date -- to end date); sessions on its days.
  People listed for a period include archived records: what they did happened.
- **sponsor / branch**: volunteers employed there *on the day of each activity*
  in the period (the participation definition, so the roster has exactly the
  volunteers the participation workbook counts) or, without a period, on
  `as_of` (default today); matches of those volunteers; sessions on a day their
  volunteer was employed there. A roster filtered for a sponsor is addressed to
  the sponsor: it never holds youth names or details (no youth columns, no notes
  or plans, which may name a young person; a session shows its match only by the
  match's MentorDesk ID), volunteers who did not consent to be named in sponsor
  reports appear as "(not named)", and the youth roster is refused.
- **programme**: volunteers with a match in it (running during the period, if
  one is given); youth of that programme; its matches and sessions.
- **status**: the roster's own status (volunteer, youth, match or session).

Privacy of youth columns (coordinator rosters): "full", or "limited" -- first
name and last initial only, no date of birth, school, guardian, city or notes.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

from sqlalchemy import and_, case, func, or_, select, union
from sqlalchemy.orm import Session

from ..domain import (Attendance, Branch, Employment, Event, Match, MentoringSession,
                      Programme, Sponsor, Volunteer, Youth)
from ..domain.enums import AttendanceStatus, MatchStatus, SessionStatus
from ..domain.values import name_key
from ..exporting.sheets import DATE, ID, NOTE, Column, Sheet
from .volunteers import current_employment_on

FULL, LIMITED = "full", "limited"
NOT_NAMED = "(not named)"
YIELD_PER = 2000


@dataclass(frozen=True)
class RosterFilters:
    programme_id: int | None = None
    sponsor_id: int | None = None
    branch_id: int | None = None  # implies its sponsor
    start: date | None = None
    end: date | None = None
    status: str | None = None  # a value of the roster's own status enum
    include_archived: bool = False
    as_of: date | None = None  # "employed there" without a period means on this day (default today)

    @property
    def for_sponsor(self) -> bool:
        return self.sponsor_id is not None or self.branch_id is not None

    @property
    def has_period(self) -> bool:
        return self.start is not None or self.end is not None


@dataclass(frozen=True)
class Field:
    column: Column
    get: Callable[[object], object]


def _label(member) -> str | None:
    return member.label if member is not None else None


def _yes_no(flag: bool | None) -> str | None:
    return None if flag is None else ("Yes" if flag else "No")


def _in_period(column, f: RosterFilters):
    conditions = []
    if f.start is not None:
        conditions.append(column >= f.start)
    if f.end is not None:
        conditions.append(column <= f.end)
    return and_(*conditions) if conditions else None


def _where(query, *conditions):
    return query.where(*[c for c in conditions if c is not None])


def _status_and_archived(query, model, f: RosterFilters):
    """The status filter, and archived records left out -- unless asked for, or a period
    is given (what archived people did in it happened)."""
    if f.status is not None:
        query = query.where(model.status == f.status)
    if not (f.include_archived or f.has_period):
        query = query.where(model.archived_at.is_(None))
    return query


def _at_sponsor(f: RosterFilters):
    if f.branch_id is not None:
        return Employment.branch_id == f.branch_id
    return Employment.sponsor_id == f.sponsor_id


def _match_running(f: RosterFilters):
    """The match overlaps the period (a declined match ends on the day it was proposed)."""
    first = func.coalesce(Match.start_date, Match.proposed_on)
    declined_end = func.coalesce(Match.end_date, Match.proposed_on)
    last = case((Match.status == MatchStatus.DECLINED, declined_end), else_=Match.end_date)
    conditions = []
    if f.end is not None:
        conditions.append(or_(first.is_(None), first <= f.end))
    if f.start is not None:
        conditions.append(or_(last.is_(None), last >= f.start))
    return and_(*conditions) if conditions else None


def _volunteer_scope(f: RosterFilters, as_of: date):
    """Volunteer IDs the sponsor/branch and period filters keep (None: no such filter)."""
    if f.has_period:
        s, a = MentoringSession, Attendance
        sessions = _where(select(s.volunteer_id).where(s.status == SessionStatus.ATTENDED),
                          _in_period(s.session_date, f))
        events = _where(select(a.volunteer_id).join(Event, Event.id == a.event_id)
                        .where(a.status == AttendanceStatus.ATTENDED, Event.archived_at.is_(None)),
                        _in_period(Event.event_date, f))
        if f.for_sponsor:
            sessions = sessions.join(Employment, and_(Employment.volunteer_id == s.volunteer_id,
                                                      current_employment_on(s.session_date))
                                     ).where(_at_sponsor(f))
            events = events.join(Employment, and_(Employment.volunteer_id == a.volunteer_id,
                                                  current_employment_on(Event.event_date))
                                 ).where(_at_sponsor(f))
        return union(sessions, events)
    if f.for_sponsor:
        return select(Employment.volunteer_id).where(_at_sponsor(f), current_employment_on(as_of))
    return None


def _employers(s: Session, day: date) -> dict[int, tuple[str, str | None]]:
    """Company and branch of each volunteer on `day` (the latest employment covering it)."""
    return {vid: (company, branch) for vid, company, branch in s.execute(
        select(Employment.volunteer_id, Sponsor.name, Branch.name)
        .join(Sponsor, Sponsor.id == Employment.sponsor_id)
        .outerjoin(Branch, Branch.id == Employment.branch_id)
        .where(current_employment_on(day))
        .order_by(Employment.start_date.is_(None).desc(), Employment.start_date, Employment.id))}


def _names(s: Session, model) -> dict[int, str]:
    return dict(s.execute(select(model.id, model.name)).all())


def _sheet(name: str, fields: list[Field], rows: list, title: str) -> Sheet:
    getters = [fld.get for fld in fields]
    return Sheet(name, title, [fld.column for fld in fields],
                 (tuple(get(r) for get in getters) for r in rows), len(rows))


def _by_name(records) -> list:
    """People sorted as a reader expects: by last name, then first name, accents ignored."""
    return sorted(records, key=lambda r: (name_key(r.last_name), name_key(r.first_name), r.id))


def initial(last_name: str | None) -> str | None:
    """'García' -> 'G.' (the limited privacy level shows no more of a last name)."""
    return f"{last_name[:1]}." if last_name else None


# --- volunteers ------------------------------------------------------------------------------

def volunteer_sheet(s: Session, f: RosterFilters, as_of: date, title: str) -> Sheet:
    v = Volunteer
    query = select(v)
    scope = _volunteer_scope(f, as_of)
    if scope is not None:
        query = query.where(v.id.in_(scope))
    if f.programme_id is not None:
        query = query.where(v.id.in_(_where(select(Match.volunteer_id).where(
            Match.programme_id == f.programme_id), _match_running(f))))
    query = _status_and_archived(query, v, f)
    rows = _by_name(s.scalars(query))
    employer = _employers(s, f.end or as_of)
    none = (None, None)
    sponsor = f.for_sponsor

    def named(attr, instead=None):
        """The value, or `instead` for a sponsor when the volunteer did not consent."""
        return lambda r: (getattr(r, attr) if r.consent_named_in_reports or not sponsor
                          else instead)

    fields = [
        Field(Column("MentorDesk ID", ID), lambda r: r.id),
        Field(Column("First name"), named("first_name", NOT_NAMED)),
        Field(Column("Last name"), named("last_name")),
        Field(Column("Email"), named("email")),
    ]
    if not sponsor:
        fields += [Field(Column("Phone"), lambda r: r.phone),
                   Field(Column("Date of birth", DATE), lambda r: r.date_of_birth)]
    fields += [
        Field(Column("Company"), lambda r: employer.get(r.id, none)[0]),
        Field(Column("Branch"), lambda r: employer.get(r.id, none)[1]),
        Field(Column("Status"), lambda r: _label(r.status)),
    ]
    if not sponsor:
        fields += [
            Field(Column("City"), lambda r: r.city),
            Field(Column("Applied on", DATE), lambda r: r.applied_on),
            Field(Column("Languages", NOTE, 22), lambda r: r.languages),
            Field(Column("Interests", NOTE, 22), lambda r: r.interests),
            Field(Column("Availability", NOTE, 22), lambda r: r.availability),
            Field(Column("Drives youth"), lambda r: _yes_no(r.drives_youth)),
            Field(Column("Consent to be named"), lambda r: _yes_no(r.consent_named_in_reports)),
            Field(Column("Notes", NOTE), lambda r: r.notes),
        ]
    return _sheet("Volunteers", fields, rows, title)


# --- youth -----------------------------------------------------------------------------------

def youth_sheet(s: Session, f: RosterFilters, privacy: str, title: str) -> Sheet:
    y = Youth
    query = select(y)
    if f.has_period:
        m, ms = Match, MentoringSession
        query = query.where(y.id.in_(_where(
            select(m.youth_id).join(ms, ms.match_id == m.id)
            .where(ms.status == SessionStatus.ATTENDED),
            _in_period(ms.session_date, f))))
    if f.programme_id is not None:
        query = query.where(y.programme_id == f.programme_id)
    query = _status_and_archived(query, y, f)
    rows = _by_name(s.scalars(query))
    programmes = _names(s, Programme)
    full = privacy == FULL
    fields = [
        Field(Column("MentorDesk ID", ID), lambda r: r.id),
        Field(Column("Programme ID"), lambda r: r.programme_ref),
        Field(Column("First name"), lambda r: r.first_name),
        Field(Column("Last name"), lambda r: r.last_name) if full
        else Field(Column("Last initial"), lambda r: initial(r.last_name)),
    ]
    if full:
        fields.append(Field(Column("Date of birth", DATE), lambda r: r.date_of_birth))
    fields += [Field(Column("Grade"), lambda r: r.grade)]
    if full:
        fields += [Field(Column("School"), lambda r: r.school),
                   Field(Column("Gender"), lambda r: r.gender),
                   Field(Column("City"), lambda r: r.city)]
    fields += [
        Field(Column("Programme"), lambda r: programmes.get(r.programme_id)),
        Field(Column("Status"), lambda r: _label(r.status)),
    ]
    if full:
        fields += [
            Field(Column("Guardian name"), lambda r: r.guardian_name),
            Field(Column("Guardian phone"), lambda r: r.guardian_phone),
            Field(Column("Guardian email"), lambda r: r.guardian_email),
            Field(Column("Consent form on file", DATE), lambda r: r.consent_on),
            Field(Column("Referred on", DATE), lambda r: r.referred_on),
        ]
    fields += [Field(Column("Languages", NOTE, 22), lambda r: r.languages),
               Field(Column("Interests", NOTE, 22), lambda r: r.interests)]
    if full:
        fields.append(Field(Column("Notes", NOTE), lambda r: r.notes))
    return _sheet("Youth", fields, rows, title)
