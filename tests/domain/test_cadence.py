from datetime import date

import pytest

from mentordesk.domain.cadence import BBBS, EEPM4, EEPM5, PRESETS, contact_status, next_contact_due
from mentordesk.domain.dates import add_months, reached_months, whole_months

START = date(2026, 1, 10)


def test_presets_cover_the_three_standards():
    assert set(PRESETS) == {"eepm4", "bbbs", "eepm5"}


@pytest.mark.parametrize(
    "day, months, expected",
    [
        (date(2026, 1, 31), 1, date(2026, 2, 28)),
        (date(2024, 1, 31), 1, date(2024, 2, 29)),
        (date(2026, 11, 15), 3, date(2027, 2, 15)),
        (date(2026, 3, 31), -1, date(2026, 2, 28)),
    ],
)
def test_add_months_clamps_to_month_end(day, months, expected):
    assert add_months(day, months) == expected


def test_whole_months_and_milestones():
    assert whole_months(date(2026, 3, 15), date(2026, 4, 14)) == 0
    assert whole_months(date(2026, 3, 15), date(2026, 4, 15)) == 1
    assert whole_months(date(2026, 1, 31), date(2026, 2, 28)) == 1
    assert whole_months(date(2026, 5, 1), date(2026, 4, 1)) == 0
    assert reached_months(date(2025, 6, 30), date(2025, 12, 30), 6)
    assert not reached_months(date(2025, 6, 30), date(2025, 12, 29), 6)


def test_first_contact_due_per_preset():
    assert next_contact_due(START, [], BBBS) == (date(2026, 1, 24), None)
    assert next_contact_due(START, [], EEPM4) == (date(2026, 1, 25), None)
    assert next_contact_due(START, [], EEPM5) == (date(2026, 2, 10), None)


def test_eepm4_twice_in_first_month_then_monthly():
    # a contact 5 days in: still in month one, so the next is due 15 days later
    assert next_contact_due(START, [date(2026, 1, 15)], EEPM4)[0] == date(2026, 1, 30)
    # after the first month: monthly
    assert next_contact_due(START, [date(2026, 2, 12)], EEPM4)[0] == date(2026, 3, 12)


def test_bbbs_monthly_in_year_one_quarterly_after_anniversary():
    assert next_contact_due(START, [date(2026, 6, 1)], BBBS)[0] == date(2026, 7, 1)
    assert next_contact_due(START, [date(2027, 1, 9)], BBBS)[0] == date(2027, 2, 9)
    assert next_contact_due(START, [date(2027, 1, 10)], BBBS)[0] == date(2027, 4, 10)


def test_latest_contact_counts_and_early_contacts_count_from_start():
    contacts = [date(2026, 3, 1), date(2026, 2, 1), date(2026, 3, 20)]
    due, last = next_contact_due(START, contacts, BBBS)
    assert (due, last) == (date(2026, 4, 20), date(2026, 3, 20))
    # the match meeting before the official start counts as made on the start date
    assert next_contact_due(START, [date(2026, 1, 2)], BBBS) == (date(2026, 2, 10), START)


def test_overdue_status():
    status = contact_status(START, [date(2026, 3, 1)], date(2026, 4, 1), BBBS)
    assert (status.due, status.overdue, status.days_overdue) == (date(2026, 4, 1), False, 0)
    status = contact_status(START, [date(2026, 3, 1)], date(2026, 4, 11), BBBS)
    assert (status.overdue, status.days_overdue) == (True, 10)
