"""The shortcuts taken for speed give exactly what the long way gives.

- People.find files namesakes by (email, date of birth) and answers a row that has
  both with four lookups: checked against the plain scan of every namesake, also
  after records were changed and filed again.
- format_phone returns text already typed as single-spaced digit groups unchanged:
  checked against the general path (the same text with a space in front).
- convert_rows reads each distinct cell of a column once, keyed by type as well
  (1, 1.0 and True are equal dict keys but read differently).
- the header search finds known names by their words as before.
"""

from __future__ import annotations

from datetime import date

from hypothesis import given, settings
from hypothesis import strategies as st

from mentordesk.domain.values import format_phone
from mentordesk.importing.header import _Vocabulary
from mentordesk.importing.identity import People, full_key, ref_key
from mentordesk.importing.kinds import get_kind
from mentordesk.importing.plan import Rec
from mentordesk.importing.rows import convert_rows
from mentordesk.importing.table import SheetTable, SourceRow

NAMES = st.sampled_from([("Ana", "Ruiz"), ("ANA", "ruíz"), ("Bo", "Li"), ("Zoë", "Ng")])
EMAILS = st.sampled_from([None, "a@x.org", "b@x.org", "c@x.org"])
DOBS = st.sampled_from([None, date(1990, 1, 1), date(1991, 2, 2)])
PERSON = st.tuples(NAMES, EMAILS, DOBS)


def scan(people: People, ref, key, dob):
    """People.find the long way: every namesake looked at (the code before the index)."""
    wanted = ref_key(ref) if ref else None
    if wanted and wanted in people.by_ref:
        return people.by_ref[wanted], ""
    if not key:
        return None, ""
    if dob and (key, dob) in people.by_name_dob:
        return people.by_name_dob[(key, dob)], ""
    fits = [r for r in people.by_name.get(key, ())
            if not (wanted and r.values.get("email") and ref_key(r.values["email"]) != wanted)
            and not (dob and r.values.get("date_of_birth")
                     and r.values["date_of_birth"] != dob)]
    return (fits[0], "") if len(fits) == 1 else (None, "ambiguous" if fits else "")


def values(person) -> dict:
    (first, last), email, dob = person
    return {"first_name": first, "last_name": last, "email": email, "date_of_birth": dob}


@settings(max_examples=300, deadline=None)
@given(stored=st.lists(PERSON, max_size=6),
       steps=st.lists(st.tuples(st.integers(0, 9), PERSON), max_size=12),
       asks=st.lists(PERSON, min_size=1, max_size=8))
def test_find_by_index_equals_the_scan_of_every_namesake(stored, steps, asks):
    people = People("volunteer", {i + 1: values(p) for i, p in enumerate(stored)}, "email")
    recs = list(people.by_id.values())
    for pick, person in steps:  # new records, and changed ones filed again (as a planner does)
        if recs and pick < len(recs):
            recs[pick].values.update({k: v for k, v in values(person).items() if v})
            people.add(recs[pick])
        else:
            rec = Rec("volunteer", None, values(person))
            recs.append(rec)
            people.add(rec)
        for ask in asks:
            (first, last), email, dob = ask
            key = full_key(first, last)
            assert people.find(email, key, dob) == scan(people, email, key, dob)


GROUPED = st.lists(st.text("0123456789", min_size=1, max_size=5), min_size=1, max_size=5)


@given(groups=GROUPED, plus=st.booleans())
def test_grouped_phones_come_back_as_typed_like_the_general_path_gives(groups, plus):
    typed = ("+" if plus else "") + " ".join(groups)
    assert format_phone(typed) == format_phone(" " + typed)
    if len(groups) > 1:
        assert format_phone(typed) == typed


def test_equal_cells_of_different_types_are_read_apart():
    rows = [SourceRow(n + 2, (value,)) for n, value in enumerate([1, 1.0, True, "1", 1, True])]
    table = SheetTable("t.xlsx", "0" * 64, "xlsx", "S", ("S",), 1, ("Email",), tuple(rows))
    converted, _ = convert_rows(table, get_kind("volunteers"), {0: "drives_youth"})
    read = [c.values.get("drives_youth") for c in converted]
    problems = [(c.row, [p.value for p in c.problems]) for c in converted]
    assert read[2] is True and read[5] is True and read[3] is True
    # 1 and 1.0 are numbers, not yes/no: whatever the reader says, it says it for both alike.
    assert (read[0], problems[0][1]) == (read[1], problems[1][1]) == (read[4], problems[4][1])


def test_header_words_are_found_as_before():
    known = _Vocabulary(["First name", "E-mail address", "Date of birth"])
    assert known.hits(["first name", "Your e-mail address please", "Birth", 12, None]) == 2
    assert known.hits(["date of birth (dd/mm)", "name"]) == 1
