"""Sessions: the match-date rule, durations, all-or-nothing batches, volunteer hours."""

from __future__ import annotations

from datetime import date

import pytest

from mentordesk.domain.enums import SessionMedium, SessionStatus
from mentordesk.domain.errors import ConflictError, NotFound, RuleViolation, ValidationError
from mentordesk.services.sessions import EntryError, SessionEntry

from .helpers import TODAY


def test_log_inside_the_match_dates(services, make):
    programme = make.programme()
    volunteer = make.volunteer()
    match = make.active_match(volunteer=volunteer, programme=programme, start=TODAY)
    first = services.sessions.log(SessionEntry(match.id, TODAY, 60, medium="video", notes="Intro"))
    stored = services.sessions.for_match(match.id)
    assert [s.id for s in stored] == [first.id]
    session = stored[0]
    assert (session.match_id, session.volunteer_id, session.programme_id) == (
        match.id, volunteer.id, programme.id,
    )
    assert (session.session_date, session.duration_minutes) == (TODAY, 60)
    assert (session.medium, session.status, session.notes) == (
        SessionMedium.VIDEO, SessionStatus.ATTENDED, "Intro",
    )


def test_log_on_the_end_date_of_a_closed_match(services, make):
    match = make.closed_match(start=TODAY, end=date(2026, 6, 30))
    services.sessions.log(SessionEntry(match.id, date(2026, 6, 30), 30))
    assert services.sessions.count() == 1


@pytest.mark.parametrize(
    "day, message",
    [
        (date(2026, 2, 28), "before the match started (2026-03-01)"),
        (date(2026, 7, 1), "after the match ended (2026-06-30)"),
    ],
)
def test_log_outside_the_match_dates_is_refused(services, make, day, message):
    match = make.closed_match(start=TODAY, end=date(2026, 6, 30))
    with pytest.raises(EntryError, match="Line 1: .*" + message.replace("(", r"\(").replace(")", r"\)")) as err:
        services.sessions.log(SessionEntry(match.id, day, 60))
    assert err.value.index == 0
    assert isinstance(err.value.error, RuleViolation)
    assert services.sessions.count() == 0


def test_a_proposed_match_has_no_sessions(services, make):
    match = make.proposed_match()
    with pytest.raises(EntryError, match="has not started") as err:
        services.sessions.log(SessionEntry(match.id, TODAY, 60))
    assert isinstance(err.value.error, RuleViolation)


@pytest.mark.parametrize("minutes", [0, -30, 1440, 2000, None])
def test_durations_must_be_positive_and_under_a_day(services, make, minutes):
    match = make.active_match()
    with pytest.raises(EntryError) as err:
        services.sessions.log(SessionEntry(match.id, TODAY, minutes))
    assert isinstance(err.value.error, ValidationError)
    assert err.value.error.field == "duration_minutes"
    assert services.sessions.count() == 0


@pytest.mark.parametrize("minutes", [1, 1439])
def test_duration_limits_that_are_allowed(services, make, minutes):
    match = make.active_match()
    assert services.sessions.log(SessionEntry(match.id, TODAY, minutes)).duration_minutes == minutes


def test_log_many_is_all_or_nothing(services, make):
    match = make.active_match(start=TODAY)
    other = make.active_match(start=date(2026, 3, 10))
    entries = [
        SessionEntry(match.id, date(2026, 3, 2), 60),
        SessionEntry(other.id, date(2026, 3, 12), 45),
        SessionEntry(other.id, date(2026, 3, 9), 45),  # before `other` started
        SessionEntry(match.id, date(2026, 3, 3), 0),
    ]
    with pytest.raises(EntryError, match="^Line 3: ") as err:
        services.sessions.log_many(entries)
    assert err.value.index == 2
    assert isinstance(err.value.error, RuleViolation)
    assert services.sessions.count() == 0
    assert services.sessions.for_match(match.id) == []

    stored = services.sessions.log_many(entries[:2])
    assert [s.duration_minutes for s in stored] == [60, 45]
    assert services.sessions.count() == 2


@pytest.mark.parametrize(
    "bad, error_type",
    [
        (dict(medium="carrier pigeon"), ValidationError),
        (dict(status="maybe"), ValidationError),
        (dict(duration_minutes=1440), ValidationError),
        (dict(match_id=99999), NotFound),
    ],
)
def test_one_bad_line_names_its_index_and_nothing_is_stored(services, make, bad, error_type):
    match = make.active_match()
    good = dict(match_id=match.id, session_date=date(2026, 3, 5), duration_minutes=60)
    entries = [SessionEntry(**good), SessionEntry(**good), SessionEntry(**{**good, **bad}),
               SessionEntry(**good)]
    with pytest.raises(EntryError) as err:
        services.sessions.log_many(entries)
    assert err.value.index == 2
    assert str(err.value).startswith("Line 3: ")
    assert isinstance(err.value.error, error_type)
    assert services.sessions.count() == 0


def test_log_many_of_nothing(services):
    assert services.sessions.log_many([]) == []


def test_update_validates_and_locks(services, make):
    match = make.closed_match(start=TODAY, end=date(2026, 6, 30))
    session = services.sessions.log(SessionEntry(match.id, date(2026, 3, 5), 60))
    with pytest.raises(ValidationError):
        services.sessions.update(session.id, duration_minutes=1440)
    with pytest.raises(RuleViolation):
        services.sessions.update(session.id, session_date=date(2026, 7, 1))
    with pytest.raises(ValidationError):
        services.sessions.update(session.id, volunteer_id=3)
    [stored] = services.sessions.for_match(match.id)
    assert (stored.session_date, stored.duration_minutes, stored.version) == (date(2026, 3, 5), 60, 1)
    updated = services.sessions.update(
        session.id, expected_version=1, duration_minutes=90, status="cancelled", medium="phone"
    )
    assert (updated.duration_minutes, updated.status, updated.medium, updated.version) == (
        90, SessionStatus.CANCELLED, SessionMedium.PHONE, 2,
    )
    with pytest.raises(ConflictError):
        services.sessions.update(session.id, expected_version=1, notes="late")


def test_for_match_orders_by_date(services, make):
    match = make.active_match()
    services.sessions.log_many([
        SessionEntry(match.id, date(2026, 3, 20), 60),
        SessionEntry(match.id, date(2026, 3, 5), 45),
        SessionEntry(match.id, date(2026, 3, 12), 30),
    ])
    assert [s.session_date.day for s in services.sessions.for_match(match.id)] == [5, 12, 20]


def test_volunteer_minutes_count_attended_sessions_within_the_dates(services, make):
    volunteer = make.volunteer()
    match = make.active_match(volunteer=volunteer, start=TODAY)
    other = make.active_match(start=TODAY)  # another volunteer's hours never count
    services.sessions.log_many([
        SessionEntry(match.id, date(2026, 3, 5), 60),
        SessionEntry(match.id, date(2026, 3, 20), 90),
        SessionEntry(match.id, date(2026, 3, 21), 45, status=SessionStatus.CANCELLED),
        SessionEntry(match.id, date(2026, 3, 22), 30, status=SessionStatus.NO_SHOW),
        SessionEntry(match.id, date(2026, 4, 2), 120),
        SessionEntry(other.id, date(2026, 3, 5), 500),
    ])
    minutes = services.sessions.volunteer_minutes
    assert minutes(volunteer.id) == 270
    assert minutes(volunteer.id, date(2026, 3, 1), date(2026, 3, 31)) == 150
    assert minutes(volunteer.id, date(2026, 3, 20)) == 210  # bounds are inclusive
    assert minutes(volunteer.id, None, date(2026, 3, 20)) == 150
    assert minutes(volunteer.id, date(2026, 3, 21), date(2026, 3, 31)) == 0
    assert minutes(volunteer.id, date(2026, 4, 2), date(2026, 4, 2)) == 120
    assert minutes(12345) == 0
