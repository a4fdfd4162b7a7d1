"""The matching assistant's ranking (and the match page's reads), on both backends."""

from __future__ import annotations

from datetime import date

import pytest

from mentordesk.domain.enums import (
    ClosureCategory,
    ContactMethod,
    ContactParty,
    SessionMedium,
    SessionStatus,
    VolunteerStatus,
    YouthStatus,
)
from mentordesk.domain.errors import ValidationError
from mentordesk.services.sessions import SessionEntry

from .helpers import TODAY


@pytest.fixture
def scene(services, make):
    """A young person in Akron and four volunteers who suit them more or less."""
    programme = make.programme("After School Club", meeting_day="Tuesday", meeting_time="16:00")
    acme = make.sponsor("Acme")
    akron_office = make.branch(acme.id, "Akron office", city="Akron")
    youth = make.youth(city="Akron", languages="English, Spanish",
                       interests="soccer, reading, chess", programme_id=programme.id,
                       date_of_birth=date(2013, 5, 17))
    best = make.volunteer(first_name="Ana", last_name="Best", city="Akron",
                          languages="English, Spanish", interests="Soccer, reading, art",
                          availability="Tue afternoon, Sat morning")
    good = make.volunteer(first_name="Bo", last_name="Good", city="Cleveland",
                          languages="English", interests="chess", availability="Tue evening",
                          sponsor_id=acme.id, branch_id=akron_office.id)
    applied = make.volunteer(eligible=False, first_name="Cy", last_name="Applied",
                             city="Akron", languages="English, Spanish",
                             interests="soccer, reading, chess", availability="Tuesdays")
    busy = make.volunteer(first_name="Di", last_name="Busy", city="Akron")
    running = make.active_match(volunteer=busy, start=date(2025, 9, 1))
    gone = make.volunteer(first_name="Ed", last_name="Archived", city="Akron")
    services.volunteers.archive(gone.id)
    return dict(youth=youth, programme=programme, best=best, good=good, applied=applied,
                busy=busy, running=running, gone=gone)


def _by_id(ranking):
    return {c.volunteer_id: c for c in ranking.candidates}


def test_eligible_volunteers_come_first_best_first_with_their_reasons(services, scene):
    ranking = services.matching.rank(scene["youth"].id, TODAY)
    ids = [c.volunteer_id for c in ranking.candidates]
    assert ids[:2] == [scene["best"].id, scene["good"].id]
    assert set(ids[2:]) == {scene["applied"].id, scene["busy"].id}
    assert scene["gone"].id not in ids  # archived volunteers are not in the pool
    assert [c.volunteer_id for c in ranking.eligible] == ids[:2]
    assert ranking.programme_id == scene["programme"].id

    best = _by_id(ranking)[scene["best"].id]
    assert [(r.text, r.points) for r in best.why] == [
        ("Shares 2 interests: soccer, reading", 20),
        ("Both speak English and Spanish", 20),
        ("Lives in Akron, like the youth", 20),
        ("Free when the programme meets (Tuesday 16:00): Tue afternoon, Sat morning", 20),
    ]
    assert best.score == 80 and best.eligible and best.blockers == ()

    good = _by_id(ranking)[scene["good"].id]
    assert [(r.text, r.points) for r in good.why] == [
        ("Shares 1 interest: chess", 10),
        ("Both speak English (the young person also speaks Spanish)", 10),
        ("Works at Acme's Akron office branch in Akron, the youth's city", 12),
        ("Free on the meeting day but not at Tuesday 16:00: Tue evening", 8),
    ]
    assert good.score == 40
    assert good.employer == "Acme · Akron office"


def test_ineligible_volunteers_are_listed_with_every_reason(services, scene):
    candidates = _by_id(services.matching.rank(scene["youth"].id, TODAY))
    applied = candidates[scene["applied"].id]
    assert not applied.eligible
    assert applied.blockers[0] == "Still in the pipeline (applied); accept the volunteer first."
    assert "Application check has not been recorded." in applied.blockers
    assert "Pre-match training: 0 hours of 2 hours done." in applied.blockers
    # they are scored all the same: a coordinator sees who would suit once screened
    assert applied.score == 30 + 20 + 20 + 20
    busy = candidates[scene["busy"].id]
    assert busy.blockers == (
        f"Already mentoring in a running match (#{scene['running'].id}); one match at a time.",)


def test_a_volunteer_already_proposed_for_this_youth_is_not_offered_again(services, make, scene):
    match = make.proposed_match(scene["best"], scene["youth"], scene["programme"])
    candidates = _by_id(services.matching.rank(scene["youth"].id, TODAY))
    assert candidates[scene["best"].id].blockers == (
        f"Already proposed for this young person (match #{match.id}).",)
    other = make.youth(city="Akron")
    elsewhere = _by_id(services.matching.rank(other.id, TODAY))[scene["best"].id]
    assert elsewhere.eligible
    assert elsewhere.warnings == (
        f"Already proposed for another young person (match #{match.id}).",)


def test_stated_preferences_add_or_take_points(services, make, scene):
    services.volunteers.update(
        scene["good"].id, gender="Male",
        preferences="Prefers a mentee aged 10–14; Would like a Spanish-speaking mentee")
    services.youth.update(scene["youth"].id, preferences="Would like a female mentor")
    good = _by_id(services.matching.rank(scene["youth"].id, TODAY))[scene["good"].id]
    prefs = [(r.text, r.points) for r in good.why[4:]]
    assert prefs == [
        ("Volunteer preference met: “Prefers a mentee aged 10–14” (the young person is 12)", 5),
        ("Volunteer preference met: “Would like a Spanish-speaking mentee” "
         "(the young person speaks English, Spanish)", 5),
        ("Youth prefers otherwise: “Would like a female mentor” (the volunteer is male)", -10),
    ]
    assert good.score == 40 + 10 - 10


def test_a_preference_the_rules_cannot_read_is_left_to_the_coordinator(services, scene):
    services.volunteers.update(scene["best"].id, preferences="Can meet near the downtown office")
    best = _by_id(services.matching.rank(scene["youth"].id, TODAY))[scene["best"].id]
    assert best.why[-1].text == (
        "Volunteer preference to check by hand: “Can meet near the downtown office”")
    assert best.why[-1].points == 0 and best.score == 80


def test_youth_choices_leave_out_the_matched_exited_and_archived(services, make, scene):
    waiting = make.youth(first_name="Wai", last_name="Ting", status=YouthStatus.WAITING)
    make.youth(first_name="Ex", last_name="Ited", status=YouthStatus.EXITED)
    archived = make.youth(first_name="Ar", last_name="Chived")
    services.youth.archive(archived.id)
    ids = {c.id for c in services.matching.youth_choices()}
    assert {scene["youth"].id, waiting.id} <= ids
    running_youth = services.matches.get(scene["running"].id).youth_id
    assert running_youth not in ids and archived.id not in ids
    assert all(c.status is not YouthStatus.EXITED for c in services.matching.youth_choices())


def test_a_youth_without_a_programme_is_ranked_without_meeting_times(services, make):
    youth = make.youth(city=None, languages="")
    volunteer = make.volunteer(availability="Mon evening")
    candidate = _by_id(services.matching.rank(youth.id, TODAY))[volunteer.id]
    texts = [r.text for r in candidate.why]
    assert "The young person's languages are not recorded" in texts
    assert "The young person's city is not recorded" in texts
    assert "Free Mon evening; the programme has no set meeting day" in texts
    assert services.matching.rank(youth.id, TODAY).programme_id is None


# --- what the match page reads ---------------------------------------------------------------

def test_detail_and_timeline_newest_first(services, make):
    match = make.active_match(start=date(2026, 1, 5))
    services.matches.update_plan(match.id, "Read together")
    services.sessions.log(SessionEntry(match.id, date(2026, 1, 10), 60))
    services.sessions.log(SessionEntry(match.id, date(2026, 2, 7), 90, SessionMedium.VIDEO,
                                       SessionStatus.ATTENDED, "Maths"))
    services.sessions.log(SessionEntry(match.id, date(2026, 2, 14), 60,
                                       status=SessionStatus.CANCELLED))
    services.contacts.log(match.id, contact_date=date(2026, 2, 7), party=ContactParty.GUARDIAN,
                          method=ContactMethod.PHONE, rating=4, concerns="Homework load")
    detail = services.matches.detail(match.id)
    assert (detail.sessions_attended, detail.minutes_attended) == (2, 150)
    assert (detail.last_session, detail.last_activity) == (date(2026, 2, 7), date(2026, 2, 14))
    assert detail.plan == "Read together" and detail.status.value == "active"
    timeline = services.matches.timeline(match.id)
    assert [(e.kind, e.day) for e in timeline] == [
        ("session", date(2026, 2, 14)), ("contact", date(2026, 2, 7)),
        ("session", date(2026, 2, 7)), ("session", date(2026, 1, 10))]
    contact = timeline[1]
    assert (contact.what, contact.outcome, contact.rating) == (
        "Guardian · phone", "Contact made", 4)
    assert contact.notes == "Concerns: Homework load"
    assert timeline[0].outcome == "Cancelled" and timeline[2].what == "Video"


def test_check_closure_date_says_what_close_would(services, make):
    match = make.active_match(start=date(2026, 1, 5))
    services.sessions.log(SessionEntry(match.id, date(2026, 2, 14), 60))
    with pytest.raises(ValidationError) as early:
        services.matches.check_closure_date(match.id, date(2026, 2, 1))
    with pytest.raises(ValidationError) as closing:
        services.matches.close(match.id, end_date=date(2026, 2, 1), reason_id=make.reason_id(),
                               category=ClosureCategory.COMPLETED, rematch_eligible=False)
    assert str(early.value) == str(closing.value) == (
        "This match has sessions or support contacts up to 2026-02-14; "
        "the closure date cannot be before them.")
    with pytest.raises(ValidationError, match="on or after the match start"):
        services.matches.check_closure_date(match.id, date(2025, 12, 1))
    services.matches.check_closure_date(match.id, date(2026, 2, 14))  # fine
    assert services.volunteers.get(match.volunteer_id).status is VolunteerStatus.MATCHED
