"""The sponsor report's figures, each checked against a plain-Python computation
over the raw rows of the fixture (not the report's own code path).

The fixture has a volunteer who moved branch mid-period (Greek name), one who
moved to another company (Cyrillic name), sessions on the period's first and last
days and on the days just outside, cancelled sessions, a volunteer active before
the period (not new), an event-only volunteer, a match closed in the period, and
young people with names, IDs and schools that must never be printed.
"""

from __future__ import annotations

from collections import defaultdict
from datetime import date, timedelta
from decimal import ROUND_HALF_UP, Decimal

import pytest
from sqlalchemy import select

from mentordesk.domain import (
    Attendance,
    Employment,
    Event,
    HourValueRate,
    Match,
    MentoringSession,
    Volunteer,
)
from mentordesk.domain.enums import (
    AttendanceStatus,
    ClosureCategory,
    EventKind,
    SessionStatus,
    VolunteerStatus,
)
from mentordesk.domain.errors import NotFound, ValidationError
from mentordesk.services.sessions import SessionEntry
from mentordesk.services.sponsor_report import SponsorReportService, months_of, value_of_time

START, END = date(2025, 1, 1), date(2025, 12, 31)
BEFORE, AFTER = START - timedelta(days=1), END + timedelta(days=1)
YOUTH = [  # (first, last, programme ID, school) -- never printed in a sponsor report
    ("Zebulon", "Quagmire", "YREF-7781", "Hogwarts Academy"),
    ("Philippa", "Vexworth", "YREF-7782", "Grimsby Grammar"),
    ("Barnaby", "Oakenshield", "YREF-7783", "Lakeside Middle"),
    ("Ottoline", "Frumpkin", "YREF-7784", "St Swithin's School"),
    ("Ignatius", "Wolfsbane", "YREF-7785", "Marlowe Primary"),
    ("Clementine", "Pockett", "YREF-7786", "Riverside Elementary"),
    ("Thaddeus", "Crumble", "YREF-7787", "Kingsmead Academy"),
    ("Araminta", "Gribble", "YREF-7788", "Hollowbrook High"),
    ("Percival", "Snodgrass", "YREF-7789", "Ashdown Secondary"),
    ("Henrietta", "Plumtree", "YREF-7790", "Fernhill Junior"),
]


class World:
    def __init__(self, services, make):
        self.services, self.make = services, make
        sp = services.sponsors
        self.acme = sp.create(name="Acme Ltd")
        self.beta = sp.create(name="Beta plc")
        self.north = sp.add_branch(self.acme.id, name="North", city="Leeds", headcount=100)
        self.south = sp.add_branch(self.acme.id, name="South", city="Bristol", headcount=40)
        self.east = sp.add_branch(self.acme.id, name="East")  # no headcount
        self.main = sp.add_branch(self.beta.id, name="Main", headcount=10)
        self.programme = make.programme("Community mentoring")
        self._youth = iter(YOUTH)

    def volunteer(self, first, last, branch=None, sponsor=None, *, consent=False):
        v = self.make.volunteer(eligible=False, first_name=first, last_name=last,
                                status=VolunteerStatus.ACCEPTED, prior_training_minutes=600,
                                consent_named_in_reports=consent)
        self.make.clear_checks(v.id, completed_on=date(2024, 6, 1))
        if branch is not None:
            self.services.volunteers.set_employer(v.id, (sponsor or self.acme).id, branch.id,
                                                  date(2024, 1, 1))
        return v

    def match(self, volunteer, *days_minutes, status=SessionStatus.ATTENDED,
              start=date(2024, 9, 1)):
        first, last, ref, school = next(self._youth)
        youth = self.make.youth(first_name=first, last_name=last, programme_ref=ref,
                                school=school, date_of_birth=date(2012, 4, 3))
        m = self.services.matches.propose(volunteer.id, youth.id, self.programme.id,
                                          proposed_on=start - timedelta(days=10))
        self.services.matches.activate(m.id, start)
        self.sessions(m, *days_minutes, status=status)
        return m

    def sessions(self, match, *days_minutes, status=SessionStatus.ATTENDED):
        self.services.sessions.log_many(
            SessionEntry(match.id, day, minutes, status=status) for day, minutes in days_minutes)

    def event(self, kind, day, minutes, attended, circle=None):
        e = self.services.events.create(kind=kind, title=f"{kind.value} {day}", event_date=day,
                                        duration_minutes=minutes,
                                        circle_id=circle.id if circle else None)
        self.services.events.set_attendance(e.id, [v.id for v in attended])
        return e


def build_world(services, make) -> World:
    w = World(services, make)
    vols, matches = services.volunteers, services.matches
    # Moves from North to South on 2025-07-01; sessions on and just outside both ends.
    w.mover = w.volunteer("Ελένη", "Παπαδοπούλου", w.north, consent=True)
    m = w.match(w.mover, (BEFORE, 60), (START, 45), (date(2025, 6, 30), 30),
                (date(2025, 7, 1), 50), (END, 40), (AFTER, 999))
    w.sessions(m, (date(2025, 3, 3), 120), status=SessionStatus.CANCELLED)
    w.sessions(m, (date(2025, 3, 4), 120), status=SessionStatus.NO_SHOW)
    vols.set_employer(w.mover.id, w.acme.id, w.south.id, date(2025, 7, 1))
    # Moves to another company (Beta) on 2025-10-01.
    w.switcher = w.volunteer("Анна", "Кузнецова", w.north, consent=True)
    w.match(w.switcher, (date(2025, 5, 5), 60), (date(2025, 10, 10), 120))
    vols.set_employer(w.switcher.id, w.beta.id, w.main.id, date(2025, 10, 1))
    # Five colleagues at South, not named; one match closed in the period after 7 months.
    w.south_team = [w.volunteer("Sam", f"South{i}", w.south) for i in range(5)]
    for i, v in enumerate(w.south_team[:4]):
        w.match(v, (date(2025, 2, 10 + i), 55 + i), (date(2025, 8, 20), 61))
    w.closer = w.south_team[4]
    closed = w.match(w.closer, (date(2025, 3, 15), 90), (date(2025, 4, 1), 33))
    matches.close(closed.id, end_date=date(2025, 4, 10), reason_id=make.reason_id(),
                  category=ClosureCategory.COMPLETED, rematch_eligible=False)
    # Active before the period too (not new), consenting, at East.
    w.veteran = w.volunteer("Zoë", "Lefèvre", w.east, consent=True)
    w.match(w.veteran, (date(2024, 11, 1), 60), (date(2025, 11, 30), 75))
    # Only events, at East; a Beta volunteer at the same events does not count.
    w.learner = w.volunteer("Lee", "Learner", w.east)
    w.outsider = w.volunteer("Otto", "Outsider", w.main, sponsor=w.beta)
    circle = services.events.create_circle("Newcomer Circle")
    w.event(EventKind.LEARNING_CIRCLE, date(2025, 2, 2), 60, [w.learner, w.outsider], circle)
    w.event(EventKind.LEARNING_CIRCLE, date(2025, 3, 2), 60, [w.learner, w.veteran], circle)
    w.event(EventKind.ONGOING_TRAINING, END, 90, [w.learner, w.mover, *w.south_team])
    w.event(EventKind.ONGOING_TRAINING, AFTER, 90, [w.learner])
    # Beta's own volunteer with sessions: never Acme's.
    w.match(w.outsider, (date(2025, 6, 6), 45))
    return w


@pytest.fixture
def world(services, make):
    return build_world(services, make)


# --- the independent computation ----------------------------------------------------------

def _add_months(day: date, months: int) -> date:
    y, m = divmod(day.year * 12 + day.month - 1 + months, 12)
    for d in range(day.day, 27, -1):
        try:
            return date(y, m + 1, d)
        except ValueError:
            continue
    return date(y, m + 1, day.day)


def reference(db, sponsor_id: int, start: date = START, end: date = END) -> dict:
    """Every figure from the raw rows, in plain Python."""
    with db.reading() as s:
        jobs = s.execute(select(Employment.volunteer_id, Employment.sponsor_id,
                                Employment.branch_id, Employment.start_date,
                                Employment.end_date)).all()
        sessions = s.execute(select(MentoringSession.id, MentoringSession.volunteer_id,
                                    MentoringSession.match_id, MentoringSession.session_date,
                                    MentoringSession.duration_minutes,
                                    MentoringSession.status)).all()
        matches = {m.id: m for m in s.execute(select(Match.id, Match.youth_id, Match.start_date,
                                                     Match.end_date, Match.status)).all()}
        events = s.execute(select(Attendance.volunteer_id, Attendance.status, Event.id,
                                  Event.kind, Event.event_date, Event.duration_minutes,
                                  Event.archived_at)
                           .join(Event, Event.id == Attendance.event_id)).all()
        people = {v.id: v for v in s.execute(select(Volunteer.id, Volunteer.first_name,
                                                    Volunteer.last_name,
                                                    Volunteer.consent_named_in_reports))}
        rate = s.execute(select(HourValueRate.cents)).scalar_one()

    def branches_on(vid, day):
        return {b for v, sp, b, a, z in jobs if v == vid and sp == sponsor_id
                and (a is None or a <= day) and (z is None or z >= day)}

    fig = dict(volunteers=set(), before=set(), minutes=0, sessions=0, matches=set(),
               branch=defaultdict(lambda: [set(), 0, 0]), month=defaultdict(int),
               kinds=defaultdict(lambda: [set(), set(), 0]))

    def activity(vid, day, counts):
        """The branches an activity counts for; None when it does not count in the period."""
        where = branches_on(vid, day) if counts else set()
        if where and day < start:
            fig["before"].add(vid)
        if not where or not start <= day <= end:
            return None
        fig["volunteers"].add(vid)
        for b in where:
            fig["branch"][b][0].add(vid)
        return where

    for _sid, vid, mid, day, minutes, status in sessions:
        where = activity(vid, day, status == SessionStatus.ATTENDED)
        if where is None:
            continue
        fig["minutes"] += minutes
        fig["sessions"] += 1
        fig["month"][day.replace(day=1)] += minutes
        if mid is not None:
            fig["matches"].add(mid)
        for b in where:
            fig["branch"][b][1] += minutes
            fig["branch"][b][2] += 1
    for vid, status, eid, kind, day, minutes, archived in events:
        if activity(vid, day, status == AttendanceStatus.ATTENDED and archived is None) is None:
            continue
        fig["kinds"][kind][0].add(eid)
        fig["kinds"][kind][1].add(vid)
        fig["kinds"][kind][2] += minutes
    spans = []
    for mid in fig["matches"]:
        m = matches[mid]
        closed = m.end_date if m.end_date is not None and m.end_date <= end else None
        spans.append((m.start_date, closed))
    survival = {}
    for months in (6, 12):
        could = [(a, z) for a, z in spans if z is not None or _add_months(a, months) <= end]
        reached = [1 for a, z in could if (z or end) >= _add_months(a, months)]
        survival[months] = (len(reached), len(could))
    named = sorted((people[v] for v in fig["volunteers"] if people[v].consent_named_in_reports),
                   key=lambda p: (p.last_name.casefold(), p.first_name.casefold()))
    value = (Decimal(fig["minutes"]) * rate / 60).quantize(Decimal(1), ROUND_HALF_UP)
    return dict(
        volunteers=len(fig["volunteers"]),
        new=len(fig["volunteers"] - fig["before"]),
        minutes=fig["minutes"], sessions=fig["sessions"],
        matches=len(fig["matches"]),
        youth=len({matches[m].youth_id for m in fig["matches"]}),
        match_days=sum(((z or end) - a).days for a, z in spans),
        survival=survival, value_cents=int(value),
        branches={b: (len(v), mi, n) for b, (v, mi, n) in fig["branch"].items()},
        months=dict(fig["month"]),
        kinds={k: (len(e), len(v), mi) for k, (e, v, mi) in fig["kinds"].items()},
        named=[f"{p.first_name} {p.last_name}" for p in named],
        colleagues=len(fig["volunteers"]) - len(named),
    )


# --- the tests ------------------------------------------------------------------------------

def test_every_figure_matches_the_independent_computation(services, world):
    f = SponsorReportService(services.db).figures(world.acme.id, START, END)
    ref = reference(services.db, world.acme.id)
    assert f.sponsor == "Acme Ltd" and (f.start, f.end) == (START, END)
    assert f.volunteers == ref["volunteers"] == 9
    assert f.new_volunteers == ref["new"] == 7  # the veteran and the mover were active before
    assert (f.sessions, f.minutes) == (ref["sessions"], ref["minutes"])
    assert f.active_matches == ref["matches"] and f.youth_served == ref["youth"]
    assert f.match_days == ref["match_days"]
    assert {s.months: (s.reached, s.could_have) for s in f.survival} == ref["survival"]
    assert f.value_cents == ref["value_cents"]
    assert f.rate.year == 2022 and f.rate.cents == 3180 and "Independent Sector" in f.rate.source
    assert {b.branch_id: (b.volunteers, b.minutes, b.sessions)
            for b in f.branches if b.volunteers} == ref["branches"]
    assert {m: n for m, n in f.months if n} == ref["months"]
    assert [m for m, _ in f.months] == [date(2025, m, 1) for m in range(1, 13)]
    assert {t.kind: (t.events, t.volunteers, t.minutes) for t in f.trainings} == ref["kinds"]
    assert list(f.named) == ref["named"]
    assert f.colleagues == ref["colleagues"]
    assert f.headcount == 140  # North 100 + South 40; East has none
    assert f.circles == ("Newcomer Circle",)


def test_the_mover_is_split_between_branches_at_the_date_of_each_session(services, world):
    f = SponsorReportService(services.db).figures(world.acme.id, START, END)
    by_branch = {b.name: b for b in f.branches}
    # 45 (first day) + 30 (last day at North); 50 (first day at South) + 40 (last day)
    # plus the switcher's 60 at North before moving to Beta, and the South team.
    assert by_branch["North"].minutes == 45 + 30 + 60
    assert by_branch["North"].sessions == 3
    south = 50 + 40 + sum(55 + i + 61 for i in range(4)) + 90 + 33
    assert by_branch["South"].minutes == south
    assert by_branch["North"].volunteers == 2 and by_branch["South"].volunteers == 6


def test_the_period_boundaries_count_the_first_and_last_days_only(services, world):
    report = SponsorReportService(services.db)
    f = report.figures(world.acme.id, START, END)
    assert 999 not in {n for _, n in f.months}
    g = report.figures(world.acme.id, START, START)
    assert (g.sessions, g.minutes) == (1, 45)  # the first day only
    h = report.figures(world.acme.id, END, END)
    ref = reference(services.db, world.acme.id, END, END)
    assert (h.sessions, h.minutes) == (1, 40) == (ref["sessions"], ref["minutes"])
    assert h.volunteers == ref["volunteers"]  # the session and the training on the last day
    assert h.trainings[0].kind == EventKind.ONGOING_TRAINING


def test_the_company_a_volunteer_moved_to_gets_the_later_sessions(services, world):
    f = SponsorReportService(services.db).figures(world.beta.id, START, END)
    ref = reference(services.db, world.beta.id)
    assert (f.sessions, f.minutes, f.volunteers) == (ref["sessions"], ref["minutes"],
                                                     ref["volunteers"]) == (2, 165, 2)
    assert f.named == ("Анна Кузнецова",)


def test_the_stored_highlights_come_with_the_figures(services, world):
    services.reports.set_highlights(world.acme.id, "A great year.")
    report = SponsorReportService(services.db)
    assert report.figures(world.acme.id, START, END).highlights == "A great year."
    assert report.figures(world.beta.id, START, END).highlights == ""
    assert report.figures(world.acme.id, START, END, highlights="Other").highlights == "Other"


def test_a_company_with_nothing_in_the_period(services, make):
    quiet = make.sponsor("Quiet Co")
    f = SponsorReportService(services.db).figures(quiet.id, START, END)
    assert (f.volunteers, f.sessions, f.minutes, f.active_matches, f.youth_served) == (0,) * 5
    assert f.value_cents == 0 and f.branches == () and f.named == () and f.colleagues == 0
    assert all(s.could_have == 0 for s in f.survival)


def test_bad_requests_are_one_sentence(services, world):
    report = SponsorReportService(services.db)
    with pytest.raises(NotFound, match="no sponsor company with ID 999"):
        report.figures(999, START, END)
    with pytest.raises(ValidationError, match="must end on or after"):
        report.figures(world.acme.id, END, START)


def test_value_of_time_rounds_half_up_to_the_cent():
    assert value_of_time(60, 3180) == 3180
    assert value_of_time(1, 3180) == 53  # 53.0
    assert value_of_time(1, 3190) == 53  # 53.1666 -> 53
    assert value_of_time(1, 3210) == 54  # 53.5 -> 54
    assert value_of_time(0, 3180) == 0
    assert months_of(type("P", (), {"start": date(2024, 11, 15),
                                    "end": date(2025, 2, 1)})()) == [
        date(2024, 11, 1), date(2024, 12, 1), date(2025, 1, 1), date(2025, 2, 1)]
