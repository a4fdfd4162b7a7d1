"""Volunteers: records, screening checks, eligibility.

The employment history (EmploymentHistory, services/employment.py) and the list
(VolunteerRows, services/volunteer_rows.py) are parts of VolunteerService kept in
modules of their own; their public names are importable from here as before.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from ..domain import Attendance, ScreeningCheck, Volunteer
from ..domain.enums import CheckResult, CheckType, VolunteerStatus
from ..domain.errors import ValidationError
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
from .employment import EmploymentHistory, current_employment_on
from .settings import SettingsService
from .volunteer_pipeline import VolunteerPipeline, build_pipeline
from .volunteer_rows import VolunteerRow, VolunteerRows, training_minutes_query

__all__ = ["CHECK_EDITABLE", "EDITABLE", "VolunteerRow", "VolunteerService",
           "current_employment_on", "normalise_volunteer_fields", "training_minutes_query"]

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


class VolunteerService(VolunteerRows, EmploymentHistory, Service):
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


def _validate_check(fields: dict[str, Any]) -> None:
    completed, expires = fields.get("completed_on"), fields.get("expires_on")
    if completed and expires and expires < completed:
        raise ValidationError("The expiry date must be after the completion date.", "expires_on")
    if fields.get("result") in (CheckResult.CLEAR, CheckResult.FLAGGED) and completed is None:
        raise ValidationError(
            "Enter the date the check was completed before recording its result.", "completed_on"
        )
