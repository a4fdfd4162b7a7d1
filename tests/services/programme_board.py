"""The board report's test data and an independent computation over it: date and cadence
arithmetic written afresh (not domain.dates / domain.cadence) and plain Core reads of
the stored rows (not the report's queries)."""

from __future__ import annotations

from datetime import date, timedelta
from types import SimpleNamespace

from sqlalchemy import select

from mentordesk.domain import ClosureReason, Match
from mentordesk.domain.enums import (
    CheckResult,
    CheckType,
    ClosureCategory,
    ContactMethod,
    ContactParty,
    MatchStatus,
    SessionStatus,
    VolunteerStatus,
)
from mentordesk.domain.rules import DEFAULT_REQUIRED_CHECKS
from mentordesk.services.sessions import SessionEntry

from .helpers import Make, bbbs_next, months_between, plus_months  # noqa: F401

START, END = date(2025, 4, 1), date(2025, 9, 30)
LONG_AGO = date(2022, 1, 3)


# --- independent arithmetic (deliberately not domain.dates / domain.cadence) ------------

def bbbs_dues(start: date, made: list[date], until: date) -> list[tuple[date, bool]]:
    """Walk the calendar day by day: a due date is met by any contact since the last
    one used; a missed one is asked again one interval later."""
    made = sorted(max(d, start) for d in made)
    dues, due, anchor_contacts, day = [], bbbs_next(start, None), [], start
    pending = list(made)
    while day <= until:
        while pending and pending[0] == day:
            anchor_contacts.append(pending.pop(0))
        if day == due:
            dues.append((due, bool(anchor_contacts)))
            due = bbbs_next(start, anchor_contacts[-1] if anchor_contacts else due)
            anchor_contacts = []
        day += timedelta(days=1)
    return dues


# --- the data ------------------------------------------------------------------------------

def volunteer(make: Make, **fields):
    """An accepted volunteer whose screening was clear long before any match here."""
    v = make.services.volunteers.create(
        first_name=fields.pop("first_name", "Vol"), last_name=fields.pop("last_name", "X"),
        status=fields.pop("status", VolunteerStatus.ACCEPTED), prior_training_minutes=120,
        **fields)
    for check_type in DEFAULT_REQUIRED_CHECKS:
        make.services.volunteers.record_check(
            v.id, check_type, result=CheckResult.CLEAR, requested_on=LONG_AGO,
            completed_on=LONG_AGO)
    return v


def build_board(services, make: Make) -> SimpleNamespace:
    """Matches, sessions, contacts, checks and employments around 1 Apr – 30 Sep 2025,
    made through the services; returns the matches by what each one tests."""
    sv, m = services, services.matches
    acme = make.sponsor("Acme")
    north, south = make.branch(acme.id, "North"), make.branch(acme.id, "South")
    beta = make.sponsor("Beta")
    programme = make.programme("Board programme")
    early = date(2020, 1, 1)
    v1 = volunteer(make, sponsor_id=acme.id, branch_id=north.id, employed_since=early)
    sv.volunteers.set_employer(v1.id, acme.id, south.id, date(2025, 7, 1))  # moved mid-period
    v2 = volunteer(make, sponsor_id=acme.id, branch_id=north.id, employed_since=early)
    sv.volunteers.set_employer(v2.id, beta.id, None, date(2025, 10, 1))  # moved after the end
    v3 = volunteer(make, sponsor_id=beta.id, employed_since=early)
    v4 = volunteer(make)  # no employer
    v5 = volunteer(make, sponsor_id=acme.id, branch_id=south.id, employed_since=early)
    sv.volunteers.set_employer(v5.id, None, None, END)  # left the day before the end
    v6 = volunteer(make, sponsor_id=acme.id, branch_id=north.id, employed_since=END)
    others = [volunteer(make, sponsor_id=beta.id, employed_since=early) for _ in range(8)]

    def match(vol, start: date | None, *, closed: date | None = None, reason="Other",
              category=ClosureCategory.COMPLETED, rematch: bool | None = True):
        proposed = make.proposed_match(vol, make.youth(), programme,
                                       proposed_on=date(2019, 1, 1))
        if start is None:
            return proposed
        m.activate(proposed.id, start)
        return proposed if closed is None else SimpleNamespace(id=proposed.id, close=(
            closed, make.reason_id(reason), category, rematch))

    ms = SimpleNamespace(
        long=match(v1, date(2023, 1, 10)),
        six=match(v2, date(2025, 3, 30)),  # exactly 6 months before the end
        fresh=match(v3, START),
        first_day=match(v4, date(2024, 10, 1), closed=START,
                        reason="Accomplished goals / completed the commitment"),
        day_before=match(v5, date(2024, 11, 15), closed=START - timedelta(days=1)),
        last_day=match(v6, date(2025, 2, 1), closed=END, reason="Volunteer moved away",
                       category=ClosureCategory.MENTOR_INITIATED, rematch=False),
        day_after=match(others[0], date(2025, 5, 1), closed=END + timedelta(days=1)),
        later=match(others[1], END + timedelta(days=1)),
        proposed=match(others[2], None),
        short=match(others[3], date(2025, 6, 1), closed=date(2025, 7, 15),
                    category=ClosureCategory.YOUTH_INITIATED, rematch=None),
        archived=match(others[4], date(2024, 1, 1)),
        paused=match(others[5], date(2024, 3, 1)),
        on_end=match(others[6], END),  # started on the last day
        due_first=match(others[7], date(2025, 3, 18)),  # first contact due on the first day
    )
    m.archive(ms.archived.id)
    m.set_status(ms.paused.id, MatchStatus.ON_HOLD)

    def sessions(match_, *days, status=SessionStatus.ATTENDED, minutes=45):
        for day in days:
            sv.sessions.log(SessionEntry(match_.id, day, minutes, status=status))

    sessions(ms.long, START - timedelta(days=1), START, END, END + timedelta(days=1))
    sessions(ms.long, date(2025, 6, 3), status=SessionStatus.CANCELLED)
    sessions(ms.long, date(2025, 6, 4), status=SessionStatus.NO_SHOW)
    sessions(ms.first_day, START, minutes=61)
    sessions(ms.last_day, END, date(2025, 5, 5), minutes=90)
    sessions(ms.short, date(2025, 6, 2), minutes=59)
    sessions(ms.archived, date(2025, 6, 2), minutes=30)  # a session still happened

    def contacts(match_, *days, made=True):
        for day in days:
            sv.contacts.log(match_.id, contact_date=day, party=ContactParty.VOLUNTEER,
                            method=ContactMethod.PHONE, made=made)

    contacts(ms.long, date(2025, 3, 15), date(2025, 6, 10), END + timedelta(days=1))
    contacts(ms.long, date(2025, 9, 5), made=False)
    contacts(ms.six, date(2025, 4, 10), date(2025, 5, 10), date(2025, 6, 20), date(2025, 7, 15))
    contacts(ms.fresh, date(2025, 4, 15), date(2025, 5, 15), date(2025, 6, 15),
             date(2025, 7, 15), date(2025, 8, 15), date(2025, 9, 15))
    contacts(ms.paused, date(2025, 3, 1))
    contacts(ms.due_first, START)
    for mm in (ms.first_day, ms.day_before, ms.last_day, ms.day_after, ms.short):
        closed, reason, category, rematch = mm.close
        m.close(mm.id, end_date=closed, reason_id=reason, category=category,
                rematch_eligible=rematch)

    # Screening: people in the pipeline with every state of a check, and some outside it.
    vol = sv.volunteers
    screening = vol.create(first_name="In", last_name="Screening",
                           status=VolunteerStatus.SCREENING)
    vol.record_check(screening.id, CheckType.APPLICATION, result=CheckResult.CLEAR,
                     completed_on=date(2025, 1, 1))
    vol.record_check(screening.id, CheckType.INTERVIEW, requested_on=date(2025, 5, 1))
    vol.record_check(screening.id, CheckType.REFERENCES, result=CheckResult.FLAGGED,
                     completed_on=date(2025, 5, 2))
    vol.record_check(screening.id, CheckType.CRIMINAL_RECORD, result=CheckResult.CLEAR,
                     completed_on=date(2025, 1, 1), expires_on=END + timedelta(days=15))
    vol.record_check(screening.id, CheckType.CHILD_ABUSE_REGISTRY, result=CheckResult.CLEAR,
                     completed_on=date(2024, 1, 1), expires_on=END - timedelta(days=1))
    vol.create(first_name="Just", last_name="Applied", status=VolunteerStatus.APPLIED)
    driver = vol.create(first_name="A", last_name="Driver", status=VolunteerStatus.ACCEPTED,
                        drives_youth=True)
    vol.record_check(driver.id, CheckType.DRIVING_RECORD, requested_on=END + timedelta(days=31))
    vol.record_check(driver.id, CheckType.CRIMINAL_RECORD, result=CheckResult.CLEAR,
                     requested_on=date(2025, 9, 1), completed_on=END + timedelta(days=5))
    vol.record_check(driver.id, CheckType.APPLICATION, result=CheckResult.CLEAR,
                     completed_on=END + timedelta(days=30), expires_on=END + timedelta(days=30))
    vol.create(first_name="Only", last_name="Asking", status=VolunteerStatus.INQUIRY)
    vol.create(first_name="Gone", last_name="Away", status=VolunteerStatus.WITHDRAWN)
    archived = vol.create(first_name="Archived", last_name="Person",
                          status=VolunteerStatus.SCREENING, sponsor_id=acme.id)
    vol.archive(archived.id)
    return ms


def rows(services, model, *columns):
    with services.db.reading() as s:
        return s.execute(select(*(getattr(model.__table__.c, c) for c in columns))).all()


def started_matches(services, end=END):
    """Started, not archived, by the end: (id, start, closed on or None, reason, ...)."""
    reasons = dict(rows(services, ClosureReason, "id", "label"))
    out = []
    for mid, status, start, finish, archived, reason, category, rematch in rows(
            services, Match, "id", "status", "start_date", "end_date", "archived_at",
            "closure_reason_id", "closure_category", "rematch_eligible"):
        if archived is None and start is not None and start <= end and status in (
                "active", "on_hold", "closing", "closed"):
            out.append(SimpleNamespace(
                id=mid, start=start, closed=finish if status == "closed" else None,
                reason=reasons.get(reason), category=category, rematch=rematch))
    return out


def active_in(services, start=START, end=END):
    return [m for m in started_matches(services, end) if m.closed is None or m.closed >= start]
