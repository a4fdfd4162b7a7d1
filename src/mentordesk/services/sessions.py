"""Sessions (meetings of a match, hours for the volunteer) and support contacts."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import func, select

from ..domain import Match, MentoringSession, SupportContact
from ..domain.enums import ContactMethod, ContactParty, SessionMedium, SessionStatus
from ..domain.errors import MentorDeskError, NotFound, RuleViolation, ValidationError
from ..domain.rules import validate_duration, validate_session_date
from . import session_queries as queries
from .base import Service, apply_changes, check_version, get_or_raise, parse_choice
from .session_queries import SORT_KEYS, MatchChoice, SessionQuery, SessionRow

__all__ = [
    "SORT_KEYS", "EntryError", "MatchChoice", "SessionEntry", "SessionQuery", "SessionRow",
    "SessionService", "SupportContactService",
]

SESSION_FIELDS = frozenset({"session_date", "duration_minutes", "medium", "status", "notes"})
CONTACT_FIELDS = frozenset(
    {"contact_date", "party", "method", "made", "duration_minutes", "rating", "concerns",
     "follow_up_due", "notes", "coordinator"}
)


@dataclass(frozen=True)
class SessionEntry:
    """One line of a sign-in sheet."""

    match_id: int
    session_date: date
    duration_minutes: int
    medium: SessionMedium = SessionMedium.IN_PERSON
    status: SessionStatus = SessionStatus.ATTENDED
    notes: str = ""


class EntryError(MentorDeskError):
    """A line of a batch was refused; `index` is its position in the batch."""

    def __init__(self, index: int, error: MentorDeskError):
        super().__init__(f"Line {index + 1}: {error}")
        self.index = index
        self.error = error


def _session_values(match: Match, entry: SessionEntry) -> dict[str, Any]:
    validate_duration(entry.duration_minutes)
    validate_session_date(entry.session_date, match.start_date, match.end_date)
    return dict(
        match_id=match.id,
        volunteer_id=match.volunteer_id,
        programme_id=match.programme_id,
        session_date=entry.session_date,
        duration_minutes=int(entry.duration_minutes),
        medium=parse_choice(SessionMedium, entry.medium, "medium", "session medium"),
        status=parse_choice(SessionStatus, entry.status, "status", "session status"),
        notes=entry.notes or "",
    )


class SessionService(Service):
    what = "session"
    model = MentoringSession

    def log(self, entry: SessionEntry) -> MentoringSession:
        return self.log_many([entry])[0]

    def log_many(self, entries: Iterable[SessionEntry]) -> list[MentoringSession]:
        """A whole sign-in sheet in one transaction: every line is stored, or none."""
        entries = list(entries)
        with self.db.transaction() as s:
            sessions = []
            for index, entry in enumerate(entries):
                try:
                    match = get_or_raise(s, Match, entry.match_id, "match")
                    sessions.append(MentoringSession(**_session_values(match, entry)))
                except (ValidationError, RuleViolation, NotFound, ValueError) as exc:
                    error = exc if isinstance(exc, MentorDeskError) else ValidationError(str(exc))
                    raise EntryError(index, error) from None
            s.add_all(sessions)
            return sessions

    def update(self, session_id: int, expected_version: int | None = None, **changes: Any) -> MentoringSession:
        with self.db.transaction() as s:
            record = get_or_raise(s, MentoringSession, session_id, self.what)
            check_version(record, expected_version, self.what)
            apply_changes(record, changes, SESSION_FIELDS)
            validate_duration(record.duration_minutes)
            record.medium = parse_choice(SessionMedium, record.medium, "medium", "session medium")
            record.status = parse_choice(SessionStatus, record.status, "status", "session status")
            if record.match_id is not None:
                match = get_or_raise(s, Match, record.match_id, "match")
                validate_session_date(record.session_date, match.start_date, match.end_date)
            return record

    def for_match(self, match_id: int) -> list[MentoringSession]:
        with self.db.reading() as s:
            return list(
                s.scalars(
                    select(MentoringSession)
                    .where(MentoringSession.match_id == match_id)
                    .order_by(MentoringSession.session_date, MentoringSession.id)
                )
            )

    def volunteer_minutes(self, volunteer_id: int, start: date | None = None, end: date | None = None) -> int:
        """Minutes of attended sessions of a volunteer, optionally within [start, end]."""
        query = select(func.coalesce(func.sum(MentoringSession.duration_minutes), 0)).where(
            MentoringSession.volunteer_id == volunteer_id,
            MentoringSession.status == SessionStatus.ATTENDED,
        )
        if start is not None:
            query = query.where(MentoringSession.session_date >= start)
        if end is not None:
            query = query.where(MentoringSession.session_date <= end)
        with self.db.reading() as s:
            return int(s.scalar(query))

    def count(self) -> int:
        with self.db.reading() as s:
            return int(s.scalar(select(func.count()).select_from(MentoringSession)))

    def remove_many(self, session_ids: Iterable[int]) -> int:
        """Delete sessions entered by mistake, all or none (the audit log keeps the deletion)."""
        ids = list(dict.fromkeys(session_ids))
        with self.db.transaction() as s:
            found = list(s.scalars(select(MentoringSession).where(MentoringSession.id.in_(ids))))
            missing = set(ids) - {r.id for r in found}
            if missing:
                raise NotFound(f"There is no session with ID {min(missing)}; nothing was removed.")
            for record in found:
                s.delete(record)
            return len(found)

    # --- lists of any length: ordered ids, then rows by the page ----------------

    def query_ids(self, query: SessionQuery | None = None) -> list[int]:
        """Ids of the sessions the query selects, in its order (one indexed query)."""
        with self.db.reading() as s:
            return queries.ordered_ids(s, query or SessionQuery())

    def query_count(self, query: SessionQuery | None = None) -> int:
        with self.db.reading() as s:
            return queries.count(s, query or SessionQuery())

    def query_rows(self, query: SessionQuery | None = None, offset: int = 0,
                   limit: int = 200) -> list[SessionRow]:
        """One page of the query's rows (offset/limit over the ordered sessions)."""
        query = query or SessionQuery()
        with self.db.reading() as s:
            return queries.rows_for(s, queries.page_ids(s, query, max(offset, 0), max(limit, 0)))

    def rows_for(self, session_ids: Sequence[int]) -> list[SessionRow]:
        """Rows of these sessions in the order given (ids no longer stored are skipped)."""
        with self.db.reading() as s:
            return queries.rows_for(s, session_ids)

    # --- the sign-in sheet ------------------------------------------------------

    def match_choices(self, today: date, recent_days: int = 90) -> list[MatchChoice]:
        """Matches a sign-in sheet may name: running ones, and those closed lately."""
        with self.db.reading() as s:
            return queries.match_choices(s, today, recent_days)

    @staticmethod
    def check_entry(entry: SessionEntry, match: MatchChoice | None) -> dict[str, str]:
        """What is wrong with one line, by field ("match_id", "session_date", ...); {} if fine.

        The same rules log_many applies, without the database: for checking as you type.
        """
        problems: dict[str, str] = {}
        try:
            validate_duration(entry.duration_minutes)
        except ValidationError as exc:
            problems["duration_minutes"] = str(exc)
        if match is None:
            problems["match_id"] = "Choose the match from the list (type part of a name)."
        else:
            try:
                validate_session_date(entry.session_date, match.start_date, match.end_date)
            except RuleViolation as exc:
                problems["session_date"] = str(exc)
        for field, enum_cls, what in (("medium", SessionMedium, "session medium"),
                                      ("status", SessionStatus, "session status")):
            try:
                parse_choice(enum_cls, getattr(entry, field), field, what)
            except ValidationError as exc:
                problems[field] = str(exc)
        return problems


def _contact_fields(fields: dict[str, Any]) -> dict[str, Any]:
    out = dict(fields)
    if "party" in out:
        out["party"] = parse_choice(ContactParty, out["party"], "party", "contact party")
    if "method" in out:
        out["method"] = parse_choice(ContactMethod, out["method"], "method", "contact method")
    rating = out.get("rating")
    if rating is not None and (isinstance(rating, bool) or rating not in range(1, 6)):
        raise ValidationError("Rate the relationship from 1 (poor) to 5 (excellent).", "rating")
    if out.get("duration_minutes") is not None:
        validate_duration(out["duration_minutes"])
    for key in ("concerns", "notes"):
        if key in out and out[key] is None:
            out[key] = ""
    return out


class SupportContactService(Service):
    what = "support contact"
    model = SupportContact

    def log(
        self,
        match_id: int,
        *,
        contact_date: date,
        party: ContactParty,
        method: ContactMethod,
        **fields: Any,
    ) -> SupportContact:
        unknown = set(fields) - CONTACT_FIELDS
        if unknown:
            raise ValidationError(f"Unknown support-contact field {sorted(unknown)[0]!r}.")
        fields = _contact_fields(dict(fields, contact_date=contact_date, party=party, method=method))
        with self.db.transaction() as s:
            match = get_or_raise(s, Match, match_id, "match")
            if match.start_date is None:
                raise RuleViolation("This match has not started yet; log contacts once it is active.")
            if contact_date < match.start_date or (match.end_date and contact_date > match.end_date):
                raise RuleViolation("A support contact must fall within the match's dates.")
            follow_up = fields.get("follow_up_due")
            if follow_up is not None and follow_up < contact_date:
                raise ValidationError("The follow-up date must be after the contact.", "follow_up_due")
            contact = SupportContact(match_id=match_id, **fields)
            s.add(contact)
            return contact

    def update(self, contact_id: int, expected_version: int | None = None, **changes: Any) -> SupportContact:
        changes = _contact_fields(changes)
        with self.db.transaction() as s:
            contact = get_or_raise(s, SupportContact, contact_id, self.what)
            check_version(contact, expected_version, self.what)
            apply_changes(contact, changes, CONTACT_FIELDS)
            match = get_or_raise(s, Match, contact.match_id, "match")
            day = contact.contact_date
            if match.start_date is None or day < match.start_date or (
                match.end_date and day > match.end_date
            ):
                raise RuleViolation("A support contact must fall within the match's dates.")
            if contact.follow_up_due is not None and contact.follow_up_due < day:
                raise ValidationError("The follow-up date must be after the contact.", "follow_up_due")
            return contact

    def for_match(self, match_id: int) -> list[SupportContact]:
        with self.db.reading() as s:
            return list(
                s.scalars(
                    select(SupportContact)
                    .where(SupportContact.match_id == match_id)
                    .order_by(SupportContact.contact_date, SupportContact.id)
                )
            )
