"""The kinds: real column names map to the right fields, in English and Spanish."""

import pytest

from mentordesk.domain.enums import (
    CheckResult,
    ContactMethod,
    ContactParty,
    MatchKind,
    SessionMedium,
    SessionStatus,
    VolunteerStatus,
)
from mentordesk.domain.errors import ValidationError
from mentordesk.importing.choices import parse_choice
from mentordesk.importing.kinds import KINDS, get_kind
from mentordesk.importing.mapping import automatic_mapping
from mentordesk.importing.parse import CellError
from mentordesk.importing.rows import READERS


def mapped(kind: str, headers: str) -> dict[str, str]:
    names = [h.strip() for h in headers.split(",")]
    mapping = automatic_mapping(KINDS[kind], names)
    return {names[i]: field for i, field in mapping.columns.items()}


# FIELD.md: the column names coordinators' spreadsheets really have.
@pytest.mark.parametrize("kind, headers, expected", [
    ("volunteers", "first_name,last_name,email,volunteer_role,background_check_status,"
     "background_check_date,start_date,notes",
     {"first_name": "first_name", "last_name": "last_name", "email": "email",
      "background_check_status": "check_criminal_record_status",
      "background_check_date": "check_criminal_record_date", "start_date": "applied_on",
      "notes": "notes"}),
    ("volunteers", "firstName, lastName, email, birthdate, gender, languageSkills, phone, "
     "addressLine1, city, state, zipCode",
     {"firstName": "first_name", "lastName": "last_name", "email": "email",
      "birthdate": "date_of_birth", "gender": "gender", "languageSkills": "languages",
      "phone": "phone", "city": "city", "zipCode": "postcode"}),
    ("volunteers", "Email*, Full Name*, Is Mentor (Y/N), Cohort, Preferred Language, "
     "Phone Number, Location, Skills",
     {"Email*": "email", "Full Name*": "full_name", "Preferred Language": "languages",
      "Phone Number": "phone", "Location": "city", "Skills": "interests"}),
    ("volunteers", "Nombre, Apellido(s), Correo (electrónico), Teléfono, Fecha de nacimiento, "
     "Empresa, Sucursal",
     {"Nombre": "first_name", "Apellido(s)": "last_name", "Correo (electrónico)": "email",
      "Teléfono": "phone", "Fecha de nacimiento": "date_of_birth", "Empresa": "sponsor",
      "Sucursal": "branch"}),
    ("sessions", "volunteer_email,date,hours,program",
     {"volunteer_email": "volunteer_email", "date": "date", "hours": "hours",
      "program": "programme"}),
    ("sessions", "Mentor, Mentoring Connection, Date (MM/DD/YYYY), Duration, Type, Comment, Title",
     {"Mentor": "volunteer_name", "Date (MM/DD/YYYY)": "date", "Duration": "duration",
      "Type": "medium", "Comment": "notes"}),
    ("sessions", "Correo electrónico, Fecha, Horas, Programa",
     {"Correo electrónico": "volunteer_email", "Fecha": "date", "Horas": "hours",
      "Programa": "programme"}),
    ("contacts", "Duration Minutes, Contact Types, Contact Made, Contact Medium, Occurred At, "
     "Miles Driven, Notes",
     {"Duration Minutes": "minutes", "Contact Types": "party", "Contact Made": "made",
      "Contact Medium": "method", "Occurred At": "date", "Notes": "notes"}),
    ("youth", "ID del programa, Nombre, Apellido(s), Fecha de nacimiento, Escuela, "
     "Nombre del tutor, Teléfono del tutor, Consentimiento (sí/no)",
     {"ID del programa": "programme_ref", "Nombre": "first_name", "Apellido(s)": "last_name",
      "Fecha de nacimiento": "date_of_birth", "Escuela": "school",
      "Nombre del tutor": "guardian_name", "Teléfono del tutor": "guardian_phone",
      "Consentimiento (sí/no)": "consent"}),
    ("volunteers", "MentorDesk ID, First name, Last name, Email",
     {"MentorDesk ID": "id", "First name": "first_name", "Last name": "last_name",
      "Email": "email"}),
])
def test_real_column_names_find_their_fields(kind, headers, expected):
    assert mapped(kind, headers) == expected


def test_what_a_kind_needs_is_said_in_words():
    sessions = KINDS["sessions"]
    assert sessions.missing(["volunteer_email", "date", "hours"]) == []
    assert sessions.missing(["volunteer_email", "hours"]) == ["mentordesk id, or date"]
    volunteers = KINDS["volunteers"]
    assert volunteers.missing(["first_name"]) == [
        "first name and last name, or full name, or mentordesk id, or email"]
    corporate = automatic_mapping(KINDS["attendance"], [
        "organization", "event", "event type", "date", "employees", "volunteer hours", "office"])
    assert corporate.missing[0].startswith("volunteer email, or volunteer")


def test_every_field_has_a_reader_and_unique_names():
    for kind in KINDS.values():
        names = [f.name for f in kind.fields]
        assert len(names) == len(set(names)), kind.name
        for field in kind.fields:
            assert field.parse in READERS or field.parse in ("date", "choice"), field
            assert (field.parse == "choice") == (field.choice is not None), field


def test_unknown_kind_is_one_sentence():
    with pytest.raises(ValidationError, match="not something MentorDesk imports"):
        get_kind("pets")


@pytest.mark.parametrize("enum_cls, typed, expected", [
    (SessionMedium, "Presencial", SessionMedium.IN_PERSON),
    (SessionMedium, "in-person", SessionMedium.IN_PERSON),
    (SessionMedium, "Zoom", SessionMedium.VIDEO),
    (SessionStatus, "No-show", SessionStatus.NO_SHOW),
    (SessionStatus, "asistió", SessionStatus.ATTENDED),
    (ContactMethod, "Text/email", ContactMethod.TEXT_EMAIL),
    (ContactMethod, "Voice", ContactMethod.PHONE),
    (ContactParty, "Parent", ContactParty.GUARDIAN),
    (CheckResult, "Cleared", CheckResult.CLEAR),
    (CheckResult, "En proceso", CheckResult.PENDING),
    (MatchKind, "1:1", MatchKind.ONE_TO_ONE),
    (VolunteerStatus, "ACCEPTED", VolunteerStatus.ACCEPTED),
])
def test_choices_as_people_type_them(enum_cls, typed, expected):
    assert parse_choice(enum_cls, typed) is expected


def test_an_unknown_choice_lists_the_choices():
    assert parse_choice(SessionStatus, None) is None
    with pytest.raises(CellError, match="'maybe' is not one of the choices: attended, cancelled"):
        parse_choice(SessionStatus, "maybe")
