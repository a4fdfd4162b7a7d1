"""Composition root of the desktop app: database → services → main window.

Nothing here is global: the window gets the services it uses. Errors opening the
database are one sentence in a message box and exit code 2, never a traceback.
"""

from __future__ import annotations

import gc
import shutil
import sys
import tempfile
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QMessageBox

from ..db import Database, default_database_path, open_database
from ..domain.errors import MentorDeskError
from ..services.container import Services
from ..services.demo import build_demo
from .about import app_version
from .main_window import MainWindow
from .settings import UiSettings

APP_NAME = "MentorDesk"
EXIT_DATABASE_ERROR = 2
DEMO_TITLE = "Demo data (temporary)"


def application() -> QApplication:
    """The one QApplication, named so QSettings finds this app's place."""
    QApplication.setApplicationName(APP_NAME)
    QApplication.setOrganizationName(APP_NAME)
    QApplication.setApplicationVersion(app_version())
    app = QApplication.instance() or QApplication(sys.argv)
    assert isinstance(app, QApplication)
    # Native styles (Windows, macOS, the desktop's own on Linux) stay; only the bare
    # "Windows" fallback, which Qt uses when nothing native is available, gives way.
    if app.style().name().lower() == "windows":
        app.setStyle("Fusion")
    return app


def open_demo_database(folder: Path) -> Database:
    """A new database in `folder`, filled with the small demo programme."""
    db = open_database(folder / "mentordesk-demo.sqlite")
    QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
    try:
        build_demo(db, "small")
    except BaseException:
        db.dispose()
        raise
    finally:
        QApplication.restoreOverrideCursor()
    return db


def _open(db_target: str | None, demo_dir: Path | None) -> Database:
    try:
        if demo_dir is not None:
            return open_demo_database(demo_dir)
        return open_database(db_target if db_target is not None else default_database_path())
    except OSError as exc:  # e.g. no permission to create the data folder
        where = exc.filename or db_target or default_database_path()
        raise MentorDeskError(f"MentorDesk cannot open {where}: {exc.strerror or exc}.") from None


def run_gui(db_target: str | None, demo: bool = False) -> int:
    """Open the database (or a fresh demo one) and run the main window until it closes."""
    app = application()
    demo_dir = Path(tempfile.mkdtemp(prefix="mentordesk-demo-")) if demo else None
    try:
        db = _open(db_target, demo_dir)
    except MentorDeskError as exc:
        if demo_dir is not None:
            shutil.rmtree(demo_dir, ignore_errors=True)
        QMessageBox.critical(None, APP_NAME, str(exc))
        return EXIT_DATABASE_ERROR
    try:
        window = MainWindow(
            Services.for_database(db), UiSettings(),
            database_name=DEMO_TITLE if demo else None,
        )
        window.show()
        # Everything built so far lives as long as the window: keep it out of the
        # collector's full passes, which otherwise stall the GUI for 0.2 s while a
        # background load allocates thousands of rows.
        gc.freeze()
        return app.exec()
    finally:
        db.dispose()
        if demo_dir is not None:
            shutil.rmtree(demo_dir, ignore_errors=True)
