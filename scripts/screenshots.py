"""Screenshots of the desktop for docs/screenshots/, the same on every run.

    uv run python scripts/screenshots.py [--out docs/screenshots]

Builds the small demo database (fixed seed and date) in a temporary folder, opens
the main window offscreen at 1280×800 in a fixed locale with throw-away UI
settings, and saves one PNG per page plus the window on its default page.
"""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import argparse  # noqa: E402
import sys  # noqa: E402
import tempfile  # noqa: E402
from datetime import date  # noqa: E402
from pathlib import Path  # noqa: E402

from PySide6.QtCore import QLocale  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

from mentordesk.ui.app import application  # noqa: E402
from mentordesk.db import open_database  # noqa: E402
from mentordesk.services.container import Services  # noqa: E402
from mentordesk.services.demo import build_demo  # noqa: E402
from mentordesk.ui.main_window import MainWindow  # noqa: E402
from mentordesk.ui.settings import UiSettings  # noqa: E402

SEED = 1
AS_OF = date(2026, 3, 1)
SIZE = (1280, 800)
PAGES = ("volunteers", "youth", "matches", "sessions", "sponsors", "events", "dashboard")
OUT = Path(__file__).resolve().parents[1] / "docs" / "screenshots"


def settle(app: QApplication, window: MainWindow | None = None) -> None:
    """Let background loads finish and their results paint before a shot."""
    for _ in range(3):
        if window is not None:
            window.tasks.wait()
        app.processEvents()


def shoot(window: MainWindow, path: Path) -> None:
    if not window.grab().save(str(path)):
        raise SystemExit(f"could not write {path}")
    print(f"wrote {path}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=OUT, help="folder for the PNG files")
    args = parser.parse_args(argv)
    args.out.mkdir(parents=True, exist_ok=True)

    QLocale.setDefault(QLocale(QLocale.Language.English, QLocale.Country.UnitedKingdom))
    app = application()
    with tempfile.TemporaryDirectory(prefix="mentordesk-screenshots-") as tmp:
        db = open_database(Path(tmp) / "demo.sqlite")
        try:
            build_demo(db, "small", seed=SEED, as_of=AS_OF)
            window = MainWindow(
                Services.for_database(db), UiSettings(Path(tmp) / "ui.ini"),
                database_name="Demo data", today=lambda: AS_OF,
            )
            window.resize(*SIZE)
            window.show()
            settle(app, window)
            shoot(window, args.out / "main-window.png")
            for key in PAGES:
                window.show_page(key)
                settle(app, window)
                shoot(window, args.out / f"{key}.png")
            window.close()
            window.deleteLater()
            settle(app)
        finally:
            db.dispose()
    return 0


if __name__ == "__main__":
    sys.exit(main())
