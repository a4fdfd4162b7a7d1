"""Organisation-wide settings and how they drive the rules."""

from __future__ import annotations

from datetime import date

import pytest

from mentordesk.domain.cadence import BBBS, EEPM4, EEPM5
from mentordesk.domain.enums import CheckType
from mentordesk.domain.errors import ValidationError
from mentordesk.domain.rules import ScreeningPolicy
from mentordesk.services.settings import DEFAULTS, SettingsService

from .helpers import TODAY


def test_defaults(services):
    assert services.settings.all() == {
        "organisation_name": "",
        "cadence": "bbbs",
        "training_minutes": 120,
        "required_checks": [
            "application", "interview", "references", "criminal_record", "child_abuse_registry",
        ],
        "driving_check_for_drivers": True,
        "expiry_warning_days": 30,
        "paper": "",
        "organisation_logo": "",
        "report_highlights": {},
    }
    assert services.settings.all() == DEFAULTS
    assert services.settings.value("training_minutes") == 120
    assert services.settings.cadence() is BBBS
    assert services.settings.screening_policy() == ScreeningPolicy()


def test_set_and_read_back(services, db):
    services.settings.set("organisation_name", "  Northside   Mentors ")
    services.settings.set("training_minutes", 180)
    services.settings.set("required_checks", ["interview", CheckType.CRIMINAL_RECORD])
    services.settings.set("driving_check_for_drivers", False)
    services.settings.set("training_minutes", 240)  # overwrite
    fresh = SettingsService(db)
    assert fresh.value("organisation_name") == "Northside Mentors"
    assert fresh.value("training_minutes") == 240
    assert fresh.all()["required_checks"] == ["interview", "criminal_record"]
    policy = fresh.screening_policy()
    assert policy.required_checks == (CheckType.INTERVIEW, CheckType.CRIMINAL_RECORD)
    assert policy.training_minutes == 240
    assert policy.driving_check_for_drivers is False
    assert policy.expiry_warning_days == 30


@pytest.mark.parametrize(
    "key, value",
    [
        ("cadence", "weekly"),
        ("training_minutes", -1),
        ("training_minutes", "120"),
        ("training_minutes", True),
        ("training_minutes", 1.5),
        ("expiry_warning_days", None),
        ("required_checks", ["interview", "horoscope"]),
        ("required_checks", 5),
        ("driving_check_for_drivers", "yes"),
        ("favourite_colour", "blue"),
    ],
)
def test_invalid_values_are_refused(services, key, value):
    with pytest.raises(ValidationError) as err:
        services.settings.set(key, value)
    assert err.value.field == key
    assert services.settings.all() == DEFAULTS


def test_unknown_key_cannot_be_read(services):
    with pytest.raises(ValidationError):
        services.settings.value("favourite_colour")


def test_required_checks_and_training_drive_eligibility(services, make):
    volunteer = services.volunteers.create(
        first_name="Ana", last_name="Pérez", status="accepted", prior_training_minutes=60
    )
    services.volunteers.record_check(volunteer.id, CheckType.INTERVIEW, result="clear",
                                     completed_on=date(2026, 1, 5))
    assert len(services.volunteers.eligibility(volunteer.id, TODAY).reasons) == 5
    services.settings.set("required_checks", ["interview"])
    assert services.volunteers.eligibility(volunteer.id, TODAY).reasons == [
        "Pre-match training: 1 hour of 2 hours done."
    ]
    services.settings.set("training_minutes", 60)
    assert services.volunteers.eligibility(volunteer.id, TODAY).eligible is True
    assert [r.ready_to_match for r in services.volunteers.list_rows(TODAY)] == [True]
    services.settings.set("training_minutes", 61)
    assert services.volunteers.eligibility(volunteer.id, TODAY).eligible is False
    assert [r.ready_to_match for r in services.volunteers.list_rows(TODAY)] == [False]


def test_driving_check_setting(services, make):
    volunteer = make.volunteer(drives_youth=True)
    assert services.volunteers.eligibility(volunteer.id, TODAY).eligible is False
    services.settings.set("driving_check_for_drivers", False)
    assert services.volunteers.eligibility(volunteer.id, TODAY).eligible is True


def test_expiry_warning_days(services, make):
    volunteer = make.volunteer(eligible=False, status="accepted", prior_training_minutes=120)
    make.clear_checks(volunteer.id, completed_on=date(2025, 1, 1), expires_on=date(2026, 4, 15))
    assert services.volunteers.eligibility(volunteer.id, TODAY).warnings == []
    services.settings.set("expiry_warning_days", 45)
    warnings = services.volunteers.eligibility(volunteer.id, TODAY).warnings
    assert len(warnings) == 5
    assert warnings[0] == "Application check expires on 2026-04-15."


@pytest.mark.parametrize(
    "preset, cadence, first_due",
    [
        ("bbbs", BBBS, date(2026, 3, 15)),
        ("eepm4", EEPM4, date(2026, 3, 16)),
        ("eepm5", EEPM5, date(2026, 4, 1)),
    ],
)
def test_cadence_preset_switch_changes_contact_due(services, make, preset, cadence, first_due):
    match = make.active_match(start=date(2026, 3, 1))
    services.settings.set("cadence", preset)
    assert services.settings.cadence() is cadence
    due = services.matches.contact_due(match.id, date(2026, 3, 20))
    assert due.due == first_due
    assert due.overdue is (first_due < date(2026, 3, 20))


def test_cadence_switch_after_the_first_contact(services, make):
    match = make.active_match(start=date(2026, 3, 1))
    services.contacts.log(match.id, contact_date=date(2026, 3, 10), party="volunteer", method="phone")
    assert services.matches.contact_due(match.id, date(2026, 3, 10)).due == date(2026, 4, 10)
    services.settings.set("cadence", "eepm4")  # twice in the first month
    assert services.matches.contact_due(match.id, date(2026, 3, 10)).due == date(2026, 3, 25)
