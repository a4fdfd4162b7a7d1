"""Youth records, including the deliberate 'anonymise' for retention rules."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import case, select, update
from sqlalchemy.orm import Session

from ..domain import AuditEntry, Match, Programme, Youth
from ..domain.base import utcnow
from ..domain.enums import MatchStatus, YouthStatus
from ..domain.errors import RuleViolation, ValidationError
from ..domain.values import normalise_email, normalise_name, normalise_phone, normalise_tags
from .base import Service, apply_changes, check_version, get_or_raise, optional_text
from .employment import employer_at, employment_spans

EDITABLE = frozenset(
    {
        "programme_ref", "programme_id", "first_name", "last_name", "date_of_birth", "grade",
        "school", "gender", "city", "guardian_name", "guardian_phone", "guardian_email",
        "consent_on", "languages", "interests", "preferences", "status", "referred_on", "notes",
    }
)
# What anonymising clears (the record, its matches and sessions stay for statistics).
PERSONAL_FIELDS = {
    "first_name": "Anonymised",
    "last_name": "",
    "date_of_birth": None,
    "school": None,
    "gender": None,
    "city": None,
    "guardian_name": None,
    "guardian_phone": None,
    "guardian_email": None,
    "languages": "",
    "interests": "",
    "preferences": "",
    "notes": "",
}


@dataclass(frozen=True, slots=True)
class YouthRow:
    id: int
    programme_ref: str | None
    first_name: str
    last_name: str
    date_of_birth: date | None
    grade: str | None
    school: str | None
    programme: str | None
    status: YouthStatus
    archived: bool
    programme_id: int | None = None
    referred_on: date | None = None
    # The companies and branches of their mentors: each match's volunteer's employer
    # when the match started (or was proposed); declined and archived matches left out.
    sponsors: tuple[tuple[int, str], ...] = ()
    branches: tuple[tuple[int, str, int], ...] = ()

    @property
    def name(self) -> str:
        return f"{self.first_name} {self.last_name}".strip()


def normalise_youth_fields(fields: dict[str, Any]) -> dict[str, Any]:
    out = dict(fields)
    for key, label in (("first_name", "first name"), ("last_name", "last name")):
        if key in out:
            out[key] = normalise_name(out[key])
            if not out[key]:
                raise ValidationError(f"Enter the young person's {label}.", key)
    if "guardian_email" in out:
        out["guardian_email"] = normalise_email(out["guardian_email"], "guardian_email")
    if "guardian_phone" in out:
        try:
            out["guardian_phone"] = normalise_phone(out["guardian_phone"])
        except ValidationError as exc:  # the form field is the guardian's phone
            raise ValidationError(str(exc), "guardian_phone") from None
    for key in ("languages", "interests"):
        if key in out:
            out[key] = normalise_tags(out[key])
    for key in ("programme_ref", "grade", "school", "gender", "city", "guardian_name"):
        if key in out:
            out[key] = optional_text(out[key])
    if "status" in out:
        try:
            out["status"] = YouthStatus(out["status"])
        except ValueError:
            raise ValidationError(f"{out['status']!r} is not a youth status.", "status") from None
    dob = out.get("date_of_birth")
    if dob is not None and dob > date.today():
        raise ValidationError("The date of birth cannot be in the future.", "date_of_birth")
    for key in ("notes", "preferences"):
        if key in out and out[key] is None:
            out[key] = ""
    return out


class YouthService(Service):
    what = "young person"
    model = Youth

    def create(self, **fields: Any) -> Youth:
        unknown = set(fields) - EDITABLE
        if unknown:
            raise ValidationError(f"Unknown youth field {sorted(unknown)[0]!r}.")
        fields.setdefault("first_name", "")
        fields.setdefault("last_name", "")
        fields = normalise_youth_fields(fields)
        with self.db.transaction() as s:
            self._ensure_ref_free(s, fields.get("programme_ref"), None)
            if fields.get("programme_id") is not None:
                get_or_raise(s, Programme, fields["programme_id"], "programme")
            youth = Youth(**fields)
            s.add(youth)
            return youth

    def update(self, youth_id: int, expected_version: int | None = None, **changes: Any) -> Youth:
        changes = normalise_youth_fields(changes)
        with self.db.transaction() as s:
            youth = get_or_raise(s, Youth, youth_id, self.what)
            check_version(youth, expected_version, self.what)
            if youth.anonymised_at is not None:
                raise RuleViolation("This record was anonymised and can no longer be edited.")
            if "programme_ref" in changes:
                self._ensure_ref_free(s, changes["programme_ref"], youth_id)
            apply_changes(youth, changes, EDITABLE)
            return youth

    def _ensure_ref_free(self, s, ref: str | None, own_id: int | None) -> None:
        if not ref:
            return
        other = s.scalar(select(Youth).where(Youth.programme_ref == ref))
        if other is not None and other.id != own_id:
            raise ValidationError(
                f"Programme ID {ref} already belongs to another young person (ID {other.id}).",
                "programme_ref",
            )

    def anonymise(self, youth_id: int, expected_version: int | None = None) -> None:
        """Remove a young person's personal data; only once every match is over."""
        with self.db.transaction() as s:
            youth = get_or_raise(s, Youth, youth_id, self.what)
            check_version(youth, expected_version, self.what)
            running = s.scalars(select(Match).where(Match.youth_id == youth_id)).all()
            if any(m.status.is_open or m.status.value == "proposed" for m in running):
                raise RuleViolation(
                    "Close or decline this young person's matches before anonymising the record."
                )
            for key, value in PERSONAL_FIELDS.items():
                setattr(youth, key, value)
            youth.status = YouthStatus.EXITED
            youth.anonymised_at = utcnow()
            if youth.archived_at is None:
                youth.archived_at = utcnow()
            # The audit log keeps that fields changed, not the personal values.
            s.flush()
            removed = "(anonymised)"
            s.execute(
                update(AuditEntry)
                .where(
                    AuditEntry.entity == Youth.__tablename__,
                    AuditEntry.entity_id == youth_id,
                    AuditEntry.field.in_(list(PERSONAL_FIELDS)),
                )
                .values(
                    old_value=case((AuditEntry.old_value.is_(None), None), else_=removed),
                    new_value=case((AuditEntry.new_value.is_(None), None), else_=removed),
                )
            )

    def list_rows(self, *, include_archived: bool = False) -> list[YouthRow]:
        with self.db.reading() as s:
            query = (
                select(Youth, Programme.name)
                .outerjoin(Programme, Programme.id == Youth.programme_id)
                .order_by(Youth.last_name, Youth.first_name)
            )
            if not include_archived:
                query = query.where(Youth.archived_at.is_(None))
            found = s.execute(query).all()
            mentors = _mentor_employers(s)
        return [
            YouthRow(
                id=y.id, programme_ref=y.programme_ref, first_name=y.first_name,
                last_name=y.last_name, date_of_birth=y.date_of_birth, grade=y.grade,
                school=y.school, programme=programme, status=y.status,
                archived=y.archived_at is not None, programme_id=y.programme_id,
                referred_on=y.referred_on, sponsors=tuple(sorted(mentors[y.id][0])),
                branches=tuple(sorted(mentors[y.id][1])),
            )
            for y, programme in found
        ]


def _mentor_employers(s: Session) -> defaultdict[int, tuple[set, set]]:
    """Per young person: (companies, branches) of their matches' volunteers, each at the
    match's start (or proposal) date."""
    spans = employment_spans(s)
    found: defaultdict[int, tuple[set, set]] = defaultdict(lambda: (set(), set()))
    for youth_id, volunteer_id, start, proposed in s.execute(
        select(Match.youth_id, Match.volunteer_id, Match.start_date, Match.proposed_on)
        .where(Match.status != MatchStatus.DECLINED, Match.archived_at.is_(None))
    ):
        job = employer_at(spans.get(volunteer_id, ()), start or proposed)
        if job is not None:
            found[youth_id][0].add((job.sponsor_id, job.sponsor))
            if job.branch_id is not None:
                found[youth_id][1].add((job.branch_id, job.branch, job.sponsor_id))
    return found
