"""Render sample reports from the demo database to PNG pages, to look at.

    uv run python scripts/reports.py [--db DB] [--size small|large] [--out docs/reports]
                                     [--keep-pdf]

Builds a demo database as of a fixed day (unless --db is given), writes the
sponsor impact report of the company with the most volunteers (A4) and of the
smallest one (Letter), and the programme report, each for the twelve calendar
months before that day's month, then renders every page with poppler's pdftoppm at 60 dpi:
docs/reports/sponsor-1.png, sponsor-small-1.png, programme-1.png, ...
Prints how long each report took.
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from sqlalchemy import func, select  # noqa: E402

from mentordesk.db import open_database  # noqa: E402
from mentordesk.domain import Employment, MentoringSession  # noqa: E402
from mentordesk.domain.dates import add_months  # noqa: E402
from mentordesk.services.container import Services  # noqa: E402
from mentordesk.services.demo import build_demo  # noqa: E402
from mentordesk.services.participation import Period  # noqa: E402

AS_OF = date(2026, 3, 1)


def sponsors_by_size(services: Services) -> list[int]:
    """Sponsor IDs, most employees on record first."""
    with services.db.reading() as s:
        rows = s.execute(select(Employment.sponsor_id, func.count())
                         .group_by(Employment.sponsor_id)
                         .order_by(func.count().desc(), Employment.sponsor_id)).all()
    return [sid for sid, _ in rows]


def last_day(services: Services) -> date:
    """The demo's last session day (the demo is built as of the day it was made)."""
    with services.db.reading() as s:
        return s.scalar(select(func.max(MentoringSession.session_date))) or AS_OF


def render(pdf: Path, out_dir: Path, name: str) -> list[Path]:
    for old in out_dir.glob(f"{name}-*.png"):
        old.unlink()
    subprocess.run(["pdftoppm", "-png", "-r", "60", str(pdf), str(out_dir / name)],
                   check=True, capture_output=True, timeout=120)
    return sorted(out_dir.glob(f"{name}-*.png"))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", help="an existing database (default: a fresh demo)")
    parser.add_argument("--size", choices=("small", "large"), default="large")
    parser.add_argument("--out", default=str(ROOT / "docs" / "reports"))
    parser.add_argument("--keep-pdf", action="store_true", help="keep the PDFs beside the PNGs")
    args = parser.parse_args(argv)
    if shutil.which("pdftoppm") is None:
        print("pdftoppm (poppler-utils) is needed to render the pages.", file=sys.stderr)
        return 2
    out_dir = Path(args.out)
    out_dir.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as work_dir:
        work = Path(work_dir)
        if args.db:
            db = open_database(args.db, create=False)
        else:
            db = open_database(work / "demo.sqlite")
            build_demo(db, args.size, seed=1, as_of=AS_OF)
        try:
            services = Services.for_database(db)
            services.settings.set("organisation_name", "Bright Futures Mentoring")
            # The last twelve whole calendar months before the demo's last day.
            first_of_month = last_day(services).replace(day=1)
            period = Period(add_months(first_of_month, -12), first_of_month - timedelta(days=1))
            ids = sponsors_by_size(services)
            services.reports.set_highlights(
                ids[0], "Our volunteers started a reading club at two schools this year.\n\n"
                "Thank you to everyone who gave their lunchtimes to it.")
            jobs = [("sponsor", ids[0], "a4"), ("sponsor-small", ids[-1], "letter"),
                    ("programme", None, "a4")]
            for name, sponsor_id, paper in jobs:
                pdf = work / f"{name}.pdf"
                started = time.perf_counter()
                if sponsor_id is None:
                    services.reports.programme_report(period.start, period.end, pdf, paper=paper)
                else:
                    services.reports.sponsor_report(sponsor_id, period.start, period.end, pdf,
                                                    paper=paper)
                took = time.perf_counter() - started
                pages = render(pdf, out_dir, name)
                if args.keep_pdf:
                    shutil.copy(pdf, out_dir / pdf.name)
                print(f"{name}: {len(pages)} pages in {took:.2f} s -> "
                      f"{', '.join(p.name for p in pages)}")
        finally:
            db.dispose()
    print(f"Period {period.start} to {period.end}; pages in {out_dir}.")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
