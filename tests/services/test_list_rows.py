"""What the list rows carry for the lists' filters: a volunteer's programmes, employer
today and application date; a match's programme and the volunteer's employer when it
started; a young person's programme and the companies of their mentors.
Both backends; expected values are the fixture's own dates and names."""

from __future__ import annotations

from datetime import date

import pytest

from mentordesk.services.employment import EmployerSpan, employer_at

from .helpers import TODAY, Make


@pytest.fixture
def world(services):
    """Nia moved from Acme North to Zed on 1 Jan 2026; her first match started in 2025
    (at Acme), the second was proposed in 2026 (at Zed). Omar has a declined match."""
    make = Make(services)
    acme, zed = make.sponsor("Acme"), make.sponsor("Zed")
    north = make.branch(acme.id, "North")
    school, club = make.programme("School"), make.programme("Club")
    nia = make.volunteer(first_name="Nia", sponsor_id=acme.id, branch_id=north.id,
                         employed_since=date(2024, 1, 1), applied_on=date(2024, 11, 5))
    omar = make.volunteer(first_name="Omar")
    kim, ola = make.youth(first_name="Kim"), make.youth(first_name="Ola")
    lee = make.youth(first_name="Lee", programme_id=club.id)
    first = make.closed_match(start=date(2025, 7, 1), end=date(2025, 11, 30), volunteer=nia,
                              youth=kim, programme=school)
    services.volunteers.set_employer(nia.id, zed.id, None, date(2026, 1, 1))
    second = services.matches.propose(nia.id, lee.id, club.id, proposed_on=date(2026, 2, 2))
    declined = services.matches.propose(omar.id, ola.id, school.id, proposed_on=date(2026, 1, 5))
    services.matches.decline(declined.id)
    return dict(services=services, acme=acme, zed=zed, north=north, school=school, club=club,
                nia=nia, omar=omar, kim=kim, lee=lee, ola=ola, first=first, second=second,
                declined=declined)


def test_volunteer_rows_carry_programmes_employer_and_application(world):
    w = world
    rows = {r.first_name: r for r in w["services"].volunteers.list_rows(TODAY)}
    nia, omar = rows["Nia"], rows["Omar"]
    assert nia.programmes == tuple(sorted([(w["school"].id, "School"), (w["club"].id, "Club")]))
    assert (nia.sponsor_id, nia.sponsor, nia.branch_id) == (w["zed"].id, "Zed", None)  # today
    assert nia.applied_on == date(2024, 11, 5)
    assert omar.programmes == ()  # the declined match does not count
    earlier = {r.first_name: r for r in w["services"].volunteers.list_rows(date(2025, 6, 1))}
    assert (earlier["Nia"].sponsor_id, earlier["Nia"].branch_id) == (w["acme"].id,
                                                                     w["north"].id)


def test_match_rows_carry_programme_and_the_employer_at_the_start(world):
    w = world
    rows = {r.id: r for r in w["services"].matches.list_rows()}
    first, second = rows[w["first"].id], rows[w["second"].id]
    assert (first.programme_id, first.sponsor, first.branch) == (w["school"].id, "Acme", "North")
    assert (second.programme_id, second.sponsor_id, second.branch_id) == (
        w["club"].id, w["zed"].id, None)  # proposed after the move: at Zed
    assert second.proposed_on == date(2026, 2, 2)
    assert rows[w["declined"].id].sponsor is None  # Omar has no employer


def test_youth_rows_carry_programme_referral_and_mentors_companies(world, services):
    w = world
    services.youth.update(w["kim"].id, referred_on=date(2024, 12, 1))
    rows = {r.first_name: r for r in services.youth.list_rows()}
    assert rows["Kim"].sponsors == ((w["acme"].id, "Acme"),)
    assert rows["Kim"].branches == ((w["north"].id, "North", w["acme"].id),)
    assert rows["Kim"].referred_on == date(2024, 12, 1)
    assert rows["Lee"].sponsors == ((w["zed"].id, "Zed"),) and rows["Lee"].branches == ()
    assert rows["Lee"].programme_id == w["club"].id
    assert rows["Ola"].sponsors == ()  # only a declined match


def span(start, end, sponsor):
    return EmployerSpan(start, end, sponsor, f"S{sponsor}", None, None)


def test_employer_at_picks_the_row_covering_the_day():
    spans = [span(None, date(2024, 12, 31), 1), span(date(2025, 1, 1), None, 2)]
    assert employer_at(spans, date(2020, 5, 5)).sponsor_id == 1
    assert employer_at(spans, date(2024, 12, 31)).sponsor_id == 1
    assert employer_at(spans, date(2025, 1, 1)).sponsor_id == 2
    assert employer_at(spans, None).sponsor_id == 2  # no day: the open one
    assert employer_at([span(date(2025, 1, 1), date(2025, 6, 30), 3)], date(2025, 7, 1)) is None
    overlap = [span(date(2024, 1, 1), None, 1), span(date(2025, 1, 1), None, 2)]
    assert employer_at(overlap, date(2025, 3, 1)).sponsor_id == 2  # the latest start wins
