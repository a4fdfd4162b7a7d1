"""The dashboard's figures, alerts and charts, each checked against a plain-Python
computation over the stored rows (not the service's queries), on both backends."""

from __future__ import annotations

import random
from collections import Counter
from datetime import date, timedelta

import pytest
from sqlalchemy import select

from mentordesk.domain import (
    Attendance,
    Event,
    Match,
    MentoringSession,
    ScreeningCheck,
    SupportContact,
    Volunteer,
)
from mentordesk.domain.enums import (
    AttendanceStatus,
    CheckResult,
    CheckType,
    ContactMethod,
    ContactParty,
    EventKind,
    MatchStatus,
    SessionStatus,
    VolunteerStatus,
)
from mentordesk.domain.rules import DEFAULT_REQUIRED_CHECKS
from mentordesk.services.dashboard import AlertKind, Severity
from mentordesk.services.sessions import SessionEntry

from .helpers import Make, months_between, plus_months
from .helpers import bbbs_next as _bbbs

LONG_AGO = date(2020, 1, 1)
RUNNING = {MatchStatus.ACTIVE, MatchStatus.ON_HOLD, MatchStatus.CLOSING}
# Days either side of month ends, the first of a month, and a day inside one.
TODAYS = [date(2026, 3, 15), date(2026, 3, 1), date(2026, 2, 28), date(2026, 3, 31),
          date(2026, 1, 31)]


# --- independent arithmetic (deliberately not domain.dates) ------------------------------

def _eepm4(start: date, last: date | None) -> date:
    """Twice in the first month, then monthly."""
    if last is None or months_between(start, last) < 1:
        return (last or start) + timedelta(days=15)
    return plus_months(last, 1)


CADENCES = {"bbbs": _bbbs, "eepm4": _eepm4}


# --- the data ------------------------------------------------------------------------------

def _person(make: Make, services, *, drives: bool = False, training: int = 120, **fields):
    """A volunteer cleared long ago (no expiry), so a match can start on any date."""
    volunteer = make.volunteer(eligible=False, prior_training_minutes=training,
                               drives_youth=drives, **fields)
    types = DEFAULT_REQUIRED_CHECKS + ((CheckType.DRIVING_RECORD,) if drives else ())
    for check_type in types:
        services.volunteers.record_check(volunteer.id, check_type, result=CheckResult.CLEAR,
                                         completed_on=LONG_AGO)
    services.volunteers.update(volunteer.id, status=VolunteerStatus.ACCEPTED)
    return volunteer


def _match(make: Make, services, programme, start: date | None,
           status: MatchStatus = MatchStatus.ACTIVE, end: date | None = None):
    volunteer = _person(make, services)
    match = make.proposed_match(volunteer, make.youth(), programme,
                                proposed_on=start or date(2026, 2, 1))
    if status is MatchStatus.PROPOSED:
        return match
    if status is MatchStatus.DECLINED:
        return services.matches.set_status(match.id, MatchStatus.DECLINED)
    services.matches.activate(match.id, start)
    if status in (MatchStatus.ON_HOLD, MatchStatus.CLOSING):
        services.matches.set_status(match.id, status)
    if status is MatchStatus.CLOSED:
        return make.services.matches.close(match.id, end_date=end, reason_id=make.reason_id(),
                                           category="completed", rematch_eligible=False)
    return match


MATCHES = [  # (start, status, end, note)
    (date(2025, 9, 15), MatchStatus.ACTIVE, None, "6 months on 15 March"),
    (date(2025, 9, 16), MatchStatus.ACTIVE, None, "6 months on 16 March"),
    (date(2024, 1, 31), MatchStatus.CLOSED, date(2024, 7, 30), "one day short of 6 months"),
    (date(2024, 1, 31), MatchStatus.CLOSED, date(2024, 7, 31), "exactly 6 months"),
    (date(2023, 3, 20), MatchStatus.ON_HOLD, None, "3 years on 20 March"),
    (date(2025, 3, 29), MatchStatus.CLOSING, None, "1 year on 29 March"),
    (date(2025, 3, 30), MatchStatus.ACTIVE, None, "1 year on 30 March"),
    (date(2024, 2, 29), MatchStatus.ACTIVE, None, "leap day start"),
    (date(2025, 8, 31), MatchStatus.ACTIVE, None, "6 months on 28 February"),
    (date(2026, 1, 10), MatchStatus.ACTIVE, None, "young"),
    (date(2026, 3, 1), MatchStatus.ACTIVE, None, "starts on the first"),
    (date(2022, 5, 1), MatchStatus.CLOSED, date(2025, 12, 31), "long and closed"),
    (date(2025, 11, 15), MatchStatus.CLOSED, date(2026, 3, 10), "closed this month"),
    (None, MatchStatus.PROPOSED, None, "not started"),
    (None, MatchStatus.DECLINED, None, "declined"),
]


@pytest.fixture
def world(services, make):
    rng = random.Random(7)
    programme = make.programme()
    matches = [_match(make, services, programme, start, status, end)
               for start, status, end, _note in MATCHES]
    archived = _match(make, services, programme, date(2025, 1, 10))
    matches.append(archived)
    entries = []
    for m in matches:
        m = services.matches.get(m.id)
        if m.start_date is None:
            continue
        last = m.end_date or date(2026, 4, 30)
        days = (last - m.start_date).days
        for _ in range(rng.randint(3, 25)):
            when = m.start_date + timedelta(days=rng.randint(0, days))
            status = rng.choice([SessionStatus.ATTENDED] * 4 + [SessionStatus.CANCELLED,
                                                                SessionStatus.NO_SHOW])
            entries.append(SessionEntry(m.id, when, rng.randint(15, 240), status=status))
    quiet = matches[5]  # closing, 1 year on 29 March: no session since mid January
    entries = [e for e in entries if not (e.match_id == quiet.id and e.session_date
                                           > date(2026, 1, 14))]
    # Month boundaries: the last day and the first day of months, and today itself.
    for day in (date(2025, 3, 31), date(2025, 4, 1), date(2025, 12, 31), date(2026, 1, 1),
                date(2026, 2, 28), date(2026, 3, 1), date(2026, 3, 15), date(2026, 3, 16),
                date(2026, 3, 31)):
        entries.append(SessionEntry(matches[7].id, day, 61, notes="boundary"))
    services.sessions.log_many(entries)
    for m in matches:
        m = services.matches.get(m.id)
        if m.start_date is None or rng.random() < 0.25:
            continue
        last = min(m.end_date or date(2026, 3, 20), date(2026, 3, 20))
        for _ in range(rng.randint(1, 4)):
            when = m.start_date + timedelta(days=rng.randint(0, (last - m.start_date).days))
            services.contacts.log(m.id, contact_date=when, party=ContactParty.VOLUNTEER,
                                  method=ContactMethod.PHONE, made=rng.random() < 0.8)
    services.matches.archive(archived.id)
    _screening(make, services)
    return matches


def _screening(make: Make, services) -> None:
    vol = services.volunteers

    def check(v, kind=CheckType.CRIMINAL_RECORD, **kw):
        vol.record_check(v.id, kind, **kw)

    soon = _person(make, services, first_name="Soon")  # renewal due in March
    check(soon, completed_on=date(2023, 3, 20), expires_on=date(2026, 3, 20),
          result=CheckResult.CLEAR)
    renewing = _person(make, services, first_name="Renewing")  # renewal requested only
    check(renewing, completed_on=date(2023, 4, 14), expires_on=date(2026, 4, 14),
          result=CheckResult.CLEAR)
    check(renewing, requested_on=date(2026, 3, 1))
    renewed = _person(make, services, first_name="Renewed")  # renewal done: no alert
    check(renewed, completed_on=date(2023, 3, 20), expires_on=date(2026, 3, 20),
          result=CheckResult.CLEAR)
    check(renewed, completed_on=date(2026, 2, 1), expires_on=date(2029, 2, 1),
          result=CheckResult.CLEAR)
    expired = _person(make, services, first_name="Expired")
    check(expired, CheckType.CHILD_ABUSE_REGISTRY, completed_on=date(2021, 3, 1),
          expires_on=date(2026, 3, 1), result=CheckResult.CLEAR)
    flagged = _person(make, services, first_name="Flagged")  # latest flagged: not ready
    check(flagged, completed_on=date(2025, 1, 1), expires_on=date(2026, 3, 20),
          result=CheckResult.FLAGGED)
    driver = _person(make, services, first_name="Driver", drives=True)
    check(driver, CheckType.DRIVING_RECORD, completed_on=date(2025, 4, 1),
          expires_on=date(2026, 4, 1), result=CheckResult.CLEAR)
    passenger = _person(make, services, first_name="Passenger")  # driving is not required
    check(passenger, CheckType.DRIVING_RECORD, completed_on=date(2025, 3, 1),
          expires_on=date(2026, 3, 16), result=CheckResult.CLEAR)
    inactive = _person(make, services, first_name="Inactive")
    check(inactive, completed_on=date(2023, 3, 20), expires_on=date(2026, 3, 20),
          result=CheckResult.CLEAR)
    vol.update(inactive.id, status=VolunteerStatus.INACTIVE)
    gone = _person(make, services, first_name="Archived")
    check(gone, completed_on=date(2023, 3, 20), expires_on=date(2026, 3, 20),
          result=CheckResult.CLEAR)
    vol.archive(gone.id)
    # Training: 60 minutes before, 90 at an event on 10 March: ready from then on.
    trainee = _person(make, services, first_name="Trainee", training=60)
    event = services.events.create(kind=EventKind.PRE_MATCH_TRAINING, title="Induction",
                                   event_date=date(2026, 3, 10), duration_minutes=90)
    services.events.set_attendance(event.id, [trainee.id])
    _person(make, services, first_name="Untrained", training=30)
    make.volunteer(eligible=False, status=VolunteerStatus.SCREENING)
    make.volunteer(eligible=False, status=VolunteerStatus.INQUIRY)


# --- the independent expectations ----------------------------------------------------------

def _rows(db):
    with db.reading() as s:
        return {
            "matches": s.scalars(select(Match)).all(),
            "sessions": s.scalars(select(MentoringSession)).all(),
            "contacts": s.scalars(select(SupportContact)).all(),
            "volunteers": s.scalars(select(Volunteer)).all(),
            "checks": s.scalars(select(ScreeningCheck)).all(),
            "training": [(a.volunteer_id, e.duration_minutes, e.kind, a.status)
                         for a, e in s.execute(select(Attendance, Event).join(Event))],
        }


def _deciding(checks, volunteer_id, kind, today):
    done = [c for c in checks if c.volunteer_id == volunteer_id and c.type == kind
            and c.result != CheckResult.PENDING and c.completed_on and c.completed_on <= today]
    return max(done, key=lambda c: (c.completed_on, c.id), default=None)


def _required(volunteer):
    return list(DEFAULT_REQUIRED_CHECKS) + ([CheckType.DRIVING_RECORD]
                                            if volunteer.drives_youth else [])


def expected(rows, today: date, cadence: str = "bbbs") -> dict:
    matches = [m for m in rows["matches"] if m.archived_at is None]
    started = [m for m in matches if m.start_date is not None
               and (m.status in RUNNING or m.status is MatchStatus.CLOSED)]
    attended = [s for s in rows["sessions"] if s.status is SessionStatus.ATTENDED]
    month = today.replace(day=1)
    months = [plus_months(month, -i) for i in range(11, -1, -1)]
    hours = [(m, sum(s.duration_minutes for s in attended
                     if (s.session_date.year, s.session_date.month) == (m.year, m.month)
                     and s.session_date <= today)) for m in months]
    lengths = [((m.end_date or today) - m.start_date).days for m in started
               if m.start_date <= today]
    survival = {}
    for n in (6, 12, 24):
        could = [m for m in started if m.status is MatchStatus.CLOSED
                 or plus_months(m.start_date, n) <= today]
        reached = [m for m in could if (m.end_date or today) >= plus_months(m.start_date, n)]
        survival[n] = (len(reached), len(could))
    people = [v for v in rows["volunteers"] if v.archived_at is None]
    alerts = set()
    ready = 0
    for v in people:
        if v.status not in (VolunteerStatus.ACCEPTED, VolunteerStatus.MATCHED):
            continue
        decided = [_deciding(rows["checks"], v.id, t, today) for t in _required(v)]
        for c in decided:
            if c and c.result is CheckResult.CLEAR and c.expires_on \
                    and c.expires_on <= today + timedelta(days=30):
                severity = Severity.URGENT if c.expires_on < today else Severity.WARNING
                alerts.add((AlertKind.CHECK, severity, "volunteer", v.id, c.expires_on))
        training = v.prior_training_minutes + sum(
            minutes for vid, minutes, kind, status in rows["training"]
            if vid == v.id and kind is EventKind.PRE_MATCH_TRAINING
            and status is AttendanceStatus.ATTENDED)
        clear = all(c and c.result is CheckResult.CLEAR
                    and (c.expires_on is None or c.expires_on >= today) for c in decided)
        if v.status is VolunteerStatus.ACCEPTED and clear and training >= 120:
            ready += 1
            alerts.add((AlertKind.READY, Severity.INFO, "volunteer", v.id,
                        max(c.completed_on for c in decided)))
    for m in matches:
        if m.status not in RUNNING or m.start_date is None:
            continue
        made = [c.contact_date for c in rows["contacts"] if c.match_id == m.id and c.made]
        due = CADENCES[cadence](m.start_date, max(made, default=None))
        if today > due:
            severity = Severity.URGENT if (today - due).days > 30 else Severity.WARNING
            alerts.add((AlertKind.CONTACT, severity, "match", m.id, due))
        cutoff = today - timedelta(days=30)
        dates = [s.session_date for s in attended if s.match_id == m.id
                 and s.session_date <= today]
        if m.status is not MatchStatus.ON_HOLD and m.start_date <= cutoff \
                and not any(d >= cutoff for d in dates):
            alerts.add((AlertKind.NO_SESSION, Severity.WARNING, "match", m.id,
                        max(dates, default=m.start_date)))
        if m.start_date <= today:
            milestones = [plus_months(m.start_date, 6)] + [
                plus_months(m.start_date, 12 * k) for k in range(1, 40)]
            upcoming = min(d for d in milestones if d >= today)
            if (upcoming - today).days <= 14:
                alerts.add((AlertKind.ANNIVERSARY, Severity.INFO, "match", m.id, upcoming))
    by_status = Counter(m.status for m in matches)
    return {
        "active": sum(1 for m in matches if m.status in RUNNING),
        "stages": Counter(v.status for v in people),
        "this_month": hours[-1][1],
        "hours": hours,
        "average": sum(lengths) / len(lengths) / (365.25 / 12) if lengths else None,
        "survival": survival,
        "ready": ready,
        "alerts": alerts,
        "by_status": [(s, by_status.get(s, 0)) for s in MatchStatus],
    }


def _alert_keys(dashboard):
    return {(a.kind, a.severity, a.record_kind, a.record_id, a.day) for a in dashboard.alerts}


# --- the tests -------------------------------------------------------------------------------

def test_every_figure_matches_an_independent_count(services, world):
    rows = _rows(services.db)
    for today in TODAYS:
        want = expected(rows, today)
        got = services.dashboard.build(today)
        f = got.figures
        assert got.today == today
        assert f.active_matches == want["active"], today
        assert dict(f.volunteers_by_stage) == {s: want["stages"].get(s, 0)
                                               for s in VolunteerStatus}, today
        assert [s for s, _ in f.volunteers_by_stage] == list(VolunteerStatus)
        assert f.minutes_this_month == want["this_month"], today
        assert list(got.hours_by_month) == want["hours"], today
        assert f.average_match_months == pytest.approx(want["average"]), today
        for s in f.survival:
            assert (s.reached, s.could_have) == want["survival"][s.months], (today, s)
        assert f.ready_to_match == want["ready"], today
        assert list(got.matches_by_status) == want["by_status"], today
        assert _alert_keys(got) == want["alerts"], today
        assert len(got.alerts) == len(want["alerts"])


def test_the_data_exercises_every_kind_of_alert(services, world):
    """So the comparison above cannot pass by both sides finding nothing."""
    today = date(2026, 3, 15)
    got = services.dashboard.build(today)
    kinds = Counter((a.kind, a.severity) for a in got.alerts)
    for kind in AlertKind:
        assert any(k == kind for k, _ in kinds), kind
    assert kinds[(AlertKind.CHECK, Severity.URGENT)] == 1  # the expired one
    f = got.figures
    assert f.minutes_this_month > 0 and f.ready_to_match > 0 and f.active_matches == 9
    assert [s.could_have for s in f.survival] != [0, 0, 0]


def test_hours_count_attended_sessions_up_to_today_in_their_calendar_month(services, world):
    with services.db.reading() as s:  # 61 minutes on each boundary day, and the rest
        others = s.scalars(select(MentoringSession).where(
            MentoringSession.notes != "boundary",
            MentoringSession.status == SessionStatus.ATTENDED)).all()

    def other(first: date, last: date) -> int:
        return sum(x.duration_minutes for x in others if first <= x.session_date <= last)

    got = services.dashboard.build(date(2026, 3, 15))
    assert got.hours_by_month[0][0] == date(2025, 4, 1)  # 31 March 2025 is out of the window
    assert got.figures.minutes_this_month == 122 + other(date(2026, 3, 1), date(2026, 3, 15))
    months = dict(got.hours_by_month)
    assert date(2025, 3, 1) not in months
    assert months[date(2025, 12, 1)] == 61 + other(date(2025, 12, 1), date(2025, 12, 31))
    assert months[date(2026, 2, 1)] == 61 + other(date(2026, 2, 1), date(2026, 2, 28))


def test_alert_texts_and_order(services, world):
    got = services.dashboard.build(date(2026, 3, 15))
    severities = [a.severity for a in got.alerts]
    assert severities == sorted(severities, key=list(Severity).index)
    texts = {a.text for a in got.alerts}
    assert any(t.startswith("Soon ") and t.endswith("criminal record check expires in 5 days.")
               for t in texts)
    assert any(t.startswith("Expired ") and "child abuse registry check expired 14 days ago."
               in t for t in texts)
    anniversaries = {a.record_id: a.text for a in got.alerts if a.kind is AlertKind.ANNIVERSARY}
    assert anniversaries[world[0].id].endswith("reach 6 months today.")
    assert anniversaries[world[1].id].endswith("reach 6 months in 1 day.")
    assert anniversaries[world[4].id].endswith("reach 3 years in 5 days.")
    quiet = next(a for a in got.alerts if a.kind is AlertKind.NO_SESSION
                 and a.record_id == world[5].id)
    assert quiet.text.endswith(f"no session for {(date(2026, 3, 15) - quiet.day).days} days.")
    assert all(a.text.endswith(".") and "\n" not in a.text for a in got.alerts)


def test_ready_to_match_agrees_with_the_volunteer_list(services, world):
    today = date(2026, 3, 15)
    got = services.dashboard.build(today)
    listed = {r.id for r in services.volunteers.list_rows(today) if r.ready_to_match}
    assert {a.record_id for a in got.alerts if a.kind is AlertKind.READY} == listed
    assert got.figures.ready_to_match == len(listed)


def test_the_configured_cadence_decides_what_is_overdue(services, world):
    rows = _rows(services.db)
    services.settings.set("cadence", "eepm4")
    for today in TODAYS:
        bbbs = {a for a in expected(rows, today)["alerts"] if a[0] is AlertKind.CONTACT}
        want = {a for a in expected(rows, today, "eepm4")["alerts"]
                if a[0] is AlertKind.CONTACT}
        got = {a for a in _alert_keys(services.dashboard.build(today))
               if a[0] is AlertKind.CONTACT}
        assert got == want, today
    assert want != bbbs  # the data tells the two cadences apart


def test_empty_database(services):
    got = services.dashboard.build(date(2026, 3, 15))
    assert got.alerts == ()
    assert got.figures.active_matches == 0
    assert got.figures.average_match_months is None
    assert all(s.share is None and s.could_have == 0 for s in got.figures.survival)
    assert [m for m, _ in got.hours_by_month][-1] == date(2026, 3, 1)
    assert all(minutes == 0 for _, minutes in got.hours_by_month)
    assert len(got.hours_by_month) == 12
