"""The sponsor impact report for the company with the most volunteers, over the
last year, on the large database: MentorDesk's ReportService against a bare
reportlab document with the same tables and charts from the same SQL
aggregates (benchmarks/report_baseline.py). Both run in one process on an open
database, after a warm-up (fonts registered, modules imported), as in the app."""

from __future__ import annotations

import sqlite3
from datetime import date, timedelta
from pathlib import Path

from .harness import Result, median, profiled, side_by_side

TARGET, LIMIT_S = 1.5, 1.0


def _biggest_sponsor(db_path: Path) -> str:
    con = sqlite3.connect(db_path)
    try:
        return con.execute(
            "SELECT s.name FROM sponsor s JOIN employment e ON e.sponsor_id = s.id "
            "GROUP BY s.id ORDER BY count(DISTINCT e.volunteer_id) DESC, s.name LIMIT 1"
        ).fetchone()[0]
    finally:
        con.close()


def measure(db_path: Path, repeat: int, label: str) -> Result:
    from mentordesk.db import open_database
    from mentordesk.services.reports import ReportService

    from .report_baseline import bare

    name = _biggest_sponsor(db_path)
    end = date.today()
    start = end - timedelta(days=364)
    ours_pdf, bare_pdf = db_path.with_suffix(".ours.pdf"), db_path.with_suffix(".bare.pdf")
    db = open_database(db_path, create=False)
    try:
        reports = ReportService(db)
        sponsor_id = reports.find_sponsor(name)
        ours, raw = side_by_side(
            lambda: reports.sponsor_report(sponsor_id, start, end, ours_pdf, paper="a4"),
            lambda: bare(str(db_path), name, start, end, str(bare_pdf)),
            repeat,
        )
        profiled(f"sponsor-report-{db_path.stem}",
                 lambda: reports.sponsor_report(sponsor_id, start, end, ours_pdf, paper="a4"))
    finally:
        db.dispose()
    return Result(label, ours=median(ours), baseline=median(raw), target_ratio=TARGET,
                  limit_s=LIMIT_S, runs=repeat, samples={"ours": ours, "baseline": raw},
                  note=f"{name}, {start:%d %b %Y} to {end:%d %b %Y}")


def run(data: dict[str, Path], repeat: int) -> list[Result]:
    one = measure(data["large"], repeat, "sponsor report (large database)")
    ten = measure(data["x10"], max(2, repeat // 2), "sponsor report (10x database)")
    ten.limit_s = None
    return [one, ten]
