"""Spreadsheet import: read -> map columns -> preview -> apply (-> undo).

    service = ImportService(db)
    table = service.read(path, sheet=None, kind="volunteers", progress=SILENT)  # SheetTable
    mapping = service.propose_mapping(table, "volunteers")     # ColumnMapping
        # .columns {column index: field}, .template (reused template's name or None),
        # .unmapped (column indexes), .missing (requirements no column covers)
    mapping = with_column(mapping, get_kind("volunteers"), 3, "email")  # the coordinator's fix
    plan = service.preview(table, "volunteers", mapping, progress=SILENT)  # ImportPlan
        # .counts {new, changed, unchanged, rejected}; .rows [RowPlan(row, status, record,
        # problems [Problem(row, column, value, message)], notes, changes)];
        # .to_create {"sponsors"|"branches"|"programmes"|"events": [names]}; .warnings
    result = service.apply(plan, create_missing=True, progress=SILENT)  # ImportResult
    service.undo(result.batch_id)                               # ImportResult of the undo
    service.batches() -> [BatchRow]; service.save_template(name, kind, headers, mapping)
    service.templates(kind) -> [TemplateRow]; service.write_rejects(plan, table, out) -> Path

`read` raises ImportRefused (one sentence) for files that cannot be used;
`preview` raises ValidationError when the mapping lacks a required column.
`apply` takes a backup first when the database is a file, then, inside ONE
transaction, keeps the preview's decisions if nothing they depend on was
written since (services.import_known.stamp) or plans again against what is
stored at that moment, and writes the valid rows and the batch record; Cancel (progress.check raising) or any failure leaves the database as
it was. create_missing=False rejects the rows that would need a new sponsor
company, branch, programme or event. Row numbers are the ones the user sees.
"""

from __future__ import annotations

import gc
import json
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date, datetime
from functools import cache
from pathlib import Path

from sqlalchemy import select

from ..db import Database
from ..domain.base import utcnow
from ..domain.errors import NotFound, ValidationError
from ..domain.imports import ImportBatch, ImportTemplate
from ..domain.progress import SILENT, Progress
from ..importing.headers import header_key
from ..importing.kinds import KINDS, get_kind
from ..importing.mapping import (
    ColumnMapping,
    automatic_mapping,
    build_mapping,
    from_template,
    header_signature,
)
from ..importing.plan import ImportPlan, RowPlan, make_plan
from ..importing.read import read_table
from ..importing.rejects import write_rejects
from ..importing.rows import Problem, convert_rows
from ..importing.table import SheetTable
from .import_apply import undo_batch, write_plan
from .import_known import load_known, stamp
from .settings import SettingsService


@contextmanager
def gc_paused() -> Iterator[None]:
    """Pause Python's cycle collector while a plan of thousands of small records is built:
    it would otherwise walk every object of the sheet again and again (half of the time).
    On the way out, what was built (mostly kept: the table, the plan) is filed with the old
    objects in one step (freeze + unfreeze) instead of being walked by the next young
    collection; cyclic garbage among it is still collected, by the next full collection."""
    was_on = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_on:
            gc.freeze()
            gc.unfreeze()
            gc.enable()


@dataclass
class ImportResult:
    batch_id: int | None
    rows: int
    created: int
    updated: int
    unchanged: int
    rejected: int
    errors: list[Problem] = field(default_factory=list)
    created_records: dict[str, list[str]] = field(default_factory=dict)  # sponsors, branches, ...
    backup: Path | None = None
    written: bool = False
    removed: int = 0  # records an undo removed
    row_plans: list[RowPlan] = field(default_factory=list)

    def as_json(self) -> dict:
        return {"rows": self.rows, "created": self.created, "updated": self.updated,
                "unchanged": self.unchanged, "rejected": self.rejected,
                "errors": [p.as_dict() for p in self.errors]}

    @classmethod
    def of(cls, rows: list[RowPlan], created_records: dict[str, list[str]], **kw) -> ImportResult:
        count = Counter(r.status for r in rows)
        return cls(rows=len(rows), created=count["new"], updated=count["changed"],
                   unchanged=count["unchanged"], rejected=count["rejected"],
                   errors=[p for r in rows for p in r.problems], row_plans=rows,
                   created_records=created_records, **kw)


@dataclass(frozen=True)
class BatchRow:
    id: int
    kind: str
    file_name: str
    sheet: str | None
    at: datetime
    user: str
    rows: int
    created: int
    updated: int
    unchanged: int
    rejected: int
    undone_at: datetime | None


@dataclass(frozen=True)
class TemplateRow:
    id: int
    name: str
    kind: str
    signature: str
    mapping: dict[str, str]  # header key -> field
    saved_at: datetime


class ImportService:
    def __init__(self, db: Database):
        self.db = db

    # --- reading and mapping ------------------------------------------------------

    def read(self, path: str | Path, sheet: str | None = None, kind: str | None = None,
             progress: Progress = SILENT) -> SheetTable:
        if kind:
            get_kind(kind)
        with gc_paused():
            return read_table(Path(path), sheet, vocabulary=_vocabulary(kind), progress=progress)

    def propose_mapping(self, table: SheetTable, kind: str) -> ColumnMapping:
        spec = get_kind(kind)
        signature = header_signature(table.headers)
        with self.db.reading() as s:
            saved = s.scalars(select(ImportTemplate).where(
                ImportTemplate.kind == spec.name, ImportTemplate.signature == signature,
            ).order_by(ImportTemplate.saved_at.desc(), ImportTemplate.id.desc())).first()
            if saved is not None:
                return from_template(spec, table.headers, saved.name, json.loads(saved.mapping))
        return automatic_mapping(spec, table.headers)

    def save_template(self, name: str, kind: str, headers, mapping) -> TemplateRow:
        """Save (or replace) a named mapping; `mapping` is a ColumnMapping or {index: field}."""
        spec = get_kind(kind)
        name = " ".join((name or "").split())
        if not name:
            raise ValidationError("Give the template a name.", "name")
        columns = mapping.columns if isinstance(mapping, ColumnMapping) else mapping
        checked = build_mapping(spec, headers, columns)
        with self.db.transaction() as s:
            row = s.scalars(select(ImportTemplate).where(
                ImportTemplate.kind == spec.name, ImportTemplate.name == name)).first()
            if row is None:
                row = ImportTemplate(name=name, kind=spec.name)
                s.add(row)
            row.signature = checked.signature
            row.mapping = json.dumps(checked.keyed(), sort_keys=True)
            row.saved_at = utcnow()
            s.flush()
            return _template_row(row)

    def templates(self, kind: str) -> list[TemplateRow]:
        spec = get_kind(kind)
        with self.db.reading() as s:
            return [_template_row(t) for t in s.scalars(
                select(ImportTemplate).where(ImportTemplate.kind == spec.name)
                .order_by(ImportTemplate.name))]

    # --- preview, apply, undo -----------------------------------------------------

    def preview(self, table: SheetTable, kind: str, mapping: ColumnMapping,
                progress: Progress = SILENT, *, today: date | None = None) -> ImportPlan:
        spec = get_kind(kind)
        if mapping.kind != spec.name:
            mapping = build_mapping(spec, mapping.headers, mapping.columns)
        if mapping.missing:
            raise ValidationError(
                f"No column of {table.file_name} gives the {mapping.missing[0]}; "
                "map one to continue.", "mapping")
        policy = SettingsService(self.db).screening_policy()
        with gc_paused():
            converted, warnings = convert_rows(table, spec, mapping.columns, progress)
            with self.db.reading() as s:
                known = load_known(s, spec.name, converted, today or date.today(), policy)
                now = stamp(s, spec.name)
            progress.check()
            rows, creates, updates, to_create = make_plan(known, mapping, converted)
        unmapped = [table.headers[i] for i in mapping.unmapped]
        if unmapped:
            warnings.append("Not imported (no field chosen): " + ", ".join(unmapped) + ".")
        warnings.extend(f"Row {n} was left out: {why.rstrip('.')}." for n, why in table.skipped)
        return ImportPlan(
            kind=spec.name, file_name=table.file_name, file_hash=table.file_hash,
            sheet=table.sheet, mapping=mapping, rows=rows, to_create=to_create,
            warnings=warnings, creates=creates, updates=updates, converted=converted, stamp=now,
        )

    def apply(self, plan: ImportPlan, *, create_missing: bool = True,
              progress: Progress = SILENT, today: date | None = None) -> ImportResult:
        backup = self._backup()
        policy = SettingsService(self.db).screening_policy()
        with gc_paused(), self.db.transaction() as s:
            if stamp(s, plan.kind) == plan.stamp and (create_missing or not plan.to_create):
                # Nothing it read has changed since the preview: its decisions stand.
                rows, creates, updates, to_create = (plan.rows, plan.creates, plan.updates,
                                                     plan.to_create)
            else:
                known = load_known(s, plan.kind, plan.converted, today or date.today(), policy)
                rows, creates, updates, to_create = make_plan(
                    known, plan.mapping, plan.converted, allow_create=create_missing)
            progress.check()
            result = ImportResult.of(rows, to_create, batch_id=None, backup=backup, written=True)
            batch = ImportBatch(
                kind=plan.kind, file_name=plan.file_name[:255], file_hash=plan.file_hash,
                sheet=plan.sheet, user=str(s.info.get("user") or "unknown"), rows=result.rows,
                created=result.created, updated=result.updated, unchanged=result.unchanged,
                rejected=result.rejected)
            s.add(batch)
            s.flush()
            write_plan(s, creates, updates, batch.id, progress)
            progress.check()
            result.batch_id = batch.id
        return result

    def undo(self, batch_id: int) -> ImportResult:
        with self.db.transaction() as s:
            batch = s.get(ImportBatch, batch_id)
            if batch is None:
                raise NotFound(f"There is no import with number {batch_id}.")
            if batch.undone_at is not None:
                raise ValidationError(
                    f"Import {batch_id} was already undone on {batch.undone_at:%Y-%m-%d %H:%M}.")
            removed, restored = undo_batch(s, batch)
            return ImportResult(batch_id=batch_id, rows=batch.rows, created=0, updated=restored,
                                unchanged=0, rejected=0, written=True, removed=removed)

    def batches(self, limit: int = 50) -> list[BatchRow]:
        with self.db.reading() as s:
            return [BatchRow(b.id, b.kind, b.file_name, b.sheet, b.at, b.user, b.rows, b.created,
                             b.updated, b.unchanged, b.rejected, b.undone_at)
                    for b in s.scalars(select(ImportBatch).order_by(ImportBatch.id.desc())
                                       .limit(limit))]

    def write_rejects(self, plan: ImportPlan | ImportResult, table: SheetTable,
                      out_path: str | Path) -> Path:
        rows = plan.rows if isinstance(plan, ImportPlan) else plan.row_plans
        return write_rejects(table, rows, Path(out_path))

    def _backup(self) -> Path | None:
        if self.db.path is None:
            return None
        when = datetime.now().strftime("%Y%m%d-%H%M%S")
        path = self.db.path
        return self.db.backup_to(path.with_name(f"{path.stem}.before-import-{when}{path.suffix}"))


@cache
def _vocabulary(kind: str | None) -> frozenset[str]:
    """The header keys a kind (None: any kind) understands, for finding the header row."""
    kinds = [KINDS[kind]] if kind else list(KINDS.values())
    return frozenset(header_key(s) for k in kinds for names in k.synonyms().values()
                     for s in names)


def _template_row(t: ImportTemplate) -> TemplateRow:
    return TemplateRow(t.id, t.name, t.kind, t.signature, json.loads(t.mapping), t.saved_at)
