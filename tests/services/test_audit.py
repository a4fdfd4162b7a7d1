"""Every write through the services leaves audit entries; failed writes leave none."""

from __future__ import annotations

from datetime import date

import pytest

from mentordesk.domain.enums import CheckType, MatchStatus
from mentordesk.domain.errors import ConflictError, NotFound, RuleViolation, ValidationError
from mentordesk.services.sessions import EntryError, SessionEntry

from .helpers import TEST_USER, TODAY, audit_entries


def _rows(entries):
    return [(e.action, e.field, e.old_value, e.new_value) for e in entries]


def test_create_writes_one_entry_with_user_and_entity(services, db):
    programme = services.programmes.create(name="Northside")
    [entry] = audit_entries(db)
    assert (entry.user, entry.entity, entry.entity_id, entry.action) == (
        TEST_USER, "programme", programme.id, "create",
    )
    assert (entry.field, entry.old_value, entry.new_value) == (None, None, None)
    assert entry.at is not None


def test_update_writes_old_and_new_per_field(services, make, db):
    volunteer = make.volunteer(eligible=False, city="Leeds")
    before = len(audit_entries(db))
    services.volunteers.update(
        volunteer.id, city="York", status="accepted", drives_youth=True, phone="0113 496 0000",
        notes="",  # unchanged (was empty): no entry
    )
    entries = audit_entries(db)[before:]
    assert {e.user for e in entries} == {TEST_USER}
    assert {(e.entity, e.entity_id) for e in entries} == {("volunteer", volunteer.id)}
    assert sorted(_rows(entries)) == [
        ("update", "city", "Leeds", "York"),
        ("update", "drives_youth", "no", "yes"),
        ("update", "phone", None, "0113 496 0000"),
        ("update", "status", "applied", "accepted"),
    ]
    # version and timestamps are not audited
    assert not {e.field for e in entries} & {"version", "updated_at", "created_at"}


def test_update_with_no_change_writes_nothing(services, make, db):
    programme = make.programme("Northside", meeting_day="Monday")
    before = len(audit_entries(db))
    services.programmes.update(programme.id, meeting_day="Monday")
    assert len(audit_entries(db)) == before
    assert services.programmes.get(programme.id).version == 1


def test_archive_and_restore_are_audited(services, make, db):
    sponsor = make.sponsor("Acme")
    services.sponsors.archive(sponsor.id)
    services.sponsors.restore(sponsor.id)
    entries = audit_entries(db, "sponsor", sponsor.id)
    assert [(e.action, e.field) for e in entries] == [
        ("create", None), ("archive", "archived_at"), ("restore", "archived_at"),
    ]
    archive, restore = entries[1], entries[2]
    assert archive.old_value is None and archive.new_value is not None
    assert restore.old_value == archive.new_value and restore.new_value is None


def test_dates_and_enums_are_written_as_text(services, make, db):
    volunteer = make.volunteer(eligible=False)
    check = services.volunteers.record_check(volunteer.id, CheckType.INTERVIEW)
    services.volunteers.update_check(check.id, result="clear", completed_on=date(2026, 1, 9))
    assert sorted(_rows(audit_entries(db, "screening_check", check.id))) == [
        ("create", None, None, None),
        ("update", "completed_on", None, "2026-01-09"),
        ("update", "result", "pending", "clear"),
    ]


def test_match_activation_audits_every_record_it_touches(services, make, db):
    volunteer, youth = make.volunteer(), make.youth()
    match = make.proposed_match(volunteer=volunteer, youth=youth)
    before = len(audit_entries(db))
    services.matches.activate(match.id, TODAY)
    entries = audit_entries(db)[before:]
    assert sorted((e.entity, e.entity_id, e.field, e.old_value, e.new_value) for e in entries) == [
        ("match", match.id, "start_date", None, "2026-03-01"),
        ("match", match.id, "status", "proposed", "active"),
        ("volunteer", volunteer.id, "status", "accepted", "matched"),
        ("youth", youth.id, "status", "waiting", "matched"),
    ]


def test_every_service_create_is_audited(services, make, db):
    """One create entry per record the services add, whatever the service."""
    match = make.active_match()
    services.sessions.log(SessionEntry(match.id, TODAY, 60))
    services.contacts.log(match.id, contact_date=TODAY, party="volunteer", method="phone")
    event = services.events.create(kind="social", title="Picnic", event_date=TODAY, duration_minutes=90)
    services.events.set_attendance(event.id, [match.volunteer_id])
    circle = services.events.create_circle("Readers")
    services.events.add_member(circle.id, match.volunteer_id)
    sponsor = make.sponsor()
    make.branch(sponsor.id)
    services.volunteers.set_employer(match.volunteer_id, sponsor.id, None, since=TODAY)
    created = {e.entity for e in audit_entries(db) if e.action == "create"}
    assert created >= {
        "programme", "volunteer", "screening_check", "youth", "match", "session",
        "support_contact", "event", "attendance", "learning_circle", "circle_member",
        "sponsor", "branch", "employment",
    }
    assert all(e.entity_id is not None for e in audit_entries(db) if e.entity != "setting")


# --- failed writes leave nothing behind -------------------------------------------------------

def test_failed_create_after_flush_leaves_no_audit_entries(services, db):
    # the volunteer row is flushed (and audited) before the unknown sponsor is noticed
    with pytest.raises(NotFound):
        services.volunteers.create(first_name="Ana", last_name="Pérez", sponsor_id=404)
    assert audit_entries(db) == []
    assert services.volunteers.list_rows(TODAY, include_archived=True) == []


def test_failed_batch_leaves_no_audit_entries(services, make, db):
    match = make.active_match()
    before = len(audit_entries(db))
    with pytest.raises(EntryError):
        services.sessions.log_many([SessionEntry(match.id, TODAY, 60),
                                    SessionEntry(match.id, TODAY, 0)])
    assert len(audit_entries(db)) == before


def test_refused_updates_leave_no_audit_entries(services, make, db):
    programme = make.programme("Northside")
    make.programme("Southside")
    services.programmes.update(programme.id, meeting_day="Monday")
    before = len(audit_entries(db))
    with pytest.raises(ConflictError):
        services.programmes.update(programme.id, expected_version=1, meeting_day="Friday")
    with pytest.raises(ValidationError):
        services.programmes.update(programme.id, name="southside")
    with pytest.raises(ValidationError):
        # the first change is applied to the record before the unknown field is refused
        services.programmes.update(programme.id, meeting_day="Sunday", colour="red")
    assert len(audit_entries(db)) == before
    assert services.programmes.get(programme.id).meeting_day == "Monday"


def test_refused_transition_leaves_no_audit_entries(services, make, db):
    match = make.active_match()
    before = len(audit_entries(db))
    services.matches.set_status(match.id, MatchStatus.CLOSING)
    assert len(audit_entries(db)) == before + 1
    with pytest.raises(RuleViolation):
        services.matches.set_status(match.id, MatchStatus.ON_HOLD)
    assert len(audit_entries(db)) == before + 1
