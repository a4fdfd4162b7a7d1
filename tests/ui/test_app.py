"""The composition root: errors are one sentence and exit code 2; the demo opens and cleans up."""

import time
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication, QMessageBox

from mentordesk.ui import app as app_module
from mentordesk.ui.app import EXIT_DATABASE_ERROR, run_gui
from mentordesk.ui.main_window import MainWindow
from mentordesk.ui.settings import UiSettings


@pytest.fixture
def critical(monkeypatch):
    """QMessageBox.critical, recorded instead of shown (a modal box would block)."""
    calls = []

    def record(parent, title, text, *args, **kwargs):
        calls.append((title, text))
        return QMessageBox.StandardButton.Ok

    monkeypatch.setattr(QMessageBox, "critical", record)
    return calls


@pytest.fixture
def no_event_loop(monkeypatch, tmp_path):
    """run_gui's window, captured instead of run; UI settings in a temporary file."""
    windows = []

    def fake_exec(self=None):
        windows.extend(w for w in QApplication.topLevelWidgets()
                       if isinstance(w, MainWindow) and w.isVisible())
        for window in windows:  # the loop paints the window, then its page reads (in the
            deadline = time.monotonic() + 20  # background); a fresh start opens on the dashboard
            while window.current_page().dashboard is None and time.monotonic() < deadline:
                QApplication.processEvents()
                window.tasks.wait(50)
            window.tasks.wait()
        QApplication.processEvents()
        for window in windows:
            window.close()
        return 0

    monkeypatch.setattr(QApplication, "exec", fake_exec)
    monkeypatch.setattr(app_module, "UiSettings", lambda: UiSettings(tmp_path / "ui.ini"))
    return windows


def test_a_file_that_is_not_a_database_is_one_sentence_and_exit_2(qapp, critical, tmp_path):
    not_db = tmp_path / "notes.txt"
    not_db.write_text("shopping list")
    assert run_gui(str(not_db)) == EXIT_DATABASE_ERROR
    (title, text), = critical
    assert title == "MentorDesk"
    assert text == f"{not_db} is not a MentorDesk database (it is not a SQLite file)."
    assert "Traceback" not in text


def test_a_folder_is_refused(qapp, critical, tmp_path):
    assert run_gui(str(tmp_path)) == EXIT_DATABASE_ERROR
    assert critical[0][1].endswith("is a folder, not a MentorDesk database file.")


def test_a_place_that_cannot_be_written_is_one_sentence(qapp, critical, tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("")
    assert run_gui(str(blocker / "sub" / "db.sqlite")) == EXIT_DATABASE_ERROR
    assert critical[0][1].startswith("MentorDesk cannot open")
    assert critical[0][1].endswith(".")


def test_opens_a_database_in_the_main_window(qapp, critical, no_event_loop, tmp_path):
    target = tmp_path / "new.sqlite"
    assert run_gui(str(target)) == 0
    assert critical == []
    (window,) = no_event_loop
    assert window.windowTitle() == "new.sqlite — MentorDesk"
    assert QApplication.applicationName() == "MentorDesk"
    assert QApplication.organizationName() == "MentorDesk"
    assert target.exists()


def test_demo_builds_a_temporary_database_and_removes_it(qapp, critical, no_event_loop):
    assert run_gui(None, demo=True) == 0
    assert critical == []
    (window,) = no_event_loop
    assert window.windowTitle() == "Demo data (temporary) — MentorDesk"
    assert window.current_page().dashboard.figures.active_matches > 0  # opens on the dashboard
    folder = Path(window.services.db.path).parent
    assert folder.name.startswith("mentordesk-demo-")
    assert not folder.exists()  # the demo is gone when the window closes


def test_no_database_given_opens_the_default_one(qapp, critical, no_event_loop, monkeypatch,
                                                 tmp_path):
    default = tmp_path / "data" / "mentordesk.sqlite"
    monkeypatch.setattr(app_module, "default_database_path", lambda: default)
    assert run_gui(None) == 0
    assert critical == []
    assert default.exists()
    (window,) = no_event_loop
    assert window.database_label.toolTip() == str(default)
