"""Import of a 10,000-row volunteer workbook (read, map, validate, dedupe, insert)
against python-calamine reading the same file plus raw sqlite3 executemany of
the same rows in one transaction; and the same at 10x (100,000 rows) to show
linear growth."""

from __future__ import annotations

import random
import sqlite3
from datetime import date, timedelta
from pathlib import Path

from .harness import Result, median, side_by_side

TARGET = 2.5
HEADERS = ("First name", "Last name", "Email", "Phone", "Date of birth", "Company", "Branch",
           "City", "Languages", "Interests", "Status", "Notes")
FIRST = ("Ana", "Zoë", "Björn", "Łukasz", "Νίκος", "Ольга", "Nguyễn", "María José", "Chidi",
         "Aiyana", "Sean", "Priya", "Omar", "Mei", "Tomás", "Ingrid")
LAST = ("García", "Müller", "O'Brien", "Παπαδόπουλος", "Иванова", "Trần", "Okafor", "Smith",
        "Novak", "Haddad", "Kowalski", "Lindqvist", "Dubois", "Rossi", "Tanaka", "Silva")


def volunteer_rows(n: int, seed: int = 7) -> list[tuple]:
    rng = random.Random(seed)
    companies = [(f"Sponsor {c:02d}", [f"Branch {c:02d}-{b}" for b in range(5)])
                 for c in range(40)]
    rows = []
    for i in range(n):
        # Two given names from 16 and a surname from 16: about 4,000 names, so that
        # namesakes occur about as often as in a real roster of this size.
        first, last = f"{rng.choice(FIRST)} {rng.choice(FIRST)}", rng.choice(LAST)
        company, branches = rng.choice(companies)
        rows.append((
            first, last, f"v{i:06d}.{rng.randrange(10**6)}@example.org",
            f"+1 555 {rng.randrange(10**3):03d} {rng.randrange(10**4):04d}",
            date(1960, 1, 1) + timedelta(days=rng.randrange(16000)),
            company, rng.choice(branches), rng.choice(("Dayton", "Columbus", "Springfield")),
            "English, Spanish" if i % 3 else "English", "reading, soccer", "applied", "",
        ))
    return rows


def write_workbook(path: Path, rows: list[tuple]) -> Path:
    from openpyxl import Workbook

    wb = Workbook(write_only=True)
    ws = wb.create_sheet("Volunteers")
    ws.append(HEADERS)
    for row in rows:
        ws.append(row)
    wb.save(path)
    return path


def fresh_database(path: Path) -> Path:
    from mentordesk.db import open_database

    for suffix in ("", "-wal", "-shm"):
        Path(f"{path}{suffix}").unlink(missing_ok=True)
    open_database(path).dispose()
    return path


def mentordesk_import(workbook: Path, db_path: Path) -> dict:
    from mentordesk.db import open_database
    from mentordesk.services.imports import ImportService

    db = open_database(db_path)
    try:
        service = ImportService(db)
        table = service.read(workbook, kind="volunteers")
        plan = service.preview(table, "volunteers", service.propose_mapping(table, "volunteers"))
        result = service.apply(plan)
        return result.as_json()
    finally:
        db.dispose()


def raw_import(workbook: Path, db_path: Path) -> int:
    from python_calamine import CalamineWorkbook

    rows = CalamineWorkbook.from_path(str(workbook)).get_sheet_by_index(0).to_python()[1:]
    con = sqlite3.connect(db_path)
    with con:
        con.executemany(
            "INSERT INTO volunteer (first_name, last_name, email, phone, date_of_birth, city, "
            "languages, interests, status, notes, drives_youth, prior_training_minutes, "
            "consent_named_in_reports, availability, preferences, version, created_at, "
            "updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 0, 0, 0, '', '', 1, "
            "'2026-01-01', '2026-01-01')",
            [(r[0], r[1], r[2], r[3], r[4], r[7], r[8], r[9], r[10], r[11]) for r in rows],
        )
    con.close()
    return len(rows)


def measure(work: Path, n: int, repeat: int, label: str) -> Result:
    workbook = write_workbook(work / f"volunteers-{n}.xlsx", volunteer_rows(n))
    db_path = work / f"import-{n}.sqlite"
    template = fresh_database(work / f"import-template-{n}.sqlite")

    def setup() -> None:
        fresh_database(db_path)

    outcome: dict = {}
    ours, raw = side_by_side(
        lambda: outcome.update(mentordesk_import(workbook, db_path)),
        lambda: raw_import(workbook, db_path), repeat, setup=setup,
    )
    assert outcome.get("rows") == n and outcome.get("rejected") == 0, outcome.get("errors")
    template.unlink(missing_ok=True)
    return Result(label, ours=median(ours), baseline=median(raw), target_ratio=TARGET,
                  runs=repeat, samples={"ours": ours, "baseline": raw},
                  note="baseline: python-calamine + sqlite3 executemany")


def run(data: dict[str, Path], repeat: int) -> list[Result]:
    work = data["large"].parent
    one = measure(work, 10_000, repeat, "import 10,000 volunteers (xlsx)")
    ten = measure(work, 100_000, max(1, repeat // 2), "import 100,000 volunteers (xlsx, 10x)")
    growth = Result("import: 10x rows vs 10 x time (linear growth)", ours=ten.ours,
                    baseline=10 * one.ours if one.ours else None, target_ratio=1.25, runs=1)
    return [one, ten, growth]
