"""One volunteer's way to a match: screening checklist, training, employment, verdict.

Plain rows for the volunteer detail panel, built in one read. The rules
themselves live in domain/rules.py; this module only gathers what they need
and says, in sentences, what is still missing.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from ..domain import Attendance, Branch, Employment, Event, ScreeningCheck, Sponsor, Volunteer
from ..domain.enums import AttendanceStatus, CheckResult, CheckType, EventKind, VolunteerStatus
from ..domain.rules import (
    NOT_MATCHABLE_STATUSES,
    Eligibility,
    ScreeningPolicy,
    check_status,
    matching_eligibility,
)

STATES = ("missing", "pending", "clear", "flagged", "expired")


def not_ready_reasons(eligibility: Eligibility, status: VolunteerStatus) -> tuple[str, ...]:
    """Every reason a volunteer is not ready to match today (empty when ready).

    Ready means eligible by the screening rules *and* accepted: the rules already
    name statuses that take a volunteer out of the pool; this adds the others.
    """
    reasons = list(eligibility.reasons)
    if status == VolunteerStatus.MATCHED:
        reasons.insert(0, "The volunteer is already matched.")
    elif status != VolunteerStatus.ACCEPTED and status not in NOT_MATCHABLE_STATUSES:
        reasons.insert(
            0, f"The status is {status.label.lower()}; set it to accepted once screening is done."
        )
    return tuple(reasons)


@dataclass(frozen=True, slots=True)
class CheckLine:
    """One screening step: its standing today and the check that decides it."""

    type: CheckType
    required: bool
    state: str  # one of STATES
    expiring: bool  # clear, but expires within the warning window
    check_id: int | None = None
    version: int | None = None
    requested_on: date | None = None
    completed_on: date | None = None
    expires_on: date | None = None
    result: CheckResult | None = None
    provider: str | None = None
    recorded: int = 0  # how many checks of this type were ever recorded

    @property
    def label(self) -> str:
        return self.type.label


@dataclass(frozen=True, slots=True)
class TrainingLine:
    event_id: int
    title: str
    event_date: date
    minutes: int


@dataclass(frozen=True, slots=True)
class EmploymentLine:
    id: int
    sponsor_id: int
    sponsor: str
    branch_id: int | None
    branch: str | None
    start_date: date | None
    end_date: date | None


@dataclass(frozen=True)
class VolunteerPipeline:
    volunteer_id: int
    name: str
    status: VolunteerStatus
    drives_youth: bool
    archived: bool
    checks: tuple[CheckLine, ...]
    prior_training_minutes: int
    trainings: tuple[TrainingLine, ...]
    required_training_minutes: int
    employments: tuple[EmploymentLine, ...]
    eligible: bool
    warnings: tuple[str, ...]
    not_ready_reasons: tuple[str, ...]
    expiry_warning_days: int

    @property
    def training_minutes(self) -> int:
        return self.prior_training_minutes + sum(t.minutes for t in self.trainings)

    @property
    def ready_to_match(self) -> bool:
        return not self.not_ready_reasons


def build_pipeline(
    s: Session, volunteer: Volunteer, policy: ScreeningPolicy, today: date
) -> VolunteerPipeline:
    checks = list(
        s.scalars(
            select(ScreeningCheck)
            .where(ScreeningCheck.volunteer_id == volunteer.id)
            .order_by(ScreeningCheck.id)
        )
    )
    trainings = tuple(
        TrainingLine(event_id, title, day, minutes)
        for event_id, title, day, minutes in s.execute(
            select(Event.id, Event.title, Event.event_date, Event.duration_minutes)
            .join(Attendance, Attendance.event_id == Event.id)
            .where(
                Attendance.volunteer_id == volunteer.id,
                Attendance.status == AttendanceStatus.ATTENDED,
                Event.kind == EventKind.PRE_MATCH_TRAINING,
                Event.archived_at.is_(None),
            )
            .order_by(Event.event_date, Event.id)
        )
    )
    employments = tuple(
        EmploymentLine(e.id, e.sponsor_id, sponsor, e.branch_id, branch, e.start_date, e.end_date)
        for e, sponsor, branch in s.execute(
            select(Employment, Sponsor.name, Branch.name)
            .join(Sponsor, Sponsor.id == Employment.sponsor_id)
            .outerjoin(Branch, Branch.id == Employment.branch_id)
            .where(Employment.volunteer_id == volunteer.id)
            .order_by(Employment.start_date.is_(None).desc(), Employment.start_date, Employment.id)
        )
    )
    required = policy.checks_for(volunteer.drives_youth)
    recorded = {c.type for c in checks}
    types = [*required, *(t for t in CheckType if t in recorded and t not in required)]
    soon = today + timedelta(days=policy.expiry_warning_days)
    lines = []
    for check_type in types:
        st = check_status(checks, check_type, today)
        c = st.check
        lines.append(
            CheckLine(
                type=check_type, required=check_type in required, state=st.state,
                expiring=st.state == "clear" and c.expires_on is not None and c.expires_on <= soon,
                check_id=c.id if c else None, version=c.version if c else None,
                requested_on=c.requested_on if c else None,
                completed_on=c.completed_on if c else None,
                expires_on=c.expires_on if c else None,
                result=c.result if c else None, provider=c.provider if c else None,
                recorded=sum(1 for x in checks if x.type == check_type),
            )
        )
    minutes = volunteer.prior_training_minutes + sum(t.minutes for t in trainings)
    eligibility = matching_eligibility(
        checks, minutes, today, drives_youth=volunteer.drives_youth, status=volunteer.status,
        policy=policy,
    )
    reasons = not_ready_reasons(eligibility, volunteer.status)
    if volunteer.archived_at is not None:
        reasons = ("The volunteer is archived; restore the record first.", *reasons)
    return VolunteerPipeline(
        volunteer_id=volunteer.id, name=volunteer.full_name, status=volunteer.status,
        drives_youth=volunteer.drives_youth, archived=volunteer.archived_at is not None,
        checks=tuple(lines), prior_training_minutes=volunteer.prior_training_minutes,
        trainings=trainings, required_training_minutes=policy.training_minutes,
        employments=employments, eligible=eligibility.eligible,
        warnings=tuple(eligibility.warnings), not_ready_reasons=reasons,
        expiry_warning_days=policy.expiry_warning_days,
    )
