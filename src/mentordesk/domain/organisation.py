"""Programmes, sponsor companies and their branches, settings, hour-value rates."""

from __future__ import annotations

from sqlalchemy import CheckConstraint, ForeignKey, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from .base import Archivable, Base, Timestamps, Versioned
from .enums import ProgrammeType, db_enum


class Programme(Versioned, Timestamps, Archivable, Base):
    """A site or programme the organisation runs."""

    __tablename__ = "programme"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(120), unique=True)
    type: Mapped[ProgrammeType] = mapped_column(db_enum(ProgrammeType))
    meeting_day: Mapped[str | None] = mapped_column(String(40))
    meeting_time: Mapped[str | None] = mapped_column(String(40))
    address: Mapped[str | None] = mapped_column(Text)

    def __repr__(self) -> str:
        return f"Programme({self.id}, {self.name!r})"


class Sponsor(Versioned, Timestamps, Archivable, Base):
    """A company whose employees volunteer or which funds the programme."""

    __tablename__ = "sponsor"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(160), unique=True)
    contact_name: Mapped[str | None] = mapped_column(String(160))
    contact_email: Mapped[str | None] = mapped_column(String(254))
    contact_phone: Mapped[str | None] = mapped_column(String(40))
    logo_path: Mapped[str | None] = mapped_column(Text)

    branches: Mapped[list[Branch]] = relationship(
        back_populates="sponsor", order_by="Branch.name", cascade="save-update, merge"
    )

    def __repr__(self) -> str:
        return f"Sponsor({self.id}, {self.name!r})"


class Branch(Versioned, Timestamps, Archivable, Base):
    """An office of a sponsor; the headcount is entered by the coordinator."""

    __tablename__ = "branch"
    __table_args__ = (
        UniqueConstraint("sponsor_id", "name", name="uq_branch_sponsor_name"),
        CheckConstraint("headcount IS NULL OR headcount >= 0", name="headcount_not_negative"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    sponsor_id: Mapped[int] = mapped_column(ForeignKey("sponsor.id"), index=True)
    name: Mapped[str] = mapped_column(String(160))
    city: Mapped[str | None] = mapped_column(String(120))
    headcount: Mapped[int | None] = mapped_column(Integer)

    sponsor: Mapped[Sponsor] = relationship(back_populates="branches")

    def __repr__(self) -> str:
        return f"Branch({self.id}, {self.name!r})"


class Setting(Base):
    """One organisation-wide setting; the value is JSON text (see services.settings)."""

    __tablename__ = "setting"

    key: Mapped[str] = mapped_column(String(80), primary_key=True)
    value: Mapped[str] = mapped_column(Text)


class HourValueRate(Versioned, Timestamps, Base):
    """Estimated value of one volunteer hour for a year (and optionally a region).

    Stored in cents so every printed value is exact; the source is printed with it.
    """

    __tablename__ = "hour_value_rate"
    __table_args__ = (
        UniqueConstraint("year", "region", name="uq_hour_value_rate_year_region"),
        CheckConstraint("cents > 0", name="cents_positive"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    year: Mapped[int] = mapped_column(Integer)
    region: Mapped[str] = mapped_column(String(80), default="")
    cents: Mapped[int] = mapped_column(Integer)
    currency: Mapped[str] = mapped_column(String(3), default="USD")
    source: Mapped[str] = mapped_column(Text)
