"""Roster export of every session (150,000 on the large database) against raw
openpyxl write-only mode writing the same values (read with plain sqlite3);
peak memory of the export in a child process; and linear growth: the same
export (the sessions of the data's first 30 days) on the large and the 10x
database, timed around the export call (1.5 million rows a side would take
over ten minutes by themselves)."""

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


def mentordesk_export(db_path: str, out: str, start: str = "", end: str = "") -> dict:
    """The sessions roster (of the period from `start` to `end`, if given)."""
    import time
    from datetime import date

    from mentordesk.db import open_database
    from mentordesk.services.exports import ExportService
    from mentordesk.services.rosters import RosterFilters

    db = open_database(db_path)
    try:
        filters = RosterFilters(start=date.fromisoformat(start) if start else None,
                                end=date.fromisoformat(end) if end else None)
        started = time.perf_counter()
        result = ExportService(db).roster("sessions", Path(out), filters=filters)
        return {"rows": sum(result.rows.values()), "seconds": time.perf_counter() - started}
    finally:
        db.dispose()


def first_days(db: Path, days: int = 30) -> tuple[str, str]:
    import sqlite3
    from datetime import date, timedelta

    con = sqlite3.connect(db)
    try:
        first = date.fromisoformat(con.execute("SELECT min(session_date) FROM session").fetchone()[0])
    finally:
        con.close()
    return first.isoformat(), (first + timedelta(days=days - 1)).isoformat()


def growth(data: dict[str, Path]) -> list[Result]:
    """The same export on 1x and 10x data: the sessions of the first 30 days."""
    out, seconds, rows = data["large"].with_suffix(".month.xlsx"), {}, {}
    for key in ("large", "x10"):
        start, end = first_days(data[key])
        done = in_child("benchmarks.bench_export:mentordesk_export", str(data[key]), str(out),
                        start, end)
        seconds[key], rows[key] = done["seconds"], done["rows"]
    out.unlink(missing_ok=True)
    note = f"{rows['large']:,} vs {rows['x10']:,} rows ({rows['x10'] / rows['large']:.1f}x)"
    per_row = {k: seconds[k] / rows[k] for k in seconds}
    return [
        Result("export: first 30 days of sessions, large database", ours=seconds["large"], runs=1,
               note=f"{rows['large']:,} rows"),
        Result("export: first 30 days of sessions, 10x database", ours=seconds["x10"], runs=1,
               note=f"{rows['x10']:,} rows"),
        Result("export: time per row at 10x vs at 1x (linear growth)", ours=per_row["x10"],
               baseline=per_row["large"], target_ratio=1.25, runs=1, note=note),
    ]


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
    # The file cache is warm from the demo build: no warm-up pair (each side takes ~40 s).
    one = measure(data["large"], max(2, repeat // 2), "export roster: every session (xlsx)",
                  warm_up=False)
    out = data["large"].with_suffix(".profiled.xlsx")
    profiled_child("export-sessions", "benchmarks.bench_export:mentordesk_export",
                   str(data["large"]), str(out))
    out.unlink(missing_ok=True)
    return [one, *growth(data)]
