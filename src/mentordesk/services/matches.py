"""Matches: proposal, start, hold, closure (with the closure record).

The lists and the match page's reads are MatchReads (services/match_reads.py),
inherited by MatchService; MatchRow, MatchDetail and TimelineEntry are
importable from here as before.
"""

from __future__ import annotations

from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from ..domain import ClosureReason, Match, Programme, SupportContact, Volunteer, Youth
from ..domain.cadence import ContactDue, contact_status
from ..domain.enums import ClosureCategory, MatchKind, MatchStatus, VolunteerStatus, YouthStatus
from ..domain.errors import RuleViolation, ValidationError
from ..domain.rules import (
    MatchSummary,
    validate_closure,
    validate_match_dates,
    validate_one_open_match,
    validate_transition,
)
from .base import Service, check_version, ensure_unique_name, get_or_raise, parse_choice
from .match_reads import MatchDetail, MatchReads, MatchRow, TimelineEntry, _last_activity
from .settings import SettingsService
from .volunteers import VolunteerService

__all__ = ["MatchDetail", "MatchRow", "MatchService", "TimelineEntry"]


def _youth_summaries(s: Session, youth_id: int) -> list[MatchSummary]:
    return [
        MatchSummary(m.id, m.kind, m.status)
        for m in s.scalars(select(Match).where(Match.youth_id == youth_id))
    ]


def _check_after_activity(s: Session, match_id: int, end_date: date) -> None:
    """Sessions and support contacts lie within the match's dates."""
    last = _last_activity(s, match_id)
    if last is not None and end_date < last:
        raise ValidationError(
            f"This match has sessions or support contacts up to {last.isoformat()}; "
            "the closure date cannot be before them.",
            "end_date",
        )


class MatchService(MatchReads, Service):
    what = "match"
    model = Match

    def _require_eligible(self, volunteer_id: int, on: date) -> None:
        verdict = VolunteerService(self.db).eligibility(volunteer_id, on)
        if not verdict.eligible:
            raise RuleViolation(
                "This volunteer cannot be matched yet: " + " ".join(verdict.reasons),
                verdict.reasons,
            )

    def propose(
        self,
        volunteer_id: int,
        youth_id: int,
        programme_id: int,
        *,
        proposed_on: date,
        kind: MatchKind = MatchKind.ONE_TO_ONE,
        plan: str = "",
    ) -> Match:
        with self.db.transaction() as s:
            get_or_raise(s, Volunteer, volunteer_id, "volunteer")
            get_or_raise(s, Youth, youth_id, "young person")
            get_or_raise(s, Programme, programme_id, "programme")
            match = Match(
                volunteer_id=volunteer_id, youth_id=youth_id, programme_id=programme_id,
                kind=parse_choice(MatchKind, kind, "kind", "match kind"), status=MatchStatus.PROPOSED, proposed_on=proposed_on,
                plan=plan or "",
            )
            s.add(match)
            return match

    def activate(self, match_id: int, start_date: date, expected_version: int | None = None) -> Match:
        """Start a proposed match: the volunteer must be eligible on the start date."""
        with self.db.reading() as s:
            match = get_or_raise(s, Match, match_id, self.what)
            volunteer_id = match.volunteer_id
        self._require_eligible(volunteer_id, start_date)
        with self.db.transaction() as s:
            match = get_or_raise(s, Match, match_id, self.what)
            check_version(match, expected_version, self.what)
            validate_transition(match.status, MatchStatus.ACTIVE)
            # Query before changing the match, so it is written once (one version step).
            validate_one_open_match(
                _youth_summaries(s, match.youth_id), match.kind, MatchStatus.ACTIVE, match.id
            )
            if match.status == MatchStatus.PROPOSED:
                validate_match_dates(start_date, match.end_date)
                match.start_date = start_date
            match.status = MatchStatus.ACTIVE
            match.volunteer.status = VolunteerStatus.MATCHED
            if match.kind == MatchKind.ONE_TO_ONE:
                match.youth.status = YouthStatus.MATCHED
            return match

    def set_status(self, match_id: int, status: MatchStatus, expected_version: int | None = None) -> Match:
        """Put a running match on hold, into closing, or back to active."""
        status = parse_choice(MatchStatus, status, "status", "match status")
        if status == MatchStatus.CLOSED:
            raise RuleViolation("Use the closure form to close a match, so the closure is recorded.")
        with self.db.transaction() as s:
            match = get_or_raise(s, Match, match_id, self.what)
            check_version(match, expected_version, self.what)
            if match.status == MatchStatus.PROPOSED and status == MatchStatus.ACTIVE:
                raise RuleViolation("Start a proposed match by giving its start date.")
            validate_transition(match.status, status)
            match.status = status
            return match

    def decline(self, match_id: int, expected_version: int | None = None, note: str = "") -> Match:
        with self.db.transaction() as s:
            match = get_or_raise(s, Match, match_id, self.what)
            check_version(match, expected_version, self.what)
            validate_transition(match.status, MatchStatus.DECLINED)
            match.status = MatchStatus.DECLINED
            if note:
                match.closure_note = note
            return match

    def close(
        self,
        match_id: int,
        *,
        end_date: date,
        reason_id: int | None,
        category: ClosureCategory | None,
        rematch_eligible: bool | None,
        note: str = "",
        expected_version: int | None = None,
    ) -> Match:
        """Record the closure: the end date is the date closure was completed."""
        with self.db.transaction() as s:
            match = get_or_raise(s, Match, match_id, self.what)
            check_version(match, expected_version, self.what)
            validate_transition(match.status, MatchStatus.CLOSED)
            validate_closure(match.start_date, end_date, reason_id, category)
            reason = get_or_raise(s, ClosureReason, reason_id, "closure reason")
            _check_after_activity(s, match_id, end_date)
            match.status = MatchStatus.CLOSED
            match.end_date = end_date
            match.closure_reason_id = reason.id
            match.closure_category = parse_choice(
                ClosureCategory, category, "closure_category", "closure category")
            match.rematch_eligible = rematch_eligible
            match.closure_note = note or ""
            s.flush()
            self._release_people(s, match)
            return match

    def _release_people(self, s: Session, match: Match) -> None:
        """After a closure, people with no other running match are no longer 'matched'."""
        others = s.scalars(
            select(Match).where(Match.id != match.id, Match.status.in_(
                [MatchStatus.ACTIVE, MatchStatus.ON_HOLD, MatchStatus.CLOSING]))
            .where((Match.volunteer_id == match.volunteer_id) | (Match.youth_id == match.youth_id))
        ).all()
        if not any(o.volunteer_id == match.volunteer_id for o in others):
            if match.volunteer.status == VolunteerStatus.MATCHED:
                match.volunteer.status = (
                    VolunteerStatus.ACCEPTED if match.rematch_eligible else VolunteerStatus.INACTIVE
                )
        if not any(o.youth_id == match.youth_id for o in others):
            if match.youth.status == YouthStatus.MATCHED:
                match.youth.status = YouthStatus.WAITING if match.rematch_eligible else YouthStatus.EXITED

    def update_plan(self, match_id: int, plan: str, expected_version: int | None = None) -> Match:
        with self.db.transaction() as s:
            match = get_or_raise(s, Match, match_id, self.what)
            check_version(match, expected_version, self.what)
            match.plan = plan or ""
            return match

    def closure_reasons(self, include_inactive: bool = False) -> list[ClosureReason]:
        with self.db.reading() as s:
            query = select(ClosureReason).order_by(ClosureReason.sort_order, ClosureReason.label)
            if not include_inactive:
                query = query.where(ClosureReason.active.is_(True))
            return list(s.scalars(query))

    def add_closure_reason(self, label: str, default_category: ClosureCategory | None = None) -> ClosureReason:
        label = " ".join((label or "").split())
        if not label:
            raise ValidationError("Enter the closure reason.", "label")
        with self.db.transaction() as s:
            ensure_unique_name(s, ClosureReason, label, None, "closure reason", attr="label")
            last = s.scalar(select(ClosureReason.sort_order).order_by(ClosureReason.sort_order.desc()))
            reason = ClosureReason(
                label=label, default_category=default_category, active=True,
                sort_order=(last or 0) + 10,
            )
            s.add(reason)
            return reason

    def contact_due(self, match_id: int, today: date) -> ContactDue | None:
        """When the next support contact is due (None for a match that is not running)."""
        cadence = SettingsService(self.db).cadence()
        with self.db.reading() as s:
            match = get_or_raise(s, Match, match_id, self.what)
            if not match.status.is_open or match.start_date is None:
                return None
            dates = s.scalars(
                select(SupportContact.contact_date).where(
                    SupportContact.match_id == match_id, SupportContact.made.is_(True)
                )
            ).all()
            return contact_status(match.start_date, dates, today, cadence)

    def check_closure_date(self, match_id: int, end_date: date | None) -> None:
        """Raise the error close() would give for this closure date (a form checks early)."""
        with self.db.reading() as s:
            match = get_or_raise(s, Match, match_id, self.what)
            # Only the date is in question here: the reason and category are checked at close.
            validate_closure(match.start_date, end_date, 0, ClosureCategory.COMPLETED)
            _check_after_activity(s, match_id, end_date)
