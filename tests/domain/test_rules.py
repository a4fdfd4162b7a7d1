from dataclasses import dataclass
from datetime import date

import pytest

from mentordesk.domain.enums import (
    CheckResult,
    CheckType,
    ClosureCategory,
    MatchKind,
    MatchStatus,
    VolunteerStatus,
)
from mentordesk.domain.errors import RuleViolation, ValidationError
from mentordesk.domain.rules import (
    DEFAULT_REQUIRED_CHECKS,
    MatchSummary,
    ScreeningPolicy,
    check_status,
    match_length_days,
    matching_eligibility,
    validate_closure,
    validate_duration,
    validate_one_open_match,
    validate_session_date,
    validate_transition,
)

TODAY = date(2026, 6, 15)


@dataclass
class Check:
    type: CheckType
    result: CheckResult = CheckResult.CLEAR
    requested_on: date | None = date(2026, 1, 5)
    completed_on: date | None = date(2026, 1, 20)
    expires_on: date | None = None
    id: int = 0


def all_clear(**overrides) -> list[Check]:
    return [Check(t, **overrides) for t in DEFAULT_REQUIRED_CHECKS]


def test_eligible_with_every_required_check_clear_and_training_done():
    verdict = matching_eligibility(all_clear(), 120, TODAY)
    assert verdict.eligible
    assert verdict.reasons == []


@pytest.mark.parametrize(
    "result, completed, expected",
    [
        (CheckResult.PENDING, None, "Criminal record check is still pending."),
        (CheckResult.FLAGGED, date(2026, 2, 1), "Criminal record check was flagged."),
    ],
)
def test_a_check_that_is_not_clear_blocks_matching(result, completed, expected):
    checks = [c for c in all_clear() if c.type != CheckType.CRIMINAL_RECORD]
    checks.append(Check(CheckType.CRIMINAL_RECORD, result=result, completed_on=completed))
    verdict = matching_eligibility(checks, 120, TODAY)
    assert not verdict.eligible
    assert verdict.reasons == [expected]


def test_missing_checks_are_each_named():
    checks = [c for c in all_clear() if c.type not in (CheckType.REFERENCES, CheckType.INTERVIEW)]
    verdict = matching_eligibility(checks, 120, TODAY)
    assert verdict.reasons == [
        "Interview check has not been recorded.",
        "References check has not been recorded.",
    ]


def test_expired_check_blocks_and_expiry_day_itself_is_still_valid():
    checks = all_clear()
    checks[3] = Check(CheckType.CRIMINAL_RECORD, expires_on=date(2026, 6, 14))
    verdict = matching_eligibility(checks, 120, TODAY)
    assert verdict.reasons == ["Criminal record check expired on 2026-06-14."]
    checks[3] = Check(CheckType.CRIMINAL_RECORD, expires_on=TODAY)
    verdict = matching_eligibility(checks, 120, TODAY)
    assert verdict.eligible
    assert verdict.warnings == ["Criminal record check expires on 2026-06-15."]


def test_expiry_warning_only_within_the_window():
    checks = all_clear()
    checks[4] = Check(CheckType.CHILD_ABUSE_REGISTRY, expires_on=date(2026, 7, 16))
    assert matching_eligibility(checks, 120, TODAY).warnings == []
    checks[4] = Check(CheckType.CHILD_ABUSE_REGISTRY, expires_on=date(2026, 7, 15))
    assert matching_eligibility(checks, 120, TODAY).warnings == [
        "Child abuse registry check expires on 2026-07-15."
    ]


def test_latest_check_of_a_type_decides():
    old_flag = Check(CheckType.REFERENCES, CheckResult.FLAGGED, completed_on=date(2025, 1, 1))
    renewed = Check(CheckType.REFERENCES, completed_on=date(2026, 2, 1))
    assert check_status([old_flag, renewed], CheckType.REFERENCES, TODAY).state == "clear"
    assert check_status([renewed, old_flag], CheckType.REFERENCES, TODAY).state == "clear"
    newer_flag = Check(CheckType.REFERENCES, CheckResult.FLAGGED, completed_on=date(2026, 3, 1))
    assert check_status([renewed, newer_flag], CheckType.REFERENCES, TODAY).state == "flagged"


def test_a_renewal_in_progress_does_not_hide_a_valid_check():
    valid = Check(CheckType.CRIMINAL_RECORD, completed_on=date(2024, 7, 1),
                  expires_on=date(2026, 7, 1))
    renewal = Check(CheckType.CRIMINAL_RECORD, CheckResult.PENDING,
                    requested_on=date(2026, 6, 1), completed_on=None)
    assert check_status([valid, renewal], CheckType.CRIMINAL_RECORD, TODAY).state == "clear"
    # once the old one has expired, the pending renewal does not make it valid
    later = date(2026, 7, 2)
    assert check_status([valid, renewal], CheckType.CRIMINAL_RECORD, later).state == "expired"


def test_only_checks_completed_by_the_day_count():
    future = Check(CheckType.INTERVIEW, completed_on=date(2026, 6, 20))
    status = check_status([future], CheckType.INTERVIEW, TODAY)
    assert status.state == "pending" and status.check is future
    assert check_status([future], CheckType.INTERVIEW, date(2026, 6, 20)).state == "clear"
    checks = [c for c in all_clear() if c.type != CheckType.INTERVIEW] + [future]
    assert matching_eligibility(checks, 120, TODAY).reasons == ["Interview check is still pending."]


def test_training_hours_are_required():
    verdict = matching_eligibility(all_clear(), 90, TODAY)
    assert verdict.reasons == ["Pre-match training: 1.5 hours of 2 hours done."]
    policy = ScreeningPolicy(training_minutes=360)
    assert matching_eligibility(all_clear(), 120, TODAY, policy=policy).reasons == [
        "Pre-match training: 2 hours of 6 hours done."
    ]


def test_drivers_also_need_a_driving_record():
    verdict = matching_eligibility(all_clear(), 120, TODAY, drives_youth=True)
    assert verdict.reasons == ["Driving record check has not been recorded."]
    checks = all_clear() + [Check(CheckType.DRIVING_RECORD)]
    assert matching_eligibility(checks, 120, TODAY, drives_youth=True).eligible


@pytest.mark.parametrize("status", [VolunteerStatus.DECLINED, VolunteerStatus.WITHDRAWN,
                                    VolunteerStatus.DEFERRED, VolunteerStatus.INACTIVE])
def test_volunteers_out_of_the_pool_are_not_eligible(status):
    verdict = matching_eligibility(all_clear(), 120, TODAY, status=status)
    assert not verdict.eligible
    assert verdict.reasons == [f"The volunteer is {status.value}."]


@pytest.mark.parametrize("minutes", [1, 90, 1439])
def test_sane_durations_pass(minutes):
    assert validate_duration(minutes) == minutes


@pytest.mark.parametrize("minutes", [None, 0, -5, 1440, 5000])
def test_insane_durations_are_refused(minutes):
    with pytest.raises(ValidationError) as info:
        validate_duration(minutes)
    assert info.value.field == "duration_minutes"


def test_session_must_lie_within_match_dates():
    start, end = date(2026, 1, 10), date(2026, 5, 31)
    validate_session_date(start, start, end)
    validate_session_date(end, start, end)
    validate_session_date(date(2030, 1, 1), start, None)
    with pytest.raises(RuleViolation, match="before the match started"):
        validate_session_date(date(2026, 1, 9), start, end)
    with pytest.raises(RuleViolation, match="after the match ended"):
        validate_session_date(date(2026, 6, 1), start, end)
    with pytest.raises(RuleViolation, match="not started"):
        validate_session_date(date(2026, 6, 1), None, None)


def test_one_running_one_to_one_match_per_youth():
    existing = [MatchSummary(1, MatchKind.ONE_TO_ONE, MatchStatus.ON_HOLD)]
    with pytest.raises(RuleViolation, match=r"#1"):
        validate_one_open_match(existing, MatchKind.ONE_TO_ONE, MatchStatus.ACTIVE)
    # the same match may be re-validated; proposals and group matches don't occupy
    validate_one_open_match(existing, MatchKind.ONE_TO_ONE, MatchStatus.ACTIVE, exclude_id=1)
    validate_one_open_match(existing, MatchKind.ONE_TO_ONE, MatchStatus.PROPOSED)
    validate_one_open_match(existing, MatchKind.GROUP, MatchStatus.ACTIVE)
    closed = [MatchSummary(2, MatchKind.ONE_TO_ONE, MatchStatus.CLOSED)]
    validate_one_open_match(closed, MatchKind.ONE_TO_ONE, MatchStatus.ACTIVE)


@pytest.mark.parametrize(
    "old, new, allowed",
    [
        (MatchStatus.PROPOSED, MatchStatus.ACTIVE, True),
        (MatchStatus.PROPOSED, MatchStatus.DECLINED, True),
        (MatchStatus.PROPOSED, MatchStatus.CLOSED, False),
        (MatchStatus.ACTIVE, MatchStatus.ON_HOLD, True),
        (MatchStatus.ON_HOLD, MatchStatus.ACTIVE, True),
        (MatchStatus.CLOSING, MatchStatus.CLOSED, True),
        (MatchStatus.ACTIVE, MatchStatus.PROPOSED, False),
        (MatchStatus.CLOSED, MatchStatus.ACTIVE, False),
        (MatchStatus.DECLINED, MatchStatus.ACTIVE, False),
    ],
)
def test_match_lifecycle(old, new, allowed):
    if allowed:
        validate_transition(old, new)
    else:
        with pytest.raises(RuleViolation):
            validate_transition(old, new)


def test_closure_needs_date_reason_and_category():
    start = date(2025, 3, 1)
    validate_closure(start, date(2026, 3, 1), 4, ClosureCategory.COMPLETED)
    for args, field in [
        ((start, None, 4, ClosureCategory.COMPLETED), "end_date"),
        ((start, date(2025, 2, 28), 4, ClosureCategory.COMPLETED), "end_date"),
        ((start, date(2026, 3, 1), None, ClosureCategory.COMPLETED), "closure_reason_id"),
        ((start, date(2026, 3, 1), 4, None), "closure_category"),
    ]:
        with pytest.raises(ValidationError) as info:
            validate_closure(*args)
        assert info.value.field == field


def test_match_length():
    assert match_length_days(None, None, TODAY) is None
    assert match_length_days(date(2026, 6, 1), None, TODAY) == 14
    assert match_length_days(date(2025, 6, 15), date(2026, 6, 15), TODAY) == 365
