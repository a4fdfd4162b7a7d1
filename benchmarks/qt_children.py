"""Functions run in a fresh interpreter (benchmarks.harness.in_child) that need Qt:
cold start, the Sessions list, memory with the large database open.

Each returns a dict of numbers; nothing here is imported by the parent process.
"""

from __future__ import annotations

import os
import sqlite3
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


def _app():
    from PySide6.QtCore import QSettings, QStandardPaths
    from PySide6.QtWidgets import QApplication

    QStandardPaths.setTestModeEnabled(True)
    folder = tempfile.mkdtemp(prefix="mentordesk-bench-qs-")
    for fmt in (QSettings.Format.NativeFormat, QSettings.Format.IniFormat):
        QSettings.setPath(fmt, QSettings.Scope.UserScope, folder)
    return QApplication.instance() or QApplication([])


def _wait(app, done, timeout: float = 60.0) -> float:
    started = time.perf_counter()
    while not done():
        app.processEvents()
        if time.perf_counter() - started > timeout:
            raise TimeoutError("the page did not finish loading")
        time.sleep(0.001)
    return time.perf_counter() - started


def _busy(page) -> bool:
    return bool(getattr(page, "loading", False))


class _StallMeter:
    """Longest gap between two ticks of a 5 ms GUI-thread timer: a stall of the window."""

    def __init__(self):
        from PySide6.QtCore import QTimer

        self.longest = 0.0
        self._last = time.perf_counter()
        self._timer = QTimer()
        self._timer.setInterval(5)
        self._timer.timeout.connect(self._tick)
        self._timer.start()

    def _tick(self) -> None:
        now = time.perf_counter()
        self.longest = max(self.longest, now - self._last)
        self._last = now

    def reset(self) -> None:
        self.longest, self._last = 0.0, time.perf_counter()


def _window(db_path: str):
    from mentordesk.db import open_database
    from mentordesk.services.container import Services
    from mentordesk.ui.main_window import MainWindow
    from mentordesk.ui.settings import UiSettings

    db = open_database(db_path)
    ini = Path(tempfile.mkdtemp(prefix="mentordesk-bench-ui-")) / "ui.ini"
    return db, MainWindow(Services.for_database(db), UiSettings(ini))


def startup_mentordesk(db_path: str) -> dict:
    """Cold start: the interpreter's own start is in the parent's wall time; quit
    as soon as the main window has been shown and painted once."""
    from PySide6.QtCore import QTimer

    app = _app()
    db, window = _window(db_path)
    window.show()
    QTimer.singleShot(0, app.quit)
    app.exec()
    return {"db": str(db.label)}  # the child exits at once; background loads are dropped


def startup_bare(db_path: str) -> dict:
    """The baseline: a bare PySide6 window with a table of the same database's volunteers."""
    from PySide6.QtCore import QTimer
    from PySide6.QtGui import QStandardItem, QStandardItemModel
    from PySide6.QtWidgets import QMainWindow, QTableView

    app = _app()
    rows = sqlite3.connect(db_path).execute(
        "select first_name, last_name, email, status from volunteer"
    ).fetchall()
    model = QStandardItemModel(len(rows), 4)
    for r, row in enumerate(rows[:200]):
        for c, value in enumerate(row):
            model.setItem(r, c, QStandardItem(str(value)))
    window = QMainWindow()
    table = QTableView()
    table.setModel(model)
    window.setCentralWidget(table)
    window.resize(1200, 800)
    window.show()
    QTimer.singleShot(0, app.quit)
    app.exec()
    return {}


def sessions_list(db_path: str, repeat: str = "5") -> dict:
    """First paint of the Sessions page and the time per search keystroke,
    with the longest GUI-thread stall seen while they ran."""
    app = _app()
    db, window = _window(db_path)
    window.resize(1400, 900)
    window.show()
    app.processEvents()
    meter = _StallMeter()
    first, keys, stalls = [], [], []
    for _ in range(int(repeat)):
        window.show_page("dashboard")
        _wait(app, lambda: not _busy(window.current_page()))
        window.show_page("sessions")
        page = window.current_page()
        page.reload()  # a fresh read, as on first opening
        meter.reset()
        started = time.perf_counter()
        _wait(app, lambda: not _busy(page) and page.model.rowCount() > 0)
        page.table.viewport().repaint()
        first.append(time.perf_counter() - started)
        for text in ("m", "ma", "mar", "mari", "maria"):
            started = time.perf_counter()
            page.set_search_text(text)
            _wait(app, lambda: not _busy(page))
            page.table.viewport().repaint()
            keys.append(time.perf_counter() - started)
        page.set_search_text("")
        _wait(app, lambda: not _busy(page))
        stalls.append(meter.longest)
    window.close()
    db.dispose()
    return {"first_paint": first, "keystroke": keys, "stall": stalls}


def sessions_bare(db_path: str, repeat: str = "5") -> dict:
    """The baseline: a bare QTableView over a plain list model of the same rows,
    filtered by a QSortFilterProxyModel."""
    from PySide6.QtCore import QAbstractTableModel, QModelIndex, QSortFilterProxyModel, Qt
    from PySide6.QtWidgets import QTableView

    app = _app()
    sql = (
        "select s.session_date, v.first_name || ' ' || v.last_name, y.first_name || ' ' || "
        "y.last_name, s.duration_minutes, s.medium, s.status from session s join match m on m.id = "
        "s.match_id join volunteer v on v.id = m.volunteer_id join youth y on y.id = m.youth_id "
        "order by s.session_date desc"
    )

    class Plain(QAbstractTableModel):
        def __init__(self, rows):
            super().__init__()
            self.rows = rows

        def rowCount(self, parent=QModelIndex()):
            return 0 if parent.isValid() else len(self.rows)

        def columnCount(self, parent=QModelIndex()):
            return 6

        def data(self, index, role=Qt.ItemDataRole.DisplayRole):
            if role == Qt.ItemDataRole.DisplayRole:
                return str(self.rows[index.row()][index.column()])
            return None

    first, keys = [], []
    for _ in range(int(repeat)):
        started = time.perf_counter()
        rows = sqlite3.connect(db_path).execute(sql).fetchall()
        proxy = QSortFilterProxyModel()
        proxy.setSourceModel(Plain(rows))
        proxy.setFilterKeyColumn(-1)
        proxy.setFilterCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        view = QTableView()
        view.resize(1400, 800)
        view.setModel(proxy)
        view.show()
        app.processEvents()
        view.viewport().repaint()
        first.append(time.perf_counter() - started)
        for text in ("m", "ma", "mar", "mari", "maria"):
            started = time.perf_counter()
            proxy.setFilterFixedString(text)
            view.viewport().repaint()
            keys.append(time.perf_counter() - started)
        view.close()
    return {"first_paint": first, "keystroke": keys}


def memory_open(db_path: str) -> dict:
    """Peak memory with the large database open, after visiting every page."""
    from mentordesk.ui.main_window import PAGE_CLASSES

    app = _app()
    db, window = _window(db_path)
    window.resize(1400, 900)
    window.show()
    for key in PAGE_CLASSES:
        window.show_page(key)
        page = window.current_page()
        _wait(app, lambda: not _busy(page))
        app.processEvents()
    window.close()
    db.dispose()
    return {"pages": len(PAGE_CLASSES)}
