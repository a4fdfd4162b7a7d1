"""Print a page of each roster and of the participation workbook, to look at.

    uv run python scripts/print_rosters.py [--db DB] [--out docs/exports]

Builds a small demo database (unless --db is given), exports each roster and
the participation workbook, converts each workbook to PDF with LibreOffice
(`soffice --headless --convert-to pdf`, which honours the print setup: landscape,
one page wide, header row repeated, footer) and renders the first page (and the
second, to show the repeated header; every sheet of the participation workbook)
to PNG with poppler's pdftoppm.
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from mentordesk.db import open_database  # noqa: E402
from mentordesk.services.container import Services  # noqa: E402
from mentordesk.services.demo import build_demo  # noqa: E402
from mentordesk.services.rosters import RosterFilters  # noqa: E402

PERIOD = dict(start=date(2025, 1, 1), end=date(2025, 6, 30))
# Pages to render: the second page of a session log shows the repeated header row;
# the participation workbook has three sheets (summary, branches, definitions).
PAGES = {"sessions": 2, "participation": 3}


def exports(services, folder: Path) -> dict[str, Path]:
    sponsor = services.sponsors.list()[0]
    ex = services.exports
    jobs = {
        "volunteers": lambda p: ex.roster("volunteers", p),
        "youth": lambda p: ex.roster("youth", p),
        "limited-youth": lambda p: ex.roster("youth", p, privacy="limited"),
        "matches": lambda p: ex.roster("matches", p),
        "sessions": lambda p: ex.roster("sessions", p, filters=RosterFilters(**PERIOD)),
        "sponsor-sessions": lambda p: ex.roster(
            "sessions", p, filters=RosterFilters(sponsor_id=sponsor.id, **PERIOD)),
        "participation": lambda p: ex.participation(sponsor.id, PERIOD["start"], PERIOD["end"], p),
    }
    out = {}
    for name, job in jobs.items():
        path = folder / f"{name}.xlsx"
        job(path)
        out[name] = path
    return out


def render(workbook: Path, out_dir: Path, pages: int) -> list[Path]:
    work = workbook.parent
    subprocess.run(["soffice", "--headless", "--convert-to", "pdf", "--outdir", str(work),
                    str(workbook)], check=True, capture_output=True, timeout=180)
    pdf = workbook.with_suffix(".pdf")
    prefix = out_dir / workbook.stem
    # pdftoppm numbers pages with as many digits as the document's page count needs.
    subprocess.run(["pdftoppm", "-png", "-r", "60", "-f", "1", "-l", str(pages), str(pdf),
                    str(prefix)], check=True, timeout=60)
    return sorted(out_dir.glob(f"{workbook.stem}-*.png"))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", help="an existing database (default: a fresh small demo)")
    parser.add_argument("--out", default=str(ROOT / "docs" / "exports"))
    args = parser.parse_args()
    for tool in ("soffice", "pdftoppm"):
        if shutil.which(tool) is None:
            print(f"{tool} is not installed; nothing printed.", file=sys.stderr)
            return 2
    out_dir = Path(args.out)
    out_dir.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        db = open_database(args.db or folder / "demo.sqlite")
        try:
            services = Services.for_database(db)
            if not args.db:
                build_demo(db, "small", seed=1)
            workbooks = exports(services, folder)
        finally:
            db.dispose()
        for name, path in workbooks.items():
            for old in out_dir.glob(f"{name}-*.png"):
                old.unlink()
            pages = render(path, out_dir, PAGES.get(name, 1))
            print(name, ", ".join(p.name for p in pages))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
