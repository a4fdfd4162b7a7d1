"""The match roster and the session/hours log (filters: see services/rosters.py).

Sessions are streamed from the database in chunks (`yield_per`: a server-side
cursor on PostgreSQL) and turned into plain tuples with dictionaries of the few
thousand people and matches read up front, so 150,000 sessions never sit in
memory at once. Hours are exact: the Minutes column is the stored integer, the
Hours column is minutes / 60 shown with one decimal.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from ..domain import ClosureReason, Employment, Match, MentoringSession, Programme, Volunteer, Youth
from ..domain.enums import SessionMedium, SessionStatus
from ..domain.values import name_key
from ..exporting.sheets import DATE, HOURS, ID, INT, NOTE, Column, Sheet
from .rosters import (FULL, NOT_NAMED, YIELD_PER, Field, RosterFilters, _at_sponsor, _in_period,
                      _label, _match_running, _names, _sheet, _status_and_archived,
                      _volunteer_scope, _where, _yes_no, initial)
from .volunteers import current_employment_on


def _volunteers(s: Session, sponsor: bool) -> dict[int, tuple[str, str | None]]:
    """Volunteer ID -> (name, email); for a sponsor, only those who consented are named."""
    out = {}
    for vid, first, last, email, consent in s.execute(select(
            Volunteer.id, Volunteer.first_name, Volunteer.last_name, Volunteer.email,
            Volunteer.consent_named_in_reports)):
        named = consent or not sponsor
        out[vid] = (f"{first} {last}".strip(), email) if named else (NOT_NAMED, None)
    return out


def _youth_name(first: str, last: str, privacy: str) -> str:
    shown = last if privacy == FULL else initial(last)
    return f"{first} {shown or ''}".strip()


# --- matches ---------------------------------------------------------------------------------

def match_sheet(s: Session, f: RosterFilters, as_of: date, privacy: str, title: str) -> Sheet:
    m = Match
    query = _where(select(m), _match_running(f))
    if f.for_sponsor:
        query = query.where(m.volunteer_id.in_(_volunteer_scope(f, as_of)))
    if f.programme_id is not None:
        query = query.where(m.programme_id == f.programme_id)
    query = _status_and_archived(query, m, f)
    sponsor = f.for_sponsor
    volunteers = _volunteers(s, sponsor)
    youth = {} if sponsor else {
        yid: (ref, _youth_name(first, last, privacy)) for yid, ref, first, last in
        s.execute(select(Youth.id, Youth.programme_ref, Youth.first_name, Youth.last_name))}
    programmes = _names(s, Programme)
    reasons = dict(s.execute(select(ClosureReason.id, ClosureReason.label)).all())
    rows = sorted(s.scalars(query), key=lambda r: (
        name_key(programmes.get(r.programme_id)), name_key(volunteers[r.volunteer_id][0]), r.id))
    no_youth = (None, None)
    fields = [
        Field(Column("MentorDesk ID", ID), lambda r: r.id),
        Field(Column("Volunteer email"), lambda r: volunteers[r.volunteer_id][1]),
        Field(Column("Volunteer"), lambda r: volunteers[r.volunteer_id][0]),
    ]
    if not sponsor:
        fields += [
            Field(Column("Youth programme ID"), lambda r: youth.get(r.youth_id, no_youth)[0]),
            Field(Column("Youth"), lambda r: youth.get(r.youth_id, no_youth)[1])]
    fields += [
        Field(Column("Programme"), lambda r: programmes.get(r.programme_id)),
        Field(Column("Kind"), lambda r: _label(r.kind)),
        Field(Column("Status"), lambda r: _label(r.status)),
        Field(Column("Proposed on", DATE), lambda r: r.proposed_on),
        Field(Column("Start date", DATE), lambda r: r.start_date),
        Field(Column("End date", DATE), lambda r: r.end_date),
    ]
    if not sponsor:
        fields += [
            Field(Column("Closure reason"), lambda r: reasons.get(r.closure_reason_id)),
            Field(Column("Closure category"), lambda r: _label(r.closure_category)),
            Field(Column("Rematch eligible"), lambda r: _yes_no(r.rematch_eligible)),
            Field(Column("Plan", NOTE), lambda r: r.plan),
            Field(Column("Closure note", NOTE), lambda r: r.closure_note),
        ]
    return _sheet("Matches", fields, rows, title)


# --- sessions --------------------------------------------------------------------------------

def _session_query(f: RosterFilters):
    ms = MentoringSession
    conditions = [_in_period(ms.session_date, f)]
    if f.for_sponsor:  # employed there on the day of the session (as participation counts)
        conditions.append(select(Employment.id).where(
            Employment.volunteer_id == ms.volunteer_id, current_employment_on(ms.session_date),
            _at_sponsor(f)).exists())
    if f.programme_id is not None:
        conditions.append(ms.programme_id == f.programme_id)
    if f.status is not None:
        conditions.append(ms.status == f.status)
    return [c for c in conditions if c is not None]


SESSION_COLUMNS = [
    Column("MentorDesk ID", ID), Column("Date", DATE), Column("Volunteer"),
    Column("Volunteer email"), Column("Youth programme ID"), Column("Match ID", ID),
    Column("Programme"), Column("Medium"), Column("Status"), Column("Minutes", INT),
    Column("Hours", HOURS), Column("Notes", NOTE),
]
SPONSOR_OMITS = {"Youth programme ID", "Notes"}


def session_sheet(s: Session, f: RosterFilters, title: str) -> Sheet:
    ms = MentoringSession
    conditions = _session_query(f)
    total = s.scalar(select(func.count(ms.id)).where(*conditions))
    sponsor = f.for_sponsor
    columns = [c for c in SESSION_COLUMNS if not (sponsor and c.header in SPONSOR_OMITS)]
    query = (select(ms.id, ms.session_date, ms.volunteer_id, ms.match_id, ms.programme_id,
                    ms.medium, ms.status, ms.duration_minutes, ms.notes)
             .where(*conditions).order_by(ms.session_date, ms.id))
    return Sheet("Sessions", title, columns, _session_rows(s, query, sponsor), total)


def _session_rows(s: Session, query, sponsor: bool) -> Iterator[tuple]:
    volunteers = _volunteers(s, sponsor)
    programmes = _names(s, Programme)
    refs = {} if sponsor else dict(s.execute(
        select(Match.id, Youth.programme_ref).join(Youth, Youth.id == Match.youth_id)).all())
    medium = {m: m.label for m in SessionMedium}
    status = {m: m.label for m in SessionStatus}
    result = s.execute(query, execution_options={"yield_per": YIELD_PER})
    for sid, day, vid, mid, pid, med, st, minutes, notes in result:
        name, email = volunteers[vid]
        if sponsor:
            yield (sid, day, name, email, mid, programmes.get(pid), medium[med], status[st],
                   minutes, minutes / 60)
        else:
            yield (sid, day, name, email, refs.get(mid), mid, programmes.get(pid), medium[med],
                   status[st], minutes, minutes / 60, notes)
