"""What an import leaves behind: the batch, every change it made (for undo) and
the saved column mappings (templates).

`ImportChange.before` is JSON: for an update, the changed columns' values as
they were before the import (dates as ISO text); for a create, null. The
record's version after the import is kept, so an undo can tell whether someone
changed the record since (and refuse instead of overwriting their edit). An
update is one row per record; a create is one row per run of consecutive ids
of one table (entity_id..last_id), so 10,000 new volunteers cost one row.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import DateTime, ForeignKey, Index, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from .base import Base, utcnow


class ImportBatch(Base):
    """One import of one sheet: where from, who, when, what came of its rows."""

    __tablename__ = "import_batch"
    __audited__ = False  # the batch is the record of the import itself

    id: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[str] = mapped_column(String(20))
    file_name: Mapped[str] = mapped_column(String(255))
    file_hash: Mapped[str] = mapped_column(String(64), index=True)
    sheet: Mapped[str | None] = mapped_column(String(120))
    at: Mapped[datetime] = mapped_column(DateTime, default=utcnow, index=True)
    user: Mapped[str] = mapped_column(String(120))
    rows: Mapped[int] = mapped_column(Integer, default=0)
    created: Mapped[int] = mapped_column(Integer, default=0)
    updated: Mapped[int] = mapped_column(Integer, default=0)
    unchanged: Mapped[int] = mapped_column(Integer, default=0)
    rejected: Mapped[int] = mapped_column(Integer, default=0)
    undone_at: Mapped[datetime | None] = mapped_column(DateTime)


class ImportChange(Base):
    """One record an import created or updated."""

    __tablename__ = "import_change"
    __audited__ = False
    __table_args__ = (Index("ix_import_change_entity", "entity", "entity_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    batch_id: Mapped[int] = mapped_column(ForeignKey("import_batch.id"), index=True)
    entity: Mapped[str] = mapped_column(String(40))
    entity_id: Mapped[int] = mapped_column(Integer)
    action: Mapped[str] = mapped_column(String(16))  # "create" or "update"
    before: Mapped[str | None] = mapped_column(Text)
    version_after: Mapped[int | None] = mapped_column(Integer)
    # A create covers the run of ids entity_id..last_id (one row per run, not per record).
    last_id: Mapped[int | None] = mapped_column(Integer)


class ImportTemplate(Base):
    """A saved column mapping, reused for files whose headers have the same keys."""

    __tablename__ = "import_template"
    __audited__ = False
    __table_args__ = (UniqueConstraint("kind", "name", name="uq_import_template_kind_name"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(120))
    kind: Mapped[str] = mapped_column(String(20))
    signature: Mapped[str] = mapped_column(String(64), index=True)
    mapping: Mapped[str] = mapped_column(Text)  # JSON: header key -> field name
    saved_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
