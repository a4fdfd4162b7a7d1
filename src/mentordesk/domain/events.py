"""Events and trainings, attendance, learning circles (communities of practice)."""

from __future__ import annotations

from datetime import date

from sqlalchemy import CheckConstraint, Date, ForeignKey, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from .base import Archivable, Base, Timestamps, Versioned
from .enums import AttendanceStatus, EventKind, db_enum


class LearningCircle(Versioned, Timestamps, Archivable, Base):
    """Volunteers across companies and branches who meet to learn from each other."""

    __tablename__ = "learning_circle"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(160), unique=True)
    topic: Mapped[str] = mapped_column(Text, default="")

    members: Mapped[list[CircleMember]] = relationship(back_populates="circle")


class CircleMember(Versioned, Timestamps, Base):
    __tablename__ = "circle_member"
    __table_args__ = (UniqueConstraint("circle_id", "volunteer_id", name="uq_circle_member"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    circle_id: Mapped[int] = mapped_column(ForeignKey("learning_circle.id"))
    volunteer_id: Mapped[int] = mapped_column(ForeignKey("volunteer.id"), index=True)
    joined_on: Mapped[date | None] = mapped_column(Date)
    left_on: Mapped[date | None] = mapped_column(Date)

    circle: Mapped[LearningCircle] = relationship(back_populates="members")


class Event(Versioned, Timestamps, Archivable, Base):
    """A training, learning-circle meeting, conference or social, with its length."""

    __tablename__ = "event"
    __table_args__ = (
        CheckConstraint(
            "duration_minutes > 0 AND duration_minutes <= 1440", name="duration_sane"
        ),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[EventKind] = mapped_column(db_enum(EventKind), index=True)
    title: Mapped[str] = mapped_column(String(200))
    topic: Mapped[str] = mapped_column(Text, default="")
    event_date: Mapped[date] = mapped_column(Date, index=True)
    duration_minutes: Mapped[int] = mapped_column(Integer)
    location: Mapped[str | None] = mapped_column(String(200))
    programme_id: Mapped[int | None] = mapped_column(ForeignKey("programme.id"))
    circle_id: Mapped[int | None] = mapped_column(ForeignKey("learning_circle.id"), index=True)

    attendance: Mapped[list[Attendance]] = relationship(back_populates="event")


class Attendance(Versioned, Timestamps, Base):
    __tablename__ = "attendance"
    __table_args__ = (UniqueConstraint("event_id", "volunteer_id", name="uq_attendance"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    event_id: Mapped[int] = mapped_column(ForeignKey("event.id"))
    volunteer_id: Mapped[int] = mapped_column(ForeignKey("volunteer.id"), index=True)
    status: Mapped[AttendanceStatus] = mapped_column(
        db_enum(AttendanceStatus), default=AttendanceStatus.ATTENDED
    )

    event: Mapped[Event] = relationship(back_populates="attendance")
