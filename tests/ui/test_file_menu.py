"""File menu: new/open/URL/recent databases through the composition root, import and
export hand-over, dropped spreadsheets, backup and restore, quit."""

from __future__ import annotations

import sqlite3
import sys
from contextlib import closing
from pathlib import Path

import pytest
from PySide6.QtCore import QMimeData, QPointF, Qt, QUrl
from PySide6.QtGui import QDropEvent
from PySide6.QtWidgets import QApplication, QFileDialog, QMessageBox

from mentordesk.db import Database, open_database
from mentordesk.services.container import Services
from mentordesk.ui.app import Desktop
from mentordesk.ui.main_window import MainWindow
from mentordesk.ui.settings import UiSettings

from .conftest import TODAY, fill


def count_volunteers(path: Path) -> int:
    """Independently of MentorDesk: plain SQL on the file (closed at once)."""
    with closing(sqlite3.connect(path)) as conn:
        return conn.execute("SELECT count(*) FROM volunteer").fetchone()[0]


@pytest.fixture
def desktop(qtbot, tmp_path):
    """The composition root on a filled database; the window closes at the end."""
    path = tmp_path / "first.sqlite"
    db = open_database(path, user="ui-test")
    fill(Services.for_database(db))
    app = Desktop(UiSettings(tmp_path / "ui.ini"), today=lambda: TODAY)
    app.show(db)
    yield app
    if app.window is not None:
        app.window.tasks.wait()
        app.window.close()
    if app.db is not None:
        app.db.dispose()


class Shown(list):
    """(kind, text) of each message box; `answers` to its questions, in turn (else No)."""

    answers: list[QMessageBox.StandardButton]


@pytest.fixture
def boxes(monkeypatch):
    """Message boxes, recorded instead of shown."""
    shown = Shown()
    shown.answers = answers = []

    def record(kind):
        def box(parent, title, text, *args, **kwargs):
            shown.append((kind, text))
            if kind == "question":
                return answers.pop(0) if answers else QMessageBox.StandardButton.No
            return QMessageBox.StandardButton.Ok
        return box

    for kind in ("warning", "information", "critical", "question"):
        monkeypatch.setattr(QMessageBox, kind, record(kind))
    return shown


def choose_file(monkeypatch, path: Path | str, which: str = "getOpenFileName") -> None:
    monkeypatch.setattr(QFileDialog, which, lambda *a, **k: (str(path), ""))


def wait_switched(qtbot, desktop, old):
    qtbot.waitUntil(lambda: desktop.window is not old and desktop.window is not None)
    desktop.window.tasks.wait()
    return desktop.window


def test_new_database_switches_the_window_and_is_remembered(qtbot, desktop, monkeypatch,
                                                            tmp_path):
    old, old_db = desktop.window, desktop.db
    assert old.windowTitle() == "first.sqlite — MentorDesk"
    choose_file(monkeypatch, tmp_path / "second", "getSaveFileName")  # no suffix given
    old.file_actions.new_action.trigger()
    window = wait_switched(qtbot, desktop, old)
    assert window.windowTitle() == "second.sqlite — MentorDesk"
    assert window.database_label.text() == "Database: second.sqlite"
    assert (tmp_path / "second.sqlite").is_file()
    assert desktop.db is not old_db and window.services.db is desktop.db
    assert count_volunteers(tmp_path / "second.sqlite") == 0  # a new, empty database
    assert old.tasks.running() == 0  # nothing of the old window is still running
    recent = desktop.settings.recent_databases()
    assert recent[:2] == [str(tmp_path / "second.sqlite"), str(tmp_path / "first.sqlite")]


def test_new_database_never_overwrites_a_file(qtbot, desktop, monkeypatch, boxes, tmp_path):
    existing = tmp_path / "taken.sqlite"
    existing.write_bytes(b"keep me")
    choose_file(monkeypatch, existing, "getSaveFileName")
    old = desktop.window
    old.file_actions.new_action.trigger()
    assert boxes == [("warning", f"{existing} already exists; open it with Open database… "
                                 "or choose another name.")]
    assert desktop.window is old and existing.read_bytes() == b"keep me"


def test_open_refuses_a_file_that_is_not_a_database(qtbot, desktop, monkeypatch, boxes,
                                                    tmp_path):
    notes = tmp_path / "notes.txt"
    notes.write_text("shopping list")
    choose_file(monkeypatch, notes)
    old = desktop.window
    old.file_actions.open_action.trigger()
    qtbot.waitUntil(lambda: boxes != [])
    old.tasks.wait()
    assert boxes == [("warning",
                      f"{notes} is not a MentorDesk database (it is not a SQLite file).")]
    assert desktop.window is old and not old.isHidden()  # still on the first database
    assert old.services.volunteers.list_rows(TODAY)  # and it still works


def test_open_an_existing_database_and_back_through_recent(qtbot, desktop, monkeypatch,
                                                           tmp_path):
    other = tmp_path / "other.sqlite"
    open_database(other).dispose()
    choose_file(monkeypatch, other)
    first = desktop.window
    first.file_actions.open_action.trigger()
    second = wait_switched(qtbot, desktop, first)
    assert second.windowTitle() == "other.sqlite — MentorDesk"
    menu = second.file_actions.recent_menu
    second.file_actions.fill_recent()
    entries = {a.data(): a for a in menu.actions() if a.data()}
    assert entries[str(other)].isEnabled() is False  # the one open now
    back = entries[str(tmp_path / "first.sqlite")]
    assert back.isEnabled()
    back.trigger()
    third = wait_switched(qtbot, desktop, second)
    assert third.windowTitle() == "first.sqlite — MentorDesk"
    third.show_page("volunteers")
    qtbot.waitUntil(lambda: third.count_label.text() == "5 volunteers")


def test_recent_files_that_went_missing_are_greyed_and_can_be_removed(desktop, tmp_path):
    gone = tmp_path / "gone.sqlite"
    settings = desktop.settings
    settings.add_recent_database(str(gone))
    actions = desktop.window.file_actions
    actions.fill_recent()
    entries = {a.data(): a for a in actions.recent_menu.actions() if a.data()}
    assert entries[str(gone)].text() == f"{gone} (not found)"
    assert not entries[str(gone)].isEnabled()
    forget = next(a for a in actions.recent_menu.actions() if a.text() == "Remove &missing files")
    assert forget.isEnabled()
    forget.trigger()
    assert str(gone) not in settings.recent_databases()
    assert settings.recent_databases() == [str(tmp_path / "first.sqlite")]


def test_recent_list_keeps_the_last_eight(tmp_path, qapp):
    settings = UiSettings(tmp_path / "ui.ini")
    for n in range(10):
        settings.add_recent_database(f"/data/{n}.sqlite")
    settings.add_recent_database("/data/3.sqlite")
    assert settings.recent_databases() == [
        "/data/3.sqlite", "/data/9.sqlite", "/data/8.sqlite", "/data/7.sqlite",
        "/data/6.sqlite", "/data/5.sqlite", "/data/4.sqlite", "/data/2.sqlite"]


def test_database_url_dialog_checks_the_url_then_opens_it(qtbot, desktop, tmp_path):
    old = desktop.window
    dialog = old.file_actions.open_url()
    dialog.editors["url"].widget.setText("just a name")
    dialog.accept()
    assert dialog.isVisible()
    assert dialog.message("url") == (
        "Enter a database URL such as postgresql+psycopg://user@host/dbname.")
    target = tmp_path / "by-url.sqlite"
    dialog.editors["url"].widget.setText(f"sqlite:///{target}")
    dialog.accept()
    window = wait_switched(qtbot, desktop, old)
    assert window.windowTitle() == "by-url.sqlite — MentorDesk"
    assert target.is_file()


def test_a_url_that_cannot_be_reached_is_one_sentence(qtbot, desktop, boxes):
    old = desktop.window
    desktop.open_database("nosuchdriver://somewhere/db", create=True)
    qtbot.waitUntil(lambda: boxes != [])
    old.tasks.wait()
    ((kind, text),) = boxes
    assert kind == "warning" and text.startswith("MentorDesk cannot use the database URL")
    assert text.endswith(".") and "\n" not in text
    assert desktop.window is old


# --- import and export -----------------------------------------------------------------

@pytest.fixture
def handed_over(monkeypatch):
    calls = []
    monkeypatch.setattr("mentordesk.ui.dialogs.import_wizard.open_import_wizard",
                        lambda context, parent, path=None: calls.append(
                            ("import", context, parent, path)))
    monkeypatch.setattr("mentordesk.ui.dialogs.export_dialog.open_export_dialog",
                        lambda context, parent: calls.append(("export", context, parent)))
    return calls


def test_import_and_export_open_their_dialogs_with_the_keyboard(qtbot, desktop, handed_over):
    window = desktop.window
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    qtbot.keyClick(window, Qt.Key.Key_I, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClick(window, Qt.Key.Key_E, Qt.KeyboardModifier.ControlModifier)
    assert handed_over == [("import", window.context, window, None),
                           ("export", window.context, window)]


def drop(window: MainWindow, *paths: Path) -> QDropEvent:
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(p)) for p in paths])
    event = QDropEvent(QPointF(10, 10), Qt.DropAction.CopyAction, mime,
                       Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier)
    window.dropEvent(event)
    return event


def test_a_dropped_spreadsheet_starts_an_import(desktop, handed_over, tmp_path):
    window = desktop.window
    note, sheet = tmp_path / "readme.pdf", tmp_path / "Volunteers.XLSX"
    note.write_bytes(b"%PDF")
    sheet.write_bytes(b"PK")
    drop(window, note)
    assert handed_over == []  # not a spreadsheet: nothing happens
    drop(window, note, sheet)
    assert handed_over == [("import", window.context, window, sheet)]
    for suffix in (".csv", ".tsv", ".txt", ".ods", ".xls", ".xlsm"):
        assert window.file_actions.dropped([tmp_path / f"missing{suffix}"]) is False
        (tmp_path / f"there{suffix}").write_text("a,b")
        assert window.file_actions.dropped([tmp_path / f"there{suffix}"]) is True


def test_a_missing_dialog_module_is_one_sentence(desktop, monkeypatch, boxes):
    monkeypatch.setitem(sys.modules, "mentordesk.ui.dialogs.export_dialog", None)
    desktop.window.file_actions.export_action.trigger()
    assert boxes == [("information", "Export is not part of this version of MentorDesk yet.")]


# --- backup and restore -----------------------------------------------------------------

def test_back_up_writes_a_copy_in_the_background(qtbot, desktop, monkeypatch, tmp_path):
    copy = tmp_path / "copies" / "monday.sqlite"
    choose_file(monkeypatch, copy, "getSaveFileName")
    window = desktop.window
    window.file_actions.backup_action.trigger()
    qtbot.waitUntil(lambda: window.statusBar().currentMessage() == f"Backed up to {copy}")
    assert count_volunteers(copy) == 5


def test_postgresql_backup_and_restore_are_the_administrators(desktop, monkeypatch, boxes):
    monkeypatch.setattr(Database, "path", property(lambda self: None))
    actions = desktop.window.file_actions
    actions.backup_action.trigger()
    actions.restore_action.trigger()
    assert [kind for kind, _ in boxes] == ["information", "information"]
    assert boxes[0][1].startswith("Back up a shared PostgreSQL database with pg_dump")
    assert boxes[1][1].startswith("A shared PostgreSQL database is restored by its administrator")


def test_restore_backs_up_first_then_reopens_on_the_backup(qtbot, desktop, monkeypatch, boxes,
                                                          tmp_path):
    first = tmp_path / "first.sqlite"
    backup = tmp_path / "saved.sqlite"
    desktop.window.services.maintenance.backup(backup)  # 5 volunteers
    desktop.window.services.volunteers.create(first_name="Late", last_name="Comer")
    assert count_volunteers(first) == 6
    choose_file(monkeypatch, backup)
    boxes.answers.append(QMessageBox.StandardButton.Yes)
    old = desktop.window
    old.file_actions.restore_action.trigger()
    window = wait_switched(qtbot, desktop, old)
    qtbot.waitUntil(lambda: any(kind == "information" for kind, _ in boxes))
    assert boxes[0][0] == "question" and "backed up first" in boxes[0][1]
    kind, text = boxes[1]
    assert text.startswith(f"Restored from {backup}. The database as it was before is kept in ")
    kept = Path(text.split(" is kept in ")[1].rstrip("."))
    assert count_volunteers(kept) == 6  # the state before the restore is kept
    assert count_volunteers(first) == 5  # the restored data is in the file the window uses
    assert window.windowTitle() == "first.sqlite — MentorDesk"
    assert len(window.services.volunteers.list_rows(TODAY)) == 5
    assert not (tmp_path / "first.sqlite.restoring").exists()
    assert count_volunteers(backup) == 5  # the backup itself is untouched


def test_restore_refuses_a_file_that_is_not_a_backup(qtbot, desktop, monkeypatch, boxes,
                                                     tmp_path):
    fake = tmp_path / "fake.sqlite"
    fake.write_text("not a database")
    choose_file(monkeypatch, fake)
    boxes.answers.append(QMessageBox.StandardButton.Yes)
    old = desktop.window
    old.file_actions.restore_action.trigger()
    qtbot.waitUntil(lambda: len(boxes) == 2)
    old.tasks.wait()
    assert boxes[1] == ("warning",
                        f"{fake} is not a MentorDesk backup (it is not a SQLite file).")
    assert desktop.window is old
    assert count_volunteers(tmp_path / "first.sqlite") == 5


def test_restore_asks_first_and_a_no_changes_nothing(desktop, monkeypatch, boxes, tmp_path):
    backup = tmp_path / "saved.sqlite"
    desktop.window.services.maintenance.backup(backup)
    choose_file(monkeypatch, backup)
    old = desktop.window
    old.file_actions.restore_action.trigger()  # the answer is No
    assert [kind for kind, _ in boxes] == ["question"]
    assert desktop.window is old


def test_quit_closes_the_window(qtbot, desktop):
    window = desktop.window
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    qtbot.keyClick(window, Qt.Key.Key_Q, Qt.KeyboardModifier.ControlModifier)
    assert not window.isVisible()


def test_a_recent_file_that_went_away_is_said_and_forgotten(qtbot, desktop, boxes, tmp_path):
    gone = tmp_path / "gone.sqlite"
    open_database(gone).dispose()
    desktop.settings.add_recent_database(str(gone))
    gone.unlink()
    old = desktop.window
    desktop.open_database(str(gone), create=False)
    qtbot.waitUntil(lambda: boxes != [])
    old.tasks.wait()
    assert boxes == [("warning", f"There is no database at {gone}.")]
    assert str(gone) not in desktop.settings.recent_databases()
    assert desktop.window is old


def test_restore_waits_for_another_program_to_let_go(qtbot, desktop, monkeypatch, boxes,
                                                     tmp_path):
    first, backup = tmp_path / "first.sqlite", tmp_path / "saved.sqlite"
    desktop.window.services.maintenance.backup(backup)
    other = sqlite3.connect(first)  # another program, in the middle of its work
    other.execute("PRAGMA journal_mode=WAL")
    other.execute("INSERT INTO setting (key, value) VALUES ('organisation_name', '\"Kept\"')")
    other.commit()
    try:
        choose_file(monkeypatch, backup)
        boxes.answers.append(QMessageBox.StandardButton.Yes)
        old = desktop.window
        old.file_actions.restore_action.trigger()
        window = wait_switched(qtbot, desktop, old)
        qtbot.waitUntil(lambda: len(boxes) == 2)
        assert boxes[1] == ("warning", "first.sqlite is still open in another program; "
                                       "close it there and restore again.")
        assert window.services.settings.value("organisation_name") == "Kept"  # not replaced
        assert not (tmp_path / "first.sqlite.restoring").exists()
    finally:
        other.close()


def test_a_database_opened_from_the_finder_switches_the_window(qtbot, desktop, tmp_path):
    from PySide6.QtGui import QFileOpenEvent

    from mentordesk.ui.app import FileOpenHandler

    other = tmp_path / "finder.sqlite"
    open_database(other).dispose()
    handler = FileOpenHandler(desktop)
    QApplication.instance().installEventFilter(handler)
    try:
        first = desktop.window
        QApplication.sendEvent(QApplication.instance(), QFileOpenEvent(str(other)))
        second = wait_switched(qtbot, desktop, first)
    finally:
        QApplication.instance().removeEventFilter(handler)
    assert second.windowTitle() == "finder.sqlite — MentorDesk"
