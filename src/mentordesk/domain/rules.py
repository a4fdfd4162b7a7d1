"""Programme rules in plain Python: eligibility, matches, sessions, closure.

Functions take plain values (or anything with the same attributes as the
models) so they are tested without a database.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Protocol

from .enums import (
    CheckResult,
    CheckType,
    ClosureCategory,
    MatchKind,
    MatchStatus,
    VolunteerStatus,
)
from .errors import RuleViolation, ValidationError

MAX_SESSION_MINUTES = 24 * 60

DEFAULT_REQUIRED_CHECKS: tuple[CheckType, ...] = (
    CheckType.APPLICATION,
    CheckType.INTERVIEW,
    CheckType.REFERENCES,
    CheckType.CRIMINAL_RECORD,
    CheckType.CHILD_ABUSE_REGISTRY,
)
# mentoring.org training guidance: at least 2 hours of pre-match training.
DEFAULT_TRAINING_MINUTES = 120

# Statuses that take a volunteer out of the matching pool whatever the checks say.
NOT_MATCHABLE_STATUSES = {
    VolunteerStatus.DEFERRED: "deferred",
    VolunteerStatus.DECLINED: "declined",
    VolunteerStatus.WITHDRAWN: "withdrawn",
    VolunteerStatus.INACTIVE: "inactive",
}


class CheckLike(Protocol):
    type: CheckType
    result: CheckResult
    requested_on: date | None
    completed_on: date | None
    expires_on: date | None


@dataclass(frozen=True)
class ScreeningPolicy:
    required_checks: tuple[CheckType, ...] = DEFAULT_REQUIRED_CHECKS
    # A volunteer who drives youth also needs a clear driving record.
    driving_check_for_drivers: bool = True
    training_minutes: int = DEFAULT_TRAINING_MINUTES
    expiry_warning_days: int = 30

    def checks_for(self, drives_youth: bool) -> tuple[CheckType, ...]:
        checks = list(self.required_checks)
        if drives_youth and self.driving_check_for_drivers and CheckType.DRIVING_RECORD not in checks:
            checks.append(CheckType.DRIVING_RECORD)
        return tuple(checks)


@dataclass(frozen=True)
class CheckStatus:
    type: CheckType
    state: str  # missing | pending | flagged | expired | clear
    check: CheckLike | None = None

    @property
    def ok(self) -> bool:
        return self.state == "clear"


@dataclass
class Eligibility:
    eligible: bool
    reasons: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)


def _check_sort_key(check: CheckLike) -> tuple:
    day = check.completed_on or check.requested_on or date.min
    return (day, getattr(check, "id", 0) or 0)


def latest_check(checks: Iterable[CheckLike], check_type: CheckType) -> CheckLike | None:
    """The most recent check of a type (by completion, else request date)."""
    of_type = [c for c in checks if c.type == check_type]
    return max(of_type, key=_check_sort_key) if of_type else None


def _decided_by(check: CheckLike, today: date) -> bool:
    """A check decides once it has a result and was completed on or before today."""
    return (
        check.result != CheckResult.PENDING
        and check.completed_on is not None
        and check.completed_on <= today
    )


def check_status(checks: Iterable[CheckLike], check_type: CheckType, today: date) -> CheckStatus:
    """The standing of one screening step on `today`.

    The latest *completed* check decides, so a renewal that has been requested
    but not finished does not hide a check that is still valid; a check
    completed after `today` does not count yet.
    """
    of_type = [c for c in checks if c.type == check_type]
    if not of_type:
        return CheckStatus(check_type, "missing")
    decided = [c for c in of_type if _decided_by(c, today)]
    if not decided:
        return CheckStatus(check_type, "pending", max(of_type, key=_check_sort_key))
    check = max(decided, key=_check_sort_key)
    if check.result == CheckResult.FLAGGED:
        return CheckStatus(check_type, "flagged", check)
    if check.expires_on is not None and check.expires_on < today:
        return CheckStatus(check_type, "expired", check)
    return CheckStatus(check_type, "clear", check)


def hours_text(minutes: int) -> str:
    hours = minutes / 60
    return f"{hours:g} hour" + ("" if hours == 1 else "s")


def matching_eligibility(
    checks: Iterable[CheckLike],
    training_minutes: int,
    today: date,
    *,
    drives_youth: bool = False,
    status: VolunteerStatus | None = None,
    policy: ScreeningPolicy = ScreeningPolicy(),
) -> Eligibility:
    """Can this volunteer be matched today? Every reason that says no is listed."""
    checks = list(checks)
    reasons: list[str] = []
    warnings: list[str] = []
    if status in NOT_MATCHABLE_STATUSES:
        reasons.append(f"The volunteer is {NOT_MATCHABLE_STATUSES[status]}.")
    for check_type in policy.checks_for(drives_youth):
        st = check_status(checks, check_type, today)
        name = check_type.label
        if st.state == "missing":
            reasons.append(f"{name} check has not been recorded.")
        elif st.state == "pending":
            reasons.append(f"{name} check is still pending.")
        elif st.state == "flagged":
            reasons.append(f"{name} check was flagged.")
        elif st.state == "expired":
            reasons.append(f"{name} check expired on {st.check.expires_on.isoformat()}.")
        else:
            expires = st.check.expires_on
            if expires is not None and expires <= today + timedelta(days=policy.expiry_warning_days):
                warnings.append(f"{name} check expires on {expires.isoformat()}.")
    if training_minutes < policy.training_minutes:
        reasons.append(
            f"Pre-match training: {hours_text(training_minutes)} of "
            f"{hours_text(policy.training_minutes)} done."
        )
    return Eligibility(not reasons, reasons, warnings)


# --- sessions ---------------------------------------------------------------

def validate_duration(minutes: int | None, field_name: str = "duration_minutes") -> int:
    if minutes is None:
        raise ValidationError("Enter how long the session lasted.", field_name)
    if minutes <= 0:
        raise ValidationError("A duration must be more than zero minutes.", field_name)
    if minutes >= MAX_SESSION_MINUTES:
        raise ValidationError("A duration must be under 24 hours.", field_name)
    return minutes


def validate_session_date(
    session_date: date, start_date: date | None, end_date: date | None
) -> None:
    """A session lies within its match's dates (an open match has no end yet)."""
    if start_date is None:
        raise RuleViolation("This match has not started yet, so it cannot have sessions.")
    if session_date < start_date:
        raise RuleViolation(
            f"The session date {session_date.isoformat()} is before the match started "
            f"({start_date.isoformat()})."
        )
    if end_date is not None and session_date > end_date:
        raise RuleViolation(
            f"The session date {session_date.isoformat()} is after the match ended "
            f"({end_date.isoformat()})."
        )


# --- matches ----------------------------------------------------------------

MATCH_TRANSITIONS: dict[MatchStatus, frozenset[MatchStatus]] = {
    MatchStatus.PROPOSED: frozenset({MatchStatus.ACTIVE, MatchStatus.DECLINED}),
    MatchStatus.ACTIVE: frozenset({MatchStatus.ON_HOLD, MatchStatus.CLOSING, MatchStatus.CLOSED}),
    MatchStatus.ON_HOLD: frozenset({MatchStatus.ACTIVE, MatchStatus.CLOSING, MatchStatus.CLOSED}),
    MatchStatus.CLOSING: frozenset({MatchStatus.ACTIVE, MatchStatus.CLOSED}),
    MatchStatus.CLOSED: frozenset(),
    MatchStatus.DECLINED: frozenset(),
}


def validate_transition(old: MatchStatus, new: MatchStatus) -> None:
    if new == old:
        return
    if new not in MATCH_TRANSITIONS[old]:
        allowed = ", ".join(s.label.lower() for s in sorted(MATCH_TRANSITIONS[old])) or "nothing"
        raise RuleViolation(
            f"A {old.label.lower()} match cannot become {new.label.lower()} "
            f"(it can become: {allowed})."
        )


@dataclass(frozen=True)
class MatchSummary:
    id: int
    kind: MatchKind
    status: MatchStatus


def validate_one_open_match(
    youth_matches: Iterable[MatchSummary], kind: MatchKind, status: MatchStatus,
    exclude_id: int | None = None,
) -> None:
    """One youth has at most one running (active, on hold, closing) one-to-one match."""
    if kind != MatchKind.ONE_TO_ONE or not status.is_open:
        return
    for m in youth_matches:
        if m.id != exclude_id and m.kind == MatchKind.ONE_TO_ONE and m.status.is_open:
            raise RuleViolation(
                f"This young person already has a running one-to-one match (#{m.id}); "
                "close it before starting another."
            )


def validate_closure(
    start_date: date | None,
    end_date: date | None,
    reason_id: int | None,
    category: ClosureCategory | None,
) -> None:
    if end_date is None:
        raise ValidationError("Enter the date closure was completed.", "end_date")
    if start_date is not None and end_date < start_date:
        raise ValidationError(
            f"The closure date must be on or after the match start ({start_date.isoformat()}).",
            "end_date",
        )
    if reason_id is None:
        raise ValidationError("Choose a closure reason from the list.", "closure_reason_id")
    if category is None:
        raise ValidationError(
            "Choose who initiated the closure (completed, mentor, youth or programme).",
            "closure_category",
        )


def validate_match_dates(start_date: date | None, end_date: date | None) -> None:
    if start_date is not None and end_date is not None and end_date < start_date:
        raise ValidationError("The end date must be on or after the start date.", "end_date")


def match_length_days(start_date: date | None, end_date: date | None, today: date) -> int | None:
    """Days from start to end (or to today for a running match); None if not started."""
    if start_date is None:
        return None
    end = end_date or today
    return max(0, (end - start_date).days)
