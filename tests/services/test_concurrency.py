"""Optimistic locking: two coordinators editing one record never silently overwrite."""

from __future__ import annotations

import pytest
from sqlalchemy import event
from sqlalchemy.orm.exc import StaleDataError

from mentordesk.domain import Volunteer
from mentordesk.domain.errors import ConflictError

from .helpers import audit_entries


def test_second_of_two_concurrent_orm_writes_is_stale(services, make, db):
    volunteer = make.volunteer(eligible=False, city="Leeds")
    first = db.sessions()
    second = db.sessions()
    try:
        mine = first.get(Volunteer, volunteer.id)
        theirs = second.get(Volunteer, volunteer.id)
        assert mine.version == theirs.version == 1
        mine.city = "York"
        theirs.city = "Hull"
        first.commit()
        with pytest.raises(StaleDataError):
            second.commit()
        second.rollback()
    finally:
        first.close()
        second.close()
    stored = services.volunteers.get(volunteer.id)
    assert (stored.city, stored.version) == ("York", 2)
    updates = [e for e in audit_entries(db, "volunteer", volunteer.id) if e.action == "update"]
    assert [(e.old_value, e.new_value) for e in updates] == [("Leeds", "York")]


def test_form_opened_before_someone_elses_save_is_a_conflict(services, make):
    """The usual path: the form remembers the version it showed."""
    volunteer = make.volunteer(eligible=False)
    shown = services.volunteers.get(volunteer.id)
    services.volunteers.update(volunteer.id, expected_version=shown.version, city="York")
    with pytest.raises(ConflictError):
        services.volunteers.update(volunteer.id, expected_version=shown.version, city="Hull")
    assert services.volunteers.get(volunteer.id).city == "York"


def test_write_that_loses_the_race_inside_a_service_call_is_a_conflict(services, make, db):
    """Another coordinator saves between this call's read and its flush."""
    volunteer = make.volunteer(eligible=False)
    interfered = []

    def someone_else_saves(session, _flush_context, _instances):
        if interfered:
            return
        interfered.append(True)
        services.volunteers.update(volunteer.id, city="Hull")  # their own transaction

    event.listen(db.sessions, "before_flush", someone_else_saves)
    try:
        with pytest.raises(ConflictError):
            services.volunteers.update(volunteer.id, expected_version=1, city="York")
    finally:
        event.remove(db.sessions, "before_flush", someone_else_saves)
    assert interfered == [True]
    assert services.volunteers.get(volunteer.id).city == "Hull"
