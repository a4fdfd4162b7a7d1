"""The volunteer pipeline: checklist states, training, employment, every reason not to match."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from mentordesk.domain.enums import (
    AttendanceStatus,
    CheckResult,
    CheckType,
    EventKind,
    VolunteerStatus,
)
from mentordesk.domain.errors import ConflictError, ValidationError
from mentordesk.domain.rules import DEFAULT_REQUIRED_CHECKS

from .helpers import TODAY


def _states(pipeline):
    return {line.type: line.state for line in pipeline.checks}


def test_a_new_volunteer_misses_every_step(services):
    volunteer = services.volunteers.create(first_name="Ana", last_name="Pérez",
                                           status=VolunteerStatus.APPLIED)
    p = services.volunteers.pipeline(volunteer.id, TODAY)
    assert [line.type for line in p.checks] == list(DEFAULT_REQUIRED_CHECKS)
    assert set(_states(p).values()) == {"missing"}
    assert all(line.required and line.check_id is None for line in p.checks)
    assert not p.ready_to_match and not p.eligible
    assert p.not_ready_reasons == (
        "The status is applied; set it to accepted once screening is done.",
        "Application check has not been recorded.",
        "Interview check has not been recorded.",
        "References check has not been recorded.",
        "Criminal record check has not been recorded.",
        "Child abuse registry check has not been recorded.",
        "Pre-match training: 0 hours of 2 hours done.",
    )
    assert (p.training_minutes, p.required_training_minutes) == (0, 120)


def test_each_state_with_its_dates_and_the_expiry_warning(services, make):
    volunteer = make.volunteer(eligible=False, status=VolunteerStatus.SCREENING)
    vol = services.volunteers
    vol.record_check(volunteer.id, CheckType.APPLICATION, result=CheckResult.CLEAR,
                     requested_on=date(2025, 1, 2), completed_on=date(2025, 1, 3))
    vol.record_check(volunteer.id, CheckType.INTERVIEW, requested_on=date(2026, 2, 20))
    vol.record_check(volunteer.id, CheckType.REFERENCES, result=CheckResult.FLAGGED,
                     completed_on=date(2026, 1, 5), provider="3 references")
    vol.record_check(volunteer.id, CheckType.CRIMINAL_RECORD, result=CheckResult.CLEAR,
                     completed_on=date(2023, 1, 1), expires_on=date(2026, 1, 1))
    soon = TODAY + timedelta(days=10)
    vol.record_check(volunteer.id, CheckType.CHILD_ABUSE_REGISTRY, result=CheckResult.CLEAR,
                     completed_on=date(2025, 3, 1), expires_on=soon)
    vol.record_check(volunteer.id, CheckType.TRAINING, result=CheckResult.CLEAR,
                     completed_on=date(2025, 3, 1))

    p = vol.pipeline(volunteer.id, TODAY)
    lines = {line.type: line for line in p.checks}
    assert _states(p) == {
        CheckType.APPLICATION: "clear", CheckType.INTERVIEW: "pending",
        CheckType.REFERENCES: "flagged", CheckType.CRIMINAL_RECORD: "expired",
        CheckType.CHILD_ABUSE_REGISTRY: "clear", CheckType.TRAINING: "clear",
    }
    assert lines[CheckType.CHILD_ABUSE_REGISTRY].expiring
    assert not lines[CheckType.APPLICATION].expiring
    assert not lines[CheckType.TRAINING].required  # recorded, but not a required step
    assert lines[CheckType.INTERVIEW].requested_on == date(2026, 2, 20)
    assert lines[CheckType.REFERENCES].provider == "3 references"
    assert p.warnings == (f"Child abuse registry check expires on {soon.isoformat()}.",)
    assert "Criminal record check expired on 2026-01-01." in p.not_ready_reasons
    assert "Interview check is still pending." in p.not_ready_reasons
    assert "References check was flagged." in p.not_ready_reasons


def test_a_renewal_counts_and_the_history_is_counted(services, make):
    volunteer = make.volunteer()
    vol = services.volunteers
    vol.record_check(volunteer.id, CheckType.CRIMINAL_RECORD, requested_on=date(2026, 2, 1))
    line = next(c for c in vol.pipeline(volunteer.id, TODAY).checks
                if c.type == CheckType.CRIMINAL_RECORD)
    assert (line.state, line.recorded) == ("clear", 2)  # a requested renewal hides nothing


def test_a_driver_needs_a_driving_record(services, make):
    volunteer = make.volunteer(drives_youth=True)
    p = services.volunteers.pipeline(volunteer.id, TODAY)
    assert p.checks[-1].type == CheckType.DRIVING_RECORD and p.checks[-1].required
    assert p.not_ready_reasons == ("Driving record check has not been recorded.",)


def test_ready_when_every_step_is_done(services, make):
    volunteer = make.volunteer()
    p = services.volunteers.pipeline(volunteer.id, TODAY)
    assert p.ready_to_match and p.eligible and p.not_ready_reasons == ()
    services.volunteers.update(volunteer.id, status=VolunteerStatus.MATCHED)
    p = services.volunteers.pipeline(volunteer.id, TODAY)
    assert p.not_ready_reasons == ("The volunteer is already matched.",)
    services.volunteers.archive(volunteer.id)
    p = services.volunteers.pipeline(volunteer.id, TODAY)
    assert p.archived and p.not_ready_reasons[0].startswith("The volunteer is archived")


def test_training_lines_and_prior_minutes(services, make):
    volunteer = make.volunteer(eligible=False, prior_training_minutes=30)
    events = services.events
    first = events.create(kind=EventKind.PRE_MATCH_TRAINING, title="Pre-match 1",
                          event_date=date(2026, 1, 10), duration_minutes=60)
    second = events.create(kind=EventKind.PRE_MATCH_TRAINING, title="Pre-match 2",
                           event_date=date(2026, 2, 10), duration_minutes=45)
    later = events.create(kind=EventKind.PRE_MATCH_TRAINING, title="Next month",
                          event_date=date(2026, 3, 20), duration_minutes=90)
    events.set_attendance(first.id, [volunteer.id])
    events.set_attendance(second.id, [volunteer.id])
    events.set_attendance(later.id, [volunteer.id], status=AttendanceStatus.REGISTERED)
    p = services.volunteers.pipeline(volunteer.id, TODAY)
    assert [(t.title, t.minutes) for t in p.trainings] == [("Pre-match 1", 60), ("Pre-match 2", 45)]
    assert p.training_minutes == 135 == services.volunteers.training_minutes(volunteer.id)
    assert not any(r.startswith("Pre-match training") for r in p.not_ready_reasons)


def test_employment_history_lines(services, make):
    acme = make.sponsor("Acme")
    leeds = make.branch(acme.id, "Leeds")
    volunteer = services.volunteers.create(first_name="Ana", last_name="Pérez",
                                           sponsor_id=acme.id, branch_id=leeds.id,
                                           employed_since=date(2024, 1, 1))
    globex = make.sponsor("Globex")
    services.volunteers.set_employer(volunteer.id, globex.id, None, since=date(2026, 1, 1))
    p = services.volunteers.pipeline(volunteer.id, TODAY)
    assert [(e.sponsor, e.branch, e.start_date, e.end_date) for e in p.employments] == [
        ("Acme", "Leeds", date(2024, 1, 1), date(2025, 12, 31)),
        ("Globex", None, date(2026, 1, 1), None),
    ]


def test_list_rows_carry_the_reasons(services, make):
    ready = make.volunteer(last_name="Ready")
    waiting = make.volunteer(eligible=False, last_name="Waiting")
    rows = {r.last_name: r for r in services.volunteers.list_rows(TODAY)}
    assert rows["Ready"].ready_to_match and rows["Ready"].not_ready_reasons == ()
    assert not rows["Waiting"].ready_to_match
    assert rows["Waiting"].not_ready_reasons == services.volunteers.pipeline(
        waiting.id, TODAY).not_ready_reasons
    assert ready.id != waiting.id


def test_undo_employer_change_restores_the_history(services, make):
    acme = make.sponsor("Acme")
    leeds = make.branch(acme.id, "Leeds")
    york = make.branch(acme.id, "York")
    volunteer = services.volunteers.create(first_name="Ana", last_name="Pérez",
                                           sponsor_id=acme.id, branch_id=leeds.id,
                                           employed_since=date(2024, 1, 1))
    vol = services.volunteers
    vol.set_employer(volunteer.id, acme.id, york.id, since=TODAY)
    vol.undo_employer_change(volunteer.id, TODAY)
    assert [(e.branch_id, e.start_date, e.end_date) for e in vol.employments(volunteer.id)] == [
        (leeds.id, date(2024, 1, 1), None)]
    vol.set_employer(volunteer.id, None, None, since=TODAY)  # leaving, then taken back
    vol.undo_employer_change(volunteer.id, TODAY)
    assert vol.employer_on(volunteer.id, TODAY + timedelta(days=30)).branch_id == leeds.id


def test_undo_employer_change_refuses_after_a_later_change(services, make):
    acme = make.sponsor("Acme")
    leeds = make.branch(acme.id, "Leeds")
    york = make.branch(acme.id, "York")
    volunteer = services.volunteers.create(first_name="Ana", last_name="Pérez",
                                           sponsor_id=acme.id, branch_id=leeds.id,
                                           employed_since=date(2024, 1, 1))
    vol = services.volunteers
    vol.set_employer(volunteer.id, acme.id, york.id, since=date(2025, 1, 1))
    vol.set_employer(volunteer.id, acme.id, leeds.id, since=date(2026, 1, 1))
    with pytest.raises(ConflictError, match="changed again"):
        vol.undo_employer_change(volunteer.id, date(2025, 1, 1))
    assert len(vol.employments(volunteer.id)) == 3


def test_a_new_employer_needs_a_start_date(services, make):
    acme = make.sponsor("Acme")
    volunteer = make.volunteer(eligible=False)
    with pytest.raises(ValidationError) as err:
        services.volunteers.set_employer(volunteer.id, acme.id, None, since=None)
    assert err.value.field == "since"


def test_a_bad_guardian_phone_names_its_field(services):
    with pytest.raises(ValidationError) as err:
        services.youth.create(first_name="Kim", last_name="Ng", guardian_phone="none")
    assert err.value.field == "guardian_phone"
