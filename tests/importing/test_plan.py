"""The plan: who is who, what is new, changed, unchanged or rejected -- over plain data."""

from datetime import date

from mentordesk.domain.enums import (
    CheckResult,
    CheckType,
    ClosureCategory,
    ContactMethod,
    ContactParty,
    EventKind,
    MatchKind,
    MatchStatus,
    SessionStatus,
    VolunteerStatus,
)
from mentordesk.importing.kinds import KINDS
from mentordesk.importing.mapping import build_mapping
from mentordesk.importing.plan import Known, Ref, make_plan
from mentordesk.importing.rows import Converted

TODAY = date(2026, 3, 1)


def vol(vid, first, last, email=None, dob=None, status=VolunteerStatus.ACCEPTED, **more):
    return vid, dict(id=vid, first_name=first, last_name=last, email=email, date_of_birth=dob,
                     status=status, version=3, prior_training_minutes=0, drives_youth=False,
                     notes="", **more)


def plan(kind, known, rows, allow_create=True):
    """rows: [(row number, {field: typed value})]; the mapping covers every field used."""
    fields = sorted({f for _, values in rows for f in values})
    mapping = build_mapping(KINDS[kind], fields, dict(enumerate(fields)))
    converted = [Converted(n, dict(values)) for n, values in rows]
    out, creates, updates, to_create = make_plan(known, mapping, converted, allow_create)
    return {r.row: r for r in out}, creates, updates, to_create


def known(**tables):
    k = Known(today=TODAY)
    for name, records in tables.items():
        setattr(k, name, dict(records) if isinstance(records, list) else records)
    return k


# --- volunteers ----------------------------------------------------------------

def test_people_in_the_file_and_in_the_database_are_never_added_twice():
    stored = known(volunteers=[vol(7, "María", "Núñez", "maria@x.org"),
                               vol(8, "Li", "Wei", None, date(1990, 1, 2))])
    rows, creates, updates, _ = plan("volunteers", stored, [
        (2, {"first_name": "MARIA", "last_name": "nunez", "email": "maria@x.org"}),  # email
        (3, {"first_name": "Li", "last_name": "Wei", "date_of_birth": date(1990, 1, 2),
             "phone": "555 0101"}),  # name + date of birth, adds a phone
        (4, {"first_name": "Zoë", "last_name": "Adams", "email": "zoe@x.org"}),  # new
        (5, {"first_name": "zoe", "last_name": " ADAMS", "email": "ZOE@x.org".lower()}),
        (6, {"first_name": "Zoe", "last_name": "Adams", "notes": "again"}),  # name only
    ])
    assert {n: r.status for n, r in rows.items()} == {
        2: "unchanged", 3: "changed", 4: "new", 5: "unchanged", 6: "changed"}
    assert rows[3].changes == {"phone": (None, "555 0101")}
    assert "Same volunteer as row 4." in rows[5].notes
    assert [c.entity for c in creates] == ["volunteer"]
    assert creates[0].rec.values["notes"] == "again"
    assert creates[0].rec.values["first_name"] == "Zoë"  # the first spelling is kept
    assert [(u.entity, u.id, u.version, u.before, u.after) for u in updates] == [
        ("volunteer", 8, 3, {"phone": None}, {"phone": "555 0101"})]


def test_rows_that_cannot_be_placed_are_rejected_with_the_reason():
    stored = known(volunteers=[vol(1, "Sam", "Lee", "sam@x.org"), vol(2, "Sam", "Lee", None),
                               vol(3, "Ana", "Ruiz", "ana@x.org")])
    rows, creates, updates, _ = plan("volunteers", stored, [
        (2, {"first_name": "Sam", "last_name": "Lee"}),  # two stored Sam Lees
        (3, {"id": 99, "notes": "x"}),
        (4, {"id": 3, "email": "sam@x.org"}),  # someone else's email
        (5, {"email": "new@x.org"}),  # nobody of that email, and no name
    ])
    assert all(r.status == "rejected" for r in rows.values())
    assert rows[2].problems[0].message.startswith("Several volunteers are called Sam Lee")
    assert (rows[3].problems[0].column, rows[3].problems[0].value) == ("id", "99")
    assert rows[3].problems[0].message == "There is no volunteer with MentorDesk ID 99."
    assert "sam@x.org already belongs to Sam Lee (ID 1)" in rows[4].problems[0].message
    assert rows[5].problems[0].message.startswith("Enter the volunteer's first and last name")
    assert creates == [] and updates == []


def test_the_same_number_grouped_otherwise_and_changes_taken_back_are_no_change():
    stored = known(volunteers=[vol(1, "Ana", "Ruiz", "ana@x.org", phone="(419) 555-9442",
                                   city="Leeds")])
    rows, _, updates, _ = plan("volunteers", stored, [
        (2, {"email": "ana@x.org", "phone": "419 555 9442", "city": "York"}),
        (3, {"email": "ana@x.org", "city": "Leeds"}),  # the file takes the move back
    ])
    assert [r.status for r in rows.values()] == ["unchanged", "unchanged"]
    assert updates == []
    rows, _, updates, _ = plan("volunteers", stored, [
        (2, {"email": "ana@x.org", "phone": "+1 419 555 9442"})])
    assert rows[2].status == "changed" and updates[0].after == {"phone": "+1 419 555 9442"}


def test_a_name_with_another_email_is_another_person():
    stored = known(volunteers=[vol(1, "Sam", "Lee", "sam@x.org")])
    rows, creates, _, _ = plan("volunteers", stored, [
        (2, {"first_name": "Sam", "last_name": "Lee", "email": "sam.lee@other.org"})])
    assert rows[2].status == "new" and len(creates) == 1


def test_sponsors_and_branches_are_reused_ignoring_case_or_created_once():
    stored = known(sponsors={5: {"id": 5, "name": "Ñandú Bank", "version": 1}},
                   branches={9: {"id": 9, "sponsor_id": 5, "name": "Leeds", "version": 1}})
    rows, creates, _, to_create = plan("volunteers", stored, [
        (2, {"full_name": "Ana Ruiz", "sponsor": "ÑANDÚ BANK", "branch": "leeds"}),
        (3, {"full_name": "Bo Li", "sponsor": "Acme", "branch": "York"}),
        (4, {"full_name": "Cy Dee", "sponsor": "ACME", "branch": "york"}),
    ])
    assert to_create == {"sponsors": ["Acme"], "branches": ["Acme / York"]}
    jobs = [c.rec.values for c in creates if c.entity == "employment"]
    assert [(j["sponsor_id"], j["branch_id"]) for j in jobs][0] == (5, 9)
    acme = next(c.rec.ref for c in creates if c.entity == "sponsor")
    assert jobs[1]["sponsor_id"] == jobs[2]["sponsor_id"] == acme
    rows, creates, _, _ = plan("volunteers", stored, [
        (2, {"full_name": "Bo Li", "sponsor": "Acme"})], allow_create=False)
    assert rows[2].status == "rejected" and creates == []
    assert rows[2].problems[0].column == "sponsor"


def test_a_new_employer_needs_the_date_of_the_move():
    stored = known(volunteers=[vol(1, "Ana", "Ruiz", "ana@x.org")],
                   sponsors={5: {"id": 5, "name": "Acme", "version": 1},
                             6: {"id": 6, "name": "Beta", "version": 1}},
                   employments={1: [{"id": 40, "volunteer_id": 1, "sponsor_id": 5,
                                     "branch_id": None, "start_date": date(2020, 1, 1),
                                     "end_date": None, "version": 1}]})
    rows, creates, updates, _ = plan("volunteers", stored, [
        (2, {"email": "ana@x.org", "sponsor": "Beta"})])
    assert rows[2].status == "unchanged" and "Employed since" in rows[2].notes[0]
    rows, creates, updates, _ = plan("volunteers", stored, [
        (2, {"email": "ana@x.org", "sponsor": "Beta", "employed_since": date(2025, 7, 1)})])
    assert rows[2].status == "changed"
    assert [(u.entity, u.id, u.after) for u in updates] == [
        ("employment", 40, {"end_date": date(2025, 6, 30)})]
    assert creates[0].rec.values["sponsor_id"] == 6
    assert creates[0].rec.values["start_date"] == date(2025, 7, 1)


def test_screening_checks_are_recorded_once_and_gaps_are_notes():
    stored = known(volunteers=[vol(1, "Ana", "Ruiz", "ana@x.org")], checks={1: [
        {"id": 3, "volunteer_id": 1, "type": CheckType.CRIMINAL_RECORD,
         "result": CheckResult.CLEAR, "completed_on": date(2024, 3, 1), "expires_on": None,
         "version": 1}]})
    same = {"check_criminal_record_status": CheckResult.CLEAR,
            "check_criminal_record_date": date(2024, 3, 1)}
    rows, creates, _, _ = plan("volunteers", stored, [
        (2, {"email": "ana@x.org", **same}),
        (3, {"full_name": "Bo Li", "check_interview_status": CheckResult.CLEAR}),
        (4, {"full_name": "Cy Dee", "check_references_status": CheckResult.FLAGGED,
             "check_references_date": date(2024, 5, 1),
             "check_references_expires": date(2024, 4, 1)}),
    ])
    assert rows[2].status == "unchanged"
    assert rows[3].status == "new" and "needs the date it was completed" in rows[3].notes[0]
    assert rows[4].status == "rejected"
    assert rows[4].problems[0].column == "check_references_expires"
    assert [c.entity for c in creates] == ["volunteer"]


# --- youth ---------------------------------------------------------------------

def test_youth_by_programme_id_and_birth_dates_in_the_future():
    stored = known(youth={4: {"id": 4, "programme_ref": "A-1", "first_name": "Leo",
                              "last_name": "Diaz", "date_of_birth": date(2013, 1, 1),
                              "version": 1}})
    rows, creates, _, to_create = plan("youth", stored, [
        (2, {"programme_ref": "a-1", "school": "Cervantes"}),
        (3, {"first_name": "Mia", "last_name": "Sol", "date_of_birth": date(2027, 1, 1)}),
        (4, {"first_name": "Leo", "last_name": "Díaz", "date_of_birth": date(2013, 1, 1),
             "programme_ref": "B-2"}),  # same person, but A-1 is already theirs
        (5, {"first_name": "Ava", "last_name": "Roe", "programme": "Eastside"}),
    ])
    assert rows[2].status == "changed" and rows[2].changes == {"school": (None, "Cervantes")}
    assert rows[3].status == "rejected"
    assert rows[3].problems[0].message == "The date of birth cannot be in the future."
    assert rows[4].status == "changed" and rows[4].changes["programme_ref"] == ("A-1", "B-2")
    assert rows[5].status == "new" and to_create == {"programmes": ["Eastside"]}


# --- matches, sessions, contacts, attendance -----------------------------------

def people():
    return dict(
        volunteers=[vol(1, "Ana", "Silva", "ana@x.org"), vol(2, "Bob", "Okafor", "bob@x.org")],
        youth={10: {"id": 10, "programme_ref": "Y-10", "first_name": "Leo", "last_name": "Diaz",
                    "date_of_birth": date(2013, 1, 1), "status": "waiting", "version": 1},
               11: {"id": 11, "programme_ref": "Y-11", "first_name": "Mia", "last_name": "Sol",
                    "date_of_birth": None, "status": "waiting", "version": 1}},
        programmes={3: {"id": 3, "name": "Riverside", "version": 1}},
    )


def match(mid, vid, yid, start, end=None, status=MatchStatus.ACTIVE):
    return mid, dict(id=mid, volunteer_id=vid, youth_id=yid, programme_id=3, start_date=start,
                     end_date=end, status=status, kind=MatchKind.ONE_TO_ONE, version=1)


def test_imported_matches_record_history_with_screening_notes():
    reasons = {1: {"id": 1, "label": "Accomplished goals / completed the commitment",
                   "default_category": ClosureCategory.COMPLETED},
               2: {"id": 2, "label": "Other", "default_category": None}}
    stored = known(**people(), closure_reasons=reasons,
                   matches=[match(50, 2, 11, date(2025, 1, 1))])
    rows, creates, updates, _ = plan("matches", stored, [
        (2, {"volunteer_email": "ana@x.org", "youth_ref": "Y-10", "start_date": date(2024, 1, 8),
             "end_date": date(2025, 1, 8), "closure_reason": "accomplished goals"}),
        (3, {"volunteer_name": "Ana Silva", "youth_name": "Mia Sol",
             "start_date": date(2025, 2, 1)}),  # Mia already has a running match
        (4, {"volunteer_email": "bob@x.org", "youth_ref": "Y-10",
             "start_date": date(2025, 3, 1), "end_date": date(2025, 6, 1),
             "closure_reason": "Moved away"}),  # no category: Other has none
        (5, {"volunteer_email": "nobody@x.org", "youth_ref": "Y-10"}),
        (6, {"volunteer_email": "bob@x.org", "youth_ref": "Y-11", "plan": "Reading"}),
    ])
    assert rows[2].status == "new"
    values = creates[0].rec.values
    assert (values["status"], values["closure_reason_id"], values["closure_category"],
            values["programme_id"]) == (MatchStatus.CLOSED, 1, ClosureCategory.COMPLETED, 3)
    assert any(n.startswith("Screening on 2024-01-08: ") for n in rows[2].notes)
    assert rows[3].status == "rejected" and "already has a running" in rows[3].problems[0].message
    assert rows[4].status == "rejected"
    assert rows[4].problems[0].column is None  # the file has no such column
    assert rows[4].problems[0].message.startswith("Say who initiated the closure")
    assert "'Other'" in rows[4].notes[0]
    assert rows[5].problems[0].message == "No volunteer in MentorDesk has the email nobody@x.org."
    assert rows[6].status == "changed" and updates[0].after == {"plan": "Reading"}


def test_a_running_match_makes_its_people_matched():
    stored = known(**people())
    rows, creates, updates, _ = plan("matches", stored, [
        (2, {"volunteer_email": "ana@x.org", "youth_ref": "Y-10", "start_date": date(2025, 1, 8)})])
    assert rows[2].status == "new"
    assert {(u.entity, u.id): u.after["status"] for u in updates} == {
        ("volunteer", 1): VolunteerStatus.MATCHED, ("youth", 10): "matched"}


def test_sessions_find_their_match_on_their_date():
    stored = known(**people(), matches=[
        match(50, 1, 10, date(2024, 1, 1), date(2024, 12, 31), MatchStatus.CLOSED),
        match(51, 1, 11, date(2025, 1, 1)), match(52, 2, 11, date(2025, 6, 1), status=MatchStatus.CLOSING)],
        sessions={900: {"id": 900, "match_id": 51, "volunteer_id": 1, "programme_id": 3,
                        "session_date": date(2025, 2, 3), "duration_minutes": 60,
                        "medium": "in_person", "status": SessionStatus.ATTENDED, "notes": "",
                        "version": 1}})
    rows, creates, updates, _ = plan("sessions", stored, [
        (2, {"volunteer_email": "ana@x.org", "date": date(2024, 5, 1), "hours": 90}),  # match 50
        (3, {"volunteer_email": "ana@x.org", "date": date(2025, 2, 3), "hours": 60}),  # stored
        (4, {"volunteer_email": "ana@x.org", "date": date(2025, 2, 3), "hours": 60}),  # a 2nd one
        (5, {"volunteer_email": "bob@x.org", "date": date(2025, 5, 1), "hours": 60}),  # too early
        (6, {"volunteer_name": "Nobody Here", "date": date(2025, 5, 1), "hours": 60}),
        (7, {"volunteer_email": "ana@x.org", "date": date(2025, 3, 1), "hours": 1500}),
        (8, {"volunteer_email": "ana@x.org", "youth_ref": "Y-10", "date": date(2025, 3, 1),
             "hours": 30}),  # Leo's match with Ana ended in 2024
    ])
    assert {n: r.status for n, r in rows.items()} == {
        2: "new", 3: "unchanged", 4: "new", 5: "rejected", 6: "rejected", 7: "rejected",
        8: "rejected"}
    assert [c.rec.values["match_id"] for c in creates] == [50, 51]
    assert rows[5].problems[0].message == (
        "The session date 2025-05-01 is before the match started (2025-06-01).")
    assert rows[5].problems[0].column == "date"
    assert rows[6].problems[0].message == "No volunteer in MentorDesk has the name Nobody Here."
    assert rows[7].problems[0].message == "A duration must be under 24 hours."
    assert rows[8].problems[0].message.startswith("The session date 2025-03-01 is after the match")
    assert updates == []


def test_support_contacts_lie_within_their_match():
    stored = known(**people(), matches=[match(51, 1, 11, date(2025, 1, 1), date(2025, 6, 30),
                                              MatchStatus.CLOSED)])
    base = {"volunteer_email": "ana@x.org", "party": ContactParty.GUARDIAN,
            "method": ContactMethod.PHONE}
    rows, creates, _, _ = plan("contacts", stored, [
        (2, {**base, "date": date(2025, 2, 1), "minutes": 20, "made": False}),
        (3, {**base, "date": date(2025, 8, 1)}),
        (4, {**base, "date": date(2025, 2, 2), "follow_up_due": date(2025, 1, 1)}),
        (5, {"volunteer_email": "ana@x.org", "date": date(2025, 2, 1)}),
    ])
    assert [r.status for r in rows.values()] == ["new", "rejected", "rejected", "rejected"]
    assert creates[0].rec.values["made"] is False
    assert creates[0].rec.values["duration_minutes"] == 20
    assert rows[5].problems[0].message.startswith("Enter the person contacted")


def test_attendance_creates_the_event_when_it_can():
    stored = known(**people(), events={7: {"id": 7, "title": "Orientation",
                                          "event_date": date(2025, 1, 10), "version": 1}})
    rows, creates, _, to_create = plan("attendance", stored, [
        (2, {"volunteer_email": "ana@x.org", "event": "ORIENTATION",
             "event_date": date(2025, 1, 10)}),
        (3, {"volunteer_email": "bob@x.org", "event": "Circle", "event_date": date(2025, 2, 1),
             "event_kind": EventKind.LEARNING_CIRCLE, "hours": 90}),
        (4, {"volunteer_email": "ana@x.org", "event": "Circle", "event_date": date(2025, 2, 1)}),
        (5, {"volunteer_email": "ana@x.org", "event": "Gala", "event_date": date(2025, 3, 1)}),
    ])
    assert [r.status for r in rows.values()] == ["new", "new", "new", "rejected"]
    assert to_create == {"events": ["Circle (2025-02-01)"]}
    event = next(c.rec for c in creates if c.entity == "event")
    attendance = [c.rec.values for c in creates if c.entity == "attendance"]
    assert [a["event_id"] for a in attendance] == [7, event.ref, event.ref]
    assert isinstance(event.ref, Ref) and event.values["duration_minutes"] == 90
