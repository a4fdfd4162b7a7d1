"""Header names as coordinators type them, matched to fields tolerantly but deterministically."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from mentordesk.importing.headers import header_key, match_headers


@pytest.mark.parametrize("text, key", [
    ("Email*", "email"),
    ("firstName", "first name"),
    ("Correo electrónico", "correo electronico"),
    ("Date (MM/DD/YYYY)", "date"),
    ("Is Mentor (Y/N)", "is mentor"),
    ("Fecha (dd/mm/aaaa)", "fecha"),
    ("Apellido(s)", "apellido"),
    ("Correo (electrónico)", "correo electronico"),
    ("Consentimiento (sí/no)", "consentimiento"),
    ("Phone (required)", "phone"),
    ("Duration (minutes)", "duration minutes"),
    ("background_check_status", "background check status"),
    ("addressLine1", "address line 1"),
    ("zipCode", "zip code"),
    ("programmeID", "programme id"),
    ("Phone #", "phone number"),
    ("  FECHA   DE NACIMIENTO ", "fecha de nacimiento"),
    ("Straße", "strasse"),
    ("Имя", header_key("имя")),
    ("volunteer-email", "volunteer email"),
    ("E-mail", "e mail"),
    ("", ""),
])
def test_header_keys(text, key):
    assert header_key(text) == key


FIELDS = {
    "email": ["email", "e-mail", "correo", "correo electrónico", "email address"],
    "first_name": ["first name", "given name", "nombre"],
    "last_name": ["last name", "surname", "apellido", "apellidos"],
    "full_name": ["full name", "name", "nombre completo"],
    "phone": ["phone", "phone number", "teléfono"],
    "date": ["date", "fecha"],
    "hours": ["hours", "horas", "volunteer hours"],
}


def test_exact_keys_win_over_tolerant_matches():
    headers = ["Volunteer email", "Email*", "First Name", "Surname"]
    assert match_headers(headers, FIELDS) == {1: "email", 2: "first_name", 3: "last_name"}


def test_spanish_headers_match_their_synonyms():
    headers = ["Nombre", "Apellido(s)", "Correo (electrónico)", "Teléfono", "Fecha", "Horas"]
    assert match_headers(headers, FIELDS) == {0: "first_name", 1: "last_name", 2: "email",
                                              3: "phone", 4: "date", 5: "hours"}


def test_words_in_another_order_and_longer_headers_match():
    assert match_headers(["Name First", "Mobile phone number"], FIELDS) == {
        0: "first_name", 1: "phone"}
    assert match_headers(["Total volunteer hours"], FIELDS) == {0: "hours"}


def test_one_letter_typos_in_long_words_match_but_not_in_short_ones():
    assert match_headers(["Nmae", "Daet", "Hour"], FIELDS) == {}  # four letters: no guessing
    assert match_headers(["Emial", "Surnme", "Telefno", "Horass"], FIELDS) == {
        0: "email", 1: "last_name", 2: "phone", 3: "hours"}
    assert match_headers(["Emaill adress"], FIELDS) == {0: "email"}


def test_each_field_and_each_column_is_used_once():
    found = match_headers(["Email", "email", "E-mail", "Name"], FIELDS)
    assert found == {0: "email", 3: "full_name"}
    assert len(set(found.values())) == len(found)


def test_the_field_name_itself_counts_as_a_synonym():
    assert match_headers(["first_name", "Full_Name"], {"first_name": [], "full_name": []}) == {
        0: "first_name", 1: "full_name"}


def test_unrelated_headers_match_nothing():
    assert match_headers(["Shoe size", "Favourite colour", ""], FIELDS) == {}


@settings(max_examples=60, deadline=None)
@given(st.permutations(["Email*", "First Name", "Apellido(s)", "Phone Number", "Fecha",
                        "Horas", "Notes", "Volunteer email"]))
def test_the_result_does_not_depend_on_column_order(headers):
    found = match_headers(headers, FIELDS)
    by_header = {headers[i]: field for i, field in found.items()}
    assert by_header == {"Email*": "email", "First Name": "first_name",
                         "Apellido(s)": "last_name", "Phone Number": "phone",
                         "Fecha": "date", "Horas": "hours"}
