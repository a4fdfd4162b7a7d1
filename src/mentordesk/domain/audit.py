"""The audit log: who changed what, when, old -> new, for every ORM write.

`install_audit(sessionmaker)` hooks the flush of every session made by that
factory; the entries are written in the same transaction as the change, so an
audited change and its audit entries commit or roll back together.
"""

from __future__ import annotations

from datetime import date, datetime
from enum import Enum
from typing import Any

from sqlalchemy import DateTime, Index, Integer, String, Text, event, insert, inspect
from sqlalchemy.orm import Mapped, Session, mapped_column

from .base import Base, utcnow
from .enums import AuditAction

_SKIPPED_FIELDS = {"version", "created_at", "updated_at"}
_STATE_FIELDS = {
    # field -> (action when set, action when cleared)
    "archived_at": (AuditAction.ARCHIVE, AuditAction.RESTORE),
    "anonymised_at": (AuditAction.ANONYMISE, AuditAction.UPDATE),
}


class AuditEntry(Base):
    __tablename__ = "audit_entry"
    __audited__ = False
    __table_args__ = (Index("ix_audit_entry_entity", "entity", "entity_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    at: Mapped[datetime] = mapped_column(DateTime, default=utcnow, index=True)
    user: Mapped[str] = mapped_column(String(120))
    entity: Mapped[str] = mapped_column(String(40))
    entity_id: Mapped[int | None] = mapped_column(Integer)
    action: Mapped[str] = mapped_column(String(16))
    field: Mapped[str | None] = mapped_column(String(80))
    old_value: Mapped[str | None] = mapped_column(Text)
    new_value: Mapped[str | None] = mapped_column(Text)


def _text(value: Any) -> str | None:
    if value is None:
        return None
    if isinstance(value, Enum):
        return str(value.value)
    if isinstance(value, (date, datetime)):
        return value.isoformat()
    if isinstance(value, bool):
        return "yes" if value else "no"
    return str(value)


def _identity(obj: Any) -> int | None:
    state = inspect(obj)
    # In after_flush a new object has its primary key but not yet its identity key.
    key = state.identity or tuple(state.mapper.primary_key_from_instance(obj))
    return key[0] if key and len(key) == 1 and isinstance(key[0], int) else None


def _changes(obj: Any, user: str, at: datetime) -> list[dict]:
    state = inspect(obj)
    rows = []
    for attr in state.mapper.column_attrs:
        if attr.key in _SKIPPED_FIELDS:
            continue
        hist = state.attrs[attr.key].history
        if not hist.has_changes():
            continue
        old = hist.deleted[0] if hist.deleted else None
        new = hist.added[0] if hist.added else None
        if old == new:
            continue
        action = AuditAction.UPDATE
        if attr.key in _STATE_FIELDS:
            set_action, cleared_action = _STATE_FIELDS[attr.key]
            action = set_action if new is not None else cleared_action
        rows.append(
            dict(
                at=at,
                user=user,
                entity=obj.__tablename__,
                entity_id=_identity(obj),
                action=action.value,
                field=attr.key,
                old_value=_text(old),
                new_value=_text(new),
            )
        )
    return rows


def _entry(obj: Any, action: AuditAction, user: str, at: datetime) -> dict:
    return dict(
        at=at,
        user=user,
        entity=obj.__tablename__,
        entity_id=_identity(obj),
        action=action.value,
        field=None,
        old_value=None,
        new_value=None,
    )


def _after_flush(session: Session, _flush_context: Any) -> None:
    user = str(session.info.get("user") or "unknown")
    at = utcnow()
    rows: list[dict] = []
    for obj in session.new:
        if getattr(obj, "__audited__", False):
            rows.append(_entry(obj, AuditAction.CREATE, user, at))
    for obj in session.dirty:
        if getattr(obj, "__audited__", False) and session.is_modified(obj):
            rows.extend(_changes(obj, user, at))
    for obj in session.deleted:
        if getattr(obj, "__audited__", False):
            rows.append(_entry(obj, AuditAction.DELETE, user, at))
    if rows:
        session.connection().execute(insert(AuditEntry), rows)


def install_audit(target: Any) -> None:
    """Write audit entries for every flush of sessions made by `target`."""
    if not event.contains(target, "after_flush", _after_flush):
        event.listen(target, "after_flush", _after_flush)


def record(session: Session, entity: str, entity_id: int | None, action: AuditAction,
           note: str | None = None) -> None:
    """Write one entry by hand, for writes that bypass the ORM (bulk inserts)."""
    session.connection().execute(
        insert(AuditEntry),
        [
            dict(
                at=utcnow(),
                user=str(session.info.get("user") or "unknown"),
                entity=entity,
                entity_id=entity_id,
                action=action.value,
                field=None,
                old_value=None,
                new_value=note,
            )
        ],
    )
