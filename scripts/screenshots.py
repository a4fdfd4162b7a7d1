"""Screenshots of the desktop for docs/screenshots/, the same on every run.

    uv run python scripts/screenshots.py [--out docs/screenshots]

Builds the small demo database (fixed seed and date) in a temporary folder, opens
the main window offscreen at 1280×800 in a fixed locale with throw-away UI
settings, and saves one PNG per page plus the window on its default page, and
the main dialogs (dialog-*.png): volunteer form, matching assistant, closure
wizard, fast session entry, organisation settings, user guide, import wizard.
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
PAGES = ("volunteers", "youth", "matches", "sessions", "sponsors", "events", "reports",
         "dashboard")
OUT = Path(__file__).resolve().parents[1] / "docs" / "screenshots"
IMPORT_SAMPLE = Path(__file__).resolve().parents[1] / "tests" / "data" / "roster_volunteers.xlsx"


def settle(app: QApplication, window: MainWindow | None = None) -> None:
    """Let background loads finish and their results paint before a shot."""
    for _ in range(3):
        if window is not None:
            window.tasks.wait()
        app.processEvents()


def prepare(app: QApplication, window: MainWindow, key: str) -> None:
    """The Reports page shows a report once asked: preview the first company's."""
    if key != "reports":
        return
    page = window.pages[key]
    page.options.highlights.setPlainText(
        "Thank you for a term of steady Tuesday sessions: every match met through the exams.")
    page.generate()
    while page.busy:
        settle(app, window)
    page.preview.go_to_page(2)  # past the cover: the headline figures
    settle(app, window)


def shoot(window: MainWindow, path: Path) -> None:
    if not window.grab().save(str(path)):
        raise SystemExit(f"could not write {path}")
    print(f"wrote {path}")


def shoot_import_wizard(app: QApplication, window: MainWindow, out: Path) -> None:
    """The import wizard's mapping and preview pages, on a roster from tests/data/."""
    from mentordesk.ui.dialogs.import_wizard import ImportWizard

    wizard = ImportWizard(window.context, window, IMPORT_SAMPLE)
    wizard.show()
    for name in ("mapping", "preview"):
        while wizard.busy():
            settle(app, window)
        wizard.next()
        while wizard.busy():
            settle(app, window)
        settle(app, window)
        shoot(wizard, out / f"dialog-import-{name}.png")
    wizard.close()


def shoot_dialog(app: QApplication, window: MainWindow, dialog, name: str, out: Path) -> None:
    """Let the dialog's background reads finish, shoot it, close it."""
    settle(app, window)
    shoot(dialog, out / f"dialog-{name}.png")
    dialog.close()
    settle(app, window)


def shoot_dialogs(app: QApplication, window: MainWindow, out: Path) -> None:
    """The dialogs of a coordinator's day, filled from the demo data."""
    volunteers = window.pages["volunteers"]
    window.show_page("volunteers")
    settle(app, window)
    row = next(r for r in volunteers.model.rows() if r.sponsor and r.ready_to_match)
    shoot_dialog(app, window, volunteers.edit_record(row.id), "volunteer-form", out)

    matches = window.pages["matches"]
    waiting = next(r for r in window.services.youth.list_rows()
                   if r.status.value == "waiting" and r.programme)
    assistant = matches.find_mentor(waiting.id)
    while assistant.loading or assistant.ranking is None:
        settle(app, window)
    shoot_dialog(app, window, assistant, "matching-assistant", out)

    running = next(r for r in window.services.matches.list_rows()
                   if r.status.value == "active" and r.start_date)
    page = matches.open_match(running.id)
    page.open_closure_wizard()
    wizard = page.dialog
    wizard.reason.setCurrentIndex(1)
    for _ in range(3):  # to the closure date, past reason, category and rematch
        wizard.next()
        if wizard.currentPage() is wizard.rematch_page:
            wizard.rematch_page.choose(True)
    shoot_dialog(app, window, wizard, "closure-wizard", out)
    page.close()

    window.show_page("sessions")
    settle(app, window)
    sessions = window.pages["sessions"]
    sessions.open_entry()
    entry = sessions.entry_dialog
    choices = entry.model.choices()[:3]
    for line, (choice, minutes) in enumerate(zip(choices, ("1:30", "60", "45 min"))):
        for column, value in ((0, choice.label), (2, minutes)):
            entry.model.setData(entry.model.index(line, column), value)
    shoot_dialog(app, window, entry, "session-entry", out)

    window.organisation_action.trigger()
    organisation = window.dialogs["organisation"]
    settle(app, window)
    shoot(organisation, out / "dialog-organisation.png")
    organisation.show_rules()
    shoot_dialog(app, window, organisation, "organisation-rules", out)

    window.guide_action.trigger()
    shoot_dialog(app, window, window.dialogs["guide"], "user-guide", out)


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
                prepare(app, window, key)
                shoot(window, args.out / f"{key}.png")
            shoot_import_wizard(app, window, args.out)
            shoot_dialogs(app, window, args.out)
            window.close()
            window.deleteLater()
            settle(app)
        finally:
            db.dispose()
    return 0


if __name__ == "__main__":
    sys.exit(main())
