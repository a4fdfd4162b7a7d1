"""Volunteers: records, employment history, screening, training, eligibility, lists."""

from __future__ import annotations

from datetime import date

import pytest

from mentordesk.domain.enums import (
    AttendanceStatus,
    CheckResult,
    CheckType,
    EventKind,
    VolunteerStatus,
)
from mentordesk.domain.errors import ConflictError, NotFound, ValidationError

from .helpers import TODAY

# --- records ------------------------------------------------------------------------

def test_create_normalises_names_email_and_tags(services):
    volunteer = services.volunteers.create(
        first_name="  Jose\u0301   Mari\u0301a ",  # decomposed accents, as some keyboards type them
        last_name="de la  Cruz",
        email="  Jose.Cruz@Example.ORG ",
        phone=" 0113  496 0000",
        languages="Spanish; english,, SPANISH\nCatalan",
        interests=["football", " Chess ", "football"],
        city="  ",
    )
    stored = services.volunteers.get(volunteer.id)
    assert stored.first_name == "Jos\u00e9 Mar\u00eda"
    assert stored.first_name == "José María"
    assert len(stored.first_name) == 10
    assert stored.last_name == "de la Cruz"
    assert stored.email == "jose.cruz@example.org"
    assert stored.phone == "0113 496 0000"
    assert stored.languages == "Spanish, english, Catalan"
    assert stored.interests == "football, Chess"
    assert stored.city is None
    assert stored.status is VolunteerStatus.INQUIRY
    assert stored.prior_training_minutes == 0
    assert stored.version == 1


@pytest.mark.parametrize(
    "fields, field",
    [
        ({"first_name": "  "}, "first_name"),
        ({"last_name": ""}, "last_name"),
        ({"email": "ana.example.org"}, "email"),
        ({"phone": "none"}, "phone"),
        ({"status": "retired"}, "status"),
        ({"prior_training_minutes": -1}, "prior_training_minutes"),
    ],
)
def test_create_refuses_bad_values(services, fields, field):
    fields = {"first_name": "Ana", "last_name": "Pérez", **fields}
    with pytest.raises(ValidationError) as err:
        services.volunteers.create(**fields)
    assert err.value.field == field
    assert services.volunteers.list_rows(TODAY, include_archived=True) == []


def test_create_refuses_unknown_fields(services):
    with pytest.raises(ValidationError, match="Unknown volunteer field 'shoe_size'"):
        services.volunteers.create(first_name="Ana", last_name="Pérez", shoe_size=38)


def test_duplicate_email_is_refused_whatever_its_case(services, make):
    ana = make.volunteer(first_name="Ana", last_name="Pérez", email="ana@example.org")
    with pytest.raises(ValidationError, match=rf"Ana Pérez \(ID {ana.id}\) already uses ana@example.org") as err:
        services.volunteers.create(first_name="Ann", last_name="Other", email="ANA@Example.org")
    assert err.value.field == "email"
    assert [r.id for r in services.volunteers.list_rows(TODAY)] == [ana.id]


def test_update_email_to_someone_elses_is_refused(services, make):
    ana = make.volunteer(email="ana@example.org")
    ben = make.volunteer(email="ben@example.org")
    with pytest.raises(ValidationError):
        services.volunteers.update(ben.id, email="Ana@example.org")
    # keeping one's own address (typed differently) is fine
    same = services.volunteers.update(ana.id, email=" ANA@example.org ", city="Leeds")
    assert same.email == "ana@example.org"
    assert same.city == "Leeds"
    assert services.volunteers.get(ben.id).email == "ben@example.org"


def test_several_volunteers_may_have_no_email(services):
    a = services.volunteers.create(first_name="A", last_name="One", email="")
    b = services.volunteers.create(first_name="B", last_name="Two")
    assert services.volunteers.get(a.id).email is None
    assert services.volunteers.get(b.id).email is None


def test_find_by_email(services, make):
    ana = make.volunteer(email="ana@example.org")
    assert services.volunteers.find_by_email("  ANA@example.org ").id == ana.id
    assert services.volunteers.find_by_email("nobody@example.org") is None


def test_update_with_stale_version_is_a_conflict(services, make):
    volunteer = make.volunteer(eligible=False)
    services.volunteers.update(volunteer.id, expected_version=1, city="Leeds")
    with pytest.raises(ConflictError):
        services.volunteers.update(volunteer.id, expected_version=1, city="York")
    stored = services.volunteers.get(volunteer.id)
    assert (stored.city, stored.version) == ("Leeds", 2)


def test_archive_hides_from_the_list(services, make):
    ana = make.volunteer(last_name="Alpha")
    ben = make.volunteer(last_name="Beta")
    services.volunteers.archive(ana.id)
    assert [r.id for r in services.volunteers.list_rows(TODAY)] == [ben.id]
    rows = services.volunteers.list_rows(TODAY, include_archived=True)
    assert [(r.id, r.archived) for r in rows] == [(ana.id, True), (ben.id, False)]


# --- employment history ---------------------------------------------------------------

def test_create_with_employer(services, make):
    acme = make.sponsor("Acme")
    leeds = make.branch(acme.id, "Leeds")
    volunteer = services.volunteers.create(
        first_name="Ana", last_name="Pérez", sponsor_id=acme.id, branch_id=leeds.id,
        employed_since=date(2024, 1, 1),
    )
    [employment] = services.volunteers.employments(volunteer.id)
    assert (employment.sponsor_id, employment.branch_id) == (acme.id, leeds.id)
    assert (employment.start_date, employment.end_date) == (date(2024, 1, 1), None)


def test_create_with_branch_of_another_company_stores_nothing(services, make):
    acme = make.sponsor("Acme")
    globex = make.sponsor("Globex")
    globex_leeds = make.branch(globex.id, "Leeds")
    with pytest.raises(ValidationError, match="belongs to another company") as err:
        services.volunteers.create(
            first_name="Ana", last_name="Pérez", sponsor_id=acme.id, branch_id=globex_leeds.id,
        )
    assert err.value.field == "branch_id"
    assert services.volunteers.list_rows(TODAY, include_archived=True) == []


def test_create_with_unknown_sponsor_stores_nothing(services):
    with pytest.raises(NotFound):
        services.volunteers.create(first_name="Ana", last_name="Pérez", sponsor_id=77)
    assert services.volunteers.list_rows(TODAY, include_archived=True) == []


def test_branch_change_splits_the_employment(services, make):
    acme = make.sponsor("Acme")
    leeds = make.branch(acme.id, "Leeds")
    york = make.branch(acme.id, "York")
    volunteer = services.volunteers.create(
        first_name="Ana", last_name="Pérez", sponsor_id=acme.id, branch_id=leeds.id,
        employed_since=date(2024, 1, 1),
    )
    services.volunteers.set_employer(volunteer.id, acme.id, york.id, since=date(2026, 3, 1))

    periods = [
        (e.branch_id, e.start_date, e.end_date) for e in services.volunteers.employments(volunteer.id)
    ]
    assert periods == [
        (leeds.id, date(2024, 1, 1), date(2026, 2, 28)),
        (york.id, date(2026, 3, 1), None),
    ]
    assert services.volunteers.employer_on(volunteer.id, date(2026, 2, 28)).branch_id == leeds.id
    assert services.volunteers.employer_on(volunteer.id, date(2026, 3, 1)).branch_id == york.id
    assert services.volunteers.employer_on(volunteer.id, date(2030, 1, 1)).branch_id == york.id
    assert services.volunteers.employer_on(volunteer.id, date(2023, 12, 31)) is None


def test_branch_change_of_an_employment_without_start_date(services, make):
    acme = make.sponsor("Acme")
    leeds = make.branch(acme.id, "Leeds")
    york = make.branch(acme.id, "York")
    volunteer = services.volunteers.create(
        first_name="Ana", last_name="Pérez", sponsor_id=acme.id, branch_id=leeds.id
    )
    services.volunteers.set_employer(volunteer.id, acme.id, york.id, since=date(2026, 3, 1))
    assert services.volunteers.employer_on(volunteer.id, date(2000, 1, 1)).branch_id == leeds.id
    assert services.volunteers.employer_on(volunteer.id, date(2026, 2, 28)).branch_id == leeds.id
    assert services.volunteers.employer_on(volunteer.id, date(2026, 3, 1)).branch_id == york.id
    assert [e.branch_id for e in services.volunteers.employments(volunteer.id)] == [leeds.id, york.id]


def test_set_employer_to_the_same_employer_changes_nothing(services, make):
    acme = make.sponsor("Acme")
    leeds = make.branch(acme.id, "Leeds")
    volunteer = services.volunteers.create(
        first_name="Ana", last_name="Pérez", sponsor_id=acme.id, branch_id=leeds.id,
        employed_since=date(2024, 1, 1),
    )
    services.volunteers.set_employer(volunteer.id, acme.id, leeds.id, since=date(2026, 3, 1))
    [employment] = services.volunteers.employments(volunteer.id)
    assert (employment.start_date, employment.end_date, employment.version) == (
        date(2024, 1, 1), None, 1,
    )


def test_set_employer_must_start_after_the_current_one(services, make):
    acme = make.sponsor("Acme")
    leeds = make.branch(acme.id, "Leeds")
    york = make.branch(acme.id, "York")
    volunteer = services.volunteers.create(
        first_name="Ana", last_name="Pérez", sponsor_id=acme.id, branch_id=leeds.id,
        employed_since=date(2026, 3, 1),
    )
    with pytest.raises(ValidationError, match="started on 2026-03-01") as err:
        services.volunteers.set_employer(volunteer.id, acme.id, york.id, since=date(2026, 3, 1))
    assert err.value.field == "since"
    [employment] = services.volunteers.employments(volunteer.id)
    assert (employment.branch_id, employment.end_date) == (leeds.id, None)


def test_leaving_the_employer(services, make):
    acme = make.sponsor("Acme")
    volunteer = services.volunteers.create(
        first_name="Ana", last_name="Pérez", sponsor_id=acme.id, employed_since=date(2024, 1, 1)
    )
    services.volunteers.set_employer(volunteer.id, None, None, since=date(2026, 6, 1))
    assert services.volunteers.employer_on(volunteer.id, date(2026, 5, 31)).sponsor_id == acme.id
    assert services.volunteers.employer_on(volunteer.id, date(2026, 6, 1)) is None
    [employment] = services.volunteers.employments(volunteer.id)
    assert employment.end_date == date(2026, 5, 31)


def test_changing_company(services, make):
    acme = make.sponsor("Acme")
    globex = make.sponsor("Globex")
    volunteer = services.volunteers.create(first_name="Ana", last_name="Pérez")
    assert services.volunteers.employments(volunteer.id) == []
    services.volunteers.set_employer(volunteer.id, acme.id, None, since=date(2025, 1, 1))
    services.volunteers.set_employer(volunteer.id, globex.id, None, since=date(2026, 1, 1))
    assert services.volunteers.employer_on(volunteer.id, date(2025, 12, 31)).sponsor_id == acme.id
    assert services.volunteers.employer_on(volunteer.id, date(2026, 1, 1)).sponsor_id == globex.id


# --- screening ---------------------------------------------------------------------------

def test_record_and_list_checks(services, make):
    volunteer = make.volunteer(eligible=False)
    first = services.volunteers.record_check(
        volunteer.id, CheckType.INTERVIEW, result=CheckResult.CLEAR,
        requested_on=date(2026, 1, 2), completed_on=date(2026, 1, 9), provider="  Office ",
    )
    services.volunteers.record_check(volunteer.id, "application", requested_on=date(2026, 1, 1))
    checks = services.volunteers.checks(volunteer.id)
    assert [(c.type, c.result) for c in checks] == [
        (CheckType.APPLICATION, CheckResult.PENDING),
        (CheckType.INTERVIEW, CheckResult.CLEAR),
    ]
    assert checks[1].id == first.id
    assert checks[1].provider == "Office"


def test_a_result_needs_a_completion_date(services, make):
    volunteer = make.volunteer(eligible=False)
    with pytest.raises(ValidationError) as err:
        services.volunteers.record_check(volunteer.id, CheckType.REFERENCES, result=CheckResult.CLEAR)
    assert err.value.field == "completed_on"
    assert services.volunteers.checks(volunteer.id) == []


def test_expiry_must_follow_completion(services, make):
    volunteer = make.volunteer(eligible=False)
    with pytest.raises(ValidationError) as err:
        services.volunteers.record_check(
            volunteer.id, CheckType.CRIMINAL_RECORD, result=CheckResult.CLEAR,
            completed_on=date(2026, 1, 10), expires_on=date(2026, 1, 9),
        )
    assert err.value.field == "expires_on"


def test_check_of_unknown_volunteer_is_not_found(services):
    with pytest.raises(NotFound):
        services.volunteers.record_check(99, CheckType.INTERVIEW)


def test_update_check_validates_and_locks(services, make):
    volunteer = make.volunteer(eligible=False)
    check = services.volunteers.record_check(volunteer.id, CheckType.INTERVIEW)
    with pytest.raises(ValidationError):
        services.volunteers.update_check(check.id, result=CheckResult.CLEAR)  # no completion date
    assert services.volunteers.checks(volunteer.id)[0].result is CheckResult.PENDING
    done = services.volunteers.update_check(
        check.id, expected_version=1, result=CheckResult.CLEAR, completed_on=date(2026, 1, 5)
    )
    assert done.version == 2
    with pytest.raises(ConflictError):
        services.volunteers.update_check(check.id, expected_version=1, provider="X")
    with pytest.raises(ValidationError):
        services.volunteers.update_check(check.id, volunteer_id=12)


# --- training ------------------------------------------------------------------------------

def test_training_minutes_count_attended_pre_match_training_and_prior_minutes(services, make):
    volunteer = make.volunteer(eligible=False, prior_training_minutes=30)
    other = make.volunteer(eligible=False)
    events = services.events

    def event(kind, minutes, title):
        return events.create(kind=kind, title=title, event_date=date(2026, 2, 1),
                             duration_minutes=minutes)

    attended = event(EventKind.PRE_MATCH_TRAINING, 90, "Pre-match 1")
    missed = event(EventKind.PRE_MATCH_TRAINING, 60, "Pre-match 2")
    ongoing = event(EventKind.ONGOING_TRAINING, 45, "Ongoing")
    archived = event(EventKind.PRE_MATCH_TRAINING, 20, "Cancelled session")
    registered = event(EventKind.PRE_MATCH_TRAINING, 15, "Next month")
    events.set_attendance(attended.id, [volunteer.id, other.id])
    events.set_attendance(missed.id, [volunteer.id])
    events.set_attendance(missed.id, [other.id])  # volunteer unticked: absent
    events.set_attendance(ongoing.id, [volunteer.id])
    events.set_attendance(archived.id, [volunteer.id])
    events.archive(archived.id)
    events.set_attendance(registered.id, [volunteer.id], status=AttendanceStatus.REGISTERED)

    assert services.volunteers.training_minutes(volunteer.id) == 30 + 90
    assert services.volunteers.training_minutes(other.id) == 90 + 60


def test_training_minutes_of_unknown_volunteer(services):
    with pytest.raises(NotFound):
        services.volunteers.training_minutes(5)


# --- eligibility -----------------------------------------------------------------------------

def test_new_volunteer_lists_every_reason(services, make):
    volunteer = make.volunteer(eligible=False)
    verdict = services.volunteers.eligibility(volunteer.id, TODAY)
    assert verdict.eligible is False
    assert verdict.reasons == [
        "Application check has not been recorded.",
        "Interview check has not been recorded.",
        "References check has not been recorded.",
        "Criminal record check has not been recorded.",
        "Child abuse registry check has not been recorded.",
        "Pre-match training: 0 hours of 2 hours done.",
    ]


def test_eligible_volunteer(services, make):
    volunteer = make.volunteer()
    verdict = services.volunteers.eligibility(volunteer.id, TODAY)
    assert (verdict.eligible, verdict.reasons, verdict.warnings) == (True, [], [])


def test_pending_flagged_expired_and_training_reasons(services, make):
    volunteer = services.volunteers.create(
        first_name="Ana", last_name="Pérez", status="screening", prior_training_minutes=90
    )
    v = services.volunteers
    v.record_check(volunteer.id, CheckType.APPLICATION, result="clear", completed_on=date(2026, 1, 1))
    v.record_check(volunteer.id, CheckType.INTERVIEW, requested_on=date(2026, 2, 1))
    v.record_check(volunteer.id, CheckType.REFERENCES, result="flagged", completed_on=date(2026, 1, 2))
    v.record_check(volunteer.id, CheckType.CRIMINAL_RECORD, result="clear",
                   completed_on=date(2023, 1, 1), expires_on=date(2026, 2, 28))
    v.record_check(volunteer.id, CheckType.CHILD_ABUSE_REGISTRY, result="clear",
                   completed_on=date(2026, 1, 1), expires_on=date(2026, 3, 20))
    verdict = v.eligibility(volunteer.id, TODAY)
    assert verdict.eligible is False
    assert verdict.reasons == [
        "Interview check is still pending.",
        "References check was flagged.",
        "Criminal record check expired on 2026-02-28.",
        "Pre-match training: 1.5 hours of 2 hours done.",
    ]
    assert verdict.warnings == ["Child abuse registry check expires on 2026-03-20."]


def test_latest_check_of_a_type_decides(services, make):
    volunteer = make.volunteer()
    services.volunteers.record_check(
        volunteer.id, CheckType.REFERENCES, result="flagged", completed_on=date(2026, 2, 1)
    )
    assert services.volunteers.eligibility(volunteer.id, TODAY).reasons == [
        "References check was flagged."
    ]


def test_volunteer_who_drives_needs_a_driving_record(services, make):
    volunteer = make.volunteer(drives_youth=True)
    assert services.volunteers.eligibility(volunteer.id, TODAY).reasons == [
        "Driving record check has not been recorded."
    ]
    services.volunteers.record_check(
        volunteer.id, CheckType.DRIVING_RECORD, result="clear", completed_on=date(2026, 1, 3)
    )
    assert services.volunteers.eligibility(volunteer.id, TODAY).eligible is True


@pytest.mark.parametrize("status", ["deferred", "declined", "withdrawn", "inactive"])
def test_statuses_out_of_the_pool(services, make, status):
    volunteer = make.volunteer()
    services.volunteers.update(volunteer.id, status=status)
    assert services.volunteers.eligibility(volunteer.id, TODAY).reasons == [
        f"The volunteer is {status}."
    ]


def test_eligibility_depends_on_the_day(services, make):
    volunteer = make.volunteer(eligible=False, prior_training_minutes=120, status="accepted")
    make.clear_checks(volunteer.id, completed_on=date(2025, 1, 1), expires_on=date(2026, 6, 30))
    assert services.volunteers.eligibility(volunteer.id, date(2026, 6, 30)).eligible is True
    late = services.volunteers.eligibility(volunteer.id, date(2026, 7, 1))
    assert late.eligible is False
    assert len(late.reasons) == 5
    assert all(r.endswith("expired on 2026-06-30.") for r in late.reasons)


# --- lists -------------------------------------------------------------------------------------

def test_list_rows_ready_to_match_and_training(services, make):
    ready = make.volunteer(last_name="Alpha")
    screening = make.volunteer(last_name="Beta")  # eligible, but not accepted yet
    services.volunteers.update(screening.id, status="screening")
    untrained = make.volunteer(last_name="Gamma", prior_training_minutes=60)
    new = make.volunteer(last_name="Delta", eligible=False)
    rows = {r.id: r for r in services.volunteers.list_rows(TODAY)}
    assert [r.last_name for r in services.volunteers.list_rows(TODAY)] == [
        "Alpha", "Beta", "Delta", "Gamma",
    ]
    assert (rows[ready.id].eligible, rows[ready.id].ready_to_match) == (True, True)
    assert (rows[screening.id].eligible, rows[screening.id].ready_to_match) == (True, False)
    assert (rows[untrained.id].eligible, rows[untrained.id].ready_to_match) == (False, False)
    assert (rows[new.id].eligible, rows[new.id].ready_to_match) == (False, False)
    assert rows[untrained.id].training_minutes == 60
    assert rows[ready.id].training_minutes == 120
    assert rows[ready.id].status is VolunteerStatus.ACCEPTED
    assert [r.id for r in services.volunteers.list_rows(TODAY, status=VolunteerStatus.SCREENING)] == [
        screening.id
    ]


def test_list_rows_sponsor_filter_and_employer_of_the_day(services, make):
    acme = make.sponsor("Acme")
    globex = make.sponsor("Globex")
    leeds = make.branch(acme.id, "Leeds")
    york = make.branch(acme.id, "York")
    ana = services.volunteers.create(first_name="Ana", last_name="Alpha", sponsor_id=acme.id,
                                     branch_id=leeds.id, employed_since=date(2024, 1, 1))
    services.volunteers.set_employer(ana.id, acme.id, york.id, since=date(2026, 3, 1))
    ben = services.volunteers.create(first_name="Ben", last_name="Beta", sponsor_id=globex.id)
    cy = services.volunteers.create(first_name="Cy", last_name="Gamma")

    before = {r.id: (r.sponsor, r.branch) for r in services.volunteers.list_rows(date(2026, 2, 28))}
    after = {r.id: (r.sponsor, r.branch) for r in services.volunteers.list_rows(date(2026, 3, 1))}
    assert before == {ana.id: ("Acme", "Leeds"), ben.id: ("Globex", None), cy.id: (None, None)}
    assert after == {ana.id: ("Acme", "York"), ben.id: ("Globex", None), cy.id: (None, None)}
    assert [r.id for r in services.volunteers.list_rows(TODAY, sponsor_id=acme.id)] == [ana.id]
    assert [r.id for r in services.volunteers.list_rows(TODAY, sponsor_id=globex.id)] == [ben.id]
    # before she joined Acme, Ana is not one of its people
    assert services.volunteers.list_rows(date(2023, 6, 1), sponsor_id=acme.id) == []
