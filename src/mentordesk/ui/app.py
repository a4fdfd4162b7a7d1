"""Composition root of the desktop app: database → services → main window.

Nothing here is global: the window gets the services it uses. Errors opening the
database are one sentence in a message box and exit code 2, never a traceback.
Desktop switches the app to another database (File → New / Open / Open recent /
Restore): it opens the new one off the GUI thread, then builds a new window on
it and retires the old window (its background work cancelled and finished)
and the old engine.
"""

from __future__ import annotations

import gc
import os
import shutil
import sys
import tempfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import date
from pathlib import Path

from PySide6.QtCore import QEvent, QObject, Qt, QTimer
from PySide6.QtWidgets import QApplication, QMessageBox

from ..db import Database, default_database_path, open_database
from ..domain.errors import MentorDeskError
from ..services.container import Services
from .about import app_version
from .database_files import open_target, put_in_place, remembered_target, restore_candidate
from .main_window import MainWindow
from .settings import UiSettings
from .tasks import show_error

APP_NAME = "MentorDesk"
EXIT_DATABASE_ERROR = 2
DEMO_TITLE = "Demo data (temporary)"
# For the frozen-build smoke test (packaging/smoke): when set to a number of
# milliseconds, the app quits by itself that long after the main window is shown.
SMOKE_QUIT_ENV = "MENTORDESK_SMOKE_QUIT_MS"


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
    from ..services.demo import build_demo  # only for --demo: not on every start

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


@contextmanager
def _staying_open() -> Iterator[None]:
    """Between closing one window and showing the next, the app must not quit."""
    app = QApplication.instance()
    before = app.quitOnLastWindowClosed() if app is not None else True
    if app is not None:
        app.setQuitOnLastWindowClosed(False)
    try:
        yield
    finally:
        if app is not None:
            app.setQuitOnLastWindowClosed(before)


class Desktop:
    """The running app: one database and the main window on it at a time."""

    def __init__(self, settings: UiSettings, *, today: Callable[[], date] = date.today):
        self.settings, self.today = settings, today
        self.db: Database | None = None
        self.window: MainWindow | None = None

    def show(self, db: Database, name: str | None = None, *, remember: bool = True) -> MainWindow:
        """A window on `db`; the window before it (and its database) is retired."""
        with _staying_open():
            self._retire(dispose=self.db is not db)
            self.db = db
            window = self.window = MainWindow(Services.for_database(db), self.settings,
                                              database_name=name, today=self.today, host=self)
            window.show()
        if remember:
            self.settings.add_recent_database(remembered_target(db))
        return window

    def _retire(self, dispose: bool = True) -> None:
        """Close the window (its work cancelled and finished, its state saved) and let go of
        its database."""
        window, db = self.window, self.db
        if window is not None:
            window.close()
            window.deleteLater()
        self.window = None
        if db is not None and dispose:
            db.dispose()

    def open_database(self, target: str, *, create: bool) -> None:
        """Open `target` off the GUI thread, then show it; a refusal is one sentence and the
        window stays on the database it has."""
        window = self.window
        assert window is not None
        if self.db is not None and str(target) in (self.db.label, remembered_target(self.db)):
            return  # already open
        window.tasks.run(lambda _control: open_target(target, create=create), self.show,
                         lambda exc: self._refused(target, exc), label="Opening the database…",
                         parent=window)

    def _refused(self, target: str, exc: BaseException) -> None:
        if "://" not in target and not Path(target).exists():  # a recent file that went away
            self.settings.remove_recent_database(target)
        show_error(self.window, exc)

    def restore_backup(self, backup: Path) -> None:
        """Replace the open SQLite database with `backup`: the database as it is is backed
        up first (beside it); the window then reopens on the restored data."""
        window, db = self.window, self.db
        assert window is not None and db is not None and db.path is not None
        target, maintenance = db.path, window.services.maintenance

        def prepare(_control) -> tuple[Path, Path]:
            kept = maintenance.backup()
            return restore_candidate(backup, target), kept

        window.tasks.run(prepare, lambda result: self._swap(backup, target, *result),
                         label="Restoring from the backup…", parent=window)

    def _swap(self, backup: Path, target: Path, candidate: Path, kept: Path) -> None:
        with _staying_open():
            self._retire()
            report = QMessageBox.information
            try:
                put_in_place(candidate, target)
                message = (f"Restored from {backup}. The database as it was before is kept "
                           f"in {kept}.")
            except (MentorDeskError, OSError) as exc:
                report = QMessageBox.warning
                message = str(exc) if isinstance(exc, MentorDeskError) else (
                    f"The backup could not be put in place ({exc}); nothing was changed.")
            try:
                self.show(open_target(target, create=False), remember=False)
            except MentorDeskError as exc:  # nothing left to show: say why and stop
                QMessageBox.critical(None, APP_NAME, str(exc))
                QApplication.quit()
                return
        report(self.window, "Restore from backup", message)


class FileOpenHandler(QObject):
    """macOS hands a database file double-clicked in Finder (the bundle declares the
    document type) to the running app as a FileOpen event: open it like File > Open."""

    def __init__(self, desktop: Desktop):
        super().__init__()
        self.desktop = desktop

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.FileOpen and self.desktop.window is not None:
            path = event.file()  # type: ignore[attr-defined]
            if path:
                self.desktop.open_database(path, create=False)
                return True
        return super().eventFilter(watched, event)


def _quit_after_smoke_delay(app: QApplication) -> None:
    """Smoke-test hook: quit SMOKE_QUIT_ENV ms after the window is shown (unset: never)."""
    delay = os.environ.get(SMOKE_QUIT_ENV, "").strip()
    if delay.isdigit():
        print(f"MentorDesk: main window shown; quitting in {delay} ms ({SMOKE_QUIT_ENV}).",
              file=sys.stderr)
        QTimer.singleShot(int(delay), app.quit)


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
    desktop = Desktop(UiSettings())
    opener = FileOpenHandler(desktop)
    app.installEventFilter(opener)
    try:
        desktop.show(db, DEMO_TITLE if demo else None, remember=not demo)
        # Everything built so far lives as long as the window: keep it out of the
        # collector's full passes, which otherwise stall the GUI for 0.2 s while a
        # background load allocates thousands of rows.
        gc.freeze()
        _quit_after_smoke_delay(app)
        return app.exec()
    finally:
        if desktop.db is not None:
            desktop.db.dispose()
        if demo_dir is not None:
            shutil.rmtree(demo_dir, ignore_errors=True)
