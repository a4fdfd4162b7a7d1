"""The File menu: databases (new, open, URL, recent), import, export, backup, restore, quit.

Switching databases is the composition root's job (ui/app.py, the `host`):
these actions only ask for a file or URL and hand it over. Import and export
open their dialogs, imported lazily (other modules own them). Backups run in the
background with a progress dialog; a shared PostgreSQL database is backed up
and restored by its administrator, which the actions say in one sentence.
"""

from __future__ import annotations

import importlib
from collections.abc import Sequence
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

from PySide6.QtCore import QMimeData, QObject, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QFileDialog, QMenu, QMessageBox

from ..domain.errors import MentorDeskError
from .database_files import (
    DATABASE_FILTER,
    new_database_path,
    spreadsheet_in,
    target_missing,
)
from .tasks import show_error

if TYPE_CHECKING:
    from .dialogs.database_url import DatabaseUrlDialog
    from .main_window import MainWindow

PG_BACKUP = ("Back up a shared PostgreSQL database with pg_dump (or ask its administrator); "
             "MentorDesk backs up SQLite files.")
PG_RESTORE = ("A shared PostgreSQL database is restored by its administrator (with "
              "pg_restore); MentorDesk restores SQLite files.")
MISSING_DIALOG = "{what} is not part of this version of MentorDesk yet."


class DatabaseHost(Protocol):
    """What switches the window to another database (ui/app.py's Desktop)."""

    def open_database(self, target: str, *, create: bool) -> None: ...

    def restore_backup(self, backup: Path) -> None: ...


def _dialog_function(module: str, name: str, what: str, parent):
    """The function `name` of ui/dialogs/`module`, imported now (tests patch it there);
    None, said in one sentence, when that module is not there."""
    full = f"{__package__}.dialogs.{module}"
    try:
        return getattr(importlib.import_module(full), name)
    except ModuleNotFoundError as exc:
        if exc.name != full:
            raise
        QMessageBox.information(parent, "MentorDesk", MISSING_DIALOG.format(what=what))
        return None


class FileActions(QObject):
    def __init__(self, window: MainWindow, host: DatabaseHost | None):
        super().__init__(window)
        self.window, self.host = window, host
        self.url_dialog: DatabaseUrlDialog | None = None
        self.new_action = self._action("&New database…", self.new_database,
                                       QKeySequence("Ctrl+Shift+N"))
        self.open_action = self._action("&Open database…", self.open_database,
                                        QKeySequence.StandardKey.Open)
        self.url_action = self._action("Open database &URL…", self.open_url)
        self.import_action = self._action("&Import…", self.import_file, QKeySequence("Ctrl+I"))
        self.export_action = self._action("&Export…", self.export, QKeySequence("Ctrl+E"))
        self.backup_action = self._action("&Back up…", self.back_up)
        self.restore_action = self._action("Rest&ore from backup…", self.restore)
        self.quit_action = self._action("&Quit", window.close)
        # The platform's own (Cmd+Q on macOS); Windows and some desktops have none: Ctrl+Q.
        self.quit_action.setShortcuts(QKeySequence.keyBindings(QKeySequence.StandardKey.Quit)
                                      or [QKeySequence("Ctrl+Q")])
        self.quit_action.setMenuRole(QAction.MenuRole.QuitRole)
        for action in (self.new_action, self.open_action, self.url_action, self.restore_action):
            action.setEnabled(host is not None)
        self.recent_menu = QMenu("Open &recent", window)
        self.recent_menu.setObjectName("recentMenu")
        self.recent_menu.setEnabled(host is not None)
        self.recent_menu.aboutToShow.connect(self.fill_recent)

    def _action(self, text: str, slot, shortcut: QKeySequence | None = None) -> QAction:
        action = QAction(text, self.window)
        if shortcut is not None:
            action.setShortcut(shortcut)
        action.triggered.connect(lambda _=False: slot())
        return action

    def fill(self, menu: QMenu) -> None:
        for action in (self.new_action, self.open_action, self.url_action):
            menu.addAction(action)
        menu.addMenu(self.recent_menu)
        menu.addSeparator()
        menu.addAction(self.import_action)
        menu.addAction(self.export_action)
        menu.addSeparator()
        menu.addAction(self.backup_action)
        menu.addAction(self.restore_action)
        menu.addSeparator()
        menu.addAction(self.quit_action)

    # --- databases ------------------------------------------------------------------------

    def new_database(self) -> None:
        chosen, _ = QFileDialog.getSaveFileName(
            self.window, "New database", str(self._folder() / "mentordesk.sqlite"),
            DATABASE_FILTER, options=QFileDialog.Option.DontConfirmOverwrite)
        if not chosen:
            return
        try:
            path = new_database_path(chosen)
        except MentorDeskError as exc:
            show_error(self.window, exc)
            return
        self.host.open_database(str(path), create=True)

    def open_database(self) -> None:
        chosen, _ = QFileDialog.getOpenFileName(
            self.window, "Open database", str(self._folder()), DATABASE_FILTER)
        if chosen:
            self.host.open_database(chosen, create=False)

    def open_url(self) -> DatabaseUrlDialog:
        from .dialogs.database_url import DatabaseUrlDialog

        dialog = self.url_dialog = DatabaseUrlDialog(self.window)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.chosen.connect(lambda url: self.host.open_database(url, create=True))
        dialog.finished.connect(lambda _=0: setattr(self, "url_dialog", None))
        dialog.open()
        return dialog

    def fill_recent(self) -> None:
        """The last databases opened; missing files are greyed, with a way to forget them."""
        self.recent_menu.clear()
        recent = self.window.settings.recent_databases()
        current = self.window.services.db.label
        for target in recent:
            missing = target_missing(target)
            action = self.recent_menu.addAction(
                target + (" (not found)" if missing else ""),
                lambda t=target: self.host.open_database(t, create=False))
            action.setEnabled(not missing and target != current)
            action.setData(target)
        if not recent:
            self.recent_menu.addAction("No databases opened yet").setEnabled(False)
        self.recent_menu.addSeparator()
        forget = self.recent_menu.addAction("Remove &missing files", self._forget_missing)
        forget.setEnabled(any(target_missing(t) for t in recent))
        self.recent_menu.addAction("&Clear list", self.window.settings.clear_recent_databases)

    def _forget_missing(self) -> None:
        for target in self.window.settings.recent_databases():
            if target_missing(target):
                self.window.settings.remove_recent_database(target)

    def _folder(self) -> Path:
        path = self.window.services.db.path
        return path.parent if path is not None else Path.home()

    # --- import and export ---------------------------------------------------------------

    def import_file(self, path: Path | None = None) -> None:
        """The import wizard, for `path` or (None) a file the wizard asks for."""
        wizard = _dialog_function("import_wizard", "open_import_wizard", "Import",
                                  self.window)
        if wizard is not None:
            wizard(self.window.context, self.window, path)

    def export(self) -> None:
        dialog = _dialog_function("export_dialog", "open_export_dialog", "Export", self.window)
        if dialog is not None:
            dialog(self.window.context, self.window)

    def accepts_drop(self, mime: QMimeData) -> Path | None:
        """The spreadsheet among dropped files (import reads it), if there is one."""
        if not mime.hasUrls():
            return None
        return spreadsheet_in(u.toLocalFile() for u in mime.urls() if u.isLocalFile())

    def dropped(self, paths: Sequence[str | Path]) -> bool:
        path = spreadsheet_in(paths)
        if path is not None:
            self.import_file(path)
        return path is not None

    # --- backup and restore -----------------------------------------------------------------

    def back_up(self) -> None:
        db = self.window.services.db
        if db.path is None:
            QMessageBox.information(self.window, "Back up", PG_BACKUP)
            return
        stamp = datetime.now().strftime("%Y%m%d-%H%M")
        suggested = db.path.with_name(f"{db.path.stem}.backup-{stamp}{db.path.suffix}")
        chosen, _ = QFileDialog.getSaveFileName(self.window, "Back up the database",
                                                str(suggested), DATABASE_FILTER)
        if not chosen:
            return
        if Path(chosen).resolve() == db.path.resolve():
            show_error(self.window, MentorDeskError(
                "A backup cannot replace the database itself; choose another name."))
            return
        maintenance = self.window.services.maintenance
        self.window.tasks.run(lambda control: maintenance.backup(Path(chosen), progress=control),
                              self._backed_up,
                              label="Backing up the database…", parent=self.window)

    def _backed_up(self, path: Path) -> None:
        self.window.statusBar().showMessage(f"Backed up to {path}", 10_000)

    def restore(self) -> None:
        db = self.window.services.db
        if db.path is None:
            QMessageBox.information(self.window, "Restore from backup", PG_RESTORE)
            return
        chosen, _ = QFileDialog.getOpenFileName(
            self.window, "Restore from backup", str(self._folder()), DATABASE_FILTER)
        if not chosen:
            return
        answer = QMessageBox.question(
            self.window, "Restore from backup",
            f"Replace everything in {db.path.name} with the backup {Path(chosen).name}? "
            "The database as it is now is backed up first, beside it.",
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.No)
        if answer == QMessageBox.StandardButton.Yes:
            self.host.restore_backup(Path(chosen))
