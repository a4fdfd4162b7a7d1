"""Column mappings: checked, saved as templates keyed by the headers, reused."""

import pytest

from mentordesk.domain.errors import ValidationError
from mentordesk.importing.kinds import KINDS
from mentordesk.importing.mapping import (
    automatic_mapping,
    build_mapping,
    from_template,
    header_signature,
    with_column,
)

VOLUNTEERS = KINDS["volunteers"]


def test_the_signature_ignores_order_case_and_punctuation_but_not_words():
    first = header_signature(["First name", "Email*", "Date (MM/DD/YYYY)"])
    assert header_signature(["date", "EMAIL", "first_name"]) == first
    assert header_signature(["firstName", "email", "Date"]) == first
    assert header_signature(["First name", "Email", "Start date"]) != first


def test_a_mapping_says_what_is_left_out_and_what_is_missing():
    mapping = automatic_mapping(VOLUNTEERS, ["Shoe size", "First name", "Email"])
    assert mapping.columns == {1: "first_name", 2: "email"}
    assert mapping.unmapped == (0,)
    assert mapping.missing == () and mapping.complete  # the email identifies a person
    assert mapping.header_of() == {"first_name": "First name", "email": "Email"}
    bare = build_mapping(VOLUNTEERS, ["First name"], {0: "first_name"})
    assert bare.missing == ("first name and last name, or full name, or mentordesk id, or email",)


def test_a_field_on_two_columns_or_a_foreign_field_is_refused():
    with pytest.raises(ValidationError, match="'A' and 'B' are both mapped to 'Email'"):
        build_mapping(VOLUNTEERS, ["A", "B"], {0: "email", 1: "email"})
    with pytest.raises(ValidationError, match="not a field of a volunteers import"):
        build_mapping(VOLUNTEERS, ["A"], {0: "session_date"})
    with pytest.raises(ValidationError, match="no column number 3"):
        build_mapping(VOLUNTEERS, ["A"], {2: "email"})


def test_a_template_applies_to_the_same_headers_in_another_order():
    saved = build_mapping(VOLUNTEERS, ["Nom", "Courriel", "Remarque"],
                          {0: "full_name", 1: "email", 2: "notes"})
    assert saved.keyed() == {"nom": "full_name", "courriel": "email", "remarque": "notes"}
    again = from_template(VOLUNTEERS, ["REMARQUE", "Nom*", "Courriel"], "French",
                          {**saved.keyed(), "gone": "no_such_field"})
    assert again.columns == {0: "notes", 1: "full_name", 2: "email"}
    assert again.template == "French" and again.signature == saved.signature


def test_changing_one_column_moves_the_field():
    mapping = automatic_mapping(VOLUNTEERS, ["Email", "Contact", "Name"])
    assert mapping.columns == {0: "email", 2: "full_name"}
    moved = with_column(mapping, VOLUNTEERS, 1, "email")
    assert moved.columns == {1: "email", 2: "full_name"} and moved.unmapped == (0,)
    cleared = with_column(moved, VOLUNTEERS, 2, None)
    assert cleared.columns == {1: "email"}
