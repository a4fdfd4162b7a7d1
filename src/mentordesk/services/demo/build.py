"""`build_demo`: plan the whole demo in memory, then write it in one transaction."""

from __future__ import annotations

import time
from collections.abc import Callable
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from ...db import Database
from ...domain.audit import record
from ...domain.base import utcnow
from ...domain.enums import AuditAction, ClosureCategory
from ...domain.errors import DatabaseError
from ...domain.matching import ClosureReason, Match
from ...domain.organisation import Programme, Sponsor
from ...domain.people import Volunteer, Youth
from .activity import _ActivityWriter
from .config import SIZES, TABLES, DemoCancelled, DemoSummary
from .write import _Writer


class _Generator(_ActivityWriter):
    """The demo generator: `plan()` (`_Planner`), then `write_organisation` ..
    `write_matches` (`_RecordWriter`), then `write_sessions`, `write_contacts` and
    `write_events` (`_ActivityWriter`)."""


_STAGES = ("organisation", "volunteers", "youth", "matches", "sessions",
           "support contacts", "events", "finish")


def build_demo(
    db: Database,
    size: str = "small",
    seed: int = 1,
    as_of: date | None = None,
    progress: Callable[[int, int], None] | None = None,
    cancelled: Callable[[], bool] | None = None,
) -> DemoSummary:
    """Fill an empty database with demo data; see the package docstring."""
    if size not in SIZES:
        raise ValueError(f"Unknown demo size {size!r}; choose one of {', '.join(SIZES)}.")
    started = time.perf_counter()
    as_of = as_of or date.today()
    summary = DemoSummary(size, seed, as_of, {t: 0 for t in TABLES})
    total = len(_STAGES)

    def step(done: int) -> None:
        if progress is not None:
            progress(done, total)

    def poll() -> None:
        if cancelled is not None and cancelled():
            raise DemoCancelled("Building the demo data was cancelled; nothing was saved.")

    with db.transaction() as s:
        _refuse_unless_empty(s)
        reasons = _closure_reasons(s)
        step(0)
        poll()
        gen = _Generator(SIZES[size], seed, as_of, reasons, utcnow())
        writer = _Writer(s, summary.counts)
        gen.plan()
        gen.write_organisation(writer)
        step(1)
        poll()
        gen.write_volunteers(writer)
        step(2)
        poll()
        gen.write_youth(writer)
        step(3)
        poll()
        gen.write_matches(writer)
        step(4)
        poll()
        gen.write_sessions(writer, poll)
        step(5)
        poll()
        gen.write_contacts(writer)
        step(6)
        poll()
        gen.write_events(writer)
        step(7)
        poll()
        record(s, "database", None, AuditAction.CREATE,
               note=f"demo data generated ({size}, seed {seed})")
        summary.counts["audit_entry"] += 1
        step(8)
    summary.elapsed = time.perf_counter() - started
    return summary


def _refuse_unless_empty(s: Session) -> None:
    for model, what in (
        (Volunteer, "volunteers"), (Youth, "youth"), (Match, "matches"),
        (Sponsor, "sponsors"), (Programme, "programmes"),
    ):
        if s.execute(select(model.id).limit(1)).first() is not None:
            raise DatabaseError(
                f"This database already holds {what}; demo data can only be "
                "generated into a new, empty database."
            )


def _closure_reasons(s: Session) -> list[tuple[int, str, ClosureCategory | None]]:
    rows = s.execute(
        select(ClosureReason.id, ClosureReason.label, ClosureReason.default_category)
        .where(ClosureReason.active.is_(True))
        .order_by(ClosureReason.sort_order, ClosureReason.id)
    ).all()
    if not rows:
        raise DatabaseError(
            "The database has no closure reasons; open it with MentorDesk once so "
            "its reference data is created, then try again."
        )
    return [(r[0], r[1], r[2]) for r in rows]
