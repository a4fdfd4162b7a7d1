"""Youth records, programme IDs and the deliberate anonymise action."""

from __future__ import annotations

from datetime import date

import pytest

from mentordesk.domain.enums import ClosureCategory, YouthStatus
from mentordesk.domain.errors import ConflictError, NotFound, RuleViolation, ValidationError
from mentordesk.services.youth import PERSONAL_FIELDS

from .helpers import audit_entries


def test_create_normalises(services, make):
    programme = make.programme("Northside")
    youth = services.youth.create(
        programme_ref=" Y-0001 ", programme_id=programme.id,
        first_name="  Zoe\u0308 ", last_name="Smith  Jones", date_of_birth=date(2014, 2, 3),
        grade=" 6 ", school="  Hill   Primary ", guardian_name="  Mary  Smith ",
        guardian_email=" Mary.Smith@Mail.COM ", guardian_phone=" 07700  900123 ",
        languages="English;  french ,english", interests="art, Art, music",
    )
    stored = services.youth.get(youth.id)
    assert stored.programme_ref == "Y-0001"
    assert stored.first_name == "Zoë"
    assert stored.last_name == "Smith Jones"
    assert stored.grade == "6"
    assert stored.school == "Hill Primary"
    assert stored.guardian_name == "Mary Smith"
    assert stored.guardian_email == "mary.smith@mail.com"
    assert stored.guardian_phone == "07700 900123"
    assert stored.languages == "English, french"
    assert stored.interests == "art, music"
    assert stored.status is YouthStatus.WAITING
    assert stored.anonymised_at is None


@pytest.mark.parametrize(
    "fields, field",
    [
        ({"first_name": " "}, "first_name"),
        ({"last_name": None}, "last_name"),
        ({"guardian_email": "mary at mail"}, "guardian_email"),
        ({"status": "graduated"}, "status"),
        ({"date_of_birth": date(2999, 1, 1)}, "date_of_birth"),
    ],
)
def test_create_refuses_bad_values(services, fields, field):
    fields = {"first_name": "Zoe", "last_name": "Smith", **fields}
    with pytest.raises(ValidationError) as err:
        services.youth.create(**fields)
    assert err.value.field == field
    assert services.youth.list_rows(include_archived=True) == []


def test_create_refuses_unknown_fields_and_programmes(services):
    with pytest.raises(ValidationError, match="Unknown youth field 'ssn'"):
        services.youth.create(first_name="Zoe", last_name="Smith", ssn="x")
    with pytest.raises(NotFound, match="programme"):
        services.youth.create(first_name="Zoe", last_name="Smith", programme_id=404)
    assert services.youth.list_rows(include_archived=True) == []


def test_programme_ref_is_unique(services, make):
    first = make.youth(programme_ref="Y-0001")
    with pytest.raises(ValidationError, match=rf"Y-0001 already belongs to another young person \(ID {first.id}\)") as err:
        services.youth.create(first_name="Al", last_name="Other", programme_ref=" Y-0001")
    assert err.value.field == "programme_ref"
    second = make.youth(programme_ref="Y-0002")
    with pytest.raises(ValidationError):
        services.youth.update(second.id, programme_ref="Y-0001")
    assert services.youth.get(second.id).programme_ref == "Y-0002"
    # keeping one's own reference is fine; records without one do not clash
    assert services.youth.update(first.id, programme_ref="Y-0001", grade="7").grade == "7"
    a = make.youth(programme_ref=None)
    b = make.youth(programme_ref="  ")
    assert services.youth.get(a.id).programme_ref is None
    assert services.youth.get(b.id).programme_ref is None


def test_update_with_stale_version_is_a_conflict(services, make):
    youth = make.youth()
    services.youth.update(youth.id, expected_version=1, school="Hill")
    with pytest.raises(ConflictError):
        services.youth.update(youth.id, expected_version=1, school="Dale")
    assert services.youth.get(youth.id).school == "Hill"


def test_list_rows(services, make):
    programme = make.programme("Northside")
    b = make.youth(first_name="Bea", last_name="Brown", programme_id=programme.id, grade="5")
    a = make.youth(first_name="Al", last_name="Adams")
    gone = make.youth(first_name="Cy", last_name="Clark")
    services.youth.archive(gone.id)
    rows = services.youth.list_rows()
    assert [(r.id, r.name, r.programme, r.grade) for r in rows] == [
        (a.id, "Al Adams", None, None),
        (b.id, "Bea Brown", "Northside", "5"),
    ]
    assert [r.id for r in services.youth.list_rows(include_archived=True)] == [a.id, b.id, gone.id]
    assert services.youth.list_rows(include_archived=True)[-1].archived is True


# --- anonymise --------------------------------------------------------------------------------

def _personal_youth(make):
    return make.youth(
        first_name="Zoe", last_name="Quixley", date_of_birth=date(2012, 4, 5), school="Hill Primary",
        gender="female", city="Leeds", guardian_name="Mary Quixley", guardian_phone="07700 900123",
        guardian_email="mary.quixley@mail.com", languages="English", interests="art",
        preferences="female mentor", notes="Allergic to nuts", grade="6",
    )


def test_anonymise_refuses_a_proposed_match(services, make):
    youth = _personal_youth(make)
    make.proposed_match(youth=youth)
    with pytest.raises(RuleViolation, match="Close or decline"):
        services.youth.anonymise(youth.id)
    assert services.youth.get(youth.id).first_name == "Zoe"


def test_anonymise_refuses_a_running_match(services, make):
    youth = _personal_youth(make)
    match = make.active_match(youth=youth)
    services.matches.set_status(match.id, "on_hold")
    with pytest.raises(RuleViolation):
        services.youth.anonymise(youth.id)
    stored = services.youth.get(youth.id)
    assert (stored.first_name, stored.anonymised_at) == ("Zoe", None)


def test_anonymise_after_closure_clears_personal_data(services, make):
    youth = _personal_youth(make)
    match = make.active_match(youth=youth)
    services.matches.close(
        match.id, end_date=date(2026, 9, 1), reason_id=make.reason_id(),
        category=ClosureCategory.COMPLETED, rematch_eligible=False,
    )
    services.youth.anonymise(youth.id)

    stored = services.youth.get(youth.id)
    for key, value in PERSONAL_FIELDS.items():
        assert getattr(stored, key) == value, key
    assert stored.first_name == "Anonymised"
    assert stored.guardian_phone is None
    assert stored.status is YouthStatus.EXITED
    assert stored.anonymised_at is not None
    assert stored.archived_at is not None
    # kept for statistics: the reference, the grade, the match
    assert stored.programme_ref is not None
    assert stored.grade == "6"
    [row] = services.matches.list_rows()
    assert (row.id, row.youth) == (match.id, "Anonymised")
    # an anonymised record cannot be edited back
    with pytest.raises(RuleViolation, match="anonymised"):
        services.youth.update(youth.id, first_name="Zoe")


def test_anonymise_with_a_declined_match_only(services, make):
    youth = _personal_youth(make)
    match = make.proposed_match(youth=youth)
    services.matches.decline(match.id, note="Family moved")
    services.youth.anonymise(youth.id, expected_version=1)
    assert services.youth.get(youth.id).last_name == ""


def test_anonymise_with_stale_version_is_a_conflict(services, make):
    youth = _personal_youth(make)
    services.youth.update(youth.id, grade="7")
    with pytest.raises(ConflictError):
        services.youth.anonymise(youth.id, expected_version=1)
    assert services.youth.get(youth.id).first_name == "Zoe"


def test_anonymise_leaves_no_personal_data_in_the_audit_log(services, make, db):
    youth = _personal_youth(make)
    services.youth.update(youth.id, guardian_phone="07700 900999", city="York")
    services.youth.anonymise(youth.id)
    entries = audit_entries(db, "youth", youth.id)
    assert {e.action for e in entries} >= {"create", "update", "anonymise"}
    values = " ".join(f"{e.old_value} {e.new_value}" for e in entries)
    for secret in ("Zoe", "Quixley", "Hill Primary", "900123", "900999", "Leeds", "York",
                   "mary.quixley", "2012-04-05", "Allergic", "female mentor"):
        assert secret not in values, secret
    anonymise = [e for e in entries if e.action == "anonymise"]
    assert [e.field for e in anonymise] == ["anonymised_at"]
