"""The desktop's reads of events (rows, attendance checklist, circles) and bulk membership."""

from __future__ import annotations

from datetime import date

import pytest

from mentordesk.domain.enums import AttendanceStatus, EventKind
from mentordesk.domain.errors import ConflictError, NotFound, ValidationError


def _event(services, **fields):
    values = {"kind": EventKind.ONGOING_TRAINING, "title": "Training",
              "event_date": date(2026, 2, 10), "duration_minutes": 120}
    values.update(fields)
    return services.events.create(**values)


@pytest.fixture
def people(services, make):
    acme, beta = make.sponsor("Acme"), make.sponsor("Beta")
    north = make.branch(acme.id, "North")
    main = make.branch(beta.id, "Main")
    vol = services.volunteers
    ana = vol.create(first_name="Ana", last_name="Abel", sponsor_id=acme.id, branch_id=north.id,
                     employed_since=date(2025, 1, 1))
    vol.set_employer(ana.id, beta.id, main.id, date(2026, 2, 1))  # moved in February
    ben = vol.create(first_name="Ben", last_name="Bell")
    cy = vol.create(first_name="Cy", last_name="Cole", sponsor_id=beta.id)
    return ana, ben, cy


def test_event_rows_count_who_attended(services, people):
    ana, ben, cy = people
    programme = services.programmes.create(name="Reading Club", type="school")
    circle = services.events.create_circle("Readers")
    a = _event(services, event_date=date(2026, 1, 5), programme_id=programme.id)
    b = _event(services, event_date=date(2026, 2, 5), kind=EventKind.LEARNING_CIRCLE,
               title="Readers meet", circle_id=circle.id, location="Library")
    c = _event(services, event_date=date(2026, 3, 5))
    services.events.set_attendance(a.id, [ana.id, ben.id, cy.id])
    services.events.set_attendance(a.id, [ana.id, cy.id])  # Ben absent
    services.events.set_attendance(b.id, [ben.id])
    services.events.archive(c.id)
    rows = services.events.list_rows()
    assert [(r.id, r.attended) for r in rows] == [(b.id, 1), (a.id, 2)]
    assert (rows[0].circle, rows[0].location, rows[0].kind) == (
        "Readers", "Library", EventKind.LEARNING_CIRCLE)
    assert (rows[1].programme, rows[1].circle, rows[1].version) == ("Reading Club", None, 1)
    assert [r.id for r in services.events.list_rows(circle_id=circle.id)] == [b.id]
    assert [r.id for r in services.events.list_rows(kind=EventKind.ONGOING_TRAINING)] == [a.id]
    archived = services.events.list_rows(include_archived=True)
    assert [r.archived for r in archived] == [True, False, False]


def test_checklist_shows_the_employer_on_the_event_day(services, people):
    ana, _ben, cy = people
    january = _event(services, event_date=date(2026, 1, 20))
    february = _event(services, event_date=date(2026, 2, 20))
    services.events.set_attendance(january.id, [ana.id, cy.id])
    services.events.set_attendance(january.id, [ana.id])
    services.volunteers.archive(cy.id)
    sheet = {r.name: r for r in services.events.checklist(january.id)}
    assert [(r.sponsor, r.branch, r.status) for r in sheet.values()] == [
        ("Acme", "North", AttendanceStatus.ATTENDED),
        (None, None, None),
        ("Beta", None, AttendanceStatus.ABSENT),
    ]
    assert sheet["Cy Cole"].archived  # archived but recorded: still on the sheet
    later = services.events.checklist(february.id)
    assert [(r.name, r.sponsor, r.branch) for r in later] == [
        ("Ana Abel", "Beta", "Main"), ("Ben Bell", None, None)]
    assert [r.name for r in services.events.people(date(2026, 1, 1))] == ["Ana Abel", "Ben Bell"]
    with pytest.raises(NotFound):
        services.events.checklist(999)


def test_circles_members_and_meetings(services, people):
    ana, ben, cy = people
    readers = services.events.create_circle("Readers", topic="Books")
    services.events.create_circle("Artists")
    services.events.add_members(readers.id, [ana.id, ben.id], joined_on=date(2026, 1, 1))
    services.events.add_members(readers.id, [ana.id, cy.id], joined_on=date(2026, 1, 10))
    services.events.remove_member(readers.id, ben.id, left_on=date(2026, 1, 31))
    _event(services, kind=EventKind.LEARNING_CIRCLE, circle_id=readers.id,
           event_date=date(2026, 1, 15))
    _event(services, kind=EventKind.LEARNING_CIRCLE, circle_id=readers.id,
           event_date=date(2026, 2, 15))
    rows = services.events.circle_rows(date(2026, 3, 1))
    assert [(r.name, r.members, r.meetings, r.last_meeting) for r in rows] == [
        ("Artists", 0, 0, None), ("Readers", 2, 2, date(2026, 2, 15))]
    assert services.events.circle_rows(date(2026, 1, 5))[1].members == 2  # Ana and Ben
    members = services.events.member_rows(readers.id, date(2026, 3, 1))
    assert [(m.name, m.sponsor, m.branch, m.joined_on, m.left_on) for m in members] == [
        ("Ana Abel", "Beta", "Main", date(2026, 1, 1), None),  # already a member: kept
        ("Ben Bell", None, None, date(2026, 1, 1), date(2026, 1, 31)),
        ("Cy Cole", "Beta", None, date(2026, 1, 10), None),
    ]
    # A former member's company is the one on the day they left.
    services.events.remove_member(readers.id, ana.id, left_on=date(2026, 1, 20))
    ana_row = services.events.member_rows(readers.id, date(2026, 3, 1))[0]
    assert (ana_row.sponsor, ana_row.branch) == ("Acme", "North")
    # Re-joining starts a new membership.
    services.events.add_members(readers.id, [ana.id], joined_on=date(2026, 3, 1))
    ana_row = services.events.member_rows(readers.id, date(2026, 3, 1))[0]
    assert (ana_row.joined_on, ana_row.left_on) == (date(2026, 3, 1), None)


def test_add_members_is_all_or_nothing(services, people):
    ana, *_ = people
    circle = services.events.create_circle("Readers")
    with pytest.raises(ValidationError, match="no volunteer with ID 999"):
        services.events.add_members(circle.id, [ana.id, 999])
    assert services.events.member_rows(circle.id, date(2026, 3, 1)) == []
    with pytest.raises(NotFound, match="learning circle"):
        services.events.add_members(777, [ana.id])


def test_rename_a_circle(services):
    readers = services.events.create_circle("Readers")
    services.events.create_circle("Artists")
    renamed = services.events.update_circle(readers.id, expected_version=1,
                                            name="  Book   readers ", topic=None)
    assert (renamed.name, renamed.topic, renamed.version) == ("Book readers", "", 2)
    with pytest.raises(ValidationError, match="already a learning circle"):
        services.events.update_circle(readers.id, name="ARTISTS")
    with pytest.raises(ConflictError):
        services.events.update_circle(readers.id, expected_version=1, topic="x")


def test_archive_and_restore_a_circle(services):
    readers = services.events.create_circle("Readers")
    services.events.archive_circle(readers.id, expected_version=1)
    assert services.events.circle_rows(date(2026, 3, 1)) == []
    assert [r.archived for r in services.events.circle_rows(date(2026, 3, 1),
                                                           include_archived=True)] == [True]
    services.events.restore_circle(readers.id)
    assert [r.name for r in services.events.circle_rows(date(2026, 3, 1))] == ["Readers"]
    with pytest.raises(ConflictError):
        services.events.archive_circle(readers.id, expected_version=1)
