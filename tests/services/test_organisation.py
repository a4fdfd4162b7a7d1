"""Programmes, sponsor companies and branches (services/organisation.py)."""

from __future__ import annotations

import pytest

from mentordesk.domain.enums import ProgrammeType
from mentordesk.domain.errors import ConflictError, NotFound, ValidationError

# --- programmes -----------------------------------------------------------------

def test_create_programme_normalises_and_stores(services):
    created = services.programmes.create(
        name="  Northside   Mentoring ", type="school", meeting_day=" Tuesday ",
        meeting_time="", address=None,
    )
    assert created.id is not None
    assert created.version == 1
    stored = services.programmes.get(created.id)
    assert stored.name == "Northside Mentoring"
    assert stored.type is ProgrammeType.SCHOOL
    assert stored.meeting_day == "Tuesday"
    assert stored.meeting_time is None
    assert stored.archived_at is None


@pytest.mark.parametrize("name", ["", "   ", None])
def test_programme_needs_a_name(services, name):
    with pytest.raises(ValidationError) as err:
        services.programmes.create(name=name)
    assert err.value.field == "name"
    assert services.programmes.list(include_archived=True) == []


def test_programme_type_must_be_known(services):
    with pytest.raises(ValidationError) as err:
        services.programmes.create(name="Eastside", type="online")
    assert err.value.field == "type"


def test_programme_names_are_unique_ignoring_case(services, make):
    make.programme("Northside")
    with pytest.raises(ValidationError, match="already a programme called 'Northside'") as err:
        services.programmes.create(name="  NORTHSIDE ")
    assert err.value.field == "name"
    assert [p.name for p in services.programmes.list()] == ["Northside"]


def test_programme_rename_to_another_name_is_refused_but_own_case_change_is_fine(services, make):
    north = make.programme("Northside")
    south = make.programme("Southside")
    with pytest.raises(ValidationError):
        services.programmes.update(south.id, name="northside")
    renamed = services.programmes.update(north.id, name="NorthSide")
    assert renamed.name == "NorthSide"
    assert renamed.version == 2
    assert services.programmes.get(south.id).name == "Southside"


def test_programme_update_with_stale_version_is_a_conflict(services, make):
    programme = make.programme("Northside")
    first = services.programmes.update(programme.id, expected_version=1, meeting_day="Monday")
    assert first.version == 2
    with pytest.raises(ConflictError, match="changed by someone else"):
        services.programmes.update(programme.id, expected_version=1, meeting_day="Friday")
    stored = services.programmes.get(programme.id)
    assert stored.meeting_day == "Monday"
    assert stored.version == 2
    # with the current version the change goes through
    assert services.programmes.update(programme.id, expected_version=2, meeting_day="Friday").version == 3


def test_programme_update_refuses_unknown_fields(services, make):
    programme = make.programme("Northside")
    with pytest.raises(ValidationError) as err:
        services.programmes.update(programme.id, colour="red")
    assert err.value.field == "colour"
    assert services.programmes.get(programme.id).version == 1


def test_programme_archive_and_restore(services, make):
    north = make.programme("Northside")
    make.programme("Southside")
    services.programmes.archive(north.id, expected_version=1)
    archived = services.programmes.get(north.id)
    assert archived.archived_at is not None
    assert archived.version == 2
    assert [p.name for p in services.programmes.list()] == ["Southside"]
    assert [p.name for p in services.programmes.list(include_archived=True)] == [
        "Northside", "Southside",
    ]
    # archiving again changes nothing
    services.programmes.archive(north.id)
    assert services.programmes.get(north.id).version == 2
    with pytest.raises(ConflictError):
        services.programmes.restore(north.id, expected_version=1)
    services.programmes.restore(north.id, expected_version=2)
    assert services.programmes.get(north.id).archived_at is None
    assert [p.name for p in services.programmes.list()] == ["Northside", "Southside"]


def test_unknown_programme_is_not_found(services):
    with pytest.raises(NotFound, match="no programme with ID 999"):
        services.programmes.get(999)
    with pytest.raises(NotFound):
        services.programmes.update(999, name="X")
    with pytest.raises(NotFound):
        services.programmes.archive(999)


# --- sponsors ---------------------------------------------------------------------

def test_create_sponsor_normalises_contact(services):
    sponsor = services.sponsors.create(
        name=" Acme   Corp ", contact_name="  jane   doe ", contact_email=" Jane.Doe@ACME.com ",
        contact_phone=" +44 20  7946 0000 ",
    )
    stored = services.sponsors.get(sponsor.id)
    assert stored.name == "Acme Corp"
    assert stored.contact_name == "jane doe"
    assert stored.contact_email == "jane.doe@acme.com"
    assert stored.contact_phone == "+44 20 7946 0000"


@pytest.mark.parametrize(
    "fields, field",
    [
        ({"contact_email": "jane@@acme"}, "contact_email"),
        ({"contact_phone": "call reception"}, "phone"),
        ({"name": "  "}, "name"),
    ],
)
def test_sponsor_refuses_bad_values(services, fields, field):
    fields = {"name": "Acme", **fields}
    with pytest.raises(ValidationError) as err:
        services.sponsors.create(**fields)
    assert err.value.field == field
    assert services.sponsors.list() == []


def test_sponsor_names_are_unique_ignoring_case(services, make):
    make.sponsor("Acme Corp")
    with pytest.raises(ValidationError, match="already a sponsor company called 'Acme Corp'"):
        services.sponsors.create(name="acme corp")


def test_sponsor_names_are_unique_ignoring_case_beyond_ascii(services, make):
    make.sponsor("Ñandú Seguros")
    with pytest.raises(ValidationError, match="already a sponsor company"):
        services.sponsors.create(name="ÑANDÚ SEGUROS")
    assert [s.name for s in services.sponsors.list()] == ["Ñandú Seguros"]


def test_find_sponsor_ignores_case_and_spaces(services, make):
    acme = make.sponsor("Acme Corp")
    make.sponsor("Émile Industries")
    assert services.sponsors.find("  ACME   corp ").id == acme.id
    assert services.sponsors.find("émile industries").name == "Émile Industries"
    assert services.sponsors.find("ÉMILE INDUSTRIES").name == "Émile Industries"
    assert services.sponsors.find("Acme") is None


def test_sponsor_update_and_conflict(services, make):
    sponsor = make.sponsor("Acme Corp")
    updated = services.sponsors.update(sponsor.id, expected_version=1, contact_email="A@B.ORG")
    assert updated.contact_email == "a@b.org"
    with pytest.raises(ConflictError):
        services.sponsors.update(sponsor.id, expected_version=1, contact_email="c@d.org")
    assert services.sponsors.get(sponsor.id).contact_email == "a@b.org"


def test_sponsor_archive_and_restore(services, make):
    sponsor = make.sponsor("Acme Corp")
    services.sponsors.archive(sponsor.id)
    assert services.sponsors.list() == []
    assert [s.id for s in services.sponsors.list(include_archived=True)] == [sponsor.id]
    services.sponsors.restore(sponsor.id)
    assert [s.id for s in services.sponsors.list()] == [sponsor.id]


# --- branches ---------------------------------------------------------------------

def test_add_branch(services, make):
    sponsor = make.sponsor("Acme Corp")
    branch = services.sponsors.add_branch(sponsor.id, name=" Leeds  Office ", city=" leeds ",
                                          headcount=250)
    assert branch.sponsor_id == sponsor.id
    assert branch.name == "Leeds Office"
    assert branch.city == "leeds"
    assert branch.headcount == 250
    assert [b.name for b in services.sponsors.branches(sponsor.id)] == ["Leeds Office"]


def test_branch_of_unknown_sponsor_is_not_found(services):
    with pytest.raises(NotFound, match="sponsor company"):
        services.sponsors.add_branch(42, name="Leeds")


def test_branch_names_are_unique_per_sponsor_ignoring_case(services, make):
    acme = make.sponsor("Acme Corp")
    globex = make.sponsor("Globex")
    make.branch(acme.id, "Leeds")
    with pytest.raises(ValidationError, match="already a branch called 'Leeds'"):
        services.sponsors.add_branch(acme.id, name="LEEDS")
    # another company may have a branch of the same name
    other = services.sponsors.add_branch(globex.id, name="Leeds")
    assert other.sponsor_id == globex.id
    assert [b.name for b in services.sponsors.branches(acme.id)] == ["Leeds"]


@pytest.mark.parametrize("headcount", [-1, 2.5, True, "12", "many"])
def test_branch_headcount_must_be_a_whole_number(services, make, headcount):
    sponsor = make.sponsor("Acme Corp")
    with pytest.raises(ValidationError) as err:
        services.sponsors.add_branch(sponsor.id, name="Leeds", headcount=headcount)
    assert err.value.field == "headcount"
    assert services.sponsors.branches(sponsor.id) == []


@pytest.mark.parametrize("headcount", [0, None, 12.0])
def test_branch_headcount_accepts_zero_none_and_whole_floats(services, make, headcount):
    sponsor = make.sponsor("Acme Corp")
    branch = services.sponsors.add_branch(sponsor.id, name="Leeds", headcount=headcount)
    stored = services.sponsors.branches(sponsor.id)[0]
    assert stored.id == branch.id
    assert stored.headcount == (None if headcount is None else int(headcount))
    assert stored.headcount is None or type(stored.headcount) is int


def test_branch_update_validates_and_locks(services, make):
    sponsor = make.sponsor("Acme Corp")
    leeds = make.branch(sponsor.id, "Leeds", headcount=10)
    york = make.branch(sponsor.id, "York")
    with pytest.raises(ValidationError) as err:
        services.sponsors.update_branch(leeds.id, headcount=-3)
    assert err.value.field == "headcount"
    with pytest.raises(ValidationError):
        services.sponsors.update_branch(york.id, name="leeds")
    updated = services.sponsors.update_branch(leeds.id, expected_version=1, headcount=40)
    assert (updated.headcount, updated.version) == (40, 2)
    with pytest.raises(ConflictError):
        services.sponsors.update_branch(leeds.id, expected_version=1, headcount=50)
    assert services.sponsors.branches(sponsor.id)[0].headcount == 40
