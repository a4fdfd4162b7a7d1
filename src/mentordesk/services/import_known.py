"""What an import plan needs from the database, in a few queries, as plain dicts.

Only the tables a kind can touch are read: every volunteer (archived ones too:
a re-imported person is the same person), every young person, the sponsors,
branches and programmes; for volunteers their open employment and checks; for
matches the checks, training and first/last activity per match; for sessions
and contacts only the records within the file's dates (or named by ID).
"""

from __future__ import annotations

from collections import defaultdict
from datetime import date

from sqlalchemy import Table, func, select, union_all
from sqlalchemy.orm import Session

from ..domain import (
    Attendance,
    Branch,
    ClosureReason,
    Employment,
    Event,
    Match,
    MentoringSession,
    Programme,
    ScreeningCheck,
    Sponsor,
    SupportContact,
    Volunteer,
    Youth,
)
from ..domain.rules import ScreeningPolicy
from ..importing.plan import Known
from ..importing.rows import Converted
from .volunteers import training_minutes_query

SKIP = ("created_at", "updated_at", "archived_at", "anonymised_at")


def _rows(s: Session, model: type, *where) -> dict[int, dict]:
    table: Table = model.__table__
    columns = [c for c in table.c if c.name not in SKIP]
    return {row["id"]: dict(row) for row in s.execute(select(*columns).where(*where)).mappings()}


def _grouped(rows: dict[int, dict], column: str) -> dict[int, list[dict]]:
    out: dict[int, list[dict]] = defaultdict(list)
    for row in rows.values():
        out[row[column]].append(row)
    return out


def _span(converted: list[Converted], field: str) -> tuple[date, date] | None:
    days = [c.values[field] for c in converted if isinstance(c.values.get(field), date)]
    return (min(days), max(days)) if days else None


def _ids(converted: list[Converted]) -> list[int]:
    return sorted({c.values["id"] for c in converted if "id" in c.values})


# The tables each kind's plan reads (beyond programmes), for `stamp`.
TABLES = {
    "volunteers": (Volunteer, Sponsor, Branch, Employment, ScreeningCheck),
    "youth": (Youth,),
    "matches": (Volunteer, Youth, Match, ScreeningCheck, Attendance, Event, ClosureReason,
                MentoringSession, SupportContact),
    "sessions": (Volunteer, Youth, Match, MentoringSession),
    "contacts": (Volunteer, Youth, Match, SupportContact),
    "attendance": (Volunteer, Event, Attendance),
}


def stamp(s: Session, kind: str) -> tuple:
    """A cheap fingerprint of what a plan of this kind read: rows, highest id and latest
    change per table. Equal stamps: nothing the plan depends on was written since."""
    out = []
    for model in (Programme, *TABLES[kind]):
        out.extend(s.execute(select(func.count(), func.max(model.id),
                                    func.max(model.updated_at))).one())
    return tuple(out)


def load_known(s: Session, kind: str, converted: list[Converted], today: date,
               policy: ScreeningPolicy) -> Known:
    known = Known(today=today, policy=policy)
    known.programmes = _rows(s, Programme)
    if kind != "youth":
        known.volunteers = _rows(s, Volunteer)
    if kind in ("youth", "matches", "sessions", "contacts"):
        known.youth = _rows(s, Youth)
    if kind == "volunteers":
        known.sponsors = _rows(s, Sponsor)
        known.branches = _rows(s, Branch)
        known.employments = _grouped(_rows(s, Employment, Employment.end_date.is_(None)),
                                     "volunteer_id")
        known.checks = _grouped(_rows(s, ScreeningCheck), "volunteer_id")
    if kind in ("matches", "sessions", "contacts"):
        known.matches = _rows(s, Match)
    if kind == "matches":
        known.checks = _grouped(_rows(s, ScreeningCheck), "volunteer_id")
        known.training = {vid: int(m or 0) for vid, m in s.execute(training_minutes_query())}
        known.closure_reasons = _rows(s, ClosureReason)
        known.activity = _activity(s)
    if kind == "sessions":
        known.sessions = _dated(s, MentoringSession, MentoringSession.session_date,
                                converted, "date")
    if kind == "contacts":
        known.contacts = _dated(s, SupportContact, SupportContact.contact_date, converted, "date")
    if kind == "attendance":
        known.events = _rows(s, Event)
        known.attendance = _rows(s, Attendance)
    return known


def _dated(s: Session, model: type, column, converted: list[Converted], field: str) -> dict:
    """Records within the file's dates, and those its rows name by ID."""
    found: dict[int, dict] = {}
    span = _span(converted, field)
    if span:
        found.update(_rows(s, model, column.between(*span)))
    ids = [i for i in _ids(converted) if i not in found]
    for start in range(0, len(ids), 500):
        found.update(_rows(s, model, model.id.in_(ids[start:start + 500])))
    return found


def _activity(s: Session) -> dict[int, tuple[date, date]]:
    """First and last session or support contact of every match."""
    both = union_all(
        select(MentoringSession.match_id.label("match_id"),
               MentoringSession.session_date.label("day"))
        .where(MentoringSession.match_id.is_not(None)),
        select(SupportContact.match_id, SupportContact.contact_date),
    ).subquery()
    return {mid: (first, last) for mid, first, last in s.execute(
        select(both.c.match_id, func.min(both.c.day), func.max(both.c.day))
        .group_by(both.c.match_id))}
