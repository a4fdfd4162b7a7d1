"""Builders and look-ups for the services tests: small, explicit records on fixed dates."""

from __future__ import annotations

import itertools
from datetime import date, timedelta

from sqlalchemy import select

from mentordesk.domain import AuditEntry
from mentordesk.domain.enums import (
    CheckResult,
    ClosureCategory,
    MatchKind,
    ProgrammeType,
    VolunteerStatus,
)
from mentordesk.domain.rules import DEFAULT_REQUIRED_CHECKS

# The user the database fixture (tests/conftest.py) writes into the audit log.
TEST_USER = "test-coordinator"

# The day every test treats as "today".
TODAY = date(2026, 3, 1)
CHECKS_DONE = date(2025, 6, 1)


class Make:
    """Creates records through the services (never behind their back)."""

    def __init__(self, services):
        self.services = services
        self._n = itertools.count(1)

    def programme(self, name: str | None = None, **fields):
        fields.setdefault("type", ProgrammeType.COMMUNITY)
        return self.services.programmes.create(name=name or f"Programme {next(self._n)}", **fields)

    def sponsor(self, name: str | None = None, **fields):
        return self.services.sponsors.create(name=name or f"Sponsor {next(self._n)}", **fields)

    def branch(self, sponsor_id: int, name: str | None = None, **fields):
        return self.services.sponsors.add_branch(
            sponsor_id, name=name or f"Branch {next(self._n)}", **fields
        )

    def clear_checks(self, volunteer_id: int, completed_on: date = CHECKS_DONE,
                     expires_on: date | None = None) -> None:
        for check_type in DEFAULT_REQUIRED_CHECKS:
            self.services.volunteers.record_check(
                volunteer_id, check_type, result=CheckResult.CLEAR,
                requested_on=date(2025, 5, 1), completed_on=completed_on, expires_on=expires_on,
            )

    def volunteer(self, *, eligible: bool = True, **fields):
        n = next(self._n)
        fields.setdefault("first_name", "Vol")
        fields.setdefault("last_name", f"Unteer{n}")
        fields.setdefault("email", f"volunteer{n}@example.org")
        fields.setdefault("status", VolunteerStatus.ACCEPTED if eligible else VolunteerStatus.APPLIED)
        if eligible:
            fields.setdefault("prior_training_minutes", 120)
        volunteer = self.services.volunteers.create(**fields)
        if eligible:
            self.clear_checks(volunteer.id)
        return volunteer

    def youth(self, **fields):
        n = next(self._n)
        fields.setdefault("first_name", "Young")
        fields.setdefault("last_name", f"Person{n}")
        fields.setdefault("programme_ref", f"Y-{n:04d}")
        fields.setdefault("date_of_birth", date(2013, 5, 17))
        return self.services.youth.create(**fields)

    def proposed_match(self, volunteer=None, youth=None, programme=None, *,
                       kind: MatchKind = MatchKind.ONE_TO_ONE, proposed_on: date = date(2026, 2, 20)):
        volunteer = volunteer or self.volunteer()
        youth = youth or self.youth()
        programme = programme or self.programme()
        return self.services.matches.propose(
            volunteer.id, youth.id, programme.id, proposed_on=proposed_on, kind=kind
        )

    def active_match(self, volunteer=None, youth=None, programme=None, *,
                     start: date = TODAY, kind: MatchKind = MatchKind.ONE_TO_ONE):
        match = self.proposed_match(volunteer, youth, programme, kind=kind)
        return self.services.matches.activate(match.id, start)

    def closed_match(self, start: date = TODAY, end: date = date(2026, 9, 1), *,
                     rematch_eligible: bool = False, **kwargs):
        match = self.active_match(start=start, **kwargs)
        return self.services.matches.close(
            match.id, end_date=end, reason_id=self.reason_id(),
            category=ClosureCategory.COMPLETED, rematch_eligible=rematch_eligible,
        )

    def reason_id(self, label: str = "Other") -> int:
        reasons = {r.label: r.id for r in self.services.matches.closure_reasons()}
        return reasons[label]


def audit_entries(db, entity: str | None = None, entity_id: int | None = None) -> list[AuditEntry]:
    with db.reading() as s:
        query = select(AuditEntry).order_by(AuditEntry.id)
        if entity is not None:
            query = query.where(AuditEntry.entity == entity)
        if entity_id is not None:
            query = query.where(AuditEntry.entity_id == entity_id)
        return list(s.scalars(query))


# --- independent calendar arithmetic for expected values (deliberately not
# domain.dates / domain.cadence: the tests compare those against this) -------------------

def plus_months(day: date, months: int) -> date:
    total = day.year * 12 + day.month - 1 + months
    year, month = total // 12, total % 12 + 1
    next_first = date(year + month // 12, month % 12 + 1, 1)
    return date(year, month, min(day.day, (next_first - timedelta(days=1)).day))


def months_between(start: date, end: date) -> int:
    months = 0
    while plus_months(start, months + 1) <= end:
        months += 1
    return months


def bbbs_next(start: date, anchor: date | None) -> date:
    """BBBS: within 2 weeks of the start, then monthly in year one, quarterly after."""
    if anchor is None:
        return start + timedelta(days=14)
    return plus_months(anchor, 1 if months_between(start, anchor) < 12 else 3)
