"""Roster export of every session (150,000 on the large database) against raw
openpyxl write-only mode writing the same values (read with plain sqlite3);
peak memory of the export in a child process; and the same at 10x."""

from __future__ import annotations

from pathlib import Path

from .harness import Result, in_child, median, profiled_child

TARGET, MEMORY_MB = 1.3, 200

SQL = (
    "SELECT s.id, s.session_date, v.first_name || ' ' || v.last_name, v.email, "
    "y.programme_ref, s.match_id, p.name, s.medium, s.status, s.duration_minutes, "
    "s.duration_minutes / 60.0, s.notes FROM session s "
    "JOIN volunteer v ON v.id = s.volunteer_id LEFT JOIN match m ON m.id = s.match_id "
    "LEFT JOIN youth y ON y.id = m.youth_id LEFT JOIN programme p ON p.id = s.programme_id "
    "ORDER BY s.session_date, s.id"
)
HEADERS = ("MentorDesk ID", "Date", "Volunteer", "Volunteer email", "Youth programme ID",
           "Match ID", "Programme", "Medium", "Status", "Minutes", "Hours", "Notes")


def mentordesk_export(db_path: str, out: str) -> dict:
    from mentordesk.db import open_database
    from mentordesk.services.exports import ExportService

    db = open_database(db_path)
    try:
        result = ExportService(db).roster("sessions", Path(out))
        return {"rows": sum(result.rows.values())}
    finally:
        db.dispose()


def raw_export(db_path: str, out: str) -> dict:
    import sqlite3
    from datetime import date

    from openpyxl import Workbook

    con = sqlite3.connect(db_path)
    wb = Workbook(write_only=True)
    ws = wb.create_sheet("Sessions")
    ws.append(HEADERS)
    rows = 0
    for row in con.execute(SQL):
        ws.append((row[0], date.fromisoformat(row[1]), *row[2:]))
        rows += 1
    wb.save(out)
    con.close()
    return {"rows": rows}


def measure(db: Path, repeat: int, label: str, warm_up: bool = True) -> Result:
    out = db.with_suffix(".export.xlsx")
    ours, raw, peak, rows = [], [], 0.0, None
    first = 0 if warm_up else 1
    for i in range(first, repeat + 1):  # a first pair (i == 0) warms the file cache only
        a = in_child("benchmarks.bench_export:mentordesk_export", str(db), str(out))
        b = in_child("benchmarks.bench_export:raw_export", str(db), str(out))
        assert a["rows"] == b["rows"], (a, b)
        rows = a["rows"]
        if i:
            ours.append(a["wall_s"])
            raw.append(b["wall_s"])
            peak = max(peak, a["peak_mb"] or 0)
    out.unlink(missing_ok=True)
    return Result(label, ours=median(ours), baseline=median(raw), target_ratio=TARGET,
                  peak_mb=peak, limit_mb=MEMORY_MB, runs=repeat,
                  samples={"ours": ours, "baseline": raw},
                  note=f"{rows:,} rows; baseline: sqlite3 + openpyxl write-only; child processes")


def run(data: dict[str, Path], repeat: int) -> list[Result]:
    one = measure(data["large"], max(2, repeat // 2), "export roster: every session (xlsx)")
    out = data["large"].with_suffix(".profiled.xlsx")
    profiled_child("export-sessions", "benchmarks.bench_export:mentordesk_export",
                   str(data["large"]), str(out))
    out.unlink(missing_ok=True)
    # 1.5 million rows take minutes a side: one pair, no warm-up, keeps the suite short
    ten = measure(data["x10"], 1, "export roster: every session at 10x (xlsx)", warm_up=False)
    ten.limit_mb = None  # the memory bar is for the large database
    growth = Result("export: 10x rows vs 10 x time (linear growth)", ours=ten.ours,
                    baseline=10 * one.ours if one.ours else None, target_ratio=1.25, runs=1)
    return [one, ten, growth]
