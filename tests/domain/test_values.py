import unicodedata

import pytest
from hypothesis import given
from hypothesis import strategies as st

from mentordesk.domain.errors import ValidationError
from mentordesk.domain.values import (
    name_key,
    normalise_email,
    normalise_name,
    normalise_phone,
    normalise_tags,
    split_tags,
)


def test_names_are_trimmed_and_composed_never_mangled():
    decomposed = "Jose\u0301  Nu\u0301n\u0303ez "
    assert normalise_name(decomposed) == "José Núñez"
    assert normalise_name("  Γιώργος   Παπαδόπουλος") == "Γιώργος Παπαδόπουλος"
    assert normalise_name("Анна") == "Анна"
    assert normalise_name("O'Brien-Łukasiewicz") == "O'Brien-Łukasiewicz"


def test_name_key_ignores_case_accents_and_spacing():
    assert name_key("José  Núñez") == name_key("jose nunez")
    assert name_key("ZOË") == name_key("zoe")
    assert name_key("Ana") != name_key("Anna")


@given(st.text())
def test_normalise_name_is_idempotent_and_nfc(text):
    once = normalise_name(text)
    assert normalise_name(once) == once
    assert unicodedata.is_normalized("NFC", once)


def test_emails():
    assert normalise_email("  Ana.Perez@Example.ORG ") == "ana.perez@example.org"
    assert normalise_email("mailto:a@b.co") == "a@b.co"
    assert normalise_email("  ") is None
    for bad in ("ana@@mail.com", "ana.mail.com", "ana@mail", "a b@c.de"):
        with pytest.raises(ValidationError):
            normalise_email(bad)


def test_tags():
    assert normalise_tags("soccer; Reading,,  coding, SOCCER") == "soccer, Reading, coding"
    assert normalise_tags(["Spanish", " english "]) == "Spanish, english"
    assert split_tags("a, b;c") == ["a", "b", "c"]
    assert split_tags("") == []


def test_phones():
    assert normalise_phone(" +1 (555) 010-2000 ") == "+1 (555) 010-2000"
    assert normalise_phone("") is None
    with pytest.raises(ValidationError):
        normalise_phone("n/a")
