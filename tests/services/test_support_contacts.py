"""Support contacts (services/sessions.py: SupportContactService)."""

from __future__ import annotations

from datetime import date

import pytest

from mentordesk.domain.enums import ContactMethod, ContactParty
from mentordesk.domain.errors import ConflictError, NotFound, RuleViolation, ValidationError

from .helpers import TODAY


def _log(services, match_id, day=TODAY, **fields):
    fields.setdefault("party", ContactParty.VOLUNTEER)
    fields.setdefault("method", ContactMethod.PHONE)
    return services.contacts.log(match_id, contact_date=day, **fields)


def test_log_a_contact(services, make):
    match = make.active_match(start=TODAY)
    contact = _log(
        services, match.id, date(2026, 3, 10), party="guardian", method="text_email", rating=4,
        duration_minutes=20, concerns="Missed two sessions", follow_up_due=date(2026, 3, 17),
        coordinator="Sam",
    )
    [stored] = services.contacts.for_match(match.id)
    assert stored.id == contact.id
    assert (stored.contact_date, stored.party, stored.method) == (
        date(2026, 3, 10), ContactParty.GUARDIAN, ContactMethod.TEXT_EMAIL,
    )
    assert (stored.rating, stored.duration_minutes, stored.made) == (4, 20, True)
    assert (stored.concerns, stored.follow_up_due, stored.coordinator) == (
        "Missed two sessions", date(2026, 3, 17), "Sam",
    )


@pytest.mark.parametrize("rating", [1, 5, None])
def test_ratings_from_one_to_five(services, make, rating):
    match = make.active_match()
    assert _log(services, match.id, rating=rating).rating == rating


@pytest.mark.parametrize("rating", [0, 6, -1, True, "4", 2.5])
def test_ratings_outside_one_to_five_are_refused(services, make, rating):
    match = make.active_match()
    with pytest.raises(ValidationError) as err:
        _log(services, match.id, rating=rating)
    assert err.value.field == "rating"
    assert services.contacts.for_match(match.id) == []


@pytest.mark.parametrize("minutes", [0, 1440])
def test_contact_duration_is_sane(services, make, minutes):
    match = make.active_match()
    with pytest.raises(ValidationError):
        _log(services, match.id, duration_minutes=minutes)


@pytest.mark.parametrize("day", [date(2026, 2, 28), date(2026, 7, 1)])
def test_contacts_lie_within_the_match_dates(services, make, day):
    match = make.closed_match(start=TODAY, end=date(2026, 6, 30))
    with pytest.raises(RuleViolation, match="within the match's dates"):
        _log(services, match.id, day)
    assert services.contacts.for_match(match.id) == []
    # the first and last day are inside
    _log(services, match.id, TODAY)
    _log(services, match.id, date(2026, 6, 30))
    assert len(services.contacts.for_match(match.id)) == 2


def test_no_contacts_before_a_match_starts(services, make):
    match = make.proposed_match()
    with pytest.raises(RuleViolation, match="not started"):
        _log(services, match.id)


def test_follow_up_cannot_precede_the_contact(services, make):
    match = make.active_match()
    with pytest.raises(ValidationError) as err:
        _log(services, match.id, date(2026, 3, 10), follow_up_due=date(2026, 3, 9))
    assert err.value.field == "follow_up_due"


def test_unknown_fields_and_matches(services, make):
    match = make.active_match()
    with pytest.raises(ValidationError, match="Unknown support-contact field 'mood'"):
        _log(services, match.id, mood="good")
    with pytest.raises(NotFound):
        _log(services, 4242)


def test_update_validates_and_locks(services, make):
    match = make.closed_match(start=TODAY, end=date(2026, 6, 30))
    contact = _log(services, match.id, date(2026, 3, 10), rating=3)
    with pytest.raises(ValidationError):
        services.contacts.update(contact.id, rating=6)
    with pytest.raises(RuleViolation):
        services.contacts.update(contact.id, contact_date=date(2026, 7, 2))
    with pytest.raises(ValidationError):
        services.contacts.update(contact.id, match_id=1)
    with pytest.raises(ValidationError) as err:
        services.contacts.update(contact.id, follow_up_due=date(2026, 3, 9))
    assert err.value.field == "follow_up_due"
    [stored] = services.contacts.for_match(match.id)
    assert (stored.rating, stored.contact_date, stored.version) == (3, date(2026, 3, 10), 1)
    updated = services.contacts.update(contact.id, expected_version=1, rating=5, notes=None)
    assert (updated.rating, updated.notes, updated.version) == (5, "", 2)
    with pytest.raises(ConflictError):
        services.contacts.update(contact.id, expected_version=1, rating=1)
    assert services.contacts.for_match(match.id)[0].rating == 5


def test_for_match_orders_by_date(services, make):
    match = make.active_match()
    _log(services, match.id, date(2026, 4, 1))
    _log(services, match.id, date(2026, 3, 2))
    _log(services, match.id, date(2026, 3, 15))
    assert [c.contact_date for c in services.contacts.for_match(match.id)] == [
        date(2026, 3, 2), date(2026, 3, 15), date(2026, 4, 1),
    ]
