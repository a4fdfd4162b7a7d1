"""Participation per company and branch, checked against a plain-Python computation.

The fixture has a volunteer who changed branch mid-period, one who changed
company, sessions on (and just outside) the period's first and last days,
cancelled sessions, event-only volunteers, an employment with no branch, an
archived branch and volunteer, and (written directly, as an import might)
overlapping employment rows.
"""

from __future__ import annotations

from collections import defaultdict
from datetime import date

import pytest
from sqlalchemy import select

from mentordesk.domain import Attendance, Employment, Event, MentoringSession
from mentordesk.domain.enums import (
    AttendanceStatus,
    EventKind,
    SessionStatus,
    VolunteerStatus,
)
from mentordesk.domain.errors import ConflictError, NotFound, ValidationError
from mentordesk.services.participation import NO_BRANCH, Period
from mentordesk.services.sessions import SessionEntry

from .helpers import TODAY

PERIOD = Period.last_12_months(TODAY)  # 2025-03-02 .. 2026-03-01
FIRST, LAST = date(2025, 3, 2), date(2026, 3, 1)
BEFORE, AFTER = date(2025, 3, 1), date(2026, 3, 2)


def test_the_default_period_is_twelve_months_to_today():
    assert (PERIOD.start, PERIOD.end) == (FIRST, LAST)
    assert Period.last_12_months(date(2024, 2, 29)) == Period(date(2023, 3, 1), date(2024, 2, 29))
    with pytest.raises(ValidationError, match="must end on or after") as err:
        Period(date(2026, 1, 2), date(2026, 1, 1))
    assert err.value.field == "end"


class World:
    """Records for the figures; `ids` names them for the spot checks."""

    def __init__(self, services, make):
        self.services, self.make = services, make
        sp = services.sponsors
        self.acme = sp.create(name="Acme")
        self.beta = sp.create(name="Beta")
        self.north = sp.add_branch(self.acme.id, name="North", headcount=100)
        self.south = sp.add_branch(self.acme.id, name="South", headcount=0)
        self.east = sp.add_branch(self.acme.id, name="East")  # no headcount
        self.old = sp.add_branch(self.acme.id, name="Old", headcount=5)
        self.idle = sp.add_branch(self.acme.id, name="Idle", headcount=7)
        self.main = sp.add_branch(self.beta.id, name="Main", headcount=10)
        self.programme = make.programme()

    def volunteer(self, sponsor=None, branch=None, since=date(2024, 1, 1), **fields):
        fields.setdefault("status", VolunteerStatus.ACCEPTED)
        fields.setdefault("prior_training_minutes", 600)
        v = self.make.volunteer(eligible=False, **fields)
        self.make.clear_checks(v.id, completed_on=date(2024, 6, 1))
        if sponsor is not None:
            self.services.volunteers.set_employer(
                v.id, sponsor.id, branch.id if branch else None, since)
        return v

    def sessions(self, volunteer, *days_minutes, status=SessionStatus.ATTENDED):
        youth = self.make.youth()
        m = self.services.matches.propose(volunteer.id, youth.id, self.programme.id,
                                          proposed_on=date(2024, 12, 1))
        self.services.matches.activate(m.id, date(2025, 1, 1))
        self.services.sessions.log_many(
            SessionEntry(m.id, day, minutes, status=status) for day, minutes in days_minutes)
        return m

    def event(self, day, attended=(), absent=(), archived=False):
        e = self.services.events.create(kind=EventKind.ONGOING_TRAINING, title="Training",
                                        event_date=day, duration_minutes=90)
        self.services.events.set_attendance(e.id, [v.id for v in attended])
        if absent:
            self.services.events.set_attendance(
                e.id, [v.id for v in attended] + [v.id for v in absent])
            self.services.events.set_attendance(e.id, [v.id for v in attended])
        if archived:
            self.services.events.archive(e.id)
        return e


@pytest.fixture
def world(services, make):
    w = World(services, make)
    vol, db = services.volunteers, services.db
    # Moves from North to South on 2025-09-01: North ends 2025-08-31.
    w.mover = w.volunteer(w.acme, w.north)
    w.sessions(w.mover, (BEFORE, 60), (FIRST, 45), (date(2025, 8, 31), 30),
               (date(2025, 9, 1), 50), (LAST, 40), (AFTER, 999))
    vol.set_employer(w.mover.id, w.acme.id, w.south.id, date(2025, 9, 1))
    # Changes company: Acme North until 2025-11-30, Beta Main from 2025-12-01.
    w.switcher = w.volunteer(w.acme, w.north)
    w.sessions(w.switcher, (date(2025, 6, 1), 60), (date(2025, 12, 1), 120))
    vol.set_employer(w.switcher.id, w.beta.id, w.main.id, date(2025, 12, 1))
    # Cancelled and no-show sessions are not activity; a later attended event is.
    w.quiet = w.volunteer(w.beta, w.main)
    w.sessions(w.quiet, (date(2025, 5, 5), 60), status=SessionStatus.CANCELLED)
    w.sessions(w.quiet, (date(2025, 5, 6), 60), status=SessionStatus.NO_SHOW)
    # Only events: attended one at East; absent at one, attended an archived one.
    w.learner = w.volunteer(w.acme, w.east)
    w.absentee = w.volunteer(w.acme, w.east)
    w.event(FIRST, attended=[w.learner])
    w.event(date(2025, 7, 1), absent=[w.absentee])
    w.event(date(2025, 7, 2), attended=[w.absentee], archived=True)
    w.event(BEFORE, attended=[w.absentee])
    w.event(date(2025, 4, 1), attended=[w.quiet])
    # Employed by Acme with no branch recorded.
    w.nobranch = w.volunteer(w.acme, None)
    w.sessions(w.nobranch, (date(2025, 10, 10), 75))
    # Worked at Old (archived since) during the period.
    w.former = w.volunteer(w.acme, w.old)
    w.sessions(w.former, (date(2025, 4, 4), 35))
    services.sponsors.archive_branch(w.old.id)
    # An archived volunteer still counts.
    w.gone = w.volunteer(w.beta, w.main)
    w.sessions(w.gone, (date(2025, 11, 11), 25))
    vol.archive(w.gone.id)
    # Employment ended before the period; sessions in the period count for nobody.
    w.leaver = w.volunteer(w.acme, w.north, since=date(2023, 1, 1))
    vol.set_employer(w.leaver.id, None, None, date(2025, 2, 1))
    w.sessions(w.leaver, (date(2025, 6, 6), 60))
    # Not employed yet: a session before the employment starts counts for nobody.
    w.late = w.volunteer(w.beta, w.main, since=date(2025, 12, 15))
    w.sessions(w.late, (date(2025, 12, 14), 30), (date(2025, 12, 15), 20))
    # Overlapping rows, as an import may leave them: two jobs at once (Acme North and
    # Beta Main) and a duplicate North row -- each session counts once per branch.
    w.twojobs = w.volunteer(w.acme, w.north)
    with db.transaction() as s:
        s.add(Employment(volunteer_id=w.twojobs.id, sponsor_id=w.beta.id,
                         branch_id=w.main.id, start_date=date(2025, 6, 1)))
        s.add(Employment(volunteer_id=w.twojobs.id, sponsor_id=w.acme.id,
                         branch_id=w.north.id, start_date=date(2025, 1, 1),
                         end_date=date(2025, 12, 31)))
    w.sessions(w.twojobs, (date(2025, 5, 1), 10), (date(2025, 7, 1), 20))
    w.event(date(2025, 8, 8), attended=[w.twojobs, w.mover])
    # Beta is archived? No: an archived company of its own.
    w.gone_co = services.sponsors.create(name="Gone Co")
    services.sponsors.archive(w.gone_co.id)
    return w


def reference(db, period: Period):
    """Figures straight from the definitions, in plain Python over every row."""
    with db.reading() as s:
        jobs = s.execute(select(Employment.volunteer_id, Employment.sponsor_id,
                                Employment.branch_id, Employment.start_date,
                                Employment.end_date)).all()
        sessions = s.execute(select(MentoringSession.id, MentoringSession.volunteer_id,
                                    MentoringSession.session_date,
                                    MentoringSession.duration_minutes,
                                    MentoringSession.status)).all()
        events = s.execute(select(Attendance.volunteer_id, Event.event_date, Attendance.status,
                                  Event.archived_at).join(Event)).all()

    def employers(volunteer_id, day):
        return {(sp, br) for vid, sp, br, start, end in jobs
                if vid == volunteer_id and (start is None or start <= day)
                and (end is None or day <= end)}

    minutes = {sid: m for sid, _, _, m, _ in sessions}
    branch = defaultdict(lambda: (set(), set()))  # (volunteers, session ids)
    sponsor = defaultdict(lambda: (set(), set()))
    for sid, vid, day, _, status in sessions:
        if status == SessionStatus.ATTENDED and period.start <= day <= period.end:
            for sp, br in employers(vid, day):
                for bucket in (branch[sp, br], sponsor[sp]):
                    bucket[0].add(vid)
                    bucket[1].add(sid)
    for vid, day, status, archived in events:
        if status == AttendanceStatus.ATTENDED and archived is None and (
                period.start <= day <= period.end):
            for sp, br in employers(vid, day):
                branch[sp, br][0].add(vid)
                sponsor[sp][0].add(vid)

    def figures(bucket):
        people, ids = bucket
        return len(people), sum(minutes[i] for i in ids), len(ids)

    return ({k: figures(v) for k, v in branch.items()},
            {k: figures(v) for k, v in sponsor.items()})


def figures(row):
    return row.volunteers, row.minutes, row.sessions


PERIODS = [
    PERIOD,
    Period(date(2025, 9, 1), date(2025, 9, 1)),
    Period(date(2025, 8, 31), date(2025, 12, 1)),
    Period(date(2024, 1, 1), date(2027, 1, 1)),
]


@pytest.mark.parametrize("period", PERIODS, ids=lambda p: f"{p.start}..{p.end}")
def test_every_figure_matches_the_plain_computation(services, world, period):
    branch_ref, sponsor_ref = reference(services.db, period)
    assert any(branch_ref.values()), "the period must see some activity"
    overview = services.participation.overview(period)
    zero = (0, 0, 0)
    shown = {(b.sponsor_id, b.branch_id): figures(b) for b in overview.branches}
    for key, expected in branch_ref.items():
        if key[0] != world.gone_co.id:
            assert shown.get(key) == expected, key
    for key, got in shown.items():
        assert got == branch_ref.get(key, zero), key
    companies = {s.sponsor_id: figures(s) for s in overview.sponsors}
    assert set(companies) == {world.acme.id, world.beta.id}
    for sponsor_id, got in companies.items():
        assert got == sponsor_ref.get(sponsor_id, zero), sponsor_id
    # One company's branches alone give the same rows.
    only = services.participation.branch_figures(period, sponsor_id=world.acme.id)
    assert only == [b for b in overview.branches if b.sponsor_id == world.acme.id]


def test_figures_by_hand(services, world):
    w = world
    overview = services.participation.overview(PERIOD)
    rows = {(b.sponsor_id, b.name): b for b in overview.branches}
    north, south = rows[w.acme.id, "North"], rows[w.acme.id, "South"]
    # North: mover's first-day and 31 Aug sessions, switcher's June session, twojobs' two
    # sessions (once, despite the duplicate row); the leaver's session counts for nobody.
    assert figures(north) == (3, 45 + 30 + 60 + 10 + 20, 5)
    # South: mover from 1 Sep, the last day included, the day after not.
    assert figures(south) == (1, 50 + 40, 2)
    assert (south.headcount, south.rate) == (0, None)
    assert north.rate == pytest.approx(3 / 100)
    east = rows[w.acme.id, "East"]
    assert figures(east) == (1, 0, 0) and east.rate is None  # learner's event only
    assert figures(rows[w.acme.id, NO_BRANCH]) == (1, 75, 1)
    old = rows[w.acme.id, "Old"]
    assert old.archived and figures(old) == (1, 35, 1)
    assert figures(rows[w.acme.id, "Idle"]) == (0, 0, 0)
    main = rows[w.beta.id, "Main"]
    # switcher (1 Dec), quiet (event), gone (archived), late (from 15 Dec), twojobs (July).
    assert figures(main) == (5, 120 + 25 + 20 + 20, 4)
    assert main.rate == pytest.approx(0.5)
    acme = next(s for s in overview.sponsors if s.sponsor_id == w.acme.id)
    # mover, switcher, learner, nobranch, former, twojobs: each once.
    assert figures(acme) == (6, 45 + 30 + 50 + 40 + 60 + 75 + 35 + 10 + 20, 9)
    assert (acme.branches, acme.headcount) == (4, 107)  # Old is archived; East has none


def test_archived_rows_come_when_asked(services, world):
    quiet = Period(date(2026, 1, 1), date(2026, 1, 31))
    names = [b.name for b in services.participation.branch_figures(
        quiet, sponsor_id=world.acme.id)]
    assert names == ["East", "Idle", "North", "South"]  # Old had nothing then
    names = [b.name for b in services.participation.branch_figures(
        quiet, sponsor_id=world.acme.id, include_archived=True)]
    assert names == ["East", "Idle", "North", "Old", "South"]
    everyone = services.participation.overview(quiet, include_archived=True).sponsors
    assert [(s.name, s.archived) for s in everyone] == [
        ("Acme", False), ("Beta", False), ("Gone Co", True)]
    assert everyone[2].headcount is None and everyone[2].rate is None


def test_a_company_carries_its_branch_rows(services, world):
    overview = services.participation.overview(PERIOD)
    for company in overview.sponsors:
        assert list(company.branch_rows) == overview.branches_of(company.sponsor_id)
        assert company.id == company.sponsor_id


def test_archive_and_restore_a_branch(services, make):
    acme = make.sponsor("Acme")
    north = make.branch(acme.id, "North")
    services.sponsors.archive_branch(north.id, expected_version=north.version)
    assert services.sponsors.branches(acme.id) == []
    assert services.sponsors.get_branch(north.id).archived
    services.sponsors.restore_branch(north.id)
    assert [b.name for b in services.sponsors.branches(acme.id)] == ["North"]
    with pytest.raises(ConflictError):
        services.sponsors.archive_branch(north.id, expected_version=1)
    with pytest.raises(NotFound):
        services.sponsors.archive_branch(999)
