"""Carrying out an import plan, and undoing it, inside the caller's transaction.

Writes are Core statements (executemany for inserts, in dependency order, new
ids read back with RETURNING), so 10,000 rows cost a few statements, not
10,000 flushes. Because they bypass the ORM, the audit entries the ORM hook
would write are written here in bulk (one "create" entry per new record, one
"update" entry per changed field), and every record touched is kept in
`import_change` for undo: created ones as runs of consecutive ids (one row per
run), updated ones with the values, version and update time they had before.

Undo refuses (one sentence, nothing changed) when a created record has since
been edited or had something attached (a session logged on an imported
match), or an updated record was changed after the import.
"""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Iterable
from datetime import date, datetime
from enum import Enum
from itertools import repeat
from typing import Any

from sqlalchemy import Date, DateTime, Table, delete, func, select, text, update
from sqlalchemy.orm import Session

from ..domain import Base
from ..domain.audit import AuditEntry
from ..domain.audit import _text as _audit_text  # the ORM hook's spelling of values
from ..domain.base import utcnow
from ..domain.enums import AuditAction
from ..domain.errors import ConflictError
from ..domain.imports import ImportBatch, ImportChange
from ..domain.progress import SILENT, Progress
from ..importing.plan import Create, Ref, Update

# Parents before children: a record is written after the records it points at.
ORDER = ("programme", "sponsor", "branch", "event", "volunteer", "youth", "employment",
         "screening_check", "match", "session", "support_contact", "attendance")
CHUNK = 2000
WHAT = {"screening_check": "screening checks", "support_contact": "support contacts",
        "session": "sessions", "match": "matches", "employment": "employment records",
        "attendance": "attendance records", "branch": "branches", "youth": "young people"}


def table(entity: str) -> Table:
    return Base.metadata.tables[entity]


def _json_value(value: Any) -> Any:
    return _audit_text(value) if isinstance(value, (Enum, date, datetime)) else value


def _defaults(t: Table, now: datetime) -> dict[str, Any]:
    out = {}
    for column in t.c:
        if column.primary_key:
            continue
        default = column.default
        if default is not None and default.is_scalar:
            out[column.name] = default.arg
        elif default is not None and default.is_callable:
            out[column.name] = now
        else:
            out[column.name] = None
    return out


def reserve_ids(s: Session, t: Table, n: int) -> list[int]:
    """Ids for `n` new rows of `t`. SQLite: after the highest (the caller's transaction has
    already written, so it holds the write lock); PostgreSQL: drawn from the sequence."""
    if n == 0:
        return []
    conn = s.connection()
    if conn.dialect.name == "sqlite":
        start = int(conn.execute(select(func.coalesce(func.max(t.c.id), 0))).scalar()) + 1
        return list(range(start, start + n))
    sequence = conn.execute(text("SELECT pg_get_serial_sequence(:t, 'id')"),
                            {"t": conn.dialect.identifier_preparer.format_table(t)}).scalar()
    return list(conn.execute(text("SELECT nextval(:s) FROM generate_series(1, :n)"),
                             {"s": sequence, "n": n}).scalars())


def insert_rows(s: Session, t: Table, names: list[str], rows: list) -> None:
    """One executemany straight to the driver, values converted by the columns' own types
    (what SQLAlchemy would do per row, without its per-row bookkeeping)."""
    if rows:
        insert_columns(s, t, names, list(zip(*rows)))


def insert_columns(s: Session, t: Table, names: list[str], cells: list) -> None:
    """insert_rows given the values column by column (cells[i]: the values of names[i])."""
    if not cells or not len(cells[0]):
        return
    conn = s.connection()
    dialect = conn.dialect
    quote = dialect.identifier_preparer.quote
    columns = [t.c[name] for name in names]
    mark = "?" if dialect.paramstyle == "qmark" else "%s"
    sql = (f"INSERT INTO {dialect.identifier_preparer.format_table(t)} "
           f"({', '.join(quote(c.name) for c in columns)}) VALUES ({', '.join([mark] * len(names))})")
    converters = [(i, f) for i, f in enumerate(
        c.type._cached_bind_processor(dialect) for c in columns) if f is not None]
    if converters:
        # Column by column, each distinct value converted once (one timestamp, a few statuses).
        cells = list(cells)
        for i, f in converters:
            seen = {v: f(v) for v in set(cells[i]) if v is not None}
            seen[None] = None
            cells[i] = map(seen.__getitem__, cells[i])
    rows = list(zip(*cells))  # the driver takes tuples
    for start in range(0, len(rows), CHUNK * 5):
        conn.exec_driver_sql(sql, rows[start:start + CHUNK * 5])


CREATE, UPDATE, DELETE = (a.value for a in (AuditAction.CREATE, AuditAction.UPDATE,
                                           AuditAction.DELETE))
AUDIT = ["at", "user", "entity", "entity_id", "action", "field", "old_value", "new_value"]
CHANGE = ["batch_id", "entity", "entity_id", "action", "before", "version_after", "last_id"]


def write_plan(s: Session, creates: list[Create], updates: list[Update], batch_id: int,
               progress: Progress = SILENT) -> None:
    """Insert the new records, update the changed ones, audit both, record them for undo.
    The batch row must be written already (on SQLite that holds the write lock)."""
    now, user = utcnow(), str(s.info.get("user") or "unknown")
    ids: dict[Ref, int] = {}
    audit: list[tuple] = []
    changes: list[tuple] = []
    by_entity: dict[str, list[Create]] = defaultdict(list)
    for create in creates:
        by_entity[create.entity].append(create)
    total, done = len(creates) + len(updates), 0
    for entity in ORDER:
        todo = by_entity.get(entity, [])
        if not todo:
            continue
        t = table(entity)
        base = _defaults(t, now)
        names = ["id", *base]
        links = {name for name in base if t.c[name].foreign_keys}
        new_ids = reserve_ids(s, t, len(todo))
        for start in range(0, len(todo), CHUNK):
            progress.check()
            recs = [create.rec for create in todo[start:start + CHUNK]]
            chunk_ids = new_ids[start:start + CHUNK]
            ids.update(zip([rec.ref for rec in recs], chunk_ids))
            values = [rec.values for rec in recs]
            given = set().union(*values)
            columns = [chunk_ids]
            for name, default in base.items():
                if name not in given:
                    columns.append([default] * len(values))
                    continue
                column = list(map(dict.get, values, repeat(name), repeat(default)))
                # A record created by this import is named by its Ref until it has an id.
                columns.append(list(map(ids.get, column, column)) if name in links else column)
            insert_columns(s, t, names, columns)
            audit.extend((now, user, entity, i, CREATE, None, None, None) for i in chunk_ids)
            done += len(recs)
            progress.progress(done, total, "Writing")
        changes.extend((batch_id, entity, first, CREATE, None, 1, last)
                       for first, last in _runs(new_ids))
    stored = _versions(s, updates)
    for up in updates:
        t = table(up.entity)
        after = {k: ids[v] if isinstance(v, Ref) else v for k, v in up.after.items()}
        written = s.execute(update(t).where(t.c.id == up.id, t.c.version == up.version)
                            .values(**after, version=up.version + 1, updated_at=now))
        if written.rowcount != 1:
            raise ConflictError(f"A record this import updates ({up.entity} {up.id}) was changed "
                                "by someone else meanwhile; nothing was imported. Try again.")
        before = {k: _json_value(v) for k, v in up.before.items()}
        before.update(version=up.version, updated_at=_json_value(stored.get((up.entity, up.id))))
        changes.append((batch_id, up.entity, up.id, UPDATE, json.dumps(before), up.version + 1,
                        None))
        audit.extend((now, user, up.entity, up.id, UPDATE, k, _audit_text(up.before.get(k)),
                      _audit_text(v)) for k, v in after.items())
        done += 1
        if done % CHUNK == 0:
            progress.check()
            progress.progress(done, total, "Writing")
    insert_rows(s, AuditEntry.__table__, AUDIT, audit)
    insert_rows(s, ImportChange.__table__, CHANGE, changes)


def _runs(ids: list[int]) -> Iterable[tuple[int, int]]:
    """(first, last) of each run of consecutive ids."""
    first = last = None
    for i in ids:
        if last is not None and i == last + 1:
            last = i
            continue
        if first is not None:
            yield first, last
        first = last = i
    if first is not None:
        yield first, last


def _versions(s: Session, updates: list[Update]) -> dict[tuple[str, int], datetime | None]:
    """The update time of each record to update, as stored before the import."""
    ids: dict[str, list[int]] = defaultdict(list)
    for up in updates:
        ids[up.entity].append(up.id)
    found = {}
    for entity, wanted in ids.items():
        t = table(entity)
        for chunk in _in_chunks(wanted):
            found.update({(entity, rid): at for rid, at in s.execute(
                select(t.c.id, t.c.updated_at).where(t.c.id.in_(chunk)))})
    return found


def _restore(t: Table, before: dict[str, Any]) -> dict[str, Any]:
    out = {}
    for key, value in before.items():
        column_type = t.c[key].type
        if value is not None and isinstance(column_type, DateTime):
            value = datetime.fromisoformat(value)
        elif value is not None and isinstance(column_type, Date):
            value = date.fromisoformat(value)
        out[key] = value
    return out


def _in_chunks(ids: list[int]) -> Iterable[list[int]]:
    for start in range(0, len(ids), 500):
        yield ids[start:start + 500]


def undo_batch(s: Session, batch: ImportBatch) -> tuple[int, int]:
    """Remove what the batch created, put back what it updated; (removed, restored)."""
    rows = s.execute(select(ImportChange).where(ImportChange.batch_id == batch.id)).scalars().all()
    created: dict[str, list[int]] = defaultdict(list)
    for change in rows:
        if change.action == CREATE:
            created[change.entity].extend(
                range(change.entity_id, (change.last_id or change.entity_id) + 1))
    updated = [c for c in rows if c.action == UPDATE]
    _refuse_if_changed(s, created, updated)
    now, user = utcnow(), str(s.info.get("user") or "unknown")
    audit = []
    for change in updated:
        t = table(change.entity)
        before = _restore(t, json.loads(change.before))
        s.execute(update(t).where(t.c.id == change.entity_id).values(**before))
        audit.extend((now, user, change.entity, change.entity_id, UPDATE, k, None,
                      _audit_text(v)) for k, v in before.items()
                     if k not in ("version", "updated_at"))
    # After the restores: a stored record the import linked to a new one points back again.
    # A refusal here still rolls the whole undo back (one transaction).
    _refuse_if_attached(s, created)
    for entity in reversed(ORDER):
        t = table(entity)
        for chunk in _in_chunks(created.get(entity, [])):
            s.execute(delete(t).where(t.c.id.in_(chunk)))
            audit.extend((now, user, entity, i, DELETE, None, None, f"undo of import {batch.id}")
                         for i in chunk)
    insert_rows(s, AuditEntry.__table__, AUDIT, audit)
    batch.undone_at = now
    return sum(len(v) for v in created.values()), len(updated)


def _refuse_if_changed(s: Session, created: dict[str, list[int]], updated: list) -> None:
    expected: dict[str, dict[int, int | None]] = defaultdict(dict)
    for entity, ids in created.items():
        expected[entity].update({i: 1 for i in ids})
    for change in updated:
        expected[change.entity][change.entity_id] = change.version_after
    for entity, versions in expected.items():
        t = table(entity)
        found = {}
        for chunk in _in_chunks(sorted(versions)):
            found.update(s.execute(select(t.c.id, t.c.version).where(t.c.id.in_(chunk))).all())
        for rid, version in versions.items():
            if found.get(rid) != version:
                raise ConflictError(
                    f"This import cannot be undone: {entity.replace('_', ' ')} {rid} was "
                    + ("removed" if rid not in found else "changed")
                    + " after the import; undo that change first or edit the record by hand.")


def _refuse_if_attached(s: Session, created: dict[str, list[int]]) -> None:
    """Records added since that point at a record the import created."""
    for child in Base.metadata.sorted_tables:
        if child.name in ("import_change", "audit_entry"):
            continue
        own = set(created.get(child.name, ()))
        for fk in child.foreign_keys:
            parents = created.get(fk.column.table.name)
            if not parents:
                continue
            for chunk in _in_chunks(parents):
                found = [i for i in s.execute(select(child.c.id).where(
                    fk.parent.in_(chunk))).scalars() if i not in own]
                if found:
                    raise ConflictError(
                        f"This import cannot be undone: {len(found)} "
                        f"{WHAT.get(child.name, child.name + ' records')} have since been added "
                        f"to records it created ({child.name} {found[0]}); remove them first.")
