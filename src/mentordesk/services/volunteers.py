"""Volunteers: records, employment history, screening checks, eligibility."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from sqlalchemy import and_, func, or_, select
from sqlalchemy.orm import Session

from ..domain import Attendance, Branch, Employment, Event, ScreeningCheck, Sponsor, Volunteer
from ..domain.enums import AttendanceStatus, CheckResult, CheckType, EventKind, VolunteerStatus
from ..domain.errors import ConflictError, ValidationError
from ..domain.rules import Eligibility, matching_eligibility
from ..domain.values import normalise_email, normalise_name, normalise_phone, normalise_tags
from .base import (
    Service,
    apply_changes,
    check_version,
    get_or_raise,
    optional_text,
    parse_choice,
)
from .settings import SettingsService
from .volunteer_pipeline import VolunteerPipeline, build_pipeline, not_ready_reasons

EDITABLE = frozenset(
    {
        "first_name", "last_name", "email", "phone", "date_of_birth", "gender", "city",
        "postcode", "status", "applied_on", "languages", "interests", "availability",
        "preferences", "drives_youth", "prior_training_minutes", "consent_named_in_reports",
        "notes",
    }
)
CHECK_EDITABLE = frozenset(
    {"type", "provider", "requested_on", "completed_on", "expires_on", "result"}
)


@dataclass(frozen=True, slots=True)
class VolunteerRow:
    """One line of the volunteers list (plain values, cheap to hold by thousands)."""

    id: int
    first_name: str
    last_name: str
    email: str | None
    phone: str | None
    status: VolunteerStatus
    sponsor: str | None
    branch: str | None
    city: str | None
    training_minutes: int
    eligible: bool
    archived: bool
    # Every reason the volunteer is not ready to match today (empty when ready).
    not_ready_reasons: tuple[str, ...] = ()

    @property
    def name(self) -> str:
        return f"{self.first_name} {self.last_name}"

    @property
    def ready_to_match(self) -> bool:
        return self.eligible and self.status == VolunteerStatus.ACCEPTED


def normalise_volunteer_fields(fields: dict[str, Any]) -> dict[str, Any]:
    out = dict(fields)
    for key in ("first_name", "last_name"):
        if key in out:
            out[key] = normalise_name(out[key])
            if not out[key]:
                label = "first name" if key == "first_name" else "last name"
                raise ValidationError(f"Enter the volunteer's {label}.", key)
    if "email" in out:
        out["email"] = normalise_email(out["email"])
    if "phone" in out:
        out["phone"] = normalise_phone(out["phone"])
    for key in ("languages", "interests", "availability"):
        if key in out:
            out[key] = normalise_tags(out[key])
    for key in ("gender", "city", "postcode"):
        if key in out:
            out[key] = optional_text(out[key])
    if "status" in out:
        try:
            out["status"] = VolunteerStatus(out["status"])
        except ValueError:
            raise ValidationError(f"{out['status']!r} is not a volunteer status.", "status") from None
    if "prior_training_minutes" in out:
        minutes = out["prior_training_minutes"] or 0
        if minutes < 0:
            raise ValidationError("Training time cannot be negative.", "prior_training_minutes")
        out["prior_training_minutes"] = int(minutes)
    for key in ("notes", "preferences"):
        if key in out and out[key] is None:
            out[key] = ""
    return out


def training_minutes_query():
    """Pre-match training minutes per volunteer from attended training events."""
    return (
        select(Attendance.volunteer_id, func.sum(Event.duration_minutes))
        .join(Event, Event.id == Attendance.event_id)
        .where(
            Event.kind == EventKind.PRE_MATCH_TRAINING,
            Attendance.status == AttendanceStatus.ATTENDED,
            Event.archived_at.is_(None),
        )
        .group_by(Attendance.volunteer_id)
    )


def current_employment_on(day: date):
    """Condition: the employment covers `day` (open ends count as covering)."""
    return and_(
        or_(Employment.start_date.is_(None), Employment.start_date <= day),
        or_(Employment.end_date.is_(None), Employment.end_date >= day),
    )


class VolunteerService(Service):
    what = "volunteer"
    model = Volunteer

    # --- records ---------------------------------------------------------

    def create(
        self,
        *,
        sponsor_id: int | None = None,
        branch_id: int | None = None,
        employed_since: date | None = None,
        **fields: Any,
    ) -> Volunteer:
        unknown = set(fields) - EDITABLE
        if unknown:
            raise ValidationError(f"Unknown volunteer field {sorted(unknown)[0]!r}.")
        for key in ("first_name", "last_name"):
            fields.setdefault(key, "")
        fields = normalise_volunteer_fields(fields)
        with self.db.transaction() as s:
            self._ensure_email_free(s, fields.get("email"), None)
            volunteer = Volunteer(**fields)
            s.add(volunteer)
            s.flush()
            if sponsor_id is not None:
                self._add_employment(s, volunteer.id, sponsor_id, branch_id, employed_since)
            return volunteer

    def update(self, volunteer_id: int, expected_version: int | None = None, **changes: Any) -> Volunteer:
        changes = normalise_volunteer_fields(changes)
        with self.db.transaction() as s:
            volunteer = get_or_raise(s, Volunteer, volunteer_id, self.what)
            check_version(volunteer, expected_version, self.what)
            if "email" in changes:
                self._ensure_email_free(s, changes["email"], volunteer_id)
            apply_changes(volunteer, changes, EDITABLE)
            return volunteer

    def _ensure_email_free(self, s: Session, email: str | None, own_id: int | None) -> None:
        if not email:
            return
        other = s.scalar(select(Volunteer).where(Volunteer.email == email))
        if other is not None and other.id != own_id:
            raise ValidationError(
                f"{other.full_name} (ID {other.id}) already uses {email}; "
                "each volunteer needs their own email address.",
                "email",
            )

    def find_by_email(self, email: str) -> Volunteer | None:
        with self.db.reading() as s:
            return s.scalar(select(Volunteer).where(Volunteer.email == email.strip().lower()))

    # --- employment history -----------------------------------------------

    def _add_employment(
        self, s: Session, volunteer_id: int, sponsor_id: int, branch_id: int | None,
        start: date | None,
    ) -> Employment:
        get_or_raise(s, Sponsor, sponsor_id, "sponsor company")
        if branch_id is not None:
            branch = get_or_raise(s, Branch, branch_id, "branch")
            if branch.sponsor_id != sponsor_id:
                raise ValidationError("That branch belongs to another company.", "branch_id")
        employment = Employment(
            volunteer_id=volunteer_id, sponsor_id=sponsor_id, branch_id=branch_id, start_date=start
        )
        s.add(employment)
        return employment

    def set_employer(
        self, volunteer_id: int, sponsor_id: int | None, branch_id: int | None, since: date
    ) -> None:
        """From `since` on, the volunteer works for sponsor/branch (None: no employer).

        The employment that was open ends the day before, so the hours of every
        session count for the branch the volunteer was at on that day.
        """
        if since is None:
            raise ValidationError("Enter the date from which the new employer applies.", "since")
        with self.db.transaction() as s:
            get_or_raise(s, Volunteer, volunteer_id, self.what)
            open_rows = s.scalars(
                select(Employment).where(
                    Employment.volunteer_id == volunteer_id, Employment.end_date.is_(None)
                )
            ).all()
            for row in open_rows:
                if row.sponsor_id == sponsor_id and row.branch_id == branch_id:
                    return
                if row.start_date is not None and row.start_date >= since:
                    raise ValidationError(
                        f"The current employment started on {row.start_date.isoformat()}; "
                        "a change must start after that.",
                        "since",
                    )
                row.end_date = since - timedelta(days=1)
            if sponsor_id is not None:
                self._add_employment(s, volunteer_id, sponsor_id, branch_id, since)

    def undo_employer_change(self, volunteer_id: int, since: date) -> None:
        """Take back set_employer(..., since): the period it opened goes, the one it closed reopens."""
        with self.db.transaction() as s:
            get_or_raise(s, Volunteer, volunteer_id, self.what)
            rows = s.scalars(select(Employment).where(Employment.volunteer_id == volunteer_id)).all()
            opened = [r for r in rows if r.end_date is None and r.start_date == since]
            others_open = [r for r in rows if r.end_date is None and r.start_date != since]
            closed = [r for r in rows if r.end_date == since - timedelta(days=1)]
            if others_open or any(r.start_date is not None and r.start_date > since for r in rows):
                raise ConflictError(
                    "The employer was changed again since; open the volunteer and set it by hand."
                )
            for row in opened:
                s.delete(row)
            s.flush()
            for row in closed:
                row.end_date = None

    def employments(self, volunteer_id: int) -> list[Employment]:
        with self.db.reading() as s:
            return list(
                s.scalars(
                    select(Employment)
                    .where(Employment.volunteer_id == volunteer_id)
                    .order_by(Employment.start_date.is_(None).desc(), Employment.start_date)
                )
            )

    def employer_on(self, volunteer_id: int, day: date) -> Employment | None:
        with self.db.reading() as s:
            return s.scalar(
                select(Employment)
                .where(Employment.volunteer_id == volunteer_id, current_employment_on(day))
                .order_by(Employment.start_date.desc())
            )

    # --- screening ----------------------------------------------------------

    def record_check(
        self,
        volunteer_id: int,
        type: CheckType,
        *,
        result: CheckResult = CheckResult.PENDING,
        requested_on: date | None = None,
        completed_on: date | None = None,
        expires_on: date | None = None,
        provider: str | None = None,
    ) -> ScreeningCheck:
        fields = dict(
            type=parse_choice(CheckType, type, "type", "screening check type"),
            result=parse_choice(CheckResult, result, "result", "check result"),
            requested_on=requested_on,
            completed_on=completed_on, expires_on=expires_on, provider=optional_text(provider),
        )
        _validate_check(fields)
        with self.db.transaction() as s:
            get_or_raise(s, Volunteer, volunteer_id, self.what)
            check = ScreeningCheck(volunteer_id=volunteer_id, **fields)
            s.add(check)
            return check

    def update_check(self, check_id: int, expected_version: int | None = None, **changes: Any) -> ScreeningCheck:
        with self.db.transaction() as s:
            check = get_or_raise(s, ScreeningCheck, check_id, "screening check")
            check_version(check, expected_version, "screening check")
            apply_changes(check, changes, CHECK_EDITABLE)
            _validate_check(
                dict(result=check.result, completed_on=check.completed_on, expires_on=check.expires_on)
            )
            return check

    def checks(self, volunteer_id: int) -> list[ScreeningCheck]:
        with self.db.reading() as s:
            return list(
                s.scalars(
                    select(ScreeningCheck)
                    .where(ScreeningCheck.volunteer_id == volunteer_id)
                    .order_by(ScreeningCheck.type, ScreeningCheck.id)
                )
            )

    def training_minutes(self, volunteer_id: int) -> int:
        with self.db.reading() as s:
            volunteer = get_or_raise(s, Volunteer, volunteer_id, self.what)
            events = s.execute(
                training_minutes_query().where(Attendance.volunteer_id == volunteer_id)
            ).first()
            return volunteer.prior_training_minutes + int(events[1] if events else 0)

    def eligibility(self, volunteer_id: int, today: date) -> Eligibility:
        policy = SettingsService(self.db).screening_policy()
        training = self.training_minutes(volunteer_id)
        with self.db.reading() as s:
            volunteer = get_or_raise(s, Volunteer, volunteer_id, self.what)
            checks = s.scalars(
                select(ScreeningCheck).where(ScreeningCheck.volunteer_id == volunteer_id)
            ).all()
            return matching_eligibility(
                checks, training, today, drives_youth=volunteer.drives_youth,
                status=volunteer.status, policy=policy,
            )

    def pipeline(self, volunteer_id: int, today: date) -> VolunteerPipeline:
        """The screening checklist, training, employment history and the verdict on `today`."""
        policy = SettingsService(self.db).screening_policy()
        with self.db.reading() as s:
            volunteer = get_or_raise(s, Volunteer, volunteer_id, self.what)
            return build_pipeline(s, volunteer, policy, today)

    # --- lists ----------------------------------------------------------------

    def list_rows(
        self,
        today: date,
        *,
        include_archived: bool = False,
        status: VolunteerStatus | None = None,
        sponsor_id: int | None = None,
    ) -> list[VolunteerRow]:
        """Every volunteer as a plain row, with employer today and readiness to match."""
        policy = SettingsService(self.db).screening_policy()
        with self.db.reading() as s:
            v = Volunteer
            query = select(
                v.id, v.first_name, v.last_name, v.email, v.phone, v.status, v.city,
                v.drives_youth, v.prior_training_minutes, v.archived_at,
            ).order_by(v.last_name, v.first_name)
            if not include_archived:
                query = query.where(v.archived_at.is_(None))
            if status is not None:
                query = query.where(v.status == status)
            volunteers = s.execute(query).all()
            employers: dict[int, tuple[int, str, str | None]] = {}
            for vid, sid, sname, bname in s.execute(
                select(Employment.volunteer_id, Sponsor.id, Sponsor.name, Branch.name)
                .join(Sponsor, Sponsor.id == Employment.sponsor_id)
                .outerjoin(Branch, Branch.id == Employment.branch_id)
                .where(current_employment_on(today))
                .order_by(Employment.start_date.is_(None).desc(), Employment.start_date)
            ):
                employers[vid] = (sid, sname, bname)
            training = dict(s.execute(training_minutes_query()).all())
            # Plain rows (not ORM objects) are enough for the rules and much cheaper.
            checks: dict[int, list] = defaultdict(list)
            c = ScreeningCheck
            for check in s.execute(
                select(c.volunteer_id, c.id, c.type, c.result, c.requested_on, c.completed_on,
                       c.expires_on)
            ):
                checks[check.volunteer_id].append(check)
            rows = []
            for v in volunteers:
                employer = employers.get(v.id)
                if sponsor_id is not None and (employer is None or employer[0] != sponsor_id):
                    continue
                minutes = v.prior_training_minutes + int(training.get(v.id, 0))
                eligibility = matching_eligibility(
                    checks.get(v.id, ()), minutes, today, drives_youth=v.drives_youth,
                    status=v.status, policy=policy,
                )
                rows.append(
                    VolunteerRow(
                        id=v.id, first_name=v.first_name, last_name=v.last_name, email=v.email,
                        phone=v.phone, status=v.status,
                        sponsor=employer[1] if employer else None,
                        branch=employer[2] if employer else None,
                        city=v.city, training_minutes=minutes, eligible=eligibility.eligible,
                        archived=v.archived_at is not None,
                        not_ready_reasons=not_ready_reasons(eligibility, v.status),
                    )
                )
            return rows


def _validate_check(fields: dict[str, Any]) -> None:
    completed, expires = fields.get("completed_on"), fields.get("expires_on")
    if completed and expires and expires < completed:
        raise ValidationError("The expiry date must be after the completion date.", "expires_on")
    if fields.get("result") in (CheckResult.CLEAR, CheckResult.FLAGGED) and completed is None:
        raise ValidationError(
            "Enter the date the check was completed before recording its result.", "completed_on"
        )
