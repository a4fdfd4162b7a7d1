"""Matches with their lifecycle and closure, sessions and support contacts."""

from __future__ import annotations

from datetime import date

from sqlalchemy import (
    Boolean,
    CheckConstraint,
    Date,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from .base import Archivable, Base, Timestamps, Versioned
from .enums import (
    ClosureCategory,
    ContactMethod,
    ContactParty,
    MatchKind,
    MatchStatus,
    SessionMedium,
    SessionStatus,
    db_enum,
)
from .organisation import Programme
from .people import Volunteer, Youth


class ClosureReason(Versioned, Timestamps, Base):
    """One entry of the configurable list of closure reasons."""

    __tablename__ = "closure_reason"

    id: Mapped[int] = mapped_column(primary_key=True)
    label: Mapped[str] = mapped_column(String(160), unique=True)
    default_category: Mapped[ClosureCategory | None] = mapped_column(db_enum(ClosureCategory))
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    sort_order: Mapped[int] = mapped_column(Integer, default=0)


class Match(Versioned, Timestamps, Archivable, Base):
    __tablename__ = "match"
    __table_args__ = (
        CheckConstraint(
            "end_date IS NULL OR start_date IS NULL OR end_date >= start_date",
            name="dates_ordered",
        ),
        Index("ix_match_youth_status", "youth_id", "status"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    volunteer_id: Mapped[int] = mapped_column(ForeignKey("volunteer.id"), index=True)
    youth_id: Mapped[int] = mapped_column(ForeignKey("youth.id"))
    programme_id: Mapped[int] = mapped_column(ForeignKey("programme.id"), index=True)
    kind: Mapped[MatchKind] = mapped_column(db_enum(MatchKind), default=MatchKind.ONE_TO_ONE)
    status: Mapped[MatchStatus] = mapped_column(
        db_enum(MatchStatus), default=MatchStatus.PROPOSED, index=True
    )
    proposed_on: Mapped[date | None] = mapped_column(Date)
    start_date: Mapped[date | None] = mapped_column(Date)
    end_date: Mapped[date | None] = mapped_column(Date)
    plan: Mapped[str] = mapped_column(Text, default="")
    closure_reason_id: Mapped[int | None] = mapped_column(ForeignKey("closure_reason.id"))
    closure_category: Mapped[ClosureCategory | None] = mapped_column(db_enum(ClosureCategory))
    rematch_eligible: Mapped[bool | None] = mapped_column(Boolean)
    closure_note: Mapped[str] = mapped_column(Text, default="")

    volunteer: Mapped[Volunteer] = relationship()
    youth: Mapped[Youth] = relationship()
    programme: Mapped[Programme] = relationship()
    closure_reason: Mapped[ClosureReason | None] = relationship()

    def __repr__(self) -> str:
        return f"Match({self.id}, {self.status.value})"


class MentoringSession(Versioned, Timestamps, Base):
    """A meeting of a match, or a volunteer's part in a group meeting (no match).

    `volunteer_id` is stored for every session so a volunteer's hours are one
    indexed query; for a match session it equals the match's volunteer.
    """

    __tablename__ = "session"
    __table_args__ = (
        CheckConstraint(
            "duration_minutes > 0 AND duration_minutes < 1440", name="duration_sane"
        ),
        Index("ix_session_match_date", "match_id", "session_date"),
        Index("ix_session_volunteer_date", "volunteer_id", "session_date"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    match_id: Mapped[int | None] = mapped_column(ForeignKey("match.id"))
    volunteer_id: Mapped[int] = mapped_column(ForeignKey("volunteer.id"))
    programme_id: Mapped[int | None] = mapped_column(ForeignKey("programme.id"))
    session_date: Mapped[date] = mapped_column(Date, index=True)
    duration_minutes: Mapped[int] = mapped_column(Integer)
    medium: Mapped[SessionMedium] = mapped_column(
        db_enum(SessionMedium), default=SessionMedium.IN_PERSON
    )
    status: Mapped[SessionStatus] = mapped_column(
        db_enum(SessionStatus), default=SessionStatus.ATTENDED
    )
    notes: Mapped[str] = mapped_column(Text, default="")

    match: Mapped[Match | None] = relationship()


class SupportContact(Versioned, Timestamps, Base):
    """The coordinator's check-in with the volunteer, youth or guardian of a match."""

    __tablename__ = "support_contact"
    __table_args__ = (
        CheckConstraint("rating IS NULL OR (rating >= 1 AND rating <= 5)", name="rating_1_to_5"),
        CheckConstraint(
            "duration_minutes IS NULL OR (duration_minutes > 0 AND duration_minutes < 1440)",
            name="duration_sane",
        ),
        Index("ix_support_contact_match_date", "match_id", "contact_date"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    match_id: Mapped[int] = mapped_column(ForeignKey("match.id"))
    contact_date: Mapped[date] = mapped_column(Date)
    party: Mapped[ContactParty] = mapped_column(db_enum(ContactParty))
    method: Mapped[ContactMethod] = mapped_column(db_enum(ContactMethod))
    made: Mapped[bool] = mapped_column(Boolean, default=True)
    duration_minutes: Mapped[int | None] = mapped_column(Integer)
    rating: Mapped[int | None] = mapped_column(Integer)
    concerns: Mapped[str] = mapped_column(Text, default="")
    follow_up_due: Mapped[date | None] = mapped_column(Date)
    notes: Mapped[str] = mapped_column(Text, default="")
    coordinator: Mapped[str | None] = mapped_column(String(120))

    match: Mapped[Match] = relationship()
