"""Matches: proposal, activation rules, lifecycle, closure, contact cadence, lists."""

from __future__ import annotations

from datetime import date

import pytest

from mentordesk.domain.cadence import ContactDue
from mentordesk.domain.enums import (
    ClosureCategory,
    ContactMethod,
    ContactParty,
    MatchKind,
    MatchStatus,
    VolunteerStatus,
    YouthStatus,
)
from mentordesk.domain.errors import ConflictError, NotFound, RuleViolation, ValidationError
from mentordesk.services.sessions import SessionEntry

from .helpers import TODAY


def _close(services, make, match_id, end=date(2026, 9, 1), rematch=False, **kwargs):
    return services.matches.close(
        match_id, end_date=end, reason_id=kwargs.pop("reason_id", make.reason_id()),
        category=kwargs.pop("category", ClosureCategory.COMPLETED), rematch_eligible=rematch,
        **kwargs,
    )


# --- propose and activate ------------------------------------------------------------------

def test_propose(services, make):
    volunteer, youth, programme = make.volunteer(), make.youth(), make.programme()
    match = services.matches.propose(
        volunteer.id, youth.id, programme.id, proposed_on=date(2026, 2, 20), plan="Reading"
    )
    stored = services.matches.get(match.id)
    assert stored.status is MatchStatus.PROPOSED
    assert stored.kind is MatchKind.ONE_TO_ONE
    assert (stored.proposed_on, stored.start_date, stored.end_date) == (date(2026, 2, 20), None, None)
    assert stored.plan == "Reading"
    # proposing does not change anyone's status
    assert services.volunteers.get(volunteer.id).status is VolunteerStatus.ACCEPTED
    assert services.youth.get(youth.id).status is YouthStatus.WAITING


@pytest.mark.parametrize("missing", ["volunteer", "young person", "programme"])
def test_propose_with_unknown_people_is_not_found(services, make, missing):
    ids = {"volunteer": make.volunteer().id, "young person": make.youth().id,
           "programme": make.programme().id}
    ids[missing] = 9999
    with pytest.raises(NotFound, match=missing):
        services.matches.propose(ids["volunteer"], ids["young person"], ids["programme"],
                                 proposed_on=TODAY)
    assert services.matches.list_rows() == []


def test_activation_refuses_an_ineligible_volunteer_with_reasons(services, make):
    volunteer = make.volunteer(eligible=False, status="accepted", prior_training_minutes=60)
    match = make.proposed_match(volunteer=volunteer)
    with pytest.raises(RuleViolation, match="cannot be matched yet") as err:
        services.matches.activate(match.id, TODAY)
    assert err.value.reasons == [
        "Application check has not been recorded.",
        "Interview check has not been recorded.",
        "References check has not been recorded.",
        "Criminal record check has not been recorded.",
        "Child abuse registry check has not been recorded.",
        "Pre-match training: 1 hour of 2 hours done.",
    ]
    stored = services.matches.get(match.id)
    assert (stored.status, stored.start_date, stored.version) == (MatchStatus.PROPOSED, None, 1)
    assert services.volunteers.get(volunteer.id).status is VolunteerStatus.ACCEPTED


def test_activation_judges_eligibility_on_the_start_date(services, make):
    volunteer = make.volunteer(eligible=False, status="accepted", prior_training_minutes=120)
    make.clear_checks(volunteer.id, completed_on=date(2024, 1, 1), expires_on=date(2026, 2, 15))
    match = make.proposed_match(volunteer=volunteer)
    with pytest.raises(RuleViolation) as err:
        services.matches.activate(match.id, TODAY)
    assert len(err.value.reasons) == 5
    assert err.value.reasons[0] == "Application check expired on 2026-02-15."
    started = services.matches.activate(match.id, date(2026, 2, 15))
    assert started.start_date == date(2026, 2, 15)


def test_activation_of_an_eligible_volunteer(services, make):
    volunteer, youth = make.volunteer(), make.youth()
    match = make.proposed_match(volunteer=volunteer, youth=youth)
    started = services.matches.activate(match.id, TODAY, expected_version=1)
    assert (started.status, started.start_date) == (MatchStatus.ACTIVE, TODAY)
    assert started.version > 1
    assert services.matches.get(match.id).version == started.version
    assert services.volunteers.get(volunteer.id).status is VolunteerStatus.MATCHED
    assert services.youth.get(youth.id).status is YouthStatus.MATCHED
    assert services.matches.get(match.id).status is MatchStatus.ACTIVE


def test_activation_with_stale_version_is_a_conflict(services, make):
    match = make.proposed_match()
    services.matches.update_plan(match.id, "Reading, maths", expected_version=1)
    with pytest.raises(ConflictError):
        services.matches.activate(match.id, TODAY, expected_version=1)
    assert services.matches.get(match.id).status is MatchStatus.PROPOSED


def test_second_running_one_to_one_match_for_a_youth_is_refused(services, make):
    youth = make.youth()
    first = make.active_match(youth=youth)
    second = make.proposed_match(youth=youth)  # proposing is allowed
    with pytest.raises(RuleViolation, match=rf"already has a running one-to-one match \(#{first.id}\)"):
        services.matches.activate(second.id, TODAY)
    assert services.matches.get(second.id).status is MatchStatus.PROPOSED
    # also while the first is on hold
    services.matches.set_status(first.id, MatchStatus.ON_HOLD)
    with pytest.raises(RuleViolation):
        services.matches.activate(second.id, TODAY)
    # a group match for the same youth is fine
    group = make.proposed_match(youth=youth, kind=MatchKind.GROUP)
    assert services.matches.activate(group.id, TODAY).status is MatchStatus.ACTIVE
    # once the first is closed, the second may start
    _close(services, make, first.id, end=date(2026, 4, 1))
    assert services.matches.activate(second.id, date(2026, 4, 2)).status is MatchStatus.ACTIVE


# --- lifecycle ----------------------------------------------------------------------------------

def test_running_match_transitions(services, make):
    match = make.active_match()
    sm = services.matches
    held = sm.set_status(match.id, MatchStatus.ON_HOLD, expected_version=match.version)
    assert (held.status, held.version) == (MatchStatus.ON_HOLD, match.version + 1)
    assert sm.set_status(match.id, "active").status is MatchStatus.ACTIVE
    assert sm.set_status(match.id, MatchStatus.CLOSING).status is MatchStatus.CLOSING
    assert sm.set_status(match.id, MatchStatus.ACTIVE).status is MatchStatus.ACTIVE
    assert sm.set_status(match.id, MatchStatus.CLOSING).status is MatchStatus.CLOSING
    with pytest.raises(RuleViolation, match="closing match cannot become on hold"):
        sm.set_status(match.id, MatchStatus.ON_HOLD)
    stored = sm.get(match.id)
    assert (stored.status, stored.version) == (MatchStatus.CLOSING, match.version + 5)
    with pytest.raises(ConflictError):
        sm.set_status(match.id, MatchStatus.ACTIVE, expected_version=match.version)


def test_proposed_match_transitions(services, make):
    match = make.proposed_match()
    with pytest.raises(RuleViolation, match="giving its start date"):
        services.matches.set_status(match.id, MatchStatus.ACTIVE)
    with pytest.raises(RuleViolation, match="proposed match cannot become on hold"):
        services.matches.set_status(match.id, MatchStatus.ON_HOLD)
    with pytest.raises(RuleViolation, match="closure form"):
        services.matches.set_status(match.id, MatchStatus.CLOSED)
    assert services.matches.get(match.id).status is MatchStatus.PROPOSED


def test_declined_match_is_final(services, make):
    match = make.proposed_match()
    declined = services.matches.decline(match.id, note="Youth chose another programme")
    assert (declined.status, declined.closure_note) == (
        MatchStatus.DECLINED, "Youth chose another programme",
    )
    with pytest.raises(RuleViolation, match="declined match cannot become active"):
        services.matches.activate(match.id, TODAY)
    with pytest.raises(RuleViolation):
        services.matches.set_status(match.id, MatchStatus.ON_HOLD)


def test_running_match_cannot_be_declined(services, make):
    match = make.active_match()
    with pytest.raises(RuleViolation):
        services.matches.decline(match.id)
    assert services.matches.get(match.id).status is MatchStatus.ACTIVE


@pytest.mark.parametrize("rematch", [True, False])
def test_closed_match_cannot_reopen(services, make, rematch):
    match = make.active_match()
    _close(services, make, match.id, rematch=rematch)
    with pytest.raises(RuleViolation, match="closed match cannot become"):
        services.matches.set_status(match.id, MatchStatus.ACTIVE)
    with pytest.raises(RuleViolation):
        services.matches.set_status(match.id, MatchStatus.ON_HOLD)
    with pytest.raises(RuleViolation):
        services.matches.activate(match.id, date(2026, 10, 1))
    with pytest.raises(RuleViolation):
        services.matches.decline(match.id)
    stored = services.matches.get(match.id)
    assert (stored.status, stored.end_date) == (MatchStatus.CLOSED, date(2026, 9, 1))


def test_closing_a_closed_match_again_corrects_the_closure_record(services, make):
    """close() on a closed match is allowed (same state): it rewrites the closure."""
    match = make.active_match()
    _close(services, make, match.id, rematch=False)
    corrected = _close(services, make, match.id, end=date(2026, 8, 15),
                       reason_id=make.reason_id("Volunteer moved away"),
                       category=ClosureCategory.MENTOR_INITIATED)
    stored = services.matches.get(match.id)
    assert corrected.version == stored.version
    assert (stored.status, stored.end_date, stored.closure_category) == (
        MatchStatus.CLOSED, date(2026, 8, 15), ClosureCategory.MENTOR_INITIATED,
    )
    assert stored.closure_reason_id == make.reason_id("Volunteer moved away")


# --- closure --------------------------------------------------------------------------------------

def test_close_records_the_closure(services, make):
    volunteer, youth = make.volunteer(), make.youth()
    match = make.active_match(volunteer=volunteer, youth=youth)
    reason = make.reason_id("Youth or family moved")
    closed = services.matches.close(
        match.id, end_date=date(2026, 9, 1), reason_id=reason,
        category="youth_initiated", rematch_eligible=True, note="Moved to Leeds",
        expected_version=match.version,
    )
    stored = services.matches.get(match.id)
    assert closed.version == stored.version == match.version + 1
    assert stored.status is MatchStatus.CLOSED
    assert stored.end_date == date(2026, 9, 1)
    assert stored.closure_reason_id == reason
    assert stored.closure_category is ClosureCategory.YOUTH_INITIATED
    assert stored.rematch_eligible is True
    assert stored.closure_note == "Moved to Leeds"
    # rematch eligible: both go back to the pool
    assert services.volunteers.get(volunteer.id).status is VolunteerStatus.ACCEPTED
    assert services.youth.get(youth.id).status is YouthStatus.WAITING


def test_close_without_rematch_releases_people_out_of_the_pool(services, make):
    volunteer, youth = make.volunteer(), make.youth()
    match = make.active_match(volunteer=volunteer, youth=youth)
    _close(services, make, match.id, rematch=False)
    assert services.volunteers.get(volunteer.id).status is VolunteerStatus.INACTIVE
    assert services.youth.get(youth.id).status is YouthStatus.EXITED


def test_close_keeps_a_volunteer_with_another_running_match_matched(services, make):
    volunteer = make.volunteer()
    first = make.active_match(volunteer=volunteer)
    make.active_match(volunteer=volunteer)
    _close(services, make, first.id, rematch=False)
    assert services.volunteers.get(volunteer.id).status is VolunteerStatus.MATCHED


def test_close_on_the_start_date_is_allowed(services, make):
    match = make.active_match()
    assert _close(services, make, match.id, end=TODAY).end_date == TODAY


@pytest.mark.parametrize(
    "kwargs, field",
    [
        ({"end_date": date(2026, 2, 28)}, "end_date"),
        ({"end_date": None}, "end_date"),
        ({"reason_id": None}, "closure_reason_id"),
        ({"category": None}, "closure_category"),
    ],
)
def test_close_validates(services, make, kwargs, field):
    match = make.active_match()
    values = dict(end_date=date(2026, 9, 1), reason_id=make.reason_id(),
                  category=ClosureCategory.COMPLETED, rematch_eligible=False)
    values.update(kwargs)
    with pytest.raises(ValidationError) as err:
        services.matches.close(match.id, **values)
    assert err.value.field == field
    stored = services.matches.get(match.id)
    assert (stored.status, stored.end_date, stored.version) == (MatchStatus.ACTIVE, None, match.version)


def test_close_with_unknown_reason_is_not_found(services, make):
    match = make.active_match()
    with pytest.raises(NotFound, match="closure reason"):
        _close(services, make, match.id, reason_id=12345)
    assert services.matches.get(match.id).status is MatchStatus.ACTIVE


def test_a_proposed_match_is_declined_not_closed(services, make):
    match = make.proposed_match()
    with pytest.raises(RuleViolation, match="proposed match cannot become closed"):
        _close(services, make, match.id)


def test_close_refuses_an_end_date_before_logged_sessions(services, make):
    match = make.active_match()
    services.sessions.log(SessionEntry(match.id, date(2026, 5, 10), 60))
    with pytest.raises(ValidationError) as err:
        _close(services, make, match.id, end=date(2026, 5, 9))
    assert err.value.field == "end_date"
    assert services.matches.get(match.id).status is MatchStatus.ACTIVE
    assert _close(services, make, match.id, end=date(2026, 5, 10)).status is MatchStatus.CLOSED
    # the closed match still passes the integrity check
    assert services.maintenance.check().problems == []


def test_close_refuses_an_end_date_before_support_contacts(services, make):
    match = make.active_match()
    _contact(services, match.id, date(2026, 6, 2))
    with pytest.raises(ValidationError, match="up to 2026-06-02") as err:
        _close(services, make, match.id, end=date(2026, 6, 1))
    assert err.value.field == "end_date"
    assert services.matches.get(match.id).end_date is None


def test_closure_reasons(services):
    reasons = services.matches.closure_reasons()
    labels = [r.label for r in reasons]
    assert "Youth or family moved" in labels
    assert labels[-1] == "Other"
    added = services.matches.add_closure_reason("  Volunteer  relocated ", ClosureCategory.MENTOR_INITIATED)
    assert added.label == "Volunteer relocated"
    assert added.sort_order == reasons[-1].sort_order + 10
    assert services.matches.closure_reasons()[-1].label == "Volunteer relocated"
    with pytest.raises(ValidationError, match="already a closure reason"):
        services.matches.add_closure_reason("Volunteer relocated")
    with pytest.raises(ValidationError):
        services.matches.add_closure_reason("   ")


# --- support-contact cadence ------------------------------------------------------------------------

def _contact(services, match_id, day, **fields):
    return services.contacts.log(
        match_id, contact_date=day, party=ContactParty.VOLUNTEER, method=ContactMethod.PHONE,
        **fields,
    )


def test_contact_due_with_the_default_cadence(services, make):
    match = make.active_match(start=date(2026, 3, 1))
    due = services.matches.contact_due(match.id, date(2026, 3, 10))
    assert due == ContactDue(date(2026, 3, 15), None, False, 0)
    assert services.matches.contact_due(match.id, date(2026, 3, 20)) == ContactDue(
        date(2026, 3, 15), None, True, 5
    )
    _contact(services, match.id, date(2026, 3, 12))
    _contact(services, match.id, date(2026, 3, 20), made=False)  # attempted, not reached
    assert services.matches.contact_due(match.id, date(2026, 3, 20)) == ContactDue(
        date(2026, 4, 12), date(2026, 3, 12), False, 0
    )
    # after the first anniversary, contacts are quarterly
    _contact(services, match.id, date(2027, 3, 5))
    assert services.matches.contact_due(match.id, date(2027, 3, 5)).due == date(2027, 6, 5)


def test_contact_due_only_for_running_matches(services, make):
    proposed = make.proposed_match()
    assert services.matches.contact_due(proposed.id, TODAY) is None
    closed = make.closed_match()
    assert services.matches.contact_due(closed.id, TODAY) is None
    on_hold = make.active_match()
    services.matches.set_status(on_hold.id, MatchStatus.ON_HOLD)
    assert services.matches.contact_due(on_hold.id, date(2026, 3, 16)).overdue is True


# --- plans and lists -----------------------------------------------------------------------------------

def test_update_plan(services, make):
    match = make.proposed_match()
    updated = services.matches.update_plan(match.id, "Reading and maths", expected_version=1)
    assert (updated.plan, updated.version) == ("Reading and maths", 2)
    with pytest.raises(ConflictError):
        services.matches.update_plan(match.id, "Football", expected_version=1)
    assert services.matches.get(match.id).plan == "Reading and maths"


def test_list_rows(services, make):
    programme = make.programme("Northside")
    ana = make.volunteer(first_name="Ana", last_name="Pérez")
    ben = make.volunteer(first_name="Ben", last_name="Okafor")
    zoe = make.youth(first_name="Zoe", last_name="Smith", programme_ref="Y-0100")
    al = make.youth(first_name="Al", last_name="Adams", programme_ref="Y-0200")
    old = make.active_match(ana, zoe, programme, start=date(2025, 9, 1))
    services.matches.close(old.id, end_date=date(2026, 1, 31), reason_id=make.reason_id("Youth or family moved"),
                           category="youth_initiated", rematch_eligible=True)
    running = make.active_match(ben, al, programme, start=date(2026, 2, 1))
    proposed = make.proposed_match(ana, zoe, programme)
    archived = make.proposed_match(ben, zoe, programme)
    services.matches.archive(archived.id)

    rows = services.matches.list_rows()
    by_id = {r.id: r for r in rows}
    assert set(by_id) == {old.id, running.id, proposed.id}
    assert [r.id for r in rows if r.start_date is not None] == [running.id, old.id]
    closed = by_id[old.id]
    assert (closed.volunteer, closed.youth, closed.youth_ref, closed.programme) == (
        "Ana Pérez", "Zoe Smith", "Y-0100", "Northside",
    )
    assert (closed.status, closed.start_date, closed.end_date, closed.closure_reason) == (
        MatchStatus.CLOSED, date(2025, 9, 1), date(2026, 1, 31), "Youth or family moved",
    )
    assert (by_id[running.id].volunteer_id, by_id[running.id].youth_id) == (ben.id, al.id)
    assert by_id[running.id].closure_reason is None
    assert [r.id for r in services.matches.list_rows(status=MatchStatus.ACTIVE)] == [running.id]
    assert {r.id for r in services.matches.list_rows(include_archived=True)} == {
        old.id, running.id, proposed.id, archived.id,
    }


def test_list_rows_order_is_the_same_on_every_backend(services, make):
    """Newest start first; matches that have not started yet (no start date) on top."""
    early = make.active_match(start=date(2026, 1, 5))
    late = make.active_match(start=date(2026, 2, 5))
    p1 = make.proposed_match()
    p2 = make.proposed_match()
    assert [r.id for r in services.matches.list_rows()] == [p2.id, p1.id, late.id, early.id]


def test_activation_writes_the_match_once(services, make):
    match = make.proposed_match()
    started = services.matches.activate(match.id, TODAY, expected_version=match.version)
    assert started.version == match.version + 1


@pytest.mark.parametrize(
    "call, field",
    [
        (lambda sv, m: sv.matches.set_status(m.id, "paused"), "status"),
        (lambda sv, m: sv.matches.close(m.id, end_date=TODAY, reason_id=1, category="someone",
                                        rematch_eligible=False), "closure_category"),
    ],
)
def test_unknown_choices_are_one_sentence(services, make, call, field):
    match = make.active_match()
    with pytest.raises(ValidationError, match="choose one of") as info:
        call(services, match)
    assert info.value.field == field


def test_closure_reasons_are_unique_in_any_case(services):
    services.matches.add_closure_reason("Über-busy season")
    with pytest.raises(ValidationError, match="already"):
        services.matches.add_closure_reason("ÜBER-BUSY SEASON")
