"""Events and trainings, attendance checklists, learning circles."""

from __future__ import annotations

from datetime import date

import pytest

from mentordesk.domain.enums import AttendanceStatus, EventKind
from mentordesk.domain.errors import ConflictError, NotFound, ValidationError


def _event(services, **fields):
    values = dict(kind=EventKind.PRE_MATCH_TRAINING, title="Pre-match training",
                  event_date=date(2026, 2, 10), duration_minutes=120)
    values.update(fields)
    return services.events.create(**values)


def test_create_event(services, make):
    programme = make.programme()
    event = _event(services, title="  Safeguarding   basics ", topic=None, location="Hall",
                   programme_id=programme.id, kind="ongoing_training")
    stored = services.events.get(event.id)
    assert (stored.title, stored.topic, stored.kind) == (
        "Safeguarding basics", "", EventKind.ONGOING_TRAINING,
    )
    assert (stored.event_date, stored.duration_minutes, stored.programme_id) == (
        date(2026, 2, 10), 120, programme.id,
    )


@pytest.mark.parametrize(
    "fields, field",
    [
        ({"duration_minutes": 0}, "duration_minutes"),
        ({"duration_minutes": 1441}, "duration_minutes"),
        ({"duration_minutes": None}, "duration_minutes"),
        ({"kind": None}, "kind"),
        ({"event_date": None}, "event_date"),
        ({"title": "   "}, "title"),
    ],
)
def test_create_event_refuses_bad_values(services, fields, field):
    with pytest.raises(ValidationError) as err:
        _event(services, **fields)
    assert err.value.field == field
    assert services.events.list(include_archived=True) == []


def test_a_full_day_event_is_allowed(services):
    assert _event(services, duration_minutes=1440).duration_minutes == 1440


def test_unknown_fields_and_circles(services):
    with pytest.raises(ValidationError, match="Unknown event field 'capacity'"):
        _event(services, capacity=20)
    with pytest.raises(NotFound, match="learning circle"):
        _event(services, kind=EventKind.LEARNING_CIRCLE, circle_id=77)


def test_update_event_validates_and_locks(services):
    event = _event(services)
    with pytest.raises(ValidationError):
        services.events.update(event.id, duration_minutes=0)
    updated = services.events.update(event.id, expected_version=1, duration_minutes=90)
    assert (updated.duration_minutes, updated.version) == (90, 2)
    with pytest.raises(ConflictError):
        services.events.update(event.id, expected_version=1, title="Renamed")
    assert services.events.get(event.id).title == "Pre-match training"


def test_list_by_kind_newest_first_without_archived(services):
    a = _event(services, event_date=date(2026, 1, 10))
    b = _event(services, event_date=date(2026, 2, 10), kind=EventKind.SOCIAL, title="Picnic")
    c = _event(services, event_date=date(2026, 3, 10))
    d = _event(services, event_date=date(2026, 4, 10))
    services.events.archive(d.id)
    assert [e.id for e in services.events.list()] == [c.id, b.id, a.id]
    assert [e.id for e in services.events.list(kind=EventKind.PRE_MATCH_TRAINING)] == [c.id, a.id]
    assert [e.id for e in services.events.list(include_archived=True)] == [d.id, c.id, b.id, a.id]


# --- attendance -----------------------------------------------------------------------------

def _attendance(services, event_id) -> dict[int, AttendanceStatus]:
    return {a.volunteer_id: a.status for a in services.events.attendance(event_id)}


def test_attendance_checklist_marks_unlisted_people_absent(services, make):
    ana, ben, cy = make.volunteer(), make.volunteer(), make.volunteer()
    event = _event(services)
    services.events.set_attendance(event.id, [ana.id, ben.id])
    assert _attendance(services, event.id) == {
        ana.id: AttendanceStatus.ATTENDED, ben.id: AttendanceStatus.ATTENDED,
    }
    services.events.set_attendance(event.id, [ben.id, cy.id])
    assert _attendance(services, event.id) == {
        ana.id: AttendanceStatus.ABSENT, ben.id: AttendanceStatus.ATTENDED,
        cy.id: AttendanceStatus.ATTENDED,
    }
    services.events.set_attendance(event.id, [])
    assert set(_attendance(services, event.id).values()) == {AttendanceStatus.ABSENT}
    assert len(services.events.attendance(event.id)) == 3


def test_attendance_with_another_status(services, make):
    ana = make.volunteer()
    event = _event(services, event_date=date(2026, 5, 1))
    services.events.set_attendance(event.id, [ana.id], status=AttendanceStatus.REGISTERED)
    assert _attendance(services, event.id) == {ana.id: AttendanceStatus.REGISTERED}
    services.events.set_attendance(event.id, [ana.id])
    assert _attendance(services, event.id) == {ana.id: AttendanceStatus.ATTENDED}


def test_attendance_of_unknown_people_changes_nothing(services, make):
    ana = make.volunteer()
    event = _event(services)
    services.events.set_attendance(event.id, [ana.id])
    with pytest.raises(ValidationError, match="no volunteer with ID 9998"):
        services.events.set_attendance(event.id, [9999, 9998])
    assert _attendance(services, event.id) == {ana.id: AttendanceStatus.ATTENDED}
    with pytest.raises(NotFound):
        services.events.set_attendance(4321, [ana.id])


# --- learning circles --------------------------------------------------------------------------

def test_create_circle(services):
    circle = services.events.create_circle("  Reading   mentors ", topic="Literacy")
    assert (circle.name, circle.topic) == ("Reading mentors", "Literacy")
    with pytest.raises(ValidationError, match="already a learning circle"):
        services.events.create_circle("Reading mentors")
    with pytest.raises(ValidationError):
        services.events.create_circle("  ")
    assert [c.name for c in services.events.circles()] == ["Reading mentors"]


def test_circle_members_join_and_leave(services, make):
    acme, globex = make.sponsor("Acme"), make.sponsor("Globex")
    ana = services.volunteers.create(first_name="Ana", last_name="A", sponsor_id=acme.id)
    ben = services.volunteers.create(first_name="Ben", last_name="B", sponsor_id=globex.id)
    circle = services.events.create_circle("Reading mentors")
    services.events.add_member(circle.id, ana.id, joined_on=date(2026, 1, 1))
    services.events.add_member(circle.id, ben.id, joined_on=date(2026, 2, 1))
    again = services.events.add_member(circle.id, ana.id, joined_on=date(2026, 1, 5))
    assert again.joined_on == date(2026, 1, 1)  # already a member: nothing changes
    assert sorted(m.volunteer_id for m in services.events.members(circle.id)) == [ana.id, ben.id]

    services.events.remove_member(circle.id, ana.id, left_on=date(2026, 3, 31))
    members_on = lambda day: sorted(m.volunteer_id for m in services.events.members(circle.id, day))  # noqa: E731
    assert members_on(date(2026, 3, 31)) == [ana.id, ben.id]
    assert members_on(date(2026, 4, 1)) == [ben.id]
    assert members_on(date(2026, 1, 15)) == [ana.id]  # Ben joined in February
    assert members_on(date(2025, 12, 31)) == []
    # everyone who was ever a member
    assert sorted(m.volunteer_id for m in services.events.members(circle.id)) == [ana.id, ben.id]

    rejoined = services.events.add_member(circle.id, ana.id)
    assert rejoined.left_on is None
    assert members_on(date(2026, 6, 1)) == [ana.id, ben.id]


def test_circle_membership_errors(services, make):
    ana = make.volunteer()
    circle = services.events.create_circle("Reading mentors")
    with pytest.raises(ValidationError, match="not a member"):
        services.events.remove_member(circle.id, ana.id, left_on=date(2026, 3, 1))
    with pytest.raises(NotFound, match="volunteer"):
        services.events.add_member(circle.id, 555)
    with pytest.raises(NotFound, match="learning circle"):
        services.events.add_member(556, ana.id)
    assert services.events.members(circle.id) == []


def test_circle_meetings_are_events(services, make):
    circle = services.events.create_circle("Reading mentors")
    meeting = _event(services, kind=EventKind.LEARNING_CIRCLE, title="March meeting",
                     circle_id=circle.id, duration_minutes=60)
    assert services.events.get(meeting.id).circle_id == circle.id
    assert [e.id for e in services.events.list(kind=EventKind.LEARNING_CIRCLE)] == [meeting.id]


def test_circle_names_are_unique_in_any_case(services):
    services.events.create_circle("Círculo de lectura")
    with pytest.raises(ValidationError, match="already"):
        services.events.create_circle("CÍRCULO DE LECTURA")


def test_event_with_unknown_programme_or_kind(services):
    with pytest.raises(NotFound, match="programme"):
        services.events.create(kind="social", title="Picnic", event_date=date(2026, 5, 1),
                               duration_minutes=120, programme_id=999)
    with pytest.raises(ValidationError, match="choose one of") as info:
        services.events.create(kind="party", title="Picnic", event_date=date(2026, 5, 1),
                               duration_minutes=120)
    assert info.value.field == "kind"


def test_restore_attendance_puts_the_sheet_back_exactly(services, make):
    event = _event(services)
    a, b, c = (make.volunteer(first_name=n).id for n in ("Ada", "Ben", "Cy"))
    services.events.set_attendance(event.id, [a, b])
    sheet = {x.volunteer_id: x.status for x in services.events.attendance(event.id)}
    services.events.set_attendance(event.id, [c])  # Ada and Ben absent, Cy attended
    services.events.restore_attendance(event.id, sheet)
    assert {x.volunteer_id: x.status for x in services.events.attendance(event.id)} == {
        a: AttendanceStatus.ATTENDED, b: AttendanceStatus.ATTENDED}  # Cy's record is gone


def test_restore_memberships_removes_new_rows_and_restores_dates(services, make):
    circle = services.events.create_circle("Newcomers")
    old, new = make.volunteer(first_name="Old").id, make.volunteer(first_name="New").id
    services.events.add_member(circle.id, old, joined_on=date(2025, 1, 1))
    services.events.remove_member(circle.id, old, left_on=date(2025, 6, 30))
    services.events.add_members(circle.id, [old, new], joined_on=date(2026, 3, 1))
    services.events.restore_memberships(
        circle.id, {old: (date(2025, 1, 1), date(2025, 6, 30)), new: None})
    assert {(m.volunteer_id, m.joined_on, m.left_on)
            for m in services.events.members(circle.id)} == {
        (old, date(2025, 1, 1), date(2025, 6, 30))}
