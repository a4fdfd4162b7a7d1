"""Volunteers (with employment history and screening) and youth."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import (
    Boolean,
    CheckConstraint,
    Date,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from .base import Archivable, Base, Timestamps, Versioned
from .enums import CheckResult, CheckType, VolunteerStatus, YouthStatus, db_enum


class Volunteer(Versioned, Timestamps, Archivable, Base):
    __tablename__ = "volunteer"
    __table_args__ = (
        CheckConstraint("prior_training_minutes >= 0", name="prior_training_not_negative"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    first_name: Mapped[str] = mapped_column(String(120))
    last_name: Mapped[str] = mapped_column(String(120))
    email: Mapped[str | None] = mapped_column(String(254), unique=True)
    phone: Mapped[str | None] = mapped_column(String(40))
    date_of_birth: Mapped[date | None] = mapped_column(Date)
    gender: Mapped[str | None] = mapped_column(String(40))
    city: Mapped[str | None] = mapped_column(String(120))
    postcode: Mapped[str | None] = mapped_column(String(20))
    status: Mapped[VolunteerStatus] = mapped_column(
        db_enum(VolunteerStatus), default=VolunteerStatus.INQUIRY, index=True
    )
    applied_on: Mapped[date | None] = mapped_column(Date)
    # Comma-separated tag lists: readable in exports, easy to edit in forms.
    languages: Mapped[str] = mapped_column(Text, default="")
    interests: Mapped[str] = mapped_column(Text, default="")
    availability: Mapped[str] = mapped_column(Text, default="")
    preferences: Mapped[str] = mapped_column(Text, default="")
    drives_youth: Mapped[bool] = mapped_column(Boolean, default=False)
    # Pre-match training done before MentorDesk (or elsewhere), in minutes.
    prior_training_minutes: Mapped[int] = mapped_column(Integer, default=0)
    consent_named_in_reports: Mapped[bool] = mapped_column(Boolean, default=False)
    notes: Mapped[str] = mapped_column(Text, default="")

    employments: Mapped[list[Employment]] = relationship(
        back_populates="volunteer", order_by="Employment.start_date"
    )
    checks: Mapped[list[ScreeningCheck]] = relationship(back_populates="volunteer")

    @property
    def full_name(self) -> str:
        return f"{self.first_name} {self.last_name}".strip()

    def __repr__(self) -> str:
        return f"Volunteer({self.id}, {self.full_name!r})"


class Employment(Versioned, Timestamps, Base):
    """A volunteer's employer and branch over time (null dates are open ends).

    The branch at the date of each session decides whom its hours count for.
    """

    __tablename__ = "employment"
    __table_args__ = (
        CheckConstraint(
            "end_date IS NULL OR start_date IS NULL OR end_date >= start_date",
            name="dates_ordered",
        ),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    volunteer_id: Mapped[int] = mapped_column(ForeignKey("volunteer.id"), index=True)
    sponsor_id: Mapped[int] = mapped_column(ForeignKey("sponsor.id"), index=True)
    branch_id: Mapped[int | None] = mapped_column(ForeignKey("branch.id"), index=True)
    start_date: Mapped[date | None] = mapped_column(Date)
    end_date: Mapped[date | None] = mapped_column(Date)

    volunteer: Mapped[Volunteer] = relationship(back_populates="employments")


class ScreeningCheck(Versioned, Timestamps, Base):
    """Status and dates of one screening step -- never the check's contents."""

    __tablename__ = "screening_check"
    __table_args__ = (
        CheckConstraint(
            "expires_on IS NULL OR completed_on IS NULL OR expires_on >= completed_on",
            name="expiry_after_completion",
        ),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    volunteer_id: Mapped[int] = mapped_column(ForeignKey("volunteer.id"), index=True)
    type: Mapped[CheckType] = mapped_column(db_enum(CheckType))
    provider: Mapped[str | None] = mapped_column(String(120))
    requested_on: Mapped[date | None] = mapped_column(Date)
    completed_on: Mapped[date | None] = mapped_column(Date)
    expires_on: Mapped[date | None] = mapped_column(Date)
    result: Mapped[CheckResult] = mapped_column(db_enum(CheckResult), default=CheckResult.PENDING)

    volunteer: Mapped[Volunteer] = relationship(back_populates="checks")


class Youth(Versioned, Timestamps, Archivable, Base):
    __tablename__ = "youth"
    __table_args__ = (
        Index("ix_youth_name", "last_name", "first_name"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    # The ID the programme gives the young person (printed on forms, used by imports).
    programme_ref: Mapped[str | None] = mapped_column(String(40), unique=True)
    programme_id: Mapped[int | None] = mapped_column(ForeignKey("programme.id"), index=True)
    first_name: Mapped[str] = mapped_column(String(120))
    last_name: Mapped[str] = mapped_column(String(120))
    date_of_birth: Mapped[date | None] = mapped_column(Date)
    grade: Mapped[str | None] = mapped_column(String(20))
    school: Mapped[str | None] = mapped_column(String(160))
    gender: Mapped[str | None] = mapped_column(String(40))
    city: Mapped[str | None] = mapped_column(String(120))
    guardian_name: Mapped[str | None] = mapped_column(String(160))
    guardian_phone: Mapped[str | None] = mapped_column(String(40))
    guardian_email: Mapped[str | None] = mapped_column(String(254))
    consent_on: Mapped[date | None] = mapped_column(Date)
    languages: Mapped[str] = mapped_column(Text, default="")
    interests: Mapped[str] = mapped_column(Text, default="")
    preferences: Mapped[str] = mapped_column(Text, default="")
    status: Mapped[YouthStatus] = mapped_column(
        db_enum(YouthStatus), default=YouthStatus.WAITING, index=True
    )
    referred_on: Mapped[date | None] = mapped_column(Date)
    notes: Mapped[str] = mapped_column(Text, default="")
    anonymised_at: Mapped[datetime | None] = mapped_column(DateTime)

    @property
    def full_name(self) -> str:
        return f"{self.first_name} {self.last_name}".strip()

    def __repr__(self) -> str:
        return f"Youth({self.id}, {self.programme_ref!r})"
