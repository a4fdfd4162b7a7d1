"""What every service shares: a database, typed lookups, guarded updates."""

from __future__ import annotations

from collections.abc import Mapping
from enum import Enum
from typing import Any, TypeVar

from sqlalchemy import select
from sqlalchemy.orm import Session

from ..db import Database
from ..domain.base import utcnow
from ..domain.errors import ConflictError, NotFound, ValidationError

T = TypeVar("T")


def get_or_raise(session: Session, model: type[T], record_id: int, what: str) -> T:
    obj = session.get(model, record_id)
    if obj is None:
        raise NotFound(f"There is no {what} with ID {record_id}.")
    return obj


def check_version(obj: Any, expected_version: int | None, what: str) -> None:
    """Refuse to write over a change someone else made since the form was opened."""
    if expected_version is not None and obj.version != expected_version:
        raise ConflictError(
            f"This {what} was changed by someone else since you opened it; "
            "reload it and make your change again."
        )


def set_archived(s: Session, obj: Any, archived: bool) -> tuple[int, int]:
    """Archive or restore `obj` in session `s`: (its version before, after) --
    the same number when it already was as asked."""
    before = obj.version
    if archived and obj.archived_at is None:
        obj.archived_at = utcnow()
    elif not archived and obj.archived_at is not None:
        obj.archived_at = None
    s.flush()
    return before, obj.version


def apply_changes(obj: Any, changes: Mapping[str, Any], allowed: frozenset[str]) -> None:
    for key, value in changes.items():
        if key not in allowed:
            raise ValidationError(f"{key!r} cannot be changed here.", key)
        setattr(obj, key, value)


def clean_text(value: str | None) -> str:
    return " ".join((value or "").split())


def optional_text(value: str | None) -> str | None:
    text = clean_text(value)
    return text or None


def required_text(value: str | None, field: str, label: str) -> str:
    text = clean_text(value)
    if not text:
        raise ValidationError(f"Enter the {label}.", field)
    return text


def ensure_unique_name(
    s: Session, model: type, name: str, own_id: int | None, what: str,
    attr: str = "name", **scope: Any,
) -> None:
    """Refuse a second record whose name differs only by case (in any alphabet).

    Compared in Python: SQLite's lower() only folds ASCII ("ÑANDÚ" != "ñandú");
    the tables named this way are small.
    """
    column = getattr(model, attr)
    query = select(model.id, column)
    for key, value in scope.items():
        query = query.where(getattr(model, key) == value)
    for other_id, other_name in s.execute(query):
        if other_id != own_id and other_name.casefold() == name.casefold():
            raise ValidationError(f"There is already a {what} called {other_name!r}.", attr)


E = TypeVar("E", bound=Enum)


def parse_choice(enum_cls: type[E], value: Any, field: str, what: str) -> E:
    """An enum member from a member or its value; otherwise one sentence listing the choices."""
    try:
        return enum_cls(value)
    except ValueError:
        choices = ", ".join(getattr(m, "label", m.value).lower() for m in enum_cls)
        raise ValidationError(f"{value!r} is not a {what}; choose one of: {choices}.", field) from None


class Service:
    """A service owns its transactions: every public write is one transaction."""

    what = "record"
    model: type = object

    def __init__(self, db: Database):
        self.db = db

    def get(self, record_id: int):
        with self.db.reading() as s:
            return get_or_raise(s, self.model, record_id, self.what)

    def archive(self, record_id: int, expected_version: int | None = None) -> tuple[int, int]:
        """Archive a record; (its version before, after)."""
        with self.db.transaction() as s:
            obj = get_or_raise(s, self.model, record_id, self.what)
            check_version(obj, expected_version, self.what)
            return set_archived(s, obj, True)

    def restore(self, record_id: int, expected_version: int | None = None) -> tuple[int, int]:
        with self.db.transaction() as s:
            obj = get_or_raise(s, self.model, record_id, self.what)
            check_version(obj, expected_version, self.what)
            return set_archived(s, obj, False)
